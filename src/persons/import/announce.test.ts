import { describe, expect, it } from 'vitest';
import { InProcessBus } from '../../bus/bus.js';
import { NameIndex } from '../names/index.js';
import { PERSON_CHANGE_TOPIC, PUT_MANY_LIMITS, type PersonChange } from '../person-index.js';
import type { PersonInput } from '../validate.js';
import { announcePersons } from './announce.js';
import type { ImportedPerson } from './importer.js';

/** Letters only (a name's digits are not part of it): 0 → "a", 27 → "bb"… */
const letters = (n: number): string => (n < 26 ? '' : letters(Math.floor(n / 26) - 1)) + String.fromCharCode(97 + (n % 26));

function imported(seq: number, family: string): ImportedPerson {
  const input = { names: [{ kind: 'primary', given: 'Ivan', patronymic: null, family }], birth: null, sex: 'M', nationalities: ['RU'] } as unknown as PersonInput;
  return { line: seq, row: { seq } as ImportedPerson['row'], input };
}

describe('announcing an imported batch', () => {
  it('sends putMany events within the limits, and an index applying them holds every person', async () => {
    const bus = new InProcessBus((e) => { throw e; });
    const seen: PersonChange[] = [];
    const index = new NameIndex();
    bus.subscribe(PERSON_CHANGE_TOPIC, (_topic, payload) => {
      const change = payload as PersonChange;
      seen.push(change);
      if (change.op === 'putMany') for (const { seq, person } of change.people) index.add(seq, person);
    });
    const small = Array.from({ length: 2500 }, (_, i) => imported(i + 1, `Petrov${letters(i)}`));
    await announcePersons(bus, small);
    expect(seen.map((c) => (c.op === 'putMany' ? c.people.length : -1))).toEqual([1000, 1000, 500]);
    expect(index.size).toBe(2500);
    expect(index.screen({ names: [`Ivan Petrov${letters(2499)}`] }, { limit: 1, threshold: 0.9 })[0]?.personId).toBe(2500);

    // Long names: the byte limit cuts first.
    seen.length = 0;
    const long = Array.from({ length: 100 }, (_, i) => imported(10_000 + i, `${'Sokolov'.repeat(25)}`.slice(0, 170) + letters(i)));
    for (const p of long) p.input.names.push(...Array.from({ length: 30 }, () => ({ ...p.input.names[0]!, kind: 'alias' as const })));
    await announcePersons(bus, long);
    expect(seen.length).toBeGreaterThan(1);
    for (const c of seen) expect(JSON.stringify(c).length).toBeLessThan(PUT_MANY_LIMITS.bytes + 64 * 1024);
    expect(seen.reduce((n, c) => n + (c.op === 'putMany' ? c.people.length : 0), 0)).toBe(100);
  });
});
