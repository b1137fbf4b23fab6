import { Type } from 'typebox';
import type { DatabaseMode, DatabaseName } from '../../access/permissions.js';
import { organisationPolicy } from '../../access/policies.js';
import type { Principal } from '../../access/principal.js';
import { AppError } from '../../core/errors.js';
import type { HubContext } from '../../hub/context.js';
import { principalOf } from '../../hub/http/authenticate.js';
import { IdParams, problemResponses, type HubApp } from '../../hub/http/app-type.js';
import type { Executor } from '../../storage/database.js';
import { isMemberCountryCode } from '../countries.js';
import { loadOrganisation } from './load.js';
import {
  CreateOrganisationBody, DatabaseAccess, ListOrganisationsQuery, Organisation, UpdateOrganisationBody,
} from './schema.js';
import { organisationStore } from './store.js';

const tags = ['organisations'];

function presentAccess(access: ReadonlyMap<DatabaseName, DatabaseMode>): DatabaseAccess {
  const databases = [...access.keys()].sort();
  return { databases, writable: databases.filter((d) => access.get(d) === 'write') };
}

/** Checks the shape rules of a new organisation and resolves its country and parent. */
async function resolveNewOrganisation(db: Executor, p: Principal, body: CreateOrganisationBody) {
  if (body.kind === 'partner') {
    if (body.country || body.parentId) throw new AppError('organisation.invalid_parent', 'a partner organisation has neither a country nor a parent');
    return { country: null, parentId: null };
  }
  if (body.kind === 'ncb') {
    if (!body.country) throw new AppError('request.validation_failed', 'an NCB needs a country', { errors: [{ pointer: '/body/country', message: 'is required for an NCB' }] });
    if (!isMemberCountryCode(body.country)) throw new AppError('organisation.invalid_country', `${body.country} is not an INTERPOL member country`);
    if (body.parentId) throw new AppError('organisation.invalid_parent', 'an NCB has no parent organisation');
    if (await organisationStore.ncbOf(db, body.country)) throw new AppError('organisation.conflict', `${body.country} already has an NCB`);
    return { country: body.country, parentId: null };
  }
  // An agency sits under its country's NCB; an NCB's own people may leave the parent out.
  const parentId = body.parentId ?? (p.orgKind === 'ncb' ? p.orgId : undefined);
  if (!parentId) throw new AppError('request.validation_failed', 'an agency needs its NCB as parent', { errors: [{ pointer: '/body/parentId', message: 'is required for an agency' }] });
  const parent = await organisationStore.get(db, parentId);
  if (!parent || parent.kind !== 'ncb') throw new AppError('organisation.invalid_parent', 'an agency\'s parent must be an NCB');
  if (body.country && body.country !== parent.country) throw new AppError('organisation.invalid_parent', `the agency's country ${body.country} is not its NCB's (${parent.country})`);
  return { country: parent.country, parentId };
}

