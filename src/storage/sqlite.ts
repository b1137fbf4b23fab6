import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { Database } from './database.js';
import type { Schema } from './schema.js';

export interface SqliteOptions {
  /** `full` makes every acknowledged commit survive power loss; `normal` survives process crashes only. */
  synchronous?: 'full' | 'normal';
}

export function openSqlite(file: string, options: SqliteOptions = {}): Database {
  const native = new BetterSqlite3(file);
  native.pragma('journal_mode = WAL');
  native.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  native.pragma('foreign_keys = ON');
  native.pragma('busy_timeout = 5000');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: native }) });
  return {
    dialect: 'sqlite',
    db,
    transaction: (fn) => db.transaction().execute(fn),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}
