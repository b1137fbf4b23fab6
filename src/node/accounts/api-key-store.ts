import { randomBytes } from 'node:crypto';
import { base32 } from '../../core/ids.js';
import { randomSecret, sha256 } from '../../crypto/secrets.js';
import type { NodeExecutor } from '../storage/open.js';
import type { NodeApiKeyRow } from '../storage/schema.js';
import type { NodePermission } from './permissions.js';

/** A node API key reads `bnk_<26 base32 id>_<secret>` (the hub's read `blk_…`); only its SHA-256 is kept. */
export const NODE_API_KEY_PREFIX = 'bnk_';
const ID_LENGTH = 26;

export interface NodeApiKey {
  id: string;
  name: string;
  permissions: NodePermission[];
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export function parseNodeApiKey(token: string): { id: string; secret: string } | undefined {
  if (!token.startsWith(NODE_API_KEY_PREFIX)) return undefined;
  const body = token.slice(NODE_API_KEY_PREFIX.length);
  if (body.length < ID_LENGTH + 2 || body[ID_LENGTH] !== '_') return undefined;
  const id = body.slice(0, ID_LENGTH);
  if (!/^[a-z2-7]+$/.test(id)) return undefined;
  return { id: `key_${id}`, secret: body.slice(ID_LENGTH + 1) };
}

export function presentApiKey(r: NodeApiKeyRow): NodeApiKey {
  return {
    id: r.id,
    name: r.name,
    permissions: JSON.parse(r.permissions) as NodePermission[],
    createdBy: r.created_by,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    lastUsedAt: r.last_used_at,
  };
}

export const apiKeyStore = {
  async create(db: NodeExecutor, input: { name: string; permissions: readonly NodePermission[]; createdBy: string; expiresAt: string | null }, now: string): Promise<{ apiKey: NodeApiKey; secret: string }> {
    const idPart = base32(randomBytes(16));
    const secret = randomSecret(32);
    const row: NodeApiKeyRow = {
      id: `key_${idPart}`,
      name: input.name,
      secret_hash: sha256(secret),
      permissions: JSON.stringify(input.permissions),
      created_by: input.createdBy,
      created_at: now,
      expires_at: input.expiresAt,
      revoked_at: null,
      last_used_at: null,
    };
    await db.insertInto('api_keys').values(row).execute();
    return { apiKey: presentApiKey(row), secret: `${NODE_API_KEY_PREFIX}${idPart}_${secret}` };
  },

  async row(db: NodeExecutor, id: string): Promise<NodeApiKeyRow | undefined> {
    return db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async list(db: NodeExecutor): Promise<NodeApiKey[]> {
    return (await db.selectFrom('api_keys').selectAll().orderBy('id').execute()).map(presentApiKey);
  },

  async revoke(db: NodeExecutor, id: string, now: string): Promise<boolean> {
    const result = await db.updateTable('api_keys').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },

  async touch(db: NodeExecutor, id: string, now: string): Promise<void> {
    await db.updateTable('api_keys').set({ last_used_at: now }).where('id', '=', id).execute();
  },
};
