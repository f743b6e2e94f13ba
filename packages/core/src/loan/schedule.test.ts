import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { toEpochDay, toIsoDate, DAY_COUNT_CONVENTIONS } from '../dates/index.ts';
import { isExactHalf, parseRate, rate, type RoundingMode } from '../money/index.ts';
import { annuityPayment, annuityPaymentExact, generateSchedule, type ScheduleTerms } from './schedule.ts';
import { regenerateSchedule } from './regenerate.ts';
import { FREQUENCIES, PERIODS_PER_YEAR } from './frequency.ts';
import { effectiveAnnualRate, nominalApr, periodicIrr } from './apr.ts';

const base = (over: Partial<ScheduleTerms>): ScheduleTerms => ({
  principal: 1500000,
  annualRate: parseRate('0.08'),
  startDay: toEpochDay('2024-01-01'),
  installments: 60,
  frequency: 'monthly',
  method: 'annuity',
  dayCount: '30/360',
  rounding: 'half-up',
  ...over,
});

describe('exact values from published sources', () => {
  it('numpy-financial pmt(0.08/12, 60, 15000) = -304.1459… → 304.15 (numpy test_financial.py)', () => {
    expect(generateSchedule(base({})).payment).toBe(30415);
  });
  it('numpy-financial ppmt(0.1/12, 1, 60, 55000) = -710.2541… → first principal 710.26 with per-period rounding', () => {
    const s = generateSchedule(base({ principal: 5500000, annualRate: parseRate('0.1') }));
    expect(s.installments[0]).toMatchObject({ interest: 45833, principal: 71026, payment: 116859 });
  });
  it('numpy-financial ipmt docstring: $2,500 at 8.24 % over 12 months, rows 1–5 to the cent', () => {
    // numpy_financial/_financial.py, ipmt() example table (principal, interest, balance).
    const s = generateSchedule(
      base({ principal: 250000, annualRate: parseRate('0.0824'), installments: 12 }),
    );
    expect(s.payment).toBe(21775);
    const published = [
      [20058, 1717, 229942],
      [20196, 1579, 209746],
      [20335, 1440, 189411],
      [20474, 1301, 168937],
      [20615, 1160, 148322],
    ];
    published.forEach(([p, i, b], k) =>
      expect(s.installments[k]).toMatchObject({ principal: p, interest: i, balance: b }),
    );
    // numpy does not round per period; rounding each period moves the total by one cent.
    expect(s.totalInterest).toBe(11297);
  });
  it('numpy-financial docstring pmt(0.075/12, 12*15, 200000) = -1854.0247… → 1854.02', () => {
    expect(annuityPayment(20000000, rate(75, 12000), 180, 'half-up')).toBe(185402);
  });
  it('Microsoft Excel PMT documentation: PMT(8%/12, 10, 10000) = -1,037.03', () => {
    expect(generateSchedule(base({ principal: 1000000, installments: 10 })).payment).toBe(103703);
  });
  it('等额本息: ¥1,000,000 over 30 years at 4.9 % → 月供 5,307.27 (the standard published mortgage example)', () => {
    const s = generateSchedule(
      base({ principal: 100000000, annualRate: parseRate('0.049'), installments: 360 }),
    );
    expect(s.payment).toBe(530727);
  });
  it('等额本金: same loan → 首月 6,861.11 (本金 2,777.78 + 利息 4,083.33), falling 11.34 a month', () => {
    const s = generateSchedule(
      base({
        principal: 100000000,
        annualRate: parseRate('0.049'),
        installments: 360,
        method: 'equal-principal',
      }),
    );
    expect(s.installments[0]).toMatchObject({ principal: 277778, interest: 408333, payment: 686111 });
    expect(s.installments[0]!.payment - s.installments[1]!.payment).toBe(1134);
    expect(s.installments.at(-1)!.balance).toBe(0);
  });
  it('numpy-financial irr docstring: irr([-100, 39, 59, 55, 20]) = 0.28095', () => {
    expect(periodicIrr([-100, 39, 59, 55, 20]).slice(0, 7)).toBe('0.28094');
    expect(Number(periodicIrr([-100, 39, 59, 55, 20])).toFixed(5)).toBe('0.28095');
    expect(Number(periodicIrr([-100, 0, 0, 74])).toFixed(5)).toBe('-0.09550');
  });
  it('APR of the 15,000 / 60 × 304.15 loan is just above 8 % because the payment was rounded up', () => {
    const apr = Number(nominalApr(1500000, new Array<number>(60).fill(30415), 'monthly'));
    expect(apr).toBeGreaterThan(0.08);
    expect(apr).toBeLessThan(0.0801);
    // One year, 1,000 borrowed and 1,100 repaid 365 days later: exactly 10 % (EU CCD Annex I).
    expect(
      effectiveAnnualRate([
        { day: toEpochDay('2023-01-01'), amount: 100000 },
        { day: toEpochDay('2024-01-01'), amount: -110000 },
      ]),
    ).toBe('0.1');
  });
});

