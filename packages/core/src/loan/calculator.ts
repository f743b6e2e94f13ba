// The calculator contract: what `POST /api/v1/calculator/schedule`,
// `POST /api/v1/calculator/income-driven` and `bursar calc …` accept and return.
// Input and output are plain JSON: money as decimal strings in major units with the
// currency's minor digits, rates as decimal fractions ("0.08" = 8 %), dates as
// 'YYYY-MM-DD'. Every invalid field fails zod validation with an issue whose `path`
// names the field, so the server can answer 400 naming it.
import { z } from 'zod';
import {
  CURRENCY_CODES,
  currencyOf,
  formatMoney,
  isCurrencyCode,
  MAX_RATE_DECIMALS,
  parseMoney,
  parseRate,
  PRODUCT_ROUNDING_MODES,
  rational,
} from '../money/index.ts';
import {
  businessCalendar,
  CALENDARS,
  DAY_COUNT_CONVENTIONS,
  isValidIsoDate,
  toEpochDay,
  toIsoDate,
  type CalendarCode,
} from '../dates/index.ts';
import { FREQUENCIES } from './frequency.ts';
import { generateSchedule } from './schedule.ts';
import {
  calculateIncomeDrivenPlan,
  FILING_STATUSES,
  INCOME_DRIVEN_PLANS,
  isUkPlan,
} from './income-driven.ts';
import { hasPovertyGuideline, POVERTY_REGIONS } from './data/poverty-guidelines.ts';
import { UK_PLAN_TERMS, UK_RPI_FROM_SEPTEMBER } from './data/uk-plans.ts';

const DECIMAL = /^\d+(\.\d+)?$/;
const decimalPlaces = (s: string): number => (s.split('.')[1] ?? '').length;

/** A non-negative decimal amount in major units ("15000.00"); the currency's decimal
 *  limit is checked against the sibling `currency` field. */
const amountString = z
  .string()
  .trim()
  .regex(
    DECIMAL,
    'must be a decimal amount in major units, e.g. "15000.00" (digits, optional "." and decimals)',
  );

const rateString = z
  .string()
  .trim()
  .regex(DECIMAL, 'must be a decimal fraction, e.g. "0.08" for 8 %')
  .refine(
    (s) => decimalPlaces(s) <= MAX_RATE_DECIMALS,
    `must have at most ${MAX_RATE_DECIMALS} decimal places`,
  )
  .refine((s) => Number(s) <= 1, 'must be between 0 and 1 (0 % to 100 %)');

const dateString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date in YYYY-MM-DD form')
  .refine(isValidIsoDate, 'is not a real calendar date');

const currencyString = z
  .string()
  .refine(isCurrencyCode, { message: `must be one of ${CURRENCY_CODES.join(', ')}` });

function checkAmount(
  ctx: z.RefinementCtx,
  value: string | undefined,
  currency: string,
  field: string,
  positive: boolean,
): void {
  if (value === undefined || !isCurrencyCode(currency) || !DECIMAL.test(value.trim())) return;
  const cur = currencyOf(currency);
  if (decimalPlaces(value.trim()) > cur.minorDigits) {
    ctx.addIssue({
      code: 'custom',
      path: [field],
      message: `has more decimal places than ${cur.code} allows (${cur.minorDigits})`,
    });
    return;
  }
  let v: number;
  try {
    v = parseMoney(value, cur);
  } catch {
    ctx.addIssue({ code: 'custom', path: [field], message: 'is too large' });
    return;
  }
  if (positive && v <= 0)
    ctx.addIssue({ code: 'custom', path: [field], message: 'must be greater than zero' });
}

export const scheduleRequestSchema = z
  .object({
    principal: amountString.describe('Amount lent, major units, e.g. "15000.00"'),
    currency: currencyString.describe('ISO 4217 code'),
    annualRate: rateString.describe('Nominal annual rate as a decimal fraction, "0.08" = 8 %'),
    startDate: dateString.describe('Interest start (disbursement) date'),
    firstDueDate: dateString.optional().describe('Defaults to one period after startDate'),
    installments: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(1200, 'must be at most 1200'),
    frequency: z.enum(FREQUENCIES),
    method: z.enum(['annuity', 'equal-principal', 'interest-only']),
    dayCount: z.enum(DAY_COUNT_CONVENTIONS),
    rounding: z.enum(PRODUCT_ROUNDING_MODES),
    // Optional business-day adjustment (added without breaking existing requests).
    calendar: z
      .enum(Object.keys(CALENDARS) as [CalendarCode, ...CalendarCode[]])
      .optional()
      .describe('Business-day calendar for due-date adjustment (CN, US, GB-ENG); none by default'),
    businessDayRule: z
      .enum(['none', 'following', 'modified-following'])
      .optional()
      .describe('How a due date on a non-business day moves; default "following" when a calendar is given'),
    interestAccrual: z
      .enum(['unadjusted', 'adjusted'])
      .optional()
      .describe(
        'Interest runs to the contractual due date (unadjusted, default) or to the adjusted payment date',
      ),
  })
  .strict()
  .superRefine((v, ctx) => {
    checkAmount(ctx, v.principal, v.currency, 'principal', true);
    if (v.calendar === undefined && v.businessDayRule !== undefined && v.businessDayRule !== 'none') {
      ctx.addIssue({
        code: 'custom',
        path: ['calendar'],
        message: 'is required when businessDayRule moves due dates',
      });
    }
    if (
      v.firstDueDate !== undefined &&
      isValidIsoDate(v.firstDueDate) &&
      isValidIsoDate(v.startDate) &&
      v.firstDueDate <= v.startDate
    ) {
      ctx.addIssue({ code: 'custom', path: ['firstDueDate'], message: 'must be after startDate' });
    }
  });
