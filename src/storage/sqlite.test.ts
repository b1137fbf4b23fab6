import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database, Executor } from './database.js';
import { migrateToLatest } from './migrator.js';
import { openSqlite, WalSync } from './sqlite.js';

const FULL = 2;
const synchronous = async (db: Executor) => (await sql<{ synchronous: number }>`pragma synchronous`.execute(db)).rows[0]?.synchronous;
const headSize = async (db: Executor) => (await db.selectFrom('audit_head').select('size').executeTakeFirstOrThrow()).size;

describe('SQLite group commit (synchronous=full)', () => {
  let dir: string;
  let database: Database;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'blueline-sqlite-'));
    database = openSqlite(join(dir, 'hub.sqlite'), { synchronous: 'full' });
    await migrateToLatest(database);
  });
  afterEach(async () => {
    await database.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('commits, resolves durable after the log is synced, and leaves every other transaction at full', async () => {
    const groupCommit = database.groupCommit?.bind(database);
    if (!groupCommit) throw new Error('SQLite offers group commits');
    let levelInside: number | undefined;
    let levelOfOther: number | undefined;
    let other: Promise<void> | undefined;
    const { result, durable } = await groupCommit(async (trx) => {
      // Asked for while the group commit holds the connection: it waits, then commits at full.
      other = database.transaction(async (otherTrx) => {
        levelOfOther = await synchronous(otherTrx);
      });
      levelInside = await synchronous(trx);
      await trx.updateTable('audit_head').set({ size: 7 }).execute();
      return 'done';
    });
    await other;
    await durable;
    expect(result).toBe('done');
    expect(levelInside).toBe(1);
    expect(levelOfOther).toBe(FULL);
    expect(await synchronous(database.db)).toBe(FULL);
    expect(await headSize(database.db)).toBe(7);
  });

  it('rolls back a failed group commit and restores full', async () => {
    const before = await headSize(database.db);
    await expect(database.groupCommit?.(async (trx) => {
      await trx.updateTable('audit_head').set({ size: before + 5 }).execute();
      throw new Error('no');
    })).rejects.toThrow('no');
    expect(await headSize(database.db)).toBe(before);
    expect(await synchronous(database.db)).toBe(FULL);
  });

  it('syncs once for the commits made while a sync runs', async () => {
    const groupCommit = database.groupCommit?.bind(database);
    if (!groupCommit) throw new Error('SQLite offers group commits');
    const commits = await Promise.all(Array.from({ length: 5 }, (_, i) => groupCommit(async (trx) => {
      await trx.updateTable('audit_head').set({ size: i }).execute();
    })));
    await Promise.all(commits.map((c) => c.durable));
    expect(await headSize(database.db)).toBe(4);
  });

  it('meets a sync at once when there is no log file (nothing can be waiting in one), and fails on other errors', async () => {
    await expect(new WalSync(join(tmpdir(), `blueline-no-such-${process.pid}.sqlite-wal`)).request()).resolves.toBeUndefined();
    await expect(new WalSync(tmpdir()).request()).resolves.toBeUndefined(); // a directory opens and syncs
    await expect(new WalSync('/etc/hostname/x').request()).rejects.toThrow();
  });

  it('reads synchronously on a second connection that sees commits, never an open transaction\'s writes', async () => {
    const readSync = database.readSync;
    if (!readSync) throw new Error('SQLite offers synchronous reads');
    const size = () => readSync<{ size: number }>('select size from audit_head', [])[0]?.size;
    await database.db.updateTable('audit_head').set({ size: 3 }).execute();
    expect(size()).toBe(3);
    let seenInside: number | undefined;
    await database.transaction(async (trx) => {
      await trx.updateTable('audit_head').set({ size: 9 }).execute();
      seenInside = size();
    });
    expect(seenInside).toBe(3);
    expect(size()).toBe(9);
    await expect(database.transaction(async (trx) => {
      await trx.updateTable('audit_head').set({ size: 11 }).execute();
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    expect(size()).toBe(9);
    expect(() => readSync('delete from audit_head returning size', [])).toThrow(/readonly/);
  });
});
