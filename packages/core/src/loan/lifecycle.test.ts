import { describe, expect, it } from 'vitest';
import { toEpochDay } from '../dates/index.ts';
import { addRates, basisPoints, rate } from '../money/index.ts';
import { generateLifecycleSchedule } from './lifecycle.ts';
import { lpr5y } from './data/lpr.ts';
import {
  nationalLoanTermYears,
  productTemplate,
  PRODUCT_TEMPLATES,
  productTemplateSchema,
  usUnsubsidisedInterestTreatment,
} from './templates.ts';

const d = toEpochDay;

describe('China national student loan (生源地信用助学贷款)', () => {
  // Policy rules (docs/loan-engine.md): rate = 5-year LPR − 60 bp; the state pays interest
  // while studying; 5-year principal grace after graduation with interest paid each
  // 20 December; term = years of study + 15 (max 22); daily rate = annual rate / 360
  // (《人民币利率管理规定》). Figures below are computed by hand from those rules.
  const annualRate = addRates(lpr5y('2023-12-01'), basisPoints(-60)); // 4.20 % − 0.60 % = 3.60 %
  const s = generateLifecycleSchedule({
    annualRate,
    dayCount: 'ACT/360',
    rounding: 'half-up',
    disbursements: [{ day: d('2023-12-01'), amount: 1600000 }],
    inSchoolUntil: d('2024-06-30'),
    inSchoolInterest: 'subsidised',
    graceUntil: d('2029-06-30'),
    graceInterest: 'paid',
    interestDates: { annual: { month: 12, day: 20 } },
    repayment: {
      method: 'equal-principal',
      installments: 11,
      frequency: 'annual',
      firstDueDay: d('2029-12-20'),
    },
  });
  it('prices at LPR − 60 bp', () => {
    expect(annualRate).toEqual(rate(9, 250));
  });
  it('the state pays the in-school interest: ¥16,000 × 3.6 % × 19/360 = ¥30.40, then × 193/360 = ¥308.80', () => {
    const subsidy = s.rows.filter((r) => r.subsidisedInterest > 0).map((r) => [r.date, r.subsidisedInterest]);
    expect(subsidy).toEqual([
      ['2023-12-20', 3040],
      ['2024-06-30', 30880],
    ]);
  });
  it('the borrower pays interest only during the 5-year grace: 173 days → ¥276.80, then ¥584.00 a year (¥585.60 over 29 Feb 2028)', () => {
    const grace = s.rows
      .filter((r) => r.phase === 'grace' && r.kind === 'interest')
      .map((r) => [r.date, r.interest]);
    expect(grace[0]).toEqual(['2024-12-20', 27680]);
    expect(grace.slice(1, 5).map((g) => g[1])).toEqual([58400, 58400, 58400, 58560]);
    expect(grace.at(-1)).toEqual(['2029-06-30', 30720]);
  });
  it('then repays principal in equal annual parts each 20 December, ending at zero in 2039 (1 + 15 years)', () => {
    const inst = s.rows.filter((r) => r.kind === 'installment');
    expect(inst).toHaveLength(11);
    expect(inst[0]).toMatchObject({
      date: '2029-12-20',
      principal: 145455,
      interest: 27680,
      payment: 173135,
    });
    expect(inst.at(-1)).toMatchObject({ date: '2039-12-20', principal: 145450, balance: 0 });
    expect(s.totalSubsidisedInterest).toBe(33920);
    expect(nationalLoanTermYears(1)).toBe(16);
    expect(nationalLoanTermYears(8)).toBe(22);
  });
});

