import type { Receipt } from '../../messaging/receipt.js';
import { idsForIn } from '../../messaging/store.js';
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
    if (ids.length > 0) await trx.updateTable('receipts_out').set({ sent_at: now, failure_code: failureCode }).where('id', 'in', idsForIn(ids)).execute();
  },

  async noteAttempt(db: NodeExecutor, ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    await db.updateTable('receipts_out').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('id', 'in', idsForIn(ids)).execute();
  },

  keyOf: (r: Pick<Receipt, 'messageId' | 'recipient' | 'kind'>): string => `${r.messageId}\n${r.recipient}\n${r.kind}`,

  /** Records recipients' receipts for messages this node sent, in few statements; answers the keys (keyOf) of those that were new. */
  async recordNew(trx: NodeExecutor, receipts: readonly Receipt[], now: string): Promise<Set<string>> {
    const recorded = new Set<string>();
    for (let i = 0; i < receipts.length; i += 200) {
      const rows = receipts.slice(i, i + 200).map((r) => ({ message_id: r.messageId, recipient: r.recipient, kind: r.kind, at: r.at, by: r.by ?? null, signature: r.signature, received_at: now }));
      const inserted = await trx.insertInto('receipts_in').values(rows).onConflict((c) => c.columns(['message_id', 'recipient', 'kind']).doNothing())
        .returning(['message_id', 'recipient', 'kind']).execute();
      for (const r of inserted) recorded.add(receiptStore.keyOf({ messageId: r.message_id, recipient: r.recipient, kind: r.kind }));
    }
    return recorded;
  },

  async ofMessages(db: NodeExecutor, ids: string[]): Promise<{ message_id: string; recipient: string; kind: ReceiptKind; at: string; by: string | null }[]> {
    if (ids.length === 0) return [];
    return db.selectFrom('receipts_in').select(['message_id', 'recipient', 'kind', 'at', 'by']).where('message_id', 'in', ids).execute();
  },
};
