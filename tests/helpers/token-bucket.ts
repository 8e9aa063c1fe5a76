/**
 * A token bucket, as providers enforce their sending limits: `perSecond` tokens a
 * second, up to `burst` saved up. Used by the fake Twilio and Telegram servers to
 * answer 429 when we send faster than allowed.
 */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    readonly perSecond: number,
    readonly burst: number = perSecond,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.at = now();
  }

  /** How many ms until a token is there (0: now). */
  waitMs(): number {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.at) / 1000) * this.perSecond);
    this.at = t;
    return this.tokens >= 1 ? 0 : ((1 - this.tokens) / this.perSecond) * 1000;
  }

  /**
   * Takes a token if there is one, or will be within `slackMs` (then owed: the next
   * request waits for it); otherwise says how many ms until there will be.
   */
  take(slackMs = 0): { ok: true } | { ok: false; waitMs: number } {
    const waitMs = this.waitMs();
    if (waitMs > slackMs) return { ok: false, waitMs };
    this.tokens -= 1;
    return { ok: true };
  }
}
