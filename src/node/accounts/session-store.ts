import { newId } from '../../core/ids.js';
import { randomSecret, sha256 } from '../../crypto/secrets.js';
import type { NodeExecutor } from '../storage/open.js';

/** Node session tokens read `bns_…`: unlike the hub's `bls_…`, so one is never taken for the other. */
export const NODE_SESSION_PREFIX = 'bns_';

export const sessionStore = {
  async create(db: NodeExecutor, userId: string, now: Date, ttlMs: number): Promise<{ id: string; token: string; expiresAt: string }> {
    const token = NODE_SESSION_PREFIX + randomSecret(32);
    const id = newId('ses');
    const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
    await db
      .insertInto('sessions')
      .values({ id, token_hash: sha256(token), user_id: userId, created_at: now.toISOString(), expires_at: expiresAt, last_seen_at: now.toISOString(), ended_at: null })
      .execute();
    return { id, token, expiresAt };
  },

  async byToken(db: NodeExecutor, token: string) {
    return db.selectFrom('sessions').selectAll().where('token_hash', '=', sha256(token)).executeTakeFirst();
  },

  async touch(db: NodeExecutor, id: string, now: string): Promise<void> {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  },

  async end(db: NodeExecutor, id: string, now: string): Promise<void> {
    await db.updateTable('sessions').set({ ended_at: now }).where('id', '=', id).where('ended_at', 'is', null).execute();
  },

  async endAllOfUser(db: NodeExecutor, userId: string, now: string, exceptSessionId?: string): Promise<void> {
    let q = db.updateTable('sessions').set({ ended_at: now }).where('user_id', '=', userId).where('ended_at', 'is', null);
    if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
    await q.execute();
  },
};
