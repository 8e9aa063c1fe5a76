/** The time, injectable so tests can be exact. Epoch milliseconds everywhere. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
