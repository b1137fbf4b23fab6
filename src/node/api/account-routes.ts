import { Type } from 'typebox';
import { initialPassword } from '../../crypto/secrets.js';
import { apiKeyStore } from '../accounts/api-key-store.js';
import { API_KEY_PERMISSIONS } from '../accounts/permissions.js';
import { requirePermission } from '../accounts/principal.js';
import { sessionStore } from '../accounts/session-store.js';
import { userStore } from '../accounts/user-store.js';
import type { NodeContext } from '../context.js';
import { NodeError } from '../errors.js';
import { principalOf } from './authenticate.js';
import { ApiKey, CreateApiKeyBody, CreatedApiKey, CreateUserBody, IdParams, problems, UpdateUserBody, User, UserWithPassword } from './schemas.js';
import type { NodeApp } from './types.js';

/** The node's people and its systems' API keys, managed by the node's administrators. */
export function accountRoutes(app: NodeApp, ctx: NodeContext): void {
  const { database, audit, clock, passwords } = ctx;

  app.get('/api/v1/users', {
    schema: { tags: ['users'], summary: 'The people of this node', response: { 200: Type.Object({ items: Type.Array(User) }), ...problems } },
  }, async (request) => {
    const p = principalOf(request);
    requirePermission(p, 'users:manage');
    const items = await userStore.list(database.db);
    await database.transaction((trx) => audit.record(trx, p, { action: 'user.list', resourceType: 'user', details: { returned: items.length } }));
    return { items };
  });

  app.post('/api/v1/users', {
    schema: { tags: ['users'], summary: 'Add a person; answers a first password, shown once', body: CreateUserBody, response: { 201: UserWithPassword, 409: Type.Ref('NodeProblem'), ...problems } },
  }, async (request, reply) => {
    const p = principalOf(request);
    requirePermission(p, 'users:manage');
    const password = initialPassword();
    const passwordHash = await passwords.hash(password);
    const user = await database.transaction(async (trx) => {
      if (await userStore.byUsername(trx, request.body.username)) throw new NodeError('user.conflict', `the username ${request.body.username} is taken`);
      const created = await userStore.insert(trx, { ...request.body, passwordHash, mustChangePassword: true }, clock.now().toISOString());
      await audit.record(trx, p, { action: 'user.create', resourceType: 'user', resourceId: created.id, details: { username: created.username, roles: created.roles } });
      return created;
    });
    return reply.code(201).send({ user, initialPassword: password });
  });

  app.patch('/api/v1/users/:id', {
    schema: { tags: ['users'], summary: 'Change a person\'s name, roles or status; disabling ends their sessions', params: IdParams, body: UpdateUserBody, response: { 200: User, ...problems } },
  }, async (request) => {
    const p = principalOf(request);
    requirePermission(p, 'users:manage');
    const { id } = request.params;
    return database.transaction(async (trx) => {
      const before = await userStore.get(trx, id);
      if (!before) throw new NodeError('user.not_found', `no user ${id}`);
      const now = clock.now().toISOString();
      await userStore.update(trx, id, request.body, now);
      if ((await userStore.activeAdmins(trx)) === 0) throw new NodeError('access.forbidden', 'the node must keep at least one active administrator');
      if (request.body.status === 'disabled' || request.body.roles) await sessionStore.endAllOfUser(trx, id, now);
      await audit.record(trx, p, { action: 'user.update', resourceType: 'user', resourceId: id, details: { ...request.body } });
      return (await userStore.get(trx, id)) ?? before;
    });
  });

  app.post('/api/v1/users/:id/password-reset', {
    schema: { tags: ['users'], summary: 'Give a person a new first password (shown once); ends their sessions', params: IdParams, response: { 200: UserWithPassword, ...problems } },
  }, async (request) => {
    const p = principalOf(request);
    requirePermission(p, 'users:manage');
    const password = initialPassword();
    const hash = await passwords.hash(password);
    const user = await database.transaction(async (trx) => {
      const found = await userStore.get(trx, request.params.id);
      if (!found) throw new NodeError('user.not_found', `no user ${request.params.id}`);
      const now = clock.now().toISOString();
      await userStore.setPassword(trx, found.id, hash, true, now);
      await sessionStore.endAllOfUser(trx, found.id, now);
      await audit.record(trx, p, { action: 'user.password_reset', resourceType: 'user', resourceId: found.id });
      return { ...found, mustChangePassword: true };
    });
    return { user, initialPassword: password };
  });

  app.get('/api/v1/api-keys', {
    schema: { tags: ['api keys'], summary: 'The API keys of this node\'s systems', response: { 200: Type.Object({ items: Type.Array(ApiKey) }), ...problems } },
  }, async (request) => {
    const p = principalOf(request);
    requirePermission(p, 'api_keys:manage');
    const items = await apiKeyStore.list(database.db);
    await database.transaction((trx) => audit.record(trx, p, { action: 'api_key.list', resourceType: 'api_key', details: { returned: items.length } }));
    return { items };
  });

  app.post('/api/v1/api-keys', {
    schema: { tags: ['api keys'], summary: 'A key for a system (a border gate, a case system); its secret is shown once', body: CreateApiKeyBody, response: { 201: CreatedApiKey, 422: Type.Ref('NodeProblem'), ...problems } },
  }, async (request, reply) => {
    const p = principalOf(request);
    requirePermission(p, 'api_keys:manage');
    const { name, permissions, expiresAt } = request.body;
    const refused = permissions.filter((x) => !API_KEY_PERMISSIONS.includes(x));
    if (refused.length > 0) throw new NodeError('api_key.invalid_scope', `an API key cannot hold ${refused.join(', ')}`);
    if (expiresAt !== undefined && new Date(expiresAt) <= clock.now()) throw new NodeError('request.validation_failed', 'expiresAt is in the past', { errors: [{ pointer: '/body/expiresAt', message: 'must be in the future' }] });
    const created = await database.transaction(async (trx) => {
      const made = await apiKeyStore.create(trx, { name, permissions, createdBy: p.id, expiresAt: expiresAt ?? null }, clock.now().toISOString());
      await audit.record(trx, p, { action: 'api_key.create', resourceType: 'api_key', resourceId: made.apiKey.id, details: { name, permissions } });
      return made;
    });
    return reply.code(201).send(created);
  });

  app.delete('/api/v1/api-keys/:id', {
    schema: { tags: ['api keys'], summary: 'Revoke an API key', params: IdParams, response: { 204: Type.Null(), ...problems } },
  }, async (request, reply) => {
    const p = principalOf(request);
    requirePermission(p, 'api_keys:manage');
    await database.transaction(async (trx) => {
      if (!(await apiKeyStore.row(trx, request.params.id))) throw new NodeError('api_key.not_found', `no API key ${request.params.id}`);
      if (await apiKeyStore.revoke(trx, request.params.id, clock.now().toISOString())) await audit.record(trx, p, { action: 'api_key.revoke', resourceType: 'api_key', resourceId: request.params.id });
    });
    return reply.code(204).send(null);
  });
}
