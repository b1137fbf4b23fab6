import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NameError } from './errors.js';
import { NameIndex } from './name-index.js';
import { IntMap, PostingArena } from './postings.js';
import { syntheticPersons } from './synthetic.js';

function code(f: () => unknown): string | undefined {
  try { f(); } catch (e) { return e instanceof NameError ? e.code : `other: ${String(e)}`; }
  return undefined;
}

/** An index of synthetic persons (ids 1000…) as neighbours. */
function populated(n = 3000): NameIndex {
  const index = new NameIndex();
  let id = 1000;
  for (const p of syntheticPersons(n, 5)) index.add(id++, p);
  return index;
}
const shared = populated();
shared.add(1, { names: ['Владимир Владимирович Путин', 'Vladimir Putin'], birthDate: '1952-10-07', sex: 'M', nationalities: ['RUS'] });
shared.add(2, { names: ['Mohammed Ahmed Al-Hassan'], birthDate: '1980' });
shared.add(3, { names: ['박지성'], birthDate: '1981-02-25' });
shared.add(4, { names: ['毛泽东'] });

describe('packed storage', () => {
  it('PostingArena keeps many growing lists apart', () => {
    const a = new PostingArena(4, 2);
    for (let i = 0; i < 1000; i++) a.push(i % 7, i);
    for (let l = 0; l < 7; l++) {
      const got = Array.from(a.values.subarray(a.start0(l), a.start0(l) + a.length(l)));
      expect(got).toEqual(Array.from({ length: 1000 }, (_, i) => i).filter((i) => i % 7 === l));
    }
    expect(a.remove(3, 3)).toBe(true);
    expect(a.length(3)).toBe(142);
    expect(a.remove(3, 3)).toBe(false);
  });
  it('IntMap survives growth and deletion', () => {
    const m = new IntMap(4);
    for (let i = 0; i < 5000; i++) m.set(i * 7919, i);
    for (let i = 0; i < 5000; i += 2) expect(m.delete(i * 7919)).toBe(true);
    for (let i = 0; i < 5000; i++) expect(m.get(i * 7919)).toBe(i % 2 === 0 ? undefined : i);
    expect(m.size).toBe(2500);
  });
});

