// Loan products as data: a typed, zod-validated definition a lender copies and adjusts
// (the `products` module stores and versions them). Built-in templates below; every
// parameter's source is in docs/loan-engine.md, "Product templates".
import { z } from 'zod';
import { BUSINESS_DAY_RULES, DAY_COUNT_CONVENTIONS } from '../dates/index.ts';
import { FREQUENCIES } from './frequency.ts';

const decimal = z.string().regex(/^\d+(\.\d+)?$/, 'must be a decimal string');
const rateFraction = decimal.refine((s) => Number(s) <= 1, 'must be between 0 and 1');

export const STUDY_LEVELS = ['vocational', 'associate', 'undergraduate', 'master', 'doctoral'] as const;
export type StudyLevel = (typeof STUDY_LEVELS)[number];

export const productRateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), annualRate: rateFraction }),
  z.object({
    kind: z.literal('floating'),
    benchmark: z.enum(['CN-LPR-5Y']),
    spreadBp: z.number().int().min(-1000).max(2000),
    /** When the rate follows the benchmark: each 1 January at the latest published value,
     *  or at each anniversary of the first disbursement. */
    repricing: z.enum(['annual-1-january', 'annual-anniversary']),
  }),
]);

/** `accrued`: interest accrues and stays owed, not capitalised (US unsubsidised loans
 *  since 1 July 2023); paid first from later instalments. */
const phaseInterest = z.enum(['subsidised', 'paid', 'capitalised', 'accrued']);

export const productTemplateSchema = z
  .object({
    code: z.string().regex(/^[A-Z0-9-]+$/),
    version: z.number().int().min(1),
    name: z.object({ en: z.string().min(1), 'zh-CN': z.string().min(1) }),
    currency: z.enum(['CNY', 'USD', 'GBP', 'EUR', 'HKD']),
    rate: productRateSchema,
    interestMethod: z.enum(['declining-balance', 'flat']),
    amortisation: z.enum(['annuity', 'equal-principal', 'interest-only', 'graduated', 'income-driven']),
    repaymentPlans: z.array(z.string()).optional(),
    frequency: z.enum(FREQUENCIES),
    /** A fixed annual due date (national student loan: 20 December). */
    annualDueDate: z
      .object({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) })
      .optional(),
    dayCount: z.enum(DAY_COUNT_CONVENTIONS),
    /** Due dates that are not business days on the servicing calendar move by this rule
     *  (billing, days past due); interest still runs to the contractual date. Default none. */
    businessDayRule: z.enum(BUSINESS_DAY_RULES).optional(),
    rounding: z.enum(['half-up', 'half-even']),
    phases: z.object({
      inSchool: z.object({
        interest: phaseInterest,
        subsidisedBy: z.enum(['state', 'lender', 'school']).optional(),
      }),
      grace: z.object({
        months: z.number().int().min(0).max(120),
        interest: phaseInterest,
        principalFree: z.boolean(),
      }),
      repayment: z.object({
        termMonths: z.number().int().min(1).max(600).optional(),
        /** National loan: term = years of study + N, capped. */
        termRule: z.object({ yearsOfStudyPlus: z.number().int(), maxYears: z.number().int() }).optional(),
      }),
    }),
    limits: z.array(
      z.object({
        level: z.enum(STUDY_LEVELS),
        perYear: decimal,
        aggregate: decimal.optional(),
        effectiveFrom: z.string().optional(),
      }),
    ),
    eligibleLevels: z.array(z.enum(STUDY_LEVELS)).min(1),
    minimumPayment: decimal.optional(),
    capitalisationEvents: z.array(z.enum(['end-of-grace', 'end-of-deferment', 'leaving-income-driven-plan'])),
    prepaymentPenalty: z.literal(false),
    penaltyRate: z
      .object({ kind: z.enum(['multiplier-of-contract-rate', 'fixed']), value: decimal })
      .optional(),
    fees: z.object({
      originationShare: decimal.optional(),
      /** Flat late fee per late instalment, major units. */
      lateFee: decimal.optional(),
      /** Late fee as a share of the late instalment ("0.06" = six cents per dollar). */
      lateFeeShare: rateFraction.optional(),
      /** Cap per late instalment, major units. */
      lateFeeCap: decimal.optional(),
      /** Days past due before a late fee may be charged. */
      lateFeeGraceDays: z.number().int().min(0).max(365).optional(),
      returnedPaymentFee: decimal.optional(),
    }),
    defaultDaysPastDue: z.number().int().min(1),
    notes: z.string().optional(),
  })
  .strict();
export type ProductTemplate = z.infer<typeof productTemplateSchema>;

