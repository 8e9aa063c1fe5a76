/**
 * Logging. Phone numbers and chat ids are personal data: every string that reaches
 * the log has them masked (+44770****123), whichever code wrote it.
 */
import { pino, type Logger } from 'pino';

export type { Logger };

const PHONE_LIKE = /\+?\d{7,15}/g;

/** "+447700900123" becomes "+44770****123": enough to tell numbers apart, not to call one. */
export function maskAddress(address: string): string {
  if (address.length <= 6) return '****';
  const keepEnd = 3;
  // At least four characters always hidden, however short the number.
  const keepStart = Math.max(1, Math.min(6, address.length - keepEnd - 4));
  return `${address.slice(0, keepStart)}****${address.slice(-keepEnd)}`;
}

export function maskPhones(text: string): string {
  return text.replace(PHONE_LIKE, (match) => maskAddress(match));
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
          method.apply(
            this,
            args.map((a) => (typeof a === 'string' ? maskPhones(a) : a)) as Parameters<typeof method>,
          );
        },
      },
    },
    destination,
  );
}
