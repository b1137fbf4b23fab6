import type { OrganisationKind, Permission, Role } from './permissions.js';

/** Who is acting: a person, a system through an API key, or the hub itself. */
export interface Principal {
  kind: 'user' | 'api_key' | 'system';
  id: string;
  /** A person's username, an API key's name, or the system task. */
  name: string;
  orgId: string;
  orgKind: OrganisationKind;
  /** The principal's organisation's country (ISO 3166 alpha-2); null for the hub and partners. */
  country: string | null;
  roles: readonly Role[];
  permissions: ReadonlySet<Permission>;
  sessionId?: string;
  /** A person logged in with a first or reset password, who must choose their own before anything else. */
  mustChangePassword?: boolean;
}

/** The hub acting on its own behalf (start-up, scheduled checkpoints, seeding). */
export function systemPrincipal(task: string, hubOrgId: string, permissions: readonly Permission[] = []): Principal {
  return { kind: 'system', id: `system:${task}`, name: task, orgId: hubOrgId, orgKind: 'hub', country: null, roles: [], permissions: new Set(permissions) };
}

export function isHubStaff(p: Principal): boolean {
  return p.orgKind === 'hub';
}
