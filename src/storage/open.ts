import { join } from 'node:path';
import type { Database } from './database.js';
import { migrateToLatest } from './migrator.js';
import { openPostgres } from './postgres.js';
import { openSqlite, type SqliteOptions } from './sqlite.js';

export interface StorageConfig {
  /** A `postgres://` URL selects PostgreSQL; otherwise SQLite under the data folder. */
  databaseUrl?: string | undefined;
  dataDir: string;
  sqliteSynchronous?: SqliteOptions['synchronous'];
}

export const SQLITE_FILE = 'blueline.sqlite';

/** Opens the configured database and brings its schema to the latest version. */
export async function openDatabase(config: StorageConfig): Promise<Database> {
  const database = config.databaseUrl
    ? openPostgres(config.databaseUrl)
    : openSqlite(join(config.dataDir, SQLITE_FILE), { synchronous: config.sqliteSynchronous ?? 'full' });
  try {
    await migrateToLatest(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
