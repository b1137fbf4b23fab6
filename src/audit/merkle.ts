/**
 * Merkle tree hashing, proof verification and proof generation as defined by
 * RFC 9162 (Certificate Transparency v2), section 2.1, over SHA-256.
 *
 * Tree sizes and indices are plain numbers; every function accepts values up
 * to Number.MAX_SAFE_INTEGER. Bitwise operators are avoided on purpose since
 * they truncate to 32 bits.
 *
 * Storage model for proof generation: the store keeps the hash of every
 * perfect subtree, addressed as (level, index) and covering leaves
 * [index * 2^level, (index + 1) * 2^level). Level 0 holds the leaf hashes.
 * Nodes on the incomplete right edge of a tree are never stored; proof plans
 * describe them as lists of perfect subtrees that assembly folds together.
 */
import { createHash } from 'node:crypto';

export const HASH_SIZE = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_ROOT: Buffer = createHash('sha256').digest();

export function leafHash(entry: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(entry).digest();
}

// One update of a reused buffer is measurably faster than three updates; safe
// because hashing is synchronous.
const nodeInput = Buffer.alloc(1 + 2 * HASH_SIZE);

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  if (left.length !== HASH_SIZE || right.length !== HASH_SIZE) {
    return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
  }
  nodeInput[0] = 0x01;
  nodeInput.set(left, 1);
  nodeInput.set(right, 1 + HASH_SIZE);
  return createHash('sha256').update(nodeInput).digest();
}

// ---------------------------------------------------------------------------
// Integer helpers (safe for all non-negative safe integers)
// ---------------------------------------------------------------------------

const TWO_32 = 2 ** 32;

function isSize(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function bitLength(n: number): number {
  if (n < TWO_32) return 32 - Math.clz32(n);
  return 64 - Math.clz32(Math.floor(n / TWO_32));
}

function popCount32(n: number): number {
  let count = 0;
  for (let v = n >>> 0; v !== 0; v = (v & (v - 1)) >>> 0) count++;
  return count;
}

export function popCount(n: number): number {
  return popCount32(n % TWO_32) + popCount32(Math.floor(n / TWO_32));
}

/** Largest power of two strictly less than n; requires n >= 2. */
function splitPoint(n: number): number {
  return 2 ** (bitLength(n - 1) - 1);
}

function isOdd(n: number): boolean {
  return n % 2 === 1;
}

function half(n: number): number {
  return Math.floor(n / 2);
}

// ---------------------------------------------------------------------------
// Tree hashes
// ---------------------------------------------------------------------------

/** MTH(D[n]) of RFC 9162 section 2.1.1, computed from the leaf hashes. */
export function rootFromLeafHashes(leaves: readonly Uint8Array[]): Buffer {
  if (leaves.length === 0) return EMPTY_ROOT;
  return rangeRoot(leaves, 0, leaves.length);
}

function rangeRoot(leaves: readonly Uint8Array[], start: number, end: number): Buffer {
  const n = end - start;
  if (n === 1) return Buffer.from(leafAt(leaves, start));
  const k = splitPoint(n);
  return nodeHash(rangeRoot(leaves, start, start + k), rangeRoot(leaves, start + k, end));
}

function leafAt(leaves: readonly Uint8Array[], i: number): Uint8Array {
  const leaf = leaves[i];
  if (leaf === undefined) throw new RangeError(`missing leaf ${i}`);
  return leaf;
}

export interface NodeId {
  readonly level: number;
  readonly index: number;
}

/**
 * The perfect subtrees, largest first, whose fold is MTH of leaves
 * [start, end). Valid for the ranges that occur in RFC 9162 trees: start is
 * a multiple of the smallest power of two >= end - start (any prefix [0, n)
 * and every proof element qualifies).
 */
export function perfectSubtrees(start: number, end: number): NodeId[] {
  if (!isSize(start) || !isSize(end) || start >= end) {
    throw new RangeError(`invalid leaf range [${start}, ${end})`);
  }
  const nodes: NodeId[] = [];
  for (let pos = start; pos < end; ) {
    const level = bitLength(end - pos) - 1;
    const width = 2 ** level;
    if (pos % width !== 0) throw new RangeError(`leaf range [${start}, ${end}) is not a tree range`);
    nodes.push({ level, index: pos / width });
    pos += width;
  }
  return nodes;
}

/**
 * Folds perfect subtree hashes (largest first, as returned by
 * perfectSubtrees) into the hash of the range they cover: the smaller
 * subtrees on the right are combined first.
 */
export function foldSubtrees(hashes: readonly Uint8Array[]): Buffer {
  const last = hashes[hashes.length - 1];
  if (last === undefined) throw new RangeError('cannot fold an empty list of subtrees');
  let acc: Buffer = Buffer.from(last);
  for (let i = hashes.length - 2; i >= 0; i--) acc = nodeHash(hashes[i] as Uint8Array, acc);
  return acc;
}

// ---------------------------------------------------------------------------
// Verification (never throws for inputs of the declared types)
// ---------------------------------------------------------------------------

export type ProofFailure =
  | 'invalid-size'
  | 'index-out-of-range'
  | 'size-order'
  | 'empty-old-tree'
  | 'unexpected-proof'
  | 'wrong-proof-length'
  | 'bad-hash-length'
  | 'root-mismatch';

export type Verdict = { readonly ok: true } | { readonly ok: false; readonly reason: ProofFailure };
export type RootResult = { readonly ok: true; readonly root: Buffer } | { readonly ok: false; readonly reason: ProofFailure };

const OK: Verdict = { ok: true };

function fail(reason: ProofFailure): { readonly ok: false; readonly reason: ProofFailure } {
  return { ok: false, reason };
}

function allHashSized(hashes: readonly Uint8Array[]): boolean {
  return hashes.every((h) => h.length === HASH_SIZE);
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.compare(a, b) === 0;
}

/**
 * The root implied by an inclusion proof: the iterative algorithm of
 * RFC 9162 section 2.1.3.2 without the final comparison.
 */
export function rootFromInclusionProof(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
): RootResult {
  if (!isSize(index) || !isSize(size)) return fail('invalid-size');
  if (index >= size) return fail('index-out-of-range');
  if (leaf.length !== HASH_SIZE || !allHashSized(proof)) return fail('bad-hash-length');

  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of proof) {
    if (sn === 0) return fail('wrong-proof-length');
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return fail('wrong-proof-length');
  return { ok: true, root: r };
}

export function checkInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): Verdict {
  const computed = rootFromInclusionProof(index, size, leaf, proof);
  if (!computed.ok) return computed;
  return equalBytes(computed.root, root) ? OK : fail('root-mismatch');
}