export type ScheduleRequest = z.infer<typeof scheduleRequestSchema>;
export type ScheduleRequestInput = z.input<typeof scheduleRequestSchema>;

export const scheduleResponseSchema = z.object({
  payment: z.string(),
  installments: z.array(
    z.object({
      n: z.number().int(),
      dueDate: z.string(),
      principal: z.string(),
      interest: z.string(),
      payment: z.string(),
      balance: z.string(),
    }),
  ),
  totalInterest: z.string(),
  totalPaid: z.string(),
});
export type ScheduleResponse = z.infer<typeof scheduleResponseSchema>;

/** Generate a repayment schedule. Throws a ZodError (with field paths) on invalid input. */
export function calculateSchedule(input: ScheduleRequestInput): ScheduleResponse {
  const req = scheduleRequestSchema.parse(input);
  const cur = currencyOf(req.currency);
  const schedule = generateSchedule({
    principal: parseMoney(req.principal, cur),
    annualRate: parseRate(req.annualRate),
    startDay: toEpochDay(req.startDate),
    ...(req.firstDueDate !== undefined ? { firstDueDay: toEpochDay(req.firstDueDate) } : {}),
    installments: req.installments,
    frequency: req.frequency,
    method: req.method,
    dayCount: req.dayCount,
    rounding: req.rounding,
    ...(req.calendar !== undefined
      ? {
          calendar: businessCalendar(req.calendar),
          businessDayRule: req.businessDayRule ?? 'following',
          accrual: req.interestAccrual ?? 'unadjusted',
        }
      : {}),
  });
  const m = (v: number): string => formatMoney(v, cur);
  return {
    payment: m(schedule.payment),
    installments: schedule.installments.map((i) => ({
      n: i.n,
      dueDate: toIsoDate(i.dueDay),
      principal: m(i.principal),
      interest: m(i.interest),
      payment: m(i.payment),
      balance: m(i.balance),
    })),
    totalInterest: m(schedule.totalInterest),
    totalPaid: m(schedule.totalPaid),
  };
}

// ---------------------------------------------------------------------------------------

export const incomeDrivenRequestSchema = z
  .object({
    plan: z.enum(INCOME_DRIVEN_PLANS),
    annualIncome: amountString.describe('Adjusted gross income (US) or gross income (UK), major units'),
    familySize: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(30, 'must be at most 30'),
    year: z
      .number()
      .int('must be a whole number')
      .min(2000)
      .max(2100)
      .describe('Poverty-guideline year (US) or tax year starting in April (UK)'),
    region: z.enum(POVERTY_REGIONS).default('48'),
    filingStatus: z.enum(FILING_STATUSES).default('single'),
    spouseIncome: amountString.optional(),
    balance: amountString,
    annualRate: rateString
      .optional()
      .describe(
        'US: the loans’ rate (required). UK: the base (RPI) rate; defaults to the year’s RPI held as data',
      ),
    currency: currencyString,
    startDate: dateString
      .optional()
      .describe('First payment of the projection; defaults to 1 July (US) or 6 April (UK) of `year`'),
    incomeGrowth: rateString.optional().describe('Annual income growth for the projection, default 0'),
    dependants: z
      .number()
      .int()
      .min(0)
      .max(30)
      .optional()
      .describe('RAP: dependants; default family size less borrower and spouse'),
    balanceAtEntry: amountString
      .optional()
      .describe('Balance when entering the plan, for the standard-payment cap; default balance'),
  })
  .strict()
  .superRefine((v, ctx) => {
    const uk = isUkPlan(v.plan);
    checkAmount(ctx, v.annualIncome, v.currency, 'annualIncome', false);
    checkAmount(ctx, v.spouseIncome, v.currency, 'spouseIncome', false);
    checkAmount(ctx, v.balance, v.currency, 'balance', true);
    checkAmount(ctx, v.balanceAtEntry, v.currency, 'balanceAtEntry', true);
    if (uk && v.currency !== 'GBP')
      ctx.addIssue({ code: 'custom', path: ['currency'], message: 'must be GBP for UK plans' });
    if (!uk && v.currency !== 'USD')
      ctx.addIssue({ code: 'custom', path: ['currency'], message: 'must be USD for US plans' });
    if (!uk && v.annualRate === undefined)
      ctx.addIssue({ code: 'custom', path: ['annualRate'], message: 'is required for US plans' });
    if (v.filingStatus === 'married-joint' && v.spouseIncome === undefined) {
      ctx.addIssue({ code: 'custom', path: ['spouseIncome'], message: 'is required when filing jointly' });
    }
    if (!uk && v.plan !== 'RAP' && !hasPovertyGuideline(v.year, v.region)) {
      ctx.addIssue({
        code: 'custom',
        path: ['year'],
        message: `no HHS poverty guideline is held for ${v.year} (${v.region})`,
      });
    }
    if (uk) {
      const terms = UK_PLAN_TERMS[v.plan as 'UK-PLAN-2' | 'UK-PLAN-5'][v.year];
      if (!terms)
        ctx.addIssue({
          code: 'custom',
          path: ['year'],
          message: `no ${v.plan} threshold is held for tax year ${v.year}`,
        });
      else if (v.plan === 'UK-PLAN-2' && terms.upperInterestThreshold === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['year'],
          message: `no Plan 2 upper interest threshold is held for tax year ${v.year}`,
        });
      }
      if (v.annualRate === undefined && UK_RPI_FROM_SEPTEMBER[v.year] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['annualRate'],
          message: `no RPI is held for ${v.year}; give annualRate`,
        });
      }
    }
  });
