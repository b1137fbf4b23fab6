import { defaultDatabaseAccess, type DatabaseMode, type DatabaseName, type OrganisationKind, type Permission, type Role } from './permissions.js';

/** Who is acting: a person, a system through an API key, or the hub itself. */
export interface Principal {
  kind: 'user' | 'api_key' | 'system' | 'node';
  id: string;
  /** A person's username, an API key's name, or the system task. */
  name: string;
  orgId: string;
  orgKind: OrganisationKind;
  /** The principal's organisation's country (ISO 3166 alpha-2); null for the hub and partners. */
  country: string | null;
  /** The NCB the principal answers to: its own organisation for an NCB, the parent for an agency; null for the hub and partners. */
  ncbId: string | null;
  roles: readonly Role[];
  permissions: ReadonlySet<Permission>;
  /** The databases the principal's organisation may use, and how (an agency's are decided by its NCB). */
  databases: ReadonlyMap<DatabaseName, DatabaseMode>;
  sessionId?: string;
  /** A person logged in with a first or reset password, who must choose their own before anything else. */
  mustChangePassword?: boolean;
}

/** The hub acting on its own behalf (start-up, scheduled checkpoints, seeding). */
export function systemPrincipal(task: string, hubOrgId: string, permissions: readonly Permission[] = []): Principal {
  return {
    kind: 'system', id: `system:${task}`, name: task, orgId: hubOrgId, orgKind: 'hub', country: null, ncbId: null,
    roles: [], permissions: new Set(permissions), databases: defaultDatabaseAccess('hub'),
  };
}

export function isHubStaff(p: Principal): boolean {
  return p.orgKind === 'hub';
}
