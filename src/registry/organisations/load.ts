import { defaultDatabaseAccess, type DatabaseMode, type DatabaseName } from '../../access/permissions.js';
import { AppError } from '../../core/errors.js';
import type { Executor } from '../../storage/database.js';
import type { Organisation } from './schema.js';
import { organisationStore } from './store.js';

export async function loadOrganisation(db: Executor, id: string): Promise<Organisation> {
  const org = await organisationStore.get(db, id);
  if (!org) throw new AppError('organisation.not_found', `no organisation ${id}`);
  return org;
}

/**
 * The organisation of someone authenticating, refused when it or the NCB it
 * sits under is suspended: suspending an NCB cuts off its agencies too.
 */
export async function activeOrganisation(db: Executor, id: string): Promise<Organisation> {
  const org = await organisationStore.get(db, id);
  if (!org) throw new AppError('auth.account_disabled', 'the account\'s organisation no longer exists');
  if (org.status === 'suspended') throw new AppError('auth.organisation_suspended');
  const parent = org.parentId ? await organisationStore.get(db, org.parentId) : undefined;
  if (parent?.status === 'suspended') throw new AppError('auth.organisation_suspended', `${parent.name}, which this organisation sits under, is suspended`);
  return org;
}

/** The databases an organisation may use: an agency's as its NCB decided, the others' by their kind. */
export async function databaseAccessOf(db: Executor, org: Organisation): Promise<ReadonlyMap<DatabaseName, DatabaseMode>> {
  return org.kind === 'agency' ? organisationStore.databaseAccess(db, org.id) : defaultDatabaseAccess(org.kind);
}

/** The NCB an organisation answers to: itself for an NCB, its parent for an agency. */
export function ncbIdOf(org: Organisation): string | null {
  return org.kind === 'ncb' ? org.id : org.kind === 'agency' ? org.parentId : null;
}
