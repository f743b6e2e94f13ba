// Next-best offer: for one customer, the product or service that fits now, with the reason.
// The rules are data (ordered by priority, each with an eligibility condition in the journey
// condition language), evaluated against facts the server gathers. The first eligible rule by
// priority wins; a rule may be "do nothing" (in collections nobody is sold anything).
import { evaluate, type Condition, type Facts } from '../engagement/journey.ts';

export const NBO_CODES = [
  'collections-hold',
  'income-driven-plan',
  'next-year-tranche',
  'graduate-loan',
  'entrepreneurship-loan',
  'financial-literacy',
] as const;
export type NboCode = (typeof NBO_CODES)[number];

/** The tag a customer carries while an offer is their next-best one (segments select on it). */
export const NBO_TAG_PREFIX = 'nbo:';
export function nboTag(code: NboCode): string {
  return `${NBO_TAG_PREFIX}${code}`;
}

export interface NboFacts extends Facts {
  /** Current enrolment status (customers' vocabulary), null without one. */
  enrolmentStatus: string | null;
  /** Education level of the current enrolment. */
  level: string | null;
  /** Days from the business date to the expected graduation date (negative once past). */
  daysToGraduation: number | null;
  /** Days from the business date to the start of the next academic year. */
  daysToNextTerm: number;
  /** The customer has a loan in an open state (in school, grace, repayment, deferment, forbearance). */
  hasOpenLoan: boolean;
  /** Largest days past due over the customer's open loans (0 when none). */
  maxDaysPastDue: number;
  /** Any loan in default, charged off, or 90+ days past due. */
  inCollections: boolean;
  /** Any open loan already on an income-driven plan. */
  onIncomeDrivenPlan: boolean;
  /** Yearly scheduled repayments ÷ household yearly income, basis points; null when unknown. */
  paymentToIncomeBps: number | null;
  /** Days since the customer's first disbursement; null when never disbursed. */
  daysSinceFirstDisbursement: number | null;
  /** The customer carries the `business-plan` tag (a business plan on file). */
  hasBusinessPlan: boolean;
}

export interface NboRule {
  code: NboCode;
  /** Lower comes first. */
  priority: number;
  when: Condition;
  action: { kind: 'none' | 'product' | 'plan' | 'content'; productLevel?: string; href: string | null };
  reason: { en: string; 'zh-CN': string };
}

/** The lender's default rules, highest priority first. */
export const DEFAULT_NBO_RULES: readonly NboRule[] = [
  {
    code: 'collections-hold',
    priority: 10,
    when: { fact: 'inCollections', op: 'eq', value: true },
    action: { kind: 'none', href: null },
    reason: {
      en: 'In collections: offer nothing until the arrears are resolved.',
      'zh-CN': '处于催收中：在逾期解决前不推荐任何产品。',
    },
  },
  {
    code: 'income-driven-plan',
    priority: 20,
    when: {
      all: [
        { fact: 'hasOpenLoan', op: 'eq', value: true },
        { fact: 'enrolmentStatus', op: 'eq', value: 'graduated' },
        { not: { fact: 'onIncomeDrivenPlan', op: 'eq', value: true } },
        {
          any: [
            { fact: 'maxDaysPastDue', op: 'gte', value: 1 },
            { fact: 'paymentToIncomeBps', op: 'gte', value: 1500 },
          ],
        },
      ],
    },
    action: { kind: 'plan', href: '/hardship' },
    reason: {
      en: 'Graduate struggling to repay (early arrears or repayments above 15 % of income): offer an income-driven repayment plan.',
      'zh-CN': '毕业生还款困难（早期逾期或还款额超过收入的 15%）：推荐按收入还款计划。',
    },
  },
  {
    code: 'next-year-tranche',
    priority: 30,
    when: {
      all: [
        { fact: 'enrolmentStatus', op: 'eq', value: 'enrolled' },
        { fact: 'hasOpenLoan', op: 'eq', value: true },
        { fact: 'maxDaysPastDue', op: 'eq', value: 0 },
        { fact: 'daysToNextTerm', op: 'lte', value: 120 },
        { fact: 'daysToGraduation', op: 'gt', value: 120 },
      ],
    },
    action: { kind: 'product', href: '/applications/new' },
    reason: {
      en: "Continuing student with a loan in good standing and term starts within 120 days: offer next academic year's tranche.",
      'zh-CN': '在读学生，贷款状况良好，新学年 120 天内开学：推荐下一学年的贷款发放。',
    },
  },
  {
    code: 'graduate-loan',
    priority: 40,
    when: {
      all: [
        { fact: 'enrolmentStatus', op: 'eq', value: 'enrolled' },
        { fact: 'level', op: 'in', value: ['associate', 'undergraduate'] },
        { fact: 'daysToGraduation', op: 'lte', value: 365 },
        { fact: 'daysToGraduation', op: 'gte', value: 0 },
        { fact: 'maxDaysPastDue', op: 'eq', value: 0 },
      ],
    },
    action: { kind: 'product', productLevel: 'master', href: '/applications/new' },
    reason: {
      en: 'Final-year student in good standing: offer a graduate-study loan.',
      'zh-CN': '毕业年级学生，信用良好：推荐研究生助学贷款。',
    },
  },
  {
    code: 'entrepreneurship-loan',
    priority: 50,
    when: {
      all: [
        { fact: 'enrolmentStatus', op: 'eq', value: 'graduated' },
        { fact: 'hasBusinessPlan', op: 'eq', value: true },
        { fact: 'maxDaysPastDue', op: 'eq', value: 0 },
      ],
    },
    action: { kind: 'product', href: '/applications/new' },
    reason: {
      en: 'Graduate with a business plan and no arrears: offer an entrepreneurship loan.',
      'zh-CN': '有创业计划且无逾期的毕业生：推荐创业贷款。',
    },
  },
  {
    code: 'financial-literacy',
    priority: 60,
    when: {
      all: [
        { fact: 'daysSinceFirstDisbursement', op: 'exists' },
        { fact: 'daysSinceFirstDisbursement', op: 'lte', value: 180 },
      ],
    },
    action: { kind: 'content', href: '/kb' },
    reason: {
      en: 'New borrower (first disbursement within 180 days): send financial-literacy content.',
      'zh-CN': '新借款人（首次放款不足 180 天）：推送理财知识内容。',
    },
  },
];

export interface NboDecision {
  code: NboCode | null;
  rule: NboRule | null;
  /** Every eligible rule's code, in priority order (the first is the offer). */
  eligible: NboCode[];
}

/** The next-best offer for one customer's facts. */
export function nextBestOffer(facts: NboFacts, rules: readonly NboRule[] = DEFAULT_NBO_RULES): NboDecision {
  const ordered = [...rules].sort((a, b) => a.priority - b.priority);
  const eligible = ordered.filter((r) => evaluate(r.when, facts));
  return {
    code: eligible[0]?.code ?? null,
    rule: eligible[0] ?? null,
    eligible: eligible.map((r) => r.code),
  };
}

/** Days from a business date (YYYY-MM-DD) to the next academic-year start (month-day, default 09-01). */
export function daysToNextTermStart(businessDate: string, termStartMd = '09-01'): number {
  const today = Date.parse(`${businessDate}T00:00:00Z`);
  const year = Number(businessDate.slice(0, 4));
  let start = Date.parse(`${year}-${termStartMd}T00:00:00Z`);
  if (start < today) start = Date.parse(`${year + 1}-${termStartMd}T00:00:00Z`);
  return Math.round((start - today) / 86_400_000);
}
