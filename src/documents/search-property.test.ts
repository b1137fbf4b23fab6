import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../hub/testing.js';
import type { Organisation } from '../registry/organisations/schema.js';
import { testBackend } from '../storage/testing.js';
import type { SearchResult } from './schema.js';

/**
 * The OCR-tolerant search, end to end, as a property: for any document number
 * reported, a search that reads any subset of its characters as another
 * member of their confusion class finds it and names exactly those positions;
 * a search with one character changed to something it is not confused with
 * never finds it.
 */

/** The confusion classes the issue and ocr.ts document, written out independently of the code under test. */
const CLASSES = ['0OQD', '1IL', '5S', '8B', '2Z', '6G'];
const ALPHABET = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'];
const classOf = (c: string): string => CLASSES.find((k) => k.includes(c)) ?? c;

const character = fc.oneof(fc.constantFrom(...ALPHABET), fc.constantFrom(...CLASSES.join('')));
const scenario = fc.array(character, { minLength: 3, maxLength: 14 }).map((cs) => cs.join('')).chain((number) => fc.record({
  number: fc.constant(number),
  /** Per position: 0 keeps the character, k > 0 picks another member of its class. */
  picks: fc.array(fc.nat({ max: 3 }), { minLength: number.length, maxLength: number.length }),
  changeAt: fc.nat({ max: number.length - 1 }),
  changeTo: fc.nat(),
  withState: fc.boolean(),
  lowerCase: fc.boolean(),
}));

describe(`OCR-tolerant search, as a property, on ${testBackend}`, () => {
  let hub: TestHub;
  let reporter = '';
  let searcher = '';

  beforeAll(async () => {
    hub = await startTestHub();
    const ncb = async (country: string) => (await hub.call(hub.adminToken, { method: 'GET', url: `/api/v1/organisations?kind=ncb&country=${country}` })).json<{ items: Organisation[] }>().items[0] as Organisation;
    const person = async (country: string, username: string, role: 'ncb-operator' | 'officer') => {
      const res = await hub.call(hub.adminToken, { method: 'POST', url: `/api/v1/organisations/${(await ncb(country)).id}/users`, payload: { username, displayName: username, roles: [role] } });
      return hub.login(username, res.json<{ initialPassword: string }>().initialPassword);
    };
    reporter = await person('GB', 'gb.operator', 'ncb-operator');
    searcher = await person('NL', 'nl.officer', 'officer');
  });
  afterAll(async () => hub?.close());

  const search = async (number: string, withState: boolean): Promise<SearchResult> => {
    const res = await hub.call(searcher, { method: 'POST', url: '/api/v1/documents/search', payload: { number, ...(withState ? { issuingState: 'GBR' } : {}) } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<SearchResult>();
  };

  it('finds every OCR misreading of a reported number, naming the positions; never a non-confusable change', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ number, picks, changeAt, changeTo, withState, lowerCase }) => {
        const made = await hub.call(reporter, { method: 'POST', url: '/api/v1/documents', payload: { issuingState: 'GBR', documentType: 'passport', status: 'stolen', number } });
        // Reported in an earlier run already (shrinking reuses numbers): the record is there all the same.
        expect([201, 409], made.body).toContain(made.statusCode);

        const read = [...number].map((c, i) => {
          const others = [...classOf(c)].filter((m) => m !== c);
          const pick = (picks[i] ?? 0) % (others.length + 1);
          return pick === 0 ? c : (others[pick - 1] as string);
        }).join('');
        const expected = [...read].flatMap((c, i) => (c === number[i] ? [] : [{ position: i, read: c, recorded: number[i] }]));
        const answer = await search(lowerCase ? read.toLowerCase() : read, withState);
        const mine = (answer.hits ?? []).filter((h) => h.number === number && h.issuingState === 'GBR' && h.ownerCountry === 'GB');
        expect(mine.map((h) => h.match)).toEqual([{ kind: expected.length === 0 ? 'exact' : 'ocr_variant', differences: expected }]);
        expect(answer.outcome).toBe('hit');

        const original = number[changeAt] as string;
        const unconfusable = ALPHABET.filter((c) => !classOf(original).includes(c));
        const changed = number.slice(0, changeAt) + (unconfusable[changeTo % unconfusable.length] as string) + number.slice(changeAt + 1);
        const miss = await search(changed, withState);
        expect((miss.hits ?? []).filter((h) => h.number === number)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});
