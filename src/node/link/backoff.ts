/**
 * Exponential backoff with jitter between attempts to reach the hub: the
 * n-th consecutive failure waits between half and all of min·2ⁿ, capped at
 * max. Jitter spreads the nodes out after a hub outage instead of having them
 * all return in the same instant.
 */
export class Backoff {
  private failures = 0;

  constructor(
    private readonly minMs = 200,
    private readonly maxMs = 30_000,
    private readonly random: () => number = Math.random,
  ) {}

  /** The pause before the next attempt, counting this failure. */
  next(): number {
    const ceiling = Math.min(this.maxMs, this.minMs * 2 ** Math.min(this.failures, 30));
    this.failures += 1;
    return Math.round(Math.max(this.minMs, ceiling / 2 + (this.random() * ceiling) / 2));
  }

  reset(): void {
    this.failures = 0;
  }

  get attempts(): number {
    return this.failures;
  }
}
