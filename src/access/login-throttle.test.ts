import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.js';

describe('login throttle', () => {
  it('refuses after the allowance within the window and frees up when it has passed', () => {
    const t = new LoginThrottle(3, 60_000);
    for (let i = 0; i < 3; i++) {
      expect(t.retryAfter('alice', '10.0.0.1', 1000 * i)).toBe(0);
      t.recordFailure('alice', '10.0.0.1', 1000 * i);
    }
    expect(t.retryAfter('alice', '10.0.0.9', 3000)).toBe(57);
    expect(t.retryAfter('bob', '10.0.0.1', 3000)).toBe(0);
    expect(t.retryAfter('alice', '10.0.0.1', 60_001)).toBe(0);
  });

  it('limits one address across many usernames', () => {
    const t = new LoginThrottle(2, 60_000);
    for (let i = 0; i < 8; i++) t.recordFailure(`user${i}`, '10.0.0.1', i);
    expect(t.retryAfter('someone-else', '10.0.0.1', 10)).toBeGreaterThan(0);
  });

  it('forgets a username\'s failures after a successful login', () => {
    const t = new LoginThrottle(2, 60_000);
    t.recordFailure('alice', 'a', 0);
    t.recordFailure('alice', 'b', 0);
    t.recordSuccess('alice');
    expect(t.retryAfter('alice', 'c', 1)).toBe(0);
  });
});
