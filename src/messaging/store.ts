import type { Selectable } from 'kysely';
import type { Executor } from '../storage/database.js';
import type { MessageQueueTable, MessageReceiptTable, MessageTable } from '../storage/schema.js';

export type MessageRow = Selectable<MessageTable>;
export type QueueRow = Selectable<MessageQueueTable>;
export type ReceiptRow = Selectable<MessageReceiptTable>;

/** Ids per lookup and rows per insert statement: well within both databases' limits on bound values. */
const IDS_PER_QUERY = 500;
const ROWS_PER_INSERT = 200;
const BYTES_PER_INSERT = 8 * 1024 * 1024;

/**
 * Ids for an `in (…)` list, padded to a power of two with copies of the last (harmless: `in`
 * is a set test), so the statement takes few shapes and its prepared form is reused
 * (storage/sqlite.ts keeps prepared statements by their text; batches of every size from 1 to
 * a few hundred otherwise make a new text, and a new preparation, at each size).
 */
export function idsForIn<T extends string | number>(ids: readonly T[]): T[] {
  if (ids.length <= 1) return [...ids];
  const size = 2 ** Math.ceil(Math.log2(ids.length));
  const padded = [...ids];
  const last = ids[ids.length - 1] as T;
  while (padded.length < size) padded.push(last);
  return padded;
}

export const messageStore = {
  async get(db: Executor, id: string): Promise<MessageRow | undefined> {
    return db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async insert(db: Executor, row: MessageRow): Promise<void> {
    await db.insertInto('messages').values(row).execute();
  },
  /** Messages in few statements, each a bounded number of rows and bytes (envelopes can be large). */
  async insertMany(db: Executor, rows: readonly MessageRow[]): Promise<void> {
    let start = 0;
    while (start < rows.length) {
      let end = start + 1;
      let bytes = (rows[start] as MessageRow).size;
      while (end < rows.length && end - start < ROWS_PER_INSERT && bytes + (rows[end] as MessageRow).size <= BYTES_PER_INSERT) bytes += (rows[end++] as MessageRow).size;
      await db.insertInto('messages').values(rows.slice(start, end)).execute();
      start = end;
    }
  },
  /** What routing needs of these messages (never their envelopes), by id. */
  async routingOf(db: Executor, ids: readonly string[]): Promise<Map<string, Pick<MessageRow, 'id' | 'sender_org_id' | 'digest' | 'recipients'>>> {
    const found = new Map<string, Pick<MessageRow, 'id' | 'sender_org_id' | 'digest' | 'recipients'>>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += IDS_PER_QUERY) {
      const rows = await db.selectFrom('messages').select(['id', 'sender_org_id', 'digest', 'recipients']).where('id', 'in', idsForIn(unique.slice(i, i + IDS_PER_QUERY))).execute();
      for (const r of rows) found.set(r.id, r);
    }
    return found;
  },
  /** The receipts an organisation already gave on these messages, as `message id \n kind`. */
  async receiptKeysOf(db: Executor, recipientOrgId: string, messageIds: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    const unique = [...new Set(messageIds)];
    for (let i = 0; i < unique.length; i += IDS_PER_QUERY) {
      const rows = await db.selectFrom('message_receipts').select(['message_id', 'kind'])
        .where('recipient_org_id', '=', recipientOrgId).where('message_id', 'in', idsForIn(unique.slice(i, i + IDS_PER_QUERY))).execute();
      for (const r of rows) found.add(`${r.message_id}\n${r.kind}`);
    }
    return found;
  },
  /** Receipts known to be new (see receiptKeysOf), in few statements. */
  async insertReceipts(db: Executor, rows: readonly ReceiptRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await db.insertInto('message_receipts').values(rows.slice(i, i + ROWS_PER_INSERT)).execute();
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
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await db.insertInto('message_queue').values(rows.slice(i, i + ROWS_PER_INSERT)).execute();
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
