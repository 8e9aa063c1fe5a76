import { randomBytes } from 'node:crypto';

/**
 * Makes ids in the app (DESIGN.md: portable SQL, no database sequences). Ids sort by
 * creation time, which keeps indexes compact and logs readable. Injectable for tests.
 */
export interface Ids {
  next(): string;
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U

function encode(value: bigint, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    out = ALPHABET[Number(value % 32n)]! + out;
    value /= 32n;
  }
  return out;
}

/**
 * ULIDs: 48 bits of milliseconds and 80 random bits, 26 characters, monotonic within
 * one process (ids made in the same millisecond count upwards). No ':' in them, so
 * they are safe inside BullMQ job ids.
 */
export function ulidIds(now: () => number = Date.now): Ids {
  let lastTime = -1;
  let lastRandom = 0n;
  return {
    next() {
      const time = now();
      if (time === lastTime) {
        lastRandom += 1n;
      } else {
        lastTime = time;
        lastRandom = BigInt(`0x${randomBytes(10).toString('hex')}`);
      }
      return encode(BigInt(time), 10) + encode(lastRandom & ((1n << 80n) - 1n), 16);
    },
  };
}
