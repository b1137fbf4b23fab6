import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Database } from './database.js';
import { migrateToLatest } from './migrator.js';
import { openPostgres } from './postgres.js';
import { openSqlite } from './sqlite.js';

/**
 * The backend the test suite runs against: a fresh SQLite file by default, or,
 * when BLUELINE_TEST_PG names a PostgreSQL server, a fresh schema there. The
 * same tests run on both; that is the storage contract suite.
 */
export const testBackend: 'sqlite' | 'postgres' = process.env.BLUELINE_TEST_PG ? 'postgres' : 'sqlite';

export interface TestDatabase {
  database: Database;
  /** A folder for files the test needs beside the database. */
  dir: string;
  /** Another connection to the same database, migrated; the caller closes it. */
  reopen(): Promise<Database>;
  cleanup(): Promise<void>;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const dir = await mkdtemp(join(tmpdir(), 'blueline-test-'));
  const url = process.env.BLUELINE_TEST_PG;
  if (!url) {
    const open = async () => {
      const db = openSqlite(join(dir, 'test.sqlite'), { synchronous: 'normal' });
      await migrateToLatest(db);
      return db;
    };
    const database = await open();
    return {
      database,
      dir,
      reopen: open,
      cleanup: async () => {
        await database.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await adminQuery(url, `create schema ${schema}`);
  const open = async () => {
    const db = openPostgres(url, { schema, maxConnections: 4 });
    await migrateToLatest(db);
    return db;
  };
  const database = await open();
  return {
    database,
    dir,
    reopen: open,
    cleanup: async () => {
      await database.close();
      await adminQuery(url, `drop schema ${schema} cascade`);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
