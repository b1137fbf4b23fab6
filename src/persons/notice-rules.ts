import { AppError } from '../core/errors.js';
import type { NoticeRow } from '../storage/schema.js';
import { NOTICE_TYPES, type NoticeKind, type NoticeStatus, type NoticeType } from './schema.js';

/**
 * Where a notice or diffusion may go from each status. A notice is requested
 * by an NCB, taken under review by the hub, then published or refused; the
 * requester (or the hub) may cancel it while it is open; it expires at its
 * review date. A diffusion is in force from the moment it is sent
 * (`published`), without review. Refused, cancelled and expired are final.
 */
export const NOTICE_TRANSITIONS: Readonly<Record<NoticeKind, Readonly<Record<NoticeStatus, readonly NoticeStatus[]>>>> = {
  notice: {
    requested: ['under_review', 'cancelled', 'expired'],
    under_review: ['published', 'refused', 'cancelled', 'expired'],
    published: ['cancelled', 'expired'],
    refused: [],
    cancelled: [],
    expired: [],
  },
  diffusion: {
    requested: [],
    under_review: [],
    published: ['cancelled', 'expired'],
    refused: [],
    cancelled: [],
    expired: [],
  },
};

/** Statuses the hub's reviewers move a notice to; `expired` is the clock's alone. */
export const REVIEW_STATUSES: readonly NoticeStatus[] = ['under_review', 'published', 'refused'];

const OPEN: readonly NoticeStatus[] = ['requested', 'under_review', 'published'];

/** The status as of `today`: an open notice whose review date has come is expired, whether or not the hub has recorded it yet. */
export function effectiveStatus(row: Pick<NoticeRow, 'status' | 'review_date'>, today: string): NoticeStatus {
  return OPEN.includes(row.status) && row.review_date <= today ? 'expired' : row.status;
}

/** In force: published and not past its review date. */
export function inForce(row: Pick<NoticeRow, 'status' | 'review_date'>, today: string): boolean {
  return effectiveStatus(row, today) === 'published';
}

/** Refuses a move the rules do not allow, with the stable code `notice.invalid_transition`. */
export function checkTransition(row: Pick<NoticeRow, 'kind' | 'status' | 'review_date'>, to: NoticeStatus, today: string): void {
  const from = effectiveStatus(row, today);
  if (to === 'expired') throw new AppError('notice.invalid_transition', 'a notice expires by itself at its review date; cancel it to end it sooner');
  if (to === 'requested') throw new AppError('notice.invalid_transition', 'a notice is requested once, when it is made');
  const allowed = NOTICE_TRANSITIONS[row.kind][from];
  if (!allowed.includes(to)) {
    const next = allowed.filter((s) => s !== 'expired');
    throw new AppError('notice.invalid_transition', `a ${row.kind} that is ${from} cannot become ${to}${next.length > 0 ? `; it can become ${next.join(' or ')}` : '; that is final'}`);
  }
}

export function isNoticeType(value: string): value is NoticeType {
  return (NOTICE_TYPES as readonly string[]).includes(value);
}
