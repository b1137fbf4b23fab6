import { newKeyPair } from '../crypto/node-keys.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchSignatureMaxChars, signBatch, verifyBatch, type BatchPurpose } from './batch-signature.js';

const signer = newKeyPair('ed25519');
const other = newKeyPair('ed25519');
const purpose: BatchPurpose = { name: 'blueline/test/v1', max: 4096 };
let batches = 0;

/** A fresh batch of n distinct items (fresh, so nothing of it is remembered yet). */
function batch(n: number): { items: Buffer[]; signatures: string[] } {
  batches += 1;
  const items = Array.from({ length: n }, (_, i) => Buffer.from(`batch ${batches} item ${i}`));
  return { items, signatures: signBatch(purpose, items, signer.privateKey) };
}

const parts = (signature: string) => signature.split('.');
const join = (p: readonly string[]) => p.join('.');

describe('batch signatures', () => {
  it('verify every item on its own, in any order, remembered or not; at most batchSignatureMaxChars long', () => {
    for (const n of [2, 3, 4, 5, 7, 8, 9, 16, 17, 31, 100, 257]) {
      const { items, signatures } = batch(n);
      const order = [...items.keys()].sort(() => Math.random() - 0.5);
      for (const i of order) {
        expect(signatures[i]!.length).toBeLessThanOrEqual(batchSignatureMaxChars(purpose.max));
        expect(verifyBatch(purpose, items[i]!, signatures[i]!, signer.publicKey), `${n} #${i}`).toBe(true);
      }
      // Again, everything now remembered.
      for (const i of order) expect(verifyBatch(purpose, items[i]!, signatures[i]!, signer.publicKey)).toBe(true);
    }
  });

  it('refuse another key, another purpose, and any change to item, size, place or proof, before and after the batch is remembered', () => {
    for (const warm of [false, true]) {
      const { items, signatures } = batch(13);
      if (warm) items.forEach((item, i) => expect(verifyBatch(purpose, item, signatures[i]!, signer.publicKey)).toBe(true));
      const [s5, s6] = [parts(signatures[5]!), parts(signatures[6]!)];
      const flip = (h: string) => h.slice(0, -2) + (h.endsWith('AA') ? 'BA' : 'AA');
      const refused: [Buffer, string][] = [
        [Buffer.from('something else'), signatures[5]!],
        [items[5]!, signatures[6]!],
        [items[5]!, join([s5[0]!, '14', ...s5.slice(2)])],
        [items[5]!, join([s5[0]!, '12', ...s5.slice(2)])],
        [items[5]!, join([s5[0]!, s5[1]!, '6', ...s5.slice(3)])],
        [items[5]!, join([s5[0]!, s5[1]!, '05', ...s5.slice(3)])],
        [items[5]!, join([...s5.slice(0, 3), flip(s5[3]!), ...s5.slice(4)])],
        [items[5]!, join([...s5.slice(0, 4), s6[4]!, ...s5.slice(5)])],
        [items[5]!, join([...s5.slice(0, -1), flip(s5[s5.length - 1]!)])],
        [items[5]!, join(s5.slice(0, -1))],
        [items[5]!, join([...s5, s5[3]!])],
        [items[5]!, join([flip(s5[0]!), ...s5.slice(1)])],
        [items[5]!, `${signatures[5]!}=`],
        [items[5]!, join([s5[0]!, '1', '0'])],
      ];
      for (const [item, signature] of refused) expect(verifyBatch(purpose, item, signature, signer.publicKey), `${warm ? 'warm' : 'cold'}: ${signature}`).toBe(false);
      expect(verifyBatch(purpose, items[5]!, signatures[5]!, other.publicKey)).toBe(false);
      expect(verifyBatch({ ...purpose, name: 'blueline/other/v1' }, items[5]!, signatures[5]!, signer.publicKey)).toBe(false);
      expect(verifyBatch(purpose, items[5]!, signatures[5]!, signer.publicKey)).toBe(true);
    }
  });

  it('accept exactly the pairs signed, whatever was verified before: proofs rebuilt from known hashes at other places fail', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 40 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 6 })), { minLength: 1, maxLength: 60 }),
        (n, steps) => {
          const { items, signatures } = batch(n);
          const hashes = signatures.flatMap((s) => parts(s).slice(3));
          for (const [a, b, c, d, kind] of steps) {
            const i = a % n;
            const p = parts(signatures[i]!);
            let item = items[i]!;
            let signature = signatures[i]!;
            if (kind === 1) item = items[b % n]!;
            if (kind === 2) signature = join([...p.slice(0, 3), ...p.slice(3).map((h, k) => (k === c % (p.length - 3) ? hashes[d % hashes.length]! : h))]);
            if (kind === 3) signature = join([p[0]!, p[1]!, String(b % n), ...p.slice(3)]);
            if (kind === 4) signature = join([...p.slice(0, 3), ...p.slice(3).slice(0, c % (p.length - 3))]);
            if (kind === 5) signature = join([...p, hashes[d % hashes.length]!]);
            if (kind === 6) signature = join([p[0]!, String(2 + (b % (2 * n))), ...p.slice(2)]);
            const genuine = signatures.some((s, k) => s === signature && items[k]!.equals(item));
            expect(verifyBatch(purpose, item, signature, signer.publicKey)).toBe(genuine);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
