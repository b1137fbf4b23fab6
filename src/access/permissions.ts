/** Roles a person can hold, and what each allows. API keys carry permissions directly. */
export const ROLES = ['officer', 'records-officer', 'ncb-operator', 'org-admin', 'auditor', 'hub-admin'] as const;
export type Role = (typeof ROLES)[number];

export const DATABASES = ['documents', 'persons', 'dna', 'fingerprints'] as const;
export type DatabaseName = (typeof DATABASES)[number];

export const PERMISSIONS = [
  'organisations:read',
  'organisations:write',
  'users:read',
  'users:write',
  'api_keys:read',
  'api_keys:write',
  'database_access:write',
  'audit:read',
  'audit:checkpoint',
  'cases:read',
  'cases:write',
  'stats:read',
  ...DATABASES.map((d) => `${d}:search` as const),
  ...DATABASES.map((d) => `${d}:write` as const),
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const SEARCH = DATABASES.map((d) => `${d}:search` as const);
const WRITE_RECORDS = DATABASES.map((d) => `${d}:write` as const);

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  officer: ['organisations:read', ...SEARCH],
  /** An agency's person who enters records, where its NCB allows the agency to write. */
  'records-officer': ['organisations:read', ...SEARCH, ...WRITE_RECORDS],
  'ncb-operator': ['organisations:read', ...SEARCH, ...WRITE_RECORDS, 'cases:read', 'cases:write', 'stats:read'],
  'org-admin': [
    'organisations:read', 'organisations:write', 'users:read', 'users:write',
    'api_keys:read', 'api_keys:write', 'database_access:write',
  ],
  auditor: ['organisations:read', 'users:read', 'api_keys:read', 'audit:read', 'cases:read', 'stats:read'],
  'hub-admin': PERMISSIONS,
};

export type OrganisationKind = 'hub' | 'ncb' | 'agency' | 'partner';

/** Which roles each kind of organisation may hold. */
export const ROLES_BY_ORGANISATION: Readonly<Record<OrganisationKind, readonly Role[]>> = {
  hub: ['officer', 'org-admin', 'auditor', 'hub-admin'],
  ncb: ['officer', 'ncb-operator', 'org-admin', 'auditor'],
  agency: ['officer', 'records-officer', 'org-admin', 'auditor'],
  partner: ['officer', 'org-admin', 'auditor'],
};

export function permissionsOfRoles(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((role) => ROLE_PERMISSIONS[role]));
}

/** What an organisation may do in a database: search it, or search it and keep records in it. */
export type DatabaseMode = 'search' | 'write';

/** NCBs and the hub use every database in full; an agency what its NCB decided; a partner nothing yet. */
export function defaultDatabaseAccess(kind: OrganisationKind): ReadonlyMap<DatabaseName, DatabaseMode> {
  return new Map(kind === 'hub' || kind === 'ncb' ? DATABASES.map((d) => [d, 'write' as const]) : []);
}
