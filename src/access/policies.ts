import { AppError } from '../core/errors.js';
import type { Organisation } from '../registry/organisations/schema.js';
import { ROLES_BY_ORGANISATION, permissionsOfRoles, type DatabaseName, type Permission, type Role } from './permissions.js';
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

/** The network's addresses (names, kinds, countries of organisations a message can reach): every member may read them. */
export const directoryPolicy = {
  list(p: Principal): void {
    need(p, 'organisations:read');
  },
};

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

export const statsPolicy = {
  /** Answers the country filter to apply: hub staff see any; a member sees its own country. */
  read(p: Principal, country: string | undefined): string | undefined {
    need(p, 'stats:read');
    if (isHubStaff(p)) return country;
    const own = p.country ?? `partner:${p.orgId}`;
    if (country !== undefined && country !== own) forbid('a member sees the statistics of its own country; the hub sees all');
    return own;
  },
};

/** A follow-up case is between two NCBs, worked by their own people; hub staff see all of them. */
export const casePolicy = {
  list(p: Principal): { all: true } | { all: false; ncbId: string } {
    need(p, 'cases:read');
    if (isHubStaff(p)) return { all: true };
    if (!p.ncbId || p.ncbId !== p.orgId) forbid('follow-up cases are worked by the NCBs themselves');
    return { all: false, ncbId: p.ncbId };
  },
  read(p: Principal, c: { ownerNcbId: string; searcherNcbId: string }): void {
    need(p, 'cases:read');
    if (isHubStaff(p)) return;
    if (!p.ncbId || p.ncbId !== p.orgId || (c.ownerNcbId !== p.ncbId && c.searcherNcbId !== p.ncbId)) forbid('this case is between other NCBs');
  },
  update(p: Principal, c: { ownerNcbId: string; searcherNcbId: string }): void {
    need(p, 'cases:write');
    if (isHubStaff(p)) return;
    if (!p.ncbId || p.ncbId !== p.orgId || (c.ownerNcbId !== p.ncbId && c.searcherNcbId !== p.ncbId)) forbid('only the two NCBs of a case (and the hub) move it on');
  },
};

/** A hit is seen by the hub, the owner's NCB, and — unless it was concealed — the searcher's NCB. */
export const hitPolicy = {
  read(p: Principal, hit: { ownerOrgId: string; ownerNcbId: string | null; searcherOrgId: string; searcherNcbId: string | null; concealed: boolean }): void {
    need(p, 'cases:read');
    if (isHubStaff(p)) return;
    const owners = [hit.ownerOrgId, hit.ownerNcbId];
    const searchers = hit.concealed ? [] : [hit.searcherOrgId, hit.searcherNcbId];
    if (![...owners, ...searchers].includes(p.orgId)) forbid('this hit concerns other organisations');
  },
};

/** The data owner rules: only the owning country, with write access to the database, changes its records. */
export const recordPolicy = {
  search(p: Principal, database: DatabaseName): void {
    need(p, `${database}:search`);
    if (!p.databases.has(database)) forbid(`your organisation has not been given access to the ${database} database; ask your NCB`);
  },
  create(p: Principal, database: DatabaseName): void {
    need(p, `${database}:write`);
    if (p.databases.get(database) !== 'write') forbid(`your organisation may not keep records in the ${database} database; ask your NCB`);
    if (!p.country) forbid('records are owned by a member country; the hub and partners do not own records');
  },
  change(p: Principal, database: DatabaseName, record: { ownerCountry: string }): void {
    this.create(p, database);
    if (record.ownerCountry !== p.country) forbid(`only ${record.ownerCountry} changes its own records`);
  },
  read(p: Principal, database: DatabaseName, record: { ownerCountry: string }): void {
    need(p, `${database}:search`);
    if (isHubStaff(p)) return;
    if (record.ownerCountry !== p.country) forbid('a record is read in full by its owner and the hub; others see what a hit shows');
  },
  /** Which owner country's records a principal may list: its own (hub staff: any). */
  list(p: Principal, database: DatabaseName, country: string | undefined): string | undefined {
    need(p, `${database}:search`);
    if (isHubStaff(p)) return country;
    if (!p.country || (country !== undefined && country !== p.country)) forbid('you list your own country\'s records');
    return p.country;
  },
};

/** The network's own routes: only a member node, through its certificate, sends and fetches messages. */
export const nodePolicy = {
  node(p: Principal): void {
    if (p.kind !== 'node') throw new AppError('node.only', 'this route answers member nodes on the hub\'s node port');
  },
  /** A follow-up case's messages go between its two NCBs only. */
  caseMessage(p: Principal, c: { ownerNcbId: string; searcherNcbId: string }, recipients: readonly string[]): string | null {
    const parties = [c.ownerNcbId, c.searcherNcbId];
    if (!parties.includes(p.orgId)) return 'only the two NCBs of a follow-up case send messages on it';
    if (recipients.some((r) => !parties.includes(r))) return 'a follow-up case\'s messages go only to the other NCB of the case';
    return null;
  },
};

