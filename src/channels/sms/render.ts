import type { Reply } from '../../conversation/reply.js';
import { texts } from '../../conversation/texts/index.js';

/**
 * Punctuation that phones and keyboards put in (curly quotes, long dashes, ellipses)
 * and that would push a whole text out of GSM-7 into UCS-2, where a segment holds 70
 * characters instead of 160. Letters are never changed: a name is kept as written.
 */
const GSM_FRIENDLY: [RegExp, string][] = [
  [/[\u2018\u2019\u201a\u201b\u2032]/g, "'"],
  [/[\u201c\u201d\u201e\u201f\u2033]/g, '"'],
  [/[\u2013\u2014\u2015\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/[\u00a0\u2000-\u200a\u202f\u205f]/g, ' '],
  [/[\u200b-\u200d\u2060\ufeff]/g, ''],
];

export function gsmFriendly(text: string): string {
  return GSM_FRIENDLY.reduce((s, [pattern, replacement]) => s.replace(pattern, replacement), text);
}

/**
 * Turns a neutral reply into the text of an SMS: the question, a short hint on how to
 * answer, and the choices as numbered lines ("1 Yes").
 */
export function renderSms(reply: Reply): string {
  const t = texts(reply.lang);
  const hint = reply.select === 'many' ? t.sms.pickMany : reply.select === 'one' ? t.sms.pickOne : '';
  const head = hint ? `${reply.text} ${hint}` : reply.text;
  const lines = (reply.choices ?? []).map((choice, i) => `${i + 1} ${choice.label}`);
  return gsmFriendly([head, ...lines].join('\n'));
}
