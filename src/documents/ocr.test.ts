import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OCR_CONFUSION_CLASSES, ocrCanonical, ocrClassOf, ocrDifferences, ocrEquivalent } from './ocr.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'.split('');
const number = fc.string({ minLength: 1, maxLength: 20, unit: fc.constantFrom(...ALNUM) });
/** Numbers drawn mostly from confusable characters, so equal canonical keys are common. */
const confusableNumber = fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom(...'0OQD1IL5S8B2Z6GAUV7T4'.split('')) });
const anyNumber = fc.oneof(number, confusableNumber);

describe('OCR confusion classes', () => {
  it('are the documented classes, disjoint, each with exactly one digit as its representative', () => {
    expect(OCR_CONFUSION_CLASSES.map((c) => c.join(''))).toEqual(['0OQD', '1IL', '5S', '8B', '2Z', '6G']);
    const seen = new Set<string>();
    for (const members of OCR_CONFUSION_CLASSES) {
      expect(members.filter((m) => /[0-9]/.test(m))).toEqual([members[0]]);
      for (const m of members) {
        expect(seen.has(m)).toBe(false);
        seen.add(m);
      }
    }
    for (const left of ['U', 'V', 'T', '7', 'A', '4']) expect(ocrClassOf(left)).toEqual([left]);
  });

  it('maps each class to its digit and leaves other characters alone', () => {
    expect(ocrCanonical('OQD0')).toBe('0000');
    expect(ocrCanonical('IL1')).toBe('111');
    expect(ocrCanonical('SBZG')).toBe('5826');
    expect(ocrCanonical('L898902C')).toBe('1898902C');
    expect(ocrCanonical('UVT7A4XY')).toBe('UVT7A4XY');
    expect(ocrCanonical('')).toBe('');
  });

  it('leaves all-digit numbers as they are, so they never collide with one another', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{1,20}$/), (digits) => {
        expect(ocrCanonical(digits)).toBe(digits);
      }),
    );
  });

  it('reports the positions read differently', () => {
    expect(ocrDifferences('L8989O2C', 'L898902C')).toEqual([{ position: 5, read: 'O', recorded: '0' }]);
    expect(ocrDifferences('1B9S', 'I895')).toEqual([
      { position: 0, read: '1', recorded: 'I' },
      { position: 1, read: 'B', recorded: '8' },
      { position: 3, read: 'S', recorded: '5' },
    ]);
    expect(ocrDifferences('AB12', 'AB12')).toEqual([]);
    expect(ocrDifferences('AB12', 'AB13')).toBeNull(); // 2 and 3 are not confused
    expect(ocrDifferences('U123', 'V123')).toBeNull(); // U and V deliberately not a class
    expect(ocrDifferences('AB12', 'AB120')).toBeNull(); // different lengths
  });

  it('canonical is idempotent', () => {
    fc.assert(
      fc.property(anyNumber, (n) => {
        expect(ocrCanonical(ocrCanonical(n))).toBe(ocrCanonical(n));
      }),
    );
  });

  it('equivalence is symmetric, and differences mirror each other', () => {
    fc.assert(
      fc.property(anyNumber, anyNumber, (a, b) => {
        expect(ocrEquivalent(a, b)).toBe(ocrEquivalent(b, a));
        const ab = ocrDifferences(a, b);
        const ba = ocrDifferences(b, a);
        expect(ba).toEqual(ab?.map((d) => ({ position: d.position, read: d.recorded, recorded: d.read })) ?? null);
      }),
    );
  });

  it('differences are non-null exactly when equal-length numbers have the same canonical key', () => {
    const pair = fc.integer({ min: 1, max: 12 }).chain((length) => {
      const s = fc.string({ minLength: length, maxLength: length, unit: fc.constantFrom(...'0OQD1IL5S8B2Z6GA7'.split('')) });
      return fc.tuple(s, s);
    });
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const same = ocrCanonical(a) === ocrCanonical(b);
        expect(ocrDifferences(a, b) !== null).toBe(same);
        expect(ocrEquivalent(a, b)).toBe(same);
      }),
    );
  });

  it('replacing characters by other members of their class keeps the number equivalent and reports exactly those positions', () => {
    const mutation = number.chain((original) =>
      fc
        .array(fc.tuple(fc.nat(original.length - 1), fc.nat()), { maxLength: original.length })
        .map((picks) => {
          const chars = original.split('');
          const changed = new Map<number, string>();
          for (const [position, choice] of picks) {
            const members = ocrClassOf(original[position]!).filter((m) => m !== original[position]);
            if (members.length === 0) continue;
            const replacement = members[choice % members.length]!;
            chars[position] = replacement;
            changed.set(position, replacement);
          }
          return { original, mutated: chars.join(''), changed };
        }),
    );
    fc.assert(
      fc.property(mutation, ({ original, mutated, changed }) => {
        expect(ocrCanonical(mutated)).toBe(ocrCanonical(original));
        const expected = [...changed.keys()]
          .sort((x, y) => x - y)
          .map((position) => ({ position, read: changed.get(position), recorded: original[position] }));
        expect(ocrDifferences(mutated, original)).toEqual(expected);
      }),
    );
  });

  it('a non-confusable substitution makes the numbers inequivalent', () => {
    const substitution = number.chain((original) =>
      fc.tuple(fc.constant(original), fc.nat(original.length - 1), fc.constantFrom(...ALNUM)),
    );
    fc.assert(
      fc.property(substitution, ([original, position, replacement]) => {
        fc.pre(!ocrClassOf(original[position]!).includes(replacement));
        const mutated = original.slice(0, position) + replacement + original.slice(position + 1);
        expect(ocrDifferences(mutated, original)).toBeNull();
        expect(ocrCanonical(mutated)).not.toBe(ocrCanonical(original));
      }),
    );
  });
});
