import { sign, verify, type KeyObject } from 'node:crypto';
import { leafHash, nodeHash, rootFromInclusionProof } from '../audit/merkle.js';
import { canonicalJson } from '../core/canonical-json.js';

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
export const RECEIPT_SIGNATURE_MAX_CHARS = 86 + 2 * 6 + 16 * 44;

const COUNT = /^(0|[1-9][0-9]{0,5})$/;

function signed(r: Unsigned): Unsigned {
  const { messageId, recipient, kind, at, by } = r;
  return by === undefined ? { messageId, recipient, kind, at } : { messageId, recipient, kind, at, by };
}

/** What a batch signature signs: the tree's root and size, in a form no receipt has. */
function batchStatement(root: Buffer, size: number): Buffer {
  return Buffer.from(canonicalJson({ batch: 'blueline/receipts/v1', root: root.toString('base64url'), size }));
}

export function signReceipt(r: Unsigned, signingKey: KeyObject): Receipt {
  const unsigned = signed(r);
  return { ...unsigned, signature: sign(null, Buffer.from(canonicalJson(unsigned)), signingKey).toString('base64url') };
}

/** Signs receipts together: one Ed25519 signature for all of them, each receipt carrying its inclusion proof. */
export function signReceipts(receipts: readonly Unsigned[], signingKey: KeyObject): Receipt[] {
  if (receipts.length <= 1) return receipts.map((r) => signReceipt(r, signingKey));
  if (receipts.length > RECEIPT_BATCH_MAX) throw new RangeError(`at most ${RECEIPT_BATCH_MAX} receipts under one signature`);
  const unsigned = receipts.map(signed);
  const leaves = unsigned.map((r) => leafHash(Buffer.from(canonicalJson(r))));
  const proofs: Buffer[][] = leaves.map(() => []);
  const root = subtree(leaves, 0, leaves.length, proofs);
  const signature = sign(null, batchStatement(root, leaves.length), signingKey).toString('base64url');
  return unsigned.map((r, i) => ({
    ...r,
    signature: [signature, String(leaves.length), String(i), ...(proofs[i] as Buffer[]).map((h) => h.toString('base64url'))].join('.'),
  }));
}

/** MTH of leaves[start, end) (RFC 9162 2.1.1), adding to each leaf's proof the sibling hashes on its path, lowest first. */
function subtree(leaves: readonly Buffer[], start: number, end: number, proofs: Buffer[][]): Buffer {
  if (end - start === 1) return leaves[start] as Buffer;
  let k = 1;
  while (k * 2 < end - start) k *= 2;
  const left = subtree(leaves, start, start + k, proofs);
  const right = subtree(leaves, start + k, end, proofs);
  for (let i = start; i < start + k; i++) proofs[i]?.push(right);
  for (let i = start + k; i < end; i++) proofs[i]?.push(left);
  return nodeHash(left, right);
}

/** Batch signatures already verified, per key: a batch's other receipts then cost a few hashes. */
const verifiedBatches = new WeakMap<KeyObject, Set<string>>();
const VERIFIED_BATCHES_KEPT = 10_000;

export function verifyReceipt(r: Receipt, recipientSigningPublicKey: KeyObject): boolean {
  try {
    const { signature, ...rest } = r;
    if (typeof signature !== 'string') return false;
    if (!signature.includes('.')) {
      const bytes = Buffer.from(signature, 'base64url');
      return bytes.toString('base64url') === signature && verify(null, Buffer.from(canonicalJson(rest)), recipientSigningPublicKey, bytes);
    }
    return verifyBatchSignature(rest, signature, recipientSigningPublicKey);
  } catch {
    return false;
  }
}

function verifyBatchSignature(rest: Omit<Receipt, 'signature'>, signature: string, key: KeyObject): boolean {
  const [sig, sizeText, indexText, ...path] = signature.split('.');
  if (sig === undefined || sizeText === undefined || indexText === undefined || !COUNT.test(sizeText) || !COUNT.test(indexText)) return false;
  const size = Number(sizeText);
  if (size < 2 || size > RECEIPT_BATCH_MAX) return false;
  const hashes = path.map((h) => Buffer.from(h, 'base64url'));
  if (hashes.some((h, i) => h.toString('base64url') !== path[i])) return false;
  const sigBytes = Buffer.from(sig, 'base64url');
  if (sigBytes.toString('base64url') !== sig) return false;
  const computed = rootFromInclusionProof(Number(indexText), size, leafHash(Buffer.from(canonicalJson(rest))), hashes);
  if (!computed.ok) return false;
  const known = `${sig}.${size}.${computed.root.toString('base64url')}`;
  let verified = verifiedBatches.get(key);
  if (verified?.has(known)) return true;
  if (!verify(null, batchStatement(computed.root, size), key, sigBytes)) return false;
  if (!verified) verifiedBatches.set(key, (verified = new Set()));
  if (verified.size >= VERIFIED_BATCHES_KEPT) verified.clear();
  verified.add(known);
  return true;
}
