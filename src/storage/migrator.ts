import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './database.js';
import { initial } from './migrations/0001_initial.js';
import { documentsAndHits } from './migrations/0002_documents_and_hits.js';
import { network } from './migrations/0003_network.js';
import { persons } from './migrations/0004_persons.js';
import { personReferences } from './migrations/0005_person_references.js';

/** Versioned migrations, in order. Never edit one that has shipped; add the next. */
function migrations(database: Database): Record<string, Migration> {
  return {
    '0001_initial': initial(database.dialect),
    '0002_documents_and_hits': documentsAndHits(database.dialect),
    '0003_network': network(database.dialect),
    '0004_persons': persons(database.dialect),
    '0005_person_references': personReferences(),
  };
}

export async function migrateToLatest(database: Database): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations(database)) };
  // Kysely looks for its own tables in every schema unless told which; with throwaway test schemas that matters.
  const migrator = new Migrator({ db: database.db, provider, ...(database.schema ? { migrationTableSchema: database.schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw new Error('database migration failed', { cause: error });
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
