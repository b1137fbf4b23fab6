import { describe, expect, it } from 'vitest';
import { pooledRandomBytes } from './random-pool.js';

describe('pooledRandomBytes', () => {
  it('gives fresh bytes of the length asked, across refills of its pool, and large requests directly', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 3_000; i++) {
      const bytes = pooledRandomBytes(12 + (i % 40));
      expect(bytes).toHaveLength(12 + (i % 40));
      const hex = bytes.toString('hex');
      expect(seen.has(hex)).toBe(false);
      seen.add(hex);
    }
    expect(pooledRandomBytes(4_096)).toHaveLength(4_096);
    expect(pooledRandomBytes(0)).toHaveLength(0);
  });

  it('answers copies: changing one does not change the next', () => {
    const a = pooledRandomBytes(32);
    const b = pooledRandomBytes(32);
    a.fill(0);
    expect(b.equals(Buffer.alloc(32))).toBe(false);
  });
});
