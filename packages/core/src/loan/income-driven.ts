// US income-driven repayment (IDR) for Direct Loans, and the UK's income-contingent
// Plans 2 and 5. Payments follow from income, not from the balance; the projection
// runs month by month to payoff or forgiveness.
//
// US rules (34 CFR 685.209 as amended 2023; 685.221 before it; the One Big Beautiful
// Bill Act, Pub. L. 119-21 §82001, for RAP):
//   IBR (borrowed before 1 July 2014): 15 % of (AGI − 150 % of poverty guideline) / 12,
//     capped at the 10-year standard payment; forgiveness after 25 years.
//   IBR-new (new borrowers from 1 July 2014): 10 %, capped, forgiveness after 20 years.
//   PAYE: 10 % of (AGI − 150 %), capped, forgiveness after 20 years.
//   ICR: the lesser of 20 % of (AGI − 100 % of poverty guideline) and the 12-year
//     standard payment (on the balance when entering the plan) multiplied by the income
//     percentage factor for the AGI and marital status (./data/icr-factors.ts, published
//     yearly in the Federal Register); not capped at the 10-year payment; forgiveness
//     after 25 years.
//   RAP (from 1 July 2026): a share of the whole AGI by band — $120 a year up to
//     $10,000, then 1 % for $10,000.01–$20,000 rising one point per $10,000 to 10 % above
//     $100,000 — divided by 12, less $50 a month per dependant, at least $10 a month;
//     unpaid interest is waived each month and the Department matches principal so it
//     falls by at least $50 a month; forgiveness after 30 years (360 payments).
//   Married filing jointly counts both incomes; filing separately counts only the
//   borrower's (the spouse stays in the family size).
//   Small payments: IBR/PAYE under $5 → $0, $5–$10 → $10; ICR above $0 but ≤ $5 → $5.
// UK rules: see ./data/uk-plans.ts.
import {
  divideRounded,
  mulDivRounded,
  rate as makeRate,
  type MinorUnits,
  type Rate,
} from '../money/index.ts';
import { addMonths, toIsoDate, type EpochDay } from '../dates/index.ts';
import { annuityPayment } from './schedule.ts';
import { povertyGuideline, type PovertyRegion } from './data/poverty-guidelines.ts';
import { icrIncomePercentageFactor } from './data/icr-factors.ts';
import {
  UK_PLAN_TERMS,
  UK_REPAYMENT_SHARE,
  UK_RPI_FROM_SEPTEMBER,
  UK_WRITE_OFF_YEARS,
  type UkPlan,
} from './data/uk-plans.ts';

export const US_IDR_PLANS = ['IBR', 'IBR-new', 'PAYE', 'ICR', 'RAP'] as const;
export const UK_PLANS = ['UK-PLAN-2', 'UK-PLAN-5'] as const;
export const INCOME_DRIVEN_PLANS = [...US_IDR_PLANS, ...UK_PLANS] as const;
export type UsIdrPlan = (typeof US_IDR_PLANS)[number];
export type IncomeDrivenPlan = (typeof INCOME_DRIVEN_PLANS)[number];
export const FILING_STATUSES = ['single', 'married-joint', 'married-separate'] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];

export const isUkPlan = (p: IncomeDrivenPlan): p is UkPlan => p === 'UK-PLAN-2' || p === 'UK-PLAN-5';

interface UsPlanRule {
  /** Share of discretionary income, percent. */
  sharePercent: number;
  /** Poverty-guideline multiple protected from payment, percent. */
  protectedPercent: number;
  capAtStandard: boolean;
  forgivenessMonths: number;
}

export const US_PLAN_RULES: Record<Exclude<UsIdrPlan, 'RAP'>, UsPlanRule> = {
  IBR: { sharePercent: 15, protectedPercent: 150, capAtStandard: true, forgivenessMonths: 300 },
  'IBR-new': { sharePercent: 10, protectedPercent: 150, capAtStandard: true, forgivenessMonths: 240 },
  PAYE: { sharePercent: 10, protectedPercent: 150, capAtStandard: true, forgivenessMonths: 240 },
  ICR: { sharePercent: 20, protectedPercent: 100, capAtStandard: false, forgivenessMonths: 300 },
};

