import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sharedDataDir } from '../../test/support/shared-data.js';
import { describe, expect, it } from 'vitest';
import {
  EMPTY_FRONTIER,
  EMPTY_ROOT,
  appendLeaf,
  appendLeaves,
  assembleProof,
  checkConsistency,
  checkInclusion,
  consistencyProofNodes,
  foldSubtrees,
  frontierNodeIds,
  inclusionProofNodes,
  leafHash,
  nodeHash,
  perfectSubtrees,
  planNodeIds,
  rootFromFrontier,
  rootFromInclusionProof,
  rootFromLeafHashes,
  verifyConsistency,
  verifyInclusion,
  type Frontier,
  type NodeSource,
} from './merkle.js';

// Vectors from transparency-dev/merkle testdata (Apache-2.0), kept in shared/.
const VECTOR_ROOT = join(sharedDataDir(), 'merkle') + '/';

interface InclusionVector {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

interface ConsistencyVector {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

function jsonFilesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = `${dir}/${name}`;
      if (statSync(path).isDirectory()) return jsonFilesUnder(path);
      return name.endsWith('.json') ? [path] : [];
    });
}

function loadVectors<T>(kind: string): { file: string; vector: T }[] {
  return jsonFilesUnder(VECTOR_ROOT + kind).map((file) => ({
    file: file.slice(VECTOR_ROOT.length),
    vector: JSON.parse(readFileSync(file, 'utf8')) as T,
  }));
}

const b64 = (s: string): Buffer => Buffer.from(s, 'base64');
const proofOf = (p: string[] | null): Buffer[] => (p ?? []).map(b64);
const hex = (s: string): Buffer => Buffer.from(s, 'hex');

describe('transparency-dev vectors', () => {
  const inclusion = loadVectors<InclusionVector>('inclusion');
  const consistency = loadVectors<ConsistencyVector>('consistency');

  it('found the vector files', () => {
    expect(inclusion.length).toBeGreaterThanOrEqual(98);
    expect(consistency.length).toBeGreaterThanOrEqual(98);
    expect(inclusion.filter((v) => !v.vector.wantErr).length).toBeGreaterThanOrEqual(6);
    expect(consistency.filter((v) => !v.vector.wantErr).length).toBeGreaterThanOrEqual(6);
  });

  it.each(inclusion)('inclusion $file', ({ vector: v }) => {
    const args = [v.leafIdx, v.treeSize, b64(v.leafHash), proofOf(v.proof), b64(v.root)] as const;
    expect(verifyInclusion(...args)).toBe(!v.wantErr);
    if (!v.wantErr) {
      expect(rootFromInclusionProof(v.leafIdx, v.treeSize, b64(v.leafHash), proofOf(v.proof))).toEqual({
        ok: true,
        root: b64(v.root),
      });
    }
  });

  it.each(consistency)('consistency $file', ({ vector: v }) => {
    expect(verifyConsistency(v.size1, v.size2, proofOf(v.proof), b64(v.root1), b64(v.root2))).toBe(!v.wantErr);
  });
});

describe('RFC 6962 reference tree', () => {
  // The eight leaves and roots used across the CT / Trillian test suites.
  const leaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
  const roots = [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
    '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
    'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
    '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
  ];

  it('computes the reference roots for sizes 1..8', () => {
    const hashes = leaves.map((l) => leafHash(hex(l)));
    roots.forEach((root, i) => {
      expect(rootFromLeafHashes(hashes.slice(0, i + 1)).toString('hex')).toBe(root);
    });
  });

  it('hashes the empty tree to SHA-256("")', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(rootFromLeafHashes([])).toEqual(EMPTY_ROOT);
  });
});

/** All perfect subtrees of a tree, gathered from the append output. */
function buildTree(leaves: readonly Buffer[]): { source: NodeSource; nodeCount: number; frontiers: Frontier[] } {
  const nodes = new Map<string, Buffer>();
  const frontiers: Frontier[] = [EMPTY_FRONTIER];
  let frontier = EMPTY_FRONTIER;
  for (const leaf of leaves) {
    const result = appendLeaf(frontier, leaf);
    for (const n of result.nodes) nodes.set(`${n.level}/${n.index}`, n.hash);
    frontier = result.frontier;
    frontiers.push(frontier);
  }
  return { source: { get: (level, index) => nodes.get(`${level}/${index}`) }, nodeCount: nodes.size, frontiers };
}

