// Repeat borrowing and market share by school: pure counts over rows the server reads.
import type { IsoDate } from '../dates/epoch-day.ts';
import { academicYearOf } from './churn.ts';

/** Study levels that count as graduate study (core's EDUCATION_LEVELS, plus a plain 'graduate'). */
const GRADUATE_LEVELS = new Set(['master', 'doctoral', 'graduate']);

export interface BorrowingFact {
  customerId: string;
  openedOn: IsoDate;
  /** Study level the loan finances: undergraduate, graduate, vocational … */
  level: string | null;
}

export interface RepeatBorrowing {
  customers: number;
  /** Customers with loans in two or more academic years. */
  repeaters: number;
  rate: number;
  /** Customers with an undergraduate loan and a later graduate loan. */
  undergraduates: number;
  graduateAfterUndergraduate: number;
  graduateRate: number;
}

export function repeatBorrowing(rows: readonly BorrowingFact[], academicYearStartMonth = 9): RepeatBorrowing {
  const years = new Map<string, Set<number>>();
  const firstUndergrad = new Map<string, IsoDate>();
  const graduates = new Map<string, IsoDate[]>();
  for (const r of rows) {
    const y = academicYearOf(r.openedOn, academicYearStartMonth);
    const set = years.get(r.customerId) ?? new Set<number>();
    set.add(y);
    years.set(r.customerId, set);
    if (r.level === 'undergraduate') {
      const f = firstUndergrad.get(r.customerId);
      if (!f || r.openedOn < f) firstUndergrad.set(r.customerId, r.openedOn);
    } else if (r.level !== null && GRADUATE_LEVELS.has(r.level)) {
      graduates.set(r.customerId, [...(graduates.get(r.customerId) ?? []), r.openedOn]);
    }
  }
  const customers = years.size;
  const repeaters = [...years.values()].filter((s) => s.size >= 2).length;
  const undergraduates = firstUndergrad.size;
  const graduateAfterUndergraduate = [...firstUndergrad].filter(([c, first]) =>
    (graduates.get(c) ?? []).some((d) => d > first),
  ).length;
  return {
    customers,
    repeaters,
    rate: customers ? repeaters / customers : 0,
    undergraduates,
    graduateAfterUndergraduate,
    graduateRate: undergraduates ? graduateAfterUndergraduate / undergraduates : 0,
  };
}

export interface MarketShareRow {
  schoolId: string;
  academicYear: number;
  borrowers: number;
  /** Enrolled students, or null when no enrolment figure is held for that school and year. */
  enrolled: number | null;
  /** borrowers ÷ enrolled, null without a figure (never a share over an unknown base). */
  share: number | null;
}

/** Our borrowers ÷ enrolled students, per school and academic year. */
export function marketShare(
  borrowers: readonly { schoolId: string; academicYear: number; borrowers: number }[],
  enrolment: readonly { schoolId: string; academicYear: number; enrolled: number }[],
): MarketShareRow[] {
  const key = (s: string, y: number) => `${s}|${y}`;
  const base = new Map(enrolment.map((e) => [key(e.schoolId, e.academicYear), e.enrolled]));
  return borrowers.map((b) => {
    const enrolled = base.get(key(b.schoolId, b.academicYear)) ?? null;
    return {
      ...b,
      enrolled,
      share: enrolled && enrolled > 0 ? b.borrowers / enrolled : null,
    };
  });
}
