import { randomBytes } from 'node:crypto';

/**
 * Makes ids in the app (DESIGN.md: portable SQL, no database sequences). Ids sort by
 * creation time, which keeps indexes compact and logs readable. Injectable for tests.
 */
export interface Ids {
  next(): string;
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: no I, L, O, U

/** Random bytes fetched in batches: one call for every 256 ids rather than one each. */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let poolOffset = 0;

/** Fills `digits` with 16 random base32 digits (80 random bits). */
function randomDigits(digits: Uint8Array): void {
  if (poolOffset + digits.length > pool.length) {
    pool = randomBytes(POOL_BYTES);
    poolOffset = 0;
  }
  for (let i = 0; i < digits.length; i++) digits[i] = pool[poolOffset + i]! & 31;
  poolOffset += digits.length;
}

/** Adds one to a base32 number held digit by digit (wrapping, as 80 bits would). */
function increment(digits: Uint8Array): void {
  for (let i = digits.length - 1; i >= 0; i--) {
    if (digits[i]! < 31) {
      digits[i]! += 1;
      return;
    }
    digits[i] = 0;
  }
}

function encodeTime(time: number): string {
  let out = '';
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[time % 32]! + out;
    time = Math.floor(time / 32);
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
  let timePart = '';
  const digits = new Uint8Array(16);
  return {
    next() {
      const time = now();
      if (time === lastTime) {
        increment(digits);
      } else {
        lastTime = time;
        timePart = encodeTime(time);
        randomDigits(digits);
      }
      let out = timePart;
      for (const d of digits) out += ALPHABET[d]!;
      return out;
    },
  };
}
