import { sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from '../core/canonical-json.js';
import { batchSignatureMaxChars, signBatch, verifyBatch, type BatchPurpose } from './batch-signature.js';

/**
 * A delivery or read receipt, signed (Ed25519) by the recipient's node. The
 * signature is either over the canonical JSON of everything else, or a batch
 * signature (signReceipts): `<signature>.<size>.<index>.<hash>…`, the
 * signature over the root of an RFC 9162 Merkle tree of a batch of receipts,
 * then this receipt's place and inclusion proof in it (base64url). Either way
 * each receipt is verifiable on its own, and a node signs a page of delivery
 * receipts once instead of once each.
 */
export interface Receipt {
  messageId: string;
  recipient: string;
  kind: 'delivered' | 'read';
  at: string;
  by?: string;
  signature: string;
}

type Unsigned = Omit<Receipt, 'signature'>;

/** The most receipts one batch signature covers (an inclusion proof of at most 16 hashes). */
export const RECEIPT_BATCH_MAX = 65_536;
/** The longest receipt signature: a batch signature with the longest proof. */
export const RECEIPT_SIGNATURE_MAX_CHARS = batchSignatureMaxChars(RECEIPT_BATCH_MAX);

const RECEIPTS: BatchPurpose = { name: 'blueline/receipts/v1', max: RECEIPT_BATCH_MAX };

function signed(r: Unsigned): Unsigned {
  const { messageId, recipient, kind, at, by } = r;
  return by === undefined ? { messageId, recipient, kind, at } : { messageId, recipient, kind, at, by };
}

export function signReceipt(r: Unsigned, signingKey: KeyObject): Receipt {
  const unsigned = signed(r);
  return { ...unsigned, signature: sign(null, Buffer.from(canonicalJson(unsigned)), signingKey).toString('base64url') };
}

/** Signs receipts together: one Ed25519 signature for all of them, each receipt carrying its inclusion proof. */
export function signReceipts(receipts: readonly Unsigned[], signingKey: KeyObject): Receipt[] {
  if (receipts.length <= 1) return receipts.map((r) => signReceipt(r, signingKey));
  const unsigned = receipts.map(signed);
  const signatures = signBatch(RECEIPTS, unsigned.map((r) => Buffer.from(canonicalJson(r))), signingKey);
  return unsigned.map((r, i) => ({ ...r, signature: signatures[i] as string }));
}

export function verifyReceipt(r: Receipt, recipientSigningPublicKey: KeyObject): boolean {
  try {
    const { signature, ...rest } = r;
    if (typeof signature !== 'string') return false;
    if (!signature.includes('.')) {
      const bytes = Buffer.from(signature, 'base64url');
      return bytes.toString('base64url') === signature && verify(null, Buffer.from(canonicalJson(rest)), recipientSigningPublicKey, bytes);
    }
    return verifyBatch(RECEIPTS, Buffer.from(canonicalJson(rest)), signature, recipientSigningPublicKey);
  } catch {
    return false;
  }
}
