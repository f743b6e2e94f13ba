import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateSchedule } from '../loan/index.ts';
import { parseRate } from '../money/index.ts';
import { toEpochDay } from '../dates/index.ts';
import {
  accrualNumerator,
  allocateToDues,
  assertMove,
  bucketOf,
  canMove,
  daysPastDue,
  dayUnitsBetween,
  roundAccrued,
  splitAcrossLoans,
  validateBuckets,
  DEFAULT_BUCKETS,
  DAY_UNITS_PER_YEAR,
} from './index.ts';

describe('delinquency buckets', () => {
  it('maps days past due onto the default ladder', () => {
    expect([0, 1, 29, 30, 59, 60, 89, 90, 179, 180, 269, 270, 5000].map((d) => bucketOf(d))).toEqual([
      'current',
      '1-29',
      '1-29',
      '30-59',
      '30-59',
      '60-89',
      '60-89',
      '90-179',
      '90-179',
      '180-269',
      '180-269',
      '270+',
      '270+',
    ]);
    expect(daysPastDue(null, 100)).toBe(0);
    expect(daysPastDue(90, 100)).toBe(10);
    expect(() => validateBuckets([{ code: 'a', from: 1 }])).toThrow();
    expect(() => validateBuckets(DEFAULT_BUCKETS)).not.toThrow();
  });
});

describe('loan states', () => {
  it('allows the lifecycle and refuses leaving closed', () => {
    expect(canMove('in_school', 'grace')).toBe(true);
    expect(canMove('grace', 'repayment')).toBe(true);
    expect(canMove('default', 'charged_off')).toBe(true);
    expect(() => assertMove('closed', 'repayment')).toThrow(/cannot move/);
    expect(canMove('charged_off', 'repayment')).toBe(false);
  });
});

describe('payment allocation', () => {
  it('applies penalties, fees, interest, principal in order by default', () => {
    const r = allocateToDues(1000, { penalty: 100, fees: 50, interest: 300, principal: 2000 });
    expect(r.applied).toEqual({ penalty: 100, fees: 50, interest: 300, principal: 550 });
    expect(r.left).toBe(0);
    const o = allocateToDues(1000, { penalty: 100, fees: 50, interest: 300, principal: 200 }, [
      'principal',
      'interest',
      'fees',
      'penalty',
    ]);
    expect(o.applied).toEqual({ principal: 200, interest: 300, fees: 50, penalty: 100 });
    expect(o.left).toBe(350);
  });

  it('splits across loans: dues oldest first, then the highest rate', () => {
    const r = splitAcrossLoans(10_000, [
      { loanId: 'a', due: 2000, oldestDueDay: 20, rate: 0.04, payoffBeyondDue: 50_000 },
      { loanId: 'b', due: 3000, oldestDueDay: 10, rate: 0.03, payoffBeyondDue: 50_000 },
      { loanId: 'c', due: 0, oldestDueDay: null, rate: 0.06, payoffBeyondDue: 1000 },
    ]);
    expect(Object.fromEntries(r.parts)).toEqual({ b: 3000, a: 2000 + 4000, c: 1000 });
    expect(r.left).toBe(0);
  });

  it('never creates or loses money (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.array(
          fc.record({
            due: fc.integer({ min: 0, max: 1_000_000 }),
            rate: fc.integer({ min: 0, max: 100 }),
            beyond: fc.integer({ min: 0, max: 5_000_000 }),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        (amount, ls) => {
          const r = splitAcrossLoans(
            amount,
            ls.map((l, i) => ({
              loanId: `l${i}`,
              due: l.due,
              oldestDueDay: i,
              rate: l.rate,
              payoffBeyondDue: l.beyond,
            })),
          );
          const total = [...r.parts.values()].reduce((a, b) => a + b, 0);
          expect(total + r.left).toBe(amount);
          ls.forEach((l, i) => expect(r.parts.get(`l${i}`) ?? 0).toBeLessThanOrEqual(l.due + l.beyond));
        },
      ),
    );
  });
});

describe('daily accrual', () => {
  it('sums daily ACT/360 accruals to the schedule’s period interest exactly', () => {
    const rate = parseRate('0.0395');
    const start = toEpochDay('2026-01-15');
    const schedule = generateSchedule({
      principal: 3_000_000,
      annualRate: rate,
      startDay: start,
      installments: 12,
      frequency: 'monthly',
      method: 'annuity',
      dayCount: 'ACT/360',
      rounding: 'half-up',
    });
    let from = start;
    for (const inst of schedule.installments) {
      const opening = inst.balance + inst.principal;
      let num = 0n;
      for (let d = from; d < inst.dueDay; d++)
        num += accrualNumerator(opening, rate, dayUnitsBetween('ACT/360', d, d + 1));
      expect(roundAccrued(num, rate, 'half-up')).toBe(inst.interest);
      from = inst.dueDay;
    }
  });

  it('has whole day units for every convention', () => {
    for (const c of ['ACT/360', 'ACT/365', 'ACT/365.25', 'ACT/ACT', '30/360'] as const) {
      expect(Number.isInteger(dayUnitsBetween(c, 20000, 20400))).toBe(true);
    }
    expect(dayUnitsBetween('ACT/365.25', 0, 1461)).toBe(DAY_UNITS_PER_YEAR * 4);
  });
});
