// From a product definition to the servicing terms stored on a loan, and the loan engine's
// projection of a loan's remaining schedule. Loan math itself stays in @bursar/core.
import {
  addMonthsIso,
  addRates,
  basisPoints,
  businessCalendar,
  type BusinessDayRule,
  DEFAULT_ALLOCATION_ORDER,
  generateSchedule,
  lpr5y,
  MONTHS_PER_PERIOD,
  nationalLoanTermYears,
  nextAnnualDate,
  parseMoney,
  parseRate,
  rate,
  toEpochDay,
  toIsoDate,
  type AmortisationMethod,
  type DayCountConvention,
  type Frequency,
  type ProductTemplate,
  type Rate,
  type RoundingMode,
  type Schedule,
} from '@bursar/core';
import type { LoanRow } from './servicing.repository.ts';

/** The calendar due dates are adjusted on (the servicing clock's; close of business reads it from servicing_state). */
export const SERVICING_CALENDAR = 'CN';

export function contractRate(p: ProductTemplate, on: string): Rate {
  if (p.rate.kind === 'fixed') return parseRate(p.rate.annualRate);
  return addRates(lpr5y(on), basisPoints(p.rate.spreadBp));
}

/** Penalty interest added on overdue principal: a multiplier of m means the overdue principal bears m × the contract rate in all. */
export function penaltyRate(p: ProductTemplate, contract: Rate): Rate {
  if (!p.penaltyRate) return rate(0, 1);
  const v = parseRate(p.penaltyRate.value);
  if (p.penaltyRate.kind === 'fixed') return v;
  return rate(contract.num * Math.max(0, v.num - v.den), contract.den * v.den);
}

export function repayMethodOf(p: ProductTemplate): AmortisationMethod {
  // Graduated and income-driven plans are serviced as level payments until plan switching lands.
  return p.amortisation === 'equal-principal' || p.amortisation === 'interest-only'
    ? p.amortisation
    : 'annuity';
}

export function frequencyOf(months: number): Frequency {
  return months === 12 ? 'annual' : months === 6 ? 'semi-annual' : months === 3 ? 'quarterly' : 'monthly';
}

export interface TermsInput {
  openedOn: string;
  studyEndDate?: string | undefined;
  termMonths?: number | undefined;
  yearsOfStudy?: number | undefined;
}

/** Number of repayment instalments. */
export function termInstalments(p: ProductTemplate, input: TermsInput): number {
  const freq = MONTHS_PER_PERIOD[p.frequency];
  let months = input.termMonths ?? p.phases.repayment.termMonths;
  if (months === undefined) {
    const rule = p.phases.repayment.termRule ?? { yearsOfStudyPlus: 15, maxYears: 22 };
    const years = input.yearsOfStudy ?? 4;
    // National loans: the whole term (study + grace + repayment) is years of study + 15, at most 22.
    months = nationalLoanTermYears(years, rule) * 12 - years * 12 - p.phases.grace.months;
  }
  return Math.max(1, Math.floor(months / freq));
}

export function graceUntil(p: ProductTemplate, studyEnd: string): string {
  return p.phases.grace.months > 0 ? addMonthsIso(studyEnd, p.phases.grace.months) : studyEnd;
}

export function minor(text: string | undefined, currency: string): number {
  return text === undefined ? 0 : parseMoney(text, currency);
}

export const DEFAULT_ORDER: string[] = [...DEFAULT_ALLOCATION_ORDER];

/** First due date of a repayment phase that starts on `start`. */
export function firstDueFor(p: ProductTemplate, start: string): string {
  if (p.annualDueDate && p.frequency === 'annual') {
    return toIsoDate(nextAnnualDate(toEpochDay(start), p.annualDueDate.month, p.annualDueDate.day));
  }
  return addMonthsIso(start, MONTHS_PER_PERIOD[p.frequency]);
}

export interface ScheduleProjection extends Schedule {
  startDate: string;
  firstDueDate: string;
  firstInstalment: number;
}

/** The engine's projection of the rest of the repayment schedule from the loan as it stands. */
export function projectRemaining(
  loan: Pick<
    LoanRow,
    | 'principal'
    | 'principalDue'
    | 'rateNum'
    | 'rateDen'
    | 'dayCount'
    | 'rounding'
    | 'repayMethod'
    | 'frequencyMonths'
    | 'instalmentsTotal'
    | 'nextInstalment'
    | 'nextDueDate'
    | 'firstDueDate'
  > &
    Partial<Pick<LoanRow, 'dueDateRule'>>,
  opts: { startDate?: string; instalments?: number; fixedPayment?: number } = {},
): ScheduleProjection | null {
  // An income-driven payment follows income, not a schedule: core's IDR projection shows its course.
  if (loan.repayMethod === 'income-driven') return null;
  const remaining = loan.principal - loan.principalDue;
  const firstDue = loan.nextDueDate ?? loan.firstDueDate;
  const n = opts.instalments ?? loan.instalmentsTotal - loan.nextInstalment + 1;
  if (remaining <= 0 || !firstDue || n <= 0) return null;
  const startDate = opts.startDate ?? addMonthsIso(firstDue, -loan.frequencyMonths);
  const s = generateSchedule({
    principal: remaining,
    annualRate: rate(loan.rateNum, loan.rateDen),
    startDay: toEpochDay(startDate),
    firstDueDay: toEpochDay(firstDue),
    installments: n,
    frequency: frequencyOf(loan.frequencyMonths),
    method: loan.repayMethod as AmortisationMethod,
    dayCount: loan.dayCount as DayCountConvention,
    rounding: loan.rounding as RoundingMode,
    // Due dates shown as they must be paid; interest still runs to the contractual dates.
    ...(loan.dueDateRule && loan.dueDateRule !== 'none'
      ? {
          calendar: businessCalendar(SERVICING_CALENDAR),
          businessDayRule: loan.dueDateRule as BusinessDayRule,
        }
      : {}),
    ...(opts.fixedPayment !== undefined ? { fixedPayment: opts.fixedPayment } : {}),
  });
  return { ...s, startDate, firstDueDate: firstDue, firstInstalment: loan.nextInstalment };
}

/** Level terms the close of business bills from, taken from a projection. */
export function levelTerms(s: ScheduleProjection): { levelPayment: number; levelPrincipal: number } {
  return { levelPayment: s.payment, levelPrincipal: s.installments[0]?.principal ?? 0 };
}

export function scheduleJson(s: ScheduleProjection, currency: string, fmt: (m: number, c: string) => string) {
  return {
    startDate: s.startDate,
    payment: fmt(s.payment, currency),
    totalInterest: fmt(s.totalInterest, currency),
    totalPaid: fmt(s.totalPaid, currency),
    installments: s.installments.map((i) => ({
      n: i.n + s.firstInstalment - 1,
      dueDate: toIsoDate(i.dueDay),
      ...(i.contractualDueDay !== undefined ? { contractualDueDate: toIsoDate(i.contractualDueDay) } : {}),
      principal: fmt(i.principal, currency),
      interest: fmt(i.interest, currency),
      payment: fmt(i.payment, currency),
      balance: fmt(i.balance, currency),
    })),
  };
}