export function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  return checkInclusion(index, size, leaf, proof, root).ok;
}

/**
 * RFC 9162 section 2.1.4.2. Edge cases:
 * - size1 > size2 is rejected.
 * - size1 == size2 requires an empty proof and root1 == root2.
 * - size1 == 0 is rejected ('empty-old-tree'), also when size2 == 0: there is
 *   nothing to prove, and the transparency-dev test vectors expect a failure.
 *   A caller holding an empty tree may accept any later tree without a proof.
 */
export function checkConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): Verdict {
  if (!isSize(size1) || !isSize(size2)) return fail('invalid-size');
  if (size1 > size2) return fail('size-order');
  if (size1 === 0) return fail('empty-old-tree');
  if (size1 === size2) {
    if (proof.length !== 0) return fail('unexpected-proof');
    return equalBytes(root1, root2) ? OK : fail('root-mismatch');
  }
  if (proof.length === 0) return fail('wrong-proof-length');
  if (root1.length !== HASH_SIZE || root2.length !== HASH_SIZE || !allHashSized(proof)) {
    return fail('bad-hash-length');
  }

  const path = size1 === 2 ** (bitLength(size1) - 1) ? [root1, ...proof] : proof;
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Buffer = Buffer.from(path[0] as Uint8Array);
  let sr = fr;
  for (const c of path.slice(1)) {
    if (sn === 0) return fail('wrong-proof-length');
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return fail('wrong-proof-length');
  return equalBytes(fr, root1) && equalBytes(sr, root2) ? OK : fail('root-mismatch');
}

export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): boolean {
  return checkConsistency(size1, size2, proof, root1, root2).ok;
}

// ---------------------------------------------------------------------------
// Proof generation: plan -> one batched lookup -> pure assembly
// ---------------------------------------------------------------------------

/**
 * How to build a proof from stored perfect subtrees. elements[i] lists the
 * perfect subtrees (largest first) whose fold is proof hash i; proof hashes
 * are ordered bottom-up as in RFC 9162.
 */
export interface ProofPlan {
  readonly elements: readonly (readonly NodeId[])[];
}

/** Where assembly reads perfect subtree hashes from, e.g. a Map filled by one query. */
export interface NodeSource {
  get(level: number, index: number): Uint8Array | undefined;
}

/** PATH(index, D[size]) of RFC 9162 section 2.1.3.1. Throws unless 0 <= index < size. */
export function inclusionProofNodes(index: number, size: number): ProofPlan {
  if (!isSize(index) || !isSize(size) || index >= size) {
    throw new RangeError(`no inclusion proof for index ${index} in tree size ${size}`);
  }
  const topDown: NodeId[][] = [];
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const mid = start + splitPoint(end - start);
    if (index < mid) {
      topDown.push(perfectSubtrees(mid, end));
      end = mid;
    } else {
      topDown.push(perfectSubtrees(start, mid));
      start = mid;
    }
  }
  return { elements: topDown.reverse() };
}