export const RAP_RULES = {
  /** Annual payment for AGI up to $10,000. */
  floorAnnualDollars: 120,
  /** Band width: each further $10,000 of AGI adds one point, from 1 % to 10 %. */
  bandDollars: 10000,
  maxPercent: 10,
  perDependantMonthlyDollars: 50,
  minimumMonthlyDollars: 10,
  principalMatchMonthlyDollars: 50,
  forgivenessMonths: 360,
} as const;

export interface IncomeDrivenInput {
  plan: IncomeDrivenPlan;
  /** Borrower's annual income (AGI for US plans), minor units. */
  annualIncome: MinorUnits;
  familySize: number;
  year: number;
  region: PovertyRegion;
  filingStatus: FilingStatus;
  spouseIncome: MinorUnits;
  /** Outstanding balance now (principal; any accrued interest included). */
  balance: MinorUnits;
  /** Balance when the borrower entered the plan, for the standard-payment cap. */
  balanceAtEntry?: MinorUnits;
  /** US: the loans' rate. UK: the base rate (RPI); Plan 2 adds up to 3 points by income.
   *  Undefined for UK plans = the RPI held as data for the year. */
  annualRate?: Rate;
  /** Annual income growth for the projection (0 by default). */
  incomeGrowth?: Rate;
  /** RAP: dependants; defaults to family size less the borrower and a spouse. */
  dependants?: number;
  currency: string;
  /** First payment date of the projection. */
  startDay: EpochDay;
}

export interface ProjectionMonth {
  month: number;
  date: string;
  payment: MinorUnits;
  interest: MinorUnits;
  /** Interest waived or principal matched by the government (RAP). */
  subsidy: MinorUnits;
  balance: MinorUnits;
}

export interface Projection {
  months: ProjectionMonth[];
  totalPaid: MinorUnits;
  totalInterest: MinorUnits;
  forgiven: MinorUnits;
  /** Date the remaining balance is forgiven or written off; null if paid off first. */
  forgivenessDate: string | null;
  payoffDate: string | null;
}

export interface IncomeDrivenResult {
  monthlyPayment: MinorUnits;
  annualPayment: MinorUnits;
  cappedAtStandard: boolean;
  standardPayment: MinorUnits | null;
  /** Income counted by the plan, minor units. */
  countedIncome: MinorUnits;
  povertyGuideline: MinorUnits | null;
  /** The annual rate the projection used, exact. */
  annualRate: Rate;
  projection: Projection;
}

const dollars = (d: number): MinorUnits => d * 100;

export function countedIncome(
  input: Pick<IncomeDrivenInput, 'annualIncome' | 'filingStatus' | 'spouseIncome'>,
): MinorUnits {
  return input.filingStatus === 'married-joint'
    ? input.annualIncome + input.spouseIncome
    : input.annualIncome;
}

/** ICR's second amount: the 12-year standard payment times the income percentage
 *  factor, each rounded half-up to the cent as the Federal Register's worked examples
 *  do ($146.38 × 71.89 % = $105.23). */
export function icrFactorPayment(
  twelveYearPayment: MinorUnits,
  income: MinorUnits,
  year: number,
  filingStatus: FilingStatus,
): MinorUnits {
  const f = icrIncomePercentageFactor(year, filingStatus, income);
  return mulDivRounded(twelveYearPayment, f.num, f.den, 'half-up');
}

/** Monthly payment (cents) for a US plan at a given income, before the cap. For ICR,
 *  pass `icr` to apply the lesser-of rule (without it only the 20 % amount is used). */
