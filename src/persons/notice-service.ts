import { noticePolicy } from '../access/policies.js';
import { systemPrincipal, type Principal } from '../access/principal.js';
import type { AuditLog } from '../audit/log.js';
import type { Clock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import { isUniqueViolation } from '../documents/store.js';
import { isMemberCountryCode } from '../registry/countries.js';
import type { Database, Tx } from '../storage/database.js';
import type { NoticeRow, PersonRow } from '../storage/schema.js';
import { checkTransition, effectiveStatus, isNoticeType } from './notice-rules.js';
import { NOTICE_TYPES, type Notice, type NoticeStatus, type RequestNoticeBody, type UpdateNoticeBody } from './schema.js';
import { noticeAccess, personAccess } from './screening.js';
import { newNoticeRow, noticeStore, personStore, presentNotice } from './store.js';
import { CodedProblems } from './validate.js';

const VERB: Readonly<Record<NoticeStatus, string>> = {
  requested: 'request', under_review: 'review', published: 'publish', refused: 'refuse', cancelled: 'cancel', expired: 'expire',
};
const EXPIRY_SWEEP_MS = 60 * 60 * 1000;

function addYears(day: string, years: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

function realDate(value: string): boolean {
  const d = new Date(`${value}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export async function loadPerson(db: Tx, id: string): Promise<PersonRow> {
  const row = await personStore.get(db, id);
  if (!row) throw new AppError('person.not_found', `no person record ${id}`);
  return row;
}

async function loadNotice(db: Tx, id: string): Promise<NoticeRow> {
  const row = await noticeStore.get(db, id);
  if (!row) throw new AppError('notice.not_found', `no notice or diffusion ${id}`);
  return row;
}

/**
 * Notices and diffusions: requested, reviewed, published, refused, cancelled
 * and expired, each step checked against the rules (notice-rules.ts),
 * authorised (access/policies.ts) and audited in the transaction that makes it.
 */
export class NoticeService {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly database: Database,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private readonly hubOrgId: string,
  ) {}

  async request(p: Principal, personId: string, body: RequestNoticeBody): Promise<Notice> {
    const now = this.clock.now().toISOString();
    const today = now.slice(0, 10);
    try {
      return await this.database.transaction(async (trx) => {
        const person = await loadPerson(trx, personId);
        noticePolicy.request(p, { ownerCountry: person.owner_country });
        if (person.state !== 'active') throw new AppError('person.conflict', 'the person record was cancelled');
        const kind = body.kind ?? 'notice';
        if (!isNoticeType(body.type)) {
          throw new AppError('notice.unknown_type', `${body.type} is not a notice type; use one of ${NOTICE_TYPES.join(', ')}`, { errors: [{ pointer: '/body/type', message: `one of ${NOTICE_TYPES.join(', ')}` }] });
        }
        const problems = new CodedProblems();
        const countries = [...(body.countries ?? [])].sort();
        if (kind === 'diffusion' && countries.length === 0) problems.add('/countries', 'name the countries the diffusion goes to');
        if (kind === 'notice' && body.countries !== undefined) problems.add('/countries', 'a notice goes to every member; name countries only for a diffusion');
        const unknown = countries.filter((c) => !isMemberCountryCode(c));
        if (unknown.length > 0) problems.add('/countries', `not INTERPOL member countries: ${unknown.join(', ')}`);
        let reviewDate = person.review_date > today ? person.review_date : addYears(today, 1);
        if (body.reviewDate !== undefined) {
          if (!realDate(body.reviewDate)) problems.add('/reviewDate', `${body.reviewDate} is not a calendar date`);
          else if (body.reviewDate <= today) problems.add('/reviewDate', 'the review date must be in the future');
          else if (body.reviewDate > addYears(today, 10)) problems.add('/reviewDate', 'a notice is reviewed at least every 10 years');
          else reviewDate = body.reviewDate;
        }
        problems.throwIfAny('notice.invalid');

        // What expired is recorded first: an expired notice of this type no longer stands in the way.
        await this.expireDue(trx, today, now, personId);
        if (kind === 'notice') {
          const open = (await noticeStore.ofPerson(trx, personId)).find((n) => n.kind === 'notice' && n.type === body.type && ['requested', 'under_review', 'published'].includes(n.status));
          if (open) throw new AppError('notice.duplicate', `the person already has a ${body.type} notice (${open.id}, ${open.status})`);
        }
        const row = newNoticeRow({
          person_id: personId, kind, type: body.type, status: kind === 'diffusion' ? 'published' : 'requested', summary: body.summary,
          countries: JSON.stringify(kind === 'diffusion' ? countries : []), requester_org_id: p.orgId, requester_country: p.country as string,
          review_date: reviewDate, created_at: now, created_by: p.id, published_at: kind === 'diffusion' ? now : null,
        });
        await noticeStore.insert(trx, row, p);
        await this.audit.record(trx, p, {
          action: kind === 'diffusion' ? 'notices.diffuse' : 'notices.request', resourceType: 'notice', resourceId: row.id,
          details: { person: personId, kind, type: row.type, countries: kind === 'diffusion' ? countries : [], reviewDate },
        });
        return presentNotice(row, today, await noticeStore.events(trx, row.id));
      });
    } catch (error) {
      // Two requests of the same type at once: both saw none open, the unique index refused the later one.
      if (isUniqueViolation(error)) throw new AppError('notice.duplicate', `the person already has an open ${body.type} notice`);
      throw error;
    }
  }

  async transition(p: Principal, id: string, body: UpdateNoticeBody): Promise<Notice> {
    const now = this.clock.now().toISOString();
    const today = now.slice(0, 10);
    return this.database.transaction(async (trx) => {
      const row = await loadNotice(trx, id);
      noticePolicy.transition(p, { requesterCountry: row.requester_country }, body.status);
      if (body.version !== undefined && body.version !== row.version) throw new AppError('notice.conflict', `the notice is at version ${row.version}, not ${body.version}; reload it`);
      checkTransition(row, body.status, today);
      if (body.status === 'refused' && body.reason === undefined) {
        throw new AppError('notice.invalid', 'say why the notice is refused', { errors: [{ pointer: '/body/reason', message: 'required to refuse' }] });
      }
      if (!(await noticeStore.transition(trx, row, body.status, p, body.reason ?? null, now))) throw new AppError('notice.conflict', 'the notice changed meanwhile; reload it');
      await this.audit.record(trx, p, {
        action: `notices.${VERB[body.status]}`, resourceType: 'notice', resourceId: row.id,
        details: { person: row.person_id, kind: row.kind, type: row.type, from: row.status, to: body.status, reason: body.reason ?? null },
      });
      return presentNotice(await loadNotice(trx, row.id), today, await noticeStore.events(trx, row.id));
    });
  }

  async read(p: Principal, id: string): Promise<Notice> {
    const today = this.clock.now().toISOString().slice(0, 10);
    return this.database.transaction(async (trx) => {
      const row = await loadNotice(trx, id);
      const person = await loadPerson(trx, row.person_id);
      noticePolicy.read(p, noticeAccess(row, today), personAccess(person));
      await this.audit.record(trx, p, { action: 'notices.read', resourceType: 'notice', resourceId: row.id });
      return presentNotice(row, today, await noticeStore.events(trx, row.id));
    });
  }

  /** The notices of one person the caller may see. */
  async ofPerson(p: Principal, personId: string): Promise<Notice[]> {
    const today = this.clock.now().toISOString().slice(0, 10);
    return this.database.transaction(async (trx) => {
      const person = await loadPerson(trx, personId);
      noticePolicy.list(p, undefined);
      const rows = (await noticeStore.ofPerson(trx, personId)).filter((n) => noticePolicy.visible(p, noticeAccess(n, today), personAccess(person)));
      await this.audit.record(trx, p, { action: 'notices.list', resourceType: 'notice', details: { person: personId, returned: rows.length } });
      return rows.map((n) => presentNotice(n, today));
    });
  }

  async list(p: Principal, query: { country?: string | undefined; status?: NoticeStatus | undefined; kind?: string | undefined; after?: string | undefined; limit?: number | undefined }): Promise<Notice[]> {
    const today = this.clock.now().toISOString().slice(0, 10);
    const visible = noticePolicy.list(p, query.country);
    return this.database.transaction(async (trx) => {
      const rows = await noticeStore.list(trx, visible, { status: query.status, kind: query.kind, after: query.after, limit: query.limit ?? 100 });
      await this.audit.record(trx, p, { action: 'notices.list', resourceType: 'notice', details: { country: visible.all ? null : visible.country, status: query.status ?? null, returned: rows.length } });
      return rows.map((n) => presentNotice(n, today));
    });
  }

  /** Ends a cancelled person's open notices and diffusions, in the caller's transaction. */
  async closeAllOf(trx: Tx, p: Principal, personId: string, now: string): Promise<void> {
    const today = now.slice(0, 10);
    await this.expireDue(trx, today, now, personId);
    for (const n of await noticeStore.ofPerson(trx, personId)) {
      if (!['requested', 'under_review', 'published'].includes(n.status)) continue;
      if (!(await noticeStore.transition(trx, n, 'cancelled', p, 'the person record was cancelled', now))) throw new AppError('notice.conflict', 'a notice of the person changed meanwhile; try again');
      await this.audit.record(trx, p, { action: 'notices.cancel', resourceType: 'notice', resourceId: n.id, details: { person: personId, kind: n.kind, type: n.type, from: n.status, to: 'cancelled', reason: 'the person record was cancelled' } });
    }
  }

  /** Records as expired every open notice whose review date has come (of one person, or all); answers how many. */
  async expireDue(trx: Tx, today: string, now: string, personId?: string): Promise<number> {
    const actor = systemPrincipal('notice-expiry', this.hubOrgId);
    let count = 0;
    for (const n of await noticeStore.due(trx, today, personId)) {
      if (effectiveStatus(n, today) !== 'expired') continue;
      if (!(await noticeStore.transition(trx, n, 'expired', actor, `review date ${n.review_date}`, now))) continue; // someone else moved it first
      await this.audit.record(trx, actor, { action: 'notices.expire', resourceType: 'notice', resourceId: n.id, details: { person: n.person_id, kind: n.kind, type: n.type, from: n.status, to: 'expired', reviewDate: n.review_date } });
      count++;
    }
    return count;
  }

  /** One sweep over all notices, in batches; the hub runs it at start and every hour. */
  async sweep(): Promise<number> {
    let total = 0;
    for (;;) {
      const now = this.clock.now().toISOString();
      const n = await this.database.transaction((trx) => this.expireDue(trx, now.slice(0, 10), now));
      total += n;
      if (n < 1000) return total;
    }
  }

  /** Sweeps now and then every hour until `stop`; a failed sweep is reported and tried again next time. */
  start(onError: (error: unknown) => void): void {
    const run = () => {
      this.running ??= this.sweep().then(() => undefined, onError).finally(() => (this.running = null));
    };
    run();
    this.timer = setInterval(run, EXPIRY_SWEEP_MS);
    this.timer.unref();
  }

  /** Stops sweeping; resolves once a sweep under way has finished. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}

