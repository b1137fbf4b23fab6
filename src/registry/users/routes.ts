import { Type } from 'typebox';
import { userPolicy } from '../../access/policies.js';
import { AppError } from '../../core/errors.js';
import { initialPassword } from '../../crypto/secrets.js';
import type { HubContext } from '../../hub/context.js';
import { principalOf } from '../../hub/http/authenticate.js';
import { IdParams, Page, problemResponses, type HubApp } from '../../hub/http/app-type.js';
import type { Executor } from '../../storage/database.js';
import { loadOrganisation } from '../organisations/load.js';
import { sessionStore } from '../sessions/store.js';
import { CreateUserBody, UpdateUserBody, User, UserWithInitialPassword } from './schema.js';
import { userStore } from './store.js';

const tags = ['users'];

async function loadUser(db: Executor, id: string): Promise<User> {
  const user = await userStore.get(db, id);
  if (!user) throw new AppError('user.not_found', `no user ${id}`);
  return user;
}

export function userRoutes(app: HubApp, ctx: HubContext): void {
  const { database, audit, clock, passwords } = ctx;

  app.get('/api/v1/organisations/:id/users', {
    schema: { tags, summary: 'The people of an organisation', params: IdParams, querystring: Type.Object(Page, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(User) }), ...problemResponses } },
  }, async (request) => {
    const p = principalOf(request);
    return database.transaction(async (trx) => {
      const org = await loadOrganisation(trx, request.params.id);
      userPolicy.read(p, org);
      const items = await userStore.listByOrganisation(trx, org.id, request.query.limit ?? 100, request.query.after);
      await audit.record(trx, p, { action: 'user.list', resourceType: 'organisation', resourceId: org.id, details: { returned: items.length } });
      return { items };
    });
  });

  app.post('/api/v1/organisations/:id/users', {
    schema: { tags, summary: 'Add a person; answers a first password, shown once', params: IdParams, body: CreateUserBody, response: { 201: UserWithInitialPassword, ...problemResponses } },
  }, async (request, reply) => {
    const p = principalOf(request);
    const body = request.body;
    const password = initialPassword();
    const passwordHash = await passwords.hash(password);
    const user = await database.transaction(async (trx) => {
      const org = await loadOrganisation(trx, request.params.id);
      userPolicy.write(p, org);
      userPolicy.grantRoles(p, org, body.roles);
      if (await userStore.usernameTaken(trx, body.username)) throw new AppError('user.conflict', `the username ${body.username} is taken`);
      const created = await userStore.insert(trx, { orgId: org.id, username: body.username, displayName: body.displayName, roles: body.roles, passwordHash, mustChangePassword: true }, clock.now().toISOString());
      await audit.record(trx, p, { action: 'user.create', resourceType: 'user', resourceId: created.id, details: { org: org.id, username: created.username, roles: created.roles } });
      return created;
    });
    return reply.code(201).send({ user, initialPassword: password });
  });

  app.get('/api/v1/users/:id', {
    schema: { tags, summary: 'One person', params: IdParams, response: { 200: User, ...problemResponses } },
  }, async (request) => {
    const p = principalOf(request);
    return database.transaction(async (trx) => {
      const user = await loadUser(trx, request.params.id);
      if (!(p.kind === 'user' && p.id === user.id)) userPolicy.read(p, await loadOrganisation(trx, user.orgId));
      await audit.record(trx, p, { action: 'user.read', resourceType: 'user', resourceId: user.id });
      return user;
    });
  });

  app.patch('/api/v1/users/:id', {
    config: { changesAccess: true },
    schema: { tags, summary: 'Change a person\'s name, roles or status', params: IdParams, body: UpdateUserBody, response: { 200: User, ...problemResponses } },
  }, async (request) => {
    const p = principalOf(request);
    const changes = request.body;
    return database.transaction(async (trx) => {
      const user = await loadUser(trx, request.params.id);
      const org = await loadOrganisation(trx, user.orgId);
      userPolicy.change(p, org, user);
      if (changes.roles || changes.status) userPolicy.changeSelf(p, user.id);
      if (changes.roles) userPolicy.grantRoles(p, org, changes.roles);
      const now = clock.now().toISOString();
      await userStore.update(trx, user.id, changes, now);
      if (changes.status === 'disabled') await sessionStore.endAllOfUser(trx, user.id, now);
      const updated = await loadUser(trx, user.id);
      await audit.record(trx, p, {
        action: changes.status === 'disabled' && user.status !== 'disabled' ? 'user.disable' : 'user.update',
        resourceType: 'user',
        resourceId: user.id,
        details: { before: { displayName: user.displayName, roles: user.roles, status: user.status }, after: { displayName: updated.displayName, roles: updated.roles, status: updated.status } },
      });
      return updated;
    });
  });

  app.post('/api/v1/users/:id/password-reset', {
    config: { changesAccess: true },
    schema: { tags, summary: 'Give a person a new first password, shown once; ends their sessions', params: IdParams, response: { 200: UserWithInitialPassword, ...problemResponses } },
  }, async (request) => {
    const p = principalOf(request);
    const password = initialPassword();
    const passwordHash = await passwords.hash(password);
    return database.transaction(async (trx) => {
      const user = await loadUser(trx, request.params.id);
      userPolicy.change(p, await loadOrganisation(trx, user.orgId), user);
      userPolicy.changeSelf(p, user.id);
      const now = clock.now().toISOString();
      await userStore.setPassword(trx, user.id, passwordHash, true, now);
      await sessionStore.endAllOfUser(trx, user.id, now);
      await audit.record(trx, p, { action: 'user.password_reset', resourceType: 'user', resourceId: user.id });
      return { user: await loadUser(trx, user.id), initialPassword: password };
    });
  });
}
