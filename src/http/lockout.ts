/**
 * Slowing down guessers: after too many wrong tokens from one client address, that
 * address is refused (429) for a while, right token or not, so a token cannot be
 * found by trying. Kept in memory, per process: enough to make guessing hopeless on
 * top of 32-character tokens, without a store of its own.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../platform/clock.js';
import { secretMatches } from '../platform/secrets.js';

export interface LockoutOptions {
  /** Wrong tokens allowed in `windowMs` before the address is locked out. */
  maxFailures?: number;
  windowMs?: number;
  /** How long a locked-out address is refused. */
  lockMs?: number;
}

export const LOCKOUT_DEFAULTS = { maxFailures: 10, windowMs: 15 * 60_000, lockMs: 15 * 60_000 } as const;

/** Addresses remembered at once; beyond this the oldest go (a flood of addresses cannot fill memory). */
const MAX_ADDRESSES = 10_000;

export interface Lockout {
  /** Milliseconds the address must still wait, or 0 when it may try. */
  waitMs(address: string): number;
  /** Counts a wrong token from the address. */
  failed(address: string): void;
}

export function createLockout(clock: Clock, options: LockoutOptions = {}): Lockout {
  const { maxFailures, windowMs, lockMs } = { ...LOCKOUT_DEFAULTS, ...options };
  const seen = new Map<string, { since: number; failures: number; lockedUntil: number }>();
  return {
    waitMs(address) {
      const entry = seen.get(address);
      return entry ? Math.max(0, entry.lockedUntil - clock.now()) : 0;
    },
    failed(address) {
      const now = clock.now();
      let entry = seen.get(address);
      if (!entry || (now - entry.since > windowMs && entry.lockedUntil <= now)) {
        seen.delete(address);
        if (seen.size >= MAX_ADDRESSES) seen.delete(seen.keys().next().value!);
        entry = { since: now, failures: 0, lockedUntil: 0 };
        seen.set(address, entry);
      }
      entry.failures++;
      if (entry.failures >= maxFailures) entry.lockedUntil = now + lockMs;
    },
  };
}

/** The token a request carries: `Authorization: Bearer T`, or a browser's basic auth with T as the password. */
export function presentedToken(request: FastifyRequest): string {
  const header = request.headers.authorization ?? '';
  if (header.startsWith('Bearer ')) return header.slice('Bearer '.length);
  if (header.startsWith('Basic ')) {
    const decoded = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
    return decoded.slice(decoded.indexOf(':') + 1);
  }
  return '';
}

/**
 * A Fastify onRequest hook that lets through only requests with `token`, counting
 * wrong ones against the client address. `challenge` is the WWW-Authenticate header
 * (Basic makes a browser ask for it).
 */
export function requireToken(token: string, lockout: Lockout, challenge: string, what: string) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const wait = lockout.waitMs(request.ip);
    if (wait > 0) {
      await reply
        .code(429)
        .header('retry-after', String(Math.ceil(wait / 1000)))
        .send({ error: 'Too many wrong tokens from this address. Please try again later.' });
      return;
    }
    const given = presentedToken(request);
    if (secretMatches(given, token)) return;
    // No token at all is not a guess (a browser asks for one this way): only wrong ones count.
    if (given !== '') {
      lockout.failed(request.ip);
      request.log.warn({ ip: request.ip, url: request.url }, `a wrong ${what} token`);
    }
    await reply
      .code(401)
      .header('www-authenticate', challenge)
      .send({ error: `A valid ${what} token is needed: Authorization: Bearer ...` });
  };
}
