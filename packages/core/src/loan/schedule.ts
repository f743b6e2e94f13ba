// Repayment schedule generation (还款计划) for one tranche in its repayment phase.
//
// This is the engine's hot path: the nightly close of business may regenerate a million
// schedules. Everything inside the loop is safe-integer arithmetic on minor units with
// exact rational rates; the only BigInt work is the annuity payment, once per schedule.
//
// Rules (docs/loan-engine.md, "Schedule rules"):
// - Interest for a period = opening balance × annual rate × the period's year fraction,
//   rounded once per period with the product's rounding mode.
// - Under 30/360 a regular period (due date to due date, or the start to a first due
//   date exactly one period later) is exactly 1/periods-per-year, as loan contracts
//   mean by "30/360 monthly = 1/12"; an irregular first period counts 30/360 US days.
// - The annuity (等额本息) payment is P·i / (1 − (1+i)^−n) with i = annual rate /
//   periods per year, computed exactly and rounded once; equal principal (等额本金)
//   repays round(P / n) each period. The last instalment takes whatever balance is left,
//   so the balance ends at exactly zero and the principal repaid is exactly what was lent.
// - A regular instalment never repays more principal than is owed and never repays
//   negative principal (if a long first period's interest exceeds the level payment, that
//   instalment is raised to the interest).
import { Decimal } from 'decimal.js';
import {
  addMonths,
  civilFromDays,
  daysInMonth,
  days360US,
  yearFraction,
  type BusinessCalendar,
  type BusinessDayRule,
  type DayCountConvention,
  type EpochDay,
} from '../dates/index.ts';
import {
  divideRounded,
  divideRoundedBig,
  mulDivRounded,
  type RoundingMode,
  type MinorUnits,
  type Rate,
} from '../money/index.ts';
import { MONTHS_PER_PERIOD, PERIODS_PER_YEAR, type Frequency } from './frequency.ts';

export const AMORTISATION_METHODS = ['annuity', 'equal-principal', 'interest-only', 'graduated'] as const;
export type AmortisationMethod = (typeof AMORTISATION_METHODS)[number];

export interface GraduatedSteps {
  /** Instalments between step-ups (24 monthly instalments = every two years). */
  stepEvery: number;
  /** Growth of the payment at each step, e.g. 0.07 = +7 %. */
  stepRate: Rate;
}

export interface ScheduleTerms {
  principal: MinorUnits;
  annualRate: Rate;
  /** Interest runs from this day (disbursement or start of repayment). */
  startDay: EpochDay;
  /** First due date; defaults to one period after `startDay`. */
  firstDueDay?: EpochDay;
  /** Contractual day of month for due dates (defaults to the first due date's, or the
   *  start's when the first due date is defaulted), so 31 Jan → 29 Feb → 31 Mar. */
  anchorDay?: number;
  installments: number;
  frequency: Frequency;
  method: AmortisationMethod;
  dayCount: DayCountConvention;
  rounding: RoundingMode;
  graduated?: GraduatedSteps;
  /** Use this level payment instead of computing one (regeneration that keeps the payment). */
  fixedPayment?: MinorUnits;
  /** Business-day adjustment of due dates: a contractual due date that is not a business
   *  day in `calendar` moves by `businessDayRule`. Without a calendar nothing moves. */
  calendar?: BusinessCalendar;
  businessDayRule?: BusinessDayRule;
  /** Where interest of a period ends when a due date moved: `unadjusted` (default, the
   *  common lender practice: the contractual date stays the accrual boundary, so moving
   *  a payment to Monday changes no cent) or `adjusted` (interest runs to the actual
   *  payment day, so the next period is shorter by the same days). */
  accrual?: 'unadjusted' | 'adjusted';
}

