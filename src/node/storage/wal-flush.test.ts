import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openNodeDatabase } from './open.js';
import { WalFlusher } from './wal-flush.js';

describe('durable commits flushed off the event loop', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'blueline-wal-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('flushes once for the commits made while a flush runs, and never settles a ticket before a flush that started after it', async () => {
    const file = join(dir, 'x.sqlite');
    const native = new BetterSqlite3(file);
    native.pragma('journal_mode = WAL');
    native.exec('create table t (n integer)');
    const flusher = new WalFlusher(`${file}-wal`);
    await flusher.init();
    const before = flusher.flushes;
    const waits = Array.from({ length: 20 }, (_, n) => {
      native.prepare('insert into t values (?)').run(n);
      return flusher.flushed(flusher.ticket());
    });
    await Promise.all(waits);
    // The first ticket's flush, then one more for every commit made while it ran.
    expect(flusher.flushes - before).toBeLessThanOrEqual(2);
    native.prepare('insert into t values (?)').run(99);
    const ticket = flusher.ticket();
    const flushesBefore = flusher.flushes;
    await flusher.flushed(ticket);
    expect(flusher.flushes).toBe(flushesBefore + 1);
    await flusher.flushed();
    expect(flusher.flushes).toBe(flushesBefore + 1); // nothing new committed: nothing to flush
    await flusher.close();
    native.close();
  });

  it('commits, then settles the flush, in the default (full) mode', async () => {
    const database = await openNodeDatabase(join(dir, 'node.sqlite'));
    try {
      const { value, flushed } = await database.commit(async (trx) => {
        await trx.insertInto('link_state').values({ id: 1, last_seq: 0, inbox_cursor: null, updated_at: 'now' }).onConflict((oc) => oc.column('id').doNothing()).execute();
        return 'done';
      });
      expect(value).toBe('done');
      await flushed;
      await expect(database.transaction(async () => 7)).resolves.toBe(7);
      await database.flushed();
    } finally {
      await database.close();
    }
  });
});
