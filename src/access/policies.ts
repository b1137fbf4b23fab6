import { AppError } from '../core/errors.js';
import type { Organisation } from '../registry/organisations/schema.js';
import { ROLES_BY_ORGANISATION, permissionsOfRoles, type Permission, type Role } from './permissions.js';
import { isHubStaff, type Principal } from './principal.js';

/**
 * Authorisation, in one place: one policy per resource. Every route calls the
 * policy for what it is about to do; a policy either returns or throws.
 * Reach: hub staff reach every organisation; an NCB reaches itself and the
 * agencies under it; anyone else reaches only their own organisation.
 */

function need(p: Principal, permission: Permission): void {
  if (p.permissions.has(permission)) return;
  throw p.kind === 'api_key'
    ? new AppError('access.scope_exceeded', `this API key is not scoped for ${permission}`)
    : new AppError('access.forbidden', `this action requires the ${permission} permission`);
}

function forbid(detail: string): never {
  throw new AppError('access.forbidden', detail);
}

export function reaches(p: Principal, org: Pick<Organisation, 'id' | 'kind' | 'parentId'>): boolean {
  if (isHubStaff(p) || org.id === p.orgId) return true;
  return p.orgKind === 'ncb' && org.kind === 'agency' && org.parentId === p.orgId;
}

function needReach(p: Principal, org: Organisation): void {
  if (!reaches(p, org)) forbid('this organisation is outside your reach');
}

/** What a principal may see of lists: everything, or one organisation and (for an NCB) its agencies. */
export type Visibility = { all: true } | { all: false; orgId: string; includeAgencies: boolean };

export function visibility(p: Principal): Visibility {
  if (isHubStaff(p)) return { all: true };
  return { all: false, orgId: p.orgId, includeAgencies: p.orgKind === 'ncb' };
}

export const organisationPolicy = {
  list(p: Principal): Visibility {
    need(p, 'organisations:read');
    return visibility(p);
  },
  read(p: Principal, org: Organisation): void {
    need(p, 'organisations:read');
    needReach(p, org);
  },
  create(p: Principal, input: { kind: Organisation['kind']; parentId: string | null }): void {
    need(p, 'organisations:write');
    if (input.kind === 'hub') forbid('there is only one hub');
    if (isHubStaff(p)) return;
    if (p.orgKind === 'ncb' && input.kind === 'agency' && input.parentId === p.orgId) return;
    forbid('an NCB may only create agencies under itself; other organisations are created by the hub');
  },
  update(p: Principal, org: Organisation, change: { status?: Organisation['status'] | undefined; hubOrgId: string }): void {
    need(p, 'organisations:write');
    if (org.kind === 'hub') forbid('the hub organisation cannot be changed through the API');
    if (org.id === p.orgId && !isHubStaff(p)) forbid('an organisation cannot change its own status');
    needReach(p, org);
    const lifting = org.status === 'suspended' && change.status !== undefined && change.status !== 'suspended';
    if (lifting && org.suspendedBy === change.hubOrgId && !isHubStaff(p)) forbid('the hub suspended this organisation; only the hub reinstates it');
  },
  setDatabaseAccess(p: Principal, org: Organisation): void {
    need(p, 'database_access:write');
    if (org.kind !== 'agency') forbid('database access is decided for agencies; NCBs and the hub have all databases');
    if (org.id === p.orgId) forbid('an agency\'s database access is decided by its NCB or the hub, not by the agency');
    needReach(p, org);
  },
};

export const userPolicy = {
  read(p: Principal, org: Organisation): void {
    need(p, 'users:read');
    needReach(p, org);
  },
  write(p: Principal, org: Organisation): void {
    need(p, 'users:write');
    needReach(p, org);
  },
  /** Changing an existing person (name, roles, status, password): only a hub administrator changes a hub administrator. */
  change(p: Principal, org: Organisation, target: { roles: readonly Role[] }): void {
    userPolicy.write(p, org);
    if (target.roles.includes('hub-admin') && !p.roles.includes('hub-admin')) forbid('only a hub administrator changes a hub administrator');
  },
  grantRoles(p: Principal, org: Organisation, roles: readonly Role[]): void {
    const allowed = ROLES_BY_ORGANISATION[org.kind];
    const misplaced = roles.filter((r) => !allowed.includes(r));
    if (misplaced.length > 0) {
      throw new AppError('user.invalid_role', `a ${org.kind} organisation cannot hold the role(s): ${misplaced.join(', ')}`);
    }
    if (roles.includes('hub-admin') && !p.roles.includes('hub-admin')) forbid('only a hub administrator grants hub-admin');
  },
  changeSelf(p: Principal, userId: string): void {
    if (p.kind === 'user' && p.id === userId) forbid('you cannot change your own roles or status; ask another administrator');
  },
};

export const apiKeyPolicy = {
  read(p: Principal, org: Organisation): void {
    need(p, 'api_keys:read');
    needReach(p, org);
  },
  create(p: Principal, org: Organisation, permissions: readonly Permission[]): void {
    need(p, 'api_keys:write');
    needReach(p, org);
    const beyondCreator = permissions.filter((x) => !p.permissions.has(x));
    if (beyondCreator.length > 0) {
      throw new AppError('api_key.invalid_scope', `you cannot grant permissions you do not hold: ${beyondCreator.join(', ')}`);
    }
    const grantable = permissionsOfRoles(ROLES_BY_ORGANISATION[org.kind]);
    const beyondOrg = permissions.filter((x) => !grantable.has(x));
    if (beyondOrg.length > 0) {
      throw new AppError('api_key.invalid_scope', `a ${org.kind} organisation cannot hold: ${beyondOrg.join(', ')}`);
    }
  },
  revoke(p: Principal, org: Organisation): void {
    need(p, 'api_keys:write');
    needReach(p, org);
  },
};

/** Audit entries: hub staff see all; a member country's auditors see what its own people did. */
export type AuditVisibility = { all: true } | { all: false; country: string | null; orgId: string };

export const auditPolicy = {
  readEntries(p: Principal): AuditVisibility {
    need(p, 'audit:read');
    return isHubStaff(p) ? { all: true } : { all: false, country: p.country, orgId: p.orgId };
  },
  readProofs(p: Principal): void {
    need(p, 'audit:read');
  },
  signCheckpoint(p: Principal): void {
    need(p, 'audit:checkpoint');
  },
};
