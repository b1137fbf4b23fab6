import { sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../core/canonical-json.js';

/** A delivery or read receipt, signed (Ed25519) by the recipient's node over the canonical JSON of everything else. */
export interface Receipt {
  messageId: string;
  recipient: string;
  kind: 'delivered' | 'read';
  at: string;
  by?: string;
  signature: string;
}

export function signReceipt(r: Omit<Receipt, 'signature'>, signingKey: KeyObject): Receipt {
  const { messageId, recipient, kind, at, by } = r;
  const unsigned = by === undefined ? { messageId, recipient, kind, at } : { messageId, recipient, kind, at, by };
  return { ...unsigned, signature: sign(null, Buffer.from(canonicalJson(unsigned)), signingKey).toString('base64url') };
}

export function verifyReceipt(r: Receipt, recipientSigningPublicKey: KeyObject): boolean {
  try {
    const { signature, ...signed } = r;
    const bytes = Buffer.from(signature, 'base64url');
    return bytes.toString('base64url') === signature && verify(null, Buffer.from(canonicalJson(signed)), recipientSigningPublicKey, bytes);
  } catch {
    return false;
  }
}
