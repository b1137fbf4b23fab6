import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BirthDateInput } from '../birth-date.js';
import { qualifyingSets } from './name-bound.js';
import { NameIndex, type Candidate, type PersonNames, type ScreeningQuery } from '../name-index.js';
import { prng, syntheticPersons } from '../synthetic.js';

/**
 * The name bound (name-bound.ts, decision 0009) touches a big unit's names only when what they hold could
 * reach the threshold. These tests check that it loses no candidate: the same screenings against the same
 * index following every name of the units followed (`nameBound: false`, the exhaustive path) return no
 * candidate the bounded path does not, with the same score.
 */

const population: PersonNames[] = [...syntheticPersons(2500, 21)];
// Many bearers of a few common parts, mixed (Wei Garcia, Maria Wang), with aliases, initials and
// particles, born in every decade: the units of these parts are big at bigFrom 12.
const GIVEN = ['Wei', 'Mohammed', 'Maria', 'Elena', 'Kenji', 'Ali', 'Jose'];
const FAMILY = ['Wang', 'Ali', 'Garcia', 'Kuznetsova', 'Tanaka', 'Hassan', 'Lopez', 'Al Rashid'];
const rnd = prng(5);
const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
for (let k = 0; k < 900; k++) {
  const year = 1940 + Math.floor(rnd() * 66);
  const r = rnd();
  const birthDate: BirthDateInput | undefined = r < 0.6 ? `${year}-0${1 + (k % 9)}-1${k % 9}` : r < 0.75 ? `${year}` : r < 0.85 ? { from: `${year}`, to: `${year + 3}` } : r < 0.9 ? `${year}-0${1 + (k % 9)}` : undefined;
  const s = rnd();
  const name = s < 0.5 ? `${pick(GIVEN)} ${pick(FAMILY)}` : s < 0.75 ? `${pick(GIVEN)} ${pick(GIVEN)} ${pick(FAMILY)}` : s < 0.85 ? `${pick(GIVEN)[0]!}. ${pick(FAMILY)}` : s < 0.95 ? `${pick(GIVEN)} ${pick(FAMILY)} ${pick(FAMILY)}` : pick(FAMILY);
  const alias = rnd() < 0.1 ? [`${pick(GIVEN)} ${pick(FAMILY)}`] : [];
  population.push({ names: [name, ...alias], sex: k % 3 === 0 ? 'F' : 'M', ...(birthDate ? { birthDate } : {}) });
}

function build(options: { bigFrom?: number; nameBound?: boolean; bucketFrom?: number }): NameIndex {
  const index = new NameIndex(undefined, options);
  population.forEach((p, i) => index.add(i + 1, p));
  return index;
}
const bounded = build({ bigFrom: 12, bucketFrom: 16 });
const exhaustive = build({ nameBound: false, bucketFrom: 16 });
const boundedUnsplit = build({ bigFrom: 12, bucketFrom: Number.MAX_SAFE_INTEGER });

const LIMIT = 400;
type View = [number, number, number, string, number];
const view = (cs: readonly Candidate[]): View[] => cs.map((c) => [c.personId, c.score, c.nameScore, c.birthDate.agreement, c.commonName?.factor ?? 1]);

/**
 * Every candidate of `reference` is in `got` with the same score (more candidates are allowed), except
 * one that matched through a part the part finder does not find (wei ~ lei: no key in common): the
 * bound, like the unit bound before it, credits a name only with the parts its units found. Answers how
 * many were so excepted.
 */
function expectSuperset(index: NameIndex, got: readonly Candidate[], reference: readonly Candidate[]): number {
  const byId = new Map(view(got).map((v) => [v[0], v]));
  let unseen = 0;
  for (const [k, v] of view(reference).entries()) {
    if (!byId.has(v[0])) {
      const c = reference[k]!;
      const missed = c.matches.some((m) => m.method === 'fuzzy' && !index.partsFound(m.query).includes(m.record));
      if (missed) { unseen++; continue; }
    }
    expect(byId.get(v[0]), `person ${v[0]}`).toEqual(v);
  }
  return unseen;
}