export interface Installment {
  n: number;
  /** The day payment is due: the contractual date, moved to a business day when the
   *  schedule has a calendar. */
  dueDay: EpochDay;
  /** The contractual (unadjusted) due date, when it differs from `dueDay`. */
  contractualDueDay?: EpochDay;
  principal: MinorUnits;
  interest: MinorUnits;
  payment: MinorUnits;
  /** Balance after this instalment. */
  balance: MinorUnits;
}

export interface Schedule {
  /** The regular payment: the level payment for annuity, the first instalment for
   *  equal principal and graduated, the regular interest for interest-only. */
  payment: MinorUnits;
  installments: Installment[];
  totalInterest: MinorUnits;
  totalPaid: MinorUnits;
}

export class ScheduleError extends Error {
  override readonly name = 'ScheduleError';
}

/** Exact level payment P·i·(1+i)^n / ((1+i)^n − 1) for periodic rate i = a/b, rounded. */
export function annuityPayment(
  principal: MinorUnits,
  periodicRate: Rate,
  n: number,
  mode: RoundingMode,
): MinorUnits {
  if (n <= 0) throw new ScheduleError('installments must be positive');
  if (periodicRate.num === 0) return divideRounded(principal, n, mode);
  // Fast path: the float formula is accurate to far better than 1e-6 of a minor unit for
  // sane sizes; only when it lands that close to a rounding boundary do we need the exact
  // BigInt value. The exact answer is the same either way; this only saves time.
  const i = periodicRate.num / periodicRate.den;
  const denom = 1 - Math.pow(1 + i, -n);
  const approx = (principal * i) / denom;
  // Error bound: (1+i) and pow carry ~n·2^-53 relative error into (1+i)^-n, and the
  // subtraction magnifies it by 1/denom. 1e-14 per step is ~45× that, for safety.
  const margin = 1e-9 + (Math.abs(approx) * 1e-14 * (n + 10)) / denom;
  if (Number.isFinite(approx) && Math.abs(approx) < 1e12) {
    const fl = Math.floor(approx);
    const frac = approx - fl;
    const boundary = mode === 'floor' || mode === 'ceiling' ? 0 : 0.5;
    const dist = boundary === 0 ? Math.min(frac, 1 - frac) : Math.abs(frac - 0.5);
    if (dist > margin) {
      switch (mode) {
        case 'floor':
          return fl;
        case 'ceiling':
          return fl + 1;
        case 'half-up':
        case 'half-even':
          return frac > 0.5 ? fl + 1 : fl;
      }
    }
  }
  return Number(annuityPaymentExact(principal, periodicRate, n, mode));
}

/** The same payment in pure BigInt rational arithmetic. */
export function annuityPaymentExact(
  principal: MinorUnits,
  periodicRate: Rate,
  n: number,
  mode: RoundingMode,
): bigint {
  const a = BigInt(periodicRate.num);
  const b = BigInt(periodicRate.den);
  if (a === 0n) return divideRoundedBig(BigInt(principal), BigInt(n), mode);
  const growth = (a + b) ** BigInt(n);
  const base = b ** BigInt(n);
  return divideRoundedBig(BigInt(principal) * a * growth, b * (growth - base), mode);
}

export function periodicRateOf(annualRate: Rate, frequency: Frequency): Rate {
  const ppy = PERIODS_PER_YEAR[frequency];
  return { num: annualRate.num, den: annualRate.den * ppy };
}

/** Level payments of a graduated schedule, one per step, from an exact present value
 *  (decimal.js at 40 digits; not on the hot path). */
