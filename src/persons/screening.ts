import { noticePolicy, personPolicy, type NoticeAccess, type PersonAccess, type PersonCirculation } from '../access/policies.js';
import type { Principal } from '../access/principal.js';
import type { Clock } from '../core/clock.js';
import type { HitInput, HitService } from '../hits/service.js';
import type { SearchLog } from '../stats/search-log.js';
import type { Executor } from '../storage/database.js';
import type { NoticeRow, PersonRow } from '../storage/schema.js';
import { AppError } from '../core/errors.js';
import { isNameError, type Candidate, type ScreeningQuery } from './names/index.js';
import { effectiveStatus } from './notice-rules.js';
import type { PersonIndex } from './person-index.js';
import { PERSON_LIMITS, type Explanation, type Notice, type ScreenBody, type ScreeningCandidate, type ScreeningResult } from './schema.js';
import { noticeStore, personStore, presentParticulars } from './store.js';
import { codeOfNameError, validateScreening } from './validate.js';

export const PERSON_HIT_INSTRUCTION =
  'Possible match. Do not act on this hit alone: check the identity against the person in front of you and contact your NCB, which confirms it with the owning country\'s NCB before any action.';

export function personAccess(row: Pick<PersonRow, 'owner_country' | 'visibility' | 'visible_to'>): PersonAccess {
  return { ownerCountry: row.owner_country, visibility: row.visibility, visibleTo: JSON.parse(row.visible_to) as string[] };
}

export function noticeAccess(row: NoticeRow, today: string): NoticeAccess {
  return { requesterCountry: row.requester_country, kind: row.kind, status: effectiveStatus(row, today), countries: JSON.parse(row.countries) as string[] };
}

/** How the notices and diffusions in force circulate a person. */
export function circulationOf(inForce: readonly NoticeRow[]): PersonCirculation {
  return {
    notice: inForce.some((n) => n.kind === 'notice'),
    diffusedTo: inForce.filter((n) => n.kind === 'diffusion').flatMap((n) => JSON.parse(n.countries) as string[]),
  };
}

function explain(c: Candidate): Explanation {
  return {
    nameScore: c.nameScore,
    queryName: c.queryName,
    recordName: { index: c.recordName.index, parts: [...c.recordName.parts] },
    matches: c.matches.map((m) => ({
      query: m.query, record: m.record, method: m.method, score: m.score, via: m.via,
      ...(m.editDistance === undefined ? {} : { editDistance: m.editDistance }),
      ...(m.jaroWinkler === undefined ? {} : { jaroWinkler: m.jaroWinkler }),
    })),
    unmatchedQuery: [...c.unmatchedQuery],
    unmatchedRecord: [...c.unmatchedRecord],
    birthDate: { agreement: c.birthDate.agreement, detail: c.birthDate.detail },
    ...(c.commonName ? { commonName: { ...c.commonName } } : {}),
    sex: c.sex,
    nationality: c.nationality,
  };
}

interface Found {
  candidate: Candidate;
  row: PersonRow;
  notices: NoticeRow[];
  hit: boolean;
}

/**
 * A screening as a searcher experiences it: the name index proposes
 * candidates (from memory), the database is read for those few, the owner's
 * restrictions and the person's circulation decide what the searcher may see,
 * candidates at or above the owner's threshold become hits (concealed where
 * the searcher may not see them), and the screening is audited and counted
 * before the answer leaves.
 */
export class PersonScreening {
  constructor(
    private readonly db: Executor,
    private readonly index: PersonIndex,
    private readonly hits: HitService,
    private readonly searchLog: SearchLog,
    private readonly clock: Clock,
  ) {}