const NATIONAL_LOAN_BASE: Omit<ProductTemplate, 'code' | 'name'> = {
  version: 1,
  currency: 'CNY',
  // 5-year LPR − 60 bp from the autumn 2023 term (see docs/loan-engine.md for the notice).
  rate: { kind: 'floating', benchmark: 'CN-LPR-5Y', spreadBp: -60, repricing: 'annual-1-january' },
  interestMethod: 'declining-balance',
  amortisation: 'equal-principal',
  frequency: 'annual',
  annualDueDate: { month: 12, day: 20 },
  // 《人民币利率管理规定》: daily rate = annual rate / 360.
  dayCount: 'ACT/360',
  rounding: 'half-up',
  phases: {
    inSchool: { interest: 'subsidised', subsidisedBy: 'state' },
    grace: { months: 60, interest: 'paid', principalFree: true },
    repayment: { termRule: { yearsOfStudyPlus: 15, maxYears: 22 } },
  },
  limits: [
    { level: 'associate', perYear: '16000', effectiveFrom: '2023-09-01' },
    { level: 'undergraduate', perYear: '16000', effectiveFrom: '2023-09-01' },
    { level: 'master', perYear: '20000', effectiveFrom: '2023-09-01' },
    { level: 'doctoral', perYear: '20000', effectiveFrom: '2023-09-01' },
    { level: 'associate', perYear: '20000', effectiveFrom: '2025-09-01' },
    { level: 'undergraduate', perYear: '20000', effectiveFrom: '2025-09-01' },
    { level: 'master', perYear: '25000', effectiveFrom: '2025-09-01' },
    { level: 'doctoral', perYear: '25000', effectiveFrom: '2025-09-01' },
  ],
  // Secondary vocational (中职) students are not eligible.
  eligibleLevels: ['associate', 'undergraduate', 'master', 'doctoral'],
  capitalisationEvents: [],
  prepaymentPenalty: false,
  fees: {},
  // Chinese banks classify loans 90+ days past due as non-performing (《商业银行金融资产风险分类办法》2023).
  defaultDaysPastDue: 90,
  notes:
    'Limits: ¥12,000/¥16,000 from autumn 2021 (MOF briefing, 14 Sep 2021); ¥16,000/¥20,000 from autumn 2023 (2023 notice, with LPR − 60 bp). The autumn-2025 rows (¥20,000/¥25,000) are NOT verified against a published notice: confirm before use.',
};

