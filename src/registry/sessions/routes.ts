import { Type } from 'typebox';
import { permissionsOfRoles } from '../../access/permissions.js';
import type { Principal } from '../../access/principal.js';
import { AppError } from '../../core/errors.js';
import { passwordProblem } from '../../crypto/secrets.js';
import type { HubContext } from '../../hub/context.js';
import { SESSION_COOKIE, principalOf } from '../../hub/http/authenticate.js';
import { problemResponses, type HubApp } from '../../hub/http/app-type.js';
import { activeOrganisation, databaseAccessOf, loadOrganisation, ncbIdOf } from '../organisations/load.js';
import { presentUser, userStore } from '../users/store.js';
import { ChangePasswordBody, LoginBody, LoginResult, WhoAmI } from './schema.js';
import { sessionStore } from './store.js';

const tags = ['session'];

const rateLimited = (wait: number) =>
  new AppError('auth.rate_limited', `too many failed attempts; try again in ${wait} s`, { headers: { 'retry-after': String(wait) } });

/** Compared against when the username is unknown, so both cases take the same time. */
let decoyHash: Promise<string> | undefined;

export function sessionRoutes(app: HubApp, ctx: HubContext): void {
  const { database, audit, clock, passwords, loginThrottle, config } = ctx;
  const cookieFlags = `Path=/; HttpOnly; SameSite=Strict${config.host === '127.0.0.1' || config.host === 'localhost' ? '' : '; Secure'}`;

  app.post('/api/v1/session', {
    config: { public: true },
    schema: { tags, summary: 'Log in', body: LoginBody, response: { 200: LoginResult, 429: Type.Ref('Problem'), ...problemResponses } },
  }, async (request, reply) => {
    const { username, password } = request.body;
    const now = clock.now();
    const wait = loginThrottle.beginAttempt(username, request.ip, now.getTime());
    if (wait > 0) throw rateLimited(wait);

    const row = await userStore.credentialsByUsername(database.db, username);
    decoyHash ??= passwords.hash('decoy password for unknown usernames');
    const ok = await passwords.verify(password, row?.password_hash ?? (await decoyHash));
    if (!row || !ok) {
      await database.transaction((trx) =>
        audit.record(trx, { kind: 'anonymous', id: `ip:${request.ip}` }, { action: 'session.login_failed', resourceType: 'session', outcome: 'failure', details: { username } }),
      );
      throw new AppError('auth.invalid_credentials');
    }
    const user = presentUser(row);
    const org = await loadOrganisation(database.db, user.orgId);
    const principal: Principal = { kind: 'user', id: user.id, name: user.username, orgId: org.id, orgKind: org.kind, country: org.country, ncbId: ncbIdOf(org), roles: user.roles, permissions: permissionsOfRoles(user.roles), databases: await databaseAccessOf(database.db, org) };
    const refusal = user.status !== 'active' ? new AppError('auth.account_disabled') : await activeOrganisation(database.db, org.id).then(() => undefined, (e: AppError) => e);
    if (refusal) {
      await database.transaction((trx) => audit.record(trx, principal, { action: 'session.login_refused', resourceType: 'session', outcome: 'denied', details: { reason: refusal.code } }));
      throw refusal;
    }
    loginThrottle.recordSuccess(username, request.ip, now.getTime());
    const session = await database.transaction(async (trx) => {
      const created = await sessionStore.create(trx, user.id, now, config.sessionTtl * 1000, request.ip);
      await userStore.recordLogin(trx, user.id, now.toISOString());
      await audit.record(trx, { ...principal, sessionId: created.id }, { action: 'session.login', resourceType: 'session', resourceId: created.id });
      return created;
    });
    reply.header('set-cookie', `${SESSION_COOKIE}=${session.token}; ${cookieFlags}; Max-Age=${config.sessionTtl}`);
    return { token: session.token, expiresAt: session.expiresAt, user };
  });

  app.delete('/api/v1/session', {
    config: { beforePasswordChange: true, changesAccess: true },
    schema: { tags, summary: 'Log out', response: { 204: Type.Null(), ...problemResponses } },
  }, async (request, reply) => {
    const p = principalOf(request);
    if (!p.sessionId) throw new AppError('auth.required', 'an API key has no session to end; revoke the key instead');
    const sessionId = p.sessionId;
    await database.transaction(async (trx) => {
      await sessionStore.end(trx, sessionId, clock.now().toISOString());
      await audit.record(trx, p, { action: 'session.logout', resourceType: 'session', resourceId: sessionId });
    });
    reply.header('set-cookie', `${SESSION_COOKIE}=; ${cookieFlags}; Max-Age=0`);
    return reply.code(204).send(null);
  });

  app.get('/api/v1/session', {
    config: { beforePasswordChange: true },
    schema: { tags, summary: 'Who am I: the authenticated person or API key', response: { 200: WhoAmI, ...problemResponses } },
  }, async (request) => {
    const p = principalOf(request);
    return {
      kind: p.kind,
      id: p.id,
      name: p.name,
      roles: [...p.roles],
      permissions: [...p.permissions].sort(),
      mustChangePassword: p.mustChangePassword ?? false,
      organisation: await loadOrganisation(database.db, p.orgId),
    };
  });

  app.put('/api/v1/session/password', {
    config: { beforePasswordChange: true, changesAccess: true },
    schema: { tags, summary: 'Change your own password; ends your other sessions', body: ChangePasswordBody, response: { 204: Type.Null(), ...problemResponses } },
  }, async (request, reply) => {
    const p = principalOf(request);
    if (p.kind !== 'user') throw new AppError('access.forbidden', 'only a person has a password');
    const { currentPassword, newPassword } = request.body;
    // Guesses at the current password count against the same allowance as logins.
    const attemptedAt = clock.now().getTime();
    const wait = loginThrottle.beginAttempt(p.name, request.ip, attemptedAt);
    if (wait > 0) throw rateLimited(wait);
    const stored = await userStore.passwordHash(database.db, p.id);
    if (!stored || !(await passwords.verify(currentPassword, stored))) throw new AppError('auth.invalid_credentials', 'the current password is wrong');
    loginThrottle.recordSuccess(p.name, request.ip, attemptedAt);
    const problem = passwordProblem(newPassword, p.name) ?? (newPassword === currentPassword ? 'the new password must differ from the current one' : null);
    if (problem) throw new AppError('user.weak_password', problem, { errors: [{ pointer: '/body/newPassword', message: problem }] });
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