/** Enrolment tokens, node certificates and operational projects are the hub's to manage. */
export const networkPolicy = {
  manage(p: Principal): void {
    need(p, 'organisations:write');
    if (!isHubStaff(p)) forbid('the hub enrols member nodes and manages the network\'s certificates and projects');
  },
  read(p: Principal): void {
    need(p, 'organisations:read');
    if (!isHubStaff(p)) forbid('the network\'s certificates and projects are managed by the hub');
  },
};

/** A person record as the policies judge it: its owner and its own restriction. */
export interface PersonAccess {
  ownerCountry: string;
  visibility: 'all' | 'countries' | 'hub';
  visibleTo: readonly string[];
}

/** How a person is circulated now: a notice in force (published to all members), and the countries of diffusions in force. */
export interface PersonCirculation {
  notice: boolean;
  diffusedTo: readonly string[];
}

/**
 * What a screening may show a principal of a person: `visible` (a candidate),
 * `concealed` (the searcher is told nothing, the owner and the hub are told
 * of the hit) or `none` (the record is the owner's alone: not circulated).
 */
export type PersonReach = 'visible' | 'concealed' | 'none';

function restrictionAllows(p: Principal, record: PersonAccess): boolean {
  if (record.visibility === 'all') return true;
  return record.visibility === 'countries' && p.country !== null && record.visibleTo.includes(p.country);
}

/**
 * Persons: the owner country and the hub see every record of theirs; any
 * other member sees a person only through a published notice, or a diffusion
 * naming its country, and then only where the owner's restriction allows.
 */
export const personPolicy = {
  reach(p: Principal, record: PersonAccess, circulation: PersonCirculation): PersonReach {
    if (isHubStaff(p) || record.ownerCountry === p.country) return 'visible';
    if (!circulation.notice && circulation.diffusedTo.length === 0) return 'none';
    const addressed = circulation.notice || (p.country !== null && circulation.diffusedTo.includes(p.country));
    return addressed && restrictionAllows(p, record) ? 'visible' : 'concealed';
  },
  /** The photograph: whoever a screening would show the person to (and who may screen at all). */
  readPhoto(p: Principal, record: PersonAccess, circulation: PersonCirculation): void {
    recordPolicy.search(p, 'persons');
    if (personPolicy.reach(p, record, circulation) !== 'visible') forbid('a person\'s photograph is seen by the owner, the hub, and the members the person is circulated to');
  },
};

/** A notice as the policies judge it; `status` as of today (an open notice past its review date is expired). */
export interface NoticeAccess {
  requesterCountry: string;
  kind: 'notice' | 'diffusion';
  status: string;
  countries: readonly string[];
}

const NOTICE_REVIEW_STATUSES: readonly string[] = ['under_review', 'published', 'refused'];

/**
 * Notices and diffusions: an NCB of the person's owner country requests them;
 * the hub reviews, publishes or refuses a notice; the requesting country (or
 * the hub) cancels. Until published, a notice is seen by its requesting
 * country and the hub only.
 */
export const noticePolicy = {
  request(p: Principal, person: { ownerCountry: string }): void {
    recordPolicy.change(p, 'persons', person);
    if (p.orgKind !== 'ncb') forbid('notices and diffusions are requested by NCBs; ask yours');
  },
  transition(p: Principal, notice: { requesterCountry: string }, to: string): void {
    need(p, 'persons:write');
    if (NOTICE_REVIEW_STATUSES.includes(to)) {
      if (!isHubStaff(p)) forbid('the hub reviews, publishes and refuses notices');
      return;
    }
    if (to === 'cancelled' && !isHubStaff(p) && (p.orgKind !== 'ncb' || p.country !== notice.requesterCountry)) forbid(`only the requesting NCB (${notice.requesterCountry}) or the hub cancels this`);
  },
  read(p: Principal, notice: NoticeAccess, person: PersonAccess): void {
    recordPolicy.search(p, 'persons');
    if (isHubStaff(p) || p.country === notice.requesterCountry) return;
    if (notice.status !== 'published') forbid('until it is published, a notice is seen only by the country that requested it and the hub');
    if (!noticePolicy.visible(p, notice, person)) forbid('this diffusion or the person\'s record is not addressed to your country');
  },
  /** Whether a principal sees a notice (its status as of today): the requesting country and the hub always; others once published, if addressed. */
  visible(p: Principal, notice: NoticeAccess, person: PersonAccess): boolean {
    if (isHubStaff(p) || p.country === notice.requesterCountry) return true;
    if (notice.status !== 'published') return false;
    const addressed = notice.kind === 'notice' || (p.country !== null && notice.countries.includes(p.country));
    return addressed && restrictionAllows(p, person);
  },
  /** Lists: the hub sees every country's (filtered as asked); a member its own country's requests. */
  list(p: Principal, country: string | undefined): { all: true } | { all: false; country: string } {
    recordPolicy.search(p, 'persons');
    if (isHubStaff(p)) return country === undefined ? { all: true } : { all: false, country };
    if (!p.country || (country !== undefined && country !== p.country)) forbid('you list your own country\'s notices and diffusions');
    return { all: false, country: p.country };
  },
};
