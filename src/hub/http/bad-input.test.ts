import Fastify, { type LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, ERRORS, type ErrorCode } from '../../core/errors.js';
import { testBackend } from '../../storage/testing.js';
import { startTestHub, type TestHub } from '../testing.js';
import { RouteTable, installProblemHandlers } from './problem.js';
import { installValidators } from './validation.js';
import { expectProblem } from '../test-support.js';

/** Asserts a problem answer: status, code, content type and the RFC 9457 fields; answers the body. */
interface Counts {
  audit: number;
  organisations: number;
  users: number;
  apiKeys: number;
}

async function counts(hub: TestHub): Promise<Counts> {
  const db = hub.db.database.db;
  const count = async (table: 'organisations' | 'users' | 'api_keys') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return {
    audit: (await hub.ctx.audit.head()).size,
    organisations: await count('organisations'),
    users: await count('users'),
    apiKeys: await count('api_keys'),
  };
}

describe(`bad input to the hub API on ${testBackend}`, () => {
  let hub: TestHub;
  let before: Counts;
  const postOrg = (payload: unknown, token: string | null = hub.adminToken) =>
    hub.call(token, { method: 'POST', url: '/api/v1/organisations', payload: payload as Record<string, unknown> });
  const postRaw = (body: string, contentType: string, token: string | null = hub.adminToken) =>
    hub.call(token, { method: 'POST', url: '/api/v1/organisations', payload: body, headers: { 'content-type': contentType } });

  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => hub.close());

  /** Every test that sends a bad write checks that nothing was written. */
  const snapshot = async () => {
    before = await counts(hub);
  };
  const expectNothingWritten = async () => {
    expect(await counts(hub)).toEqual(before);
  };

  it('answers malformed JSON with 400 request.malformed', async () => {
    await snapshot();
    for (const body of ['{"kind": "partner", "name": ', '{kind: partner}', 'null x', '{"kind":"partner","name":"Acme"}}']) {
      const res = await postRaw(body, 'application/json');
      expectProblem(res, 400, 'request.malformed');
    }
    await expectNothingWritten();
  });

  it('answers an empty body declared as JSON with 400 request.malformed', async () => {
    await snapshot();
    expectProblem(await postRaw('', 'application/json'), 400, 'request.malformed');
    await expectNothingWritten();
  });

  it('answers a body shorter than its Content-Length with 400 request.malformed', async () => {
    await snapshot();
    const res = await hub.call(hub.adminToken, {
      method: 'POST', url: '/api/v1/organisations', payload: '{"kind":"partner","name":"Acme"}',
      headers: { 'content-type': 'application/json', 'content-length': '5' },
    });
    expectProblem(res, 400, 'request.malformed');
    await expectNothingWritten();
  });

  it('rejects an unknown field, pointing at it', async () => {
    await snapshot();
    const res = await postOrg({ kind: 'partner', name: 'Acme Partner', colour: 'blue' });
    const body = expectProblem(res, 400, 'request.validation_failed');
    expect(body.errors).toEqual([{ pointer: '/body/colour', message: expect.stringContaining('colour') as unknown }]);
    await expectNothingWritten();
  });

  it('rejects a missing required field, pointing at it', async () => {
    await snapshot();
    const res = await postOrg({ kind: 'partner' });
    const body = expectProblem(res, 400, 'request.validation_failed');
    expect(body.errors?.map((e) => e.pointer)).toEqual(['/body/name']);
    await expectNothingWritten();
  });

  it('rejects an organisation name of 201 characters but takes one of 200', async () => {
    await snapshot();
    const res = await postOrg({ kind: 'partner', name: 'x'.repeat(201) });
    const body = expectProblem(res, 400, 'request.validation_failed');
    expect(body.errors?.map((e) => e.pointer)).toEqual(['/body/name']);
    await expectNothingWritten();

    const ok = await postOrg({ kind: 'partner', name: 'x'.repeat(200) });
    expect(ok.statusCode).toBe(201);
    expect(await counts(hub)).toMatchObject({ organisations: before.organisations + 1, audit: before.audit + 1 });
  });

  it('rejects a username of 65 characters', async () => {
    await snapshot();
    const res = await hub.call(hub.adminToken, {
      method: 'POST', url: `/api/v1/organisations/${hub.ctx.hubOrgId}/users`,
      payload: { username: 'a'.repeat(65), displayName: 'Too Long', roles: ['officer'] },
    });
    const body = expectProblem(res, 400, 'request.validation_failed');
    expect(body.errors?.map((e) => e.pointer)).toEqual(['/body/username']);
    await expectNothingWritten();

    const login = await hub.call(null, { method: 'POST', url: '/api/v1/session', payload: { username: 'a'.repeat(65), password: 'whatever it is' } });
    expect(expectProblem(login, 400, 'request.validation_failed').errors?.map((e) => e.pointer)).toEqual(['/body/username']);
    await expectNothingWritten();
  });

  it('does not coerce types in a body', async () => {
    await snapshot();
    // A number where a string is expected: coercion would have made it the valid name "12345".
    const number = await postOrg({ kind: 'partner', name: 12345 });
    expect(expectProblem(number, 400, 'request.validation_failed').errors?.map((e) => e.pointer)).toEqual(['/body/name']);
    // A string where an array is expected: coercion would have wrapped it.
    const scalar = await hub.call(hub.adminToken, {
      method: 'POST', url: `/api/v1/organisations/${hub.ctx.hubOrgId}/users`,
      payload: { username: 'coerced', displayName: 'Coerced', roles: 'officer' },
    });
    expect(expectProblem(scalar, 400, 'request.validation_failed').errors?.map((e) => e.pointer)).toEqual(['/body/roles']);
    // A boolean where a string is expected.
    const bool = await postOrg({ kind: 'partner', name: true });
    expectProblem(bool, 400, 'request.validation_failed');
    // null where a string is expected.
    const nul = await postOrg({ kind: 'partner', name: null });
    expectProblem(nul, 400, 'request.validation_failed');
    await expectNothingWritten();
  });

  it('coerces query strings: ?limit=5 works, ?limit=abc does not', async () => {
    const five = await hub.call(hub.adminToken, { method: 'GET', url: '/api/v1/organisations?kind=ncb&limit=5' });
    expect(five.statusCode).toBe(200);
    expect(five.json<{ items: unknown[] }>().items).toHaveLength(5);

    const abc = await hub.call(hub.adminToken, { method: 'GET', url: '/api/v1/organisations?limit=abc' });
    expect(expectProblem(abc, 400, 'request.validation_failed').errors?.map((e) => e.pointer)).toEqual(['/querystring/limit']);
    const tooMany = await hub.call(hub.adminToken, { method: 'GET', url: '/api/v1/organisations?limit=501' });
    expectProblem(tooMany, 400, 'request.validation_failed');
    const unknown = await hub.call(hub.adminToken, { method: 'GET', url: '/api/v1/organisations?colour=blue' });
    expect(expectProblem(unknown, 400, 'request.validation_failed').errors?.map((e) => e.pointer)).toEqual(['/querystring/colour']);
  });

  it('checks path parameters', async () => {
    const res = await hub.call(hub.adminToken, { method: 'GET', url: '/api/v1/organisations/not-an-id' });
    expect(expectProblem(res, 400, 'request.validation_failed').errors?.map((e) => e.pointer)).toEqual(['/params/id']);
  });

  it('rejects a lower-case country code as invalid and XK as not a member', async () => {
    await snapshot();
    const lower = await postOrg({ kind: 'ncb', name: 'NCB Lower', country: 'gb' });
    expect(expectProblem(lower, 400, 'request.validation_failed').errors?.map((e) => e.pointer)).toEqual(['/body/country']);
    const kosovo = await postOrg({ kind: 'ncb', name: 'NCB Kosovo', country: 'XK' });
    expect(expectProblem(kosovo, 422, 'organisation.invalid_country').detail).toContain('XK');
    await expectNothingWritten();
  });

  it('answers a body that is not JSON with 415', async () => {
    await snapshot();
    expectProblem(await postRaw('kind=partner&name=Acme', 'application/x-www-form-urlencoded'), 415, 'request.unsupported_media_type');
    expectProblem(await postRaw('kind: partner', 'text/plain'), 415, 'request.unsupported_media_type');
    expectProblem(await postRaw('<org/>', 'application/xml'), 415, 'request.unsupported_media_type');
    await expectNothingWritten();
  });

  it('answers an unknown route with 404 route.not_found, with or without credentials', async () => {
    const anon = await hub.call(null, { method: 'GET', url: '/api/v1/no-such-thing?x=1' });
    expect(expectProblem(anon, 404, 'route.not_found').instance).toBe('/api/v1/no-such-thing');
    expectProblem(await hub.call(hub.adminToken, { method: 'POST', url: '/api/v2/organisations', payload: {} }), 404, 'route.not_found');
  });

  it('answers a badly encoded URL and an over-long path parameter as problems', async () => {
    const bad = await hub.call(hub.adminToken, { method: 'GET', url: '/api/v1/%zz' });
    expectProblem(bad, 400, 'request.bad_url');
    expectProblem(await hub.call(hub.adminToken, { method: 'GET', url: `/api/v1/organisations/${'a'.repeat(101)}` }), 414, 'request.uri_too_long');
  });

  it('answers a known path with the wrong method with 405 and an allow header', async () => {
    await snapshot();
    const res = await hub.call(hub.adminToken, { method: 'DELETE', url: '/api/v1/organisations' });
    expectProblem(res, 405, 'route.method_not_allowed');
    const allow = String(res.headers.allow).split(', ');
    expect(allow).toEqual(expect.arrayContaining(['GET', 'POST']));
    expect(allow).not.toContain('DELETE');

    const byId = await hub.call(null, { method: 'DELETE', url: `/api/v1/organisations/${hub.ctx.hubOrgId}` });
    expectProblem(byId, 405, 'route.method_not_allowed');
    expect(String(byId.headers.allow).split(', ')).toEqual(expect.arrayContaining(['GET', 'PATCH']));
    await expectNothingWritten();
  });

  it('authenticates before it validates', async () => {
    await snapshot();
    expectProblem(await postOrg({ kind: 'partner', name: 'x'.repeat(500), colour: 'blue' }, null), 401, 'auth.required');
    expectProblem(await postRaw('{"kind": ', 'application/json', null), 401, 'auth.required');
    expectProblem(await postRaw('kind=partner', 'text/plain', null), 401, 'auth.required');
    await expectNothingWritten();
  });

  it('refuses garbage bearer tokens and credentials', async () => {
    await snapshot();
    const withHeader = (authorization: string) =>
      hub.call(null, { method: 'POST', url: '/api/v1/organisations', payload: { kind: 'partner', name: 'Acme' }, headers: { authorization } });
    expectProblem(await withHeader('Bearer garbage'), 401, 'auth.required');
    expectProblem(await withHeader('Bearer '), 401, 'auth.required');
    expectProblem(await withHeader('Basic YWRtaW46YWRtaW4='), 401, 'auth.required');
    expectProblem(await withHeader(`Bearer bls_${'x'.repeat(600)}`), 401, 'auth.required');
    expectProblem(await withHeader('Bearer bls_not-a-real-session'), 401, 'auth.session_expired');
    expectProblem(await withHeader('Bearer blk_not-a-real-key'), 401, 'auth.api_key_invalid');
    expectProblem(await withHeader(`Bearer ${hub.adminToken}x`), 401, 'auth.session_expired');
    const cookie = await hub.call(null, { method: 'GET', url: '/api/v1/session', headers: { cookie: 'blueline_session=bls_forged' } });
    expectProblem(cookie, 401, 'auth.session_expired');
    await expectNothingWritten();
  });

  it('lists every error code at /api/problems and resolves each problem type', async () => {
    const res = await hub.call(null, { method: 'GET', url: '/api/problems' });
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: { code: string; status: number; title: string; type: string }[] }>().items;
    expect(items.map((i) => i.code).sort()).toEqual(Object.keys(ERRORS).sort());
    for (const item of items) {
      const code = item.code as ErrorCode;
      expect(item).toEqual({ code, status: ERRORS[code].status, title: ERRORS[code].title, type: `/api/problems/${code}` });
      const one = await hub.call(null, { method: 'GET', url: item.type });
      expect(one.statusCode).toBe(200);
      expect(one.json()).toEqual(item);
    }
    expectProblem(await hub.call(null, { method: 'GET', url: '/api/problems/no.such_code' }), 404, 'route.not_found');
  });
});

