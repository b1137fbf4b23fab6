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

  /**
   * Counts an attempt as failed before its password is checked, so parallel
   * guesses cannot all pass before the first failure is recorded. Answers the
   * seconds to wait (and counts nothing) or 0; a right password then calls
   * recordSuccess with the same time, which takes the attempt back.
   */
  beginAttempt(username: string, ip: string, now: number): number {
    const wait = this.retryAfter(username, ip, now);
    if (wait === 0) this.recordFailure(username, ip, now);
    return wait;
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

  /** Forgets the username's failures, and the address's attempt begun at `attemptedAt`. */
  recordSuccess(username: string, ip?: string, attemptedAt?: number): void {
    this.failures.delete(`u:${username}`);
    const list = ip === undefined ? undefined : this.failures.get(`a:${ip}`);
    const index = list?.lastIndexOf(attemptedAt ?? Number.NaN) ?? -1;
    if (list && index >= 0) list.splice(index, 1);
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