describe('schedule rules', () => {
  it('defaults the first due date to one period after the start, clamping month ends', () => {
    const s = generateSchedule(base({ startDay: toEpochDay('2024-01-31'), installments: 4 }));
    expect(s.installments.map((i) => toIsoDate(i.dueDay))).toEqual([
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
      '2024-05-31',
    ]);
  });
  it('computes interest for a broken first period by day count', () => {
    const s = generateSchedule(
      base({
        principal: 1000000,
        annualRate: parseRate('0.0365'),
        dayCount: 'ACT/365',
        startDay: toEpochDay('2024-01-01'),
        firstDueDay: toEpochDay('2024-03-11'),
        installments: 12,
      }),
    );
    expect(s.installments[0]!.interest).toBe(7000); // 10,000 × 3.65 % × 70/365 = 70.00
  });
  it('interest-only repays the principal with the last instalment', () => {
    const s = generateSchedule(base({ method: 'interest-only', installments: 12 }));
    expect(s.installments.slice(0, 11).every((i) => i.principal === 0 && i.interest === 10000)).toBe(true);
    expect(s.installments[11]).toMatchObject({ principal: 1500000, payment: 1510000, balance: 0 });
  });
  it('graduated payments step up and still repay exactly', () => {
    const s = generateSchedule(
      base({ method: 'graduated', installments: 120, graduated: { stepEvery: 24, stepRate: rate(15, 100) } }),
    );
    const p = s.installments.map((i) => i.payment);
    expect(p[24]! > p[23]!).toBe(true);
    expect(p[24]! / p[0]!).toBeCloseTo(1.15, 3);
    expect(s.installments.reduce((a, i) => a + i.principal, 0)).toBe(1500000);
  });
  it('uses the exact BigInt payment whenever the float estimate is near a rounding boundary', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 1e10 }),
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 1, max: 480 }),
        fc.constantFrom<RoundingMode>('half-up', 'half-even'),
        (p, bp, n, mode) => {
          const r = rate(bp, 120000);
          expect(annuityPayment(p, r, n, mode)).toBe(Number(annuityPaymentExact(p, r, n, mode)));
        },
      ),
    );
  });
});

const termsArb: fc.Arbitrary<ScheduleTerms> = fc.record({
  principal: fc.integer({ min: 1, max: 5e9 }),
  annualRate: fc.integer({ min: 0, max: 3000 }).map((bp) => rate(bp, 10000)),
  startDay: fc.integer({ min: toEpochDay('2000-01-01'), max: toEpochDay('2040-12-31') }),
  installments: fc.integer({ min: 1, max: 360 }),
  frequency: fc.constantFrom(...FREQUENCIES),
  method: fc.constantFrom('annuity' as const, 'equal-principal' as const, 'interest-only' as const),
  dayCount: fc.constantFrom(...DAY_COUNT_CONVENTIONS),
  rounding: fc.constantFrom<RoundingMode>('half-up', 'half-even'),
});

