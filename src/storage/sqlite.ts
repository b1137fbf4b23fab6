import { closeSync, fsync, openSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import type { Database } from './database.js';
import { WalCheckpointer, WRITER_CHECKPOINT_PAGES } from './wal-checkpointer.js';
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

/**
 * fsyncs of the write-ahead log on the thread pool. A request is met by a
 * sync that starts after it; requests made during one sync share the next.
 * The file is opened once: SQLite keeps the same log file while any
 * connection (this one) is open. No log file at all means nothing is waiting
 * in one (SQLite removes it only after a checkpoint has made the database
 * file durable, when the last connection closes): such a request is met at once.
 */
export class WalSync {
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;
  private fd: number | null = null;

  constructor(private readonly walFile: string) {}

  request(): Promise<void> {
    if (this.next) return this.next;
    if (!this.running) return this.start();
    this.next = this.running.then(() => undefined, () => undefined).then(() => {
      this.next = null;
      return this.start();
    });
    return this.next;
  }

  /** After the syncs asked for, so none runs on a closed descriptor. */
  async close(): Promise<void> {
    await (this.next ?? this.running)?.catch(() => undefined);
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private start(): Promise<void> {
    const run = new Promise<void>((resolve, reject) => {
      if (this.fd === null) {
        try {
          this.fd = openSync(this.walFile, 'r');
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') { resolve(); return; }
          throw error;
        }
      }
      fsync(this.fd, (error) => (error ? reject(error) : resolve()));
    }).finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }
}

/**
 * A second, read-only connection, opened on first use. In WAL mode it reads
 * the last committed state while the main connection writes; its statements
 * are prepared once and run synchronously.
 */
class ReadConnection {
  private native: BetterSqlite3.Database | null = null;
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(private readonly file: string) {}

  all<R>(text: string, parameters: readonly unknown[]): R[] {
    let statement = this.statements.get(text);
    if (!statement) {
      if (!this.native) {
        this.native = new BetterSqlite3(this.file, { readonly: true, fileMustExist: true });
        this.native.pragma('busy_timeout = 5000');
        this.native.pragma('cache_size = -65536');
      }
      statement = this.native.prepare(text);
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.delete(this.statements.keys().next().value as string);
      this.statements.set(text, statement);
    }
    return statement.all(...parameters) as R[];
  }

  close(): void {
    this.native?.close();
    this.native = null;
    this.statements.clear();
  }
}

export function openSqlite(file: string, options: SqliteOptions = {}): Database {
  const native = new BetterSqlite3(file);
  const wal = native.pragma('journal_mode = WAL', { simple: true }) === 'wal';
  native.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  native.pragma('foreign_keys = ON');
  native.pragma('busy_timeout = 5000');
  native.pragma('cache_size = -65536'); // 64 MiB of pages: proofs and searches touch random pages
  // Keeps the query planner's statistics fresh: without them it can pick a poor index after a bulk import.
  native.pragma('optimize = 0x10002');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(native) }) });
  const walSync = wal && options.synchronous !== 'normal' ? new WalSync(`${file}-wal`) : null;
  // Checkpoints off the event loop (wal-checkpointer.ts); the writer's own only as a safety valve.
  if (wal) native.pragma(`wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`);
  const checkpointer = wal ? new WalCheckpointer(file) : null;
  const reader = new ReadConnection(file);
  return {
    dialect: 'sqlite',
    db,
    transaction: (fn) => db.transaction().execute(fn),
    groupCommit: async (fn) => {
      if (!walSync) return { result: await db.transaction().execute(fn), durable: Promise.resolve() };
      // The connection is held throughout, so no other transaction commits while the level is lowered.
      const result = await db.connection().execute(async (connection) => {
        await sql`pragma synchronous = NORMAL`.execute(connection);
        try {
          return await connection.transaction().execute(fn);
        } finally {
          await sql`pragma synchronous = FULL`.execute(connection);
        }
      });
      return { result, durable: walSync.request() };
    },
    readSync: (text, parameters) => reader.all(text, parameters),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    close: async () => {
      reader.close();
      await checkpointer?.close();
      await walSync?.close();
      await db.destroy();
    },
  };
}
