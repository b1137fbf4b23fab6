import { Migrator, type Kysely, type Transaction } from 'kysely';
import { openSqlite } from '../../storage/sqlite.js';
import { nodeInitial } from './migrations/0001_node.js';
import type { NodeSchema } from './schema.js';
import { WalFlusher } from './wal-flush.js';

export type NodeExecutor = Kysely<NodeSchema>;
export type NodeTx = Transaction<NodeSchema>;

export interface NodeDatabase {
  readonly db: Kysely<NodeSchema>;
  /** Runs `fn` in a transaction and answers once the commit is durable (see WalFlusher). */
  transaction<T>(fn: (trx: NodeTx) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` in a transaction and answers as soon as it has committed, with
   * `flushed`, settled once that commit is durable: for a caller that starts
   * its next work while the flush runs, and answers nobody before it settles.
   */
  commit<T>(fn: (trx: NodeTx) => Promise<T>): Promise<{ value: T; flushed: Promise<void> }>;
  /** Settles once everything committed so far is durable: awaited before anything committed leaves the node. */
  flushed(): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const NODE_DATABASE_FILE = 'node.sqlite';

/** Versioned migrations of the node's database, in order. Never edit one that has shipped; add the next. */
const MIGRATIONS = { '0001_node': nodeInitial };

/**
 * Opens the node's SQLite database with the hub's SQLite settings (WAL, the
 * statement cache) and migrates it. The hub's opener is typed for the hub's
 * schema; the connection is the same, only the table types differ.
 *
 * `full` (the default): a commit is answered only once it is on disk, as with
 * SQLite's synchronous=FULL, but the fdatasync runs off the event loop and is
 * shared by the commits made meanwhile (wal-flush.ts). `normal`: no flush,
 * commits survive a crash of the process but not of the machine.
 */
export async function openNodeDatabase(file: string, options: { synchronous?: 'full' | 'normal' } = {}): Promise<NodeDatabase> {
  const inner = openSqlite(file, { synchronous: 'normal' });
  const db = inner.db as unknown as Kysely<NodeSchema>;
  const flusher = (options.synchronous ?? 'full') === 'full' ? new WalFlusher(`${file}-wal`) : null;
  const commit = async <T>(fn: (trx: NodeTx) => Promise<T>) => {
    const value = await db.transaction().execute(fn);
    return { value, flushed: flusher ? flusher.flushed(flusher.ticket()) : Promise.resolve() };
  };
  const database: NodeDatabase = {
    db,
    commit,
    transaction: async (fn) => {
      const { value, flushed } = await commit(fn);
      await flushed;
      return value;
    },
    flushed: () => flusher?.flushed() ?? Promise.resolve(),
    ping: () => inner.ping(),
    close: async () => {
      await flusher?.close();
      await inner.close();
    },
  };
  try {
    const migrator = new Migrator({ db, provider: { getMigrations: () => Promise.resolve(MIGRATIONS) } });
    const { error } = await migrator.migrateToLatest();
    if (error) throw new Error('node database migration failed', { cause: error });
    await flusher?.init();
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
