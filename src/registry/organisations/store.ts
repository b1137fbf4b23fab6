import type { DatabaseMode, DatabaseName } from '../../access/permissions.js';
import type { Visibility } from '../../access/policies.js';
import { newId } from '../../core/ids.js';
import type { Executor } from '../../storage/database.js';
import type { OrganisationRow } from '../../storage/schema.js';
import type { Organisation } from './schema.js';

function present(row: OrganisationRow): Organisation {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    country: row.country,
    parentId: row.parent_id,
    agencyType: row.agency_type as Organisation['agencyType'],
    status: row.status,
    suspendedBy: row.suspended_by,
    lastSeenAt: row.last_seen_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface NewOrganisationInput {
  kind: Organisation['kind'];
  name: string;
  country: string | null;
  parentId: string | null;
  agencyType: Organisation['agencyType'];
  status: Organisation['status'];
}

export const organisationStore = {
  async insert(db: Executor, input: NewOrganisationInput, now: string): Promise<Organisation> {
    const row: OrganisationRow = {
      id: newId('org'),
      kind: input.kind,
      name: input.name,
      country: input.country,
      parent_id: input.parentId,
      agency_type: input.agencyType,
      status: input.status,
      suspended_by: null,
      last_seen_at: null,
      created_at: now,
      updated_at: now,
    };
    await db.insertInto('organisations').values(row).execute();
    return present(row);
  },

  async get(db: Executor, id: string): Promise<Organisation | undefined> {
    const row = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
    return row && present(row);
  },

  async hub(db: Executor): Promise<Organisation | undefined> {
    const row = await db.selectFrom('organisations').selectAll().where('kind', '=', 'hub').executeTakeFirst();
    return row && present(row);
  },

  async ncbOf(db: Executor, country: string): Promise<Organisation | undefined> {
    const row = await db.selectFrom('organisations').selectAll().where('kind', '=', 'ncb').where('country', '=', country).executeTakeFirst();
    return row && present(row);
  },

  async list(
    db: Executor,
    visible: Visibility,
    filter: { kind?: string | undefined; country?: string | undefined; status?: string | undefined; after?: string | undefined; limit: number },
  ): Promise<Organisation[]> {
    let q = db.selectFrom('organisations').selectAll();
    if (!visible.all) {
      const { orgId, includeAgencies } = visible;
      q = q.where((eb) => (includeAgencies ? eb.or([eb('id', '=', orgId), eb('parent_id', '=', orgId)]) : eb('id', '=', orgId)));
    }
    if (filter.kind) q = q.where('kind', '=', filter.kind as Organisation['kind']);
    if (filter.country) q = q.where('country', '=', filter.country);
    if (filter.status) q = q.where('status', '=', filter.status as Organisation['status']);
    if (filter.after) q = q.where('id', '>', filter.after);
    const rows = await q.orderBy('id').limit(filter.limit).execute();
    return rows.map(present);
  },

  async update(
    db: Executor,
    id: string,
    changes: { name?: string | undefined; status?: Organisation['status'] | undefined; by?: string },
    now: string,
  ): Promise<Organisation> {
    await db
      .updateTable('organisations')
      .set({
        ...(changes.name === undefined ? {} : { name: changes.name }),
        ...(changes.status === undefined ? {} : { status: changes.status, suspended_by: changes.status === 'suspended' ? (changes.by ?? null) : null }),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    const updated = await this.get(db, id);
    if (!updated) throw new Error(`organisation ${id} vanished during update`);
    return updated;
  },

  async touchLastSeen(db: Executor, id: string, now: string): Promise<void> {
    await db.updateTable('organisations').set({ last_seen_at: now }).where('id', '=', id).execute();
  },

  async databaseAccess(db: Executor, orgId: string): Promise<Map<DatabaseName, DatabaseMode>> {
    const rows = await db.selectFrom('database_access').select(['database', 'mode']).where('org_id', '=', orgId).orderBy('database').execute();
    return new Map(rows.map((r) => [r.database as DatabaseName, r.mode as DatabaseMode]));
  },

  async setDatabaseAccess(db: Executor, orgId: string, access: ReadonlyMap<DatabaseName, DatabaseMode>, grantedBy: string, now: string): Promise<void> {
    await db.deleteFrom('database_access').where('org_id', '=', orgId).execute();
    if (access.size === 0) return;
    await db
      .insertInto('database_access')
      .values([...access].map(([database, mode]) => ({ org_id: orgId, database, mode, granted_by: grantedBy, granted_at: now })))
      .execute();
  },
};
