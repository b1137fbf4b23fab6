import type { Clock } from '../../core/clock.js';
import { constantTimeEqual, sha256 } from '../../crypto/secrets.js';
import { NodeError } from '../errors.js';
import type { NodeDatabase } from '../storage/open.js';
import { apiKeyStore, NODE_API_KEY_PREFIX, parseNodeApiKey } from './api-key-store.js';
import { API_KEY_PERMISSIONS, permissionsOfRoles, type NodePermission, type NodeRole } from './permissions.js';
import type { NodePrincipal } from './principal.js';
import { NODE_SESSION_PREFIX, sessionStore } from './session-store.js';
import { userStore } from './user-store.js';

const TOUCH_INTERVAL_MS = 60_000;

/**
 * Turns a bearer token into the node's principal. Tokens are the node's own
 * (sessions `bns_…`, keys `bnk_…`): a token of another node, or of the hub,
 * means nothing here.
 */
export class NodeAuthenticator {
  private readonly lastTouched = new Map<string, number>();

  constructor(
    private readonly database: NodeDatabase,
    private readonly clock: Clock,
    private readonly sessionIdleMs: number,
  ) {}

  async authenticate(token: string): Promise<NodePrincipal> {
    if (token.startsWith(NODE_SESSION_PREFIX)) return this.fromSession(token);
    if (token.startsWith(NODE_API_KEY_PREFIX)) return this.fromApiKey(token);
    throw new NodeError('auth.required', 'the bearer token is neither a session of this node nor one of its API keys');
  }

  private async fromSession(token: string): Promise<NodePrincipal> {
    const db = this.database.db;
    const now = this.clock.now();
    const session = await sessionStore.byToken(db, token);
    if (!session || session.ended_at !== null) throw new NodeError('auth.session_expired');
    if (new Date(session.expires_at) <= now || new Date(session.last_seen_at).getTime() + this.sessionIdleMs <= now.getTime()) {
      await sessionStore.end(db, session.id, now.toISOString());
      throw new NodeError('auth.session_expired');
    }
    const user = await userStore.get(db, session.user_id);
    if (!user || user.status !== 'active') throw new NodeError('auth.account_disabled');
    await this.touch(session.id, now, () => sessionStore.touch(db, session.id, now.toISOString()));
    return {
      kind: 'user',
      id: user.id,
      name: user.username,
      roles: user.roles,
      permissions: permissionsOfRoles(user.roles),
      sessionId: session.id,
      mustChangePassword: user.mustChangePassword,
    };
  }

  private async fromApiKey(token: string): Promise<NodePrincipal> {
    const db = this.database.db;
    const now = this.clock.now();
    const parsed = parseNodeApiKey(token);
    const row = parsed && (await apiKeyStore.row(db, parsed.id));
    if (!parsed || !row || !constantTimeEqual(sha256(parsed.secret), row.secret_hash)) throw new NodeError('auth.api_key_invalid');
    if (row.revoked_at !== null) throw new NodeError('auth.api_key_revoked');
    if (row.expires_at !== null && new Date(row.expires_at) <= now) throw new NodeError('auth.api_key_expired');
    await this.touch(row.id, now, () => apiKeyStore.touch(db, row.id, now.toISOString()));
    // A key never manages the node's accounts, whatever was stored.
    const permissions = (JSON.parse(row.permissions) as NodePermission[]).filter((p) => API_KEY_PERMISSIONS.includes(p));
    return { kind: 'api_key', id: row.id, name: row.name, roles: [] as NodeRole[], permissions: new Set(permissions) };
  }

  private async touch(key: string, now: Date, write: () => Promise<void>): Promise<void> {
    const last = this.lastTouched.get(key);
    if (last !== undefined && now.getTime() - last < TOUCH_INTERVAL_MS) return;
    this.lastTouched.set(key, now.getTime());
    if (this.lastTouched.size > 100_000) this.lastTouched.clear();
    await write();
  }
}