export function graduatedPayments(
  principal: MinorUnits,
  annualRate: Rate,
  frequency: Frequency,
  n: number,
  steps: GraduatedSteps,
  mode: RoundingMode,
): MinorUnits[] {
  if (!Number.isSafeInteger(steps.stepEvery) || steps.stepEvery <= 0)
    throw new ScheduleError('stepEvery must be a positive integer');
  const D = Decimal.clone({ precision: 40 });
  const i = new D(annualRate.num).div(annualRate.den).div(PERIODS_PER_YEAR[frequency]);
  const g = new D(steps.stepRate.num).div(steps.stepRate.den);
  const v = new D(1).div(i.plus(1));
  let pv = new D(0);
  for (let k = 1; k <= n; k++)
    pv = pv.plus(
      g
        .plus(1)
        .pow(Math.floor((k - 1) / steps.stepEvery))
        .times(v.pow(k)),
    );
  const first = new D(principal).div(pv);
  const stepsCount = Math.ceil(n / steps.stepEvery);
  const out: MinorUnits[] = [];
  const rm =
    mode === 'half-up'
      ? D.ROUND_HALF_UP
      : mode === 'half-even'
        ? D.ROUND_HALF_EVEN
        : mode === 'floor'
          ? D.ROUND_FLOOR
          : D.ROUND_CEIL;
  for (let s = 0; s < stepsCount; s++)
    out.push(first.times(g.plus(1).pow(s)).toDecimalPlaces(0, rm).toNumber());
  return out;
}

/** Due day of instalment k (1-based) with end-of-month clamping from the anchor day. */
export function dueDayOf(
  firstDueDay: EpochDay,
  k: number,
  frequency: Frequency,
  anchorDay: number,
): EpochDay {
  return k === 1 ? firstDueDay : addMonths(firstDueDay, (k - 1) * MONTHS_PER_PERIOD[frequency], anchorDay);
}

function validate(t: ScheduleTerms): void {
  if (!Number.isSafeInteger(t.principal) || t.principal <= 0)
    throw new ScheduleError('principal must be a positive whole number of minor units');
  if (!Number.isSafeInteger(t.installments) || t.installments <= 0)
    throw new ScheduleError('installments must be a positive integer');
  if (t.annualRate.num < 0) throw new ScheduleError('annual rate must not be negative');
  if (t.firstDueDay !== undefined && t.firstDueDay <= t.startDay)
    throw new ScheduleError('first due date must be after the start date');
}

