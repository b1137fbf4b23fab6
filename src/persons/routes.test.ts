import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../core/errors.js';
import { auditEntries, expectProblem, ok } from '../hub/test-support.js';
import { testBackend } from '../storage/testing.js';
import type { Person } from './schema.js';
import { day, personsWorld, type PersonsWorld } from './test-fixture.js';

/** The smallest images of each kind the hub accepts, and things that are not images. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63f8cfc0f01f0005000201a5f4f1e50000000049454e44ae426082', 'hex');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0', 'latin1'), Buffer.alloc(64, 1), Buffer.from([0xff, 0xd9])]);
const WEBP = Buffer.concat([Buffer.from('RIFF', 'latin1'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 ', 'latin1'), Buffer.alloc(32, 7)]);

/**
 * Person records through the HTTP API: who may enter, read, change and
 * cancel them; how names, dates and documents are normalised; the
 * photograph; and every way a record is refused, each with its stable code
 * and nothing written.
 */
describe(`person records on ${testBackend}`, () => {
  let w: PersonsWorld;
  let today: string;
  let putin: Person;

  const all = async (): Promise<Person[]> => (await ok<{ items: Person[] }>(w.call(w.t.admin, 'GET', '/api/v1/persons?limit=500'))).items;
  const putPhoto = (token: string, id: string, body: Buffer | string, contentType = 'image/png') =>
    w.hub.call(token, { method: 'PUT', url: `/api/v1/persons/${id}/photo`, payload: body, headers: { 'content-type': contentType } });

  beforeAll(async () => {
    w = await personsWorld();
    today = day(w.hub.ctx.clock);
  });
  afterAll(async () => w?.close());

  describe('entering and maintaining records', () => {
    it('a GB NCB operator enters a person with names in two scripts; everything is normalised', async () => {
      putin = await w.createPerson(w.t.gbOp, {
        names: [
          { family: ' Путин ', given: 'Владимир', patronymic: 'Владимирович' },
          { kind: 'spelling', family: 'PUTIN', given: 'Vladimir' },
          { kind: 'alias', given: 'Volodya' },
        ],
        birthDate: '1952-10-07',
        placeOfBirth: { place: 'Leningrad', country: 'rus' },
        sex: 'M',
        nationalities: ['rus', 'RUS'],
        documents: [{ issuingState: 'rus', number: ' 12 3456-789 ', documentType: 'passport' }],
        distinguishingMarks: ['scar on the left hand'],
        languages: ['ru', 'de'],
      });
      expect(putin).toMatchObject({
        ownerOrgId: w.gbNcb.id, ownerCountry: 'GB',
        names: [
          { kind: 'primary', family: 'Путин', given: 'Владимир', patronymic: 'Владимирович' },
          { kind: 'spelling', family: 'PUTIN', given: 'Vladimir', patronymic: null },
          { kind: 'alias', family: null, given: 'Volodya', patronymic: null },
        ],
        birthDate: '1952-10-07',
        placeOfBirth: { place: 'Leningrad', country: 'RUS' },
        sex: 'M',
        nationalities: ['RUS'],
        documents: [{ issuingState: 'RUS', number: '123456789', documentType: 'passport' }],
        distinguishingMarks: ['scar on the left hand'],
        languages: ['ru', 'de'],
        photo: null,
        hitThreshold: 0.8,
        restriction: { visibility: 'all', countries: [] },
        state: 'active', version: 1, cancelledAt: null,
      });
      expect(putin.id).toMatch(/^per_/);
      expect(putin.reviewDate > today).toBe(true);
    });

    it('accepts every form of birth date: year and month, year only, a range', async () => {
      for (const [given, stored] of [['1970-03', '1970-03'], ['1965', '1965'], [{ from: '1970', to: '1975-06' }, '1970/1975-06'], ['1980-02-29/1980-02-29', '1980-02-29']] as const) {
        const p = await w.createPerson(w.t.gbOp, { names: [{ family: 'Dates', given: 'Many' }], birthDate: given });
        expect(p.birthDate).toBe(stored);
      }
    });

    it('gets a record back as it was entered, for its owner and the hub', async () => {
      expect(await ok<Person>(w.call(w.t.gbOp, 'GET', `/api/v1/persons/${putin.id}`))).toEqual(putin);
      expect(await ok<Person>(w.call(w.t.admin, 'GET', `/api/v1/persons/${putin.id}`))).toEqual(putin);
      expectProblem(await w.call(w.t.gbOp, 'GET', '/api/v1/persons/per_aaaaaaaaaaaaaaaaaaaaaaaaaa'), 404, 'person.not_found');
    });

    it('France cannot read, change, photograph or cancel GB\'s record; nothing changes', async () => {
      for (const token of [w.t.frOp, w.t.frOfficer]) {
        expectProblem(await w.call(token, 'GET', `/api/v1/persons/${putin.id}`), 403, 'access.forbidden');
        expectProblem(await w.call(token, 'PATCH', `/api/v1/persons/${putin.id}`, { version: 1, sex: 'F' }), 403, 'access.forbidden');
        expectProblem(await w.call(token, 'DELETE', `/api/v1/persons/${putin.id}`), 403, 'access.forbidden');
        expectProblem(await putPhoto(token, putin.id, PNG), 403, 'access.forbidden');
        expectProblem(await w.call(token, 'GET', `/api/v1/persons?country=GB`), 403, 'access.forbidden');
      }
      expect(await ok<Person>(w.call(w.t.admin, 'GET', `/api/v1/persons/${putin.id}`))).toEqual(putin);
      const changes = [...await auditEntries(w.hub, 'persons.update'), ...await auditEntries(w.hub, 'persons.cancel'), ...await auditEntries(w.hub, 'persons.photo_put')];
      expect(changes.filter((e) => e.resource.id === putin.id)).toEqual([]);
    });

    it('lists its own country\'s records only; the hub lists any country\'s', async () => {
      const fr = await w.createPerson(w.t.frOp, { names: [{ family: 'Dupont', given: 'Jean' }] });
      const gbList = await ok<{ items: Person[] }>(w.call(w.t.gbOp, 'GET', '/api/v1/persons'));
      expect(gbList.items.every((p) => p.ownerCountry === 'GB')).toBe(true);
      expect(gbList.items.map((p) => p.id)).toContain(putin.id);
      expect((await ok<{ items: Person[] }>(w.call(w.t.frOp, 'GET', '/api/v1/persons'))).items.map((p) => p.id)).toEqual([fr.id]);
      expect((await ok<{ items: Person[] }>(w.call(w.t.admin, 'GET', '/api/v1/persons?country=FR'))).items.map((p) => p.id)).toEqual([fr.id]);
    });

    it('an agency its NCB lets write enters records for its country; one that may only screen, an officer, and the hub cannot', async () => {
      const made = await w.createPerson(w.t.gbRecords, { names: [{ family: 'Agency', given: 'Made' }] });
      expect(made).toMatchObject({ ownerOrgId: w.gbWriter.id, ownerCountry: 'GB' });
      // The record is GB's: GB's NCB maintains it too.
      expect(await ok<Person>(w.call(w.t.gbOp, 'PATCH', `/api/v1/persons/${made.id}`, { version: 1, sex: 'F' }))).toMatchObject({ sex: 'F', version: 2 });
      for (const token of [w.t.gbSearchOnlyRecords, w.t.gbOfficer, w.t.admin]) {
        expectProblem(await w.call(token, 'POST', '/api/v1/persons', { names: [{ family: 'Refused' }] }), 403, 'access.forbidden');
      }
      expectProblem(await w.call(w.t.gbSearchOnlyRecords, 'PATCH', `/api/v1/persons/${made.id}`, { version: 2, sex: 'M' }), 403, 'access.forbidden');
      expectProblem(await w.call(w.t.gbOfficer, 'DELETE', `/api/v1/persons/${made.id}`), 403, 'access.forbidden');
      expect((await all()).filter((p) => p.names[0]?.family === 'Refused')).toEqual([]);
    });

    it('a change with a stale version is refused; with the current one it applies, field by field', async () => {
      const v2 = await ok<Person>(w.call(w.t.gbOp, 'PATCH', `/api/v1/persons/${putin.id}`, { version: 1, distinguishingMarks: ['tattoo: anchor, right forearm'], hitThreshold: 0.9 }));
      expect(v2).toMatchObject({ version: 2, distinguishingMarks: ['tattoo: anchor, right forearm'], hitThreshold: 0.9, names: putin.names, birthDate: '1952-10-07' });
      const stale = expectProblem(await w.call(w.t.gbOp, 'PATCH', `/api/v1/persons/${putin.id}`, { version: 1, sex: 'F' }), 409, 'person.conflict');
      expect(stale.detail).toContain('version 2');
      const v3 = await ok<Person>(w.call(w.t.gbOp, 'PATCH', `/api/v1/persons/${putin.id}`, { version: 2, birthDate: null, restriction: { visibility: 'countries', countries: ['FR', 'DE'] } }));
      expect(v3).toMatchObject({ version: 3, birthDate: null, restriction: { visibility: 'countries', countries: ['DE', 'FR'] } });
      expectProblem(await w.call(w.t.gbOp, 'PATCH', `/api/v1/persons/${putin.id}`, { version: 3 }), 400, 'request.validation_failed');
      putin = await ok<Person>(w.call(w.t.gbOp, 'PATCH', `/api/v1/persons/${putin.id}`, { version: 3, birthDate: '1952-10-07', restriction: { visibility: 'all' } }));
    });

    it('cancels a record once; a cancelled record cannot be changed', async () => {
      const p = await w.createPerson(w.t.gbOp, { names: [{ family: 'Short', given: 'Lived' }] });
      const cancelled = await ok<Person>(w.call(w.t.gbOp, 'DELETE', `/api/v1/persons/${p.id}?reason=entered%20in%20error`));
      expect(cancelled).toMatchObject({ state: 'cancelled', version: 2 });
      expect(cancelled.cancelledAt).not.toBeNull();
      expectProblem(await w.call(w.t.gbOp, 'DELETE', `/api/v1/persons/${p.id}`), 409, 'person.conflict');
      expectProblem(await w.call(w.t.gbOp, 'PATCH', `/api/v1/persons/${p.id}`, { version: 2, sex: 'M' }), 409, 'person.conflict');
      expect((await auditEntries(w.hub, 'persons.cancel')).find((e) => e.resource.id === p.id)?.details).toEqual({ reason: 'entered in error' });
    });
  });

  describe('the photograph', () => {
    it('stores a PNG, a JPEG or a WebP as bytes, told by content, with its SHA-256; reads it back exactly', async () => {
      for (const [bytes, type] of [[JPEG, 'image/jpeg'], [WEBP, 'image/webp'], [PNG, 'image/png']] as const) {
        const before = await ok<Person>(w.call(w.t.gbOp, 'GET', `/api/v1/persons/${putin.id}`));
        const after = await ok<Person>(putPhoto(w.t.gbOp, putin.id, bytes, type === 'image/webp' ? 'application/octet-stream' : type));
        const sha256 = (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex');
        expect(after.photo).toMatchObject({ contentType: type, size: bytes.length, sha256 });
        expect(after.version).toBe(before.version + 1);
        const got = await w.call(w.t.gbOp, 'GET', `/api/v1/persons/${putin.id}/photo`);
        expect(got.statusCode).toBe(200);
        expect(got.headers['content-type']).toBe(type);
        expect(got.headers.etag).toBe(`"${sha256}"`);
        expect(got.headers['x-content-type-options']).toBe('nosniff');
        expect(got.rawPayload.equals(bytes)).toBe(true);
      }
      putin = await ok<Person>(w.call(w.t.gbOp, 'GET', `/api/v1/persons/${putin.id}`));
      expect((await auditEntries(w.hub, 'persons.photo_put')).filter((e) => e.resource.id === putin.id).map((e) => e.details.contentType)).toEqual(['image/jpeg', 'image/webp', 'image/png']);
      expect((await auditEntries(w.hub, 'persons.photo_read')).filter((e) => e.resource.id === putin.id)).toHaveLength(3);
    });

    it('refuses what is not an image, or is too large, and keeps the photograph it had', async () => {
      const cases: [string, Buffer | string, string, number, ErrorCode][] = [
        ['a text file', 'just some text, not a face', 'image/png', 422, 'person.photo_invalid'],
        ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), 'image/gif', 422, 'person.photo_invalid'],
        ['a PDF declared as JPEG', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj', 'latin1'), 'image/jpeg', 422, 'person.photo_invalid'],
        ['a PNG declared as JPEG', PNG, 'image/jpeg', 422, 'person.photo_invalid'],
        ['a JSON body', '{"photo":"me.jpg"}', 'application/json', 422, 'person.photo_invalid'],
        ['a PNG signature and nothing more', PNG.subarray(0, 8), 'image/png', 422, 'person.photo_invalid'],
        ['an empty body', Buffer.alloc(0), 'image/png', 422, 'person.photo_invalid'],
        ['a JPEG of 2 MiB and one byte', Buffer.concat([JPEG, Buffer.alloc(2 * 1024 * 1024 + 1 - JPEG.length)]), 'image/jpeg', 413, 'person.photo_too_large'],
        ['a PNG of 5 MiB', Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]), 'image/png', 413, 'person.photo_too_large'],
      ];
      for (const [name, body, type, status, code] of cases) {
        const problem = expectProblem(await putPhoto(w.t.gbOp, putin.id, body, type), status, code);
        expect(problem.detail, name).toBeTruthy();
      }
      const after = await ok<Person>(w.call(w.t.gbOp, 'GET', `/api/v1/persons/${putin.id}`));
      expect(after).toEqual(putin);
      expect((await w.call(w.t.gbOp, 'GET', `/api/v1/persons/${putin.id}/photo`)).rawPayload.equals(PNG)).toBe(true);
    });

    it('counts the bytes of a body sent without a length, and stops at the limit', async () => {
      const { Readable } = await import('node:stream');
      const chunks = function* () {
        yield JPEG;
        for (let i = 0; i < 40; i++) yield Buffer.alloc(64 * 1024);
      };
      const res = await w.hub.call(w.t.gbOp, { method: 'PUT', url: `/api/v1/persons/${putin.id}/photo`, payload: Readable.from(chunks()), headers: { 'content-type': 'image/jpeg' } });
      expect(res.raw.req.headers['content-length']).toBeUndefined();
      expectProblem(res, 413, 'person.photo_too_large');
      expect(await ok<Person>(w.call(w.t.gbOp, 'GET', `/api/v1/persons/${putin.id}`))).toEqual(putin);
    });

    it('accepts exactly 2 MiB', async () => {
      const p = await w.createPerson(w.t.gbOp, { names: [{ family: 'Large', given: 'Photo' }] });
      const exact = Buffer.concat([JPEG, Buffer.alloc(2 * 1024 * 1024 - JPEG.length, 0x20)]);
      expect((await ok<Person>(putPhoto(w.t.gbOp, p.id, exact, 'image/jpeg'))).photo?.size).toBe(2 * 1024 * 1024);
    });

    it('a record without a photograph answers person.photo_not_found; the owner removes one', async () => {
      const p = await w.createPerson(w.t.gbOp, { names: [{ family: 'No', given: 'Photo' }] });
      expectProblem(await w.call(w.t.gbOp, 'GET', `/api/v1/persons/${p.id}/photo`), 404, 'person.photo_not_found');
      await ok(putPhoto(w.t.gbOp, p.id, PNG));
      expect((await ok<Person>(w.call(w.t.gbOp, 'DELETE', `/api/v1/persons/${p.id}/photo`))).photo).toBeNull();
      expectProblem(await w.call(w.t.gbOp, 'GET', `/api/v1/persons/${p.id}/photo`), 404, 'person.photo_not_found');
      expectProblem(await w.call(w.t.gbOp, 'DELETE', `/api/v1/persons/${p.id}/photo`), 404, 'person.photo_not_found');
      // The photograph's own route is a route like the others: documented, and a wrong method is told so.
      const wrong = expectProblem(await w.call(w.t.gbOp, 'PATCH', `/api/v1/persons/${p.id}/photo`, {}), 405, 'route.method_not_allowed');
      expect(wrong.detail).toContain('DELETE, GET, HEAD, PUT');
      const docs = await ok<{ paths: Record<string, Record<string, unknown>> }>(w.hub.call(null, { method: 'GET', url: '/api/docs/json' }));
      expect(Object.keys(docs.paths['/api/v1/persons/{id}/photo'] ?? {}).sort()).toEqual(['delete', 'get', 'put']);
    });

    it('another country sees the photograph only once the person is circulated to it', async () => {
      expectProblem(await w.call(w.t.frOfficer, 'GET', `/api/v1/persons/${putin.id}/photo`), 403, 'access.forbidden');
      await w.publishNotice(w.t.gbOp, putin.id);
      const got = await w.call(w.t.frOfficer, 'GET', `/api/v1/persons/${putin.id}/photo`);
      expect(got.statusCode).toBe(200);
      expect(got.rawPayload.equals(PNG)).toBe(true);
      // An agency without the persons database does not.
      expectProblem(await w.call(w.t.frBorderOfficer, 'GET', `/api/v1/persons/${putin.id}/photo`), 403, 'access.forbidden');
    });

    it('an anonymous upload is refused before its body is read', async () => {
      const res = await w.hub.call(null, { method: 'PUT', url: `/api/v1/persons/${putin.id}/photo`, payload: PNG, headers: { 'content-type': 'image/png' } });
      expectProblem(res, 401, 'auth.required');
    });
  });

  describe('bad input: a precise error and nothing written', () => {
    const name = (extra: Record<string, unknown> = {}) => ({ names: [{ family: 'Bad', given: 'Input' }], ...extra });
    const cases: [string, () => Record<string, unknown>, number, ErrorCode, string[] | null][] = [
      ['no names at all', () => ({ names: [] }), 422, 'person.names_missing', ['/body/names']],
      ['an empty family name', () => ({ names: [{ family: '' }] }), 422, 'person.name_empty', ['/body/names/0/family']],
      ['a name of spaces', () => ({ names: [{ family: '   ', given: 'Ann' }] }), 422, 'person.name_empty', ['/body/names/0/family']],
      ['a name with neither family nor given name', () => ({ names: [{ patronymic: 'Ivanovich' }] }), 422, 'person.name_empty', ['/body/names/0']],
      ['a name of punctuation only', () => ({ names: [{ family: '.-,;!?', given: 'Ann' }] }), 422, 'person.name_no_letters', ['/body/names/0/family']],
      ['a name of digits only', () => ({ names: [{ family: '12345' }] }), 422, 'person.name_no_letters', ['/body/names/0/family']],
      ['a name of 10,000 characters', () => ({ names: [{ family: 'a'.repeat(10_000) }] }), 422, 'person.name_too_long', ['/body/names/0/family']],
      ['parts together longer than a name may be', () => ({ names: [{ family: 'b'.repeat(150), given: 'c'.repeat(150) }] }), 422, 'person.name_too_long', ['/body/names/0']],
      ['mixed scripts in one part', () => ({ names: [{ family: 'Ivanов' }] }), 422, 'person.name_mixed_scripts', ['/body/names/0/family']],
      ['mixed scripts across the parts of one name', () => ({ names: [{ family: 'Иванов', given: 'Ivan' }] }), 422, 'person.name_mixed_scripts', ['/body/names/0']],
      ['a control character in a name', () => ({ names: [{ family: 'Smi\u0007th' }] }), 422, 'person.name_invalid_characters', ['/body/names/0/family']],
      ['33 names', () => ({ names: Array.from({ length: 33 }, (_, i) => ({ kind: i === 0 ? 'primary' : 'alias', family: `Alias${'x'.repeat(i % 5)}` })) }), 422, 'person.names_too_many', ['/body/names']],
      ['a second primary name', () => ({ names: [{ family: 'One' }, { kind: 'primary', family: 'Two' }] }), 422, 'person.invalid', ['/body/names/1/kind']],
      ['a birth date of 31 February', () => name({ birthDate: '1980-02-31' }), 422, 'person.birth_date_invalid', ['/body/birthDate']],
      ['a birth date of 29 February in a common year', () => name({ birthDate: '1981-02-29' }), 422, 'person.birth_date_invalid', ['/body/birthDate']],
      ['a birth date in month 13', () => name({ birthDate: '1980-13' }), 422, 'person.birth_date_invalid', ['/body/birthDate']],
      ['a birth date written day first', () => name({ birthDate: '07/10/1952' }), 422, 'person.birth_date_invalid', ['/body/birthDate']],
      ['a birth date still to come', () => name({ birthDate: `${Number(today.slice(0, 4)) + 1}-01-01` }), 422, 'person.birth_date_invalid', ['/body/birthDate']],
      ['a birth year before 1850', () => name({ birthDate: '1492' }), 422, 'person.birth_date_out_of_range', ['/body/birthDate']],
      ['a birth range that ends before it starts', () => name({ birthDate: { from: '1980', to: '1975' } }), 422, 'person.birth_range_invalid', ['/body/birthDate']],
      ['a range with 31 February in it', () => name({ birthDate: { from: '1980-02-31', to: '1985' } }), 422, 'person.birth_date_invalid', ['/body/birthDate']],
      ['an unknown nationality', () => name({ nationalities: ['QQQ'] }), 422, 'person.nationality_invalid', ['/body/nationalities/0']],
      ['an unknown country of birth', () => name({ placeOfBirth: { country: 'ZZ' } }), 422, 'person.nationality_invalid', ['/body/placeOfBirth/country']],
      ['a document number with a character not allowed', () => name({ documents: [{ issuingState: 'GBR', number: 'AB#123' }] }), 422, 'document.invalid_number', ['/body/documents/0/number']],
      ['a document of an unknown state', () => name({ documents: [{ issuingState: 'ZZZ', number: '123' }] }), 422, 'document.unknown_state', ['/body/documents/0/issuingState']],
      ['a review date in the past', () => name({ reviewDate: day(w.hub.ctx.clock, -1) }), 422, 'person.invalid', ['/body/reviewDate']],
      ['a review date of 31 February', () => name({ reviewDate: `${Number(today.slice(0, 4)) + 2}-02-31` }), 422, 'person.invalid', ['/body/reviewDate']],
      ['restriction to countries without countries', () => name({ restriction: { visibility: 'countries' } }), 422, 'person.invalid', ['/body/restriction/countries']],
      ['restriction to a country that is not a member', () => name({ restriction: { visibility: 'countries', countries: ['XY'] } }), 422, 'person.invalid', ['/body/restriction/countries']],
      ['several problems at once', () => ({ names: [{ family: '!!!' }], birthDate: '1980-02-31', nationalities: ['QQQ'] }), 422, 'person.invalid', ['/body/names/0/family', '/body/birthDate', '/body/nationalities/0']],
      ['a hit threshold below the floor', () => name({ hitThreshold: 0.3 }), 400, 'request.validation_failed', null],
      ['an unknown sex', () => name({ sex: 'male' }), 400, 'request.validation_failed', null],
      ['an unknown field', () => name({ eyeColour: 'blue' }), 400, 'request.validation_failed', ['/body/eyeColour']],
      ['a name as a number', () => ({ names: [{ family: 42 }] }), 400, 'request.validation_failed', null],
    ];

    let before: { records: number; creates: number };
    beforeAll(async () => {
      before = { records: (await all()).length, creates: (await auditEntries(w.hub, 'persons.create')).length };
    });

    it.each(cases)('%s', async (_name, body, status, code, pointers) => {
      const problem = expectProblem(await w.call(w.t.gbOp, 'POST', '/api/v1/persons', body()), status, code);
      if (pointers !== null) expect(problem.errors?.map((e) => e.pointer)).toEqual(pointers);
    });

    it('the same checks, on a change, leave the record as it was', async () => {
      const current = await ok<Person>(w.call(w.t.gbOp, 'GET', `/api/v1/persons/${putin.id}`));
      for (const change of [{ names: [{ family: '?!' }] }, { birthDate: '2001-02-29' }, { names: [{ family: 'Мixed' }] }, { names: [] }]) {
        const res = await w.call(w.t.gbOp, 'PATCH', `/api/v1/persons/${putin.id}`, { version: current.version, ...change });
        expect(res.statusCode).toBe(422);
      }
      expect(await ok<Person>(w.call(w.t.gbOp, 'GET', `/api/v1/persons/${putin.id}`))).toEqual(current);
    });

    it('wrote nothing for any refused record', async () => {
      expect((await all()).length).toBe(before.records);
      expect((await auditEntries(w.hub, 'persons.create')).length).toBe(before.creates);
    });
  });

  it('audits every creation, read, change and cancellation, without the person\'s particulars', async () => {
    const created = (await auditEntries(w.hub, 'persons.create')).find((e) => e.resource.id === putin.id);
    expect(created).toMatchObject({ actor: { name: 'gb.operator', org: w.gbNcb.id, country: 'GB' }, resource: { type: 'person', id: putin.id }, details: { names: 3, birthDate: true, visibility: 'all', hitThreshold: 0.8 } });
    expect(JSON.stringify(created)).not.toContain('Путин');
    const updates = (await auditEntries(w.hub, 'persons.update')).filter((e) => e.resource.id === putin.id).map((e) => e.details.changed);
    expect(updates).toEqual([['distinguishingMarks', 'hitThreshold'], ['birthDate', 'restriction'], ['birthDate', 'restriction']]);
    expect((await auditEntries(w.hub, 'persons.read')).filter((e) => e.resource.id === putin.id).map((e) => e.actor.name)).toEqual(expect.arrayContaining(['gb.operator', expect.stringMatching(/admin/)]));
    // Every record in the hub was audited when it was made, once.
    expect((await auditEntries(w.hub, 'persons.create')).map((e) => e.resource.id).sort()).toEqual((await all()).map((p) => p.id).sort());
  });
});
