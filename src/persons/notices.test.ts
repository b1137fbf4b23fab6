import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../core/clock.js';
import { auditEntries, expectProblem, ok } from '../hub/test-support.js';
import { testBackend } from '../storage/testing.js';
import type { Notice, Person } from './schema.js';
import { day, personsWorld, type PersonsWorld } from './test-fixture.js';

/**
 * Notices and diffusions: requested by the owner's NCB, reviewed and
 * published (or refused) by the hub, cancelled, expired at their review date;
 * what each country sees at each step, and every move the rules forbid.
 */
describe(`notices and diffusions on ${testBackend}`, () => {
  let w: PersonsWorld;
  const clock = new ManualClock(new Date());
  let person: Person;
  let red: Notice;

  const notice = (token: string, id: string) => w.call(token, 'GET', `/api/v1/notices/${id}`);
  const move = (token: string, id: string, body: Record<string, unknown>) => w.call(token, 'PATCH', `/api/v1/notices/${id}`, body);
  const visibleTo = async (token: string, personId: string) => (await ok<{ items: Notice[] }>(w.call(token, 'GET', `/api/v1/persons/${personId}/notices`))).items.map((n) => n.id);

  beforeAll(async () => {
    w = await personsWorld({ clock });
    person = await w.createPerson(w.t.gbOp, { names: [{ family: 'Kowalski', given: 'Jan' }], birthDate: '1975-05-05' });
  });
  afterAll(async () => w?.close());

  it('the owner\'s NCB requests a red notice: seen by GB and the hub only', async () => {
    red = await w.requestNotice(w.t.gbOp, person.id, { type: 'red', summary: 'wanted for prosecution: armed robbery, Manchester, 2024' });
    expect(red).toMatchObject({
      personId: person.id, kind: 'notice', type: 'red', status: 'requested', countries: [],
      requester: { orgId: w.gbNcb.id, country: 'GB' }, refusalReason: null, reviewDate: person.reviewDate, version: 1, publishedAt: null, closedAt: null,
    });
    expect(red.events?.map((e) => [e.from, e.to])).toEqual([[null, 'requested']]);
    expect(await ok<Notice>(notice(w.t.gbOp, red.id))).toMatchObject({ status: 'requested' });
    expect(await ok<Notice>(notice(w.t.admin, red.id))).toMatchObject({ status: 'requested' });
    for (const token of [w.t.frOp, w.t.frOfficer, w.t.deOp]) {
      expectProblem(await notice(token, red.id), 403, 'access.forbidden');
      expect(await visibleTo(token, person.id)).toEqual([]);
    }
    expect(await visibleTo(w.t.gbOp, person.id)).toEqual([red.id]);
    // The hub's review queue holds it.
    const queue = await ok<{ items: Notice[] }>(w.call(w.t.admin, 'GET', '/api/v1/notices?status=requested'));
    expect(queue.items.map((n) => n.id)).toEqual([red.id]);
    expect((await ok<{ items: Notice[] }>(w.call(w.t.frOp, 'GET', '/api/v1/notices'))).items).toEqual([]);
    expectProblem(await w.call(w.t.frOp, 'GET', '/api/v1/notices?country=GB'), 403, 'access.forbidden');
  });

  it('only the hub reviews: the owner, another country and an officer cannot move it on', async () => {
    for (const [token, status] of [[w.t.gbOp, 'under_review'], [w.t.gbOp, 'published'], [w.t.frOp, 'under_review'], [w.t.frOp, 'cancelled'], [w.t.deOp, 'refused']] as const) {
      expectProblem(await move(token, red.id, { status, reason: 'because' }), 403, 'access.forbidden');
    }
    expectProblem(await move(w.t.gbOfficer, red.id, { status: 'cancelled' }), 403, 'access.forbidden');
    expect(await ok<Notice>(notice(w.t.gbOp, red.id))).toMatchObject({ status: 'requested', version: 1 });
  });

  it('refuses a move to a state the notice cannot reach, with notice.invalid_transition, and changes nothing', async () => {
    expectProblem(await move(w.t.admin, red.id, { status: 'published' }), 409, 'notice.invalid_transition');
    expectProblem(await move(w.t.admin, red.id, { status: 'refused', reason: 'no' }), 409, 'notice.invalid_transition');
    expectProblem(await move(w.t.admin, red.id, { status: 'expired' }), 409, 'notice.invalid_transition');
    expectProblem(await move(w.t.admin, red.id, { status: 'requested' }), 409, 'notice.invalid_transition');
    expectProblem(await move(w.t.admin, red.id, { status: 'withdrawn' }), 400, 'request.validation_failed');
    expect(await ok<Notice>(notice(w.t.admin, red.id))).toMatchObject({ status: 'requested', version: 1 });
  });

  it('under review, still unseen by others; refusing needs a reason; a stale version is refused', async () => {
    const reviewing = await ok<Notice>(move(w.t.admin, red.id, { status: 'under_review', version: 1 }));
    expect(reviewing).toMatchObject({ status: 'under_review', version: 2 });
    expectProblem(await notice(w.t.frOp, red.id), 403, 'access.forbidden');
    expectProblem(await move(w.t.admin, red.id, { status: 'refused' }), 422, 'notice.invalid');
    expectProblem(await move(w.t.admin, red.id, { status: 'published', version: 1 }), 409, 'notice.conflict');
    expectProblem(await move(w.t.admin, red.id, { status: 'under_review' }), 409, 'notice.invalid_transition');
  });

  it('published: every member sees it; it cannot go back', async () => {
    red = await ok<Notice>(move(w.t.admin, red.id, { status: 'published' }));
    expect(red).toMatchObject({ status: 'published', version: 3 });
    expect(red.publishedAt).not.toBeNull();
    for (const token of [w.t.frOp, w.t.frOfficer, w.t.deOfficer]) {
      expect(await ok<Notice>(notice(token, red.id))).toMatchObject({ id: red.id, status: 'published' });
      expect(await visibleTo(token, person.id)).toEqual([red.id]);
    }
    for (const status of ['requested', 'under_review', 'refused', 'published']) {
      expectProblem(await move(w.t.admin, red.id, { status, reason: 'r' }), 409, 'notice.invalid_transition');
    }
    expect(red.events?.map((e) => e.to)).toEqual(['requested', 'under_review', 'published']);
    // Not to an agency its NCB gave no access to the persons database.
    expectProblem(await notice(w.t.frBorderOfficer, red.id), 403, 'access.forbidden');
    expectProblem(await w.call(w.t.frBorderOfficer, 'GET', `/api/v1/persons/${person.id}/notices`), 403, 'access.forbidden');
  });

  it('one open notice of a type per person: a second red is a duplicate; a yellow is another notice', async () => {
    expectProblem(await w.call(w.t.gbOp, 'POST', `/api/v1/persons/${person.id}/notices`, { type: 'red', summary: 'again' }), 409, 'notice.duplicate');
    const yellow = await w.requestNotice(w.t.gbOp, person.id, { type: 'yellow', summary: 'missing since March' });
    expect(yellow.status).toBe('requested');
  });

  it('four simultaneous requests of one type: one is made, the others are duplicates', async () => {
    const answers = await Promise.all([1, 2, 3, 4].map(() => w.call(w.t.gbOp, 'POST', `/api/v1/persons/${person.id}/notices`, { type: 'purple', summary: 'modus operandi: card skimming' })));
    expect(answers.map((r) => r.statusCode).sort(), answers.map((r) => r.body).join('\n')).toEqual([201, 409, 409, 409]);
    for (const r of answers.filter((a) => a.statusCode === 409)) expectProblem(r, 409, 'notice.duplicate');
    const purple = answers.find((a) => a.statusCode === 201)?.json<Notice>();
    expect(await ok<Notice>(move(w.t.gbOp, purple?.id as string, { status: 'cancelled' }))).toMatchObject({ status: 'cancelled' });
  });

  it('a refused notice is final, with its reason', async () => {
    const blue = await w.requestNotice(w.t.gbOp, person.id, { type: 'blue', summary: 'identity unclear' });
    await ok(move(w.t.admin, blue.id, { status: 'under_review' }));
    const refused = await ok<Notice>(move(w.t.admin, blue.id, { status: 'refused', reason: 'Article 3: predominantly political' }));
    expect(refused).toMatchObject({ status: 'refused', refusalReason: 'Article 3: predominantly political' });
    expect(refused.closedAt).not.toBeNull();
    for (const status of ['under_review', 'published', 'cancelled']) expectProblem(await move(w.t.admin, blue.id, { status }), 409, 'notice.invalid_transition');
    expectProblem(await notice(w.t.frOp, blue.id), 403, 'access.forbidden');
  });

  it('the requesting NCB cancels; the record of each step is audited', async () => {
    const green = await w.requestNotice(w.t.gbOp, person.id, { type: 'green', summary: 'repeat offender: frauds against the elderly' });
    expectProblem(await move(w.t.frOp, green.id, { status: 'cancelled' }), 403, 'access.forbidden');
    expect(await ok<Notice>(move(w.t.gbOp, green.id, { status: 'cancelled' }))).toMatchObject({ status: 'cancelled' });
    expectProblem(await move(w.t.gbOp, green.id, { status: 'cancelled' }), 409, 'notice.invalid_transition');
    const actions = ['notices.request', 'notices.review', 'notices.publish', 'notices.refuse', 'notices.cancel'];
    const entries = (await Promise.all(actions.map((a) => auditEntries(w.hub, a)))).flat();
    expect(entries.filter((e) => e.resource.id === red.id).map((e) => [e.action, e.details.from ?? null, e.details.to ?? null])).toEqual([
      ['notices.request', null, null],
      ['notices.review', 'requested', 'under_review'],
      ['notices.publish', 'under_review', 'published'],
    ]);
    expect(entries.find((e) => e.resource.id === green.id && e.action === 'notices.cancel')).toMatchObject({ actor: { name: 'gb.operator' }, details: { from: 'requested', to: 'cancelled' } });
  });

  it('only the owner country\'s NCB requests: not another country, not an officer, not an agency, not the hub', async () => {
    for (const token of [w.t.frOp, w.t.gbOfficer, w.t.gbRecords, w.t.admin]) {
      expectProblem(await w.call(token, 'POST', `/api/v1/persons/${person.id}/notices`, { type: 'purple', summary: 'modus operandi' }), 403, 'access.forbidden');
    }
  });

  it('bad requests: an unknown type, countries on a notice, a diffusion without countries, an impossible review date', async () => {
    const bad: [Record<string, unknown>, number, string, string | null][] = [
      [{ type: 'pink', summary: 's' }, 422, 'notice.unknown_type', '/body/type'],
      [{ type: 'RED', summary: 's' }, 422, 'notice.unknown_type', '/body/type'],
      [{ type: '', summary: 's' }, 422, 'notice.unknown_type', '/body/type'],
      [{ type: 'orange', summary: 's', countries: ['FR'] }, 422, 'notice.invalid', '/body/countries'],
      [{ kind: 'diffusion', type: 'red', summary: 's' }, 422, 'notice.invalid', '/body/countries'],
      [{ kind: 'diffusion', type: 'red', summary: 's', countries: ['XY'] }, 422, 'notice.invalid', '/body/countries'],
      [{ type: 'orange', summary: 's', reviewDate: '2031-02-31' }, 422, 'notice.invalid', '/body/reviewDate'],
      [{ type: 'orange', summary: 's', reviewDate: day(clock, -1) }, 422, 'notice.invalid', '/body/reviewDate'],
      [{ type: 'orange', summary: '' }, 400, 'request.validation_failed', null],
      [{ type: 'orange', summary: 's', colour: 'orange' }, 400, 'request.validation_failed', '/body/colour'],
      [{ kind: 'broadcast', type: 'red', summary: 's' }, 400, 'request.validation_failed', null],
    ];
    const before = (await ok<{ items: Notice[] }>(w.call(w.t.admin, 'GET', '/api/v1/notices?limit=500'))).items.length;
    for (const [body, status, code, pointer] of bad) {
      const problem = expectProblem(await w.call(w.t.gbOp, 'POST', `/api/v1/persons/${person.id}/notices`, body), status, code as never);
      if (pointer) expect(problem.errors?.map((e) => e.pointer), JSON.stringify(body)).toEqual([pointer]);
    }
    expect((await ok<{ items: Notice[] }>(w.call(w.t.admin, 'GET', '/api/v1/notices?limit=500'))).items.length).toBe(before);
    expectProblem(await w.call(w.t.gbOp, 'POST', '/api/v1/persons/per_aaaaaaaaaaaaaaaaaaaaaaaaaa/notices', { type: 'red', summary: 's' }), 404, 'person.not_found');
    expectProblem(await notice(w.t.admin, 'ntc_aaaaaaaaaaaaaaaaaaaaaaaaaa'), 404, 'notice.not_found');
  });

  it('a diffusion goes at once to the countries it names, without review, and to no one else', async () => {
    const other = await w.createPerson(w.t.gbOp, { names: [{ family: 'Diffused', given: 'Dan' }] });
    const diffusion = await w.requestNotice(w.t.gbOp, other.id, { kind: 'diffusion', type: 'blue', summary: 'locate: may travel to Germany', countries: ['DE'] });
    expect(diffusion).toMatchObject({ kind: 'diffusion', status: 'published', countries: ['DE'] });
    expect(diffusion.publishedAt).not.toBeNull();
    expect(await ok<Notice>(notice(w.t.deOfficer, diffusion.id))).toMatchObject({ status: 'published' });
    expectProblem(await notice(w.t.frOfficer, diffusion.id), 403, 'access.forbidden');
    expect(await visibleTo(w.t.frOfficer, other.id)).toEqual([]);
    // Two diffusions of one type are normal (to different countries); a diffusion is never reviewed.
    const second = await w.requestNotice(w.t.gbOp, other.id, { kind: 'diffusion', type: 'blue', summary: 'and France', countries: ['FR'] });
    expectProblem(await move(w.t.admin, second.id, { status: 'under_review' }), 409, 'notice.invalid_transition');
    expect(await visibleTo(w.t.frOfficer, other.id)).toEqual([second.id]);
    expect((await auditEntries(w.hub, 'notices.diffuse')).map((e) => e.resource.id)).toEqual([diffusion.id, second.id]);
  });

  it('a cancelled person takes its open notices and diffusions with it', async () => {
    const gone = await w.createPerson(w.t.gbOp, { names: [{ family: 'Gone', given: 'Greg' }] });
    const n = await w.publishNotice(w.t.gbOp, gone.id, 'yellow');
    const d = await w.requestNotice(w.t.gbOp, gone.id, { kind: 'diffusion', type: 'red', summary: 's', countries: ['FR'] });
    await ok(w.call(w.t.gbOp, 'DELETE', `/api/v1/persons/${gone.id}`));
    for (const id of [n.id, d.id]) expect(await ok<Notice>(notice(w.t.gbOp, id))).toMatchObject({ status: 'cancelled' });
    expectProblem(await notice(w.t.frOfficer, n.id), 403, 'access.forbidden');
    expectProblem(await w.call(w.t.gbOp, 'POST', `/api/v1/persons/${gone.id}/notices`, { type: 'red', summary: 's' }), 409, 'person.conflict');
  });

  it('a notice expires at its review date: shown as expired at once, recorded by the sweep, then no longer in force', async () => {
    // The clock moves by days: sessions would end, API keys do not.
    const hubOrg = (await ok<{ items: { id: string }[] }>(w.call(w.t.admin, 'GET', '/api/v1/organisations?kind=hub'))).items[0]?.id as string;
    const k = {
      gb: await w.apiKey(w.gbNcb.id, ['persons:search', 'persons:write']),
      fr: await w.apiKey(w.frNcb.id, ['persons:search']),
      hub: await w.apiKey(hubOrg, ['persons:search', 'persons:write']),
    };
    const soon = await w.createPerson(k.gb, { names: [{ family: 'Expiring', given: 'Eve' }] });
    const requested = await w.requestNotice(k.gb, soon.id, { type: 'red', summary: 's', reviewDate: day(clock, 10) });
    await ok(move(k.hub, requested.id, { status: 'under_review' }));
    const published = await ok<Notice>(move(k.hub, requested.id, { status: 'published' }));
    expect(published.reviewDate).toBe(day(clock, 10));
    expect(await visibleTo(k.fr, soon.id)).toEqual([published.id]);

    clock.advance(10 * 86_400_000);
    // Read as expired from the review date on, before anything is recorded.
    expect(await ok<Notice>(notice(k.gb, published.id))).toMatchObject({ status: 'expired', version: 3 });
    expectProblem(await notice(k.fr, published.id), 403, 'access.forbidden');
    expect(await visibleTo(k.fr, soon.id)).toEqual([]);
    expectProblem(await move(k.gb, published.id, { status: 'cancelled' }), 409, 'notice.invalid_transition');
    // A new red notice may be requested: the expired one is recorded as such first.
    const renewed = await w.requestNotice(k.gb, soon.id, { type: 'red', summary: 'renewed' });
    expect(renewed.status).toBe('requested');
    const expired = await ok<Notice>(notice(k.hub, published.id));
    expect(expired).toMatchObject({ status: 'expired', version: 4 });
    expect(expired.events?.at(-1)).toMatchObject({ from: 'published', to: 'expired', actorId: 'system:notice-expiry' });

    // The sweep records whatever else fell due, and nothing twice.
    const other = await w.requestNotice(k.gb, person.id, { type: 'orange', summary: 'threat', reviewDate: day(clock, 3) });
    clock.advance(3 * 86_400_000);
    expect(await w.hub.ctx.notices.sweep()).toBe(1);
    expect(await ok<Notice>(notice(k.hub, other.id))).toMatchObject({ status: 'expired', version: 2 });
    expect(await w.hub.ctx.notices.sweep()).toBe(0);
    // (The administrator's session ended with the days gone by: the log is read from the database.)
    const expiries = await w.hub.ctx.database.db.selectFrom('audit_entries').select(['resource_id', 'actor_id']).where('action', '=', 'notices.expire').orderBy('seq').execute();
    expect(expiries).toEqual([{ resource_id: published.id, actor_id: 'system:notice-expiry' }, { resource_id: other.id, actor_id: 'system:notice-expiry' }]);
    // The first red notice, reviewed at the person's review date years away, is still in force.
    expect(await ok<Notice>(notice(k.fr, red.id))).toMatchObject({ status: 'published' });
  });
});