export const PRODUCT_TEMPLATES: readonly ProductTemplate[] = [
  {
    ...NATIONAL_LOAN_BASE,
    code: 'CN-NSL-HOME',
    name: { en: 'Home-region credit-based student loan', 'zh-CN': '生源地信用助学贷款' },
  },
  {
    ...NATIONAL_LOAN_BASE,
    code: 'CN-NSL-CAMPUS',
    name: { en: 'On-campus national student loan', 'zh-CN': '校园地国家助学贷款' },
  },
  ...(
    [
      ['CN-BANK-TUITION', 'Tuition loan', '学费贷款', 'annuity', '0.0395', 60, '30000'],
      ['CN-BANK-LIVING', 'Living-expense loan', '生活费贷款', 'annuity', '0.0420', 36, '10000'],
      ['CN-BANK-GRADUATE', 'Graduate-study loan', '研究生贷款', 'equal-principal', '0.0395', 96, '50000'],
      [
        'CN-BANK-ENTREPRENEURSHIP',
        'Graduate entrepreneurship loan',
        '大学生创业贷款',
        'equal-principal',
        '0.0345',
        36,
        '200000',
      ],
    ] as const
  ).map(([code, en, zh, amortisation, annualRate, termMonths, perYear]): ProductTemplate => ({
    code,
    version: 1,
    name: { en, 'zh-CN': zh },
    currency: 'CNY',
    rate: { kind: 'fixed', annualRate },
    interestMethod: 'declining-balance',
    amortisation,
    frequency: 'monthly',
    dayCount: 'ACT/360',
    rounding: 'half-up',
    phases: {
      inSchool: { interest: 'paid' },
      grace: { months: 0, interest: 'paid', principalFree: true },
      repayment: { termMonths },
    },
    limits: (['undergraduate', 'master', 'doctoral'] as const).map((level) => ({ level, perYear })),
    eligibleLevels: ['undergraduate', 'master', 'doctoral'],
    capitalisationEvents: [],
    prepaymentPenalty: false,
    penaltyRate: { kind: 'multiplier-of-contract-rate', value: '1.5' },
    fees: { lateFee: '0' },
    defaultDaysPastDue: 90,
    notes: 'Illustrative commercial terms: a lender sets its own rate, term and limits.',
  })),
  {
    code: 'US-DIRECT-SUB',
    version: 1,
    name: { en: 'Direct Subsidized Loan (undergraduate)', 'zh-CN': '美国联邦直接贴息贷款（本科）' },
    currency: 'USD',
    rate: { kind: 'fixed', annualRate: '0.0639' }, // 2025–26 undergraduate rate
    interestMethod: 'declining-balance',
    amortisation: 'annuity',
    repaymentPlans: ['standard', 'graduated', 'extended', 'IBR', 'IBR-new', 'PAYE', 'ICR', 'RAP'],
    frequency: 'monthly',
    dayCount: 'ACT/365.25',
    rounding: 'half-up',
    phases: {
      inSchool: { interest: 'subsidised', subsidisedBy: 'state' },
      grace: { months: 6, interest: 'subsidised', principalFree: true },
      repayment: { termMonths: 120 },
    },
    limits: [
      { level: 'undergraduate', perYear: '5500', aggregate: '23000' },
      { level: 'associate', perYear: '3500', aggregate: '23000' },
    ],
    eligibleLevels: ['associate', 'undergraduate'],
    capitalisationEvents: ['leaving-income-driven-plan'],
    prepaymentPenalty: false,
    // Late charge: up to 6 cents per dollar of an instalment not paid within 30 days (34 CFR 685.202(d)).
    fees: { originationShare: '0.01057', lateFeeShare: '0.06', lateFeeGraceDays: 30 },
    defaultDaysPastDue: 270,
  },
  {
    code: 'US-DIRECT-UNSUB',
    version: 1,
    name: { en: 'Direct Unsubsidized Loan', 'zh-CN': '美国联邦直接非贴息贷款' },
    currency: 'USD',
    rate: { kind: 'fixed', annualRate: '0.0639' },
    interestMethod: 'declining-balance',
    amortisation: 'annuity',
    repaymentPlans: ['standard', 'graduated', 'extended', 'IBR', 'IBR-new', 'PAYE', 'ICR', 'RAP'],
    frequency: 'monthly',
    dayCount: 'ACT/365.25',
    rounding: 'half-up',
    // Since 1 July 2023 unpaid interest is no longer capitalised when repayment begins
    // after grace (34 CFR 685.202(b) as amended, 87 FR 65904): it accrues and stays owed.
    // For loans whose grace ended before then use `usUnsubsidisedInterestTreatment`.
    phases: {
      inSchool: { interest: 'accrued' },
      grace: { months: 6, interest: 'accrued', principalFree: true },
      repayment: { termMonths: 120 },
    },
    limits: [
      { level: 'undergraduate', perYear: '7500', aggregate: '31000' },
      { level: 'master', perYear: '20500', aggregate: '138500' },
      { level: 'doctoral', perYear: '20500', aggregate: '138500' },
    ],
    eligibleLevels: ['associate', 'undergraduate', 'master', 'doctoral'],
    // What still capitalises after 1 July 2023: the end of a deferment on an unsubsidised
    // loan and leaving IBR (statutory); no longer entering repayment, leaving forbearance
    // or leaving the other income-driven plans.
    capitalisationEvents: ['end-of-deferment', 'leaving-income-driven-plan'],
    prepaymentPenalty: false,
    fees: { originationShare: '0.01057', lateFeeShare: '0.06', lateFeeGraceDays: 30 },
    defaultDaysPastDue: 270,
    notes: 'Graduate rate 2025–26 is 7.94 %; undergraduate limits shown are the independent-student totals.',
  },
];

/** Validate every built-in template at load, so a bad edit fails the first test run. */
for (const t of PRODUCT_TEMPLATES) productTemplateSchema.parse(t);

export function productTemplate(code: string): ProductTemplate {
  const t = PRODUCT_TEMPLATES.find((p) => p.code === code);
  if (!t) throw new RangeError(`No product template '${code}'`);
  return t;
}

/** National student loan term in years: years of study + 15, at most 22. */
export function nationalLoanTermYears(
  yearsOfStudy: number,
  rule = { yearsOfStudyPlus: 15, maxYears: 22 },
): number {
  return Math.min(yearsOfStudy + rule.yearsOfStudyPlus, rule.maxYears);
}

/** The date the 2022 final rule's capitalisation changes took effect (87 FR 65904,
 *  1 November 2022; effective 1 July 2023). */
export const US_CAPITALISATION_RULE_CHANGE = '2023-07-01';

export type UsCapitalisationEvent =
  'end-of-grace' | 'end-of-deferment' | 'end-of-forbearance' | 'leaving-ibr' | 'leaving-other-idr';

/** How unpaid interest on a US Direct Unsubsidized loan is treated at an event on
 *  `eventDate` ('YYYY-MM-DD'): capitalised before 1 July 2023 at every listed event;
 *  from then on only at the end of a deferment and on leaving IBR, otherwise it stays
 *  owed as accrued interest (34 CFR 685.202(b) as amended). */
export function usUnsubsidisedInterestTreatment(
  event: UsCapitalisationEvent,
  eventDate: string,
): 'capitalised' | 'accrued' {
  if (eventDate < US_CAPITALISATION_RULE_CHANGE) return 'capitalised';
  return event === 'end-of-deferment' || event === 'leaving-ibr' ? 'capitalised' : 'accrued';
}