describe(`body size limit on ${testBackend}`, () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ settings: { bodyLimit: 1024 } });
  });
  afterAll(async () => hub.close());

  it('answers a 2 KiB body with 413 request.too_large and writes nothing', async () => {
    const before = await counts(hub);
    const res = await hub.call(hub.adminToken, { method: 'POST', url: '/api/v1/organisations', payload: { kind: 'partner', name: 'Big', pad: 'x'.repeat(2048) } });
    expectProblem(res, 413, 'request.too_large');
    const login = await hub.call(null, { method: 'POST', url: '/api/v1/session', payload: { username: 'admin', password: 'p'.repeat(2048) } });
    expectProblem(login, 413, 'request.too_large');
    expect(await counts(hub)).toEqual(before);

    const small = await hub.call(hub.adminToken, { method: 'POST', url: '/api/v1/organisations', payload: { kind: 'partner', name: 'Small' } });
    expect(small.statusCode).toBe(201);
  });
});

describe(`internal errors on ${testBackend}`, () => {
  let hub: TestHub;
  let databaseClosed = false;
  beforeAll(async () => {
    hub = await startTestHub();
  });
  afterAll(async () => {
    await hub.app.close();
    if (!databaseClosed) await hub.ctx.close();
    await hub.db.cleanup();
  });

  const expectNothingInternal = (res: LightMyRequestResponse) => {
    const body = expectProblem(res, 500, 'internal');
    expect(body.detail).toBe('something went wrong on the hub; it has been logged');
    expect(Object.keys(body).sort()).toEqual(['code', 'detail', 'instance', 'status', 'title', 'type']);
    const text = res.body;
    expect(text).not.toMatch(/\bat [\w.<>]+ \(|\.ts:\d+|\.js:\d+|node_modules|\/tmp\/|\/work\//);
    expect(text).not.toMatch(/select|insert|update |from "|sqlite|postgres|relation|no such table|kysely|destroyed/i);
    expect(text).not.toContain(hub.db.dir);
  };

  it('says nothing about internals when a query fails', async () => {
    // A table gone from under the hub: the database error names SQL and tables.
    await sql`drop table api_keys`.execute(hub.db.database.db);
    const res = await hub.call(hub.adminToken, { method: 'GET', url: `/api/v1/organisations/${hub.ctx.hubOrgId}/api-keys` });
    expectNothingInternal(res);
  });

  it('says nothing about internals when the database is gone', async () => {
    await hub.ctx.database.close();
    databaseClosed = true;
    expectNothingInternal(await hub.call(hub.adminToken, { method: 'GET', url: '/api/v1/organisations' }));
    expectNothingInternal(await hub.call(hub.adminToken, { method: 'POST', url: '/api/v1/organisations', payload: { kind: 'partner', name: 'Acme' } }));
    // The public routes that need no database still answer, and bad input is still a 4xx.
    expect((await hub.call(null, { method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    expectProblem(await hub.call(null, { method: 'POST', url: '/api/v1/session', payload: { username: 'admin' } }), 400, 'request.validation_failed');
  });
});

describe('body validation without coercion', () => {
  // No hub route takes an integer in its body; this app uses the hub's own validators and problem handlers.
  const app = Fastify();
  beforeAll(async () => {
    const routes = new RouteTable();
    app.addHook('onRoute', (route) => routes.add(route.url, route.method));
    installValidators(app);
    installProblemHandlers(app, routes);
    const Body = Type.Object({ count: Type.Integer({ minimum: 1 }), flag: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
    const Query = Type.Object({ limit: Type.Optional(Type.Integer()), flag: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
    app.post('/things', { schema: { body: Body, querystring: Query } }, async (request) => ({ body: request.body, query: request.query }));
    app.get('/boom', async () => {
      throw new AppError('access.forbidden', 'no');
    });
    await app.ready();
  });
  afterAll(async () => app.close());

  it('refuses "5" for an integer in a body but takes 5', async () => {
    const text = await app.inject({ method: 'POST', url: '/things', payload: { count: '5' } });
    expect(expectProblem(text, 400, 'request.validation_failed').errors?.map((e) => e.pointer)).toEqual(['/body/count']);
    expectProblem(await app.inject({ method: 'POST', url: '/things', payload: { count: 5, flag: 'true' } }), 400, 'request.validation_failed');
    expectProblem(await app.inject({ method: 'POST', url: '/things', payload: { count: 5.5 } }), 400, 'request.validation_failed');
    const ok = await app.inject({ method: 'POST', url: '/things', payload: { count: 5 } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ body: { count: 5 }, query: {} });
  });

  it('coerces "5" for an integer in a query string', async () => {
    const ok = await app.inject({ method: 'POST', url: '/things?limit=5&flag=true', payload: { count: 1 } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ body: { count: 1 }, query: { limit: 5, flag: true } });
  });

  it('answers a thrown AppError as its problem', async () => {
    expectProblem(await app.inject({ method: 'GET', url: '/boom' }), 403, 'access.forbidden');
  });
});
