import { describe, expect, it } from 'vitest';
import { generateSchedule } from '../loan/schedule.ts';
import { rate } from '../money/rate.ts';
import { toEpochDay } from '../dates/epoch-day.ts';
import {
  classifyChurn,
  clvMonthsOfSchedule,
  lifetimeValue,
  marketShare,
  repeatBorrowing,
  termStartOn,
  type ChurnFacts,
} from './index.ts';

describe('customer lifetime value', () => {
  // A constructed loan: 3,000.00 repaid in three equal-principal monthly instalments at 1 % a month.
  // Balances 300000, 200000, 100000; interest 3000, 2000, 1000.
  // EL = 0.12/12 × 0.5 × EAD = 1500, 1000, 500; cost to serve 500 a month.
  // Net: 3000−500−1500 = 1000; 2000−500−1000 = 500; 1000−500−500 = 0.
  // CLV = 1000/1.01 + 500/1.01² + 0 = 990.0990… + 490.1480… = 1480.247… → 1480.
  const months = [
    { month: 1, interest: 3000, fees: 0, exposure: 300000 },
    { month: 2, interest: 2000, fees: 0, exposure: 200000 },
    { month: 3, interest: 1000, fees: 0, exposure: 100000 },
  ];
  const a = { costToServePerMonth: 500, pd12: 0.12, lgd: 0.5, monthlyDiscountRate: 0.01 };

  it('matches the hand-computed value', () => {
    const r = lifetimeValue(months, a);
    expect(r.value).toBe(1480);
    expect(r.expectedLoss).toBe(3000);
    expect(r.costToServe).toBe(1500);
    expect(r.interest).toBe(6000);
  });

  it('builds the same months from core schedule of that loan', () => {
    const s = generateSchedule({
      principal: 300000,
      annualRate: rate(12, 100),
      startDay: toEpochDay('2026-01-01'),
      installments: 3,
      frequency: 'monthly',
      method: 'equal-principal',
      dayCount: '30/360',
      rounding: 'half-up',
    });
    const m = clvMonthsOfSchedule(s, 300000);
    expect(m.map((x) => x.exposure)).toEqual([300000, 200000, 100000]);
    expect(m.map((x) => x.interest)).toEqual([3000, 2000, 1000]);
    expect(lifetimeValue(m, a).value).toBe(1480);
  });

  it('no discount, no loss: interest and fees less cost', () => {
    expect(lifetimeValue(months, { costToServePerMonth: 100, pd12: 0, lgd: 0, monthlyDiscountRate: 0 }).value).toBe(5700);
  });

  it('refuses a PD above 1', () => {
    expect(() => lifetimeValue(months, { ...a, pd12: 1.5 })).toThrow(/pd12/);
  });
});

describe('churn classification', () => {
  const rules = { asOf: '2026-10-15', academicYearStartMonth: 9, earlyPayoffMonths: 6, disengagedMonths: 6 };
  const base: ChurnFacts = {
    customerId: 'c',
    loans: [{ state: 'in_school', maturityDate: '2032-01-01', paidOffOn: null }],
    enrolment: { status: 'enrolled', expectedGraduationDate: '2028-06-30' },
    lastApplicationOn: '2026-06-01',
    lastActivityOn: '2026-10-01',
  };

  it('term start is the latest 1 September', () => {
    expect(termStartOn('2026-10-15', 9)).toBe('2026-09-01');
    expect(termStartOn('2026-08-31', 9)).toBe('2025-09-01');
  });

  it('retained when enrolled, applied for this year and active', () => {
    expect(classifyChurn(base, rules)).toEqual({ customerId: 'c', status: 'retained', reason: null });
  });

  it('early payoff well before maturity with nothing open: refinanced elsewhere', () => {
    const f = { ...base, loans: [{ state: 'paid_off', maturityDate: '2030-01-01', paidOffOn: '2026-05-01' }] };
    expect(classifyChurn(f, rules).reason).toBe('early_payoff');
  });

  it('payoff within the last months before maturity is not churn', () => {
    const f = {
      ...base,
      enrolment: null,
      loans: [{ state: 'paid_off', maturityDate: '2026-09-01', paidOffOn: '2026-07-01' }],
    };
    expect(classifyChurn(f, rules)).toMatchObject({ status: 'retained', reason: null });
  });

  it('forgiven loans are not early payoff', () => {
    const f = { ...base, enrolment: null, loans: [{ state: 'forgiven', maturityDate: '2030-01-01', paidOffOn: null }] };
    expect(classifyChurn(f, rules).reason).toBeNull();
  });

  it('still enrolled but no application since last year: not returning', () => {
    expect(classifyChurn({ ...base, lastApplicationOn: '2025-07-01' }, rules).reason).toBe('not_returning');
  });

  it('graduating before the term starts is not "not returning"', () => {
    const f = { ...base, lastApplicationOn: '2025-07-01', enrolment: { status: 'enrolled', expectedGraduationDate: '2026-06-30' } };
    expect(classifyChurn(f, rules).reason).toBeNull();
  });

  it('a defaulted borrower is not eligible, so not "not returning"', () => {
    const f = {
      ...base,
      lastApplicationOn: '2025-07-01',
      loans: [{ state: 'default', maturityDate: '2030-01-01', paidOffOn: null }],
    };
    expect(classifyChurn(f, rules).reason).toBeNull();
  });

  it('no login, open or contact for six months: disengaged', () => {
    expect(classifyChurn({ ...base, lastActivityOn: '2026-04-14' }, rules).reason).toBe('disengaged');
    expect(classifyChurn({ ...base, lastActivityOn: '2026-04-15' }, rules).reason).toBeNull();
    expect(classifyChurn({ ...base, lastActivityOn: null }, rules).reason).toBe('disengaged');
  });
});

describe('repeat borrowing and market share', () => {
  it('counts customers borrowing in two academic years and graduate after undergraduate', () => {
    const r = repeatBorrowing([
      { customerId: 'a', openedOn: '2024-08-20', level: 'undergraduate' }, // year 2023
      { customerId: 'a', openedOn: '2024-09-02', level: 'undergraduate' }, // year 2024
      { customerId: 'b', openedOn: '2024-09-02', level: 'undergraduate' },
      { customerId: 'b', openedOn: '2025-03-01', level: 'undergraduate' }, // same year 2024
      { customerId: 'c', openedOn: '2022-09-10', level: 'undergraduate' },
      { customerId: 'c', openedOn: '2026-09-10', level: 'graduate' },
      { customerId: 'd', openedOn: '2026-09-10', level: 'graduate' },
    ]);
    expect(r).toMatchObject({ customers: 4, repeaters: 2, rate: 0.5, undergraduates: 3, graduateAfterUndergraduate: 1 });
    expect(r.graduateRate).toBeCloseTo(1 / 3);
  });

  it('share = borrowers ÷ enrolled, none without an enrolment figure', () => {
    const rows = marketShare(
      [
        { schoolId: 's1', academicYear: 2026, borrowers: 50 },
        { schoolId: 's2', academicYear: 2026, borrowers: 5 },
        { schoolId: 's1', academicYear: 2025, borrowers: 40 },
      ],
      [
        { schoolId: 's1', academicYear: 2026, enrolled: 2000 },
        { schoolId: 's2', academicYear: 2026, enrolled: 0 },
      ],
    );
    expect(rows.map((r) => r.share)).toEqual([0.025, null, null]);
    expect(rows[2]!.enrolled).toBeNull();
  });
});
