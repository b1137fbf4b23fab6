import { Type } from 'typebox';
import { networkPolicy } from '../../access/policies.js';
import { AppError } from '../../core/errors.js';
import { ID_PATTERN, newId } from '../../core/ids.js';
import type { HubContext } from '../../hub/context.js';
import { principalOf } from '../../hub/http/authenticate.js';
import { IdParams, problemResponses, type HubApp } from '../../hub/http/app-type.js';
import type { Executor } from '../../storage/database.js';

const tags = ['operational projects'];

const Project = Type.Object({
  id: Type.String(),
  name: Type.String(),
  description: Type.Union([Type.String(), Type.Null()]),
  members: Type.Array(Type.String()),
  createdAt: Type.String(),
});
const Members = Type.Array(Type.String({ pattern: ID_PATTERN }), { maxItems: 1000, uniqueItems: true });

async function loadProject(db: Executor, id: string) {
  const row = await db.selectFrom('projects').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('project.not_found', `no operational project ${id}`);
  const members = await db.selectFrom('project_members').select('org_id').where('project_id', '=', id).orderBy('org_id').execute();
  return { id: row.id, name: row.name, description: row.description, members: members.map((m) => m.org_id), createdAt: row.created_at };
}

async function checkMembers(db: Executor, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await db.selectFrom('organisations').select('id').where('id', 'in', [...ids]).execute();
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length > 0) throw new AppError('organisation.not_found', `no organisation ${missing.join(', ')}`);
}

/** Operational projects: groups of member organisations a message can be diffused to. */
export function projectRoutes(app: HubApp, ctx: HubContext): void {
  const { database, audit, clock } = ctx;

  app.post('/api/v1/projects', {
    schema: {
      tags, summary: 'Create an operational project (hub)',
      body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 120 }), description: Type.Optional(Type.String({ maxLength: 2000 })), members: Type.Optional(Members) }, { additionalProperties: false }),
      response: { 201: Project, ...problemResponses },
    },
  }, async (request, reply) => {
    const p = principalOf(request);
    networkPolicy.manage(p);
    const now = clock.now().toISOString();
    const id = newId('prj');
    const members = request.body.members ?? [];
    await database.transaction(async (trx) => {
      if (await trx.selectFrom('projects').select('id').where('name', '=', request.body.name).executeTakeFirst()) {
        throw new AppError('project.conflict', `a project is already called ${request.body.name}`);
      }
      await checkMembers(trx, members);
      await trx.insertInto('projects').values({ id, name: request.body.name, description: request.body.description ?? null, created_by: p.id, created_at: now }).execute();
      if (members.length > 0) await trx.insertInto('project_members').values(members.map((org_id) => ({ project_id: id, org_id }))).execute();
      await audit.record(trx, p, { action: 'project.create', resourceType: 'project', resourceId: id, details: { name: request.body.name, members } });
    });
    return reply.code(201).send(await loadProject(database.db, id));
  });

  app.get('/api/v1/projects', {
    schema: { tags, summary: 'Operational projects', response: { 200: Type.Object({ items: Type.Array(Project) }), ...problemResponses } },
  }, async (request) => {
    networkPolicy.read(principalOf(request));
    const rows = await database.db.selectFrom('projects').select('id').orderBy('name').limit(500).execute();
    return { items: await Promise.all(rows.map((r) => loadProject(database.db, r.id))) };
  });

  app.put('/api/v1/projects/:id/members', {
    schema: { tags, summary: 'Set a project\'s member organisations (hub)', params: IdParams, body: Type.Object({ members: Members }, { additionalProperties: false }), response: { 200: Project, ...problemResponses } },
  }, async (request) => {
    const p = principalOf(request);
    networkPolicy.manage(p);
    await database.transaction(async (trx) => {
      const before = await loadProject(trx, request.params.id);
      await checkMembers(trx, request.body.members);
      await trx.deleteFrom('project_members').where('project_id', '=', before.id).execute();
      if (request.body.members.length > 0) await trx.insertInto('project_members').values(request.body.members.map((org_id) => ({ project_id: before.id, org_id }))).execute();
      await audit.record(trx, p, { action: 'project.members', resourceType: 'project', resourceId: before.id, details: { from: before.members, to: request.body.members } });
    });
    return loadProject(database.db, request.params.id);
  });
}
