import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.js';
import { NOTICE_TRANSITIONS, checkTransition, effectiveStatus, inForce } from './notice-rules.js';
import { NOTICE_KINDS, NOTICE_STATUSES, type NoticeStatus } from './schema.js';

const TODAY = '2026-11-23';

describe('notice rules', () => {
  it('allows exactly the moves of the table, refusing every other with notice.invalid_transition', () => {
    const allowed: string[] = [];
    for (const kind of NOTICE_KINDS) {
      for (const from of NOTICE_STATUSES) {
        for (const to of NOTICE_STATUSES) {
          try {
            checkTransition({ kind, status: from, review_date: '2030-01-01' }, to, TODAY);
            allowed.push(`${kind}: ${from} → ${to}`);
          } catch (error) {
            expect(error).toBeInstanceOf(AppError);
            expect((error as AppError).code).toBe('notice.invalid_transition');
          }
        }
      }
    }
    expect(allowed).toEqual([
      'notice: requested → under_review', 'notice: requested → cancelled',
      'notice: under_review → published', 'notice: under_review → refused', 'notice: under_review → cancelled',
      'notice: published → cancelled',
      'diffusion: published → cancelled',
    ]);
  });

  it('final statuses lead nowhere', () => {
    for (const kind of NOTICE_KINDS) for (const s of ['refused', 'cancelled', 'expired'] as NoticeStatus[]) expect(NOTICE_TRANSITIONS[kind][s]).toEqual([]);
  });

  it('an open notice is expired from its review date on; a closed one keeps its status', () => {
    expect(effectiveStatus({ status: 'published', review_date: '2026-11-24' }, TODAY)).toBe('published');
    expect(effectiveStatus({ status: 'published', review_date: TODAY }, TODAY)).toBe('expired');
    expect(effectiveStatus({ status: 'requested', review_date: '2026-01-01' }, TODAY)).toBe('expired');
    expect(effectiveStatus({ status: 'refused', review_date: '2026-01-01' }, TODAY)).toBe('refused');
    expect(inForce({ status: 'published', review_date: TODAY }, TODAY)).toBe(false);
    expect(() => checkTransition({ kind: 'notice', status: 'published', review_date: TODAY }, 'cancelled', TODAY)).toThrow(/expired/);
  });
});
