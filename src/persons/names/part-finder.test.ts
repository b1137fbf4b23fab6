import { describe, expect, it } from 'vitest';
import { NameIndex, type PersonNames, type ScreeningQuery } from './name-index.js';
import { syntheticPersons } from './synthetic.js';

const persons: PersonNames[] = [...syntheticPersons(4000, 11)];
const queries: ScreeningQuery[] = [
  ...persons.slice(0, 40).map((p) => ({ names: [p.names[0]!] })),
  { names: ['Mohammed Ali'] }, { names: ['Maria Garcia'] }, { names: ['王伟'] }, { names: ['Ivanov Sergei'] }, { names: ['Kim Min-jun'] },
];
const opts = { limit: 30, threshold: 0.5 };

function screenAll(index: NameIndex): unknown[] {
  return queries.map((q) => index.screen(q, opts));
}

describe('remembered part searches', () => {
  it('answer as a fresh search does after persons are added and removed between screenings', () => {
    const warm = new NameIndex({ budget: 1_000_000, rememberFrom: 0 });
    for (const [i, p] of persons.slice(0, 1500).entries()) warm.add(i, p);
    screenAll(warm); // remembers what every query part found among the first 1,500
    for (const [i, p] of persons.slice(1500).entries()) warm.add(1500 + i, p);
    for (let i = 0; i < 300; i++) warm.remove(i * 5);
    screenAll(warm);
    expect(warm.memory().parts.rememberedParts).toBeGreaterThan(0);

    const fresh = new NameIndex();
    for (const [i, p] of persons.entries()) fresh.add(i, p); // same order, so the same slots
    for (let i = 0; i < 300; i++) fresh.remove(i * 5);
    expect(screenAll(warm)).toEqual(screenAll(fresh));
  });

  it('warming the commonest parts at start changes no answer and spares the first screenings the comparisons', () => {
    const cold = new NameIndex();
    const warmed = new NameIndex();
    for (const [i, p] of persons.entries()) { cold.add(i, p); warmed.add(i, p); }
    expect(warmed.warm(500)).toBe(500);
    const compared = (index: NameIndex): number => queries.reduce((n, q) => { index.screen(q, opts); return n + index.lastWork.partsCompared; }, 0);
    const coldWork = compared(cold);
    const warmWork = compared(warmed);
    expect(warmWork).toBeLessThan(coldWork * 0.8);
    expect(screenAll(warmed)).toEqual(screenAll(cold));
  });

  it('a part whose names were all removed is found again when a name holds it again', () => {
    const index = new NameIndex({ budget: 1_000_000, rememberFrom: 0 });
    for (const [i, p] of persons.slice(0, 500).entries()) index.add(i, p);
    index.add(9000, { names: ['Zebulon Quarrington'] });
    expect(index.screen({ names: ['Zebulon Quarington'] }, opts)[0]?.personId).toBe(9000);
    index.remove(9000);
    expect(index.screen({ names: ['Zebulon Quarington'] }, opts).some((c) => c.personId === 9000)).toBe(false);
    index.add(9001, { names: ['Quarrington Zebulon'] });
    expect(index.screen({ names: ['Zebulon Quarington'] }, opts)[0]?.personId).toBe(9001);
  });

  it('stays within its budget and answers the same with none', () => {
    const tiny = new NameIndex({ budget: 50, rememberFrom: 0 });
    const none = new NameIndex({ budget: 0, rememberFrom: 0 });
    for (const [i, p] of persons.entries()) { tiny.add(i, p); none.add(i, p); }
    const a = screenAll(tiny);
    expect(screenAll(tiny)).toEqual(a);
    expect(screenAll(none)).toEqual(a);
  });
});
