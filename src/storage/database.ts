import type { Kysely, Transaction } from 'kysely';
import type { Schema } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

/** Either the database itself or an open transaction: stores accept both. */
export type Executor = Kysely<Schema>;
export type Tx = Transaction<Schema>;

/** The narrow storage interface every store is written against. */
export interface Database {
  readonly dialect: Dialect;
  readonly db: Kysely<Schema>;
  /** PostgreSQL only: the schema every table lives in, when not the default. */
  readonly schema?: string;
  transaction<T>(fn: (trx: Tx) => Promise<T>): Promise<T>;
  /**
   * For a group commit, whose callers are answered only once `durable`
   * resolves: SQLite commits without waiting for the disk and syncs its
   * write-ahead log on the thread pool, so the event loop serves requests
   * meanwhile. Absent (PostgreSQL), `transaction` is durable when it returns.
   */
  groupCommit?<T>(fn: (trx: Tx) => Promise<T>): Promise<{ result: T; durable: Promise<void> }>;
  /**
   * SQLite only: one read statement, answered synchronously on a separate
   * read-only connection, so it sees only committed data (never an open
   * transaction's writes) and skips the async driver, which costs more than
   * a point lookup itself. For hot read paths; everything else uses `db`.
   */
  readonly readSync?: <R>(text: string, parameters: readonly unknown[]) => R[];
  /** Cheap liveness check for readiness probes. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
