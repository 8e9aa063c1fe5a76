/**
 * Logging. Phone numbers and chat ids are personal data: every string that reaches
 * the log has them masked (+44770****123), whichever code wrote it.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * A phone number as it may appear anywhere: `+447700900123`, or with spaces, dashes,
 * dots or brackets between its digits (`+44 7700 900-123`), or written into a URL
 * (`%2B44%207700%20900123`, `+44+7700+900123`). Runs of digits with separators are
 * taken only with a leading + or nine digits or more, so a date stays readable.
 */
const SEPARATOR = String.raw`(?:[\s\-.()+]|%20|%2[bBdD])`;
const PHONE_LIKE = new RegExp(String.raw`(?:\+|%2[bB])?\d(?:${SEPARATOR}{0,3}\d){6,14}`, 'g');

/** "+447700900123" becomes "+44770****123": enough to tell numbers apart, not to call one. */
export function maskAddress(address: string): string {
  if (address.length <= 6) return '****';
  const keepEnd = 3;
  // At least four characters always hidden, however short the number.
  const keepStart = Math.max(1, Math.min(6, address.length - keepEnd - 4));
  return `${address.slice(0, keepStart)}****${address.slice(-keepEnd)}`;
}

export function maskPhones(text: string): string {
  return text.replace(PHONE_LIKE, (match) => {
    if (/^\+?\d+$/.test(match)) return maskAddress(match);
    const digits = match.replace(/%2[bBdD]|%20/g, ' ').replace(/\D/g, '');
    const international = match.startsWith('+') || /^%2b/i.test(match);
    // Masked as the number written plainly, so no separator shows more of it.
    return international || digits.length >= 9 ? maskAddress(`${international ? '+' : ''}${digits}`) : match;
  });
}

function maskDeep(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return maskPhones(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) {
    return { type: value.name, message: maskPhones(value.message), stack: value.stack ? maskPhones(value.stack) : undefined };
  }
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[key] = maskDeep(inner, depth + 1);
  return out;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'valued' },
      formatters: { log: (object) => maskDeep(object, 0) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? maskPhones(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
