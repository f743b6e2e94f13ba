// Annual percentage rate and effective annual rate from a loan's cash flows.
//
// Both solve "present value of what the borrower receives = present value of what the
// borrower pays" for a rate, by safeguarded Newton iteration (bisection whenever a
// Newton step leaves the bracket) in decimal.js at 34 significant digits, until the
// bracket is narrower than 1e-15. The answer is then rounded to 10 decimal places;
// "exact enough" means the stated digits are all correct, since the true root lies
// inside the final bracket.
//
// - effectiveAnnualRate: EU Consumer Credit Directive 2008/48/EC, Annex I: times in
//   years from the first drawdown, a year counted as 365 days (we use days/365; the
//   Directive also allows 366 in leap years), discounting by (1 + X)^-t.
// - nominalApr: US Regulation Z (12 CFR 1026, Appendix J) actuarial method for
//   regular schedules: the unit-period rate i solving the present-value equation, times
//   the number of unit periods in a year; an odd first period counts as a fraction f of
//   a unit period with simple interest (1 + f·i).
import { Decimal } from 'decimal.js';
import type { MinorUnits } from '../money/index.ts';
import { addMonths, type EpochDay } from '../dates/index.ts';
import { MONTHS_PER_PERIOD, PERIODS_PER_YEAR, type Frequency } from './frequency.ts';

const D = Decimal.clone({ precision: 34, rounding: Decimal.ROUND_HALF_EVEN });

export interface CashFlow {
  day: EpochDay;
  /** Positive: to the borrower (drawdown). Negative: from the borrower (payment, fee). */
  amount: MinorUnits;
}

function solve(f: (x: Decimal) => Decimal, df: (x: Decimal) => Decimal, lo0: number, hi0: number): Decimal {
  let lo = new D(lo0);
  let hi = new D(hi0);
  let flo = f(lo);
  const fhi = f(hi);
  if (flo.isZero()) return lo;
  if (fhi.isZero()) return hi;
  if (flo.s === fhi.s) throw new RangeError('no rate makes these cash flows balance in the searched range');
  let x = lo.plus(hi).div(2);
  const tol = new D('1e-15');
  for (let iter = 0; iter < 400 && hi.minus(lo).gt(tol); iter++) {
    const fx = f(x);
    if (fx.isZero()) return x;
    if (fx.s === flo.s) {
      lo = x;
      flo = fx;
    } else hi = x;
    const d = df(x);
    let next = d.isZero() ? null : x.minus(fx.div(d));
    if (!next || next.lte(lo) || next.gte(hi)) next = lo.plus(hi).div(2);
    x = next;
  }
  return x;
}

/** Effective annual rate X with Σ amount · (1+X)^-(days/365) = 0. */
export function effectiveAnnualRate(flows: readonly CashFlow[]): string {
  if (flows.length < 2) throw new RangeError('need at least two cash flows');
  const t0 = Math.min(...flows.map((c) => c.day));
  const items = flows.map((c) => ({ t: new D(c.day - t0).div(365), a: new D(c.amount) }));
  const f = (x: Decimal): Decimal =>
    items.reduce((s, c) => s.plus(c.a.times(x.plus(1).pow(c.t.neg()))), new D(0));
  const df = (x: Decimal): Decimal =>
    items.reduce((s, c) => s.minus(c.a.times(c.t).times(x.plus(1).pow(c.t.neg().minus(1)))), new D(0));
  return solve(f, df, -0.99, 100).toDecimalPlaces(10).toString();
}

/** Reg Z style APR for one drawdown and regular payments: returns the annual rate
 *  (unit-period rate × periods per year) as a decimal string. `firstPeriodFraction` is
 *  the odd first period in unit periods (1 for a regular first period). */
export function nominalApr(
  amountFinanced: MinorUnits,
  payments: readonly MinorUnits[],
  frequency: Frequency,
  firstPeriodFraction = 1,
): string {
  const fWhole = Math.floor(firstPeriodFraction);
  const fPart = new D(firstPeriodFraction).minus(fWhole);
  const A = new D(amountFinanced);
  const pays = payments.map((p) => new D(p));
  // PV = Σ P_k / ((1 + f·i)(1+i)^(k-1+whole)) where the first period is whole + f.
  const pv = (i: Decimal): Decimal => {
    const odd = fPart.times(i).plus(1);
    let s = new D(0);
    pays.forEach((p, k) => {
      s = s.plus(p.div(odd.times(i.plus(1).pow(k + fWhole))));
    });
    return s.minus(A);
  };
  const h = new D('1e-20');
  const dpv = (i: Decimal): Decimal =>
    pv(i.plus(h))
      .minus(pv(i.minus(h)))
      .div(h.times(2));
  const i = solve(pv, dpv, 0, 10);
  return i.times(PERIODS_PER_YEAR[frequency]).toDecimalPlaces(10).toString();
}

/** Periodic internal rate of return of equally spaced flows (numpy-financial's irr). */
export function periodicIrr(values: readonly number[]): string {
  const vs = values.map((v) => new D(v));
  const f = (x: Decimal): Decimal => vs.reduce((s, v, t) => s.plus(v.div(x.plus(1).pow(t))), new D(0));
  const df = (x: Decimal): Decimal =>
    vs.reduce((s, v, t) => s.minus(v.times(t).div(x.plus(1).pow(t + 1))), new D(0));
  return solve(f, df, -0.99, 100).toDecimalPlaces(10).toString();
}

