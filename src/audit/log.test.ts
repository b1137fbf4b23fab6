import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemPrincipal } from '../access/principal.js';
import { ManualClock } from '../core/clock.js';
import { generateSigningKey } from '../crypto/signing-key.js';
import { openTestDatabase, testBackend, type TestDatabase } from '../storage/testing.js';
import { verifyCheckpoint } from './checkpoint.js';
import { AuditLog } from './log.js';
import { leafHash, rootFromLeafHashes, verifyConsistency, verifyInclusion } from './merkle.js';

describe(`audit log on ${testBackend}`, () => {
  let t: TestDatabase;
  let log: AuditLog;
  const key = generateSigningKey();
  const actor = systemPrincipal('test', 'org_aaaaaaaaaaaaaaaaaaaaaaaaaa');

  beforeEach(async () => {
    t = await openTestDatabase();
    log = new AuditLog(t.database, new ManualClock(new Date('2026-01-01T00:00:00Z')), { origin: 'blueline.test', privateKey: key.privateKey });
  });
  afterEach(async () => t.cleanup());

  it('appends entries whose root matches a tree built from the stored entries', async () => {
    for (let batch = 0; batch < 5; batch++) {
      await t.database.transaction((trx) =>
        log.recordMany(trx, Array.from({ length: batch * 7 + 1 }, (_, i) => ({ actor, event: { action: 'thing.do', resourceType: 'thing', resourceId: `${batch}-${i}` } }))),
      );
    }
    const rows = await t.database.db.selectFrom('audit_entries').select(['seq', 'entry']).orderBy('seq').execute();
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i));
    const head = await log.head();
    expect(head.size).toBe(rows.length);
    expect(head.root.equals(rootFromLeafHashes(rows.map((r) => leafHash(Buffer.from(r.entry)))))).toBe(true);
  });

  it('serves inclusion and consistency proofs that verify', async () => {
    await t.database.transaction((trx) =>
      log.recordMany(trx, Array.from({ length: 37 }, (_, i) => ({ actor, event: { action: 'thing.do', resourceType: 'thing', resourceId: String(i) } }))),
    );
    for (const size of [1, 2, 13, 32, 37]) {
      const root = await log.rootAt(size);
      for (const seq of [0, Math.floor(size / 2), size - 1]) {
        const { leafHash: leaf, proof } = await log.inclusionProof(seq, size);
        expect(verifyInclusion(seq, size, leaf, proof, root)).toBe(true);
      }
      const proof = await log.consistencyProof(size, 37);
      expect(verifyConsistency(size, 37, proof, root, await log.rootAt(37))).toBe(true);
    }
  });

  it('refuses an action without an actor and writes nothing', async () => {
    await expect(t.database.transaction((trx) => log.record(trx, undefined, { action: 'thing.do', resourceType: 'thing' }))).rejects.toThrow(/no actor/);
    expect((await log.head()).size).toBe(0);
  });

  it('rolls the entry back with the transaction it belongs to', async () => {
    await expect(
      t.database.transaction(async (trx) => {
        await log.record(trx, actor, { action: 'thing.do', resourceType: 'thing' });
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');
    expect((await log.head()).size).toBe(0);
    expect(await t.database.db.selectFrom('audit_nodes').select('idx').execute()).toEqual([]);
  });

  it('signs checkpoints that verify with the hub key', async () => {
    await t.database.transaction((trx) => log.record(trx, actor, { action: 'thing.do', resourceType: 'thing' }));
    const cp = await t.database.transaction((trx) => log.signCheckpoint(trx));
    const verdict = verifyCheckpoint(cp.note, 'blueline.test', key.publicKey);
    expect(verdict.ok).toBe(true);
    expect(cp.size).toBe(1);
    expect((await log.latestCheckpoint())?.note).toBe(cp.note);
  });

  it('refuses proofs for sizes the log does not hold', async () => {
    await expect(log.inclusionProof(0, 1)).rejects.toMatchObject({ code: 'audit.invalid_range' });
    await expect(log.consistencyProof(0, 0)).rejects.toMatchObject({ code: 'audit.invalid_range' });
  });
});
