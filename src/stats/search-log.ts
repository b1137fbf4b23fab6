import type { DatabaseName } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import type { AuditLog } from '../audit/log.js';
import type { Clock } from '../core/clock.js';
import type { Database, Tx } from '../storage/database.js';
import { statsStore } from './store.js';

export interface SearchRecord {
  principal: Principal;
  database: DatabaseName;
  /** The query as asked (never more than the searcher sent). */
  query: Record<string, unknown>;
  /** How many searches this record stands for: 1, or the size of a batch audited as one entry. */
  searches: number;
  /** How many of those searches hit (as the searcher was told). */
  hits: number;
  location: string | null;
}

interface Pending {
  record: SearchRecord;
  resolve: () => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 2000;

/**
 * Databases whose searches are audited as one entry per searcher per group
 * commit, listing each request (decision 0005): the travel documents take
 * most of the network's traffic. Others keep one entry per search.
 */
const GROUPED_DATABASES: ReadonlySet<DatabaseName> = new Set(['documents']);

type AuditItem = Parameters<AuditLog['recordMany']>[1][number];

function outcomeOf(hits: number): 'hit' | 'no_hit' {
  return hits > 0 ? 'hit' : 'no_hit';
}

/** What one request asked and was told, as the audit entry lists it. */
function requestDetails(r: SearchRecord): Record<string, unknown> {
  return { query: r.query, searches: r.searches, outcome: outcomeOf(r.hits), hits: r.hits, location: r.location };
}

/** The audit entry's actor fields: requests sharing them can share an entry without losing who searched. */
function actorKey(p: Principal): string {
  return `${p.kind}\u0000${p.id}\u0000${p.name}\u0000${p.orgId}\u0000${p.country ?? ''}`;
}

/** The audit entries for one group commit, in the order their first search arrived. */
export function searchAuditItems(records: readonly SearchRecord[]): AuditItem[] {
  const entries: SearchRecord[][] = [];
  const groups = new Map<string, SearchRecord[]>();
  for (const r of records) {
    if (!GROUPED_DATABASES.has(r.database)) {
      entries.push([r]);
      continue;
    }
    const key = `${r.database}\u0000${actorKey(r.principal)}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else {
      groups.set(key, [r]);
      entries.push(groups.get(key) as SearchRecord[]);
    }
  }
  return entries.map((group) => {
    const first = group[0] as SearchRecord;
    const details = GROUPED_DATABASES.has(first.database) ? groupDetails(group) : requestDetails(first);
    return { actor: first.principal, event: { action: `${first.database}.search`, resourceType: `${first.database}_search`, details } };
  });
}

function groupDetails(group: readonly SearchRecord[]): Record<string, unknown> {
  let searches = 0;
  let hits = 0;
  for (const r of group) {
    searches += r.searches;
    hits += r.hits;
  }
  return { searches, hits, outcome: outcomeOf(hits), requests: group.map(requestDetails) };
}

/**
 * Every search is audited and counted before its answer leaves the hub. A
 * search writes nothing else, so searches arriving together share one
 * transaction (group commit): one fsync, one counter update per database,
 * country and day, and for the travel documents one audit entry per searcher
 * listing each of their requests with its query and outcome.
 */
export class SearchLog {
  private queue: Pending[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly database: Database,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** Resolves once the search's audit entry and counters are committed, and on disk. */
  record(record: SearchRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      this.running ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    await new Promise((r) => setImmediate(r));
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        const { durable } = await this.write(batch.map((p) => p.record));
        // While the disk syncs, the event loop serves other searches; they make the next batch.
        await durable;
        batch.forEach((p) => p.resolve());
      } catch (error) {
        batch.forEach((p) => p.reject(error));
      }
    }
    this.running = null;
  }

  /** Commits the records; `durable` resolves once the commit would survive a power loss. */
  private async write(records: readonly SearchRecord[]): Promise<{ durable: Promise<void> }> {
    const day = this.clock.now().toISOString().slice(0, 10);
    const counters = new Map<string, { database: string; country: string; searches: number; hits: number }>();
    for (const r of records) {
      const country = statsCountry(r.principal);
      const key = `${r.database}|${country}`;
      const c = counters.get(key) ?? { database: r.database, country, searches: 0, hits: 0 };
      c.searches += r.searches;
      c.hits += r.hits;
      counters.set(key, c);
    }
    const commit = async (trx: Tx) => {
      await this.audit.recordMany(trx, searchAuditItems(records));
      for (const c of counters.values()) await statsStore.add(trx, { ...c, day });
    };
    if (!this.database.groupCommit) {
      await this.database.transaction(commit);
      return { durable: Promise.resolve() };
    }
    return this.database.groupCommit(commit);
  }
}

/** Statistics are kept per member country; the hub and partners count under their own names. */
export function statsCountry(p: Principal): string {
  return p.country ?? (p.orgKind === 'hub' ? 'hub' : `partner:${p.orgId}`);
}
