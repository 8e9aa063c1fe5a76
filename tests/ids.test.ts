import { describe, expect, it } from 'vitest';
import { ulidIds } from '../src/platform/ids.js';

describe('ulidIds', () => {
  it('makes 26-character Crockford base32 ids with the time first', () => {
    const id = ulidIds(() => 1_700_000_000_000).next();
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    // 1_700_000_000_000 ms in base32, ten digits.
    expect(id.slice(0, 10)).toBe('01HF7YAT00');
  });

  it('counts upwards within one millisecond, and sorts by time across them', () => {
    let t = 1_700_000_000_000;
    const ids = ulidIds(() => t);
    const made: string[] = [];
    for (let i = 0; i < 5000; i++) {
      if (i % 1000 === 999) t += 1;
      made.push(ids.next());
    }
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(made.length);
  });

  it('carries across digits when counting up', () => {
    const ids = ulidIds(() => 1);
    const first = ids.next();
    const seen = new Set([first]);
    let last = first;
    for (let i = 0; i < 40_000; i++) {
      const next = ids.next();
      expect(next > last).toBe(true);
      seen.add(next);
      last = next;
    }
    expect(seen.size).toBe(40_001);
  });

  it('gives different random parts to different generators', () => {
    const a = ulidIds(() => 5).next();
    const b = ulidIds(() => 5).next();
    expect(a.slice(0, 10)).toBe(b.slice(0, 10));
    expect(a).not.toBe(b);
  });

  it('keeps counting up when the clock steps back, so ids sort in the order they were made', () => {
    const times = [1_700_000_000_500, 1_700_000_000_500, 1_700_000_000_100, 1_700_000_000_000, 1_700_000_000_300, 1_700_000_000_501, 1_700_000_000_200];
    let i = 0;
    const ids = ulidIds(() => times[i++]!);
    const made = times.map(() => ids.next());
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(made.length);
    for (const id of made) expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    // While the clock is behind, ids keep the latest time seen; once it passes that, they follow it again.
    expect(made.slice(0, 5).every((id) => id.slice(0, 10) === made[0]!.slice(0, 10))).toBe(true);
    expect(made[5]!.slice(0, 10) > made[0]!.slice(0, 10)).toBe(true);
    expect(made[6]!.slice(0, 10)).toBe(made[5]!.slice(0, 10));
  });
});
