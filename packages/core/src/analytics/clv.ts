// Customer lifetime value of a loan: what the rest of the loan is worth to the lender today.
//
//   CLV = Σₜ (Iₜ + Fₜ − C − ELₜ) / (1 + d)ᵗ,   t = 1 … T months ahead
//   ELₜ = PD₁₂ / 12 × LGD × EADₜ
//
// Iₜ, Fₜ: the interest and fees the schedule projects for month t; C: the cost to serve one loan
// for one month; EADₜ: the balance outstanding at the start of month t (before its instalment);
// PD₁₂: the 12-month probability of default of the loan's delinquency bucket and LGD the loss given
// default, both from risk's portfolio settings (the annual PD is spread evenly over the months);
// d: the monthly discount rate. Exact decimal arithmetic, one half-up rounding to minor units at
// the end. A customer's CLV is the sum over their open loans.
import { Decimal } from 'decimal.js';
import type { MinorUnits } from '../money/amount.ts';
import type { Schedule } from '../loan/schedule.ts';

/** One month of a projected loan: what it earns and what is exposed. */
export interface ClvMonth {
  /** 1 = the first month after the valuation date. */
  month: number;
  interest: MinorUnits;
  fees: MinorUnits;
  /** Balance outstanding at the start of the month. */
  exposure: MinorUnits;
}

export interface ClvAssumptions {
  /** Cost to serve one loan for one month, minor units. */
  costToServePerMonth: MinorUnits;
  /** 12-month probability of default (0–1). */
  pd12: number;
  /** Loss given default (0–1). */
  lgd: number;
  /** Monthly discount rate, e.g. 0.005 for 0.5 % a month. */
  monthlyDiscountRate: number;
}

export interface ClvResult {
  value: MinorUnits;
  months: number;
  interest: MinorUnits;
  fees: MinorUnits;
  costToServe: MinorUnits;
  /** Undiscounted expected loss, rounded half-up. */
  expectedLoss: MinorUnits;
  /** Present value of each month's net figure, unrounded (for explanation). */
  lines: { month: number; net: number; presentValue: number }[];
}

export class ClvError extends Error {}

function check(a: ClvAssumptions) {
  if (!Number.isSafeInteger(a.costToServePerMonth) || a.costToServePerMonth < 0)
    throw new ClvError('costToServePerMonth must be a non-negative integer of minor units');
  if (!(a.pd12 >= 0 && a.pd12 <= 1)) throw new ClvError('pd12 must be between 0 and 1');
  if (!(a.lgd >= 0 && a.lgd <= 1)) throw new ClvError('lgd must be between 0 and 1');
  if (!(a.monthlyDiscountRate > -1 && a.monthlyDiscountRate < 1))
    throw new ClvError('monthlyDiscountRate must be between -1 and 1');
}

export function lifetimeValue(months: readonly ClvMonth[], a: ClvAssumptions): ClvResult {
  check(a);
  const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
  const monthlyLoss = new D(a.pd12).div(12).mul(a.lgd);
  const factor = new D(1).plus(a.monthlyDiscountRate);
  let total = new D(0);
  let loss = new D(0);
  let interest = 0;
  let fees = 0;
  const lines: ClvResult['lines'] = [];
  for (const m of months) {
    if (m.month < 1) throw new ClvError('months are counted from 1');
    const el = monthlyLoss.mul(m.exposure);
    const net = new D(m.interest).plus(m.fees).minus(a.costToServePerMonth).minus(el);
    const pv = net.div(factor.pow(m.month));
    total = total.plus(pv);
    loss = loss.plus(el);
    interest += m.interest;
    fees += m.fees;
    lines.push({ month: m.month, net: net.toNumber(), presentValue: pv.toNumber() });
  }
  return {
    value: total.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber(),
    months: months.length,
    interest,
    fees,
    costToServe: a.costToServePerMonth * months.length,
    expectedLoss: loss.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber(),
    lines,
  };
}

/**
 * The months of a projected schedule as CLV inputs: instalment n falls in month n × frequency,
 * and the exposure of each month is the balance before the instalment that pays it down.
 * `feesPerInstalment` adds a recurring fee (servicing fee) where a product charges one.
 */
export function clvMonthsOfSchedule(
  schedule: Pick<Schedule, 'installments'>,
  openingBalance: MinorUnits,
  frequencyMonths = 1,
  feesPerInstalment: MinorUnits = 0,
): ClvMonth[] {
  const out: ClvMonth[] = [];
  let balance = openingBalance;
  let month = 0;
  for (const i of schedule.installments) {
    // Months between instalments earn nothing but still carry the exposure and the cost to serve.
    for (let k = 1; k < frequencyMonths; k++) out.push({ month: ++month, interest: 0, fees: 0, exposure: balance });
    out.push({ month: ++month, interest: i.interest, fees: feesPerInstalment, exposure: balance });
    balance = i.balance;
  }
  return out;
}
