/**
 * Counts failed logins per username and per client address in a sliding
 * window, in this process's memory. An address gets four times the
 * username's allowance, so one office behind one address is not locked out
 * by a single person's typing. Bounded: the oldest keys go first.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** Seconds until a login may be tried again, or 0 when it may be tried now. */
  retryAfter(username: string, ip: string, now: number): number {
    const wait = Math.max(this.waitFor(`u:${username}`, this.maxFailures, now), this.waitFor(`a:${ip}`, this.maxFailures * 4, now));
    return Math.ceil(wait / 1000);
  }

  recordFailure(username: string, ip: string, now: number): void {
    for (const key of [`u:${username}`, `a:${ip}`]) {
      const list = this.recent(key, now);
      list.push(now);
      this.failures.delete(key);
      this.failures.set(key, list);
    }
    while (this.failures.size > this.maxKeys) {
      const oldest = this.failures.keys().next().value;
      if (oldest === undefined) break;
      this.failures.delete(oldest);
    }
  }

  recordSuccess(username: string): void {
    this.failures.delete(`u:${username}`);
  }

  private waitFor(key: string, allowance: number, now: number): number {
    const list = this.recent(key, now);
    if (list.length < allowance) return 0;
    return (list[list.length - allowance] as number) + this.windowMs - now;
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
  }
}
