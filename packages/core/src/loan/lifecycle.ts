// The whole life of a student loan: several disbursements (one per academic year), an
// in-school phase, a grace phase and the repayment phase, with interest that the state
// pays (subsidised), the borrower pays as it falls due, or that is capitalised.
//
// Interest accrues day by day on the disbursed balance with the product's day count,
// summed exactly (BigInt rationals) over every stretch between events, and rounded once
// when it is settled: on each interest date, at the end of a phase, or on capitalisation.
import { add, ratio, roundRational, ZERO, type Rational } from '../money/rational.ts';
import {
  toIsoDate,
  yearFraction,
  nextAnnualDate,
  addMonths,
  type DayCountConvention,
  type EpochDay,
} from '../dates/index.ts';
import type { MinorUnits, Rate, RoundingMode } from '../money/index.ts';
import {
  generateScheduleWithCarriedInterest,
  ScheduleError,
  type AmortisationMethod,
  type GraduatedSteps,
} from './schedule.ts';
import type { Frequency } from './frequency.ts';

/** Who bears interest during a phase before repayment. `accrued`: the borrower owes it
 *  but it is not capitalised (US Direct Unsubsidized since 1 July 2023); it is carried
 *  into repayment and paid first from the instalments. */
export type PhaseInterest = 'subsidised' | 'paid' | 'capitalised' | 'accrued';

export interface LifecycleTerms {
  annualRate: Rate;
  dayCount: DayCountConvention;
  rounding: RoundingMode;
  disbursements: readonly { day: EpochDay; amount: MinorUnits }[];
  /** Last day of study (graduation); interest to this day follows `inSchoolInterest`. */
  inSchoolUntil: EpochDay;
  inSchoolInterest: PhaseInterest;
  /** Last day of the grace phase = the day repayment of principal starts accruing. */
  graceUntil: EpochDay;
  graceInterest: PhaseInterest;
  /** When interest falls due before repayment: annually on a date (e.g. 20 December),
   *  or every `months` months from the first disbursement. */
  interestDates: { annual: { month: number; day: number } } | { everyMonths: number };
  repayment: {
    method: AmortisationMethod;
    installments: number;
    frequency: Frequency;
    firstDueDay: EpochDay;
    anchorDay?: number;
    graduated?: GraduatedSteps;
  };
}

export type LifecyclePhase = 'in-school' | 'grace' | 'repayment';

export interface LifecycleRow {
  date: string;
  phase: LifecyclePhase;
  kind: 'disbursement' | 'interest' | 'capitalisation' | 'installment';
  disbursed: MinorUnits;
  principal: MinorUnits;
  /** Interest the borrower pays on this date. */
  interest: MinorUnits;
  /** Interest a third party (the state) pays on this date. */
  subsidisedInterest: MinorUnits;
  capitalisedInterest: MinorUnits;
  /** Interest owed but not capitalised, settled on this date (`accrued` phases). */
  accruedInterest: MinorUnits;
  /** What the borrower pays on this date. */
  payment: MinorUnits;
  balance: MinorUnits;
}

export interface LifecycleSchedule {
  rows: LifecycleRow[];
  totalDisbursed: MinorUnits;
  totalInterest: MinorUnits;
  totalSubsidisedInterest: MinorUnits;
  totalCapitalisedInterest: MinorUnits;
  /** Interest accrued before repayment and carried into it uncapitalised. */
  totalAccruedInterest: MinorUnits;
  totalPaid: MinorUnits;
  /** The repayment phase's regular payment. */
  payment: MinorUnits;
}

