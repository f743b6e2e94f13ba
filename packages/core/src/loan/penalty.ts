// Penalty (overdue) interest and late fees.
//
// Penalty interest (罚息) runs on an overdue amount from the day after it fell due to the
// day it is paid, at a penalty rate that is either a multiple of the contract rate —
// China: "逾期贷款罚息利率为在借款合同载明的贷款利率水平上加收30%－50%" (PBOC
// 《关于人民币贷款利率有关问题的通知》, 银发〔2003〕251号), i.e. 1.3× to 1.5× — or a fixed
// annual rate. The overdue amount may change (part payments, further instalments falling
// due); the interest over every stretch is summed exactly and rounded once, so splitting
// a period never moves a cent.
//
// Late fees: a flat amount and/or a share of the late instalment, charged only once the
// instalment is more than the grace days late, capped per instalment. US Direct Loans:
// up to six cents per dollar of a late instalment if not paid within 30 days
// (34 CFR 685.202(d)).
import { add, ratio, roundRational, ZERO, type Rational } from '../money/rational.ts';
import {
  mulDivRounded,
  parseMoney,
  parseRate,
  rate as makeRate,
  type MinorUnits,
  type Rate,
  type RoundingMode,
} from '../money/index.ts';
import { yearFraction, type DayCountConvention, type EpochDay } from '../dates/index.ts';
import type { ProductTemplate } from './templates.ts';

export type PenaltyRateRule =
  { kind: 'multiplier-of-contract-rate'; multiplier: Rate } | { kind: 'fixed'; annualRate: Rate };

export class PenaltyError extends Error {
  override readonly name = 'PenaltyError';
}

/** The annual penalty rate: contract rate × multiplier, or the fixed rate. Exact. */
export function penaltyRate(contractRate: Rate, rule: PenaltyRateRule): Rate {
  if (rule.kind === 'fixed') return rule.annualRate;
  return makeRate(contractRate.num * rule.multiplier.num, contractRate.den * rule.multiplier.den);
}

export interface PenaltyInterestInput {
  /** The overdue amount from each day on (sorted by day, first = the day interest starts,
   *  i.e. the day after the due date). An amount of 0 stops accrual until the next change. */
  overdue: readonly { from: EpochDay; amount: MinorUnits }[];
  /** Accrue up to this day (exclusive: the payment day, or the business date). */
  until: EpochDay;
  contractRate: Rate;
  rule: PenaltyRateRule;
  dayCount: DayCountConvention;
  rounding: RoundingMode;
}

export interface PenaltyInterestResult {
  interest: MinorUnits;
  annualRate: Rate;
  /** Days on which a positive amount was overdue. */
  days: number;
  /** The exact, unrounded interest (for audit). */
  exact: Rational;
}

export function penaltyInterest(input: PenaltyInterestInput): PenaltyInterestResult {
  const r = penaltyRate(input.contractRate, input.rule);
  if (r.num < 0) throw new PenaltyError('penalty rate must not be negative');
  const segs = input.overdue;
  for (let i = 1; i < segs.length; i++)
    if (segs[i]!.from <= segs[i - 1]!.from)
      throw new PenaltyError('overdue changes must be in increasing date order');
  let exact: Rational = ZERO;
  let days = 0;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    if (s.amount < 0) throw new PenaltyError('overdue amounts must not be negative');
    const end = Math.min(i + 1 < segs.length ? segs[i + 1]!.from : input.until, input.until);
    if (end <= s.from || s.amount === 0) continue;
    const f = yearFraction(input.dayCount, s.from, end);
    exact = add(
      exact,
      ratio(BigInt(s.amount) * BigInt(r.num) * BigInt(f.num), BigInt(r.den) * BigInt(f.den)),
    );
    days += end - s.from;
  }
  return { interest: Number(roundRational(exact, input.rounding)), annualRate: r, days, exact };
}

export interface LateFeeTerms {
  /** Flat fee per late instalment, minor units. */
  flat?: MinorUnits;
  /** Share of the late instalment (e.g. 6/100). */
  share?: Rate;
  /** Maximum fee per late instalment, minor units. */
  cap?: MinorUnits;
  /** Days after the due date before a fee may be charged (US Direct Loans: 30). */
  graceDays?: number;
}

/** The late fee for one instalment `daysLate` days past due, of which `unpaid` is still
 *  owed (the share applies to the late amount, rounded with `rounding`). */
export function lateFee(
  unpaid: MinorUnits,
  daysLate: number,
  terms: LateFeeTerms,
  rounding: RoundingMode = 'half-up',
): MinorUnits {
  if (unpaid <= 0 || daysLate <= (terms.graceDays ?? 0)) return 0;
  let fee = terms.flat ?? 0;
  if (terms.share) fee += mulDivRounded(unpaid, terms.share.num, terms.share.den, rounding);
  if (terms.cap !== undefined) fee = Math.min(fee, terms.cap);
  return fee;
}

/** A product template's penalty-rate rule and late-fee terms, parsed. */
export function penaltyTermsOf(t: ProductTemplate): { rule: PenaltyRateRule | null; lateFee: LateFeeTerms } {
  const rule: PenaltyRateRule | null = !t.penaltyRate
    ? null
    : t.penaltyRate.kind === 'fixed'
      ? { kind: 'fixed', annualRate: parseRate(t.penaltyRate.value) }
      : { kind: 'multiplier-of-contract-rate', multiplier: parseRate(t.penaltyRate.value) };
  const f = t.fees;
  const lateFeeTerms: LateFeeTerms = {
    ...(f.lateFee !== undefined ? { flat: parseMoney(f.lateFee, t.currency) } : {}),
    ...(f.lateFeeShare !== undefined ? { share: parseRate(f.lateFeeShare) } : {}),
    ...(f.lateFeeCap !== undefined ? { cap: parseMoney(f.lateFeeCap, t.currency) } : {}),
    ...(f.lateFeeGraceDays !== undefined ? { graceDays: f.lateFeeGraceDays } : {}),
  };
  return { rule, lateFee: lateFeeTerms };
}
