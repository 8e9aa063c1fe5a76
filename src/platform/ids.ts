import { randomBytes } from 'node:crypto';
import { monotonicFactory } from 'ulid';

/**
 * Makes ids in the app (portable SQL, no database sequences: see docs/architecture.md).
 * Ids sort by creation time, which keeps indexes compact and logs readable, and the
 * send queue orders a person's messages by id. Injectable for tests.
 */
export interface Ids {
  next(): string;
}

/** Random bytes fetched in batches: one call for every 4096 random digits rather than one each. */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let poolOffset = 0;

/** A random fraction in [0, 1) from the pool, as `ulid` asks of its generator (one per digit). */
function pooledRandom(): number {
  if (poolOffset >= pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolOffset = 0;
  }
  return pool[poolOffset++]! / 256;
}

/**
 * ULIDs from `ulid`'s monotonic factory: 48 bits of milliseconds and 80 random bits,
 * 26 Crockford base32 characters. Within one generator every id sorts after the one
 * before it, even when the clock stands still or steps back (the id keeps the last
 * time and counts up), so sending in id order is sending in the order made. No ':' in
 * them, so they are safe inside BullMQ job ids.
 */
export function ulidIds(now: () => number = Date.now): Ids {
  const make = monotonicFactory(pooledRandom);
  return {
    next: () => make(now()),
  };
}
