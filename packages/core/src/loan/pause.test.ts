import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toEpochDay, toIsoDate } from '../dates/index.ts';
import { parseRate, rate } from '../money/index.ts';
import { generateSchedule, generateScheduleWithCarriedInterest, type ScheduleTerms } from './schedule.ts';
import { regenerateAfterPause } from './regenerate.ts';

// The numpy-financial loan of the calculator contract: $15,000, 8 %, 60 months, 30/360.
const terms: ScheduleTerms = {
  principal: 1500000,
  annualRate: parseRate('0.08'),
  startDay: toEpochDay('2024-01-01'),
  installments: 60,
  frequency: 'monthly',
  method: 'annuity',
  dayCount: '30/360',
  rounding: 'half-up',
};
const original = generateSchedule(terms);
const B = original.installments[11]!.balance; // after 12 instalments
const monthInterest = Math.round((B * 0.08) / 12); // 30/360 regular month = 1/12

describe('regeneration after a payment pause (deferment / forbearance)', () => {
  it('subsidised, term extended: three zero instalments, the state bears 3 × a month of interest, the balance resumes untouched', () => {
    const r = regenerateAfterPause(original, terms, {
      afterInstallment: 12,
      periods: 3,
      interest: 'subsidised',
    });
    expect(B).toBe(1245834);
    expect(r.pauseInterest).toBe(3 * monthInterest);
    expect(r.pauseInterest).toBe(24918); // 3 × round(12,458.34 × 8 % / 12) = 3 × 83.06
    expect(r.pausedInstallments).toEqual([13, 14, 15]);
    expect(r.installments).toHaveLength(63);
    expect(r.installments.slice(12, 15).every((i) => i.payment === 0 && i.balance === B)).toBe(true);
    expect(toIsoDate(r.installments[12]!.dueDay)).toBe('2025-02-01');
    expect(toIsoDate(r.installments.at(-1)!.dueDay)).toBe('2029-04-01'); // 3 months after the original 2029-01-01
    expect(r.installments.reduce((a, i) => a + i.principal, 0)).toBe(1500000);
    // Same balance, rate and remaining count: the level payment is recomputed on the
    // rounded balance, so it may differ from the original by the original's rounding.
    expect(Math.abs(r.payment - original.payment)).toBeLessThanOrEqual(1);
  });
  it('capitalised, maturity kept: 45 instalments repay the balance plus the capitalised interest by the original end date', () => {
    const r = regenerateAfterPause(original, terms, {
      afterInstallment: 12,
      periods: 3,
      interest: 'capitalised',
      term: 'keep-maturity',
    });
    expect(r.installments).toHaveLength(60);
    expect(r.installments[14]!.balance).toBe(B + 24918);
    expect(toIsoDate(r.installments.at(-1)!.dueDay)).toBe('2029-01-01');
    expect(r.installments.reduce((a, i) => a + i.principal, 0)).toBe(1500000 + 24918);
    expect(r.payment).toBeGreaterThan(original.payment);
  });
  it('accrued, not capitalised: the interest is owed and paid first, principal repaid is still exactly what was lent', () => {
    const r = regenerateAfterPause(original, terms, {
      afterInstallment: 12,
      periods: 3,
      interest: 'accrued',
    });
    expect(r.installments[14]!.balance).toBe(B + 24918);
    expect(r.installments.reduce((a, i) => a + i.principal, 0)).toBe(1500000);
    expect(r.installments.at(-1)!.balance).toBe(0);
    // The first instalment after the pause pays the carried $249.18 before any principal.
    const first = r.installments[15]!;
    expect(first.interest).toBe(Math.min(first.payment, 24918 + monthInterest));
    // Not capitalising costs the borrower less in total than capitalising ($18,538.27 vs
    // $18,540.72: no interest on the $249.18).
    const cap = regenerateAfterPause(original, terms, {
      afterInstallment: 12,
      periods: 3,
      interest: 'capitalised',
    });
    expect(r.totalPaid).toBe(1853827);
    expect(cap.totalPaid).toBe(1854072);
  });
  it('refuses to keep a maturity the pause swallows', () => {
    expect(() =>
      regenerateAfterPause(original, terms, {
        afterInstallment: 58,
        periods: 2,
        interest: 'subsidised',
        term: 'keep-maturity',
      }),
    ).toThrow(/no instalment/);
  });
  it('properties (fast-check): balances never negative, end at zero, principal = lent + capitalised', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10000, max: 1e9 }),
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 6, max: 120 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom('subsidised' as const, 'capitalised' as const, 'accrued' as const),
        fc.constantFrom('extend' as const, 'keep-maturity' as const),
        fc.constantFrom('annuity' as const, 'equal-principal' as const),
        (p, bp, n, after, periods, interest, term, method) => {
          const m: ScheduleTerms = {
            ...terms,
            principal: p,
            annualRate: rate(bp, 10000),
            installments: n,
            method,
          };
          const o = generateSchedule(m);
          if (term === 'keep-maturity' && n - after - periods < 1) return;
          const r = regenerateAfterPause(o, m, { afterInstallment: after, periods, interest, term });
          const cap = interest === 'capitalised' ? r.pauseInterest : 0;
          expect(r.installments.reduce((a, i) => a + i.principal, 0)).toBe(p + cap);
          for (const i of r.installments) {
            expect(i.balance).toBeGreaterThanOrEqual(0);
            expect(i.interest).toBeGreaterThanOrEqual(0);
          }
          expect(r.installments.at(-1)!.balance).toBe(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('a schedule with carried (uncapitalised) interest', () => {
  it('pays the carried interest first and ends at zero; equal principal pays it with the first instalment', () => {
    const a = generateScheduleWithCarriedInterest({ ...terms, installments: 12 }, 5000);
    expect(a.installments.reduce((s, i) => s + i.principal, 0)).toBe(1500000);
    expect(a.totalInterest).toBe(a.totalPaid - 1500000);
    const e = generateScheduleWithCarriedInterest(
      { ...terms, installments: 12, method: 'equal-principal' },
      5000,
    );
    expect(e.installments[0]!.interest).toBe(5000 + 10000); // carried + 15,000 × 8 % / 12
    expect(e.installments[0]!.principal).toBe(125000);
  });
});