describe('NameIndex', () => {
  it('finds a person from a spelling in another script, with the explanation', () => {
    for (const q of ['PUTIN, Vladimir', 'Vladimir Poutine', 'Wladimir Wladimirowitsch Putin', 'ウラジーミル・プーチン', 'فلاديمير بوتين', 'ולדימיר פוטין', 'Βλαντίμιρ Πούτιν', '블라디미르 푸틴']) {
      const [top] = shared.screen({ names: [q] }, { limit: 5, threshold: 0.5 });
      expect(top?.personId, q).toBe(1);
    }
    const [c] = shared.screen({ names: ['Putin Vladimir'], birthDate: '1952-07-10' }, { limit: 1, threshold: 0.5 });
    expect(c).toMatchObject({ personId: 1, birthDate: { agreement: 'swapped' } });
    expect(c!.matches.map((m) => m.method)).toEqual(expect.arrayContaining(['exact']));
    const [exact] = shared.screen({ names: ['Putin Vladimir'], birthDate: '1952-10-07' }, { limit: 1, threshold: 0.5 });
    expect(exact!.score).toBeGreaterThan(c!.score);
  });

  it('finds Chinese and Korean names written as one token by their surname split', () => {
    expect(shared.screen({ names: ['Park Ji-sung'] }, { limit: 3, threshold: 0.5 })[0]?.personId).toBe(3);
    expect(shared.screen({ names: ['Mao Zedong'] }, { limit: 3, threshold: 0.5 })[0]?.personId).toBe(4);
    expect(shared.screen({ names: ['Muhammad Ahmad al Hasan'] }, { limit: 3, threshold: 0.5 })[0]?.personId).toBe(2);
  });

  it('screens with the threshold and limit, and refuses bad options and bad queries', () => {
    expect(shared.screen({ names: ['Zbigniew Qwertyuiop'] }, { limit: 10, threshold: 0.9 })).toEqual([]);
    expect(shared.screen({ names: ['Maria'] }, { limit: 3, threshold: 0 }).length).toBeLessThanOrEqual(3);
    expect(code(() => shared.screen({ names: ['x'] }, { limit: 0, threshold: 0.5 }))).toBe('screening.limit_invalid');
    expect(code(() => shared.screen({ names: ['x'] }, { limit: 10, threshold: 2 }))).toBe('screening.limit_invalid');
    expect(code(() => shared.screen({ names: [] }, { limit: 10, threshold: 0.5 }))).toBe('person.names_missing');
    expect(code(() => shared.screen({ names: ['---'] }, { limit: 10, threshold: 0.5 }))).toBe('person.name_no_letters');
    expect(code(() => shared.screen({ names: ['Ivan'], birthDate: '1980-02-31' }, { limit: 10, threshold: 0.5 }))).toBe('person.birth_date_invalid');
  });

  it('adds and removes; a bad person changes nothing', () => {
    const index = new NameIndex();
    index.add(7, { names: ['Ivan Petrov'] });
    expect(code(() => index.add(7, { names: ['Ivan Petrov'] }))).toBe('person.duplicate');
    expect(code(() => index.add(8, { names: ['Ivan Petrov', 'Иван Petrov'] }))).toBe('person.name_mixed_scripts');
    expect(code(() => index.add(8, { names: ['Ivan Petrov'], birthDate: '1980-02-31' }))).toBe('person.birth_date_invalid');
    expect(code(() => index.add(8, { names: ['Ivan Petrov'], nationalities: ['Russia'] }))).toBe('person.nationality_invalid');
    expect(code(() => index.add(-1, { names: ['Ivan Petrov'] }))).toBe('person.id_invalid');
    expect(code(() => index.add(8, { names: [] }))).toBe('person.names_missing');
    expect(index.size).toBe(1);
    expect(index.has(8)).toBe(false);
    index.add(8, { names: ['Иван Петров'] });
    expect(index.screen({ names: ['Ivan Petrov'] }, { limit: 5, threshold: 0.5 }).map((c) => c.personId)).toEqual([7, 8]);
    expect(index.remove(7)).toBe(true);
    expect(index.remove(7)).toBe(false);
    expect(index.screen({ names: ['Ivan Petrov'] }, { limit: 5, threshold: 0.5 }).map((c) => c.personId)).toEqual([8]);
    index.add(7, { names: ['Olga Ivanova'] }); // the slot is reused
    expect(index.screen({ names: ['Ivan Petrov'] }, { limit: 5, threshold: 0.5 }).map((c) => c.personId)).toEqual([8]);
    expect(index.screen({ names: ['Olga Ivanova'] }, { limit: 5, threshold: 0.5 })[0]?.personId).toBe(7);
    expect(index.memory().bytes).toBeGreaterThan(0);
  });

  it('among many namesakes, finds the one whose name and birth date agree (the common part is not pruned away)', () => {
    const index = new NameIndex();
    let id = 100;
    const surnames = ['Suzuki', 'Sato', 'Takahashi', 'Watanabe', 'Ito', 'Yamamoto', 'Nakamura', 'Kobayashi', 'Kato', 'Yoshida'];
    const day = (k: number): string => `19${40 + (k % 50)}-${String(1 + (k % 12)).padStart(2, '0')}-${String(1 + (k % 28)).padStart(2, '0')}`;
    // Many Kenjis of other families and many Tanakas of other given names: "kenji" is the rarer part.
    for (let k = 0; k < 1200; k++) index.add(id++, { names: [`Kenji ${surnames[k % surnames.length]!}`], birthDate: day(k), sex: 'M' });
    for (let k = 0; k < 2500; k++) index.add(id++, { names: [`${['Hiroshi', 'Takeshi', 'Yuki', 'Akira', 'Haruto'][k % 5]!} Tanaka`], birthDate: day(k), sex: 'M' });
    // And 300 Kenji Tanakas born on other days.
    for (let k = 0; k < 300; k++) index.add(id++, { names: ['Kenji Tanaka'], birthDate: day(k * 7 + 3), sex: 'M' });
    index.add(1, { names: ['Kenji Tanaka'], birthDate: '1957-06-24', sex: 'M', nationalities: ['JPN'] });
    const found = index.screen({ names: ['TANAKA Kenji'], birthDate: '1957-06-24', sex: 'M' }, { limit: 10, threshold: 0.7 });
    expect(found[0]).toMatchObject({ personId: 1, nameScore: 1, birthDate: { agreement: 'exact' } });
    // Without a birth date every Kenji Tanaka ties at the top; none of the Kenji Suzukis comes first.
    const all = index.screen({ names: ['Kenji Tanaka'] }, { limit: 50, threshold: 0.7 });
    expect(all).toHaveLength(50);
    expect(all.every((c) => c.nameScore === 1)).toBe(true);
  });

  it('a common name that no birth date confirms scores lower than a rare one', () => {
    const index = new NameIndex();
    for (let k = 0; k < 8; k++) index.add(100 + k, { names: ['Wang Wei'], sex: 'M' }); // no birth date
    index.add(200, { names: ['Wang Wei'], birthDate: '1975', sex: 'M' }); // a year only
    index.add(300, { names: ['Zbigniew Qwiatkowski'], sex: 'M' });
    const common = index.screen({ names: ['WANG Wei'], birthDate: '1975-04-02', sex: 'M' }, { limit: 20, threshold: 0.5 });
    expect(common).toHaveLength(9);
    expect(common.every((c) => c.commonName?.namesakes === 9)).toBe(true);
    // No date on the record: 1 × 0.9 × 0.85, below the default hit threshold; a year that fits: 1 × 0.85.
    expect(common.filter((c) => c.personId !== 200).every((c) => c.score === 0.765 && c.birthDate.agreement === 'missing')).toBe(true);
    expect(common.find((c) => c.personId === 200)).toMatchObject({ birthDate: { agreement: 'compatible' }, score: 0.85 });
    const rare = index.screen({ names: ['Zbigniew Qwiatkowski'], birthDate: '1975-04-02', sex: 'M' }, { limit: 5, threshold: 0.5 });
    expect(rare[0]).toMatchObject({ personId: 300, score: 0.9, birthDate: { agreement: 'missing' } });
    expect(rare[0]!.commonName).toBeUndefined();
    // Asked without a date, nothing is left unconfirmed: every Wang Wei is the name itself.
    expect(index.screen({ names: ['Wang Wei'] }, { limit: 20, threshold: 0.5 }).every((c) => c.score === 1 && c.commonName === undefined)).toBe(true);
  });

  it('property: a stored name finds its person at rank 1, whatever the order of its parts', () => {
    const persons = [...syntheticPersons(200, 99)];
    const index = populated(1500);
    persons.forEach((p, i) => index.add(i, p));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: persons.length - 1 }), fc.integer({ min: 0, max: 1000 }), (i, seed) => {
        const name = persons[i]!.names[0]!.replace(',', '');
        const parts = name.split(/\s+/u);
        const shuffled = [...parts].sort((a, b) => ((a.length * 31 + seed) % 7) - ((b.length * 31 + seed) % 7));
        const a = index.screen({ names: [name] }, { limit: 20, threshold: 0.3 });
        const b = index.screen({ names: [shuffled.join(' ')] }, { limit: 20, threshold: 0.3 });
        // Rank 1 (ties with namesakes allowed: the same score as the best).
        const mine = a.find((c) => c.personId === i);
        expect(mine?.score).toBe(a[0]?.score);
        expect(mine?.score).toBe(1);
        // Order of the query's parts changes no score.
        expect(b.map((c) => [c.personId, c.score])).toEqual(a.map((c) => [c.personId, c.score]));
      }),
      { numRuns: 60 },
    );
  });
});
