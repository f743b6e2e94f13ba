// Behavioural scoring of loans in servicing: the monthly review rescores every active loan from
// how its borrower has behaved (days past due, share of the scheduled amount paid, contact
// success, study status, graduation without reported employment, results trend). The
// behavioural scorecard is an ordinary scorecard definition, so the lender can change the points
// (PUT it through the API) and scoring, grades and reason codes work as for applications.
import { scorecardDefinitionSchema, type ScorecardDefinition } from './scorecard.ts';

/** The behaviour of one loan at a month end: the behavioural scorecard's inputs. */
export type LoanBehaviour = {
  /** Days past due at the review date. */
  days_past_due: number;
  /** Worst days past due reached over the last six months (from missed-payment history). */
  max_dpd_6m: number;
  /** Share of the amount billed over the last twelve months that has been paid; null when nothing fell due. */
  paid_share_12m: number | null;
  /** Share of outbound contact attempts over six months that reached the borrower; null when none. */
  contact_success_rate: number | null;
  /** The current enrolment's status (enrolled, on_leave, graduated, withdrawn, …); null when unknown. */
  study_status: string | null;
  /** Months since graduation without reported employment (0 when not graduated or employed). */
  graduated_unemployed_months: number;
  /** Latest term GPA minus the one before, as a share of the GPA scale; null with fewer than two terms. */
  results_trend: number | null;
};

export const BEHAVIOUR_FEATURES = [
  'days_past_due',
  'max_dpd_6m',
  'paid_share_12m',
  'contact_success_rate',
  'study_status',
  'graduated_unemployed_months',
  'results_trend',
] as const satisfies readonly (keyof LoanBehaviour)[];

const num = (label: string, lower: number | null, upper: number | null, points: number) => ({
  label,
  lower,
  upper,
  points,
});

/**
 * The default behavioural scorecard (documented in docs/user-guide/risk-early-warning.md).
 * Base 500 points on the default scaling (600 points at 50:1, PDO 20): a borrower who is
 * current, studying or employed and reachable scores 620 (PD ≈ 1%, grade A); a borrower 90+
 * days late who withdrew from study scores below 400 (PD above 90%, grade E).
 */
export const DEFAULT_BEHAVIOUR_SCORECARD: ScorecardDefinition = scorecardDefinitionSchema.parse({
  basePoints: 500,
  features: [
    {
      name: 'days_past_due',
      kind: 'numeric',
      bins: [
        num('current', null, 1, 40),
        num('1-29', 1, 30, 10),
        num('30-89', 30, 90, -20),
        num('90+', 90, null, -50),
      ],
    },
    {
      name: 'max_dpd_6m',
      kind: 'numeric',
      bins: [
        num('never late', null, 1, 20),
        num('1-29', 1, 30, 10),
        num('30-59', 30, 60, 0),
        num('60+', 60, null, -10),
      ],
    },
    {
      name: 'paid_share_12m',
      kind: 'numeric',
      bins: [
        { label: 'nothing due', missing: true, points: 15 },
        num('under 50%', null, 0.5, -10),
        num('50-90%', 0.5, 0.9, 5),
        num('90%+', 0.9, null, 15),
      ],
    },
    {
      name: 'contact_success_rate',
      kind: 'numeric',
      bins: [
        { label: 'no attempts', missing: true, points: 5 },
        num('under 30%', null, 0.3, -5),
        num('30-70%', 0.3, 0.7, 5),
        num('70%+', 0.7, null, 10),
      ],
    },
    {
      name: 'study_status',
      kind: 'categorical',
      bins: [
        { label: 'studying or graduated', levels: ['enrolled', 'admitted', 'graduated'], points: 15 },
        { label: 'on leave', levels: ['on_leave'], points: 0 },
        { label: 'withdrawn', levels: ['withdrawn'], points: -25 },
        { label: 'other or unknown', other: true, points: 5 },
        { label: 'unknown', missing: true, points: 5 },
      ],
    },
    {
      name: 'graduated_unemployed_months',
      kind: 'numeric',
      bins: [num('under 6', null, 6, 10), num('6-11', 6, 12, 0), num('12+', 12, null, -15)],
    },
    {
      name: 'results_trend',
      kind: 'numeric',
      bins: [
        { label: 'no trend', missing: true, points: 5 },
        num('falling >10%', null, -0.1, -10),
        num('steady', -0.1, 0, 5),
        num('rising', 0, null, 10),
      ],
    },
  ],
});

/** A month as `YYYY-MM`; its review date is the month's last day. */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
}

export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export interface GradeMigration {
  /** Grades in order, best first; rows are last month's grade, columns this month's. */
  grades: string[];
  /** counts[i][j]: loans graded grades[i] last month and grades[j] this month. */
  counts: number[][];
  /** Loans graded this month with no grade last month, by grade. */
  entered: number[];
  /** Loans graded last month and not this month (repaid, closed, written off), by grade. */
  exited: number[];
  upgraded: number;
  downgraded: number;
  stable: number;
}

/**
 * The grade migration matrix between two monthly reviews. Pairs hold one loan's grade last
 * month and this month (null when it had none); grades not in `grades` are refused.
 */
export function migrationMatrix(
  grades: readonly string[],
  pairs: readonly { from: string | null; to: string | null }[],
): GradeMigration {
  const at = new Map(grades.map((g, i) => [g, i]));
  const idx = (g: string) => {
    const i = at.get(g);
    if (i === undefined) throw new RangeError(`grade ${g} is not one of ${grades.join(', ')}`);
    return i;
  };
  const n = grades.length;
  const counts = grades.map(() => new Array<number>(n).fill(0));
  const entered = new Array<number>(n).fill(0);
  const exited = new Array<number>(n).fill(0);
  let upgraded = 0;
  let downgraded = 0;
  let stable = 0;
  for (const { from, to } of pairs) {
    if (from === null && to === null) continue;
    if (from === null) entered[idx(to!)]!++;
    else if (to === null) exited[idx(from)]!++;
    else {
      const i = idx(from);
      const j = idx(to);
      counts[i]![j]!++;
      if (j < i) upgraded++;
      else if (j > i) downgraded++;
      else stable++;
    }
  }
  return { grades: [...grades], counts, entered, exited, upgraded, downgraded, stable };
}
