/**
 * GitHub's primary rate limit for one token, as the fake keeps it: a budget per window
 * (`x-ratelimit-limit`, 5,000 an hour for a user token), spent by every authenticated request
 * except a 304 to a conditional one, reported on every answer.
 */
export class FakeRateLimit {
  remaining: number;
  private resetAtMs: number;

  constructor(
    readonly limit: number,
    private readonly now: () => number,
    private readonly windowMs = 3_600_000,
  ) {
    this.remaining = limit;
    this.resetAtMs = now() + windowMs;
  }

  get used(): number {
    return this.limit - this.remaining;
  }

  /** Whether the budget is spent (after starting a new window if the old one has passed). */
  get exhausted(): boolean {
    this.roll();
    return this.remaining <= 0;
  }

  spend(): void {
    this.roll();
    this.remaining = Math.max(0, this.remaining - 1);
  }

  /** The budget is gone until `resetInMs` from now (the fault switch for a primary limit). */
  exhaust(resetInMs: number): void {
    this.remaining = 0;
    this.resetAtMs = this.now() + resetInMs;
  }

  headers(): Record<string, string> {
    this.roll();
    return {
      'x-ratelimit-limit': String(this.limit),
      'x-ratelimit-remaining': String(this.remaining),
      // Epoch seconds, rounded up: a client waiting until then finds the new window open.
      'x-ratelimit-reset': String(Math.ceil(this.resetAtMs / 1000)),
      'x-ratelimit-used': String(this.used),
      'x-ratelimit-resource': 'core',
    };
  }

  private roll(): void {
    if (this.now() < this.resetAtMs) return;
    this.remaining = this.limit;
    this.resetAtMs = this.now() + this.windowMs;
  }
}
