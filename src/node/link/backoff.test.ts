import { describe, expect, it } from 'vitest';
import { Backoff } from './backoff.js';

describe('backoff between attempts to reach the hub', () => {
  it('doubles from 0.2 s up to 30 s, with jitter in the upper half', () => {
    const low = new Backoff(200, 30_000, () => 0);
    const high = new Backoff(200, 30_000, () => 0.999999);
    const lows = Array.from({ length: 12 }, () => low.next());
    const highs = Array.from({ length: 12 }, () => high.next());
    expect(lows.slice(0, 4)).toEqual([200, 200, 400, 800]);
    expect(highs.slice(0, 4)).toEqual([200, 400, 800, 1600]);
    expect(Math.max(...highs)).toBe(30_000);
    expect(lows.at(-1)).toBe(15_000);
    for (const [i, h] of highs.entries()) expect(h).toBeGreaterThanOrEqual(lows[i] as number);
  });

  it('starts again from the bottom after a success', () => {
    const b = new Backoff(200, 30_000, () => 0.5);
    for (let i = 0; i < 10; i++) b.next();
    b.reset();
    expect(b.next()).toBe(200);
    expect(b.attempts).toBe(1);
  });
});
