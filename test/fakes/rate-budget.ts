/**
 * A rate-limit budget per token and resource, renewed every window. Times are the REAL clock,
 * because clients wait on real time.
 */
export class Budget {
  used = 0;
  private windowStart: number;

  constructor(
    readonly limit: number,
    private readonly windowMs: number = 3_600_000,
    private readonly clock: () => number = Date.now,
  ) {
    this.windowStart = clock();
  }

  private roll(): void {
    const now = this.clock();
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.used = 0;
    }
  }

  remaining(): number {
    this.roll();
    return Math.max(0, this.limit - this.used);
  }

  /** Epoch seconds of the next renewal. */
  resetAt(): number {
    this.roll();
    return Math.ceil((this.windowStart + this.windowMs) / 1000);
  }

  /** Whole seconds until the renewal, at least 1. */
  secondsToReset(): number {
    this.roll();
    return Math.max(1, Math.ceil((this.windowStart + this.windowMs - this.clock()) / 1000));
  }

  /** Takes `n` points; false (and nothing taken) when fewer remain. */
  take(n: number): boolean {
    if (this.remaining() < n) return false;
    this.used += n;
    return true;
  }

  /** The `x-ratelimit-*` headers GitHub sends. */
  githubHeaders(resource: string): Record<string, string> {
    return {
      'x-ratelimit-limit': String(this.limit),
      'x-ratelimit-remaining': String(this.remaining()),
      'x-ratelimit-used': String(this.used),
      'x-ratelimit-reset': String(this.resetAt()),
      'x-ratelimit-resource': resource,
    };
  }
}

/** Budgets keyed by token (the `Authorization` header), created on first use. */
export class Budgets {
  private readonly byToken = new Map<string, Budget>();
  constructor(
    private readonly limit: number,
    private readonly windowMs?: number,
  ) {}

  for(token: string): Budget {
    let b = this.byToken.get(token);
    if (b === undefined) {
      b = new Budget(this.limit, this.windowMs);
      this.byToken.set(token, b);
    }
    return b;
  }
}
