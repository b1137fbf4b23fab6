import { Type } from 'typebox';
import { apiKeyPolicy } from '../../access/policies.js';
import { AppError } from '../../core/errors.js';
import type { HubContext } from '../../hub/context.js';
import { principalOf } from '../../hub/http/authenticate.js';
import { IdParams, Page, problemResponses, type HubApp } from '../../hub/http/app-type.js';
import { loadOrganisation } from '../organisations/load.js';
import { ApiKey, CreateApiKeyBody, CreatedApiKey } from './schema.js';
import { apiKeyStore, presentApiKey } from './store.js';

const tags = ['api keys'];

export function apiKeyRoutes(app: HubApp, ctx: HubContext): void {
  const { database, audit, clock } = ctx;

  app.get('/api/v1/organisations/:id/api-keys', {
    schema: { tags, summary: 'An organisation\'s API keys (never their secrets)', params: IdParams, querystring: Type.Object(Page, { additionalProperties: false }), response: { 200: Type.Object({ items: Type.Array(ApiKey) }), ...problemResponses } },
  }, async (request) => {
    const p = principalOf(request);
    return database.transaction(async (trx) => {
      const org = await loadOrganisation(trx, request.params.id);
      apiKeyPolicy.read(p, org);
      const items = await apiKeyStore.listByOrganisation(trx, org.id, request.query.limit ?? 100, request.query.after);
      await audit.record(trx, p, { action: 'api_key.list', resourceType: 'organisation', resourceId: org.id, details: { returned: items.length } });
      return { items };
    });
  });

  app.post('/api/v1/organisations/:id/api-keys', {
    schema: { tags, summary: 'Create a scoped API key for a system; the secret is shown once', params: IdParams, body: CreateApiKeyBody, response: { 201: CreatedApiKey, ...problemResponses } },
  }, async (request, reply) => {
    const p = principalOf(request);
    const { name, permissions, expiresAt } = request.body;
    const now = clock.now();
    if (expiresAt !== undefined && new Date(expiresAt) <= now) {
      throw new AppError('request.validation_failed', 'the expiry is in the past', { errors: [{ pointer: '/body/expiresAt', message: 'must be in the future' }] });
    }
    const created = await database.transaction(async (trx) => {
      const org = await loadOrganisation(trx, request.params.id);
      apiKeyPolicy.create(p, org, permissions);
      const result = await apiKeyStore.create(trx, { orgId: org.id, name, permissions, createdBy: p.id, expiresAt: expiresAt === undefined ? null : new Date(expiresAt).toISOString() }, now.toISOString());
      await audit.record(trx, p, { action: 'api_key.create', resourceType: 'api_key', resourceId: result.apiKey.id, details: { org: org.id, name, permissions, expiresAt: result.apiKey.expiresAt } });
      return result;
    });
    return reply.code(201).send(created);
  });

  app.delete('/api/v1/api-keys/:id', {
    config: { changesAccess: true },
    schema: { tags, summary: 'Revoke an API key, at once', params: IdParams, response: { 200: ApiKey, ...problemResponses } },
  }, async (request) => {
    const p = principalOf(request);
    return database.transaction(async (trx) => {
      const row = await apiKeyStore.row(trx, request.params.id);
      if (!row) throw new AppError('api_key.not_found', `no API key ${request.params.id}`);
      apiKeyPolicy.revoke(p, await loadOrganisation(trx, row.org_id));
      await apiKeyStore.revoke(trx, row.id, p.id, clock.now().toISOString());
      await audit.record(trx, p, { action: 'api_key.revoke', resourceType: 'api_key', resourceId: row.id, details: { alreadyRevoked: row.revoked_at !== null } });
      return presentApiKey((await apiKeyStore.row(trx, row.id)) ?? row);
    });
  });
}