describe('schedule properties (fast-check)', () => {
  it('repays exactly what was lent; balances never negative and end at zero; interest never negative', () => {
    fc.assert(
      fc.property(termsArb, (t) => {
        const s = generateSchedule(t);
        expect(s.installments.reduce((a, i) => a + i.principal, 0)).toBe(t.principal);
        for (const i of s.installments) {
          expect(i.balance).toBeGreaterThanOrEqual(0);
          expect(i.interest).toBeGreaterThanOrEqual(0);
          expect(i.principal).toBeGreaterThanOrEqual(0);
          expect(i.payment).toBe(i.principal + i.interest);
        }
        expect(s.installments.at(-1)!.balance).toBe(0);
        expect(s.totalPaid).toBe(t.principal + s.totalInterest);
      }),
      { numRuns: 300 },
    );
  });
  it('is identical across runs', () => {
    fc.assert(
      fc.property(termsArb, (t) => {
        expect(generateSchedule(t)).toEqual(generateSchedule({ ...t }));
      }),
      { numRuns: 100 },
    );
  });
  it('half-even and half-up differ only where a half occurs', () => {
    fc.assert(
      fc.property(
        termsArb.map((t) => ({
          ...t,
          dayCount: '30/360' as const,
          method: 'annuity' as const,
          firstDueDay: undefined,
        })),
        (t) => {
          const up = generateSchedule({ ...t, rounding: 'half-up' });
          const even = generateSchedule({ ...t, rounding: 'half-even' });
          const ppy = PERIODS_PER_YEAR[t.frequency];
          const a = BigInt(t.annualRate.num);
          const b = BigInt(t.annualRate.den * ppy);
          if (up.payment !== even.payment) {
            // The exact payment P·a·(a+b)^n / (b·((a+b)^n − b^n)) must have been a half.
            const g = (a + b) ** BigInt(t.installments);
            const num = a === 0n ? BigInt(t.principal) : BigInt(t.principal) * a * g;
            const den = a === 0n ? BigInt(t.installments) : b * (g - b ** BigInt(t.installments));
            expect(isExactHalf(num, den)).toBe(true);
            return;
          }
          for (let k = 0; k < up.installments.length - 1; k++) {
            const u = up.installments[k]!;
            const e = even.installments[k]!;
            if (u.interest !== e.interest) {
              const opening = k === 0 ? t.principal : up.installments[k - 1]!.balance;
              expect(isExactHalf(BigInt(opening) * a, b)).toBe(true);
              return;
            }
            expect(u).toEqual(e);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('regeneration from a point', () => {
  const terms = base({ installments: 60 });
  const original = generateSchedule(terms);
  it('after a prepayment keeping the term, the payment falls and everything still balances', () => {
    const r = regenerateSchedule(original, terms, { afterInstallment: 12, prepayment: 300000 });
    expect(r.installments).toHaveLength(60);
    expect(r.installments.slice(0, 11)).toEqual(original.installments.slice(0, 11));
    expect(r.payment).toBeLessThan(original.payment);
    expect(r.installments.reduce((a, i) => a + i.principal, 0)).toBe(1500000);
    expect(r.installments.at(-1)!.balance).toBe(0);
    expect(r.installments[12]!.dueDay).toBe(original.installments[12]!.dueDay);
  });
  it('after a prepayment keeping the payment, the loan ends sooner', () => {
    const r = regenerateSchedule(original, terms, {
      afterInstallment: 12,
      prepayment: 300000,
      keep: 'payment',
    });
    expect(r.installments.length).toBeLessThan(60);
    expect(r.installments[13]!.payment).toBe(original.payment);
    expect(r.installments.reduce((a, i) => a + i.principal, 0)).toBe(1500000);
    expect(r.installments.at(-1)!.balance).toBe(0);
  });
  it('reprices the rest of the schedule after a rate change', () => {
    const r = regenerateSchedule(original, terms, { afterInstallment: 24, newAnnualRate: parseRate('0.06') });
    expect(r.installments[24]!.interest).toBe(Math.round((original.installments[23]!.balance * 0.06) / 12));
    expect(r.installments.at(-1)!.balance).toBe(0);
  });
});
