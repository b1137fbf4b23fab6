import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/clock.js';
import { TEST_PASSWORD, startTestHub, type TestHub } from '../../hub/testing.js';
import { testBackend } from '../../storage/testing.js';
import { expectProblem } from '../../hub/test-support.js';

const NEW_PASSWORD = 'a much better passphrase 42';

interface LoginAnswer {
  token: string;
  expiresAt: string;
  user: { id: string; username: string; mustChangePassword: boolean };
}

describe(`sessions on ${testBackend}`, () => {
  let hub: TestHub;
  const clock = new ManualClock(new Date());
  let serial = 0;

  const login = (username: string, password: string) => hub.call(null, { method: 'POST', url: '/api/v1/session', payload: { username, password } });
  const whoami = (token: string) => hub.call(token, { method: 'GET', url: '/api/v1/session' });
  const changePassword = (token: string, currentPassword: string, newPassword: string) =>
    hub.call(token, { method: 'PUT', url: '/api/v1/session/password', payload: { currentPassword, newPassword } });
  /** A fresh administrator's session: the clock moves in this file, so a long-lived one would expire. */
  const admin = () => hub.login('admin', TEST_PASSWORD);
  /** Lets the login rate-limit window pass, so one test's failures do not count against the next. */
  const newWindow = () => clock.advance((hub.config.loginWindow + 1) * 1000);

  /** A new person added by the administrator, who has not logged in yet. */
  const createUser = async (orgId = hub.ctx.hubOrgId, roles: string[] = ['officer']) => {
    const username = `person${++serial}`;
    const res = await hub.call(await admin(), {
      method: 'POST', url: `/api/v1/organisations/${orgId}/users`, payload: { username, displayName: `Person ${serial}`, roles },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json<{ user: { id: string; mustChangePassword: boolean }; initialPassword: string }>();
    return { username, id: body.user.id, initialPassword: body.initialPassword, mustChangePassword: body.user.mustChangePassword };
  };
  /** A new person who has logged in and set the password TEST_PASSWORD; answers their session token. */
  const activeUser = async (orgId?: string) => {
    const user = await createUser(orgId);
    return { ...user, token: await hub.login(user.username, user.initialPassword) };
  };

  beforeAll(async () => {
    hub = await startTestHub({ clock, settings: { loginMaxFailures: 3 } });
  });
  afterAll(async () => hub.close());

  it('logs in and answers a token that authenticates', async () => {
    const user = await activeUser();
    const res = await login(user.username, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json<LoginAnswer>();
    expect(body.token).toMatch(/^bls_/);
    expect(body.expiresAt).toBe(new Date(clock.now().getTime() + hub.config.sessionTtl * 1000).toISOString());
    expect(body.user).toMatchObject({ id: user.id, username: user.username, mustChangePassword: false });
    expect(JSON.stringify(body)).not.toMatch(/password_?hash|scrypt/i);

    const me = await whoami(body.token);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ kind: 'user', id: user.id, name: user.username, roles: ['officer'], mustChangePassword: false });
  });

  it('sets an HttpOnly, SameSite=Strict cookie that authenticates', async () => {
    const user = await activeUser();
    const res = await login(user.username, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    const [pair, ...flags] = setCookie.split(';').map((s) => s.trim());
    expect(pair).toBe(`blueline_session=${res.json<LoginAnswer>().token}`);
    expect(flags).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/', `Max-Age=${hub.config.sessionTtl}`]));

    const me = await hub.call(null, { method: 'GET', url: '/api/v1/session', headers: { cookie: `theme=dark; ${pair}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: user.id });
    expectProblem(await hub.call(null, { method: 'GET', url: '/api/v1/session', headers: { cookie: 'blueline_session=bls_forged' } }), 401, 'auth.session_expired');
  });

  it('answers a wrong password and an unknown user alike', async () => {
    newWindow();
    const user = await activeUser();
    const wrong = await login(user.username, 'not the right password');
    const unknown = await login('nobody-by-this-name', 'not the right password');
    const a = expectProblem(wrong, 401, 'auth.invalid_credentials');
    const b = expectProblem(unknown, 401, 'auth.invalid_credentials');
    expect(a).toEqual(b);
    expect(Object.keys(wrong.headers).sort()).toEqual(Object.keys(unknown.headers).sort());
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('audits failed logins, without the password tried', async () => {
    newWindow();
    const user = await activeUser();
    expect((await login(user.username, 'guess number one')).statusCode).toBe(401);
    expect((await login('ghost-of-a-user', 'guess number two')).statusCode).toBe(401);

    const res = await hub.call(await admin(), { method: 'GET', url: '/api/v1/audit/entries?action=session.login_failed&limit=1000' });
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: { entry: string }[] }>().items;
    const entries = items.map((i) => JSON.parse(i.entry) as { action: string; outcome: string; actor: { type: string; id: string }; details: { username: string } });
    for (const username of [user.username, 'ghost-of-a-user']) {
      const mine = entries.filter((e) => e.details.username === username);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ action: 'session.login_failed', outcome: 'failure', actor: { type: 'anonymous', id: 'ip:127.0.0.1' } });
    }
    const text = items.map((i) => i.entry).join('\n');
    expect(text).not.toContain('guess number');
  });

  it('refuses logins, even with the right password, after too many failures, until the window has passed', async () => {
    newWindow();
    const user = await activeUser();
    const max = hub.config.loginMaxFailures;
    expect(max).toBe(3);
    for (let i = 0; i < max; i++) expectProblem(await login(user.username, `wrong password ${i}`), 401, 'auth.invalid_credentials');

    const limited = await login(user.username, TEST_PASSWORD);
    expectProblem(limited, 429, 'auth.rate_limited');
    expect(limited.headers['retry-after']).toBe(String(hub.config.loginWindow));
    expect(limited.headers['set-cookie']).toBeUndefined();

    // Someone else from the same address is not locked out by this one person.
    const other = await activeUser();
    expect((await login(other.username, TEST_PASSWORD)).statusCode).toBe(200);

    clock.advance((hub.config.loginWindow - 1) * 1000);
    const still = await login(user.username, TEST_PASSWORD);
    expectProblem(still, 429, 'auth.rate_limited');
    expect(still.headers['retry-after']).toBe('1');

    clock.advance(1000);
    expect((await login(user.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses an address that fails with many usernames', async () => {
    newWindow();
    const perAddress = hub.config.loginMaxFailures * 4;
    for (let i = 0; i < perAddress; i++) expectProblem(await login(`sprayed-${i}`, 'password123456'), 401, 'auth.invalid_credentials');
    const limited = await login('admin', TEST_PASSWORD);
    expectProblem(limited, 429, 'auth.rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    newWindow();
  });

  it('does not let parallel guesses slip past the limit', async () => {
    newWindow();
    const user = await activeUser();
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => login(user.username, `parallel guess ${i}`)));
    const statuses = answers.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([...Array<number>(3).fill(401), ...Array<number>(7).fill(429)]);
    newWindow();
  });

  it('does not count right passwords against the address', async () => {
    newWindow();
    const user = await activeUser();
    for (let i = 0; i <= hub.config.loginMaxFailures * 4; i++) expect((await login(user.username, TEST_PASSWORD)).statusCode).toBe(200);
    expectProblem(await login(user.username, 'one wrong guess'), 401, 'auth.invalid_credentials');
    expect((await login(user.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('makes a new person change the first password before anything else', async () => {
    newWindow();
    const user = await createUser();
    expect(user.mustChangePassword).toBe(true);
    expect(user.initialPassword.length).toBeGreaterThanOrEqual(12);

    const res = await login(user.username, user.initialPassword);
    expect(res.statusCode).toBe(200);
    const { token, user: shown } = res.json<LoginAnswer>();
    expect(shown.mustChangePassword).toBe(true);

    expectProblem(await hub.call(token, { method: 'GET', url: '/api/v1/organisations' }), 403, 'auth.password_change_required');
    expectProblem(await hub.call(token, { method: 'GET', url: `/api/v1/users/${user.id}` }), 403, 'auth.password_change_required');
    expectProblem(await hub.call(token, { method: 'GET', url: '/api/v1/audit/entries' }), 403, 'auth.password_change_required');
    const me = await whoami(token);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: user.id, mustChangePassword: true });

    expect((await changePassword(token, user.initialPassword, NEW_PASSWORD)).statusCode).toBe(204);
    expect((await hub.call(token, { method: 'GET', url: '/api/v1/organisations' })).statusCode).toBe(200);
    expect((await whoami(token)).json()).toMatchObject({ mustChangePassword: false });
    expectProblem(await login(user.username, user.initialPassword), 401, 'auth.invalid_credentials');
    expect((await login(user.username, NEW_PASSWORD)).json<LoginAnswer>().user.mustChangePassword).toBe(false);
  });

  it('refuses weak new passwords and a wrong current one', async () => {
    newWindow();
    const user = await createUser();
    const token = (await login(user.username, user.initialPassword)).json<LoginAnswer>().token;
    const weak = ['short pw', `my name is ${user.username}!`, 'abababababababab', user.initialPassword];
    for (const newPassword of weak) {
      const body = expectProblem(await changePassword(token, user.initialPassword, newPassword), 422, 'user.weak_password');
      expect(body.errors).toEqual([{ pointer: '/body/newPassword', message: body.detail }]);
    }
    expectProblem(await changePassword(token, 'not the current one', NEW_PASSWORD), 401, 'auth.invalid_credentials');
    // Nothing was changed: the first password still works and must still be changed.
    expect((await whoami(token)).json()).toMatchObject({ mustChangePassword: true });
    expect((await login(user.username, user.initialPassword)).json<LoginAnswer>().user.mustChangePassword).toBe(true);
  });

  it('limits guesses at the current password when changing it', async () => {
    newWindow();
    const user = await activeUser();
    for (let i = 0; i < hub.config.loginMaxFailures; i++) {
      expectProblem(await changePassword(user.token, `wrong current ${i}`, NEW_PASSWORD), 401, 'auth.invalid_credentials');
    }
    const limited = await changePassword(user.token, TEST_PASSWORD, NEW_PASSWORD);
    expectProblem(limited, 429, 'auth.rate_limited');
    expect(limited.headers['retry-after']).toBe(String(hub.config.loginWindow));
    newWindow();
    expect((await changePassword(user.token, TEST_PASSWORD, NEW_PASSWORD)).statusCode).toBe(204);
  });

  it('ends the other sessions of a person who changes the password', async () => {
    newWindow();
    const user = await activeUser();
    const other = (await login(user.username, TEST_PASSWORD)).json<LoginAnswer>().token;
    const third = (await login(user.username, TEST_PASSWORD)).json<LoginAnswer>().token;
    expect((await whoami(other)).statusCode).toBe(200);

    expect((await changePassword(user.token, TEST_PASSWORD, NEW_PASSWORD)).statusCode).toBe(204);
    expect((await whoami(user.token)).statusCode).toBe(200);
    expectProblem(await whoami(other), 401, 'auth.session_expired');
    expectProblem(await whoami(third), 401, 'auth.session_expired');
    expectProblem(await login(user.username, TEST_PASSWORD), 401, 'auth.invalid_credentials');
    expect((await login(user.username, NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('ends the session at logout', async () => {
    const user = await activeUser();
    const other = (await login(user.username, TEST_PASSWORD)).json<LoginAnswer>().token;
    const res = await hub.call(user.token, { method: 'DELETE', url: '/api/v1/session' });
    expect(res.statusCode).toBe(204);
    const cleared = String(res.headers['set-cookie']);
    expect(cleared).toMatch(/^blueline_session=;/);
    expect(cleared).toContain('Max-Age=0');

    expectProblem(await whoami(user.token), 401, 'auth.session_expired');
    expectProblem(await hub.call(user.token, { method: 'DELETE', url: '/api/v1/session' }), 401, 'auth.session_expired');
    // Only that session: another one of the same person goes on.
    expect((await whoami(other)).statusCode).toBe(200);
  });

  it('ends a session left idle, and keeps one in use', async () => {
    const user = await activeUser();
    const idleMs = hub.config.sessionIdle * 1000;
    clock.advance(idleMs - 120_000);
    expect((await whoami(user.token)).statusCode).toBe(200);
    clock.advance(idleMs - 120_000);
    expect((await whoami(user.token)).statusCode).toBe(200);
    clock.advance(idleMs);
    expectProblem(await whoami(user.token), 401, 'auth.session_expired');
    // Once ended it stays ended, and the person can log in again.
    expectProblem(await whoami(user.token), 401, 'auth.session_expired');
    expect((await login(user.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('ends a session in use at its absolute expiry', async () => {
    const user = await activeUser();
    const res = await login(user.username, TEST_PASSWORD);
    const { token, expiresAt } = res.json<LoginAnswer>();
    const ttlMs = hub.config.sessionTtl * 1000;
    const step = Math.floor((hub.config.sessionIdle * 1000) / 2);
    let elapsed = 0;
    while (elapsed + step < ttlMs) {
      clock.advance(step);
      elapsed += step;
      expect((await whoami(token)).statusCode).toBe(200);
    }
    clock.advance(ttlMs - elapsed - 1000);
    expect((await whoami(token)).statusCode).toBe(200);
    clock.advance(1000);
    expect(clock.now().toISOString()).toBe(expiresAt);
    expectProblem(await whoami(token), 401, 'auth.session_expired');
  });

  it('refuses a disabled person and ends their sessions', async () => {
    newWindow();
    const user = await activeUser();
    const adminToken = await admin();
    const patch = (status: 'active' | 'disabled') => hub.call(adminToken, { method: 'PATCH', url: `/api/v1/users/${user.id}`, payload: { status } });

    const disabled = await patch('disabled');
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ status: 'disabled' });
    expectProblem(await whoami(user.token), 401, 'auth.session_expired');
    expectProblem(await login(user.username, TEST_PASSWORD), 403, 'auth.account_disabled');
    expectProblem(await login(user.username, 'not the password'), 401, 'auth.invalid_credentials');

    const audit = await hub.call(adminToken, { method: 'GET', url: `/api/v1/audit/entries?action=session.login_refused&limit=1000` });
    const refused = audit.json<{ items: { entry: string }[] }>().items.map((i) => JSON.parse(i.entry) as { actor: { id: string }; details: { reason: string } });
    expect(refused.filter((e) => e.actor.id === user.id)).toEqual([expect.objectContaining({ details: { reason: 'auth.account_disabled' } })]);

    expect((await patch('active')).statusCode).toBe(200);
    expectProblem(await whoami(user.token), 401, 'auth.session_expired');
    expect((await login(user.username, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses the people of a suspended organisation', async () => {
    newWindow();
    const adminToken = await admin();
    const created = await hub.call(adminToken, { method: 'POST', url: '/api/v1/organisations', payload: { kind: 'partner', name: `Partner ${++serial}` } });
    expect(created.statusCode).toBe(201);
    const orgId = created.json<{ id: string }>().id;
    const user = await activeUser(orgId);
    const readOwn = (token: string) => hub.call(token, { method: 'GET', url: `/api/v1/organisations/${orgId}` });
    expect((await readOwn(user.token)).statusCode).toBe(200);

    const setStatus = (status: 'suspended' | 'pending') => hub.call(adminToken, { method: 'PATCH', url: `/api/v1/organisations/${orgId}`, payload: { status, reason: 'test' } });
    expect((await setStatus('suspended')).statusCode).toBe(200);
    expectProblem(await readOwn(user.token), 403, 'auth.organisation_suspended');
    expectProblem(await whoami(user.token), 403, 'auth.organisation_suspended');
    expectProblem(await login(user.username, TEST_PASSWORD), 403, 'auth.organisation_suspended');

    expect((await setStatus('pending')).statusCode).toBe(200);
    expect((await readOwn(user.token)).statusCode).toBe(200);
    expect((await login(user.username, TEST_PASSWORD)).statusCode).toBe(200);
  });
});
