/**
 * How the console says things: times as a tired person reads them ("3 days",
 * "Tue 1 Dec, 9:05pm"), kinds of alert and states in plain words, numbers masked.
 * Pure: no I/O, no clock (the time is passed in).
 */
import { texts } from '../conversation/texts/index.js';
import { maskAddress } from '../platform/log.js';

// The console is for coordinators, and stays in English.
const t = texts('en');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** A duration in the largest whole unit that says it: "just now", "12 minutes", "5 hours", "3 days", "6 weeks". */
export function duration(ms: number): string {
  if (ms < MINUTE) return 'less than a minute';
  if (ms < HOUR) return plural(Math.floor(ms / MINUTE), 'minute');
  if (ms < DAY) return plural(Math.floor(ms / HOUR), 'hour');
  if (ms < 14 * DAY) return plural(Math.floor(ms / DAY), 'day');
  return plural(Math.floor(ms / (7 * DAY)), 'week');
}

const LONDON = 'Europe/London';
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});
const dateFormat = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, day: 'numeric', month: 'short', year: 'numeric' });

/** "Tue 1 Dec, 9:05pm", in UK time. */
export function dateTime(ms: number): string {
  return dateTimeFormat.format(ms).replace(' am', 'am').replace(' pm', 'pm');
}

/** "1 Dec 2026", in UK time. */
export function date(ms: number): string {
  return dateFormat.format(ms);
}

/** For a <time datetime> attribute and CSV files. */
export function iso(ms: number | null): string {
  return ms === null ? '' : new Date(ms).toISOString();
}

/** London's offset from UTC at a moment, in ms (0 in winter, an hour in summer). */
function londonOffset(ms: number): number {
  const parts = new Map(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: LONDON,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
      .formatToParts(ms)
      .map((p) => [p.type, Number(p.value)]),
  );
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.get(type) ?? 0;
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')) - Math.floor(ms / 1000) * 1000;
}

/** Midnight at the start of the Monday of the week `ms` is in, UK time. */
export function weekStart(ms: number): number {
  const local = new Date(ms + londonOffset(ms));
  const daysSinceMonday = (local.getUTCDay() + 6) % 7;
  const midnightLocal = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - daysSinceMonday);
  return midnightLocal - londonOffset(midnightLocal);
}

/** What a category is called ("shopping", "a phone chat"); "in their own words" for needs that fit none. */
export function categoryLabel(category: string): string {
  return category in t.category ? t.category[category as keyof typeof t.category] : 'in their own words';
}

/** Every category a filter can choose, with its name. */
export const CATEGORY_OPTIONS: readonly { value: string; label: string }[] = [
  ...Object.entries(t.category).map(([value, label]) => ({ value, label })),
  { value: 'other', label: 'in their own words' },
];

/** The person's own words where they used some, else what the category is called. */
export function whatTheySaid(item: { category: string; words: string | null }): string {
  const words = item.words?.trim();
  return words ? words : categoryLabel(item.category);
}

const ALERT_KINDS: Record<string, string> = {
  crisis: 'May be in danger',
  distress: 'May be struggling',
  concern: 'Words that may be a worry',
  unread: 'Words the bot could not place',
  problem: 'Problem after help',
  requested: 'Asked for a person',
  stuck: 'The bot could not understand them',
  unmatched: 'No one found yet',
  failed_message: 'A message could not be handled',
  unreached: 'A message could not reach them',
};

export function alertKindLabel(kind: string): string {
  return ALERT_KINDS[kind] ?? kind.replace(/_/g, ' ');
}

const STATES: Record<string, string> = {
  open: 'Waiting',
  matched: 'Matched',
  met: 'Met',
  cancelled: 'Closed',
  active: 'Offered',
  withdrawn: 'Withdrawn',
  done: 'Done',
  closed: 'Closed',
  accepted: 'Said yes',
  declined: 'Said no',
  expired: 'No answer',
};

export function stateLabel(state: string): string {
  return STATES[state] ?? state;
}

const CHANNELS: Record<string, string> = { sms: 'SMS', telegram: 'Telegram', simulator: 'Simulator', whatsapp: 'WhatsApp' };

export function channelLabel(channel: string): string {
  return CHANNELS[channel] ?? channel;
}

/** A number or chat id as the console shows it until "show number" is pressed. */
export function masked(address: string): string {
  return maskAddress(address);
}

/** Why a message did not reach someone, in words, or null if it did (or may yet). */
export function failure(message: { direction: 'in' | 'out'; status: string; delivery_status: string | null; error: string | null }): string | null {
  if (message.direction === 'in') return message.status === 'failed' ? `Could not be handled${message.error ? `: ${message.error}` : ''}` : null;
  if (message.status === 'failed') return `Not sent${message.error ? `: ${message.error}` : ''}`;
  if (message.status === 'cancelled') return `Not sent: ${message.error ?? 'cancelled'}`;
  if (message.delivery_status === 'undelivered' || message.delivery_status === 'failed') return `Not delivered${message.error ? `: ${message.error}` : ''}`;
  return null;
}

/** "1,234". */
export function count(n: number): string {
  return n.toLocaleString('en-GB');
}

/** What happened, for an alert, from the detail the service recorded. */
export function alertStory(kind: string, detail: string): string {
  if (kind === 'crisis' || kind === 'distress' || kind === 'concern' || kind === 'unread') return `They wrote: “${detail}”`;
  if (kind === 'problem') return 'They said there was a problem with the help they had.';
  if (kind === 'failed_message') return 'One of their messages could not be handled. Read their conversation.';
  const text = kind === 'unmatched' ? detail.replace(/^need \S+?: /, '') : detail;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Their words with the kind of help they were read as, so two needs from one sentence can be told apart. */
export function needLabel(item: { category: string; words: string | null }): string {
  const words = item.words?.trim();
  return words && item.category !== 'other' ? `${words} (${categoryLabel(item.category)})` : whatTheySaid(item);
}
