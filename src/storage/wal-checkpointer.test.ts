import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CHECKPOINT_AT_BYTES, WalCheckpointer } from './wal-checkpointer.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function database(): { file: string; native: BetterSqlite3.Database } {
  const dir = mkdtempSync(join(tmpdir(), 'blueline-ckpt-'));
  dirs.push(dir);
  const file = join(dir, 'x.sqlite');
  const native = new BetterSqlite3(file);
  native.pragma('journal_mode = WAL');
  native.pragma('wal_autocheckpoint = 0');
  native.exec('create table t (id integer primary key, body blob)');
  return { file, native };
}

function write(native: BetterSqlite3.Database, bytes: number): void {
  const insert = native.prepare('insert into t (body) values (?)');
  native.transaction(() => {
    for (let n = 0; n < bytes; n += 16_384) insert.run(Buffer.alloc(16_384, n % 251));
  })();
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
}

describe('WalCheckpointer', () => {
  it('copies a large log into the database file on its worker, once the log passes its size', async () => {
    const { file, native } = database();
    const checkpointer = new WalCheckpointer(file);
    write(native, CHECKPOINT_AT_BYTES / 2);
    await new Promise((r) => setTimeout(r, 600));
    expect(checkpointer.checkpoints).toBe(0);
    const before = statSync(file).size;
    write(native, CHECKPOINT_AT_BYTES);
    await until(() => checkpointer.checkpoints > 0);
    expect(checkpointer.checkpoints).toBe(1);
    expect(statSync(file).size).toBeGreaterThan(before + CHECKPOINT_AT_BYTES);
    // The checkpoint completed, so the writer's next transaction starts the log again from its beginning.
    const walBefore = statSync(`${file}-wal`).size;
    write(native, 100_000);
    expect(statSync(`${file}-wal`).size).toBe(walBefore);
    await checkpointer.close();
    native.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(native.open).toBe(false);
  });

  it('reopens read the checkpointed rows', async () => {
    const { file, native } = database();
    const checkpointer = new WalCheckpointer(file);
    write(native, CHECKPOINT_AT_BYTES + 1);
    checkpointer.checkpoint();
    await until(() => checkpointer.checkpoints > 0);
    const rows = (native.prepare('select count(*) as n from t').get() as { n: number }).n;
    await checkpointer.close();
    native.close();
    const again = new BetterSqlite3(file, { readonly: true });
    expect((again.prepare('select count(*) as n from t').get() as { n: number }).n).toBe(rows);
    again.close();
  });
});
