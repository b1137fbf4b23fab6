import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InProcessBus } from '../bus/bus.js';
import { openTestDatabase, testBackend, type TestDatabase } from '../storage/testing.js';
import { DOCUMENT_CHANGE_TOPIC, DocumentIndex } from './no-hit-index.js';
import { ocrCanonical } from './ocr.js';

describe(`no-hit index on ${testBackend}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(async () => t.cleanup());

  it('learns of single records, bulk imports and blank ranges from the bus, and forgets cancelled ranges', async () => {
    const bus = new InProcessBus();
    const index = await DocumentIndex.build(t.database.db, 0, bus);
    const key = ocrCanonical('AB1234567');
    expect(index.lookup(key).maybeSingle).toBe(false);

    await bus.publish(DOCUMENT_CHANGE_TOPIC, { added: key });
    await bus.publish(DOCUMENT_CHANGE_TOPIC, { addedMany: ['111111111', '222222222'], ranges: [{ id: 'doc_r1', canonicalPrefix: 'X', digits: 7, first: 50_000, last: 50_999 }] });
    expect(index.lookup(key).maybeSingle).toBe(true);
    expect(index.lookup('222222222').maybeSingle).toBe(true);
    expect(index.lookup('X0050500').ranges.map((r) => r.id)).toEqual(['doc_r1']);
    expect(index.lookup('X0051000').ranges).toEqual([]);
    expect(index.lookup('X050500').ranges).toEqual([]);

    await bus.publish(DOCUMENT_CHANGE_TOPIC, { removedRange: 'doc_r1' });
    expect(index.lookup('X0050500').ranges).toEqual([]);
    expect(index.stats).toMatchObject({ keys: 3, ranges: 0 });
  });
});
