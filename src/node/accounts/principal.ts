import type { Actor } from '../audit/local-audit.js';
import { NodeError } from '../errors.js';
import type { NodePermission, NodeRole } from './permissions.js';

/** Who calls the node's API: a local person (session) or a local system (API key). */
export interface NodePrincipal extends Actor {
  kind: 'user' | 'api_key';
  roles: readonly NodeRole[];
  permissions: ReadonlySet<NodePermission>;
  sessionId?: string;
  mustChangePassword?: boolean;
}

export function requirePermission(p: NodePrincipal, permission: NodePermission): void {
  if (p.permissions.has(permission)) return;
  throw new NodeError(p.kind === 'api_key' ? 'access.scope_exceeded' : 'access.forbidden', `this needs the permission ${permission}`);
}

/** How the hub's audit names the person or system at this node (X-Blueline-On-Behalf-Of). */
export function onBehalfOf(p: NodePrincipal): string {
  const name = p.name.replace(/[^\x20-\x7e]/g, '?').slice(0, 100);
  return p.kind === 'user' ? `user ${name}` : `system ${name}`;
}