  async screen(p: Principal, body: ScreenBody): Promise<ScreeningResult> {
    const today = this.clock.now().toISOString().slice(0, 10);
    const { query, asked } = validateScreening(body, today);
    const limit = body.limit ?? PERSON_LIMITS.screenDefaultLimit;
    const minScore = body.minScore ?? PERSON_LIMITS.defaultMinScore;
    const location = body.location ?? null;

    // Ask for more than will be shown: some candidates may be hidden from this searcher.
    const proposed = this.propose(query, limit, minScore);
    const rows = new Map((await personStore.activeBySeq(this.db, proposed.map((c) => c.personId))).map((r) => [Number(r.seq), r]));
    const notices = new Map<string, NoticeRow[]>();
    for (const n of await noticeStore.inForce(this.db, [...rows.values()].map((r) => r.id), today)) notices.set(n.person_id, [...(notices.get(n.person_id) ?? []), n]);

    const shown: Found[] = [];
    const concealed: Found[] = [];
    for (const candidate of proposed) {
      const row = rows.get(candidate.personId);
      if (!row) continue; // cancelled since the index was told
      const inForce = notices.get(row.id) ?? [];
      const found = { candidate, row, notices: inForce, hit: candidate.score >= row.hit_threshold };
      const reach = personPolicy.reach(p, personAccess(row), circulationOf(inForce));
      if (reach === 'visible' && (found.hit || candidate.score >= minScore)) shown.push(found);
      else if (reach === 'concealed' && found.hit) concealed.push(found);
    }
    const listed = shown.slice(0, limit);
    const hitting = [...listed.filter((f) => f.hit), ...concealed];
    const recorded = await this.hits.record(p, hitting.map((f) => this.hitInput(p, f, asked, location)));
    const hitOf = new Map(hitting.map((f, i) => [f.row.id, recorded[i]]));

    const candidates: ScreeningCandidate[] = listed.map((f) => {
      const hit = f.hit ? hitOf.get(f.row.id) : undefined;
      return {
        score: f.candidate.score,
        hit: f.hit,
        hitId: hit?.hit.id ?? null,
        caseId: hit?.case?.id ?? null,
        person: presentParticulars(f.row),
        notices: f.notices.filter((n) => noticePolicy.visible(p, noticeAccess(n, today), personAccess(f.row))).map((n) => summaryOf(n)),
        explanation: explain(f.candidate),
      };
    });
    const outcome = candidates.some((c) => c.hit) ? 'hit' : candidates.length > 0 ? 'possible_match' : 'no_hit';
    await this.searchLog.record({
      principal: p,
      database: 'persons',
      query: { ...asked, limit, minScore, shown: candidates.map((c) => c.person.id) },
      searches: 1,
      hits: outcome === 'hit' ? 1 : 0,
      location,
    });
    return { outcome, candidates, ...(outcome === 'hit' ? { instruction: PERSON_HIT_INSTRUCTION } : {}) };
  }

  private propose(query: ScreeningQuery, limit: number, minScore: number): Candidate[] {
    try {
      return this.index.screen(query, { limit: Math.min(1000, limit * 4 + 20), threshold: Math.min(minScore, PERSON_LIMITS.hitThresholdFloor) });
    } catch (error) {
      // The query was checked field by field already; this is the engine being stricter than those checks.
      if (isNameError(error)) throw new AppError(codeOfNameError(error.code), error.message);
      throw error;
    }
  }

  private hitInput(p: Principal, f: Found, asked: Record<string, unknown>, location: string | null): HitInput {
    const reach = personPolicy.reach(p, personAccess(f.row), circulationOf(f.notices));
    return {
      database: 'persons',
      recordId: f.row.id,
      ownerOrgId: f.row.owner_org_id,
      query: asked,
      match: { score: f.candidate.score, threshold: f.row.hit_threshold, ...explain(f.candidate), notices: f.notices.map((n) => n.id) },
      concealed: reach !== 'visible',
      location,
      // Someone at a border point is there now; a desk enquiry can wait for the routine deadline.
      priority: location === null ? 'routine' : 'urgent',
    };
  }
}

function summaryOf(n: NoticeRow): Pick<Notice, 'id' | 'kind' | 'type' | 'summary' | 'publishedAt' | 'reviewDate'> {
  return { id: n.id, kind: n.kind, type: n.type as Notice['type'], summary: n.summary, publishedAt: n.published_at, reviewDate: n.review_date };
}
