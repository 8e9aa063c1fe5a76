/**
 * How replies look on WhatsApp. A question with two or three choices goes as
 * quick-reply buttons when a Content template for that many buttons is configured
 * (WhatsApp allows up to three in a free-form message); otherwise, and for longer
 * lists or several picks, the choices are numbered lines as on SMS. Each button
 * carries the step it answers, as on Telegram, so a press maps back to its choice.
 */
import type { Reply } from '../../conversation/reply.js';
import { texts } from '../../conversation/texts/index.js';
import type { WhatsAppConfig, WhatsAppTemplateKind } from '../../platform/config.js';
import { callbackData } from '../telegram/render.js';

type Templates = WhatsAppConfig['templates'];

/** WhatsApp's longest quick-reply button title. */
export const BUTTON_TITLE_MAX = 20;

/** The quick-reply template for this reply's choices, or undefined when they go as numbered lines. */
export function buttonsTemplate(reply: Reply, templates: Templates): string | undefined {
  const choices = reply.choices ?? [];
  if (reply.select === 'many' || choices.some((c) => c.label.length > BUTTON_TITLE_MAX)) return undefined;
  if (choices.length === 2) return templates.buttons2;
  if (choices.length === 3) return templates.buttons3;
  return undefined;
}

/** The text of a reply: the question alone under buttons, or with a hint and numbered lines. */
export function renderWhatsApp(reply: Reply, templates: Templates): string {
  if (buttonsTemplate(reply, templates)) return reply.text;
  const t = texts(reply.lang);
  const hint = reply.select === 'many' ? t.sms.pickMany : reply.select === 'one' ? t.sms.pickOne : '';
  const head = hint ? `${reply.text} ${hint}` : reply.text;
  const lines = (reply.choices ?? []).map((choice, i) => `${i + 1} ${choice.label}`);
  return [head, ...lines].join('\n');
}

/**
 * A template variable on one line: WhatsApp refuses variables holding new lines,
 * tabs or more than four spaces in a row.
 */
export function oneLine(text: string): string {
  return text
    .split(/\s*\n\s*/)
    .filter((line) => line !== '')
    .join(' / ')
    .replace(/\t/g, ' ')
    .replace(/ {2,}/g, ' ');
}

/** The variables of a quick-reply template: 1 the question, then each button's title and id. */
export function buttonVariables(reply: Reply): Record<string, string> {
  const variables: Record<string, string> = { '1': oneLine(reply.text) };
  (reply.choices ?? []).forEach((choice, i) => {
    variables[String(2 + i * 2)] = choice.label;
    variables[String(3 + i * 2)] = callbackData(reply.step ?? '', choice.id);
  });
  return variables;
}

/** Outside the window: which approved template carries a message of this purpose. */
export function templateFor(templates: Templates, purpose: string | undefined): string | undefined {
  const kind = (purpose ?? 'normal') as WhatsAppTemplateKind;
  const own = kind === 'buttons2' || kind === 'buttons3' ? undefined : templates[kind];
  return own ?? templates.default;
}
