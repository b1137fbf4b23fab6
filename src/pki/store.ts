import type { Selectable } from 'kysely';
import type { Executor } from '../storage/database.js';
import type { EnrolmentTokenTable, NodeCertificateTable } from '../storage/schema.js';

export type EnrolmentTokenRow = Selectable<EnrolmentTokenTable>;
export type NodeCertificateRow = Selectable<NodeCertificateTable>;

export const enrolmentTokenStore = {
  async insert(db: Executor, row: EnrolmentTokenRow): Promise<void> {
    await db.insertInto('enrolment_tokens').values(row).execute();
  },
  async bySecretHash(db: Executor, secretHash: string): Promise<EnrolmentTokenRow | undefined> {
    return db.selectFrom('enrolment_tokens').selectAll().where('secret_hash', '=', secretHash).executeTakeFirst();
  },
  /** Marks a token used, only if nobody used it first: answers whether this caller won. */
  async use(db: Executor, id: string, at: string, serial: string): Promise<boolean> {
    const result = await db.updateTable('enrolment_tokens').set({ used_at: at, used_for_serial: serial })
      .where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
  async listForOrg(db: Executor, orgId: string): Promise<EnrolmentTokenRow[]> {
    return db.selectFrom('enrolment_tokens').selectAll().where('org_id', '=', orgId).orderBy('created_at', 'desc').limit(100).execute();
  },
};

export const certificateStore = {
  async insert(db: Executor, row: NodeCertificateRow): Promise<void> {
    await db.insertInto('node_certificates').values(row).execute();
  },
  async get(db: Executor, serial: string): Promise<NodeCertificateRow | undefined> {
    return db.selectFrom('node_certificates').selectAll().where('serial', '=', serial).executeTakeFirst();
  },
  async listForOrg(db: Executor, orgId: string): Promise<NodeCertificateRow[]> {
    return db.selectFrom('node_certificates').selectAll().where('org_id', '=', orgId).orderBy('issued_at', 'desc').execute();
  },
  async all(db: Executor): Promise<Pick<NodeCertificateRow, 'serial' | 'org_id' | 'revoked_at'>[]> {
    return db.selectFrom('node_certificates').select(['serial', 'org_id', 'revoked_at']).execute();
  },
  async revoked(db: Executor): Promise<Pick<NodeCertificateRow, 'serial' | 'revoked_at'>[]> {
    return db.selectFrom('node_certificates').select(['serial', 'revoked_at']).where('revoked_at', 'is not', null).execute();
  },
  async revoke(db: Executor, serial: string, change: { at: string; by: string; reason: string }): Promise<boolean> {
    const result = await db.updateTable('node_certificates').set({ revoked_at: change.at, revoked_by: change.by, revoke_reason: change.reason })
      .where('serial', '=', serial).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  },
  /** The keys an organisation's node uses now: those of its newest unrevoked, unexpired certificate. */
  async currentKeys(db: Executor, orgIds: readonly string[], now: string): Promise<Map<string, Pick<NodeCertificateRow, 'org_id' | 'signing_key' | 'encryption_key' | 'serial'>>> {
    const keys = new Map<string, Pick<NodeCertificateRow, 'org_id' | 'signing_key' | 'encryption_key' | 'serial'>>();
    if (orgIds.length === 0) return keys;
    const rows = await db.selectFrom('node_certificates').select(['org_id', 'signing_key', 'encryption_key', 'serial', 'issued_at'])
      .where('org_id', 'in', orgIds).where('revoked_at', 'is', null).where('not_after', '>', now)
      .orderBy('issued_at', 'asc').execute();
    for (const { issued_at: _issued, ...row } of rows) keys.set(row.org_id, row);
    return keys;
  },
};
