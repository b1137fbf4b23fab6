import type { DatabaseName } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import type { AuditLog } from '../audit/log.js';
import type { Clock } from '../core/clock.js';
import type { Database } from '../storage/database.js';
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
 * Every search is audited and counted before its answer leaves the hub. A
 * search writes nothing else, so searches arriving together share one
 * transaction (group commit): one fsync for many audit entries and one
 * counter update per database, country and day.
 */
export class SearchLog {
  private queue: Pending[] = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly database: Database,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** Resolves once the search's audit entry and counters are committed. */
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
        await this.write(batch.map((p) => p.record));
        batch.forEach((p) => p.resolve());
      } catch (error) {
        batch.forEach((p) => p.reject(error));
      }
    }
    this.running = null;
  }

  private async write(records: readonly SearchRecord[]): Promise<void> {
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
    await this.database.transaction(async (trx) => {
      await this.audit.recordMany(trx, records.map((r) => ({
        actor: r.principal,
        event: { action: `${r.database}.search`, resourceType: `${r.database}_search`, details: { query: r.query, searches: r.searches, outcome: r.hits > 0 ? 'hit' : 'no_hit', hits: r.hits, location: r.location } },
      })));
      for (const c of counters.values()) await statsStore.add(trx, { ...c, day });
    });
  }
}

/** Statistics are kept per member country; the hub and partners count under their own names. */
export function statsCountry(p: Principal): string {
  return p.country ?? (p.orgKind === 'hub' ? 'hub' : `partner:${p.orgId}`);
}
