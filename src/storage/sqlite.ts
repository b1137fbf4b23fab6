import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import type { Database } from './database.js';
import type { Schema } from './schema.js';

export interface SqliteOptions {
  /** `full` makes every acknowledged commit survive power loss; `normal` survives process crashes only. */
  synchronous?: 'full' | 'normal';
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely asks better-sqlite3 to prepare every query anew; preparing a large
 * multi-row insert costs as much as running it. Queries are compiled to the
 * same text each time, so their prepared statements are kept and reused
 * (safe: Kysely runs one query at a time on the connection).
 */
function withStatementCache(native: BetterSqlite3.Database): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => {
      native.pragma('optimize');
      native.close();
    },
    prepare(text: string) {
      let statement = cache.get(text);
      if (!statement) {
        statement = native.prepare(text);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
        cache.set(text, statement);
      }
      return statement;
    },
  };
}

export function openSqlite(file: string, options: SqliteOptions = {}): Database {
  const native = new BetterSqlite3(file);
  native.pragma('journal_mode = WAL');
  native.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  native.pragma('foreign_keys = ON');
  native.pragma('busy_timeout = 5000');
  native.pragma('cache_size = -65536'); // 64 MiB of pages: proofs and searches touch random pages
  // Keeps the query planner's statistics fresh: without them it can pick a poor index after a bulk import.
  native.pragma('optimize = 0x10002');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(native) }) });
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