describe('several disbursements and capitalisation', () => {
  it('US Direct Unsubsidized: interest accrues from each disbursement and is capitalised at the end of grace', () => {
    const s = generateLifecycleSchedule({
      annualRate: rate(639, 10000),
      dayCount: 'ACT/365.25',
      rounding: 'half-up',
      disbursements: [
        { day: d('2024-09-01'), amount: 350000 },
        { day: d('2025-01-15'), amount: 350000 },
      ],
      inSchoolUntil: d('2025-05-31'),
      inSchoolInterest: 'capitalised',
      graceUntil: d('2025-11-30'),
      graceInterest: 'capitalised',
      interestDates: { everyMonths: 1 },
      repayment: { method: 'annuity', installments: 120, frequency: 'monthly', firstDueDay: d('2025-12-30') },
    });
    const cap = s.rows.filter((r) => r.kind === 'capitalisation');
    expect(cap.map((r) => r.date)).toEqual(['2025-05-31', '2025-11-30']);
    const installments = s.rows.filter((r) => r.kind === 'installment');
    expect(installments.reduce((a, r) => a + r.principal, 0)).toBe(700000 + s.totalCapitalisedInterest);
    expect(installments.at(-1)!.balance).toBe(0);
  });
});

describe('US Direct Unsubsidized: capitalisation before and after 1 July 2023 (34 CFR 685.202(b) as amended, 87 FR 65904)', () => {
  const t = productTemplate('US-DIRECT-UNSUB');
  const run = (treatment: 'capitalised' | 'accrued') =>
    generateLifecycleSchedule({
      annualRate: rate(639, 10000),
      dayCount: 'ACT/365.25',
      rounding: 'half-up',
      disbursements: [{ day: d('2024-09-01'), amount: 350000 }],
      inSchoolUntil: d('2025-05-31'),
      inSchoolInterest: treatment,
      graceUntil: d('2025-11-30'),
      graceInterest: treatment,
      interestDates: { everyMonths: 1 },
      repayment: { method: 'annuity', installments: 120, frequency: 'monthly', firstDueDay: d('2025-12-30') },
    });
  it('the template uses the current rule: interest accrues in school and grace and is not capitalised', () => {
    expect(t.phases.inSchool.interest).toBe('accrued');
    expect(t.phases.grace.interest).toBe('accrued');
    expect(usUnsubsidisedInterestTreatment('end-of-grace', '2023-06-30')).toBe('capitalised');
    expect(usUnsubsidisedInterestTreatment('end-of-grace', '2023-07-01')).toBe('accrued');
    expect(usUnsubsidisedInterestTreatment('end-of-forbearance', '2025-01-01')).toBe('accrued');
    expect(usUnsubsidisedInterestTreatment('end-of-deferment', '2025-01-01')).toBe('capitalised');
    expect(usUnsubsidisedInterestTreatment('leaving-ibr', '2025-01-01')).toBe('capitalised');
  });
  it('$3,500 at 6.39 % (simple daily interest, /365.25): 272 days in school → $166.55, 183 days of grace → $112.05, carried uncapitalised', () => {
    const s = run('accrued');
    // 3,500 × 6.39 % × 272 / 365.25 = 166.551…; 3,500 × 6.39 % × 183 / 365.25 = 112.054…
    expect(s.rows.filter((r) => r.accruedInterest > 0).map((r) => [r.date, r.accruedInterest])).toEqual([
      ['2025-05-31', 16655],
      ['2025-11-30', 11205],
    ]);
    expect(s.totalCapitalisedInterest).toBe(0);
    const inst = s.rows.filter((r) => r.kind === 'installment');
    expect(inst.reduce((a, r) => a + r.principal, 0)).toBe(350000);
    expect(inst.at(-1)!.balance).toBe(0);
    // The older rule capitalised the same interest (on the in-school amount first, so
    // grace interest runs on a larger balance) and costs more in total.
    const old = run('capitalised');
    expect(old.totalCapitalisedInterest).toBeGreaterThanOrEqual(16655 + 11205);
    expect(old.totalPaid).toBeGreaterThan(s.totalPaid);
  });
});

describe('product templates', () => {
  it('are all valid against the product schema', () => {
    for (const t of PRODUCT_TEMPLATES) expect(productTemplateSchema.safeParse(t).success).toBe(true);
    expect(productTemplate('CN-NSL-HOME').eligibleLevels).not.toContain('vocational');
    expect(productTemplate('US-DIRECT-SUB').phases.grace.months).toBe(6);
  });
  it('rejects a template with a bad field, naming it', () => {
    const bad = { ...productTemplate('CN-BANK-TUITION'), dayCount: 'ACT/999' };
    const r = productTemplateSchema.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['dayCount']);
  });
});