/** Generate the schedule. Deterministic; no floats touch money. */
export function generateSchedule(t: ScheduleTerms): Schedule {
  validate(t);
  const months = MONTHS_PER_PERIOD[t.frequency];
  const ppy = PERIODS_PER_YEAR[t.frequency];
  const startCivil = civilFromDays(t.startDay);
  const firstDue = t.firstDueDay ?? addMonths(t.startDay, months);
  const anchorDay =
    t.anchorDay ?? (t.firstDueDay === undefined ? startCivil.day : civilFromDays(firstDue).day);
  const n = t.installments;
  const mode = t.rounding;
  const rNum = t.annualRate.num;
  const rDen = t.annualRate.den;
  const P = t.principal;

  let level = 0;
  let steps: MinorUnits[] | null = null;
  let equalPrincipal = 0;
  switch (t.method) {
    case 'annuity':
      level = t.fixedPayment ?? annuityPayment(P, periodicRateOf(t.annualRate, t.frequency), n, mode);
      break;
    case 'equal-principal':
      equalPrincipal = divideRounded(P, n, mode);
      break;
    case 'interest-only':
      break;
    case 'graduated':
      if (!t.graduated) throw new ScheduleError('graduated method needs step-up terms');
      steps = graduatedPayments(P, t.annualRate, t.frequency, n, t.graduated, mode);
      break;
  }

  // Whether the first period is a regular one (for 30/360's "1/12 per month").
  const firstRegular =
    t.firstDueDay === undefined ||
    firstDue === addMonths(t.startDay, months, anchorDay) ||
    firstDue === addMonths(t.startDay, months);
  const isThirty = t.dayCount === '30/360';
  const isAct365 = t.dayCount === 'ACT/365';
  const isAct360 = t.dayCount === 'ACT/360';
  const isAct36525 = t.dayCount === 'ACT/365.25';
  const regularDiv = rDen * ppy;

  const rows: Installment[] = new Array<Installment>(n);
  let balance = P;
  let prevDue = t.startDay;
  const cal =
    t.calendar !== undefined && t.businessDayRule !== undefined && t.businessDayRule !== 'none'
      ? t.calendar
      : undefined;
  const rule = t.businessDayRule ?? 'none';
  const accrueAdjusted = cal !== undefined && t.accrual === 'adjusted';
  let totalInterest = 0;
  let totalPaid = 0;
  // Month arithmetic inline (instead of addMonths per period) keeps the loop allocation-free.
  const fc = civilFromDays(firstDue);
  const firstMonthIndex = fc.year * 12 + fc.month - 1;

  for (let k = 1; k <= n; k++) {
    let due: EpochDay;
    if (k === 1) due = firstDue;
    else {
      const mi = firstMonthIndex + (k - 1) * months;
      const y = Math.floor(mi / 12);
      const m = mi - y * 12 + 1;
      const dim = daysInMonth(y, m);
      due = civilToDays(y, m, anchorDay < dim ? anchorDay : dim);
    }
    // The business-day move: `payDay` is when the borrower pays; interest ends at `due`
    // (contractual) unless the schedule accrues to adjusted dates.
    const contractual = due;
    const payDay = cal === undefined ? due : cal.adjust(due, rule);
    if (accrueAdjusted) due = payDay;

    let interest: number;
    if (rNum === 0 || balance === 0) interest = 0;
    else if (isThirty) {
      // With adjusted accrual a moved date makes the period irregular: count its days.
      if (accrueAdjusted) interest = mulDivRounded(balance, rNum * days360US(prevDue, due), rDen * 360, mode);
      else if (k > 1 || firstRegular) interest = mulDivRounded(balance, rNum, regularDiv, mode);
      else interest = mulDivRounded(balance, rNum * days360US(prevDue, due), rDen * 360, mode);
    } else if (isAct365) interest = mulDivRounded(balance, rNum * (due - prevDue), rDen * 365, mode);
    else if (isAct360) interest = mulDivRounded(balance, rNum * (due - prevDue), rDen * 360, mode);
    else if (isAct36525) interest = mulDivRounded(balance, rNum * 4 * (due - prevDue), rDen * 1461, mode);
    else {
      const f = yearFraction(t.dayCount, prevDue, due);
      interest = mulDivRounded(balance, rNum * f.num, rDen * f.den, mode);
    }

    let principal: number;
    if (k === n) principal = balance;
    else {
      switch (t.method) {
        case 'annuity':
          principal = level - interest;
          break;
        case 'graduated':
          principal = steps![Math.floor((k - 1) / t.graduated!.stepEvery)]! - interest;
          break;
        case 'equal-principal':
          principal = equalPrincipal;
          break;
        case 'interest-only':
          principal = 0;
          break;
      }
      if (principal < 0) principal = 0;
      if (principal > balance) principal = balance;
    }
    balance -= principal;
    const payment = principal + interest;
    totalInterest += interest;
    totalPaid += payment;
    rows[k - 1] =
      payDay === contractual
        ? { n: k, dueDay: payDay, principal, interest, payment, balance }
        : { n: k, dueDay: payDay, contractualDueDay: contractual, principal, interest, payment, balance };
    prevDue = due;
  }

  let payment: MinorUnits;
  switch (t.method) {
    case 'annuity':
      payment = level;
      break;
    case 'graduated':
      payment = steps![0]!;
      break;
    case 'equal-principal':
    case 'interest-only':
      payment = rows[0]!.payment;
      break;
  }
  return { payment, installments: rows, totalInterest, totalPaid };
}

