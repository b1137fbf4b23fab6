import type { Selectable } from 'kysely';
import type { Executor } from '../storage/database.js';
import type { MessageQueueTable, MessageReceiptTable, MessageTable } from '../storage/schema.js';

export type MessageRow = Selectable<MessageTable>;
export type QueueRow = Selectable<MessageQueueTable>;
export type ReceiptRow = Selectable<MessageReceiptTable>;

export const messageStore = {
  async get(db: Executor, id: string): Promise<MessageRow | undefined> {
    return db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async insert(db: Executor, row: MessageRow): Promise<void> {
    await db.insertInto('messages').values(row).execute();
  },
  async byCase(db: Executor, caseId: string): Promise<MessageRow[]> {
    return db.selectFrom('messages').selectAll().where('case_id', '=', caseId).orderBy('received_at').limit(500).execute();
  },
  async receiptsOf(db: Executor, messageIds: readonly string[]): Promise<ReceiptRow[]> {
    if (messageIds.length === 0) return [];
    return db.selectFrom('message_receipts').selectAll().where('message_id', 'in', messageIds).execute();
  },
  async insertReceipt(db: Executor, row: ReceiptRow): Promise<boolean> {
    const existing = await db.selectFrom('message_receipts').select('at')
      .where('message_id', '=', row.message_id).where('recipient_org_id', '=', row.recipient_org_id).where('kind', '=', row.kind).executeTakeFirst();
    if (existing) return false;
    await db.insertInto('message_receipts').values(row).execute();
    return true;
  },
};

export const linkStore = {
  /** The sender's link row, locked against other hub processes until the transaction ends. */
  async lock(db: Executor, orgId: string, dialect: 'sqlite' | 'postgres'): Promise<{ last_seq: number; acked_cursor: number }> {
    await db.insertInto('node_links').values({ org_id: orgId, last_seq: 0, acked_cursor: 0 })
      .onConflict((oc) => oc.column('org_id').doNothing()).execute();
    let query = db.selectFrom('node_links').select(['last_seq', 'acked_cursor']).where('org_id', '=', orgId);
    if (dialect === 'postgres') query = query.forUpdate();
    return query.executeTakeFirstOrThrow();
  },
  async setLastSeq(db: Executor, orgId: string, seq: number): Promise<void> {
    await db.updateTable('node_links').set({ last_seq: seq }).where('org_id', '=', orgId).execute();
  },
  async ack(db: Executor, orgId: string, upTo: number): Promise<number> {
    await db.insertInto('node_links').values({ org_id: orgId, last_seq: 0, acked_cursor: 0 })
      .onConflict((oc) => oc.column('org_id').doNothing()).execute();
    await db.updateTable('node_links').set({ acked_cursor: upTo }).where('org_id', '=', orgId).where('acked_cursor', '<', upTo).execute();
    const deleted = await db.deleteFrom('message_queue').where('org_id', '=', orgId).where('cursor', '<=', upTo).executeTakeFirst();
    return Number(deleted.numDeletedRows);
  },
};

export const queueStore = {
  async push(db: Executor, rows: readonly Omit<QueueRow, 'cursor'>[]): Promise<void> {
    if (rows.length > 0) await db.insertInto('message_queue').values([...rows]).execute();
  },
  /** The next items for a node, with each message's envelope. */
  async after(db: Executor, orgId: string, after: number, limit: number): Promise<(QueueRow & { envelope: string | null })[]> {
    return db.selectFrom('message_queue as q')
      .leftJoin('messages as m', (join) => join.onRef('m.id', '=', 'q.message_id').on('q.kind', '=', 'message'))
      .select(['q.cursor', 'q.org_id', 'q.kind', 'q.message_id', 'q.receipt', 'q.created_at', 'm.envelope'])
      .where('q.org_id', '=', orgId).where('q.cursor', '>', after)
      .orderBy('q.cursor').limit(limit).execute();
  },
};
