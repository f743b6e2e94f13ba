import { describe, expect, it } from 'vitest';
import { ageOn, evaluatePolicy, needsSecondApproval, REASON_TEXT, type PolicyInput } from './policy.ts';
import { PROTECTED_ATTRIBUTES } from './vocabulary.ts';

const clean: PolicyInput = {
  eligible: true,
  ineligibleReasons: [],
  requestedByYear: [{ academicYear: '2026-2027', amountMinor: 1_600_000, limitMinor: 2_000_000 }],
  requestedTotalMinor: 1_600_000,
  remainingTotalMinor: null,
  existingExposureMinor: 0,
  exposureCapMinor: 20_000_000,
  ageYears: 19,
  hasCosigner: false,
  enrolment: 'confirmed',
  fraudFlags: [],
  duplicateIdentity: false,
  score: null,
};

describe('credit policy', () => {
  it('approves a clean application on policy rules alone when no scorecard is active', () => {
    const d = evaluatePolicy(clean);
    expect(d.outcome).toBe('approve');
    expect(d.reasons).toEqual([]);
    expect(d.rules.find((r) => r.rule === 'credit_score')?.detail).toMatch(/policy rules alone/);
  });

  it.each<[string, Partial<PolicyInput>, string, string]>([
    ['ineligible', { eligible: false, ineligibleReasons: ['need_based'] }, 'decline', 'not_eligible'],
    [
      'over the yearly limit',
      { requestedByYear: [{ academicYear: '2026-2027', amountMinor: 2_500_000, limitMinor: 2_000_000 }] },
      'refer',
      'over_annual_limit',
    ],
    ['over the total', { remainingTotalMinor: 1_000_000 }, 'refer', 'over_aggregate_limit'],
    ['too much debt', { existingExposureMinor: 19_000_000 }, 'refer', 'high_existing_debt'],
    ['fraud flag', { fraudFlags: ['forged_document'] }, 'decline', 'fraud_flag'],
    ['duplicate identity', { duplicateIdentity: true }, 'refer', 'identity_unverified'],
    ['a minor alone', { ageYears: 17 }, 'decline', 'legal_capacity'],
    ['enrolment pending', { enrolment: 'pending' }, 'refer', 'enrolment_pending'],
    ['enrolment rejected', { enrolment: 'rejected' }, 'decline', 'enrolment_not_confirmed'],
    [
      'grade E',
      { score: { score: 480, pd: 0.3, grade: 'E', reasons: [], model: 'student@1' } },
      'decline',
      'credit_score',
    ],
    [
      'grade D',
      { score: { score: 540, pd: 0.12, grade: 'D', reasons: [], model: 'student@1' } },
      'refer',
      'credit_score',
    ],
  ])('%s', (_name, change, outcome, reason) => {
    const d = evaluatePolicy({ ...clean, ...change });
    expect(d.outcome).toBe(outcome);
    expect(d.reasons[0]).toBe(reason);
    expect(REASON_TEXT[reason]?.en).toBeTruthy();
    expect(REASON_TEXT[reason]?.['zh-CN']).toBeTruthy();
  });

  it('lets a minor borrow with a guardian co-signing (age only as legal capacity)', () => {
    expect(evaluatePolicy({ ...clean, ageYears: 17, hasCosigner: true }).outcome).toBe('approve');
    expect(evaluatePolicy({ ...clean, ageYears: 45 }).outcome).toBe('approve');
  });

  it('declines before it refers, naming every principal reason once', () => {
    const d = evaluatePolicy({ ...clean, eligible: false, enrolment: 'pending', duplicateIdentity: true });
    expect(d.outcome).toBe('decline');
    expect(d.reasons).toEqual(['not_eligible', 'identity_unverified', 'enrolment_pending']);
  });

  it('never reads a protected attribute: adding them changes nothing', () => {
    for (const base of [clean, { ...clean, enrolment: 'pending' as const }, { ...clean, ageYears: 17 }]) {
      const withProtected = {
        ...base,
        ...Object.fromEntries(PROTECTED_ATTRIBUTES.map((a) => [a, 'anything'])),
      };
      expect(evaluatePolicy(withProtected)).toEqual(evaluatePolicy(base));
    }
    // and the input type has no such field
    const keys = Object.keys(clean);
    for (const a of PROTECTED_ATTRIBUTES) expect(keys).not.toContain(a);
  });

  it('computes age in whole years', () => {
    expect(ageOn('2008-12-01', '2026-11-30')).toBe(17);
    expect(ageOn('2008-11-30', '2026-11-30')).toBe(18);
  });
});

describe('four eyes', () => {
  it('needs a second approver above the amount or outside policy', () => {
    expect(needsSecondApproval(5_000_000, 5_000_000, 'approve')).toEqual({ required: false, why: [] });
    expect(needsSecondApproval(5_000_001, 5_000_000, 'approve')).toEqual({ required: true, why: ['amount'] });
    expect(needsSecondApproval(100, 5_000_000, 'refer')).toEqual({ required: true, why: ['outside_policy'] });
    expect(needsSecondApproval(6_000_000, 5_000_000, 'decline').why).toEqual(['amount', 'outside_policy']);
  });
});
