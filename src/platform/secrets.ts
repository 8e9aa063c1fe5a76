import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a secret someone sent with the one we hold, in constant time whatever the
 * lengths (both are hashed first), so timing tells an attacker nothing.
 */
export function secretMatches(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || expected === '') return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Reads DATA_ENCRYPTION_KEY: 64 hex digits, or 32 bytes in base64. */
export function parseKey(text: string): Buffer | null {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  const b = Buffer.from(t, 'base64');
  return b.length === 32 && /^[A-Za-z0-9+/]+=*$/.test(t) ? b : null;
}