// ---------------------------------------------------------------------------------------
// APR including fees. A fee withheld from the disbursement (US Direct Loan origination
// fee, a Chinese lender's 手续费 deducted up front) is a finance charge: the borrower
// receives principal − fee but repays the whole principal with interest.
//   - US Regulation Z: amount financed = principal − prepaid finance charges (12 CFR
//     1026.18(b)); APR by the Appendix J actuarial method on the amount financed.
//   - EU CCD Annex I: the fee is simply a cash flow at drawdown; effective rate X.
//   - China: PBOC Announcement [2021] No. 3 requires lenders to state the 年化利率 as the
//     annualised rate of the borrower's whole cost on the principal actually received,
//     by IRR; shown here as periodic IRR × periods a year (the nominal figure Chinese
//     disclosures use) and as the compound equivalent.

export interface WithheldFeeLoan {
  /** Principal on the note (what the borrower repays), minor units. */
  principal: MinorUnits;
  /** Fees withheld from the disbursement, minor units. */
  withheldFees: MinorUnits;
  disbursementDay: EpochDay;
  /** Payments in date order (payment day and amount); regular unit periods of `frequency`. */
  payments: readonly { day: EpochDay; amount: MinorUnits }[];
  frequency: Frequency;
}

export interface AprWithFees {
  amountFinanced: MinorUnits;
  /** Total of payments − amount financed: interest plus the withheld fees. */
  financeCharge: MinorUnits;
  /** Reg Z Appendix J APR, decimal string (10 places). */
  regZApr: string;
  /** EU CCD effective annual rate, decimal string. */
  effectiveAnnualRate: string;
  /** Periodic IRR × periods a year (年化利率, IRR method). */
  irrNominal: string;
  /** (1 + periodic IRR)^periods − 1. */
  irrEffective: string;
  /** The odd first period in unit periods: whole + odd days / 30 (monthly) per Appendix J. */
  firstPeriod: { whole: number; oddDays: number };
}

/** Appendix J (b)(5): full unit periods are counted back from the first payment, the odd
 *  days are what is left before it, a month's odd days divided by 30. Monthly-based
 *  frequencies only (month, quarter, half-year, year). */
export function appendixJFirstPeriod(
  advanceDay: EpochDay,
  firstPaymentDay: EpochDay,
  frequency: Frequency,
): { whole: number; oddDays: number } {
  const months = MONTHS_PER_PERIOD[frequency];
  let whole = 0;
  let back = firstPaymentDay;
  for (;;) {
    const prev = addMonths(firstPaymentDay, -months * (whole + 1));
    if (prev < advanceDay) break;
    whole++;
    back = prev;
  }
  return { whole, oddDays: back - advanceDay };
}

export function aprWithWithheldFees(loan: WithheldFeeLoan): AprWithFees {
  if (loan.withheldFees < 0 || loan.withheldFees >= loan.principal)
    throw new RangeError('withheld fees must be between zero and the principal');
  if (loan.payments.length === 0) throw new RangeError('need at least one payment');
  const amountFinanced = loan.principal - loan.withheldFees;
  const totalPaid = loan.payments.reduce((a, p) => a + p.amount, 0);
  const fp = appendixJFirstPeriod(loan.disbursementDay, loan.payments[0]!.day, loan.frequency);
  const daysPerUnit = 30 * MONTHS_PER_PERIOD[loan.frequency];
  const regZApr = nominalAprExact(
    amountFinanced,
    loan.payments.map((p) => p.amount),
    loan.frequency,
    fp.whole,
    fp.oddDays,
    daysPerUnit,
  );
  const flows: CashFlow[] = [
    { day: loan.disbursementDay, amount: amountFinanced },
    ...loan.payments.map((p) => ({ day: p.day, amount: -p.amount })),
  ];
  const irr = new D(
    periodicIrrOfFlows(
      amountFinanced,
      loan.payments.map((p) => p.amount),
      fp.whole,
      fp.oddDays,
      daysPerUnit,
    ),
  );
  const ppy = PERIODS_PER_YEAR[loan.frequency];
  return {
    amountFinanced,
    financeCharge: totalPaid - amountFinanced,
    regZApr,
    effectiveAnnualRate: effectiveAnnualRate(flows),
    irrNominal: irr.times(ppy).toDecimalPlaces(10).toString(),
    irrEffective: irr.plus(1).pow(ppy).minus(1).toDecimalPlaces(10).toString(),
    firstPeriod: fp,
  };
}

/** As `nominalApr` with the odd first period given exactly as whole periods + oddDays /
 *  daysPerUnit (no float fraction). */
export function nominalAprExact(
  amountFinanced: MinorUnits,
  payments: readonly MinorUnits[],
  frequency: Frequency,
  whole: number,
  oddDays: number,
  daysPerUnit: number,
): string {
  const i = new D(periodicIrrOfFlows(amountFinanced, payments, whole, oddDays, daysPerUnit));
  return i.times(PERIODS_PER_YEAR[frequency]).toDecimalPlaces(10).toString();
}

// Unit-period rate i with A = Σ P_k / ((1 + f·i)(1+i)^(k−1+whole)), f = oddDays/daysPerUnit
// (Appendix J (b)(8) general equation for a single advance).
function periodicIrrOfFlows(
  amount: MinorUnits,
  payments: readonly MinorUnits[],
  whole: number,
  oddDays: number,
  daysPerUnit: number,
): string {
  const A = new D(amount);
  const f = new D(oddDays).div(daysPerUnit);
  const pays = payments.map((p) => new D(p));
  const pv = (i: Decimal): Decimal => {
    const odd = f.times(i).plus(1);
    let s = new D(0);
    pays.forEach((p, k) => {
      s = s.plus(p.div(odd.times(i.plus(1).pow(k + whole))));
    });
    return s.minus(A);
  };
  const h = new D('1e-20');
  const dpv = (i: Decimal): Decimal =>
    pv(i.plus(h))
      .minus(pv(i.minus(h)))
      .div(h.times(2));
  return solve(pv, dpv, 0, 10).toString();
}