export function usMonthlyPayment(
  plan: UsIdrPlan,
  income: MinorUnits,
  familySize: number,
  year: number,
  region: PovertyRegion,
  dependants: number,
  icr?: { twelveYearPayment: MinorUnits; filingStatus: FilingStatus },
): { payment: MinorUnits; guideline: MinorUnits | null } {
  if (plan === 'RAP') {
    const agi = income; // minor units (cents)
    let annual: MinorUnits;
    if (agi <= dollars(RAP_RULES.bandDollars)) annual = dollars(RAP_RULES.floorAnnualDollars);
    else {
      // Band k (1..10): AGI in (k × 10,000, (k+1) × 10,000], 10 % above 100,000.
      const k = Math.min(RAP_RULES.maxPercent, Math.ceil(agi / dollars(RAP_RULES.bandDollars)) - 1);
      annual = divideRounded(income * k, 100, 'half-up');
    }
    const monthly =
      divideRounded(annual, 12, 'half-up') - dollars(RAP_RULES.perDependantMonthlyDollars) * dependants;
    return { payment: Math.max(dollars(RAP_RULES.minimumMonthlyDollars), monthly), guideline: null };
  }
  const rule = US_PLAN_RULES[plan];
  const guideline = dollars(povertyGuideline(year, region, familySize));
  const protectedIncome = divideRounded(guideline * rule.protectedPercent, 100, 'half-up');
  const discretionary = Math.max(0, income - protectedIncome);
  let monthly = mulDivRounded(discretionary, rule.sharePercent, 1200, 'half-up');
  if (plan === 'ICR') {
    if (icr)
      monthly = Math.min(monthly, icrFactorPayment(icr.twelveYearPayment, income, year, icr.filingStatus));
    if (monthly > 0 && monthly <= dollars(5)) monthly = dollars(5);
  } else if (monthly < dollars(5)) monthly = 0;
  else if (monthly < dollars(10)) monthly = dollars(10);
  return { payment: monthly, guideline };
}

/** Plan 2's income-tapered rate: RPI at or below the threshold, RPI + 3 % at or above
 *  the upper threshold, linear in between (exact rational). */
export function ukPlan2Rate(rpi: Rate, income: MinorUnits, year: number): Rate {
  const t = UK_PLAN_TERMS['UK-PLAN-2'][year];
  if (!t?.upperInterestThreshold)
    throw new RangeError(`No Plan 2 interest thresholds held for tax year ${year}`);
  const lo = dollars(t.threshold);
  const hi = dollars(t.upperInterestThreshold);
  const pos = Math.min(Math.max(income - lo, 0), hi - lo);
  // rpi + 3/100 × pos/(hi − lo)
  return makeRate(rpi.num * 100 * (hi - lo) + 3 * pos * rpi.den, rpi.den * 100 * (hi - lo));
}

/** UK monthly repayment in whole pounds, as payroll computes it: monthly pay and the
 *  monthly threshold both rounded down to the pound, 9 % of the excess rounded down. */
export function ukMonthlyPayment(plan: UkPlan, income: MinorUnits, year: number): MinorUnits {
  const t = UK_PLAN_TERMS[plan][year];
  if (!t) throw new RangeError(`No ${plan} threshold held for tax year ${year}`);
  const monthlyPay = Math.floor(income / 100 / 12);
  const monthlyThreshold = Math.floor(t.threshold / 12);
  const over = Math.max(0, monthlyPay - monthlyThreshold);
  return divideRounded(over * UK_REPAYMENT_SHARE.num, UK_REPAYMENT_SHARE.den, 'floor') * 100;
}

export function ukBaseRate(year: number): Rate | undefined {
  const s = UK_RPI_FROM_SEPTEMBER[year];
  if (!s) return undefined;
  const frac = s.split('.')[1] ?? '';
  return makeRate(Number(s.replace('.', '')), 10 ** frac.length);
}

function grow(income: MinorUnits, growth: Rate | undefined, years: number): MinorUnits {
  if (!growth || growth.num === 0 || years === 0) return income;
  let v = income;
  for (let y = 0; y < years; y++) v = mulDivRounded(v, growth.den + growth.num, growth.den, 'half-up');
  return v;
}

