import { idsForIn } from '../../messaging/store.js';
import type { NodeExecutor } from '../storage/open.js';
import type { OutboxRow, OutboxState, OutboxTable } from '../storage/schema.js';

/** Ids per statement. */
const IDS_PER_QUERY = 500;
const ROWS_PER_INSERT = 100;
const BYTES_PER_INSERT = 8 * 1024 * 1024;

export const outboxStore = {
  /** Rows in few statements: at most ROWS_PER_INSERT each, and about 8 MiB of envelopes. */
  async insertMany(trx: NodeExecutor, rows: readonly OutboxTable[]): Promise<void> {
    let start = 0;
    while (start < rows.length) {
      let end = start + 1;
      let bytes = (rows[start] as OutboxTable).size;
      while (end < rows.length && end - start < ROWS_PER_INSERT && bytes + (rows[end] as OutboxTable).size <= BYTES_PER_INSERT) bytes += (rows[end++] as OutboxTable).size;
      await trx.insertInto('outbox').values(rows.slice(start, end)).execute();
      start = end;
    }
  },

  async get(db: NodeExecutor, id: string): Promise<OutboxRow | undefined> {
    return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** The recipients of each of these messages this node sent (sealed for them), by id. */
  async recipientsOf(db: NodeExecutor, ids: readonly string[]): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += IDS_PER_QUERY) {
      const rows = await db.selectFrom('outbox').select(['id', 'recipients']).where('id', 'in', idsForIn(unique.slice(i, i + IDS_PER_QUERY))).where('recipients', 'is not', null).execute();
      for (const r of rows) found.set(r.id, JSON.parse(r.recipients as string) as string[]);
    }
    return found;
  },

  /** The next envelopes to send, in sequence order, at most `limit` and about `maxBytes` (at least one). */
  async nextBatch(db: NodeExecutor, limit: number, maxBytes: number): Promise<{ id: string; seq: number; envelope: string }[]> {
    const rows = await db
      .selectFrom('outbox')
      .select(['id', 'seq', 'envelope', 'size'])
      .where('state', '=', 'queued')
      .orderBy('seq')
      .limit(limit)
      .execute();
    const batch: { id: string; seq: number; envelope: string }[] = [];
    let bytes = 0;
    for (const r of rows) {
      if (batch.length > 0 && bytes + r.size > maxBytes) break;
      bytes += r.size;
      batch.push({ id: r.id, seq: r.seq as number, envelope: r.envelope as string });
    }
    return batch;
  },

  async awaitingRecipients(db: NodeExecutor, limit: number): Promise<OutboxRow[]> {
    return db.selectFrom('outbox').selectAll().where('state', '=', 'awaiting_recipients').orderBy('created_at').orderBy('id').limit(limit).execute();
  },

  async countAwaiting(db: NodeExecutor): Promise<number> {
    const row = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('state', '=', 'awaiting_recipients').executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async sealed(trx: NodeExecutor, id: string, fields: { seq: number; envelope: string; recipients: string[]; size: number }): Promise<void> {
    await trx
      .updateTable('outbox')
      .set({ state: 'queued', seq: fields.seq, envelope: fields.envelope, recipients: JSON.stringify(fields.recipients), size: fields.size })
      .where('id', '=', id)
      .where('state', '=', 'awaiting_recipients')
      .execute();
  },

  async markSent(trx: NodeExecutor, ids: readonly string[], now: string): Promise<void> {
    for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
      await trx.updateTable('outbox').set({ state: 'sent', sent_at: now, next_attempt_at: null, last_error: null }).where('id', 'in', idsForIn(ids.slice(i, i + IDS_PER_QUERY))).execute();
    }
  },

  /**
   * A recipient's signed receipt proves the hub had the message: one still
   * queued here (its send was answered after the receipt came, or the answer
   * was lost) is sent, and does not go again.
   */
  async markSentByReceipt(trx: NodeExecutor, ids: readonly string[], now: string): Promise<void> {
    for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
      await trx.updateTable('outbox').set({ state: 'sent', sent_at: now, next_attempt_at: null, last_error: null })
        .where('id', 'in', idsForIn(ids.slice(i, i + IDS_PER_QUERY))).where('state', '=', 'queued').execute();
    }
  },

  async markFailed(trx: NodeExecutor, id: string, code: string, detail: string): Promise<void> {
    await trx.updateTable('outbox').set({ state: 'failed', failure_code: code, last_error: detail, next_attempt_at: null }).where('id', '=', id).execute();
  },

  async noteAttempt(db: NodeExecutor, ids: string[], error: string, nextAttemptAt: string): Promise<void> {
    if (ids.length === 0) return;
    await db
      .updateTable('outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error, next_attempt_at: nextAttemptAt }))
      .where('id', 'in', ids)
      .execute();
  },

  async countsByState(db: NodeExecutor): Promise<Record<OutboxState, number>> {
    const rows = await db.selectFrom('outbox').select(['state', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('state').execute();
    const counts: Record<OutboxState, number> = { awaiting_recipients: 0, queued: 0, sent: 0, failed: 0 };
    for (const r of rows) counts[r.state] = Number(r.n);
    return counts;
  },

  async list(db: NodeExecutor, options: { limit: number; before?: string | undefined; state?: OutboxState | undefined }): Promise<OutboxRow[]> {
    let q = db.selectFrom('outbox').selectAll();
    if (options.before) q = q.where('id', '<', options.before);
    if (options.state) q = q.where('state', '=', options.state);
    return q.orderBy('id', 'desc').limit(options.limit).execute();
  },
};
