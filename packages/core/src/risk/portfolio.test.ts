import { describe, expect, it } from 'vitest';
import { cdrWindowEnd, cohortDefaultRates, fiscalYearOf, type CdrLoan } from './cdr.ts';
import {
  ceclEcl,
  compareProvisions,
  cumulativePd,
  DEFAULT_ECL_CONFIG,
  fiveTierOf,
  ifrs9Ecl,
  ifrs9Stage,
  stressedConfig,
  stressedPd,
  type EclExposure,
} from './ecl.ts';
import {
  bucketDistribution,
  concentration,
  monthsOnBook,
  portfolioAtRisk,
  rollRateMatrix,
  rollStatus,
  rollStatuses,
  vintageCurves,
} from './portfolio.ts';
import { kriStatus, kriThresholdsValid, riskRating } from './register.ts';

const book = [
  { balance: 10_000, daysPastDue: 0, state: 'repayment' },
  { balance: 20_000, daysPastDue: 15, state: 'repayment' },
  { balance: 30_000, daysPastDue: 45, state: 'repayment' },
  { balance: 40_000, daysPastDue: 120, state: 'default' },
];

describe('portfolio at risk and buckets', () => {
  it('weights PAR30 and PAR90 by balance and by count', () => {
    const par30 = portfolioAtRisk(book, 30);
    expect(par30.balanceAtRisk).toBe(70_000);
    expect(par30.ratio).toBeCloseTo(0.7, 12);
    expect(par30.countRatio).toBe(0.5);
    const par90 = portfolioAtRisk(book, 90);
    expect(par90.ratio).toBeCloseTo(0.4, 12);
    expect(par90.countAtRisk).toBe(1);
    // A defaulted loan is at risk whatever its days past due (a rehabilitating one may show 0).
    expect(portfolioAtRisk([{ balance: 5, daysPastDue: 0, state: 'default' }], 30).ratio).toBe(1);
    expect(portfolioAtRisk([], 30).ratio).toBe(0);
  });

  it('spreads the book over the bucket ladder, empty buckets included', () => {
    const d = bucketDistribution(book);
    expect(d.map((b) => b.bucket)).toEqual([
      'current',
      '1-29',
      '30-59',
      '60-89',
      '90-179',
      '180-269',
      '270+',
    ]);
    expect(d.find((b) => b.bucket === '30-59')).toEqual({
      bucket: '30-59',
      count: 1,
      balance: 30_000,
      share: 0.3,
    });
    expect(d.find((b) => b.bucket === '60-89')!.count).toBe(0);
  });
});

describe('roll rates', () => {
  it('builds the transition matrix by count and by opening balance', () => {
    const statuses = rollStatuses();
    const m = rollRateMatrix(
      [
        { from: 'current', to: 'current', balance: 300 },
        { from: 'current', to: 'current', balance: 300 },
        { from: 'current', to: '1-29', balance: 400 },
        { from: '30-59', to: '60-89', balance: 100 },
        { from: '30-59', to: 'current', balance: 300 },
        { from: '90-179', to: 'default', balance: 500 },
      ],
      statuses,
    );
    const i = (s: string) => statuses.indexOf(s);
    expect(m.counts[i('current')]![i('current')]).toBe(2);
    expect(m.rates[i('current')]![i('current')]).toBeCloseTo(2 / 3, 12);
    expect(m.rates[i('current')]![i('1-29')]).toBeCloseTo(1 / 3, 12);
    // By balance: 600 of 1,000 stayed current, 400 rolled.
    expect(m.balanceRates[i('current')]![i('current')]).toBeCloseTo(0.6, 12);
    expect(m.balanceRates[i('30-59')]![i('60-89')]).toBeCloseTo(0.25, 12);
    expect(m.rates[i('90-179')]![i('default')]).toBe(1);
    expect(m.rates[i('60-89')]![i('current')]).toBeNull();
    expect(() => rollRateMatrix([{ from: 'x', to: 'current', balance: 1 }], statuses)).toThrow(/unknown/);
  });

  it('places loans that left the book in exit columns', () => {
    expect(rollStatus('repayment', '30-59')).toBe('30-59');
    expect(rollStatus('default', '270+')).toBe('default');
    expect(rollStatus('paid_off', 'current')).toBe('closed');
    expect(rollStatus('charged_off', 'current')).toBe('charged_off');
  });
});

