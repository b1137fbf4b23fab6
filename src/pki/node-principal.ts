import type { DatabaseMode, DatabaseName, Role } from '../access/permissions.js';
import { permissionsOfRoles } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import { ncbIdOf } from '../registry/organisations/load.js';
import type { Organisation } from '../registry/organisations/schema.js';

/**
 * A member node acts for its whole organisation: an NCB's node as its NCB
 * operators do, an agency's as its officers (and records officers where its
 * NCB lets it keep records). The person or system at the node is named too.
 */
export function nodePrincipal(org: Organisation, serial: string, databases: ReadonlyMap<DatabaseName, DatabaseMode>, onBehalfOf: string | null): Principal {
  const roles: Role[] = org.kind === 'ncb' ? ['ncb-operator']
    : org.kind === 'agency' && [...databases.values()].includes('write') ? ['records-officer']
      : org.kind === 'hub' ? [] : ['officer'];
  return {
    kind: 'node',
    id: `node:${serial}`,
    name: onBehalfOf ? `${onBehalfOf} at the node` : 'node',
    orgId: org.id,
    orgKind: org.kind,
    country: org.country,
    ncbId: ncbIdOf(org),
    roles,
    permissions: permissionsOfRoles(roles),
    databases,
  };
}
