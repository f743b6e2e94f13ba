// Side-by-side repayment plans for the student's what-if page: for one balance and
// income, what each plan costs per month and in total, when it ends, what is forgiven,
// and the balance over time (one point a year, enough for a chart).
import { z } from 'zod';
import { formatMoney, parseMoney, parseRate, currencyOf, type MinorUnits } from '../money/index.ts';
import { toEpochDay, toIsoDate, addMonths } from '../dates/index.ts';
import { generateSchedule } from './schedule.ts';
import {
  calculateIncomeDrivenPlan,
  FILING_STATUSES,
  INCOME_DRIVEN_PLANS,
  isUkPlan,
} from './income-driven.ts';
import { POVERTY_REGIONS } from './data/poverty-guidelines.ts';

/** Fixed-payment US Direct Loan plans (34 CFR 685.208): Standard 10 years; Graduated 10
 *  years with payments rising every two years; Extended 25 years (balance over $30,000). */
export const FIXED_PLANS = ['standard', 'graduated', 'extended'] as const;
export const COMPARABLE_PLANS = [...FIXED_PLANS, ...INCOME_DRIVEN_PLANS] as const;
export type ComparablePlan = (typeof COMPARABLE_PLANS)[number];

const money = z.string().regex(/^\d+(\.\d+)?$/, 'must be a decimal amount in major units');
const rateStr = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a decimal fraction')
  .refine((s) => Number(s) <= 1, 'must be between 0 and 1');

export const comparePlansRequestSchema = z
  .object({
    balance: money,
    annualRate: rateStr,
    currency: z.enum(['USD', 'GBP']),
    annualIncome: money,
    familySize: z.number().int().min(1).max(30).default(1),
    year: z.number().int().min(2000).max(2100),
    region: z.enum(POVERTY_REGIONS).default('48'),
    filingStatus: z.enum(FILING_STATUSES).default('single'),
    spouseIncome: money.optional(),
    incomeGrowth: rateStr.optional(),
    startDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
    plans: z.array(z.enum(COMPARABLE_PLANS)).min(1).optional(),
  })
  .strict();
export type ComparePlansRequest = z.input<typeof comparePlansRequestSchema>;

export interface PlanComparison {
  plan: ComparablePlan;
  firstMonthlyPayment: string;
  totalPaid: string;
  forgiven: string;
  months: number;
  endDate: string;
  /** Balance at the start and after every 12 payments, and at the end. */
  balanceOverTime: { date: string; balance: string }[];
  error?: string;
}

/** Graduated plan: 10 years, 5 steps of 24 months, +15 % a step (lender-adjustable; the
 *  regulation only requires no payment below the interest or above 3× another). */
export const US_GRADUATED_STEPS = { stepEvery: 24, stepRate: { num: 15, den: 100 } } as const;

export function compareRepaymentPlans(input: ComparePlansRequest): PlanComparison[] {
  const req = comparePlansRequestSchema.parse(input);
  const cur = currencyOf(req.currency);
  const balance = parseMoney(req.balance, cur);
  const rate = parseRate(req.annualRate);
  const uk = req.currency === 'GBP';
  const start = toEpochDay(req.startDate ?? (uk ? `${req.year}-04-06` : `${req.year}-07-01`));
  const plans =
    req.plans ??
    (uk
      ? (['UK-PLAN-2', 'UK-PLAN-5'] as const)
      : (['standard', 'graduated', 'extended', 'IBR-new', 'PAYE', 'ICR', 'RAP'] as const));
  const m = (v: MinorUnits): string => formatMoney(v, cur);

  const series = (points: { day: number; balance: MinorUnits }[]): { date: string; balance: string }[] =>
    points
      .filter((_, i) => i % 12 === 0 || i === points.length - 1)
      .map((p) => ({ date: toIsoDate(p.day), balance: m(p.balance) }));

  return plans.map((plan): PlanComparison => {
    try {
      if (plan === 'standard' || plan === 'graduated' || plan === 'extended') {
        const s = generateSchedule({
          principal: balance,
          annualRate: rate,
          startDay: addMonths(start, -1),
          installments: plan === 'extended' ? 300 : 120,
          frequency: 'monthly',
          method: plan === 'graduated' ? 'graduated' : 'annuity',
          ...(plan === 'graduated' ? { graduated: US_GRADUATED_STEPS } : {}),
          dayCount: '30/360',
          rounding: 'half-up',
        });
        const pts = [
          { day: addMonths(start, -1), balance },
          ...s.installments.map((i) => ({ day: i.dueDay, balance: i.balance })),
        ];
        return {
          plan,
          firstMonthlyPayment: m(s.installments[0]!.payment),
          totalPaid: m(s.totalPaid),
          forgiven: m(0),
          months: s.installments.length,
          endDate: toIsoDate(s.installments.at(-1)!.dueDay),
          balanceOverTime: series(pts),
        };
      }
      if (isUkPlan(plan) !== uk)
        throw new RangeError(uk ? 'only UK plans apply to GBP loans' : 'UK plans need GBP');
      const r = calculateIncomeDrivenPlan({
        plan: plan,
        annualIncome: parseMoney(req.annualIncome, cur),
        familySize: req.familySize,
        year: req.year,
        region: req.region,
        filingStatus: req.filingStatus,
        spouseIncome: req.spouseIncome ? parseMoney(req.spouseIncome, cur) : 0,
        balance,
        annualRate: rate,
        ...(req.incomeGrowth ? { incomeGrowth: parseRate(req.incomeGrowth) } : {}),
        currency: cur.code,
        startDay: start,
      });
      const months = r.projection.months;
      const pts = [
        { day: addMonths(start, -1), balance },
        ...months.map((x) => ({ day: toEpochDay(x.date), balance: x.balance })),
      ];
      return {
        plan,
        firstMonthlyPayment: m(r.monthlyPayment),
        totalPaid: m(r.projection.totalPaid),
        forgiven: m(r.projection.forgiven),
        months: months.length,
        endDate: r.projection.payoffDate ?? r.projection.forgivenessDate ?? toIsoDate(start),
        balanceOverTime: series(pts),
      };
    } catch (e) {
      // One plan that cannot apply (no data for the year, wrong currency) must not hide the others.
      return {
        plan,
        firstMonthlyPayment: m(0),
        totalPaid: m(0),
        forgiven: m(0),
        months: 0,
        endDate: toIsoDate(start),
        balanceOverTime: [],
        error: (e as Error).message,
      };
    }
  });
}
