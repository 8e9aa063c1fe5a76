/**
 * How replies look on Telegram: the text, a short hint, and the choices as an inline
 * keyboard. Each button carries the step it answers, so a press on an old keyboard is
 * recognised as old instead of being read as an answer to a later question.
 */
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';
import type { Reply } from '../../conversation/reply.js';
import { texts } from '../../conversation/texts/index.js';

const VERSION = 'v1';

/** "v1|needs|shopping": at most 64 bytes, as Telegram requires. */
export function callbackData(step: string, choice: string): string {
  return `${VERSION}|${step}|${choice}`.slice(0, 64);
}

export function parseCallbackData(data: string): { step: string; choice: string } | null {
  const [version, step, choice] = data.split('|');
  if (version !== VERSION || !step || !choice) return null;
  return { step, choice };
}

export function renderTelegram(reply: Reply): string {
  const hint = reply.select === 'many' ? texts(reply.lang).telegram.pickMany : '';
  return hint ? `${reply.text}\n${hint}` : reply.text;
}

/** The reply's choices as buttons: two to a row when the labels are short, else one. */
export function keyboardFor(reply: Reply): InlineKeyboardMarkup | undefined {
  const choices = reply.choices ?? [];
  if (choices.length === 0) return undefined;
  const step = reply.step ?? '';
  const buttons: InlineKeyboardButton[] = choices.map((c) => ({ text: c.label, callback_data: callbackData(step, c.id) }));
  const perRow = choices.every((c) => c.label.length <= 14) ? 2 : 1;
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return { inline_keyboard: rows };
}
