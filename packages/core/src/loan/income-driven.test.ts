import { describe, expect, it } from 'vitest';
import { calculateIncomeDriven } from './calculator.ts';
import { ukPlan2Rate, ukMonthlyPayment } from './income-driven.ts';
import { povertyGuideline } from './data/poverty-guidelines.ts';
import { icrFactorTable, icrIncomePercentageFactor } from './data/icr-factors.ts';
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
    expect(
      calculateIncomeDriven({ ...us, plan: 'IBR', annualIncome: '60000', year: 2020 }).monthlyPayment,
    ).toBe('258.75');
  });
  it('IBR-new 10 % over 150 % in 2024; ICR takes the lesser of 20 % over 100 % and the factor-scaled 12-year payment', () => {
    expect(calculateIncomeDriven({ ...us, plan: 'IBR-new', annualIncome: '60000' }).monthlyPayment).toBe(
      '110.00',
    );
    // 20 % × ($60,000 − $31,200) / 12 = $480.00; the 12-year payment on $50,000 at 5.5 %
    // ($475.09) × the factor interpolated between $52,483 (88.77 %) and $65,824 (100 %)
    // (88.77 % + 11.23 % × 7,517 / 13,341 = 95.10 %) → $451.81, the lesser.
    expect(calculateIncomeDriven({ ...us, plan: 'ICR', annualIncome: '60000' }).monthlyPayment).toBe(
      '451.81',
    );
    expect(icrIncomePercentageFactor(2025, 'single', 6000000)).toEqual({ num: 9510, den: 10000 });
  });
  it('caps IBR/PAYE at the 10-year standard payment, ICR not', () => {
    const r = calculateIncomeDriven({ ...us, plan: 'PAYE', annualIncome: '250000', balance: '20000.00' });
    expect(r.cappedAtStandard).toBe(true);
    expect(r.monthlyPayment).toBe(r.standardPayment);
    expect(r.projection.payoffDate).not.toBeNull();
    expect(
      calculateIncomeDriven({ ...us, plan: 'ICR', annualIncome: '250000', balance: '20000.00' })
        .cappedAtStandard,
    ).toBe(false);
  });
  it('counts a spouse’s income only when filing jointly', () => {
    const joint = calculateIncomeDriven({
      ...us,
      plan: 'PAYE',
      annualIncome: '40000',
      filingStatus: 'married-joint',
      spouseIncome: '30000',
    });
    const separate = calculateIncomeDriven({
      ...us,
      plan: 'PAYE',
      annualIncome: '40000',
      filingStatus: 'married-separate',
      spouseIncome: '30000',
    });
    expect(joint.countedIncome).toBe('70000.00');
    expect(separate.countedIncome).toBe('40000.00');
    expect(separate.monthlyPayment).toBe('0.00'); // below 150 % of $31,200
  });
  it('RAP: 5 % of a $60,000 AGI is $250 a month, less $50 for each of 2 dependants → $150; minimum $10', () => {
    const r = calculateIncomeDriven({
      ...us,
      plan: 'RAP',
      annualIncome: '60000',
      filingStatus: 'married-joint',
      spouseIncome: '0',
      year: 2026,
    });
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

describe('ICR: the Federal Register 2025 worked examples (FR Doc. 2025-14806, Attachment 2)', () => {
  const icr = { plan: 'ICR', year: 2025, currency: 'USD', annualRate: '0.06' } as const;
  it('Example 1: single, no dependants, $15,000 at 6 %, AGI $35,118 → $146.38 × 71.89 % = $105.23', () => {
    const r = calculateIncomeDriven({ ...icr, familySize: 1, annualIncome: '35118', balance: '15000.00' });
    expect(r.monthlyPayment).toBe('105.23');
    expect(r.cappedAtStandard).toBe(false);
  });
  it('Example 2: married filing jointly, no dependants, combined $25,000 at 6 %, AGI $99,186 → $243.96 × 109.40 % = $266.89 (the notice: $267 combined)', () => {
    const r = calculateIncomeDriven({
      ...icr,
      familySize: 2,
      annualIncome: '99186',
      filingStatus: 'married-joint',
      spouseIncome: '0',
      balance: '25000.00',
    });
    expect(r.monthlyPayment).toBe('266.89');
  });
  it('Example 3: single, $60,000 at 6 %, AGI $41,786 → 20 % × ($41,786 − $15,650) / 12 = $435.60, less than $585.51 × 80.33 %', () => {
    const r = calculateIncomeDriven({ ...icr, familySize: 1, annualIncome: '41786', balance: '60000.00' });
    expect(r.monthlyPayment).toBe('435.60');
  });
  it('holds the factor table as data with its source; other years use the nearest earlier table', () => {
    expect(icrFactorTable(2025)).toMatchObject({ exact: true, table: { year: 2025 } });
    expect(icrFactorTable(2026).exact).toBe(false);
    expect(icrIncomePercentageFactor(2025, 'married-joint', 9918600)).toEqual({ num: 10940, den: 10000 });
    expect(icrIncomePercentageFactor(2025, 'single', 100)).toEqual({ num: 5500, den: 10000 });
    expect(icrIncomePercentageFactor(2025, 'single', 99_999_900)).toEqual({ num: 20000, den: 10000 });
  });
});

describe('HHS poverty guidelines incl. Alaska and Hawaii (Federal Register notices; see docs)', () => {
  it('2020, 2021 and 2026 now carry Alaska and Hawaii', () => {
    // 2020 (85 FR 3060): AK $15,950 + $5,600, HI $14,680 + $5,150 (ACF LIHEAP FFY2021 attachment 2).
    expect(povertyGuideline(2020, 'AK', 4)).toBe(32750);
    expect(povertyGuideline(2020, 'HI', 1)).toBe(14680);
    // 2021 (86 FR 7732): AK $16,090 + $5,680, HI $14,820 + $5,220.
    expect(povertyGuideline(2021, 'AK', 2)).toBe(21770);
    expect(povertyGuideline(2021, 'HI', 3)).toBe(25260);
    // 2026 (91 FR 1797): 48 states $15,960 + $5,680; AK $19,950 + $7,100; HI $18,360 + $6,530.
    expect(povertyGuideline(2026, '48', 4)).toBe(33000);
    expect(povertyGuideline(2026, 'AK', 1)).toBe(19950);
    expect(povertyGuideline(2026, 'HI', 2)).toBe(24890);
    // 2023 (88 FR 3424): AK household of 8 $63,220, HI $58,140 (leguphealth.com's copy of the table).
    expect(povertyGuideline(2023, 'AK', 8)).toBe(63220);
    expect(povertyGuideline(2023, 'HI', 8)).toBe(58140);
  });
});

describe('UK Plans 2 and 5', () => {
  it('Plan 2 at the £25,000 threshold (2018/19): SLC table £27,000 → £15, £30,000 → £37, £35,000 → £74, £40,000 → £112 a month', () => {
    // Student Loans Company, "Plan 2 – How repayments are calculated" (studentloanrepayment.co.uk).
    expect(
      [27000, 30000, 35000, 40000].map((i) => ukMonthlyPayment('UK-PLAN-2', i * 100, 2018) / 100),
    ).toEqual([15, 37, 74, 112]);
  });
  it('Plan 2 2025/26: £30,000 a year → £2,500 − £2,372 = £128 over, £11 a month (gov.uk example)', () => {
    const r = calculateIncomeDriven({
      plan: 'UK-PLAN-2',
      annualIncome: '30000',
      familySize: 1,
      year: 2025,
      balance: '45000.00',
      currency: 'GBP',
    });
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
  it('Plan 2 2026/27: threshold £29,385 (£2,448 a month) and upper interest threshold £52,885 (GOV.UK April 2026 announcement)', () => {
    // £30,000 → £2,500 − £2,448 = £52 over → 9 % = £4.68 → £4.
    expect(ukMonthlyPayment('UK-PLAN-2', 3000000, 2026)).toBe(400);
    const rpi = parseRate('0.032');
    expect(ukPlan2Rate(rpi, 5288500, 2026)).toEqual(parseRate('0.062'));
    expect(ukPlan2Rate(rpi, 2938500, 2026)).toEqual(rpi);
  });
  it('Plan 5: 9 % over £25,000, RPI only, written off after 40 years', () => {
    const r = calculateIncomeDriven({
      plan: 'UK-PLAN-5',
      annualIncome: '30000',
      familySize: 1,
      year: 2025,
      balance: '45000.00',
      currency: 'GBP',
    });
    expect(r.monthlyPayment).toBe('37.00');
    expect(r.annualRate).toBe('0.032');
    expect(r.projection.months).toHaveLength(480);
  });
});
