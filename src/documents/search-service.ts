import { createHash } from 'node:crypto';
import type { Principal } from '../access/principal.js';
import { isHubStaff } from '../access/principal.js';
import { AppError } from '../core/errors.js';
import type { HitService } from '../hits/service.js';
import type { SearchLog } from '../stats/search-log.js';
import type { TravelDocumentRow } from '../storage/schema.js';
import { LIMITS, type HitMatch, type SearchItem, type SearchResult } from './schema.js';
import { parseQuery, type Candidate, type DocumentQuery, type DocumentSearch } from './search.js';

export const HIT_INSTRUCTION =
  'Possible match. Do not act on this hit alone: hold the document and contact your NCB, which confirms it with the owning country\'s NCB before any action.';

/** Whether the owner's restrictions let the searcher see the record. */
export function visibleTo(row: TravelDocumentRow, p: Principal): boolean {
  if (isHubStaff(p) || row.owner_country === p.country) return true;
  if (row.visibility === 'all') return true;
  if (row.visibility === 'countries') return p.country !== null && (JSON.parse(row.visible_to) as string[]).includes(p.country);
  return false;
}

function matchOf(c: Candidate): HitMatch['match'] {
  return {
    kind: c.kind,
    differences: c.differences.map((d) => ({ ...d })),
    ...(c.kind === 'blank_range' && c.row.range_prefix !== null
      ? { range: { from: c.row.range_prefix + String(c.row.range_first).padStart(c.row.range_digits ?? 0, '0'), to: c.row.range_prefix + String(c.row.range_last).padStart(c.row.range_digits ?? 0, '0') } }
      : {}),
  };
}

/**
 * A search as a searcher experiences it: parse, find, apply the owner's
 * restrictions, open hits, and audit — the answer leaves only once its audit
 * entry is committed.
 */
export class DocumentSearchService {
  constructor(
    private readonly search: DocumentSearch,
    private readonly hits: HitService,
    private readonly searchLog: SearchLog,
  ) {}

  async searchOne(p: Principal, item: SearchItem, location: string | null): Promise<SearchResult> {
    const query = parseQuery(item);
    const [result] = await this.resolve(p, [query], [item], location);
    const answer = result as SearchResult;
    await this.searchLog.record({ principal: p, database: 'documents', query: { number: query.number, issuingState: query.issuingState, viaMrz: item.mrz !== undefined }, searches: 1, hits: answer.outcome === 'hit' ? 1 : 0, location });
    return answer;
  }

  /**
   * Up to the batch limit; an invalid item is answered as an error and does
   * not stop the others. `bodySha256`: the digest of the request body as it
   * arrived, which the audit entry keeps; without it, a digest of the items.
   */
  async searchBatch(p: Principal, items: readonly SearchItem[], location: string | null, bodySha256?: string): Promise<SearchResult[]> {
    if (items.length === 0) throw new AppError('document.batch_empty', 'send at least one search');
    if (items.length > LIMITS.batchSearches) throw new AppError('document.batch_too_large', `a batch holds at most ${LIMITS.batchSearches} searches; use the NDJSON stream for more`);
    const results = new Array<SearchResult>(items.length);
    const queries: DocumentQuery[] = [];
    const asked: SearchItem[] = [];
    const positions: number[] = [];
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as SearchItem;
      try {
        // Pointers are made relative and placed only for the few invalid items.
        queries.push(parseQuery(item, ''));
        asked.push(item);
        positions.push(i);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const errors = error.errors?.map((e) => ({ pointer: `/body/items/${i}${e.pointer}`, message: e.message }));
        results[i] = { ...(item.ref === undefined ? {} : { ref: item.ref }), outcome: 'error', error: { code: error.code, message: error.message, ...(errors ? { errors } : {}) } };
      }
    }
    const found = await this.resolve(p, queries, asked, location);
    const hitQueries: SearchResult['query'][] = [];
    for (let k = 0; k < found.length; k++) {
      const result = found[k] as SearchResult;
      results[positions[k] as number] = result;
      if (result.outcome === 'hit') hitQueries.push(result.query);
    }
    // One audit request for the batch: how many, every query that hit, and a digest of what was sent —
    // the body's bytes, or else the items (JSON.stringify keeps the sender's key order, so the sender's own
    // serialisation matches).
    await this.searchLog.record({
      principal: p,
      database: 'documents',
      query: {
        batch: items.length,
        errors: items.length - queries.length,
        ...(bodySha256 !== undefined ? { bodySha256 } : { sha256: createHash('sha256').update(JSON.stringify(items)).digest('hex') }),
        hitQueries,
      },
      searches: queries.length,
      hits: hitQueries.length,
      location,
    });
    return results;
  }

  private async resolve(p: Principal, queries: readonly DocumentQuery[], items: readonly SearchItem[], location: string | null): Promise<SearchResult[]> {
    const candidates = await this.search.findMany(queries);
    const results: SearchResult[] = [];
    for (let i = 0; i < queries.length; i++) {
      const q = queries[i] as DocumentQuery;
      const ref = (items[i] as SearchItem).ref;
      const found = candidates[i] ?? [];
      const query = { number: q.number, issuingState: q.issuingState };
      if (found.length === 0) {
        results.push(ref === undefined ? { outcome: 'no_hit', query } : { ref, outcome: 'no_hit', query });
        continue;
      }
      const base = { ...(ref === undefined ? {} : { ref }), query };
      const recorded = await this.hits.record(p, found.map((c) => ({
        database: 'documents' as const,
        recordId: c.row.id,
        ownerOrgId: c.row.owner_org_id,
        query: { number: q.number, issuingState: q.issuingState, ...(q.documentCode ? { documentCode: q.documentCode } : {}) },
        match: { ...matchOf(c), recordedNumber: c.recordedNumber },
        concealed: !visibleTo(c.row, p),
        location,
        priority: 'urgent' as const,
      })));
      const shown: HitMatch[] = [];
      found.forEach((c, k) => {
        const hit = recorded[k];
        if (!hit || hit.hit.concealed) return;
        shown.push({
          hitId: hit.hit.id,
          caseId: hit.case?.id ?? null,
          issuingState: c.row.issuing_state,
          documentType: c.row.document_type,
          number: c.recordedNumber,
          status: c.row.status,
          reportedOn: c.row.created_at.slice(0, 10),
          ownerCountry: c.row.owner_country,
          match: matchOf(c),
        });
      });
      results.push(shown.length > 0 ? { ...base, outcome: 'hit', hits: shown, instruction: HIT_INSTRUCTION } : { ...base, outcome: 'no_hit' });
    }
    return results;
  }
}
