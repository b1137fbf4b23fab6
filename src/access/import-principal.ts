import { defaultDatabaseAccess, type Permission } from './permissions.js';
import type { Principal } from './principal.js';

/** The country a bulk import writes records for: its NCB owns every record imported. */
export interface ImportOwner {
  /** The owning country's NCB. */
  ncbId: string;
  /** ISO 3166 alpha-2. */
  country: string;
}

/** Who imports: the system, acting for the owning country's NCB, allowed `permission` only. */
export function importPrincipal(owner: ImportOwner, permission: Permission): Principal {
  return {
    kind: 'system',
    id: 'system:import',
    name: 'import',
    orgId: owner.ncbId,
    orgKind: 'ncb',
    country: owner.country,
    ncbId: owner.ncbId,
    roles: [],
    permissions: new Set([permission]),
    databases: defaultDatabaseAccess('ncb'),
  };
}
