import { Migrator, type Kysely, type Transaction } from 'kysely';
import { openSqlite } from '../../storage/sqlite.js';
import { nodeInitial } from './migrations/0001_node.js';
import type { NodeSchema } from './schema.js';

export type NodeExecutor = Kysely<NodeSchema>;
export type NodeTx = Transaction<NodeSchema>;

export interface NodeDatabase {
  readonly db: Kysely<NodeSchema>;
  transaction<T>(fn: (trx: NodeTx) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const NODE_DATABASE_FILE = 'node.sqlite';

/** Versioned migrations of the node's database, in order. Never edit one that has shipped; add the next. */
const MIGRATIONS = { '0001_node': nodeInitial };

/**
 * Opens the node's SQLite database with the hub's SQLite settings (WAL, the
 * chosen synchronous level, the statement cache) and migrates it. The hub's
 * opener is typed for the hub's schema; the connection is the same, only the
 * table types differ.
 */
export async function openNodeDatabase(file: string, options: { synchronous?: 'full' | 'normal' } = {}): Promise<NodeDatabase> {
  const inner = openSqlite(file, { synchronous: options.synchronous ?? 'full' });
  const db = inner.db as unknown as Kysely<NodeSchema>;
  const database: NodeDatabase = {
    db,
    transaction: (fn) => db.transaction().execute(fn),
    ping: () => inner.ping(),
    close: () => inner.close(),
  };
  try {
    const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(MIGRATIONS) } });
    const { error } = await migrator.migrateToLatest();
    if (error) throw new Error('node database migration failed', { cause: error });
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
