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
