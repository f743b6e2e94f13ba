import { describe, expect, it } from 'vitest';
import { addMonths, toEpochDay } from '../dates/index.ts';
import { parseMoney, parseRate, mulDivRounded } from '../money/index.ts';
import { appendixJFirstPeriod, aprWithWithheldFees } from './apr.ts';
import { generateSchedule } from './schedule.ts';
import { productTemplate } from './templates.ts';

const d = toEpochDay;
const monthly = (first: string, n: number, amount: number) =>
  Array.from({ length: n }, (_, k) => ({ day: addMonths(d(first), k), amount }));
const pct2 = (s: string): string => (Number(s) * 100).toFixed(2);

describe('APR including a fee withheld from the disbursement', () => {
  it('Reg Z Appendix J (c)(1)(i): $5,000 advanced 10 Jan 1978, 24 × $230 from 10 Feb → 9.69 %; a $5,100 note with $100 withheld is the same transaction', () => {
    // 12 CFR 1026 Appendix J (c)(1)(i): amount advanced $5,000, payment $230, 24 monthly, APR 9.69 %.
    // The amount financed is the note less the prepaid finance charge (12 CFR 1026.18(b)).
    const r = aprWithWithheldFees({
      principal: 510000,
      withheldFees: 10000,
      disbursementDay: d('1978-01-10'),
      payments: monthly('1978-02-10', 24, 23000),
      frequency: 'monthly',
    });
    expect(r.amountFinanced).toBe(500000);
    expect(r.financeCharge).toBe(52000);
    expect(pct2(r.regZApr)).toBe('9.69');
    expect(r.firstPeriod).toEqual({ whole: 1, oddDays: 0 });
    // 年化利率 by IRR, periodic rate × 12, is the same figure for a regular schedule.
    expect(r.irrNominal).toBe(r.regZApr);
  });
  it('Reg Z Appendix J (c)(1)(ii): $6,000 on 10 Feb 1978, 36 × $200 from 1 Apr (long first period 1 month 19 days) → 11.82 %', () => {
    expect(appendixJFirstPeriod(d('1978-02-10'), d('1978-04-01'), 'monthly')).toEqual({
      whole: 1,
      oddDays: 19,
    });
    const r = aprWithWithheldFees({
      principal: 600000,
      withheldFees: 0,
      disbursementDay: d('1978-02-10'),
      payments: monthly('1978-04-01', 36, 20000),
      frequency: 'monthly',
    });
    expect(pct2(r.regZApr)).toBe('11.82');
  });
  it('a US Direct Loan: the 1.057 % origination fee withheld lifts the APR above the 6.39 % note rate', () => {
    const t = productTemplate('US-DIRECT-UNSUB');
    const principal = parseMoney('5500', 'USD');
    const fee = mulDivRounded(principal, 1057, 100000, 'half-up'); // $58.135 → $58.14
    expect(fee).toBe(5814);
    const s = generateSchedule({
      principal,
      annualRate: parseRate(t.rate.kind === 'fixed' ? t.rate.annualRate : '0'),
      startDay: d('2025-07-01'),
      installments: 120,
      frequency: 'monthly',
      method: 'annuity',
      dayCount: '30/360',
      rounding: 'half-up',
    });
    const r = aprWithWithheldFees({
      principal,
      withheldFees: fee,
      disbursementDay: d('2025-07-01'),
      payments: s.installments.map((i) => ({ day: i.dueDay, amount: i.payment })),
      frequency: 'monthly',
    });
    expect(Number(r.regZApr)).toBeGreaterThan(0.0639);
    expect(Number(r.regZApr)).toBeLessThan(0.0665);
    expect(Number(r.irrEffective)).toBeGreaterThan(Number(r.irrNominal)); // compounding monthly
    expect(r.financeCharge).toBe(s.totalInterest + fee);
  });
});