function proofFromPlan(plan: Parameters<typeof assembleProof>[0], source: NodeSource): Buffer[] {
  // Mimic the store: one batched lookup, then pure assembly from the fetched rows only.
  const fetched = new Map<string, Uint8Array>();
  for (const { level, index } of planNodeIds(plan)) {
    const hash = source.get(level, index);
    if (hash !== undefined) fetched.set(`${level}/${index}`, hash);
  }
  return assembleProof(plan, { get: (level, index) => fetched.get(`${level}/${index}`) });
}

describe('generated proofs for every tree size 1..70', () => {
  const MAX = 70;
  const leaves = Array.from({ length: MAX }, () => leafHash(randomBytes(16)));
  const { source, nodeCount, frontiers } = buildTree(leaves);
  const roots = Array.from({ length: MAX + 1 }, (_, n) => rootFromLeafHashes(leaves.slice(0, n)));

  it('stores exactly the perfect subtrees, each with the right hash', () => {
    let expected = 0;
    for (let level = 0; 2 ** level <= MAX; level++) {
      const width = 2 ** level;
      for (let index = 0; (index + 1) * width <= MAX; index++) {
        expected++;
        expect(source.get(level, index)).toEqual(rootFromLeafHashes(leaves.slice(index * width, (index + 1) * width)));
      }
    }
    expect(nodeCount).toBe(expected);
  });

  it('frontier roots match MTH after every append', () => {
    frontiers.forEach((frontier, n) => {
      expect(frontier.size).toBe(n);
      expect(rootFromFrontier(frontier)).toEqual(roots[n]);
      const stored = frontierNodeIds(n).map(({ level, index }) => source.get(level, index));
      expect(stored).toEqual(frontier.hashes);
    });
  });

  it('inclusion proofs verify for every index', () => {
    for (let size = 1; size <= MAX; size++) {
      const root = roots[size] as Buffer;
      for (let index = 0; index < size; index++) {
        const leaf = leaves[index] as Buffer;
        const proof = proofFromPlan(inclusionProofNodes(index, size), source);
        expect(checkInclusion(index, size, leaf, proof, root)).toEqual({ ok: true });
        if (size > 1) {
          expect(verifyInclusion(index, size, leaf, proof, roots[size - 1] as Buffer)).toBe(false);
          expect(verifyInclusion(index, size, leaf, proof.slice(1), root)).toBe(false);
          expect(verifyInclusion(index, size, leaf, [...proof, root], root)).toBe(false);
          expect(verifyInclusion((index + 1) % size, size, leaf, proof, root)).toBe(false);
        }
      }
    }
  });

  it('consistency proofs verify for every pair size1 <= size2', () => {
    for (let size2 = 1; size2 <= MAX; size2++) {
      for (let size1 = 1; size1 <= size2; size1++) {
        const proof = proofFromPlan(consistencyProofNodes(size1, size2), source);
        const root1 = roots[size1] as Buffer;
        const root2 = roots[size2] as Buffer;
        expect(checkConsistency(size1, size2, proof, root1, root2)).toEqual({ ok: true });
        if (size1 < size2) {
          expect(verifyConsistency(size1, size2, proof, root2, root1)).toBe(false);
          expect(verifyConsistency(size1, size2, proof.slice(0, -1), root1, root2)).toBe(false);
          expect(verifyConsistency(size1, size2, [...proof, root1], root1, root2)).toBe(false);
          expect(verifyConsistency(size1 + 1, size2, proof, root1, root2)).toBe(false);
        }
      }
    }
  });

  it('plans reference only perfect subtrees and stay logarithmic', () => {
    for (let size = 1; size <= MAX; size++) {
      const bound = 2 * Math.ceil(Math.log2(size + 1)) + 2;
      for (let i = 0; i < size; i++) {
        const plan = inclusionProofNodes(i, size);
        expect(planNodeIds(plan).length).toBeLessThanOrEqual(bound);
        for (const { level, index } of planNodeIds(plan)) expect((index + 1) * 2 ** level).toBeLessThanOrEqual(size);
      }
      for (let size1 = 1; size1 <= size; size1++) {
        const ids = planNodeIds(consistencyProofNodes(size1, size));
        expect(ids.length).toBeLessThanOrEqual(bound);
        for (const { level, index } of ids) expect((index + 1) * 2 ** level).toBeLessThanOrEqual(size);
      }
    }
  });

  it('batch append equals one-by-one append', () => {
    const { frontier, nodes } = appendLeaves(EMPTY_FRONTIER, leaves);
    expect(frontier).toEqual(frontiers[MAX]);
    expect(nodes.length).toBe(nodeCount);
    const resumed = appendLeaves(frontiers[33] as Frontier, leaves.slice(33));
    expect(rootFromFrontier(resumed.frontier)).toEqual(roots[MAX]);
  });
});

