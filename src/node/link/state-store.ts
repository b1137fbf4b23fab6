import type { NodeExecutor } from '../storage/open.js';

/** The node's side of the link: the last sequence number it gave and how far it has read its hub inbox. */
export const linkStateStore = {
  async get(db: NodeExecutor): Promise<{ lastSeq: number; inboxCursor: number }> {
    const row = await db.selectFrom('link_state').select(['last_seq', 'inbox_cursor']).where('id', '=', 1).executeTakeFirstOrThrow();
    return { lastSeq: row.last_seq, inboxCursor: row.inbox_cursor === null ? 0 : (JSON.parse(row.inbox_cursor) as number) };
  },

  /** The next sequence number, taken inside the caller's transaction (so a rolled-back compose gives it back). */
  async takeSeq(trx: NodeExecutor, now: string): Promise<number> {
    const { last_seq } = await trx.selectFrom('link_state').select('last_seq').where('id', '=', 1).executeTakeFirstOrThrow();
    const seq = last_seq + 1;
    await trx.updateTable('link_state').set({ last_seq: seq, updated_at: now }).where('id', '=', 1).execute();
    return seq;
  },

  /** Records the last sequence number given, inside the transaction that gave the numbers above the one read. */
  async setLastSeq(trx: NodeExecutor, seq: number, now: string): Promise<void> {
    await trx.updateTable('link_state').set({ last_seq: seq, updated_at: now }).where('id', '=', 1).execute();
  },

  /** Moves the inbox cursor forward (never back). */
  async setInboxCursor(trx: NodeExecutor, cursor: number, now: string): Promise<void> {
    const { inboxCursor } = await linkStateStore.get(trx);
    if (!Number.isSafeInteger(cursor) || cursor <= inboxCursor) return;
    await trx.updateTable('link_state').set({ inbox_cursor: JSON.stringify(cursor), updated_at: now }).where('id', '=', 1).execute();
  },
};
