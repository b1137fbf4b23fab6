import type { DatabaseName } from '../access/permissions.js';
import type { Principal } from '../access/principal.js';
import type { AuditLog } from '../audit/log.js';
import type { EventBus } from '../bus/bus.js';
import type { Clock } from '../core/clock.js';
import { ncbIdOf } from '../registry/organisations/load.js';
import { organisationStore } from '../registry/organisations/store.js';
import type { Database } from '../storage/database.js';
import type { Case, Hit } from './schema.js';
import { hitStore, presentCase, presentHit } from './store.js';

export interface HitInput {
  database: DatabaseName;
  recordId: string;
  ownerOrgId: string;
  /** What the searcher asked, as they asked it. */
  query: Record<string, unknown>;
  /** What matched and how (exact, OCR variant, range…), for the owner's review. */
  match: Record<string, unknown>;
  /** The owner's restrictions hide the record from the searcher: they are told no hit. */
  concealed: boolean;
  location: string | null;
  priority: 'routine' | 'urgent';
}

export interface RecordedHit {
  hit: Hit;
  case: Case | null;
}

/** The event published on the bus for every hit; `notify` lists the organisations to tell. */
export interface HitEvent {
  hit: Hit;
  case: Case | null;
  notify: string[];
}

export const HIT_TOPIC = 'hits.created';
export const CASE_TOPIC = 'cases.updated';

/**
 * The hit workflow, shared by every database: record who searched what and
 * what matched, open a follow-up case between the owner's NCB and the
 * searcher's NCB, audit both in the same transaction, then tell both NCBs
 * (and the hub) on the bus. A concealed hit opens no case: the searcher's
 * NCB must not learn of it.
 */
export class HitService {
  constructor(
    private readonly database: Database,
    private readonly audit: AuditLog,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly deadlines: { urgent: number; routine: number },
    private readonly hubOrgId: string,
  ) {}

  async record(searcher: Principal, inputs: readonly HitInput[]): Promise<RecordedHit[]> {
    if (inputs.length === 0) return [];
    const now = this.clock.now();
    const events: HitEvent[] = [];
    const recorded = await this.database.transaction(async (trx) => {
      const out: RecordedHit[] = [];
      for (const input of inputs) {
        const owner = await organisationStore.get(trx, input.ownerOrgId);
        const ownerNcbId = owner ? ncbIdOf(owner) : null;
        const hitRow = await hitStore.insertHit(trx, {
          database: input.database,
          record_id: input.recordId,
          owner_org_id: input.ownerOrgId,
          owner_country: owner?.country ?? null,
          searcher_type: searcher.kind,
          searcher_id: searcher.id,
          searcher_name: searcher.name,
          searcher_org_id: searcher.orgId,
          searcher_country: searcher.country,
          location: input.location,
          query: JSON.stringify(input.query),
          match: JSON.stringify(input.match),
          concealed: input.concealed ? 1 : 0,
          case_id: null,
          created_at: now.toISOString(),
        });
        let caseRow = null;
        if (!input.concealed && ownerNcbId && searcher.ncbId) {
          const seconds = input.priority === 'urgent' ? this.deadlines.urgent : this.deadlines.routine;
          caseRow = await hitStore.insertCase(trx, {
            hit_id: hitRow.id,
            database: input.database,
            record_id: input.recordId,
            owner_ncb_id: ownerNcbId,
            searcher_ncb_id: searcher.ncbId,
            priority: input.priority,
            deadline_at: new Date(now.getTime() + seconds * 1000).toISOString(),
            created_at: now.toISOString(),
            updated_at: now.toISOString(),
          }, searcher);
          await hitStore.setHitCase(trx, hitRow.id, caseRow.id);
          hitRow.case_id = caseRow.id;
        }
        await this.audit.recordMany(trx, [
          { actor: searcher, event: { action: `${input.database}.hit`, resourceType: 'hit', resourceId: hitRow.id, details: { record: input.recordId, owner: input.ownerOrgId, concealed: input.concealed, match: input.match, location: input.location } } },
          ...(caseRow ? [{ actor: searcher, event: { action: 'case.open', resourceType: 'case', resourceId: caseRow.id, details: { hit: hitRow.id, ownerNcb: caseRow.owner_ncb_id, searcherNcb: caseRow.searcher_ncb_id, deadline: caseRow.deadline_at } } }] : []),
        ]);
        const hit = presentHit(hitRow);
        const followUp = caseRow ? presentCase(caseRow, now) : null;
        out.push({ hit, case: followUp });
        const notify = new Set([this.hubOrgId, input.ownerOrgId, ...(ownerNcbId ? [ownerNcbId] : [])]);
        if (!input.concealed) [searcher.orgId, searcher.ncbId].forEach((id) => id && notify.add(id));
        events.push({ hit, case: followUp, notify: [...notify] });
      }
      return out;
    });
    for (const event of events) await this.bus.publish(HIT_TOPIC, event);
    return recorded;
  }
}
