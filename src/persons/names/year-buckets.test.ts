import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BirthDateInput } from './birth-date.js';
import { commonNameFactor, NameIndex, type Candidate, type PersonNames, type ScreeningQuery } from './name-index.js';
import { prng, syntheticPersons } from './synthetic.js';

/**
 * A dated screening reads only the names born near the date asked (decision 0009). These tests check
 * that this pruning changes no answer: the same index reading every year (`nearYearsOnly: false`), and
 * an index whose postings are never split by year, give the same candidates and scores.
 */

const population: PersonNames[] = [...syntheticPersons(2500, 7)];
// Namesakes of common names, born in every decade: the parts they share are split by year at bucketFrom 16.
const rnd = prng(11);
for (let k = 0; k < 400; k++) {
  const year = 1940 + Math.floor(rnd() * 66);
  const given = ['Wei', 'Mohammed', 'Maria', 'Elena', 'Kenji'][k % 5]!;
  const family = ['Wang', 'Ali', 'Garcia', 'Kuznetsova', 'Tanaka', 'Wang'][k % 6]!;
  const r = rnd();
  const birthDate: BirthDateInput | undefined = r < 0.6 ? `${year}-0${1 + (k % 9)}-1${k % 9}` : r < 0.75 ? `${year}` : r < 0.85 ? { from: `${year}`, to: `${year + 3}` } : r < 0.9 ? `${year}-0${1 + (k % 9)}` : undefined;
  population.push({ names: [`${given} ${family}`], sex: k % 3 === 0 ? 'F' : 'M', ...(birthDate ? { birthDate } : {}) });
}

function build(bucketFrom: number, ids = population.map((_, i) => i), nearYearsOnly = true): NameIndex {
  const index = new NameIndex(undefined, { bucketFrom, nearYearsOnly });
  for (const i of ids) index.add(i + 1, population[i]!);
  return index;
}
const bucketed = build(16);
const unsplit = build(Number.MAX_SAFE_INTEGER);
const everyYear = build(16, undefined, false);

const LIMIT = 300;
const view = (cs: readonly Candidate[]): unknown[] => cs.map((c) => [c.personId, c.score, c.nameScore, c.birthDate.agreement, c.commonName?.factor ?? 1]);

const dateArb = fc.oneof(
  fc.tuple(fc.integer({ min: 1935, max: 2008 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
    .map(([y, m, d]): BirthDateInput => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.integer({ min: 1935, max: 2008 }).map((y): BirthDateInput => `${y}`),
  fc.integer({ min: 1935, max: 2005 }).map((y): BirthDateInput => ({ from: `${y}`, to: `${y + 2}` })),
);
const queryArb = fc.record({
  i: fc.integer({ min: 0, max: population.length - 1 }),
  birthDate: dateArb,
  own: fc.boolean(),
  sex: fc.constantFrom<('M' | 'F' | undefined)[]>('M', 'F', undefined),
  threshold: fc.constantFrom(0.7, 0.75, 0.8),
}).map(({ i, birthDate, own, sex, threshold }) => {
  const p = population[i]!;
  const q: ScreeningQuery = { names: [p.names[0]!], birthDate: own && p.birthDate !== undefined ? p.birthDate : birthDate, ...(sex ? { sex } : {}) };
  return { q, threshold };
});

describe('screening by birth year (postings of common parts split by year)', () => {
  it('property: a dated screening answers what the same screening reading every year answers', () => {
    fc.assert(
      fc.property(queryArb, ({ q, threshold }) => {
        const pruned = bucketed.screen(q, { limit: LIMIT, threshold });
        expect(view(everyYear.screen(q, { limit: LIMIT, threshold }))).toEqual(view(pruned));
        // The reference read at least as many postings (it skipped no year).
        expect(everyYear.lastWork.postings).toBeGreaterThanOrEqual(bucketed.lastWork.postings);
        // And an index whose postings are one list per part answers the same.
        expect(view(unsplit.screen(q, { limit: LIMIT, threshold }))).toEqual(view(pruned));
      }),
      { numRuns: 300 },
    );
  });

  it('property: removing and adding persons again leaves the answers of a fresh index', () => {
    const r = prng(3);
    const removed = population.map((_, i) => i).filter(() => r() < 0.15);
    const index = build(16);
    for (const i of removed) index.remove(i + 1);
    const back = removed.filter((_, k) => k % 3 === 0);
    for (const i of back) index.add(i + 1, population[i]!);
    const gone = new Set(removed.filter((_, k) => k % 3 !== 0));
    const fresh = build(16, population.map((_, i) => i).filter((i) => !gone.has(i)));
    fc.assert(
      fc.property(queryArb, ({ q, threshold }) => {
        expect(view(index.screen(q, { limit: LIMIT, threshold }))).toEqual(view(fresh.screen(q, { limit: LIMIT, threshold })));
      }),
      { numRuns: 100 },
    );
  });

  it('reads only the years near the date asked', () => {
    const q = { names: ['Wang Wei'], birthDate: '1975-04-02' };
    bucketed.screen(q, { limit: 60, threshold: 0.7 });
    const dated = bucketed.lastWork.postings;
    bucketed.screen({ names: ['Wang Wei'] }, { limit: 60, threshold: 0.7 });
    const undated = bucketed.lastWork.postings;
    expect(dated).toBeGreaterThan(0);
    expect(dated * 3).toBeLessThan(undated);
  });
});

describe('commonness of a name (decision 0009)', () => {
  it('lowers an unconfirmed score by 0.05 each time the namesakes double, from 5, to 0.78 at least', () => {
    expect([1, 4, 5, 9, 10, 19, 20, 39, 40, 1000, 1e6].map(commonNameFactor)).toEqual([1, 1, 0.85, 0.85, 0.8, 0.8, 0.78, 0.78, 0.78, 0.78, 0.78]);
  });

  it('counts every person bearing the name once, whatever the script, order or birth date, and forgets the removed', () => {
    const index = new NameIndex();
    for (let k = 0; k < 12; k++) index.add(k, { names: [k % 2 === 0 ? 'Wang Wei' : 'WEI Wang'], birthDate: `${1950 + k}-01-01` });
    index.add(50, { names: ['王伟', 'Wang Wei'], birthDate: '1980' }); // two names, one person
    index.add(60, { names: ['Wang Wei'] });
    const q = { names: ['Wang Wei'], birthDate: '1980-06-01' };
    const found = index.screen(q, { limit: 20, threshold: 0.7 });
    expect(found.find((c) => c.personId === 50)).toMatchObject({ birthDate: { agreement: 'compatible' }, commonName: { namesakes: 14, factor: 0.8 }, score: 0.8 });
    expect(found.find((c) => c.personId === 60)).toMatchObject({ birthDate: { agreement: 'missing' }, commonName: { namesakes: 14, factor: 0.8 }, score: 0.72 });
    // Born in other decades, they are not read, yet they count.
    expect(found.some((c) => c.personId === 0)).toBe(false);
    for (let k = 0; k < 6; k++) index.remove(k);
    expect(index.screen(q, { limit: 20, threshold: 0.7 }).find((c) => c.personId === 50)?.commonName).toEqual({ namesakes: 8, factor: 0.85 });
  });
});