/**
 * PROOF(size1, D[size2]) of RFC 9162 section 2.1.4.1. Empty when the sizes are
 * equal; throws unless 0 < size1 <= size2.
 */
export function consistencyProofNodes(size1: number, size2: number): ProofPlan {
  if (!isSize(size1) || !isSize(size2) || size1 === 0 || size1 > size2) {
    throw new RangeError(`no consistency proof from tree size ${size1} to ${size2}`);
  }
  const topDown: NodeId[][] = [];
  let start = 0;
  let end = size2;
  let isWholeOldTree = true; // the b flag of SUBPROOF
  for (;;) {
    const n = end - start;
    const m = size1 - start;
    if (m === n) {
      if (!isWholeOldTree) topDown.push(perfectSubtrees(start, end));
      break;
    }
    const mid = start + splitPoint(n);
    if (size1 <= mid) {
      topDown.push(perfectSubtrees(mid, end));
      end = mid;
    } else {
      topDown.push(perfectSubtrees(start, mid));
      start = mid;
      isWholeOldTree = false;
    }
  }
  return { elements: topDown.reverse() };
}

/** The distinct nodes a plan needs, for a single batched lookup. */
export function planNodeIds(plan: ProofPlan): NodeId[] {
  const seen = new Set<string>();
  const ids: NodeId[] = [];
  for (const element of plan.elements) {
    for (const id of element) {
      const key = `${id.level}/${id.index}`;
      if (!seen.has(key)) {
        seen.add(key);
        ids.push(id);
      }
    }
  }
  return ids;
}

/** Builds the proof hashes; throws if the source lacks a planned node. */
export function assembleProof(plan: ProofPlan, source: NodeSource): Buffer[] {
  return plan.elements.map((element) =>
    foldSubtrees(
      element.map(({ level, index }) => {
        const hash = source.get(level, index);
        if (hash === undefined) throw new Error(`missing tree node level=${level} index=${index}`);
        return hash;
      }),
    ),
  );
}

// ---------------------------------------------------------------------------
// Appending: the right frontier
// ---------------------------------------------------------------------------

/**
 * A tree of `size` leaves summarised by its perfect subtrees, one per set bit
 * of size, largest (leftmost) first. Enough to append and to compute the root.
 */
export interface Frontier {
  readonly size: number;
  readonly hashes: readonly Buffer[];
}

export interface TreeNode {
  readonly level: number;
  readonly index: number;
  readonly hash: Buffer;
}

export interface AppendResult {
  readonly frontier: Frontier;
  /** Every perfect node completed by the append(s), leaves (level 0) included. */
  readonly nodes: TreeNode[];
}

export const EMPTY_FRONTIER: Frontier = { size: 0, hashes: [] };

/** Which stored nodes make up the frontier of a tree of this size (load them to resume appending). */
export function frontierNodeIds(size: number): NodeId[] {
  return size === 0 ? [] : perfectSubtrees(0, size);
}

function assertFrontier(frontier: Frontier): void {
  if (!isSize(frontier.size) || frontier.hashes.length !== popCount(frontier.size)) {
    throw new RangeError(`frontier has ${frontier.hashes.length} hashes for size ${frontier.size}`);
  }
}

export function rootFromFrontier(frontier: Frontier): Buffer {
  assertFrontier(frontier);
  return frontier.size === 0 ? EMPTY_ROOT : foldSubtrees(frontier.hashes);
}

export function appendLeaf(frontier: Frontier, leaf: Uint8Array): AppendResult {
  return appendLeaves(frontier, [leaf]);
}

/** Appends leaf hashes in order; the input frontier is not modified. */
export function appendLeaves(frontier: Frontier, leaves: readonly Uint8Array[]): AppendResult {
  assertFrontier(frontier);
  const hashes = frontier.hashes.slice();
  const nodes: TreeNode[] = [];
  let size = frontier.size;
  for (const leaf of leaves) {
    if (leaf.length !== HASH_SIZE) throw new RangeError(`leaf hash must be ${HASH_SIZE} bytes`);
    if (size === Number.MAX_SAFE_INTEGER) throw new RangeError('tree is full');
    let hash: Buffer = Buffer.from(leaf);
    let level = 0;
    let index = size;
    nodes.push({ level, index, hash });
    // Each trailing 1 bit of size is a perfect subtree the new leaf completes a sibling for.
    for (let bits = size; isOdd(bits); bits = half(bits)) {
      hash = nodeHash(hashes.pop() as Buffer, hash);
      level++;
      index = half(index);
      nodes.push({ level, index, hash });
    }
    hashes.push(hash);
    size++;
  }
  return { frontier: { size, hashes }, nodes };
}