describe('vintage curves', () => {
  it('counts months on book between calendar months', () => {
    expect(monthsOnBook('2026-01-15', '2026-01-31')).toBe(0);
    expect(monthsOnBook('2025-11-03', '2026-02-28')).toBe(3);
  });

  it('accumulates the bad rate over the whole cohort, a cured or departed loan staying bad', () => {
    const obs = [
      // Cohort 2026-01: A goes bad at MOB 1 and cures at MOB 2; B never; C bad at MOB 2.
      { loanId: 'A', cohort: '2026-01', amount: 100, monthsOnBook: 0, bad: false },
      { loanId: 'A', cohort: '2026-01', amount: 100, monthsOnBook: 1, bad: true },
      { loanId: 'A', cohort: '2026-01', amount: 100, monthsOnBook: 2, bad: false },
      { loanId: 'B', cohort: '2026-01', amount: 300, monthsOnBook: 0, bad: false },
      { loanId: 'B', cohort: '2026-01', amount: 300, monthsOnBook: 1, bad: false },
      { loanId: 'B', cohort: '2026-01', amount: 300, monthsOnBook: 2, bad: false },
      { loanId: 'C', cohort: '2026-01', amount: 600, monthsOnBook: 0, bad: false },
      { loanId: 'C', cohort: '2026-01', amount: 600, monthsOnBook: 1, bad: false },
      { loanId: 'C', cohort: '2026-01', amount: 600, monthsOnBook: 2, bad: true },
      // Cohort 2026-02: D is bad at MOB 0 and then leaves the book; E stays good.
      { loanId: 'D', cohort: '2026-02', amount: 50, monthsOnBook: 0, bad: true },
      { loanId: 'E', cohort: '2026-02', amount: 150, monthsOnBook: 0, bad: false },
      { loanId: 'E', cohort: '2026-02', amount: 150, monthsOnBook: 1, bad: false },
    ];
    const [jan, feb] = vintageCurves(obs);
    expect(jan!.cohort).toBe('2026-01');
    expect(jan!.loans).toBe(3);
    expect(jan!.amount).toBe(1000);
    expect(jan!.points.map((p) => p.rate)).toEqual([0, 1 / 3, 2 / 3]);
    expect(jan!.points.map((p) => p.amountRate)).toEqual([0, 0.1, 0.7]);
    expect(feb!.points).toEqual([
      { monthsOnBook: 0, observed: 2, rate: 0.5, amountRate: 0.25 },
      { monthsOnBook: 1, observed: 1, rate: 0.5, amountRate: 0.25 },
    ]);
  });
});

describe('concentration', () => {
  it('computes HHI and the top-N shares', () => {
    const c = concentration(
      [
        { key: 'Tsinghua', balance: 500 },
        { key: 'PKU', balance: 300 },
        { key: 'Tsinghua', balance: 100 },
        { key: 'Fudan', balance: 100 },
      ],
      2,
    );
    // Shares 0.6, 0.3, 0.1 → HHI = 0.36 + 0.09 + 0.01 = 0.46.
    expect(c.hhi).toBeCloseTo(0.46, 12);
    expect(c.hhiPoints).toBeCloseTo(4600, 8);
    expect(c.equivalentGroups).toBeCloseTo(1 / 0.46, 12);
    expect(c.top.map((t) => t.key)).toEqual(['Tsinghua', 'PKU']);
    expect(c.topShare).toBeCloseTo(0.9, 12);
    expect(concentration([]).hhi).toBe(0);
  });
});

