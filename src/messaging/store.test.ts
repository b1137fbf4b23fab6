import { describe, expect, it } from 'vitest';
import { idsForIn } from './store.js';

describe('idsForIn', () => {
  it('pads a list to a power of two with its last id, keeping its set of ids', () => {
    expect(idsForIn([])).toEqual([]);
    expect(idsForIn(['a'])).toEqual(['a']);
    expect(idsForIn(['a', 'b', 'c'])).toEqual(['a', 'b', 'c', 'c']);
    expect(idsForIn([1, 2, 3, 4])).toEqual([1, 2, 3, 4]);
    for (let n = 1; n <= 600; n++) {
      const ids = Array.from({ length: n }, (_, i) => `id${i}`);
      const padded = idsForIn(ids);
      expect(Math.log2(padded.length) % 1).toBe(0);
      expect(padded.length).toBeLessThan(2 * n);
      expect(new Set(padded)).toEqual(new Set(ids));
    }
  });
});
