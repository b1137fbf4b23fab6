import type { Receipt } from '../../messaging/receipt.js';
import type { NodeExecutor } from '../storage/open.js';
import type { ReceiptKind } from '../storage/schema.js';

export const receiptStore = {
  /** Queues a receipt this node signed; one per message and kind. */
  async queue(trx: NodeExecutor, receipt: Receipt, now: string): Promise<void> {
    await trx
      .insertInto('receipts_out')
      .values({ message_id: receipt.messageId, kind: receipt.kind, receipt: JSON.stringify(receipt), created_at: now, sent_at: null, attempts: 0, failure_code: null })
      .onConflict((c) => c.columns(['message_id', 'kind']).doNothing())
      .execute();
  },

  /** Queues receipts this node signed, in few statements; one per message and kind. */
  async queueMany(trx: NodeExecutor, receipts: readonly Receipt[], now: string): Promise<void> {
    for (let i = 0; i < receipts.length; i += 200) {
      const rows = receipts.slice(i, i + 200).map((r) => ({ message_id: r.messageId, kind: r.kind, receipt: JSON.stringify(r), created_at: now, sent_at: null, attempts: 0, failure_code: null }));
      await trx.insertInto('receipts_out').values(rows).onConflict((c) => c.columns(['message_id', 'kind']).doNothing()).execute();
    }
  },

  async unsent(db: NodeExecutor, limit: number): Promise<{ id: number; receipt: string }[]> {
    return db.selectFrom('receipts_out').select(['id', 'receipt']).where('sent_at', 'is', null).orderBy('id').limit(limit).execute();
  },

  async markSent(trx: NodeExecutor, ids: readonly number[], now: string, failureCode: string | null): Promise<void> {
    if (ids.length > 0) await trx.updateTable('receipts_out').set({ sent_at: now, failure_code: failureCode }).where('id', 'in', ids).execute();
  },

  async noteAttempt(db: NodeExecutor, ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await db.updateTable('receipts_out').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('id', 'in', ids).execute();
  },

  /** Records a recipient's receipt for a message this node sent; answers whether it was new. */
  async record(trx: NodeExecutor, receipt: Receipt, now: string): Promise<boolean> {
    const result = await trx
      .insertInto('receipts_in')
      .values({ message_id: receipt.messageId, recipient: receipt.recipient, kind: receipt.kind, at: receipt.at, by: receipt.by ?? null, signature: receipt.signature, received_at: now })
      .onConflict((c) => c.columns(['message_id', 'recipient', 'kind']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  },

  async ofMessages(db: NodeExecutor, ids: string[]): Promise<{ message_id: string; recipient: string; kind: ReceiptKind; at: string; by: string | null }[]> {
    if (ids.length === 0) return [];
    return db.selectFrom('receipts_in').select(['message_id', 'recipient', 'kind', 'at', 'by']).where('message_id', 'in', ids).execute();
  },
};
