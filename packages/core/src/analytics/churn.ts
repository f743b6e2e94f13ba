// Retention and churn: each customer is retained or churned, with the reason. Pure: the server
// gathers the facts (loans, enrolment, applications, last activity) and passes the dates in.
import { addMonthsIso, type IsoDate } from '../dates/epoch-day.ts';

export const CHURN_REASONS = ['early_payoff', 'not_returning', 'disengaged'] as const;
export type ChurnReason = (typeof CHURN_REASONS)[number];
export type ChurnStatus = 'retained' | 'churned';

export interface ChurnLoanFact {
  state: string;
  /** Contractual maturity (last scheduled due date), when known. */
  maturityDate: IsoDate | null;
  /** The business date the loan reached paid_off, when it did. */
  paidOffOn: IsoDate | null;
}

export interface ChurnFacts {
  customerId: string;
  loans: readonly ChurnLoanFact[];
  /** Current enrolment: still studying and expected to graduate on this day. */
  enrolment: { status: string; expectedGraduationDate: IsoDate } | null;
  /** The latest loan application (any status but draft), by date created. */
  lastApplicationOn: IsoDate | null;
  /** Latest of: portal login, message opened or clicked, interaction logged. */
  lastActivityOn: IsoDate | null;
}

export interface ChurnRules {
  asOf: IsoDate;
  /** Month the academic year (and its first term) starts, 1–12; day 1 of it. */
  academicYearStartMonth: number;
  /** A payoff this many months or more before maturity counts as leaving early. */
  earlyPayoffMonths: number;
  /** No login, open or contact for this many months counts as disengaged. */
  disengagedMonths: number;
}

export const DEFAULT_CHURN_RULES: Omit<ChurnRules, 'asOf'> = {
  academicYearStartMonth: 9,
  earlyPayoffMonths: 6,
  disengagedMonths: 6,
};

export interface ChurnVerdict {
  customerId: string;
  status: ChurnStatus;
  reason: ChurnReason | null;
}

const STUDYING = new Set(['enrolled', 'active', 'studying', 'leave_returning']);
const OPEN = new Set(['in_school', 'grace', 'repayment', 'deferment', 'forbearance', 'default']);

/** The first day of the academic year `asOf` falls in. */
export function termStartOn(asOf: IsoDate, startMonth: number): IsoDate {
  const [y, m] = asOf.split('-').map(Number) as [number, number];
  const year = m >= startMonth ? y : y - 1;
  return `${year}-${String(startMonth).padStart(2, '0')}-01`;
}

/** The academic year a day belongs to, named by the calendar year it starts in. */
export function academicYearOf(day: IsoDate, startMonth: number): number {
  return Number(termStartOn(day, startMonth).slice(0, 4));
}

/**
 * In order of precedence:
 * 1. early payoff — a loan paid off (not forgiven or discharged: those are other states) at least
 *    `earlyPayoffMonths` before its maturity, and nothing left open: refinanced elsewhere;
 * 2. not returning — still enrolled, not graduating before this academic year's term start, no
 *    default, borrowed before, but no application since the previous term start;
 * 3. disengaged — no login, message opened or contact in `disengagedMonths` months.
 */
export function classifyChurn(f: ChurnFacts, rules: ChurnRules): ChurnVerdict {
  const verdict = (reason: ChurnReason | null): ChurnVerdict => ({
    customerId: f.customerId,
    status: reason ? 'churned' : 'retained',
    reason,
  });
  const open = f.loans.filter((l) => OPEN.has(l.state));
  const earlyPayoff = f.loans.some(
    (l) =>
      l.state === 'paid_off' &&
      l.paidOffOn !== null &&
      l.maturityDate !== null &&
      l.paidOffOn <= addMonthsIso(l.maturityDate, -rules.earlyPayoffMonths),
  );
  if (earlyPayoff && open.length === 0) return verdict('early_payoff');

  const termStart = termStartOn(rules.asOf, rules.academicYearStartMonth);
  const previousTermStart = addMonthsIso(termStart, -12);
  const studying =
    f.enrolment !== null &&
    STUDYING.has(f.enrolment.status) &&
    f.enrolment.expectedGraduationDate > termStart;
  const eligible = !f.loans.some((l) => l.state === 'default' || l.state === 'charged_off');
  const borrowed = f.loans.length > 0;
  if (
    studying &&
    eligible &&
    borrowed &&
    (f.lastApplicationOn === null || f.lastApplicationOn < previousTermStart)
  )
    return verdict('not_returning');

  const quietSince = addMonthsIso(rules.asOf, -rules.disengagedMonths);
  if (f.lastActivityOn === null || f.lastActivityOn < quietSince) return verdict('disengaged');
  return verdict(null);
}
