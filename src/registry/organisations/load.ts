import { AppError } from '../../core/errors.js';
import type { Executor } from '../../storage/database.js';
import type { Organisation } from './schema.js';
import { organisationStore } from './store.js';

export async function loadOrganisation(db: Executor, id: string): Promise<Organisation> {
  const org = await organisationStore.get(db, id);
  if (!org) throw new AppError('organisation.not_found', `no organisation ${id}`);
  return org;
}
