import { Type } from 'typebox';
import { casePolicy, hitPolicy } from '../access/policies.js';
import { AppError } from '../core/errors.js';
import type { HubContext } from '../hub/context.js';
import { principalOf } from '../hub/http/authenticate.js';
import { IdParams, problemResponses, type HubApp } from '../hub/http/app-type.js';
import { ncbIdOf } from '../registry/organisations/load.js';
import { organisationStore } from '../registry/organisations/store.js';
import type { Executor } from '../storage/database.js';
import { Case, CASE_TRANSITIONS, CaseEvent, Hit, ListCasesQuery, UpdateCaseBody } from './schema.js';
import { CASE_TOPIC } from './service.js';
import { hitStore, presentCase, presentHit } from './store.js';

const tags = ['hits and cases'];

async function loadCase(db: Executor, id: string) {
  const row = await hitStore.getCase(db, id);
  if (!row) throw new AppError('case.not_found', `no case ${id}`);
  return row;
}

export function hitRoutes(app: HubApp, ctx: HubContext): void {
  const { database, audit, clock, bus } = ctx;

  app.get('/api/v1/hits/:id', {
    schema: { tags, summary: 'One hit: who searched what, what matched', params: IdParams, response: { 200: Hit, ...problemResponses } },
  }, async (request) => {
    const p = principalOf(request);
    return database.transaction(async (trx) => {
      const row = await hitStore.getHit(trx, request.params.id);
      if (!row) throw new AppError('hit.not_found', `no hit ${request.params.id}`);
      const [owner, searcher] = await Promise.all([organisationStore.get(trx, row.owner_org_id), organisationStore.get(trx, row.searcher_org_id)]);
      hitPolicy.read(p, {
        ownerOrgId: row.owner_org_id, ownerNcbId: owner ? ncbIdOf(owner) : null,
        searcherOrgId: row.searcher_org_id, searcherNcbId: searcher ? ncbIdOf(searcher) : null, concealed: row.concealed === 1,
      });
      await audit.record(trx, p, { action: 'hit.read', resourceType: 'hit', resourceId: row.id });
      return presentHit(row);
    });
  });

  app.get('/api/v1/cases', {
    schema: { tags, summary: 'Follow-up cases of your NCB (all, for the hub); overdue=true for those past their deadline', querystring: ListCasesQuery, response: { 200: Type.Object({ items: Type.Array(Case) }), ...problemResponses } },
  }, async (request) => {
    const visible = casePolicy.list(principalOf(request));
    const now = clock.now();
    const rows = await hitStore.listCases(database.db, visible, {
      status: request.query.status,
      overdueAt: request.query.overdue ? now.toISOString() : undefined,
      after: request.query.after,
      limit: request.query.limit ?? 100,
    });
    return { items: rows.map((r) => presentCase(r, now)) };
  });

  app.get('/api/v1/cases/:id', {
    schema: { tags, summary: 'One follow-up case with its history', params: IdParams, response: { 200: Type.Object({ case: Case, events: Type.Array(CaseEvent) }), ...problemResponses } },
  }, async (request) => {
    const p = principalOf(request);
    return database.transaction(async (trx) => {
      const row = await loadCase(trx, request.params.id);
      casePolicy.read(p, { ownerNcbId: row.owner_ncb_id, searcherNcbId: row.searcher_ncb_id });
      await audit.record(trx, p, { action: 'case.read', resourceType: 'case', resourceId: row.id });
      return { case: presentCase(row, clock.now()), events: await hitStore.caseEvents(trx, row.id) };
    });
  });

  app.patch('/api/v1/cases/:id', {
    schema: { tags, summary: 'Move a case on: acknowledged, confirmed, false_positive, closed', params: IdParams, body: UpdateCaseBody, response: { 200: Case, 409: Type.Ref('Problem'), ...problemResponses } },
  }, async (request) => {
    const p = principalOf(request);
    const { status, note, version } = request.body;
    const now = clock.now();
    const updated = await database.transaction(async (trx) => {
      const row = await loadCase(trx, request.params.id);
      casePolicy.update(p, { ownerNcbId: row.owner_ncb_id, searcherNcbId: row.searcher_ncb_id });
      if (version !== undefined && version !== row.version) throw new AppError('case.conflict', `the case is at version ${row.version}, not ${version}; reload it`);
      if (!CASE_TRANSITIONS[row.status].includes(status)) throw new AppError('case.invalid_transition', `a ${row.status} case cannot become ${status}`);
      if (!(await hitStore.transition(trx, row, status, p, note ?? null, now.toISOString()))) throw new AppError('case.conflict', 'the case changed meanwhile; reload it');
      await audit.record(trx, p, { action: 'case.update', resourceType: 'case', resourceId: row.id, details: { from: row.status, to: status, note: note ?? null } });
      return presentCase((await hitStore.getCase(trx, row.id)) ?? row, now);
    });
    await bus.publish(CASE_TOPIC, { case: updated, notify: [updated.ownerNcbId, updated.searcherNcbId, ctx.hubOrgId] });
    return updated;
  });
}
