import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IndexedRange } from './no-hit-index.js';
import { RangeIndex } from './range-index.js';

const serial = (n: number, digits: number) => String(n).padStart(digits, '0');

/** What the index must answer: every held range with the key's prefix, width and a serial inside it. */
function naive(ranges: readonly IndexedRange[], key: string): string[] {
  return ranges
    .filter((r) => key.length === r.canonicalPrefix.length + r.digits && key.startsWith(r.canonicalPrefix) && /^\d+$/.test(key.slice(r.canonicalPrefix.length)))
    .filter((r) => { const n = Number(key.slice(r.canonicalPrefix.length)); return n >= r.first && n <= r.last; })
    .map((r) => r.id)
    .sort();
}

describe('RangeIndex', () => {
  it('finds exactly the ranges covering a key, overlapping or not, across prefixes and widths, after removals', () => {
    const range = fc.record({
      prefix: fc.constantFrom('', 'X', 'XY', 'A1', 'XYZ'),
      digits: fc.integer({ min: 2, max: 4 }),
      first: fc.integer({ min: 0, max: 120 }),
      length: fc.integer({ min: 0, max: 60 }),
    });
    fc.assert(fc.property(
      fc.array(range, { maxLength: 40 }),
      fc.array(fc.nat(), { maxLength: 10 }),
      fc.array(fc.record({ prefix: fc.constantFrom('', 'X', 'XY', 'A1', 'XYZ', 'Q'), digits: fc.integer({ min: 1, max: 5 }), n: fc.integer({ min: 0, max: 200 }) }), { minLength: 1, maxLength: 30 }),
      (specs, removals, randomKeys) => {
        let keys: { prefix: string; digits: number; n: number }[] = randomKeys;
        const index = new RangeIndex();
        let held: IndexedRange[] = specs.map((s, i) => ({ id: `r${i}`, canonicalPrefix: s.prefix, digits: s.digits, first: s.first, last: Math.min(s.first + s.length, 10 ** s.digits - 1) }));
        for (const r of held) index.add(r);
        // Every range's edges, and just outside them, besides the random keys.
        const edges = held.flatMap((r) => [r.first - 1, r.first, r.last, r.last + 1].filter((n) => n >= 0).map((n) => ({ prefix: r.canonicalPrefix, digits: r.digits, n })));
        keys = [...keys, ...edges];
        for (const k of keys) expect(index.covering(`${k.prefix}${serial(k.n, k.digits)}`).map((r) => r.id).sort()).toEqual(naive(held, `${k.prefix}${serial(k.n, k.digits)}`));
        for (const pick of removals) {
          const gone = held[pick % Math.max(1, held.length)];
          if (!gone) break;
          index.remove(gone.id);
          held = held.filter((r) => r.id !== gone.id);
        }
        expect(index.size).toBe(held.length);
        for (const k of keys) expect(index.covering(`${k.prefix}${serial(k.n, k.digits)}`).map((r) => r.id).sort()).toEqual(naive(held, `${k.prefix}${serial(k.n, k.digits)}`));
      },
    ), { numRuns: 300 });
  });

  it('holds a range once however often it is announced, and ignores keys whose tail is not a serial', () => {
    const index = new RangeIndex();
    const r: IndexedRange = { id: 'r1', canonicalPrefix: 'X', digits: 3, first: 10, last: 20 };
    index.add(r);
    index.add({ ...r });
    expect(index.size).toBe(1);
    expect(index.covering('X015').map((x) => x.id)).toEqual(['r1']);
    expect(index.covering('X01A')).toEqual([]);
    expect(index.covering('X0015')).toEqual([]);
  });
});
