import type { Clock } from '../../src/platform/clock.js';
import type { Ids } from '../../src/platform/ids.js';

/** A clock that moves only when told to. */
export class FakeClock implements Clock {
  constructor(public time = Date.UTC(2026, 10, 26, 9, 0, 0)) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

/** Ids that sort in the order made: id-000001, id-000002... */
export function sequentialIds(prefix = 'id'): Ids {
  let n = 0;
  return { next: () => `${prefix}-${String(++n).padStart(6, '0')}` };
}