describe('cohort default rate (US definition)', () => {
  it('names fiscal years by the year they end and closes the window two years later', () => {
    expect(fiscalYearOf('2023-09-30')).toBe(2023);
    expect(fiscalYearOf('2023-10-01')).toBe(2024);
    expect(cdrWindowEnd(2024)).toBe('2026-09-30');
  });

  it('counts borrowers entering repayment in FY who default by the end of FY+2', () => {
    const loans: CdrLoan[] = [
      // FY2024 cohort at school S: five borrowers.
      { borrowerId: 'b1', group: 'S', enteredRepaymentOn: '2023-10-01', defaultedOn: '2024-06-01' }, // in window
      { borrowerId: 'b2', group: 'S', enteredRepaymentOn: '2024-03-15', defaultedOn: '2026-09-30' }, // last day: counts
      { borrowerId: 'b3', group: 'S', enteredRepaymentOn: '2024-09-30', defaultedOn: '2026-10-01' }, // too late
      { borrowerId: 'b4', group: 'S', enteredRepaymentOn: '2024-05-01', defaultedOn: null },
      // b5 has two loans: one defaults, one does not → one borrower, defaulted.
      { borrowerId: 'b5', group: 'S', enteredRepaymentOn: '2024-01-10', defaultedOn: null },
      { borrowerId: 'b5', group: 'S', enteredRepaymentOn: '2024-02-10', defaultedOn: '2025-01-01' },
      // FY2025 cohort at S (entered 2024-10-01): not in FY2024's cohort.
      { borrowerId: 'b6', group: 'S', enteredRepaymentOn: '2024-10-01', defaultedOn: '2025-03-01' },
      // Another school.
      { borrowerId: 'b7', group: 'T', enteredRepaymentOn: '2024-01-01', defaultedOn: null },
    ];
    const rates = cohortDefaultRates(loans, '2026-01-01');
    const s24 = rates.find((r) => r.group === 'S' && r.fiscalYear === 2024)!;
    expect(s24).toEqual({
      group: 'S',
      fiscalYear: 2024,
      windowEnd: '2026-09-30',
      borrowers: 5,
      defaulted: 3,
      rate: 0.6,
      final: false,
    });
    expect(rates.find((r) => r.group === 'S' && r.fiscalYear === 2025)).toMatchObject({
      borrowers: 1,
      defaulted: 1,
      rate: 1,
    });
    expect(rates.find((r) => r.group === 'T')).toMatchObject({
      fiscalYear: 2024,
      borrowers: 1,
      defaulted: 0,
      rate: 0,
    });
    expect(
      cohortDefaultRates(loans, '2026-10-01').find((r) => r.fiscalYear === 2024 && r.group === 'S')!.final,
    ).toBe(true);
  });
});

const exposure = (over: Partial<EclExposure>): EclExposure => ({
  ead: 100_000,
  daysPastDue: 0,
  bucket: 'current',
  state: 'repayment',
  remainingYears: 3,
  ...over,
});