export type IncomeDrivenRequest = z.infer<typeof incomeDrivenRequestSchema>;
export type IncomeDrivenRequestInput = z.input<typeof incomeDrivenRequestSchema>;

const projectionSchema = z.object({
  months: z.array(
    z.object({
      month: z.number().int(),
      date: z.string(),
      payment: z.string(),
      interest: z.string(),
      subsidy: z.string(),
      balance: z.string(),
    }),
  ),
  totalPaid: z.string(),
  totalInterest: z.string(),
  forgiven: z.string(),
  forgivenessDate: z.string().nullable(),
  payoffDate: z.string().nullable(),
});

export const incomeDrivenResponseSchema = z.object({
  monthlyPayment: z.string(),
  annualPayment: z.string(),
  cappedAtStandard: z.boolean(),
  standardPayment: z.string().nullable(),
  countedIncome: z.string(),
  povertyGuideline: z.string().nullable(),
  annualRate: z.string(),
  projection: projectionSchema,
});
export type IncomeDrivenResponse = z.infer<typeof incomeDrivenResponseSchema>;

/** Income-driven payment and month-by-month projection. Throws a ZodError on bad input. */
export function calculateIncomeDriven(input: IncomeDrivenRequestInput): IncomeDrivenResponse {
  const req = incomeDrivenRequestSchema.parse(input);
  const cur = currencyOf(req.currency);
  const uk = isUkPlan(req.plan);
  const r = calculateIncomeDrivenPlan({
    plan: req.plan,
    annualIncome: parseMoney(req.annualIncome, cur),
    familySize: req.familySize,
    year: req.year,
    region: req.region,
    filingStatus: req.filingStatus,
    spouseIncome: req.spouseIncome ? parseMoney(req.spouseIncome, cur) : 0,
    balance: parseMoney(req.balance, cur),
    ...(req.balanceAtEntry ? { balanceAtEntry: parseMoney(req.balanceAtEntry, cur) } : {}),
    ...(req.annualRate !== undefined ? { annualRate: parseRate(req.annualRate) } : {}),
    ...(req.incomeGrowth !== undefined ? { incomeGrowth: parseRate(req.incomeGrowth) } : {}),
    ...(req.dependants !== undefined ? { dependants: req.dependants } : {}),
    currency: cur.code,
    startDay: toEpochDay(req.startDate ?? (uk ? `${req.year}-04-06` : `${req.year}-07-01`)),
  });
  const m = (v: number): string => formatMoney(v, cur);
  return {
    monthlyPayment: m(r.monthlyPayment),
    annualPayment: m(r.annualPayment),
    cappedAtStandard: r.cappedAtStandard,
    standardPayment: r.standardPayment === null ? null : m(r.standardPayment),
    countedIncome: m(r.countedIncome),
    povertyGuideline: r.povertyGuideline === null ? null : m(r.povertyGuideline),
    annualRate: formatRateOut(r.annualRate),
    projection: {
      months: r.projection.months.map((x) => ({
        month: x.month,
        date: x.date,
        payment: m(x.payment),
        interest: m(x.interest),
        subsidy: m(x.subsidy),
        balance: m(x.balance),
      })),
      totalPaid: m(r.projection.totalPaid),
      totalInterest: m(r.projection.totalInterest),
      forgiven: m(r.projection.forgiven),
      forgivenessDate: r.projection.forgivenessDate,
      payoffDate: r.projection.payoffDate,
    },
  };
}

// Plan 2's tapered rate can be a repeating decimal; show it to 10 places.
function formatRateOut(r: { num: number; den: number }): string {
  return rational.formatRational(rational.ratio(r.num, r.den), 10).replace(/\.?0+$/, '');
}
