import type { Lang } from './texts/index.js';
import type { Step } from './state.js';

/** One option offered with a question: a number on SMS, a button on Telegram. */
export interface Choice {
  id: string;
  label: string;
}

/**
 * A message from the bot in neutral form. Channel renderers turn it into SMS text
 * with numbered lines or a Telegram message with buttons.
 *
 * @example { lang: 'en', text: 'Is that right?', choices: [{ id: 'yes', label: 'Yes' }, { id: 'change', label: 'Change something' }], select: 'one', step: 'confirm' }
 */
export interface Reply {
  lang: Lang;
  text: string;
  choices?: Choice[];
  /** Whether the question takes one choice or several. */
  select?: 'one' | 'many';
  /**
   * The step the choices answer; buttons carry it so old ones can be recognised.
   * 'word' marks buttons that stand for words ("YES 4821") whatever the step.
   */
  step?: Step | 'word';
}
