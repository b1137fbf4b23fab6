import { newId } from '../core/ids.js';
import type { Executor } from '../storage/database.js';
import type { CaseRow, HitRow } from '../storage/schema.js';
import type { Case, CaseEvent, CaseStatus, Hit } from './schema.js';

export function presentHit(row: HitRow): Hit {
  return {
    id: row.id,
    database: row.database as Hit['database'],
    recordId: row.record_id,
    ownerOrgId: row.owner_org_id,
    ownerCountry: row.owner_country,
    searcher: { type: row.searcher_type, id: row.searcher_id, name: row.searcher_name, orgId: row.searcher_org_id, country: row.searcher_country },
    location: row.location,
    query: JSON.parse(row.query) as Record<string, unknown>,
    match: JSON.parse(row.match) as Record<string, unknown>,
    concealed: row.concealed === 1,
    caseId: row.case_id,
    createdAt: row.created_at,
  };
}

export function presentCase(row: CaseRow, now: Date): Case {
  return {
    id: row.id,
    hitId: row.hit_id,
    database: row.database as Case['database'],
    recordId: row.record_id,
    ownerNcbId: row.owner_ncb_id,
    searcherNcbId: row.searcher_ncb_id,
    priority: row.priority,
    status: row.status,
    deadlineAt: row.deadline_at,
    overdue: row.status === 'new' && row.deadline_at < now.toISOString(),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
  };
}

/** Cases a principal may see: all (hub), or those where its NCB is a party. */
export type CaseVisibility = { all: true } | { all: false; ncbId: string };

export const hitStore = {
  async insertHit(db: Executor, row: Omit<HitRow, 'id'>): Promise<HitRow> {
    const full = { id: newId('hit'), ...row };
    await db.insertInto('hits').values(full).execute();
    return full;
  },

  async setHitCase(db: Executor, hitId: string, caseId: string): Promise<void> {
    await db.updateTable('hits').set({ case_id: caseId }).where('id', '=', hitId).execute();
  },

  async getHit(db: Executor, id: string): Promise<HitRow | undefined> {
    return db.selectFrom('hits').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async insertCase(db: Executor, row: Omit<CaseRow, 'id' | 'version' | 'closed_at' | 'status'>, actor: { id: string; orgId: string }): Promise<CaseRow> {
    const full: CaseRow = { id: newId('cas'), status: 'new', version: 1, closed_at: null, ...row };
    await db.insertInto('cases').values(full).execute();
    await db.insertInto('case_events').values({ case_id: full.id, seq: 1, at: row.created_at, actor_id: actor.id, actor_org_id: actor.orgId, status_from: null, status_to: 'new', note: null }).execute();
    return full;
  },

  async getCase(db: Executor, id: string): Promise<CaseRow | undefined> {
    return db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async listCases(db: Executor, visible: CaseVisibility, filter: { status?: CaseStatus | undefined; overdueAt?: string | undefined; after?: string | undefined; limit: number }): Promise<CaseRow[]> {
    let q = db.selectFrom('cases').selectAll();
    if (!visible.all) {
      const { ncbId } = visible;
      q = q.where((eb) => eb.or([eb('owner_ncb_id', '=', ncbId), eb('searcher_ncb_id', '=', ncbId)]));
    }
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.overdueAt) q = q.where('status', '=', 'new').where('deadline_at', '<', filter.overdueAt);
    if (filter.after) q = q.where('id', '>', filter.after);
    return q.orderBy('id').limit(filter.limit).execute();
  },

  /** Moves a case on if it is still at `version`; answers false when someone changed it first. */
  async transition(db: Executor, row: CaseRow, to: CaseStatus, actor: { id: string; orgId: string }, note: string | null, now: string): Promise<boolean> {
    const result = await db
      .updateTable('cases')
      .set({ status: to, version: row.version + 1, updated_at: now, closed_at: to === 'closed' ? now : row.closed_at })
      .where('id', '=', row.id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    const last = await db.selectFrom('case_events').select((eb) => eb.fn.max('seq').as('seq')).where('case_id', '=', row.id).executeTakeFirst();
    await db.insertInto('case_events').values({ case_id: row.id, seq: Number(last?.seq ?? 0) + 1, at: now, actor_id: actor.id, actor_org_id: actor.orgId, status_from: row.status, status_to: to, note }).execute();
    return true;
  },

  async caseEvents(db: Executor, caseId: string): Promise<CaseEvent[]> {
    const rows = await db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();
    return rows.map((r) => ({ seq: r.seq, at: r.at, actorId: r.actor_id, actorOrgId: r.actor_org_id, from: r.status_from as CaseStatus | null, to: r.status_to as CaseStatus, note: r.note }));
  },
};
