import type { Permission } from '../../access/permissions.js';
import { base32 } from '../../core/ids.js';
import { randomSecret, sha256 } from '../../crypto/secrets.js';
import { randomBytes } from 'node:crypto';
import type { Executor } from '../../storage/database.js';
import type { ApiKeyRow } from '../../storage/schema.js';
import type { ApiKey } from './schema.js';

/**
 * An API key reads `blk_<26 base32 id>_<secret>`: the id finds the row, the
 * secret is compared with its stored SHA-256 (the secret has 256 bits of
 * entropy, so a slow hash would add nothing).
 */
export const API_KEY_PREFIX = 'blk_';
const ID_LENGTH = 26;

export function parseApiKey(token: string): { id: string; secret: string } | undefined {
  if (!token.startsWith(API_KEY_PREFIX)) return undefined;
  const body = token.slice(API_KEY_PREFIX.length);
  if (body.length < ID_LENGTH + 2 || body[ID_LENGTH] !== '_') return undefined;
  const id = body.slice(0, ID_LENGTH);
  if (!/^[a-z2-7]+$/.test(id)) return undefined;
  return { id: `key_${id}`, secret: body.slice(ID_LENGTH + 1) };
}

export function presentApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    permissions: JSON.parse(row.permissions) as Permission[],
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

export const apiKeyStore = {
  async create(
    db: Executor,
    input: { orgId: string; name: string; permissions: readonly Permission[]; createdBy: string; expiresAt: string | null },
    now: string,
  ): Promise<{ apiKey: ApiKey; secret: string }> {
    const idPart = base32(randomBytes(16));
    const secret = randomSecret(32);
    const row: ApiKeyRow = {
      id: `key_${idPart}`,
      org_id: input.orgId,
      name: input.name,
      secret_hash: sha256(secret),
      permissions: JSON.stringify(input.permissions),
      created_by: input.createdBy,
      created_at: now,
      expires_at: input.expiresAt,
      revoked_at: null,
      revoked_by: null,
      last_used_at: null,
    };
    await db.insertInto('api_keys').values(row).execute();
    return { apiKey: presentApiKey(row), secret: `${API_KEY_PREFIX}${idPart}_${secret}` };
  },

  async row(db: Executor, id: string): Promise<ApiKeyRow | undefined> {
    return db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async listByOrganisation(db: Executor, orgId: string, limit: number, after?: string): Promise<ApiKey[]> {
    let q = db.selectFrom('api_keys').selectAll().where('org_id', '=', orgId);
    if (after) q = q.where('id', '>', after);
    const rows = await q.orderBy('id').limit(limit).execute();
    return rows.map(presentApiKey);
  },

  async revoke(db: Executor, id: string, by: string, now: string): Promise<void> {
    await db.updateTable('api_keys').set({ revoked_at: now, revoked_by: by }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  },

  async touch(db: Executor, id: string, now: string): Promise<void> {
    await db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', id).execute();
  },
};
