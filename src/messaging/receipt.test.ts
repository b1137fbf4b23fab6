import { newKeyPair } from '../crypto/node-keys.js';
import { describe, expect, it } from 'vitest';
import { RECEIPT_SIGNATURE_MAX_CHARS, signReceipt, signReceipts, verifyReceipt, type Receipt } from './receipt.js';

const recipient = newKeyPair('ed25519');
const someoneElse = newKeyPair('ed25519');

const delivered = signReceipt({ messageId: 'msg_a', recipient: 'org_b', kind: 'delivered', at: '2026-03-01T10:00:01.000Z' }, recipient.privateKey);
const read = signReceipt({ messageId: 'msg_a', recipient: 'org_b', kind: 'read', at: '2026-03-01T10:05:00.000Z', by: 'usr_officer' }, recipient.privateKey);

describe('receipts', () => {
  it('verify with the recipient’s signing key, with and without `by`', () => {
    expect(delivered).not.toHaveProperty('by');
    expect(delivered.signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(verifyReceipt(delivered, recipient.publicKey)).toBe(true);
    expect(verifyReceipt(read, recipient.publicKey)).toBe(true);
    expect(verifyReceipt(JSON.parse(JSON.stringify(read)) as Receipt, recipient.publicKey)).toBe(true);
  });

  it('fail with another key', () => {
    expect(verifyReceipt(delivered, someoneElse.publicKey)).toBe(false);
  });

  it('fail when any field changes, appears or disappears', () => {
    const changed: Receipt[] = [
      { ...read, messageId: 'msg_b' },
      { ...read, recipient: 'org_c' },
      { ...read, kind: 'delivered' },
      { ...read, at: '2026-03-01T10:05:00.001Z' },
      { ...read, by: 'usr_other' },
      { ...delivered, by: 'usr_officer' },
      (({ by: _, ...rest }) => rest)(read),
      { ...read, signature: read.signature.slice(0, -2) + (read.signature.endsWith('AA') ? 'BA' : 'AA') },
      { ...read, signature: read.signature + '=' },
      { ...read, signature: '' },
      { ...read, extra: 'x' } as Receipt,
    ];
    for (const receipt of changed) expect(verifyReceipt(receipt, recipient.publicKey)).toBe(false);
  });

  it('do not verify garbage', () => {
    expect(verifyReceipt({} as Receipt, recipient.publicKey)).toBe(false);
    expect(verifyReceipt(null as unknown as Receipt, recipient.publicKey)).toBe(false);
  });

  describe('signed together', () => {
    const page = (n: number) => Array.from({ length: n }, (_, i) => ({ messageId: `msg_${i}`, recipient: 'org_b', kind: 'delivered' as const, at: '2026-03-01T10:00:01.000Z' }));

    it('verify each on its own, whatever the batch size; one receipt alone is signed as before', () => {
      expect(signReceipts(page(1), recipient.privateKey)[0]?.signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
      for (const n of [2, 3, 5, 7, 8, 13, 100, 250]) {
        const receipts = signReceipts(page(n), recipient.privateKey);
        expect(new Set(receipts.map((r) => r.signature.split('.')[0])).size).toBe(1);
        for (const r of receipts) {
          expect(r.signature.length).toBeLessThanOrEqual(RECEIPT_SIGNATURE_MAX_CHARS);
          expect(verifyReceipt(JSON.parse(JSON.stringify(r)) as Receipt, recipient.publicKey)).toBe(true);
        }
      }
    });

    it('fail with another key, a changed field, another receipt\'s proof, or a changed proof, place or size', () => {
      const [a, b, c] = signReceipts([...page(4).slice(0, 2), { ...page(3)[2]!, kind: 'read', by: 'usr_officer' }], recipient.privateKey) as [Receipt, Receipt, Receipt];
      expect(verifyReceipt(a, someoneElse.publicKey)).toBe(false);
      const parts = (r: Receipt) => r.signature.split('.');
      const withParts = (r: Receipt, f: (p: string[]) => string[]) => ({ ...r, signature: f(parts(r)).join('.') });
      const flip = (h: string) => h.slice(0, -2) + (h.endsWith('AA') ? 'BA' : 'AA');
      const changed: Receipt[] = [
        { ...a, messageId: 'msg_9' },
        { ...a, at: '2026-03-01T10:00:01.001Z' },
        { ...c, by: 'usr_other' },
        (({ by: _, ...rest }) => rest)(c),
        { ...a, signature: b.signature },
        withParts(a, (p) => [flip(p[0]!), ...p.slice(1)]),
        withParts(a, (p) => [p[0]!, '4', ...p.slice(2)]),
        withParts(a, (p) => [p[0]!, p[1]!, '1', ...p.slice(3)]),
        withParts(a, (p) => [p[0]!, p[1]!, '01', ...p.slice(3)]),
        withParts(a, (p) => [...p.slice(0, 3), flip(p[3]!), ...p.slice(4)]),
        withParts(a, (p) => p.slice(0, -1)),
        withParts(a, (p) => [...p, p[3]!]),
        withParts(a, (p) => [p[0]!, '1', '0']),
        { ...a, signature: `${parts(a)[0]}.` },
        { ...a, signature: `${parts(a).join('.')}=` },
      ];
      for (const r of changed) expect(verifyReceipt(r, recipient.publicKey)).toBe(false);
      expect(verifyReceipt(b, recipient.publicKey)).toBe(true);
      expect(verifyReceipt(c, recipient.publicKey)).toBe(true);
    });
  });
});