const dateArb = fc.oneof(
  fc.tuple(fc.integer({ min: 1935, max: 2008 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
    .map(([y, m, d]): BirthDateInput => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.integer({ min: 1935, max: 2008 }).map((y): BirthDateInput => `${y}`),
);
const nameArb = fc.oneof(
  // A person's own name, or a mix of common parts (few bear the mix), with an initial now and then.
  fc.integer({ min: 0, max: population.length - 1 }).map((i) => population[i]!.names[0]!),
  fc.tuple(fc.constantFrom(...GIVEN), fc.constantFrom(...FAMILY)).map(([g, f]) => `${g} ${f}`),
  fc.tuple(fc.constantFrom(...GIVEN), fc.constantFrom(...GIVEN), fc.constantFrom(...FAMILY)).map(([a, b, f]) => `${a} ${b} ${f}`),
  fc.tuple(fc.constantFrom(...GIVEN), fc.constantFrom(...FAMILY)).map(([g, f]) => `${g[0]!}. ${f}`),
  fc.tuple(fc.constantFrom(...GIVEN), fc.constantFrom(...FAMILY)).map(([g, f]) => `${f}${g.toLowerCase()}`),
);
const queryArb = fc.record({
  name: nameArb,
  birthDate: fc.option(dateArb, { nil: undefined }),
  sex: fc.constantFrom<('M' | 'F' | undefined)[]>('M', 'F', undefined),
  threshold: fc.constantFrom(0.5, 0.6, 0.7, 0.75, 0.8, 0.9),
}).map(({ name, birthDate, sex, threshold }) => {
  const q: ScreeningQuery = { names: [name], ...(birthDate ? { birthDate } : {}), ...(sex ? { sex } : {}) };
  return { q, threshold };
});

describe('the name bound (a big unit touches only the names that could reach the threshold)', () => {
  it('property: no candidate of the exhaustive path is lost, and none changes its score', () => {
    let skipped = 0;
    let unseen = 0;
    let candidates = 0;
    fc.assert(
      fc.property(queryArb, ({ q, threshold }) => {
        const reference = exhaustive.screen(q, { limit: LIMIT, threshold });
        const all = exhaustive.lastWork.touched;
        const got = bounded.screen(q, { limit: LIMIT, threshold });
        skipped += bounded.lastWork.skipped;
        candidates += reference.length;
        expect(bounded.lastWork.touched).toBeLessThanOrEqual(all);
        unseen += expectSuperset(bounded, got, reference);
        expectSuperset(bounded, boundedUnsplit.screen(q, { limit: LIMIT, threshold }), reference);
      }),
      { numRuns: 400 },
    );
    // The bound did prune (else this test would prove nothing), and the matches the finder does not see are rare.
    expect(skipped).toBeGreaterThan(1000);
    expect(unseen).toBeLessThan(candidates / 50);
  });

  it('skips the namesakes of one common part that hold nothing else the query asked for', () => {
    const q = { names: ['Mohammed Garcia'] };
    exhaustive.screen(q, { limit: 60, threshold: 0.7 });
    const all = exhaustive.lastWork.touched;
    bounded.screen(q, { limit: 60, threshold: 0.7 });
    expect(bounded.lastWork.skipped).toBeGreaterThan(0);
    expect(bounded.lastWork.touched * 2).toBeLessThan(all);
  });

  it('qualifying sets: a set qualifies when its weight (with the initials) reaches the threshold in some segmentation', () => {
    const a = { weightIn: new Map([[0, 1]]) };
    const b = { weightIn: new Map([[0, 1]]) };
    const joined = { weightIn: new Map([[1, 2]]) };
    // Segmentation 0: a + b + an initial (0.5) = 2.5; segmentation 1: the joined unit alone.
    const table = qualifyingSets([a, b, joined], [{ whole: 2.5, initials: 0.5 }, { whole: 2, initials: 0 }], 0.7);
    expect(Array.from(table)).toEqual([0, 0, 0, 1, 1, 1, 1, 1]);
    // 1.5 / 2.5 = 0.6: one part with the initial qualifies at 0.6.
    expect(Array.from(qualifyingSets([a, b], [{ whole: 2.5, initials: 0.5 }], 0.6))).toEqual([0, 1, 1, 1]);
  });
});
