import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signReceipt, verifyReceipt, type Receipt } from './receipt.js';

const recipient = generateKeyPairSync('ed25519');
const someoneElse = generateKeyPairSync('ed25519');

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
});