export function generateLifecycleSchedule(t: LifecycleTerms): LifecycleSchedule {
  if (t.disbursements.length === 0) throw new ScheduleError('at least one disbursement is needed');
  const disb = [...t.disbursements].sort((a, b) => a.day - b.day);
  const first = disb[0]!.day;
  if (disb.some((d) => d.amount <= 0)) throw new ScheduleError('disbursements must be positive');
  if (!(t.inSchoolUntil <= t.graceUntil))
    throw new ScheduleError('grace must end on or after the end of study');
  if (disb.at(-1)!.day > t.graceUntil)
    throw new ScheduleError('all disbursements must be before repayment starts');
  if (t.repayment.firstDueDay <= t.graceUntil)
    throw new ScheduleError('the first repayment must be after the grace phase');

  // Interest dates between the first disbursement and the start of repayment.
  const interestDays = new Set<EpochDay>();
  if ('annual' in t.interestDates) {
    let d = nextAnnualDate(first + 1, t.interestDates.annual.month, t.interestDates.annual.day);
    while (d < t.graceUntil) {
      interestDays.add(d);
      d = nextAnnualDate(d + 1, t.interestDates.annual.month, t.interestDates.annual.day);
    }
  } else {
    for (let k = 1; ; k++) {
      const d = addMonths(first, k * t.interestDates.everyMonths);
      if (d >= t.graceUntil) break;
      interestDays.add(d);
    }
  }
  const events = new Set<EpochDay>([
    ...disb.map((d) => d.day),
    ...interestDays,
    t.inSchoolUntil,
    t.graceUntil,
  ]);
  const days = [...events].filter((d) => d >= first).sort((a, b) => a - b);

  const rows: LifecycleRow[] = [];
  let balance = 0;
  let accrued: Rational = ZERO;
  let prev = first;
  const rNum = BigInt(t.annualRate.num);
  const rDen = BigInt(t.annualRate.den);
  const totals = { interest: 0, subsidised: 0, capitalised: 0, accrued: 0, paid: 0 };

  const row = (
    day: EpochDay,
    phase: LifecyclePhase,
    kind: LifecycleRow['kind'],
    fields: Partial<LifecycleRow>,
  ): void => {
    const r: LifecycleRow = {
      date: toIsoDate(day),
      phase,
      kind,
      disbursed: 0,
      principal: 0,
      interest: 0,
      subsidisedInterest: 0,
      capitalisedInterest: 0,
      accruedInterest: 0,
      payment: 0,
      balance,
      ...fields,
    };
    r.balance = balance;
    rows.push(r);
  };

  for (const day of days) {
    if (day > prev && balance > 0) {
      const f = yearFraction(t.dayCount, prev, day);
      accrued = add(accrued, ratio(BigInt(balance) * rNum * BigInt(f.num), rDen * BigInt(f.den)));
    }
    prev = day;
    const phase: LifecyclePhase = day <= t.inSchoolUntil ? 'in-school' : 'grace';
    const treatment = phase === 'in-school' ? t.inSchoolInterest : t.graceInterest;
    const phaseEnd = day === t.inSchoolUntil || day === t.graceUntil;
    // Settle interest on interest dates and at each phase end, unless it is to be capitalised
    // (then only at the phase end).
    if ((interestDays.has(day) && treatment !== 'capitalised' && treatment !== 'accrued') || phaseEnd) {
      const amount = Number(roundRational(accrued, t.rounding));
      accrued = ZERO;
      if (amount > 0) {
        if (treatment === 'subsidised') {
          totals.subsidised += amount;
          row(day, phase, 'interest', { subsidisedInterest: amount });
        } else if (treatment === 'paid') {
          totals.interest += amount;
          totals.paid += amount;
          row(day, phase, 'interest', { interest: amount, payment: amount });
        } else if (treatment === 'accrued') {
          totals.accrued += amount;
          row(day, phase, 'interest', { accruedInterest: amount });
        } else {
          balance += amount;
          totals.capitalised += amount;
          row(day, phase, 'capitalisation', { capitalisedInterest: amount });
        }
      }
    }
    for (const d of disb) {
      if (d.day === day) {
        balance += d.amount;
        row(day, phase, 'disbursement', { disbursed: d.amount });
      }
    }
  }

  // Accrued (uncapitalised) interest is carried into repayment and paid first.
  const s = generateScheduleWithCarriedInterest(
    {
      principal: balance,
      annualRate: t.annualRate,
      startDay: t.graceUntil,
      firstDueDay: t.repayment.firstDueDay,
      ...(t.repayment.anchorDay !== undefined ? { anchorDay: t.repayment.anchorDay } : {}),
      installments: t.repayment.installments,
      frequency: t.repayment.frequency,
      method: t.repayment.method,
      dayCount: t.dayCount,
      rounding: t.rounding,
      ...(t.repayment.graduated ? { graduated: t.repayment.graduated } : {}),
    },
    totals.accrued,
  );
  for (const i of s.installments) {
    balance = i.balance;
    totals.interest += i.interest;
    totals.paid += i.payment;
    row(i.dueDay, 'repayment', 'installment', {
      principal: i.principal,
      interest: i.interest,
      payment: i.payment,
    });
  }
  return {
    rows,
    totalDisbursed: disb.reduce((a, d) => a + d.amount, 0),
    totalInterest: totals.interest,
    totalSubsidisedInterest: totals.subsidised,
    totalCapitalisedInterest: totals.capitalised,
    totalAccruedInterest: totals.accrued,
    totalPaid: totals.paid,
    payment: s.payment,
  };
}
