import { describe, expect, it } from 'vitest';
import { calculateIncomeDriven } from './calculator.ts';
import { ukPlan2Rate, ukMonthlyPayment } from './income-driven.ts';
import { povertyGuideline } from './data/poverty-guidelines.ts';
import { parseRate } from '../money/index.ts';

const us = { familySize: 4, year: 2024, balance: '50000.00', annualRate: '0.055', currency: 'USD' } as const;

describe('US income-driven plans', () => {
  it('holds HHS poverty guidelines by year and region (2024: $15,060 + $5,380; 150 % table $46,800 for four)', () => {
    expect(povertyGuideline(2024, '48', 4)).toBe(31200);
    expect(povertyGuideline(2024, 'AK', 1)).toBe(18810);
    expect(povertyGuideline(2025, '48', 4)).toBe(32150);
    expect(povertyGuideline(2025, 'HI', 2)).toBe(24320);
  });
  it('PAYE: AGI $60,000, family of 4, 2020 guideline $26,200 → $172.50 a month (myloansense.com worked example)', () => {
    const r = calculateIncomeDriven({ ...us, plan: 'PAYE', annualIncome: '60000', year: 2020 });
    expect(r.monthlyPayment).toBe('172.50');
    expect(r.annualPayment).toBe('2070.00');
    expect(r.cappedAtStandard).toBe(false);
  });
  it('IBR 15 % on the same facts → 15 % × $20,700 / 12 = $258.75', () => {
    expect(calculateIncomeDriven({ ...us, plan: 'IBR', annualIncome: '60000', year: 2020 }).monthlyPayment).toBe('258.75');
  });
  it('IBR-new 10 % and ICR 20 % over 100 % in 2024', () => {
    expect(calculateIncomeDriven({ ...us, plan: 'IBR-new', annualIncome: '60000' }).monthlyPayment).toBe('110.00');
    expect(calculateIncomeDriven({ ...us, plan: 'ICR', annualIncome: '60000' }).monthlyPayment).toBe('480.00');
  });
  it('caps IBR/PAYE at the 10-year standard payment, ICR not', () => {
    const r = calculateIncomeDriven({ ...us, plan: 'PAYE', annualIncome: '250000', balance: '20000.00' });
    expect(r.cappedAtStandard).toBe(true);
    expect(r.monthlyPayment).toBe(r.standardPayment);
    expect(r.projection.payoffDate).not.toBeNull();
    expect(calculateIncomeDriven({ ...us, plan: 'ICR', annualIncome: '250000', balance: '20000.00' }).cappedAtStandard).toBe(false);
  });
  it('counts a spouse’s income only when filing jointly', () => {
    const joint = calculateIncomeDriven({ ...us, plan: 'PAYE', annualIncome: '40000', filingStatus: 'married-joint', spouseIncome: '30000' });
    const separate = calculateIncomeDriven({ ...us, plan: 'PAYE', annualIncome: '40000', filingStatus: 'married-separate', spouseIncome: '30000' });
    expect(joint.countedIncome).toBe('70000.00');
    expect(separate.countedIncome).toBe('40000.00');
    expect(separate.monthlyPayment).toBe('0.00'); // below 150 % of $31,200
  });
  it('RAP: 5 % of a $60,000 AGI is $250 a month, less $50 for each of 2 dependants → $150; minimum $10', () => {
    const r = calculateIncomeDriven({ ...us, plan: 'RAP', annualIncome: '60000', filingStatus: 'married-joint', spouseIncome: '0', year: 2026 });
    expect(r.monthlyPayment).toBe('150.00');
    const low = calculateIncomeDriven({ ...us, plan: 'RAP', annualIncome: '9000', year: 2026 });
    expect(low.monthlyPayment).toBe('10.00');
    // RAP waives unpaid interest, so the balance never grows.
    const months = r.projection.months;
    expect(months.every((m, i) => i === 0 || Number(m.balance) <= Number(months[i - 1]!.balance))).toBe(true);
  });
  it('projects forgiveness after 20 years for PAYE when payments do not cover the loan', () => {
    const r = calculateIncomeDriven({ ...us, plan: 'PAYE', annualIncome: '60000', startDate: '2024-07-01' });
    expect(r.projection.months).toHaveLength(240);
    expect(r.projection.forgivenessDate).toBe('2044-07-01');
    expect(r.projection.totalPaid).toBe('26400.00');
    expect(Number(r.projection.forgiven)).toBeGreaterThan(0);
  });
});

describe('UK Plans 2 and 5', () => {
  it('Plan 2 at the £25,000 threshold (2018/19): SLC table £27,000 → £15, £30,000 → £37, £35,000 → £74, £40,000 → £112 a month', () => {
    // Student Loans Company, "Plan 2 – How repayments are calculated" (studentloanrepayment.co.uk).
    expect([27000, 30000, 35000, 40000].map((i) => ukMonthlyPayment('UK-PLAN-2', i * 100, 2018) / 100)).toEqual([15, 37, 74, 112]);
  });
  it('Plan 2 2025/26: £30,000 a year → £2,500 − £2,372 = £128 over, £11 a month (gov.uk example)', () => {
    const r = calculateIncomeDriven({ plan: 'UK-PLAN-2', annualIncome: '30000', familySize: 1, year: 2025, balance: '45000.00', currency: 'GBP' });
    expect(r.monthlyPayment).toBe('11.00');
    expect(r.annualPayment).toBe('132.00');
    expect(r.projection.months).toHaveLength(360);
    expect(r.projection.forgivenessDate).toBe('2055-04-06');
  });
  it('Plan 2 interest tapers from RPI to RPI + 3 % between the thresholds', () => {
    const rpi = parseRate('0.043');
    const r = ukPlan2Rate(rpi, 3500000, 2024);
    // RPI + 3 % × (35,000 − 27,295) / (49,130 − 27,295)
    expect(r.num / r.den).toBeCloseTo(0.043 + (0.03 * 7705) / 21835, 15);
    expect(ukPlan2Rate(rpi, 2000000, 2024)).toEqual(parseRate('0.043'));
    expect(ukPlan2Rate(rpi, 9000000, 2024)).toEqual(parseRate('0.073'));
  });
  it('Plan 5: 9 % over £25,000, RPI only, written off after 40 years', () => {
    const r = calculateIncomeDriven({ plan: 'UK-PLAN-5', annualIncome: '30000', familySize: 1, year: 2025, balance: '45000.00', currency: 'GBP' });
    expect(r.monthlyPayment).toBe('37.00');
    expect(r.annualRate).toBe('0.032');
    expect(r.projection.months).toHaveLength(480);
  });
});