export function organisationRoutes(app: HubApp, ctx: HubContext): void {
  const { database, audit, clock } = ctx;

  app.get('/api/v1/organisations', {
    schema: { tags, summary: 'List the organisations you may see', querystring: ListOrganisationsQuery, response: { 200: Type.Object({ items: Type.Array(Organisation) }), ...problemResponses } },
  }, async (request) => {
    const visible = organisationPolicy.list(principalOf(request));
    const items = await organisationStore.list(database.db, visible, { ...request.query, limit: request.query.limit ?? 200 });
    return { items };
  });

  app.get('/api/v1/organisations/:id', {
    schema: { tags, summary: 'One organisation', params: IdParams, response: { 200: Organisation, ...problemResponses } },
  }, async (request) => {
    const org = await loadOrganisation(database.db, request.params.id);
    organisationPolicy.read(principalOf(request), org);
    return org;
  });

  app.post('/api/v1/organisations', {
    schema: { tags, summary: 'Create an NCB, agency or partner organisation', body: CreateOrganisationBody, response: { 201: Organisation, ...problemResponses } },
  }, async (request, reply) => {
    const p = principalOf(request);
    const body = request.body;
    organisationPolicy.create(p, { kind: body.kind, parentId: body.parentId ?? (body.kind === 'agency' && p.orgKind === 'ncb' ? p.orgId : null) });
    const created = await database.transaction(async (trx) => {
      const { country, parentId } = await resolveNewOrganisation(trx, p, body);
      const org = await organisationStore.insert(trx, {
        kind: body.kind, name: body.name, country, parentId,
        agencyType: body.kind === 'agency' ? (body.agencyType ?? 'police') : null, status: 'pending',
      }, clock.now().toISOString());
      await audit.record(trx, p, { action: 'organisation.create', resourceType: 'organisation', resourceId: org.id, details: { kind: org.kind, name: org.name, country, parentId } });
      return org;
    });
    return reply.code(201).send(created);
  });

  app.patch('/api/v1/organisations/:id', {
    config: { changesAccess: true },
    schema: { tags, summary: 'Rename, suspend or reinstate an organisation', params: IdParams, body: UpdateOrganisationBody, response: { 200: Organisation, ...problemResponses } },
  }, async (request) => {
    const p = principalOf(request);
    const { name, status, reason } = request.body;
    return database.transaction(async (trx) => {
      const org = await loadOrganisation(trx, request.params.id);
      organisationPolicy.update(p, org, { status, hubOrgId: ctx.hubOrgId });
      // "connected" is not set by hand: it is what the network observes.
      if (status === 'connected' && org.status !== 'connected') {
        throw new AppError('organisation.invalid_status_change', 'an organisation becomes connected by connecting; set pending to reinstate it');
      }
      const statusChange = status === org.status ? undefined : status;
      const updated = await organisationStore.update(trx, org.id, { name, status: statusChange, by: p.orgId }, clock.now().toISOString());
      await audit.record(trx, p, {
        action: status && status !== org.status ? `organisation.${status === 'suspended' ? 'suspend' : 'reinstate'}` : 'organisation.update',
        resourceType: 'organisation',
        resourceId: org.id,
        details: { before: { name: org.name, status: org.status }, after: { name: updated.name, status: updated.status }, reason: reason ?? null },
      });
      return updated;
    });
  });

  app.get('/api/v1/organisations/:id/database-access', {
    schema: { tags, summary: 'Which databases an agency may search', params: IdParams, response: { 200: DatabaseAccess, ...problemResponses } },
  }, async (request) => {
    const org = await loadOrganisation(database.db, request.params.id);
    organisationPolicy.read(principalOf(request), org);
    return presentAccess(await organisationStore.databaseAccess(database.db, org.id));
  });

  app.put('/api/v1/organisations/:id/database-access', {
    config: { changesAccess: true },
    schema: { tags, summary: 'Decide which databases an agency may search (its NCB or the hub)', params: IdParams, body: DatabaseAccess, response: { 200: DatabaseAccess, ...problemResponses } },
  }, async (request) => {
    const p = principalOf(request);
    return database.transaction(async (trx) => {
      const org = await loadOrganisation(trx, request.params.id);
      organisationPolicy.setDatabaseAccess(p, org);
      const { databases, writable = [] } = request.body;
      const notSearchable = writable.filter((d) => !databases.includes(d));
      if (notSearchable.length > 0) {
        throw new AppError('request.validation_failed', 'a writable database must also be searchable', { errors: [{ pointer: '/body/writable', message: `not in databases: ${notSearchable.join(', ')}` }] });
      }
      const before = presentAccess(await organisationStore.databaseAccess(trx, org.id));
      const access = new Map(databases.map((d) => [d, writable.includes(d) ? ('write' as const) : ('search' as const)]));
      await organisationStore.setDatabaseAccess(trx, org.id, access, p.id, clock.now().toISOString());
      const after = presentAccess(access);
      await audit.record(trx, p, { action: 'organisation.database_access', resourceType: 'organisation', resourceId: org.id, details: { before, after } });
      return after;
    });
  });
}
