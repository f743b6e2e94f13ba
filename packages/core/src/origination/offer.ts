// The personalised offer: the product's rate adjusted by the lender's pricing rules (each
// adjustment listed), one tranche per academic year under a master agreement, and a repayment
// preview (schedule from the loan engine, total cost, APR).
import {
  addRates,
  basisPoints,
  divideRounded,
  formatMoney,
  formatRate,
  parseMoney,
  parseRate,
  type Rate,
} from '../money/index.ts';
import { lpr5y } from '../loan/data/lpr.ts';
import { MONTHS_PER_PERIOD } from '../loan/frequency.ts';
import { calculateSchedule } from '../loan/calculator.ts';
import { nominalApr } from '../loan/apr.ts';
import { nationalLoanTermYears, type ProductTemplate } from '../loan/templates.ts';
import type { AcademicResult, ApplicationNeed, Payee } from './vocabulary.ts';
import { academicYearStart } from './fit.ts';

export interface PricingAdjustment {
  code: string;
  /** Basis points added (negative: a discount). */
  bp: number;
}

export interface PricingInput {
  grade: string | null;
  academicResult: AcademicResult | undefined;
  needs: readonly ApplicationNeed[];
}

export interface PricingRules {
  grade: Readonly<Record<string, number>>;
  academicResult: Readonly<Partial<Record<AcademicResult, number>>>;
  financialNeed: number;
  /** The lowest rate pricing may reach, basis points. */
  floorBp: number;
}

/** The lender's pricing rules for its own products (configuration; documented in the user guide). */
export const DEFAULT_PRICING: PricingRules = {
  grade: { A: -25, B: 0, C: 25, D: 75 },
  academicResult: { excellent: -10 },
  financialNeed: -20,
  floorBp: 200,
};

/** The product's contract rate on a date: fixed, or the 5-year LPR plus the spread. */
export function productRate(p: ProductTemplate, on: string): Rate {
  if (p.rate.kind === 'fixed') return parseRate(p.rate.annualRate);
  return addRates(lpr5y(on), basisPoints(p.rate.spreadBp));
}

/** State-priced products (the national loans' LPR − 60 bp) are never adjusted. */
export function isStatePriced(p: ProductTemplate): boolean {
  return p.rate.kind === 'floating';
}

export function priceOffer(
  p: ProductTemplate,
  on: string,
  input: PricingInput,
  rules: PricingRules = DEFAULT_PRICING,
): { baseRate: string; rate: string; adjustments: PricingAdjustment[] } {
  const base = productRate(p, on);
  const adjustments: PricingAdjustment[] = [];
  if (!isStatePriced(p)) {
    const g = input.grade ? rules.grade[input.grade] : undefined;
    if (g) adjustments.push({ code: `grade_${input.grade}`, bp: g });
    const r = input.academicResult ? rules.academicResult[input.academicResult] : undefined;
    if (r) adjustments.push({ code: `academic_${input.academicResult}`, bp: r });
    if (input.needs.length && rules.financialNeed)
      adjustments.push({ code: 'financial_need', bp: rules.financialNeed });
  }
  let rate = adjustments.reduce((acc, a) => addRates(acc, basisPoints(a.bp)), base);
  const floor = basisPoints(rules.floorBp);
  if (adjustments.length && rate.num * floor.den < floor.num * rate.den) {
    adjustments.push({ code: 'rate_floor', bp: 0 });
    rate = floor;
  }
  return { baseRate: formatRate(base), rate: formatRate(rate), adjustments };
}

/**
 * The offer's personal pricing as a spread over the product's rate, in whole basis points
 * (pricing moves rates in basis points and the floor is one): servicing books the loan at the
 * product's contract rate on the opening day plus this spread, so a floating loan keeps its
 * discount when the benchmark moves.
 */
export function pricingSpreadBp(offer: { rate: string; baseRate: string }): number {
  const r = parseRate(offer.rate);
  const b = parseRate(offer.baseRate);
  const bp = ((r.num * b.den - b.num * r.den) * 10_000) / (r.den * b.den);
  if (!Number.isSafeInteger(bp))
    throw new Error(`offer spread ${offer.rate} − ${offer.baseRate} is not whole basis points`);
  return bp;
}

export interface TranchePlan {
  tranche: number;
  academicYear: string;
  plannedDate: string;
  amountMinor: number;
  payee: Payee;
}

/** One tranche per academic year, paid at the start of that year. */
export function tranchePlan(
  years: readonly { academicYear: string; amountMinor: number; payee: Payee }[],
): TranchePlan[] {
  return [...years]
    .sort((a, b) => a.academicYear.localeCompare(b.academicYear))
    .map((y, i) => ({
      tranche: i + 1,
      academicYear: y.academicYear,
      plannedDate: academicYearStart(y.academicYear),
      amountMinor: y.amountMinor,
      payee: y.payee,
    }));
}

export interface RepaymentPreview {
  repaymentStart: string;
  instalments: number;
  frequency: string;
  payment: string;
  schedule: {
    n: number;
    dueDate: string;
    principal: string;
    interest: string;
    payment: string;
    balance: string;
  }[];
  totalInterest: string;
  fees: string;
  totalCost: string;
  totalRepaid: string;
  apr: string;
}

function addMonths(iso: string, months: number): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + months;
  const yy = y + Math.floor(m / 12);
  const mm = (m % 12) + 1;
  const dd = Math.min(Number(iso.slice(8, 10)), 28);
  return `${yy}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

/**
 * The repayment preview of the whole commitment from the start of repayment (after study and the
 * grace period): in-school interest is subsidised or paid as billed, so it is not part of the
 * amortisation. APR is the loan engine's nominal APR on the amount financed net of fees.
 */
export function repaymentPreview(
  p: ProductTemplate,
  input: { amountMinor: number; rate: string; studyEndDate: string; yearsOfStudy: number },
): RepaymentPreview {
  const graceMonths = p.phases.grace.months;
  const start = addMonths(input.studyEndDate, graceMonths);
  const perPeriod = MONTHS_PER_PERIOD[p.frequency];
  const termMonths =
    p.phases.repayment.termMonths ??
    (p.phases.repayment.termRule
      ? nationalLoanTermYears(input.yearsOfStudy, p.phases.repayment.termRule) * 12 -
        graceMonths -
        input.yearsOfStudy * 12
      : 120);
  const instalments = Math.max(1, Math.floor(Math.max(termMonths, perPeriod) / perPeriod));
  const method =
    p.amortisation === 'equal-principal' || p.amortisation === 'interest-only' ? p.amortisation : 'annuity';
  const s = calculateSchedule({
    principal: formatMoney(input.amountMinor, p.currency),
    currency: p.currency,
    annualRate: input.rate,
    startDate: start,
    installments: instalments,
    frequency: p.frequency,
    method,
    dayCount: p.dayCount,
    rounding: p.rounding,
  });
  const feeShare = p.fees.originationShare ? parseRate(p.fees.originationShare) : null;
  const fee = feeShare ? divideRounded(input.amountMinor * feeShare.num, feeShare.den, p.rounding) : 0;
  const payments = s.installments.map((i) => parseMoney(i.payment, p.currency));
  const interest = parseMoney(s.totalInterest, p.currency);
  return {
    repaymentStart: start,
    instalments,
    frequency: p.frequency,
    payment: s.payment,
    schedule: s.installments,
    totalInterest: s.totalInterest,
    fees: formatMoney(fee, p.currency),
    totalCost: formatMoney(interest + fee, p.currency),
    totalRepaid: s.totalPaid,
    apr: nominalApr(input.amountMinor - fee, payments, p.frequency),
  };
}
