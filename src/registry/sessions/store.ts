import { newId } from '../../core/ids.js';
import { randomSecret, sha256 } from '../../crypto/secrets.js';
import type { Executor } from '../../storage/database.js';
import type { SessionRow } from '../../storage/schema.js';

export const SESSION_TOKEN_PREFIX = 'bls_';

export interface NewSession {
  id: string;
  token: string;
  expiresAt: string;
}

export const sessionStore = {
  async create(db: Executor, userId: string, now: Date, ttlMs: number, clientIp: string | null): Promise<NewSession> {
    const token = SESSION_TOKEN_PREFIX + randomSecret(32);
    const id = newId('ses');
    const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
    await db
      .insertInto('sessions')
      .values({
        id,
        token_hash: sha256(token),
        user_id: userId,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        last_seen_at: now.toISOString(),
        ended_at: null,
        client_ip: clientIp,
      })
      .execute();
    return { id, token, expiresAt };
  },

  async byToken(db: Executor, token: string): Promise<SessionRow | undefined> {
    return db.selectFrom('sessions').selectAll().where('token_hash', '=', sha256(token)).executeTakeFirst();
  },

  async touch(db: Executor, id: string, now: string): Promise<void> {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
  },

  async end(db: Executor, id: string, now: string): Promise<void> {
    await db.updateTable('sessions').set({ ended_at: now }).where('id', '=', id).where('ended_at', 'is', null).execute();
  },

  /** Ends every open session of a user: on disabling, password change or reset. */
  async endAllOfUser(db: Executor, userId: string, now: string, exceptSessionId?: string): Promise<void> {
    let q = db.updateTable('sessions').set({ ended_at: now }).where('user_id', '=', userId).where('ended_at', 'is', null);
    if (exceptSessionId) q = q.where('id', '!=', exceptSessionId);
    await q.execute();
  },
};
