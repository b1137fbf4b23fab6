import { sign, verify, type KeyObject } from 'node:crypto';
import { leafHash, nodeHash } from '../audit/merkle.js';
import { canonicalJson } from '../core/canonical-json.js';

/**
 * One Ed25519 signature for many items, each still verifiable on its own
 * (decisions 0003 and 0008). The items' canonical forms are the leaves of an
 * RFC 9162 Merkle tree; the signer signs `{ batch: <purpose>, root, size }`,
 * and each item carries `<signature>.<size>.<index>.<hash>…` (base64url,
 * dot-separated): the signature, its place and its inclusion proof. A
 * verifier recomputes the root from the item and its proof and checks the
 * signature over it — once per root and key, remembered, so the other items
 * of a batch cost a few hashes each.
 */
export interface BatchPurpose {
  /** What the statement names, so a batch of one kind is never taken for another: `blueline/receipts/v1`. */
  readonly name: string;
  /** The most items under one signature. */
  readonly max: number;
}

/** The longest batch signature for batches of at most `max` items (a proof of ceil(log2 max) hashes). */
export function batchSignatureMaxChars(max: number): number {
  return 86 + 2 * (1 + String(max).length) + Math.ceil(Math.log2(max)) * 44;
}

const COUNT = /^(0|[1-9][0-9]{0,8})$/;

function statement(purpose: BatchPurpose, root: Buffer, size: number): Buffer {
  return Buffer.from(canonicalJson({ batch: purpose.name, root: root.toString('base64url'), size }));
}

/** Signs at least two items (their canonical bytes) together; answers each item's signature field, in order. */
export function signBatch(purpose: BatchPurpose, items: readonly Uint8Array[], signingKey: KeyObject): string[] {
  if (items.length < 2) throw new RangeError('a batch signature covers at least two items');
  if (items.length > purpose.max) throw new RangeError(`at most ${purpose.max} items under one signature`);
  const leaves = items.map((item) => leafHash(item));
  const proofs: Buffer[][] = leaves.map(() => []);
  const root = subtree(leaves, 0, leaves.length, proofs);
  const signature = sign(null, statement(purpose, root, leaves.length), signingKey).toString('base64url');
  return proofs.map((proof, i) => [signature, String(leaves.length), String(i), ...proof.map((h) => h.toString('base64url'))].join('.'));
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

/** True when `signature` is a batch signature form (it holds a dot); a plain signature has none. */
export const isBatchSignature = (signature: string): boolean => signature.includes('.');

/**
 * What a verifier knows of a batch whose signature it checked: the root, and
 * every node hash it has seen on a proof that led to that root (so they are
 * authenticated), by position `level/index` (base64url). The next item of the
 * batch then costs its leaf hash and, typically, one node hash: its path
 * meets a known node, and the rest of its proof must be the known siblings.
 */
interface KnownBatch {
  root: string;
  nodes: Map<string, string>;
}

/** The batches verified, by purpose, signature and size, with the key that verified them. Bounded by the node hashes held. */
const verified = new Map<string, { key: KeyObject; batch: KnownBatch }>();
let nodesHeld = 0;
const NODES_KEPT = 50_000;

const HASH_TEXT = /^[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]$/;

/** Checks an item's batch signature (only the canonical spelling of every part is accepted). */
export function verifyBatch(purpose: BatchPurpose, item: Uint8Array, signature: string, key: KeyObject): boolean {
  const [sig, sizeText, indexText, ...path] = signature.split('.');
  if (sig === undefined || sizeText === undefined || indexText === undefined || !COUNT.test(sizeText) || !COUNT.test(indexText)) return false;
  const size = Number(sizeText);
  const index = Number(indexText);
  if (size < 2 || size > purpose.max || index >= size) return false;
  // A base64url hash of 32 bytes in its one canonical spelling (the last character carries 4 bits and 2 zero bits).
  if (!path.every((h) => HASH_TEXT.test(h))) return false;
  const leaf = leafHash(item);
  const batchKey = `${purpose.name}\n${sig}.${size}`;
  const entry = verified.get(batchKey);
  const known = entry?.key === key ? entry.batch : undefined;
  if (known) {
    const walked = walk(index, size, leaf, path, known);
    if (walked !== 'unknown') {
      if (!walked || walked.root !== known.root) return false;
      remember(known, walked.seen);
      return true;
    }
  }
  const walked = walk(index, size, leaf, path, undefined);
  if (!walked || walked === 'unknown') return false;
  if (known) {
    if (walked.root !== known.root) return false;
    remember(known, walked.seen);
    return true;
  }
  const sigBytes = Buffer.from(sig, 'base64url');
  if (sigBytes.length !== 64 || sigBytes.toString('base64url') !== sig) return false;
  if (!verify(null, statement(purpose, Buffer.from(walked.root, 'base64url'), size), key, sigBytes)) return false;
  if (nodesHeld >= NODES_KEPT) {
    verified.clear();
    nodesHeld = 0;
  }
  const batch: KnownBatch = { root: walked.root, nodes: new Map() };
  remember(batch, walked.seen);
  verified.set(batchKey, { key, batch });
  return true;
}

function remember(batch: KnownBatch, seen: readonly (readonly [string, string])[]): void {
  for (const [position, hash] of seen) {
    if (batch.nodes.has(position)) continue;
    batch.nodes.set(position, hash);
    nodesHeld += 1;
  }
}

/**
 * RFC 9162 2.1.3.2 (inclusion proof to root), keeping each node's position.
 * With a batch already verified: as soon as a computed node is a known one,
 * the rest of the proof must be the known siblings (no more hashing), and the
 * root is the batch's. Answers the root and the nodes seen, undefined when
 * the proof cannot hold, or 'unknown' when a sibling the shortcut needs was
 * never seen (the caller then walks without it).
 */
function walk(index: number, size: number, leaf: Buffer, path: readonly string[], known: KnownBatch | undefined): { root: string; seen: [string, string][] } | undefined | 'unknown' {
  let fn = index;
  let sn = size - 1;
  let level = 0;
  let r = leaf;
  let authenticated = false;
  const seen: [string, string][] = [];
  for (const p of path) {
    if (sn === 0) return undefined;
    const pIsLeft = fn % 2 === 1 || fn === sn;
    if (pIsLeft && fn % 2 === 0) {
      // The last node of its level has no sibling there: it is the same node one level up, until it is a right child.
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
        level += 1;
      }
      if (fn === 0) return undefined;
    }
    const sibling = `${level}/${pIsLeft ? fn - 1 : fn + 1}`;
    const parent = `${level + 1}/${Math.floor(fn / 2)}`;
    if (authenticated) {
      const expected = known?.nodes.get(sibling);
      if (expected === undefined) return 'unknown';
      if (expected !== p) return undefined;
    } else {
      const pBytes = Buffer.from(p, 'base64url');
      r = pIsLeft ? nodeHash(pBytes, r) : nodeHash(r, pBytes);
      const rText = r.toString('base64url');
      seen.push([sibling, p], [parent, rText]);
      const at = known?.nodes.get(parent);
      if (at !== undefined) {
        if (at !== rText) return undefined;
        authenticated = true;
      }
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
    level += 1;
  }
  if (sn !== 0) return undefined;
  return { root: authenticated && known ? known.root : r.toString('base64url'), seen };
}