// A local copy of daysFromCivil for the loop (same algorithm as dates/epoch-day.ts);
// kept here so V8 inlines it.
function civilToDays(y: number, m: number, d: number): EpochDay {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** A schedule for `principal` when `carriedInterest` is already owed and not capitalised
 *  (US unsubsidised loans after grace since July 2023; a deferment whose interest is kept
 *  outstanding). Interest accrues on principal only; each payment goes to the carried
 *  interest first, then the period's interest, then principal (the order servicers apply
 *  payments in, 34 CFR 685.211(a)). The annuity's level payment is computed on principal
 *  + carried interest, so both are repaid within the term; equal principal and
 *  interest-only pay the carried interest with the first instalment. The `interest` of a
 *  row is the interest paid in it; `balance` is principal plus unpaid carried interest.
 *  Not on the hot path: it calls the day count per period. */
export function generateScheduleWithCarriedInterest(t: ScheduleTerms, carriedInterest: MinorUnits): Schedule {
  if (!Number.isSafeInteger(carriedInterest) || carriedInterest < 0)
    throw new ScheduleError('carried interest must be a non-negative whole number of minor units');
  if (carriedInterest === 0) return generateSchedule(t);
  validate(t);
  const base = generateSchedule(t); // for due dates and the per-period rules
  const mode = t.rounding;
  const n = t.installments;
  let level = 0;
  if (t.method === 'annuity')
    level =
      t.fixedPayment ??
      annuityPayment(t.principal + carriedInterest, periodicRateOf(t.annualRate, t.frequency), n, mode);
  if (t.method === 'graduated')
    throw new ScheduleError('carried interest is not supported for graduated schedules');
  const months = MONTHS_PER_PERIOD[t.frequency];
  const firstDue = t.firstDueDay ?? addMonths(t.startDay, months);
  const firstRegular = t.firstDueDay === undefined || firstDue === addMonths(t.startDay, months);
  const ppy = PERIODS_PER_YEAR[t.frequency];
  const equalPrincipal = divideRounded(t.principal, n, mode);
  let principal = t.principal;
  let carried = carriedInterest;
  let prev = t.startDay;
  const rows: Installment[] = [];
  let totalInterest = 0;
  let totalPaid = 0;
  for (let k = 1; k <= n; k++) {
    const b = base.installments[k - 1]!;
    const end = t.accrual === 'adjusted' ? b.dueDay : (b.contractualDueDay ?? b.dueDay);
    let cur: number;
    if (principal === 0 || t.annualRate.num === 0) cur = 0;
    else if (t.dayCount === '30/360' && t.accrual !== 'adjusted' && (k > 1 || firstRegular))
      cur = mulDivRounded(principal, t.annualRate.num, t.annualRate.den * ppy, mode);
    else {
      const f = yearFraction(t.dayCount, prev, end);
      cur = mulDivRounded(principal, t.annualRate.num * f.num, t.annualRate.den * f.den, mode);
    }
    prev = end;
    let interestPaid: number;
    let principalPaid: number;
    if (k === n) {
      interestPaid = carried + cur;
      principalPaid = principal;
    } else if (t.method === 'annuity') {
      interestPaid = Math.min(level, carried + cur);
      principalPaid = Math.min(principal, level - interestPaid);
    } else {
      interestPaid = carried + cur; // equal principal / interest-only: everything owed now
      principalPaid = t.method === 'equal-principal' ? Math.min(principal, equalPrincipal) : 0;
    }
    // Interest paid takes the carried interest first.
    const fromCarried = Math.min(carried, interestPaid);
    carried = carried - fromCarried + (cur - (interestPaid - fromCarried));
    principal -= principalPaid;
    const payment = interestPaid + principalPaid;
    totalInterest += interestPaid;
    totalPaid += payment;
    rows.push({
      ...(b.contractualDueDay !== undefined ? { contractualDueDay: b.contractualDueDay } : {}),
      n: k,
      dueDay: b.dueDay,
      principal: principalPaid,
      interest: interestPaid,
      payment,
      balance: principal + carried,
    });
  }
  return {
    payment: t.method === 'annuity' ? level : rows[0]!.payment,
    installments: rows,
    totalInterest,
    totalPaid,
  };
}
