import type { KeyObject } from 'node:crypto';
import type { Database } from '../storage/database.js';
import { verifyCheckpoint } from './checkpoint.js';
import { serialiseEntry, type AuditEntry } from './entry.js';
import { EMPTY_FRONTIER, appendLeaves, leafHash, nodeHash, rootFromFrontier, type Frontier } from './merkle.js';

const PAGE = 5000;
const MAX_PROBLEMS = 100;

export interface VerifyReport {
  entries: number;
  checkpoints: number;
  root: Buffer;
  problems: string[];
}

export interface VerifyOptions {
  origin: string;
  publicKey: KeyObject;
  /** A checkpoint kept outside the hub (by an auditor, a member): the log must still contain it. */
  externalCheckpoint?: string;
}

/**
 * Re-checks the whole audit log from its entries: every leaf hash, every
 * stored tree node, the head, and every signed checkpoint (signature and
 * root). Any altered byte in an entry changes its leaf hash and every root
 * after it, so it is found.
 */
export async function verifyAuditLog(database: Database, options: VerifyOptions): Promise<VerifyReport> {
  const problems: string[] = [];
  const problem = (text: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(text);
  };
  const db = database.db;

  const checkpoints = await db.selectFrom('audit_checkpoints').selectAll().orderBy('size').execute();
  const expectedRoots = new Map<number, { root: Buffer; label: string }>();
  for (const cp of checkpoints) {
    const verdict = verifyCheckpoint(cp.note, options.origin, options.publicKey);
    if (!verdict.ok) problem(`checkpoint at size ${cp.size}: signature does not verify (${verdict.message})`);
    else if (verdict.checkpoint.size !== cp.size || !Buffer.from(verdict.checkpoint.root).equals(Buffer.from(cp.root))) problem(`checkpoint at size ${cp.size}: the signed note does not match the stored size and root`);
    expectedRoots.set(cp.size, { root: Buffer.from(cp.root), label: `checkpoint at size ${cp.size}` });
  }
  if (options.externalCheckpoint !== undefined) {
    const verdict = verifyCheckpoint(options.externalCheckpoint, options.origin, options.publicKey);
    if (!verdict.ok) problem(`the given checkpoint does not verify with the hub key (${verdict.message})`);
    else expectedRoots.set(verdict.checkpoint.size, { root: Buffer.from(verdict.checkpoint.root), label: `the given checkpoint (size ${verdict.checkpoint.size})` });
  }

  let frontier: Frontier = EMPTY_FRONTIER;
  const checkRoot = () => {
    const expected = expectedRoots.get(frontier.size);
    if (expected && !rootFromFrontier(frontier).equals(expected.root)) problem(`${expected.label}: the log's entries no longer produce its root`);
  };
  checkRoot();
  for (;;) {
    const rows = await db.selectFrom('audit_entries').selectAll().where('seq', '>=', frontier.size).orderBy('seq').limit(PAGE).execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = frontier.size;
      if (row.seq !== seq) {
        problem(`entry ${seq} is missing (found ${row.seq} instead)`);
        return { entries: seq, checkpoints: checkpoints.length, root: rootFromFrontier(frontier), problems };
      }
      const hash = leafHash(Buffer.from(row.entry, 'utf8'));
      if (!hash.equals(Buffer.from(row.leaf_hash))) problem(`entry ${seq}: its content does not match its leaf hash`);
      for (const issue of columnMismatches(row.entry, row)) problem(`entry ${seq}: ${issue}`);
      frontier = appendLeaves(frontier, [hash]).frontier;
      checkRoot();
    }
  }

  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  const root = rootFromFrontier(frontier);
  if (head.size !== frontier.size) problem(`the head says ${head.size} entries; the log holds ${frontier.size}`);
  if (!Buffer.from(head.root).equals(root)) problem('the head\'s root does not match the entries');
  if (!Buffer.from(head.frontier).equals(Buffer.concat(frontier.hashes))) problem('the head\'s frontier does not match the entries');
  for (const cp of checkpoints) if (cp.size > frontier.size) problem(`checkpoint at size ${cp.size} is beyond the end of the log (${frontier.size}): entries were removed`);
  for (const [size, { label }] of expectedRoots) if (size > frontier.size) problem(`${label} is beyond the end of the log (${frontier.size}): entries were removed`);

  await verifyInnerNodes(database, frontier.size, problem);
  return { entries: frontier.size, checkpoints: checkpoints.length, root, problems };
}

/** The parsed entry must say what the indexed columns say, and be stored canonically. */
function columnMismatches(text: string, row: { seq: number; action: string; resource_type: string; resource_id: string | null; actor_id: string; actor_type: string }): string[] {
  let entry: AuditEntry;
  try {
    entry = JSON.parse(text) as AuditEntry;
  } catch {
    return ['is not valid JSON'];
  }
  const issues: string[] = [];
  if (serialiseEntry(entry) !== text) issues.push('is not stored in canonical form');
  if (entry.seq !== row.seq) issues.push(`says seq ${entry.seq}`);
  if (entry.action !== row.action) issues.push(`the action column (${row.action}) differs from the entry (${entry.action})`);
  if (entry.resource?.type !== row.resource_type || entry.resource?.id !== row.resource_id) issues.push('the resource columns differ from the entry');
  if (entry.actor?.id !== row.actor_id || entry.actor?.type !== row.actor_type) issues.push('the actor columns differ from the entry');
  return issues;
}

/**
 * Every stored node above the leaves must be the hash of its two children,
 * and none may be missing. The leaves are the entries' leaf hashes, checked
 * against their content before this runs.
 */
async function verifyInnerNodes(database: Database, size: number, problem: (text: string) => void): Promise<void> {
  const db = database.db;
  const nodesAt = (level: number, from: number, to: number) =>
    level === 0
      ? db.selectFrom('audit_entries').select(['seq as idx', 'leaf_hash as hash']).where('seq', '>=', from).where('seq', '<', to).orderBy('seq').execute()
      : db.selectFrom('audit_nodes').select(['idx', 'hash']).where('level', '=', level).where('idx', '>=', from).where('idx', '<', to).orderBy('idx').execute();
  for (let level = 1; 2 ** level <= size; level++) {
    const count = Math.floor(size / 2 ** level);
    for (let from = 0; from < count; from += PAGE) {
      const to = Math.min(count, from + PAGE);
      const [parents, children] = await Promise.all([nodesAt(level, from, to), nodesAt(level - 1, 2 * from, 2 * to)]);
      const child = new Map(children.map((c) => [c.idx, c.hash]));
      const parent = new Map(parents.map((p) => [p.idx, Buffer.from(p.hash)]));
      for (let idx = from; idx < to; idx++) {
        const left = child.get(2 * idx);
        const right = child.get(2 * idx + 1);
        const stored = parent.get(idx);
        if (!left || !right || !stored) problem(`tree node level ${level} index ${idx} or a child of it is missing`);
        else if (!nodeHash(left, right).equals(stored)) problem(`tree node level ${level} index ${idx} is not the hash of its children`);
      }
    }
  }
}
