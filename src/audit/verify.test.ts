import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { systemPrincipal } from '../access/principal.js';
import { systemClock } from '../core/clock.js';
import { generateSigningKey } from '../crypto/signing-key.js';
import { openTestDatabase, testBackend, type TestDatabase } from '../storage/testing.js';
import { AuditLog } from './log.js';
import { verifyAuditLog } from './verify.js';

describe(`audit verify on ${testBackend}`, () => {
  const key = generateSigningKey();
  const origin = 'blueline.test/audit';
  const actor = systemPrincipal('test', 'org_aaaaaaaaaaaaaaaaaaaaaaaaaa');
  let t: TestDatabase;
  let log: AuditLog;

  beforeEach(async () => {
    t = await openTestDatabase();
    log = new AuditLog(t.database, systemClock, { origin, privateKey: key.privateKey });
    for (let batch = 0; batch < 3; batch++) {
      await t.database.transaction(async (trx) => {
        await log.recordMany(trx, Array.from({ length: 11 }, (_, i) => ({ actor, event: { action: 'thing.do', resourceType: 'thing', resourceId: `${batch}-${i}`, details: { n: i } } })));
        await log.signCheckpoint(trx);
      });
    }
  });
  afterEach(async () => t.cleanup());

  const verify = (externalCheckpoint?: string) =>
    verifyAuditLog(t.database, { origin, publicKey: key.publicKey, ...(externalCheckpoint ? { externalCheckpoint } : {}) });

  it('passes an untouched log with its checkpoints', async () => {
    const report = await verify();
    expect(report).toMatchObject({ entries: 33, checkpoints: 3, problems: [] });
  });

  it('detects a single altered byte in a stored entry', async () => {
    const row = await t.database.db.selectFrom('audit_entries').select('entry').where('seq', '=', 17).executeTakeFirstOrThrow();
    const altered = row.entry.replace('"n":6', '"n":7');
    expect(altered).not.toBe(row.entry);
    expect(Buffer.byteLength(altered)).toBe(Buffer.byteLength(row.entry));
    await t.database.db.updateTable('audit_entries').set({ entry: altered }).where('seq', '=', 17).execute();
    const report = await verify();
    expect(report.problems).toContain('entry 17: its content does not match its leaf hash');
  });

  it('detects an entry rewritten together with its leaf hash, through the signed roots', async () => {
    const { leafHash } = await import('./merkle.js');
    const row = await t.database.db.selectFrom('audit_entries').select('entry').where('seq', '=', 3).executeTakeFirstOrThrow();
    const altered = row.entry.replace('"n":3', '"n":4');
    await t.database.db.updateTable('audit_entries').set({ entry: altered, leaf_hash: leafHash(Buffer.from(altered)) }).where('seq', '=', 3).execute();
    const report = await verify();
    expect(report.problems.some((p) => p.includes('checkpoint at size 11: the log\'s entries no longer produce its root'))).toBe(true);
  });

  it('detects deleted entries at the end of the log', async () => {
    await t.database.db.deleteFrom('audit_entries').where('seq', '>=', 30).execute();
    const report = await verify();
    expect(report.problems.some((p) => p.includes('beyond the end of the log'))).toBe(true);
  });

  it('detects a forged checkpoint and a damaged inner node', async () => {
    await t.database.db.updateTable('audit_checkpoints').set({ note: sql<string>`replace(note, '11', '12')` }).where('size', '=', 11).execute();
    await t.database.db.updateTable('audit_nodes').set({ hash: Buffer.alloc(32, 7) }).where('level', '=', 2).where('idx', '=', 1).execute();
    const report = await verify();
    expect(report.problems.some((p) => p.startsWith('checkpoint at size 11'))).toBe(true);
    expect(report.problems).toContain('tree node level 2 index 1 is not the hash of its children');
  });

  it('checks a checkpoint kept outside the hub', async () => {
    const kept = (await log.latestCheckpoint())?.note ?? '';
    expect((await verify(kept)).problems).toEqual([]);
    const other = generateSigningKey();
    const { signCheckpoint, formatCheckpoint } = await import('./checkpoint.js');
    const forged = signCheckpoint(formatCheckpoint({ origin, size: 33, root: Buffer.alloc(32) }), origin, other.privateKey);
    expect((await verify(forged)).problems[0]).toMatch(/does not verify with the hub key/);
  });
});