describe('plans and edge cases', () => {
  const h = leafHash(Buffer.from('x'));

  it('describes right-edge subtrees as perfect pieces', () => {
    expect(perfectSubtrees(0, 7)).toEqual([
      { level: 2, index: 0 },
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ]);
    expect(perfectSubtrees(8, 13)).toEqual([
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    expect(() => perfectSubtrees(1, 4)).toThrow(RangeError);
    expect(inclusionProofNodes(0, 7).elements).toEqual([
      [{ level: 0, index: 1 }],
      [{ level: 1, index: 1 }],
      [
        { level: 1, index: 2 },
        { level: 0, index: 6 },
      ],
    ]);
  });

  it('handles very large tree sizes without 32-bit truncation', () => {
    const size = 2 ** 40 + 5;
    const plan = inclusionProofNodes(size - 1, size);
    expect(plan.elements).toEqual([[{ level: 2, index: 2 ** 38 }], [{ level: 40, index: 0 }]]);
    expect(consistencyProofNodes(2 ** 33, size).elements.flat()).toContainEqual({ level: 33, index: 1 });
    const proof = assembleProof(plan, { get: () => h });
    const root = nodeHash(h, nodeHash(h, h));
    expect(verifyInclusion(size - 1, size, h, proof, root)).toBe(true);
    expect(verifyInclusion(size - 2, size, h, proof, root)).toBe(false);
  });

  it('rejects malformed verification input without throwing', () => {
    expect(checkInclusion(0, 0, h, [], h)).toEqual({ ok: false, reason: 'index-out-of-range' });
    expect(checkInclusion(-1, 3, h, [], h)).toEqual({ ok: false, reason: 'invalid-size' });
    expect(checkInclusion(0.5, 3, h, [], h)).toEqual({ ok: false, reason: 'invalid-size' });
    expect(checkInclusion(0, Number.NaN, h, [], h)).toEqual({ ok: false, reason: 'invalid-size' });
    expect(checkInclusion(0, 1, h.subarray(1), [], h)).toEqual({ ok: false, reason: 'bad-hash-length' });
    expect(checkInclusion(0, 2, h, [], h)).toEqual({ ok: false, reason: 'wrong-proof-length' });
    expect(checkInclusion(0, 1, h, [h], h)).toEqual({ ok: false, reason: 'wrong-proof-length' });
    expect(checkInclusion(0, 1, h, [], EMPTY_ROOT)).toEqual({ ok: false, reason: 'root-mismatch' });
    expect(checkConsistency(2, 1, [], h, h)).toEqual({ ok: false, reason: 'size-order' });
    expect(checkConsistency(0, 0, [], EMPTY_ROOT, EMPTY_ROOT)).toEqual({ ok: false, reason: 'empty-old-tree' });
    expect(checkConsistency(0, 5, [], EMPTY_ROOT, h)).toEqual({ ok: false, reason: 'empty-old-tree' });
    expect(checkConsistency(3, 3, [h], h, h)).toEqual({ ok: false, reason: 'unexpected-proof' });
    expect(checkConsistency(3, 3, [], h, EMPTY_ROOT)).toEqual({ ok: false, reason: 'root-mismatch' });
    expect(checkConsistency(3, 4, [h, h.subarray(2)], h, h)).toEqual({ ok: false, reason: 'bad-hash-length' });
    expect(checkConsistency(Number.MAX_SAFE_INTEGER + 1, 2 ** 60, [h], h, h)).toEqual({ ok: false, reason: 'invalid-size' });
  });

  it('refuses to plan impossible proofs', () => {
    expect(() => inclusionProofNodes(3, 3)).toThrow(RangeError);
    expect(() => consistencyProofNodes(0, 3)).toThrow(RangeError);
    expect(() => consistencyProofNodes(4, 3)).toThrow(RangeError);
    expect(consistencyProofNodes(3, 3).elements).toEqual([]);
    expect(() => assembleProof(inclusionProofNodes(0, 2), { get: () => undefined })).toThrow(/level=0 index=1/);
  });

  it('rejects an inconsistent frontier', () => {
    expect(() => rootFromFrontier({ size: 3, hashes: [h] })).toThrow(RangeError);
    expect(() => appendLeaf({ size: 1, hashes: [] }, h)).toThrow(RangeError);
    expect(() => appendLeaf(EMPTY_FRONTIER, h.subarray(1))).toThrow(RangeError);
    expect(foldSubtrees([h])).toEqual(h);
  });
});
