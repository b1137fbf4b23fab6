import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../core/errors.js';
import type { Case } from '../hits/schema.js';
import { auditEntries, expectProblem, ok } from '../hub/test-support.js';
import { testBackend } from '../storage/testing.js';
import { PersonIndex } from './person-index.js';
import type { Person } from './schema.js';
import { personsWorld, type PersonsWorld } from './test-fixture.js';

/**
 * Screening through the HTTP API: ranked, explained candidates across
 * scripts; who sees which person (published notices, diffusions, the
 * owner's restrictions); hits and concealed hits entering the hit workflow;
 * limits and bad input; every screening audited and counted.
 */
describe(`person screening on ${testBackend}`, () => {
  let w: PersonsWorld;
  const p: Record<string, Person> = {};

  const hitsOn = async (personId: string) => (await auditEntries(w.hub, 'persons.hit')).filter((e) => e.details.record === personId);
  const screenAs = (token: string, body: Record<string, unknown>) => w.call(token, 'POST', '/api/v1/persons/screen', body);

  beforeAll(async () => {
    w = await personsWorld();
    const gb = w.t.gbOp;
    p.putin = await w.createPerson(gb, {
      names: [{ family: 'Путин', given: 'Владимир', patronymic: 'Владимирович' }, { kind: 'spelling', family: 'PUTIN', given: 'Vladimir' }],
      birthDate: '1952-10-07', sex: 'M', nationalities: ['RUS'],
    });
    p.lavrov = await w.createPerson(gb, { names: [{ family: 'Лавров', given: 'Сергей', patronymic: 'Викторович' }] });
    p.wang = await w.createPerson(gb, { names: [{ family: '王', given: '小明' }], birthDate: '1988' });
    p.smith = await w.createPerson(gb, { names: [{ family: 'Smith', given: 'John' }], birthDate: '1970-01-02' });
    p.smyth = await w.createPerson(gb, { names: [{ family: 'Smyth', given: 'Jon' }] });
    p.strict = await w.createPerson(gb, { names: [{ family: 'Whitfield', given: 'Katherine' }], hitThreshold: 1 });
    p.restricted = await w.createPerson(gb, { names: [{ family: 'Petrov', given: 'Ivan' }], restriction: { visibility: 'countries', countries: ['DE'] } });
    p.hubOnly = await w.createPerson(gb, { names: [{ family: 'Lindqvist', given: 'Sven' }], restriction: { visibility: 'hub' } });
    p.uncirculated = await w.createPerson(gb, { names: [{ family: 'Okonkwo', given: 'Chidi' }] });
    p.diffused = await w.createPerson(gb, { names: [{ family: 'Brandt', given: 'Dieter' }] });
    p.reviewing = await w.createPerson(gb, { names: [{ family: 'Moreau', given: 'Lucien' }] });
    for (const key of ['putin', 'lavrov', 'wang', 'smith', 'smyth', 'strict', 'restricted', 'hubOnly']) await w.publishNotice(gb, (p[key] as Person).id);
    await w.requestNotice(gb, p.diffused.id, { kind: 'diffusion', type: 'blue', summary: 'locate', countries: ['DE'] });
    const pending = await w.requestNotice(gb, p.reviewing.id, { type: 'red', summary: 'pending review' });
    await ok(w.call(w.t.admin, 'PATCH', `/api/v1/notices/${pending.id}`, { status: 'under_review' }));
  });
  afterAll(async () => w?.close());

  it('finds a person recorded in Cyrillic from a Latin query, explains why, and opens a case between the two NCBs', async () => {
    const answer = await w.screen(w.t.frOfficer, { names: ['PUTIN, Vladimir'], birthDate: '1952-10-07', sex: 'M', nationality: 'RUS', location: 'CDG-2E' });
    expect(answer.outcome).toBe('hit');
    expect(answer.instruction).toMatch(/Do not act on this hit alone/);
    const [top] = answer.candidates;
    expect(top).toMatchObject({
      hit: true,
      person: { id: p.putin?.id, ownerCountry: 'GB', birthDate: '1952-10-07', sex: 'M', nationalities: ['RUS'] },
      notices: [{ kind: 'notice', type: 'red', summary: 'wanted for prosecution: armed robbery' }],
      explanation: { birthDate: { agreement: 'exact' }, sex: 'agrees', nationality: 'agrees', unmatchedQuery: [] },
    });
    expect(top?.score).toBeGreaterThanOrEqual(0.95);
    expect(top?.explanation.matches.map((m) => m.query).sort()).toEqual(['putin', 'vladimir']);
    expect(top?.hitId).toMatch(/^hit_/);
    // The person's particulars, not the owner's housekeeping.
    expect(Object.keys(top?.person ?? {})).not.toContain('restriction');
    const { case: c } = await ok<{ case: Case }>(w.call(w.t.frOp, 'GET', `/api/v1/cases/${top?.caseId}`));
    expect(c).toMatchObject({ database: 'persons', recordId: p.putin?.id, ownerNcbId: w.gbNcb.id, searcherNcbId: w.frNcb.id, priority: 'urgent', status: 'new' });
    expect((await ok<{ case: Case }>(w.call(w.t.gbOp, 'GET', `/api/v1/cases/${top?.caseId}`))).case).toEqual(c);
    expectProblem(await w.call(w.t.deOp, 'GET', `/api/v1/cases/${top?.caseId}`), 403, 'access.forbidden');
  });

  it('finds the Cyrillic and the Chinese records from their own scripts too; a desk enquiry opens a routine case', async () => {
    const cyrillic = await w.screen(w.t.deOfficer, { names: ['Владимир Путин'] });
    expect(cyrillic.candidates[0]?.person.id).toBe(p.putin?.id);
    const chinese = await w.screen(w.t.deOfficer, { names: ['Wang Xiaoming'], birthDate: '1988-04-01' });
    expect(chinese.candidates[0]).toMatchObject({ hit: true, person: { id: p.wang?.id }, explanation: { birthDate: { agreement: 'compatible' } } });
    const { case: c } = await ok<{ case: Case }>(w.call(w.t.deOp, 'GET', `/api/v1/cases/${chinese.candidates[0]?.caseId}`));
    expect(c.priority).toBe('routine');
  });

  it('a Latin query without the patronymic is a hit, at the default threshold, on a record kept only in Cyrillic', async () => {
    const answer = await w.screen(w.t.frOfficer, { names: ['Sergei Lavrov'] });
    expect(answer.candidates[0]).toMatchObject({ hit: true, person: { id: p.lavrov?.id }, explanation: { unmatchedQuery: [], unmatchedRecord: ['викторович'] } });
    expect(answer.candidates[0]?.explanation.matches.map((m) => m.method)).toEqual(['transliteration', 'transliteration']);
  });

  it('ranks candidates best first, whatever the order of the name parts, and keeps to the limit', async () => {
    const answer = await w.screen(w.t.frOfficer, { names: ['Smith John'] });
    expect(answer.candidates.map((c) => c.person.id)).toEqual([p.smith?.id, p.smyth?.id]);
    const [first, second] = answer.candidates;
    expect(first?.score).toBe(1);
    expect((second?.score ?? 1) < 1).toBe(true);
    expect(second?.explanation.matches.find((m) => m.query === 'smith')?.record).toBe('smyth');
    const one = await w.screen(w.t.frOfficer, { names: ['John Smith'], limit: 1 });
    expect(one.candidates.map((c) => c.person.id)).toEqual([p.smith?.id]);
  });

  it('below the owner\'s threshold a candidate is a possible match: shown, no hit, no case', async () => {
    const before = (await hitsOn(p.strict?.id as string)).length;
    const answer = await w.screen(w.t.frOfficer, { names: ['Catherine Whitfield'] });
    expect(answer.outcome).toBe('possible_match');
    expect(answer.instruction).toBeUndefined();
    expect(answer.candidates[0]).toMatchObject({ hit: false, hitId: null, caseId: null, person: { id: p.strict?.id } });
    expect((await hitsOn(p.strict?.id as string)).length).toBe(before);
    // The searcher may ask to see only the most likely.
    expect((await w.screen(w.t.frOfficer, { names: ['Catherine Whitfield'], minScore: 0.99 })).outcome).toBe('no_hit');
  });

  it('a record the owner restricted to Germany: France is told no hit while GB and the hub learn of it (concealed)', async () => {
    const fr = await w.screen(w.t.frOfficer, { names: ['Ivan Petrov'], location: 'Calais' });
    expect(fr).toEqual({ outcome: 'no_hit', candidates: [] });
    const [concealed] = await hitsOn(p.restricted?.id as string);
    expect(concealed).toMatchObject({ actor: { name: 'fr.officer', country: 'FR' }, details: { owner: w.gbNcb.id, concealed: true, location: 'Calais' } });
    // No case: France's NCB must not learn of it.
    const frCases = (await ok<{ items: Case[] }>(w.call(w.t.frOp, 'GET', '/api/v1/cases'))).items;
    expect(frCases.some((c) => c.recordId === p.restricted?.id)).toBe(false);
    const de = await w.screen(w.t.deOfficer, { names: ['Ivan Petrov'] });
    expect(de.candidates[0]).toMatchObject({ hit: true, person: { id: p.restricted?.id } });
    // Hidden from every member but the owner: concealed for Germany too.
    expect((await w.screen(w.t.deOfficer, { names: ['Sven Lindqvist'] })).outcome).toBe('no_hit');
    expect((await hitsOn(p.hubOnly?.id as string)).map((e) => e.details.concealed)).toEqual([true]);
  });

  it('a diffusion reaches the countries it names; for others it is a concealed hit', async () => {
    expect((await w.screen(w.t.deOfficer, { names: ['Dieter Brandt'] })).candidates[0]).toMatchObject({ hit: true, person: { id: p.diffused?.id }, notices: [{ kind: 'diffusion', type: 'blue' }] });
    expect((await w.screen(w.t.frOfficer, { names: ['Dieter Brandt'] })).outcome).toBe('no_hit');
    expect((await hitsOn(p.diffused?.id as string)).map((e) => [e.actor.country, e.details.concealed])).toEqual([['DE', false], ['FR', true]]);
  });

  it('a person not circulated (no notice, or one still under review) is the owner\'s alone: others get nothing, not even a concealed hit', async () => {
    for (const [key, name] of [['uncirculated', 'Chidi Okonkwo'], ['reviewing', 'Lucien Moreau']] as const) {
      expect(await w.screen(w.t.frOfficer, { names: [name] })).toEqual({ outcome: 'no_hit', candidates: [] });
      expect(await hitsOn(p[key]?.id as string)).toEqual([]);
      // The owner screens its own records, circulated or not (a domestic hit opens a case at its own NCB).
      const own = await w.screen(w.t.gbOfficer, { names: [name] });
      expect(own.candidates[0]).toMatchObject({ hit: true, person: { id: p[key]?.id }, notices: [] });
      // The hub sees every record.
      expect((await w.screen(w.t.admin, { names: [name] })).candidates[0]?.person.id).toBe(p[key]?.id);
    }
  });

  it('an agency without the persons database, and a key not scoped for it, are refused', async () => {
    expectProblem(await screenAs(w.t.frBorderOfficer, { names: ['Vladimir Putin'] }), 403, 'access.forbidden');
    const docsKey = await w.apiKey(w.frNcb.id, ['documents:search']);
    expectProblem(await screenAs(docsKey, { names: ['Vladimir Putin'] }), 403, 'access.scope_exceeded');
    const anonymous = await w.hub.call(null, { method: 'POST', url: '/api/v1/persons/screen', payload: { names: ['Vladimir Putin'] } });
    expectProblem(anonymous, 401, 'auth.required');
  });

  describe('bad input: a precise error, nothing audited, no hit', () => {
    const cases: [string, Record<string, unknown>, number, ErrorCode, string[] | null][] = [
      ['no names', { names: [] }, 422, 'person.names_missing', ['/body/names']],
      ['eleven names', { names: Array.from({ length: 11 }, () => 'John Smith') }, 422, 'person.names_too_many', ['/body/names']],
      ['an empty name', { names: [''] }, 422, 'person.name_empty', ['/body/names/0']],
      ['a name of spaces', { names: ['   '] }, 422, 'person.name_empty', ['/body/names/0']],
      ['a name of punctuation only', { names: ['John Smith', '--- ,,, ...'] }, 422, 'person.name_no_letters', ['/body/names/1']],
      ['a name of 10,000 characters', { names: ['x'.repeat(10_000)] }, 422, 'person.name_too_long', ['/body/names/0']],
      ['a name of 201 characters', { names: ['y'.repeat(201)] }, 422, 'person.name_too_long', ['/body/names/0']],
      ['a name mixing Latin and Cyrillic', { names: ['Vladimir Путин'] }, 422, 'person.name_mixed_scripts', ['/body/names/0']],
      ['a name mixing Latin and Arabic', { names: ['Mohammed محمد'] }, 422, 'person.name_mixed_scripts', ['/body/names/0']],
      ['a birth date of 31 February', { names: ['John Smith'], birthDate: '1970-02-31' }, 422, 'person.birth_date_invalid', ['/body/birthDate']],
      ['a birth date that is no date', { names: ['John Smith'], birthDate: 'last spring' }, 422, 'person.birth_date_invalid', ['/body/birthDate']],
      ['an unknown nationality', { names: ['John Smith'], nationality: 'QQQ' }, 422, 'person.nationality_invalid', ['/body/nationality']],
      ['a bad name and a bad date together', { names: ['!!!'], birthDate: '1970-02-31' }, 422, 'person.invalid', ['/body/names/0', '/body/birthDate']],
      ['more candidates than the limit', { names: ['John Smith'], limit: 51 }, 400, 'request.validation_failed', null],
      ['a minimum score below the floor', { names: ['John Smith'], minScore: 0.2 }, 400, 'request.validation_failed', null],
      ['an unknown sex', { names: ['John Smith'], sex: 'male' }, 400, 'request.validation_failed', null],
      ['a name as a number', { names: [42] }, 400, 'request.validation_failed', null],
      ['an unknown field', { names: ['John Smith'], fuzzy: true }, 400, 'request.validation_failed', ['/body/fuzzy']],
    ];
    let before: { searches: number; hits: number };
    beforeAll(async () => {
      before = { searches: (await auditEntries(w.hub, 'persons.search')).length, hits: (await auditEntries(w.hub, 'persons.hit')).length };
    });

    it.each(cases)('%s', async (_name, body, status, code, pointers) => {
      const problem = expectProblem(await screenAs(w.t.frOfficer, body), status, code);
      if (pointers !== null) expect(problem.errors?.map((e) => e.pointer)).toEqual(pointers);
    });

    it('audited no search and recorded no hit for any of them', async () => {
      expect((await auditEntries(w.hub, 'persons.search')).length).toBe(before.searches);
      expect((await auditEntries(w.hub, 'persons.hit')).length).toBe(before.hits);
    });
  });

  it('accepts names at the limits: 10 names, 200 characters, any one script each', async () => {
    const names = ['Vladimir Putin', 'Владимир Путин', 'Βλαδίμηρος Πούτιν', 'فلاديمير بوتين', 'ולדימיר פוטין', '普京', 'プーチン', '푸틴', 'V. Putin', 'z'.repeat(200)];
    const answer = await w.screen(w.t.frOfficer, { names });
    expect(answer.candidates[0]?.person.id).toBe(p.putin?.id);
  });

  it('audits every screening with its query and outcome, and counts it', async () => {
    await w.screen(w.t.deOfficer, { names: ['Nobody Atall'], birthDate: '1990', location: 'Frankfurt T1' });
    const entries = await auditEntries(w.hub, 'persons.search');
    expect(entries.at(-1)).toMatchObject({
      actor: { name: 'de.officer', country: 'DE' },
      resource: { type: 'persons_search' },
      details: { query: { names: ['Nobody Atall'], birthDate: '1990', sex: null, nationality: null, shown: [] }, outcome: 'no_hit', hits: 0, searches: 1, location: 'Frankfurt T1' },
    });
    const putinSearch = entries.find((e) => e.actor.country === 'FR' && (e.details.query as { names: string[] }).names[0] === 'PUTIN, Vladimir');
    expect(putinSearch?.details).toMatchObject({ outcome: 'hit', hits: 1, query: { shown: [p.putin?.id] } });
    const stats = await ok<{ items: { database: string; country: string; searches: number; hits: number }[] }>(w.call(w.t.admin, 'GET', '/api/v1/stats?database=persons'));
    const count = (country: string) => stats.items.filter((s) => s.country === country).reduce((a, s) => a + s.searches, 0);
    expect(count('FR')).toBe(entries.filter((e) => e.actor.country === 'FR').length);
    expect(count('DE')).toBe(entries.filter((e) => e.actor.country === 'DE').length);
  });

  it('a common name that no birth date confirms is shown, explained, and not a hit; with the date it is', async () => {
    const namesakes: Person[] = [];
    for (let k = 0; k < 5; k++) namesakes.push(await w.createPerson(w.t.gbOp, { names: [{ family: 'Karimi', given: 'Ahmed' }], sex: 'M' }));
    const dated = await w.createPerson(w.t.gbOp, { names: [{ family: 'Karimi', given: 'Ahmed' }], birthDate: '1979-03-14', sex: 'M' });
    for (const n of [...namesakes, dated]) await w.publishNotice(w.t.gbOp, n.id);
    const answer = await w.screen(w.t.frOfficer, { names: ['KARIMI, Ahmed'], birthDate: '1979-03-14', sex: 'M', location: 'CDG-2E' });
    const [top, ...rest] = answer.candidates;
    expect(top).toMatchObject({ hit: true, person: { id: dated.id }, explanation: { birthDate: { agreement: 'exact' } } });
    expect(top?.explanation.commonName).toBeUndefined();
    expect(rest.map((c) => c.person.id).sort()).toEqual(namesakes.map((n) => n.id).sort());
    for (const c of rest) {
      expect(c).toMatchObject({ hit: false, hitId: null, score: 0.765, explanation: { birthDate: { agreement: 'missing' }, commonName: { namesakes: 6, factor: 0.85 } } });
    }
    for (const n of namesakes) expect(await hitsOn(n.id)).toEqual([]);
  });

  it('keeps the index current: a new record matches at once, a renamed one under its new name only, a cancelled one no more', async () => {
    const fresh = await w.createPerson(w.t.gbOp, { names: [{ family: 'Quackenbush', given: 'Ebenezer' }] });
    expect((await w.screen(w.t.gbOfficer, { names: ['Ebenezer Quackenbush'] })).candidates[0]?.person.id).toBe(fresh.id);
    await ok(w.call(w.t.gbOp, 'PATCH', `/api/v1/persons/${fresh.id}`, { version: 1, names: [{ family: 'Featherstonehaugh', given: 'Ebenezer' }] }));
    expect((await w.screen(w.t.gbOfficer, { names: ['Ebenezer Quackenbush'], minScore: 0.9 })).candidates.map((c) => c.person.id)).not.toContain(fresh.id);
    expect((await w.screen(w.t.gbOfficer, { names: ['Ebenezer Featherstonehaugh'] })).candidates[0]?.person.id).toBe(fresh.id);
    await ok(w.call(w.t.gbOp, 'DELETE', `/api/v1/persons/${fresh.id}`));
    expect((await w.screen(w.t.gbOfficer, { names: ['Ebenezer Featherstonehaugh'] })).candidates.map((c) => c.person.id)).not.toContain(fresh.id);
  });

  it('an index built from the database at start holds what the running one holds', async () => {
    const rebuilt = await PersonIndex.build(w.hub.ctx.database.db);
    expect(rebuilt.size).toBe(w.hub.ctx.personIndex.size);
    const active = (await ok<{ items: Person[] }>(w.call(w.t.admin, 'GET', '/api/v1/persons?state=active&limit=500'))).items;
    expect(rebuilt.size).toBe(active.length);
    const query = { names: ['Vladimir Putin'] };
    expect(rebuilt.screen(query, { limit: 5, threshold: 0.5 })).toEqual(w.hub.ctx.personIndex.screen(query, { limit: 5, threshold: 0.5 }));
  });
});