describe('expected credit loss', () => {
  it('stages by days past due, forbearance and default', () => {
    expect(ifrs9Stage(exposure({ daysPastDue: 30, bucket: '30-59' }))).toBe(1);
    expect(ifrs9Stage(exposure({ daysPastDue: 31, bucket: '30-59' }))).toBe(2);
    expect(ifrs9Stage(exposure({ state: 'forbearance' }))).toBe(2);
    expect(ifrs9Stage(exposure({ downgraded: true }))).toBe(2);
    expect(ifrs9Stage(exposure({ daysPastDue: 91, bucket: '90-179' }))).toBe(3);
    expect(ifrs9Stage(exposure({ state: 'default' }))).toBe(3);
  });

  it('takes 12-month ECL in stage 1 and lifetime in stages 2 and 3; CECL is lifetime throughout', () => {
    // Stage 1, PD12 2 %, LGD 60 %, EAD 1,000.00: 0.02 × 0.6 × 100000 = 1,200.
    expect(ifrs9Ecl(exposure({}))).toBe(1200);
    // CECL lifetime over 3 years: 1 − 0.98³ = 0.058808 → × 0.6 × 100000 = 3528.48 → 3528.
    expect(cumulativePd(0.02, 3)).toBeCloseTo(0.058808, 12);
    expect(ceclEcl(exposure({}))).toBe(3528);
    // Stage 2 (45 days, PD12 30 %), 2 years left: 1 − 0.7² = 0.51 → 0.51 × 0.6 × 100000 = 30,600.
    const s2 = exposure({ daysPastDue: 45, bucket: '30-59', remainingYears: 2 });
    expect(ifrs9Ecl(s2)).toBe(30_600);
    expect(ceclEcl(s2)).toBe(30_600);
    // Stage 3: PD 1 → LGD × EAD.
    expect(ifrs9Ecl(exposure({ state: 'default', daysPastDue: 200, bucket: '180-269' }))).toBe(60_000);
    // Six months left: the 12-month PD is capped at the remaining life: 1 − 0.98^0.5.
    expect(ifrs9Ecl(exposure({ remainingYears: 0.5 }))).toBe(
      Math.round((1 - Math.sqrt(0.98)) * 0.6 * 100_000),
    );
  });

  it('maps arrears and state onto the five tiers (五级分类)', () => {
    expect(fiveTierOf({ daysPastDue: 0, state: 'repayment' })).toBe('normal');
    expect(fiveTierOf({ daysPastDue: 1, state: 'repayment' })).toBe('special_mention');
    expect(fiveTierOf({ daysPastDue: 0, state: 'forbearance' })).toBe('special_mention');
    expect(fiveTierOf({ daysPastDue: 90, state: 'repayment' })).toBe('special_mention');
    expect(fiveTierOf({ daysPastDue: 91, state: 'repayment' })).toBe('substandard');
    expect(fiveTierOf({ daysPastDue: 10, state: 'default' })).toBe('substandard');
    expect(fiveTierOf({ daysPastDue: 271, state: 'default' })).toBe('doubtful');
    expect(fiveTierOf({ daysPastDue: 361, state: 'default' })).toBe('loss');
    expect(fiveTierOf({ daysPastDue: 0, state: 'charged_off' })).toBe('loss');
  });

  it('puts IFRS 9, CECL and the five-tier provisions side by side', () => {
    const c = compareProvisions([
      exposure({}),
      exposure({ daysPastDue: 45, bucket: '30-59', remainingYears: 2 }),
      exposure({ state: 'default', daysPastDue: 300, bucket: '270+' }),
    ]);
    expect(c.ead).toBe(300_000);
    expect(c.ifrs9.total).toBe(1200 + 30_600 + 60_000);
    expect(c.ifrs9.byStage.map((s) => s.count)).toEqual([1, 1, 1]);
    expect(c.cecl.total).toBe(3528 + 30_600 + 60_000);
    // 1 % of normal, 2 % of special mention, 50 % of doubtful.
    expect(c.fiveTier.total).toBe(1000 + 2000 + 50_000);
    expect(c.fiveTier.byTier.find((t) => t.key === 'doubtful')).toEqual({
      key: 'doubtful',
      count: 1,
      ead: 100_000,
      provision: 50_000,
      coverage: 0.5,
    });
  });

  it('moves PDs by the stress elasticity and caps them at 1', () => {
    // +2 pp unemployment and −10 % income: 0.02 × 1.2 × 1.2 = 0.0288.
    expect(stressedPd(0.02, { unemploymentPp: 2, incomeDropPct: 10 })).toBeCloseTo(0.0288, 12);
    expect(stressedPd(0.5, { unemploymentPp: 20, incomeDropPct: 0 })).toBe(1);
    expect(stressedPd(0.1, { unemploymentPp: -20, incomeDropPct: 0 })).toBe(0);
    const stressed = stressedConfig(DEFAULT_ECL_CONFIG, { unemploymentPp: 2, incomeDropPct: 10 });
    // Stage 1 ECL: 0.0288 × 0.6 × 100000 = 1,728 (baseline 1,200); stage 3 is unchanged.
    expect(ifrs9Ecl(exposure({}), stressed)).toBe(1728);
    expect(ifrs9Ecl(exposure({ state: 'default' }), stressed)).toBe(60_000);
    expect(stressed.lgd).toBe(DEFAULT_ECL_CONFIG.lgd);
  });
});

describe('risk register rules', () => {
  it('rates likelihood × impact into levels', () => {
    expect(riskRating(1, 4)).toEqual({ score: 4, level: 'low' });
    expect(riskRating(3, 3)).toEqual({ score: 9, level: 'medium' });
    expect(riskRating(2, 5)).toEqual({ score: 10, level: 'high' });
    expect(riskRating(3, 5)).toEqual({ score: 15, level: 'critical' });
    expect(() => riskRating(0, 3)).toThrow(/likelihood/);
    expect(() => riskRating(2, 6)).toThrow(/impact/);
  });

  it('turns a KRI amber and red at its thresholds in its direction', () => {
    const par = { direction: 'above' as const, amber: 0.05, red: 0.1 };
    expect(kriStatus(0.049, par)).toBe('green');
    expect(kriStatus(0.05, par)).toBe('amber');
    expect(kriStatus(0.1, par)).toBe('red');
    const coverage = { direction: 'below' as const, amber: 0.02, red: 0.01 };
    expect(kriStatus(0.03, coverage)).toBe('green');
    expect(kriStatus(0.015, coverage)).toBe('amber');
    expect(kriStatus(0.01, coverage)).toBe('red');
    expect(kriThresholdsValid(par)).toBe(true);
    expect(kriThresholdsValid({ direction: 'above', amber: 0.1, red: 0.05 })).toBe(false);
  });
});
