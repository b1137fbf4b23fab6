import { nodePrincipal } from '../pki/node-principal.js';
import type { Clock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import { constantTimeEqual, sha256 } from '../crypto/secrets.js';
import { parseApiKey } from '../registry/api-keys/store.js';
import { apiKeyStore } from '../registry/api-keys/store.js';
import { activeOrganisation, databaseAccessOf, ncbIdOf } from '../registry/organisations/load.js';
import { organisationStore } from '../registry/organisations/store.js';
import type { Organisation } from '../registry/organisations/schema.js';
import { SESSION_TOKEN_PREFIX, sessionStore } from '../registry/sessions/store.js';
import { userStore } from '../registry/users/store.js';
import type { Database } from '../storage/database.js';
import { ROLES_BY_ORGANISATION, permissionsOfRoles, type Permission } from './permissions.js';
import type { Principal } from './principal.js';
import type { AuditLog } from '../audit/log.js';
import type { EventBus } from '../bus/bus.js';

/** Last-used times are written at most this often per session, key or organisation. */
const TOUCH_INTERVAL_MS = 60_000;
/** How long an authenticated principal is reused without asking the database again. */
const CACHE_MS = 2_000;
const CACHE_MAX = 50_000;

/**
 * Published after anything that changes who may do what: a session ended, a
 * person disabled or given other roles, a key revoked, an organisation
 * suspended, an agency's database access changed. Every hub process then
 * forgets the principals it had cached.
 */
export const AUTH_CHANGED_TOPIC = 'auth.changed';

/**
 * Turns a bearer token (a session token or an API key) into a Principal, or
 * throws a 401/403. A principal is cached for two seconds at most (a busy
 * border system sends thousands of requests a second with one key); any
 * change to credentials or rights empties the cache at once, through the bus.
 */
export class Authenticator {
  private readonly lastTouched = new Map<string, number>();
  private readonly cache = new Map<string, { principal: Principal; until: number; expiresAt: number }>();

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly sessionIdleMs: number,
    private readonly audit: AuditLog,
    bus: EventBus,
  ) {
    bus.subscribe(AUTH_CHANGED_TOPIC, () => this.cache.clear());
  }

  async authenticate(token: string): Promise<Principal> {
    const now = this.clock.now().getTime();
    const key = sha256(token).toString('base64');
    const cached = this.cache.get(key);
    if (cached && cached.until > now && cached.expiresAt > now) return cached.principal;
    this.cache.delete(key);
    let principal: Principal;
    let expiresAt = Number.POSITIVE_INFINITY;
    if (token.startsWith(SESSION_TOKEN_PREFIX)) ({ principal, expiresAt } = await this.fromSession(token));
    else if (token.startsWith('blk_')) ({ principal, expiresAt } = await this.fromApiKey(token));
    else throw new AppError('auth.required', 'the bearer token is neither a session token nor an API key');
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    this.cache.set(key, { principal, until: now + CACHE_MS, expiresAt });
    return principal;
  }

  /** A member node, already identified by its certificate (see hub/node-port), acting for its organisation. */
  async authenticateNode(serial: string, orgId: string, onBehalfOf: string | null): Promise<Principal> {
    const now = this.clock.now();
    const key = `node:${serial}`;
    const cached = this.cache.get(key);
    let principal = cached && cached.until > now.getTime() ? cached.principal : undefined;
    if (!principal) {
      const org = await this.activeOrganisation(orgId);
      principal = nodePrincipal(org, serial, await databaseAccessOf(this.database.db, org), null);
      if (this.cache.size >= CACHE_MAX) this.cache.clear();
      this.cache.set(key, { principal, until: now.getTime() + CACHE_MS, expiresAt: Number.POSITIVE_INFINITY });
      await this.markSeen(org, principal, now);
    }
    return onBehalfOf ? { ...principal, name: `${onBehalfOf} at the node` } : principal;
  }

  private async fromSession(token: string): Promise<{ principal: Principal; expiresAt: number }> {
    const db = this.database.db;
    const now = this.clock.now();
    const session = await sessionStore.byToken(db, token);
    if (!session || session.ended_at !== null) throw new AppError('auth.session_expired');
    const idleSince = new Date(session.last_seen_at).getTime();
    if (new Date(session.expires_at) <= now || idleSince + this.sessionIdleMs <= now.getTime()) {
      await sessionStore.end(db, session.id, now.toISOString());
      throw new AppError('auth.session_expired');
    }
    const user = await userStore.get(db, session.user_id);
    if (!user || user.status !== 'active') throw new AppError('auth.account_disabled');
    const org = await this.activeOrganisation(user.orgId);
    await this.touch(session.id, now, () => sessionStore.touch(db, session.id, now.toISOString()));
    const principal: Principal = {
      kind: 'user',
      id: user.id,
      name: user.username,
      orgId: org.id,
      orgKind: org.kind,
      country: org.country,
      ncbId: ncbIdOf(org),
      roles: user.roles,
      permissions: permissionsOfRoles(user.roles),
      databases: await databaseAccessOf(db, org),
      sessionId: session.id,
      mustChangePassword: user.mustChangePassword,
    };
    await this.markSeen(org, principal, now);
    return { principal, expiresAt: Math.min(new Date(session.expires_at).getTime(), idleSince + this.sessionIdleMs) };
  }

  private async fromApiKey(token: string): Promise<{ principal: Principal; expiresAt: number }> {
    const db = this.database.db;
    const now = this.clock.now();
    const parsed = parseApiKey(token);
    const row = parsed && (await apiKeyStore.row(db, parsed.id));
    if (!parsed || !row || !constantTimeEqual(sha256(parsed.secret), row.secret_hash)) throw new AppError('auth.api_key_invalid');
    if (row.revoked_at !== null) throw new AppError('auth.api_key_revoked');
    if (row.expires_at !== null && new Date(row.expires_at) <= now) throw new AppError('auth.api_key_expired');
    const org = await this.activeOrganisation(row.org_id);
    await this.touch(row.id, now, () => apiKeyStore.touch(db, row.id, now.toISOString()));
    // A key never holds more than its organisation's kind allows, whatever was stored.
    const grantable = permissionsOfRoles(ROLES_BY_ORGANISATION[org.kind]);
    const permissions = (JSON.parse(row.permissions) as Permission[]).filter((p) => grantable.has(p));
    const principal: Principal = { kind: 'api_key', id: row.id, name: row.name, orgId: org.id, orgKind: org.kind, country: org.country, ncbId: ncbIdOf(org), roles: [], permissions: new Set(permissions), databases: await databaseAccessOf(db, org) };
    await this.markSeen(org, principal, now);
    return { principal, expiresAt: row.expires_at === null ? Number.POSITIVE_INFINITY : new Date(row.expires_at).getTime() };
  }

  private async activeOrganisation(id: string): Promise<Organisation> {
    return activeOrganisation(this.database.db, id);
  }

  /**
   * Activity marks an organisation as seen (written at most once a minute);
   * a pending one becomes connected at once, in an entry naming who was active.
   */
  private async markSeen(org: Organisation, principal: Principal, now: Date): Promise<void> {
    await this.touch(org.id, now, () => organisationStore.touchLastSeen(this.database.db, org.id, now.toISOString()));
    if (org.status !== 'pending') return;
    await this.database.transaction(async (trx) => {
      await organisationStore.update(trx, org.id, { status: 'connected' }, now.toISOString());
      await this.audit.record(trx, principal, {
        action: 'organisation.connected', resourceType: 'organisation', resourceId: org.id, details: { from: 'pending' },
      });
    });
  }

  private async touch(key: string, now: Date, write: () => Promise<void>): Promise<void> {
    const last = this.lastTouched.get(key);
    if (last !== undefined && now.getTime() - last < TOUCH_INTERVAL_MS) return;
    this.lastTouched.set(key, now.getTime());
    if (this.lastTouched.size > 100_000) this.lastTouched.clear();
    await write();
  }
}
