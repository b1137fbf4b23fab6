import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { sql } from 'kysely';
import { ManualClock } from '../../core/clock.js';
import { nodeFiles } from '../files.js';
import { CertificateRenewal } from '../link/renewal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ncbOf } from '../../hub/test-support.js';
import { startTestHub, type TestHub } from '../../hub/testing.js';
import { loginNode, NODE_TEST_PASSWORD, startTestNode, type TestNode } from '../testing.js';

interface Problem { status: number; code: string; type: string; title: string; instance: string; errors?: { pointer: string }[] }

describe('the node API: accounts, authorisation, validation, audit', () => {
  let hub: TestHub;
  let node: TestNode;
  let frId: string;

  beforeAll(async () => {
    hub = await startTestHub({ nodePort: true });
    const gb = await ncbOf(hub, 'GB');
    frId = (await ncbOf(hub, 'FR')).id;
    node = await startTestNode(hub.nodeUrl, await hub.enrolmentToken(gb.id));
  }, 60_000);

  afterAll(async () => {
    await node?.close();
    await hub?.close();
  });

  const problem = (res: { statusCode: number; headers: Record<string, unknown>; json<T>(): T }, status: number, code: string) => {
    expect(res.statusCode).toBe(status);
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
    const body = res.json<Problem>();
    expect(body).toMatchObject({ status, code, type: `/api/problems/${code}` });
    return body;
  };

  it('answers nothing without a token of this node, and problems in RFC 9457 form', async () => {
    problem(await node.call(null, { method: 'GET', url: '/api/v1/inbox' }), 401, 'auth.required');
    problem(await node.call('bls_a_hub_session', { method: 'GET', url: '/api/v1/inbox' }), 401, 'auth.required');
    problem(await node.call('bns_forged', { method: 'GET', url: '/api/v1/inbox' }), 401, 'auth.session_expired');
    problem(await node.call('bnk_' + 'a'.repeat(26) + '_nope', { method: 'GET', url: '/api/v1/inbox' }), 401, 'auth.api_key_invalid');
    problem(await node.call(node.adminToken, { method: 'GET', url: '/api/v1/nothing-here' }), 404, 'route.not_found');
    const codes = (await node.call(null, { method: 'GET', url: '/api/problems' })).json<{ items: { code: string }[] }>().items.map((i) => i.code);
    expect(codes).toEqual(expect.arrayContaining(['node.hub_unreachable', 'node.no_stale_copy', 'message.refused', 'auth.required']));
    expect((await node.call(null, { method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
  });

  it('makes a new person change the first password, and keeps roles apart', async () => {
    const created = await node.call(node.adminToken, { method: 'POST', url: '/api/v1/users', payload: { username: 'auditor.one', displayName: 'Auditor One', roles: ['auditor'] } });
    expect(created.statusCode, created.body).toBe(201);
    const { initialPassword } = created.json<{ initialPassword: string }>();
    const first = await node.call(null, { method: 'POST', url: '/api/v1/session', payload: { username: 'auditor.one', password: initialPassword } });
    problem(await node.call(first.json<{ token: string }>().token, { method: 'GET', url: '/api/v1/audit' }), 403, 'auth.password_change_required');
    const token = await loginNode(node.call, 'auditor.one', initialPassword);
    expect((await node.call(token, { method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(200);
    problem(await node.call(token, { method: 'GET', url: '/api/v1/inbox' }), 403, 'access.forbidden');
    problem(await node.call(token, { method: 'POST', url: '/api/v1/users', payload: { username: 'x.y', displayName: 'X', roles: ['admin'] } }), 403, 'access.forbidden');
    problem(await node.call(null, { method: 'POST', url: '/api/v1/session', payload: { username: 'auditor.one', password: 'wrong password here' } }), 401, 'auth.invalid_credentials');
    expect((await node.call(null, { method: 'POST', url: '/api/v1/session', payload: { username: 'auditor.one', password: NODE_TEST_PASSWORD } })).statusCode).toBe(200);
  });

  it('keeps at least one administrator, and ends a disabled person\'s sessions', async () => {
    const me = (await node.call(node.adminToken, { method: 'GET', url: '/api/v1/session' })).json<{ id: string }>();
    problem(await node.call(node.adminToken, { method: 'PATCH', url: `/api/v1/users/${me.id}`, payload: { roles: ['officer'] } }), 403, 'access.forbidden');
    const created = (await node.call(node.adminToken, { method: 'POST', url: '/api/v1/users', payload: { username: 'officer.one', displayName: 'Officer One', roles: ['officer'] } })).json<{ user: { id: string }; initialPassword: string }>();
    const token = await loginNode(node.call, 'officer.one', created.initialPassword);
    expect((await node.call(token, { method: 'GET', url: '/api/v1/inbox' })).statusCode).toBe(200);
    expect((await node.call(node.adminToken, { method: 'PATCH', url: `/api/v1/users/${created.user.id}`, payload: { status: 'disabled' } })).statusCode).toBe(200);
    problem(await node.call(token, { method: 'GET', url: '/api/v1/inbox' }), 401, 'auth.session_expired');
  });

  it('gives API keys no more than a system may hold, and honours revocation', async () => {
    problem(await node.call(node.adminToken, { method: 'POST', url: '/api/v1/api-keys', payload: { name: 'bad', permissions: ['users:manage'] } }), 422, 'api_key.invalid_scope');
    const created = (await node.call(node.adminToken, { method: 'POST', url: '/api/v1/api-keys', payload: { name: 'case system', permissions: ['messages:read', 'link:read'] } })).json<{ apiKey: { id: string }; secret: string }>();
    expect(created.secret).toMatch(/^bnk_[a-z2-7]{26}_/);
    expect((await node.call(created.secret, { method: 'GET', url: '/api/v1/link' })).statusCode).toBe(200);
    problem(await node.call(created.secret, { method: 'POST', url: '/api/v1/messages', payload: { audience: { kind: 'all' }, priority: 'routine', handling: { code: 'H0' }, crimeAreas: [], subject: 's', body: 'b' } }), 403, 'access.scope_exceeded');
    expect((await node.call(node.adminToken, { method: 'DELETE', url: `/api/v1/api-keys/${created.apiKey.id}` })).statusCode).toBe(204);
    problem(await node.call(created.secret, { method: 'GET', url: '/api/v1/link' }), 401, 'auth.api_key_revoked');
  });

  it('refuses a bad message before sealing anything: schema, H3 without restriction, attachment limits, bad base64', async () => {
    const base = { audience: { kind: 'agencies', ids: [frId] }, priority: 'routine', handling: { code: 'H0' }, crimeAreas: ['cybercrime'], subject: 'Subject', body: 'Body' };
    const send = (payload: Record<string, unknown>) => node.call(node.adminToken, { method: 'POST', url: '/api/v1/messages', payload });
    const before = (await node.call(node.adminToken, { method: 'GET', url: '/api/v1/link' })).json<{ outbox: { lastSeq: number } }>().outbox.lastSeq;
    problem(await send({ ...base, priority: 'whenever' }), 400, 'request.validation_failed');
    problem(await send({ ...base, crimeAreas: ['shoplifting'] }), 400, 'request.validation_failed');
    problem(await send({ ...base, extra: 1 }), 400, 'request.validation_failed');
    expect(problem(await send({ ...base, handling: { code: 'H3' } }), 400, 'request.validation_failed').errors?.[0]?.pointer).toBe('/body/handling/restriction');
    problem(await send({ ...base, attachments: [{ name: 'a.bin', contentType: 'application/octet-stream', data: 'not base64!' }] }), 422, 'message.attachment_invalid');
    const big = Buffer.alloc(16 * 1024 * 1024 + 1).toString('base64');
    problem(await send({ ...base, attachments: [{ name: 'big.bin', contentType: 'application/octet-stream', data: big }] }), 413, 'message.too_large');
    const many = Array.from({ length: 21 }, (_, i) => ({ name: `f${i}.txt`, contentType: 'text/plain', data: 'YQ==' }));
    problem(await send({ ...base, attachments: many }), 413, 'message.too_large');
    problem(await send({ ...base, audience: { kind: 'agencies', ids: [node.node.orgId] } }), 422, 'message.audience_empty');
    const after = (await node.call(node.adminToken, { method: 'GET', url: '/api/v1/link' })).json<{ outbox: { lastSeq: number } }>().outbox.lastSeq;
    expect(after).toBe(before);
  });

  it('checks a whole batch before composing any of it, within its limits', async () => {
    const base = { audience: { kind: 'agencies', ids: [frId] }, priority: 'routine', handling: { code: 'H0' }, crimeAreas: ['cybercrime'], subject: 'Subject', body: 'Body' };
    const batch = (messages: unknown[]) => node.call(node.adminToken, { method: 'POST', url: '/api/v1/messages/batch', payload: { messages } });
    const before = (await node.call(node.adminToken, { method: 'GET', url: '/api/v1/link' })).json<{ outbox: { lastSeq: number } }>().outbox.lastSeq;
    problem(await batch([]), 400, 'request.validation_failed');
    problem(await batch(Array.from({ length: 101 }, () => base)), 400, 'request.validation_failed');
    problem(await batch([base, { ...base, priority: 'whenever' }]), 400, 'request.validation_failed');
    expect(problem(await batch([base, { ...base, handling: { code: 'H3' } }]), 400, 'request.validation_failed').errors?.[0]?.pointer).toBe('/body/messages/1/handling/restriction');
    expect(problem(await batch([base, base, { ...base, attachments: [{ name: 'a.bin', contentType: 'application/octet-stream', data: 'not base64!' }] }]), 422, 'message.attachment_invalid').errors?.[0]?.pointer)
      .toBe('/body/messages/2/attachments/0/data');
    const after = (await node.call(node.adminToken, { method: 'GET', url: '/api/v1/link' })).json<{ outbox: { lastSeq: number } }>().outbox.lastSeq;
    expect(after).toBe(before);
    const reader = (await node.call(node.adminToken, { method: 'POST', url: '/api/v1/api-keys', payload: { name: 'reader', permissions: ['messages:read'] } })).json<{ secret: string }>();
    problem(await node.call(reader.secret, { method: 'POST', url: '/api/v1/messages/batch', payload: { messages: [base] } }), 403, 'access.scope_exceeded');
  });

  it('renews its certificate over the mTLS link in the last third of its validity, and carries on with the new one', async () => {
    const ctx = node.node.ctx;
    const before = ctx.identity.certificatePem;
    expect(ctx.renewal.due()).toBe(false);
    const later = new CertificateRenewal(ctx.identity, ctx.hub, ctx.database, ctx.audit, new ManualClock(new Date(Date.now() + 300 * 86_400_000)));
    expect(later.due()).toBe(true);
    expect(await later.renewIfDue(node.node.app.log)).toBe(true);
    expect(ctx.identity.certificatePem).not.toBe(before);
    expect(await readFile(nodeFiles(node.dataDir).certificate, 'utf8')).toBe(ctx.identity.certificatePem);
    expect(new X509Certificate(ctx.identity.certificatePem).serialNumber).not.toBe(new X509Certificate(before).serialNumber);
    // The hub takes the new certificate.
    const cases = await node.call(node.adminToken, { method: 'GET', url: '/api/v1/cases' });
    expect(cases.statusCode, cases.body).toBe(200);
    expect(cases.headers['x-blueline-stale']).toBeUndefined();
  });

  it('audits every action in an append-only trail', async () => {
    const items = (await node.call(node.adminToken, { method: 'GET', url: '/api/v1/audit?limit=1000' })).json<{ items: { action: string; actor: { kind: string } }[] }>().items;
    const actions = new Set(items.map((i) => i.action));
    for (const a of ['node.enrol', 'session.login', 'user.password_change', 'user.create', 'api_key.create', 'api_key.revoke', 'session.login_failed']) expect(actions).toContain(a);
    const db = node.node.ctx.database.db;
    await expect(sql`update audit_log set action = 'nothing' where seq = 1`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
  });
});