export function calculateIncomeDrivenPlan(input: IncomeDrivenInput): IncomeDrivenResult {
  const uk = isUkPlan(input.plan);
  const married = input.filingStatus !== 'single';
  const dependants = input.dependants ?? Math.max(0, input.familySize - 1 - (married ? 1 : 0));
  const income0 = countedIncome(input);

  let baseRate: Rate;
  if (input.annualRate) baseRate = input.annualRate;
  else if (uk) {
    const r = ukBaseRate(input.year);
    if (!r) throw new RangeError(`No RPI held for ${input.year}; give annualRate`);
    baseRate = r;
  } else throw new RangeError('annualRate is required for US plans');

  const rateAt = (income: MinorUnits): Rate =>
    input.plan === 'UK-PLAN-2' ? ukPlan2Rate(baseRate, income, input.year) : baseRate;

  let standardPayment: MinorUnits | null = null;
  let capped = false;
  // ICR's 12-year payment is fixed on the balance at entry (34 CFR 685.209); the factor
  // moves with income at each recertification.
  const icr =
    input.plan === 'ICR'
      ? {
          twelveYearPayment: annuityPayment(
            input.balanceAtEntry ?? input.balance,
            { num: baseRate.num, den: baseRate.den * 12 },
            144,
            'half-up',
          ),
          filingStatus: input.filingStatus,
        }
      : undefined;
  const paymentAt = (
    income: MinorUnits,
  ): { payment: MinorUnits; capped: boolean; guideline: MinorUnits | null } => {
    if (uk)
      return {
        payment: ukMonthlyPayment(input.plan as UkPlan, income, input.year),
        capped: false,
        guideline: null,
      };
    const plan = input.plan as UsIdrPlan;
    const r = usMonthlyPayment(plan, income, input.familySize, input.year, input.region, dependants, icr);
    if (
      plan !== 'RAP' &&
      US_PLAN_RULES[plan].capAtStandard &&
      standardPayment !== null &&
      r.payment > standardPayment
    ) {
      return { payment: standardPayment, capped: true, guideline: r.guideline };
    }
    return { ...r, capped: false };
  };

  if (!uk && input.plan !== 'RAP' && US_PLAN_RULES[input.plan as Exclude<UsIdrPlan, 'RAP'>].capAtStandard) {
    standardPayment = annuityPayment(
      input.balanceAtEntry ?? input.balance,
      { num: baseRate.num, den: baseRate.den * 12 },
      120,
      'half-up',
    );
  }
  const first = paymentAt(income0);
  capped = first.capped;

  const termMonths = uk
    ? UK_WRITE_OFF_YEARS[input.plan as UkPlan] * 12
    : input.plan === 'RAP'
      ? RAP_RULES.forgivenessMonths
      : US_PLAN_RULES[input.plan as Exclude<UsIdrPlan, 'RAP'>].forgivenessMonths;

  // Projection: interest accrues monthly at rate/12 on principal, rounded half-up to the
  // minor unit; payments go to accrued interest first, then principal. Unpaid US interest
  // is not capitalised (IDR since 2023); RAP waives it. UK interest is added to the balance.
  const months: ProjectionMonth[] = [];
  let principal = input.balance;
  let unpaidInterest = 0;
  let totalPaid = 0;
  let totalInterest = 0;
  let payoffDate: string | null = null;
  let payment = first.payment;
  let r = rateAt(income0);
  for (let m = 1; m <= termMonths; m++) {
    if ((m - 1) % 12 === 0 && m > 1) {
      const income = grow(income0, input.incomeGrowth, (m - 1) / 12);
      payment = paymentAt(income).payment;
      r = rateAt(income);
    }
    const due = addMonths(input.startDay, m - 1);
    const interest = mulDivRounded(principal, r.num, r.den * 12, 'half-up');
    totalInterest += interest;
    let subsidy = 0;
    let owedInterest = unpaidInterest + interest;
    const owed = principal + owedInterest;
    const paid = Math.min(payment, owed);
    const toInterest = Math.min(paid, owedInterest);
    owedInterest -= toInterest;
    let toPrincipal = paid - toInterest;
    if (uk) {
      principal += owedInterest; // UK interest is simply added to the balance
      owedInterest = 0;
    } else if (input.plan === 'RAP') {
      subsidy += owedInterest; // unpaid interest waived
      owedInterest = 0;
      const match = Math.min(
        dollars(RAP_RULES.principalMatchMonthlyDollars) - toPrincipal,
        paid,
        principal - toPrincipal,
      );
      if (paid > 0 && match > 0) {
        subsidy += match;
        toPrincipal += match;
      }
    }
    principal -= toPrincipal;
    unpaidInterest = owedInterest;
    totalPaid += paid;
    const balance = principal + unpaidInterest;
    months.push({ month: m, date: toIsoDate(due), payment: paid, interest, subsidy, balance });
    if (balance === 0) {
      payoffDate = toIsoDate(due);
      break;
    }
  }
  const forgiven = payoffDate ? 0 : principal + unpaidInterest;
  const forgivenessDate = payoffDate ? null : toIsoDate(addMonths(input.startDay, termMonths));

  return {
    monthlyPayment: first.payment,
    annualPayment: first.payment * 12,
    cappedAtStandard: capped,
    standardPayment,
    countedIncome: income0,
    povertyGuideline: first.guideline,
    annualRate: rateAt(income0),
    projection: { months, totalPaid, totalInterest, forgiven, forgivenessDate, payoffDate },
  };
}
