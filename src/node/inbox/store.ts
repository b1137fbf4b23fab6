import { idsForIn } from '../../messaging/store.js';
import type { NodeExecutor } from '../storage/open.js';
import type { InboxRow, InboxTable } from '../storage/schema.js';

/** Ids looked up per statement. */
const IDS_PER_QUERY = 500;
/** Rows per insert statement (each row about a dozen bound values). */
const ROWS_PER_INSERT = 100;

export const inboxStore = {
  async has(db: NodeExecutor, id: string): Promise<boolean> {
    return (await db.selectFrom('inbox').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  },

  /** Which of these message ids are stored already. */
  async existing(db: NodeExecutor, ids: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
      const rows = await db.selectFrom('inbox').select('id').where('id', 'in', idsForIn(ids.slice(i, i + IDS_PER_QUERY))).execute();
      rows.forEach((r) => found.add(r.id));
    }
    return found;
  },

  /** Stores messages once by id (a second copy changes nothing), in few statements. Answers the ids that were new. */
  async insertNew(trx: NodeExecutor, rows: readonly InboxTable[]): Promise<Set<string>> {
    const inserted = new Set<string>();
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const done = await trx.insertInto('inbox').values(rows.slice(i, i + ROWS_PER_INSERT)).onConflict((c) => c.column('id').doNothing()).returning('id').execute();
      done.forEach((r) => inserted.add(r.id));
    }
    return inserted;
  },

  async get(db: NodeExecutor, id: string): Promise<InboxRow | undefined> {
    return db.selectFrom('inbox').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** Marks the first reading by a person; answers false when someone read it before. */
  async markRead(trx: NodeExecutor, id: string, at: string, by: string): Promise<boolean> {
    const result = await trx.updateTable('inbox').set({ read_at: at, read_by: by }).where('id', '=', id).where('read_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },

  async list(db: NodeExecutor, options: { limit: number; before?: string | undefined; unread?: boolean | undefined; caseId?: string | undefined }): Promise<InboxRow[]> {
    let q = db.selectFrom('inbox').selectAll();
    if (options.before) q = q.where('id', '<', options.before);
    if (options.unread) q = q.where('read_at', 'is', null);
    if (options.caseId) q = q.where('case_id', '=', options.caseId);
    return q.orderBy('id', 'desc').limit(options.limit).execute();
  },

  async recordRefusal(trx: NodeExecutor, row: { message_id: string | null; sender: string | null; code: string; detail: string; envelope: string; received_at: string }): Promise<void> {
    await trx.insertInto('inbox_refusals').values(row).execute();
  },

  async refusals(db: NodeExecutor, limit: number, after?: number) {
    let q = db.selectFrom('inbox_refusals').select(['id', 'message_id', 'sender', 'code', 'detail', 'received_at']);
    if (after !== undefined) q = q.where('id', '>', after);
    return q.orderBy('id').limit(limit).execute();
  },

  async count(db: NodeExecutor): Promise<{ total: number; unread: number }> {
    const row = await db
      .selectFrom('inbox')
      .select((eb) => [eb.fn.countAll<number>().as('total'), eb.fn.count<number>('id').filterWhere('read_at', 'is', null).as('unread')])
      .executeTakeFirstOrThrow();
    return { total: Number(row.total), unread: Number(row.unread) };
  },
};
