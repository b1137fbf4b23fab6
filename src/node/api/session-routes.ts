import { Type } from 'typebox';
import { passwordProblem } from '../../crypto/secrets.js';
import { presentUser, userStore } from '../accounts/user-store.js';
import { sessionStore } from '../accounts/session-store.js';
import type { NodeContext } from '../context.js';
import { NodeError } from '../errors.js';
import { principalOf, sessionCookieName } from './authenticate.js';
import { ChangePasswordBody, LoginBody, LoginResult, WhoAmI, problems } from './schemas.js';
import type { NodeApp } from './types.js';

const tags = ['session'];

const rateLimited = (wait: number) => new NodeError('auth.rate_limited', `too many failed attempts; try again in ${wait} s`, { headers: { 'retry-after': String(wait) } });

/** Logging in to the node: its own people, its own sessions; the hub knows nothing of them. */
export function sessionRoutes(app: NodeApp, ctx: NodeContext): void {
  const { database, audit, clock, passwords, loginThrottle, config } = ctx;
  const cookie = sessionCookieName(ctx.identity.orgId);
  const cookieFlags = `Path=/; HttpOnly; SameSite=Strict${config.host === '127.0.0.1' || config.host === 'localhost' ? '' : '; Secure'}`;
  let decoyHash: Promise<string> | undefined;

  app.post('/api/v1/session', {
    config: { public: true },
    schema: { tags, summary: 'Log in to this node', body: LoginBody, response: { 200: LoginResult, 429: Type.Ref('NodeProblem'), ...problems } },
  }, async (request, reply) => {
    const { username, password } = request.body;
    const now = clock.now();
    const wait = loginThrottle.beginAttempt(username, request.ip, now.getTime());
    if (wait > 0) throw rateLimited(wait);
    const row = await userStore.byUsername(database.db, username);
    decoyHash ??= passwords.hash('decoy password for unknown usernames');
    const ok = await passwords.verify(password, row?.password_hash ?? (await decoyHash));
    if (!row || !ok) {
      await database.transaction((trx) => audit.record(trx, { kind: 'anonymous', id: `ip:${request.ip}`, name: username }, { action: 'session.login_failed', resourceType: 'session', outcome: 'failure', details: { username } }));
      throw new NodeError('auth.invalid_credentials');
    }
    const user = presentUser(row);
    const actor = { kind: 'user' as const, id: user.id, name: user.username };
    if (user.status !== 'active') {
      await database.transaction((trx) => audit.record(trx, actor, { action: 'session.login_refused', resourceType: 'session', outcome: 'denied', details: { reason: 'auth.account_disabled' } }));
      throw new NodeError('auth.account_disabled');
    }
    loginThrottle.recordSuccess(username, request.ip, now.getTime());
    const session = await database.transaction(async (trx) => {
      const created = await sessionStore.create(trx, user.id, now, config.sessionTtl * 1000);
      await userStore.recordLogin(trx, user.id, now.toISOString());
      await audit.record(trx, actor, { action: 'session.login', resourceType: 'session', resourceId: created.id });
      return created;
    });
    reply.header('set-cookie', `${cookie}=${session.token}; ${cookieFlags}; Max-Age=${config.sessionTtl}`);
    return { token: session.token, expiresAt: session.expiresAt, user };
  });

  app.get('/api/v1/session', {
    config: { beforePasswordChange: true },
    schema: { tags, summary: 'Who am I at this node', response: { 200: WhoAmI, ...problems } },
  }, async (request) => {
    const p = principalOf(request);
    return {
      kind: p.kind, id: p.id, name: p.name, roles: [...p.roles], permissions: [...p.permissions].sort(),
      mustChangePassword: p.mustChangePassword ?? false, node: { orgId: ctx.identity.orgId, hubUrl: ctx.identity.hubUrl },
    };
  });

  app.delete('/api/v1/session', {
    config: { beforePasswordChange: true },
    schema: { tags, summary: 'Log out', response: { 204: Type.Null(), ...problems } },
  }, async (request, reply) => {
    const p = principalOf(request);
    if (!p.sessionId) throw new NodeError('auth.required', 'an API key has no session to end; revoke the key instead');
    const sessionId = p.sessionId;
    await database.transaction(async (trx) => {
      await sessionStore.end(trx, sessionId, clock.now().toISOString());
      await audit.record(trx, p, { action: 'session.logout', resourceType: 'session', resourceId: sessionId });
    });
    reply.header('set-cookie', `${cookie}=; ${cookieFlags}; Max-Age=0`);
    return reply.code(204).send(null);
  });

  app.put('/api/v1/session/password', {
    config: { beforePasswordChange: true },
    schema: { tags, summary: 'Change your own password; ends your other sessions', body: ChangePasswordBody, response: { 204: Type.Null(), ...problems } },
  }, async (request, reply) => {
    const p = principalOf(request);
    if (p.kind !== 'user') throw new NodeError('access.forbidden', 'only a person has a password');
    const { currentPassword, newPassword } = request.body;
    const attemptedAt = clock.now().getTime();
    const wait = loginThrottle.beginAttempt(p.name, request.ip, attemptedAt);
    if (wait > 0) throw rateLimited(wait);
    const row = await userStore.byUsername(database.db, p.name);
    if (!row || !(await passwords.verify(currentPassword, row.password_hash))) throw new NodeError('auth.invalid_credentials', 'the current password is wrong');
    loginThrottle.recordSuccess(p.name, request.ip, attemptedAt);
    const problem = passwordProblem(newPassword, p.name) ?? (newPassword === currentPassword ? 'the new password must differ from the current one' : null);
    if (problem) throw new NodeError('user.weak_password', problem, { errors: [{ pointer: '/body/newPassword', message: problem }] });
    const hash = await passwords.hash(newPassword);
    await database.transaction(async (trx) => {
      const now = clock.now().toISOString();
      await userStore.setPassword(trx, p.id, hash, false, now);
      await sessionStore.endAllOfUser(trx, p.id, now, p.sessionId);
      await audit.record(trx, p, { action: 'user.password_change', resourceType: 'user', resourceId: p.id });
    });
    return reply.code(204).send(null);
  });
}
