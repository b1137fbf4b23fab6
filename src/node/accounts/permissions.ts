/**
 * What people and systems may do at a node. Local to the node: the hub sees
 * the node as its organisation and knows nothing of these accounts.
 */
export const NODE_PERMISSIONS = [
  'messages:read',
  'messages:send',
  'documents:search',
  'persons:search',
  'hits:read',
  'cases:read',
  'cases:write',
  'link:read',
  'users:manage',
  'api_keys:manage',
  'audit:read',
] as const;
export type NodePermission = (typeof NODE_PERMISSIONS)[number];

export const NODE_ROLES = ['admin', 'officer', 'auditor'] as const;
export type NodeRole = (typeof NODE_ROLES)[number];

const ROLE_PERMISSIONS: Record<NodeRole, readonly NodePermission[]> = {
  /** Runs the node: its people, its systems' keys, and everything an officer does. */
  admin: NODE_PERMISSIONS,
  /** Sends and reads the agency's messages, searches and works cases through the hub. */
  officer: ['messages:read', 'messages:send', 'documents:search', 'persons:search', 'hits:read', 'cases:read', 'cases:write', 'link:read'],
  /** Reads the node's audit trail and link status; no message content. */
  auditor: ['audit:read', 'link:read'],
};

export function permissionsOfRoles(roles: readonly NodeRole[]): Set<NodePermission> {
  return new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r] ?? []));
}

/** What an API key (a system, not a person) may be given: anything but managing the node's accounts. */
export const API_KEY_PERMISSIONS: readonly NodePermission[] = NODE_PERMISSIONS.filter((p) => p !== 'users:manage' && p !== 'api_keys:manage');
