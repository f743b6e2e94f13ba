// Behavioural scoring and the monthly periodic review: every active loan is rescored from its
// borrower's behaviour with the behavioural scorecard, its grade stored per month, and grade
// migrations between months reported as a matrix.
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_BEHAVIOUR_SCORECARD,
  migrationMatrix,
  monthEnd,
  MONTH,
  previousMonth,
  scorecardDefinitionSchema,
  scoreWith,
  type FeatureContribution,
  type GradeMigration,
  type LoanBehaviour,
  type ScorecardDefinition,
  type SignalFacts,
} from '@bursar/core';
import type { ActorContext, Deps } from '../../deps.ts';
import { fieldErrorsFromZod, Problem, validationProblem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { cobStatus } from '../servicing/index.ts';
import * as repo from './behaviour.repository.ts';
import type { BehaviourRow } from './behaviour.repository.ts';

const SCORECARD_KEY = 'behaviour_scorecard';

/** Whole months from one day to a later one (a month counts once its day is reached). */
export function monthsBetween(from: string, to: string): number {
  const [y1, m1, d1] = from.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = to.split('-').map(Number) as [number, number, number];
  return Math.max(0, (y2 - y1) * 12 + (m2 - m1) - (d2 < d1 ? 1 : 0));
}

/** The behavioural scorecard's inputs for one loan. */
export function behaviourOf(row: BehaviourRow, asOf: string): LoanBehaviour {
  const billed = Number(row.billed_12m ?? 0);
  return {
    days_past_due: row.days_past_due,
    max_dpd_6m: row.max_dpd_6m,
    paid_share_12m: billed > 0 ? Math.min(1, Number(row.paid_12m ?? 0) / billed) : null,
    contact_success_rate: row.contact_attempts > 0 ? row.contact_reached / row.contact_attempts : null,
    study_status: row.study_status,
    graduated_unemployed_months:
      row.graduated_on && !row.employed ? monthsBetween(row.graduated_on, asOf) : 0,
    results_trend: row.results_trend,
  };
}

/** The early-warning rules' view of the same loan. */
export function signalFactsOf(
  row: BehaviourRow,
  asOf: string,
  macro: ReadonlyMap<string, number>,
): SignalFacts {
  const b = behaviourOf(row, asOf);
  const facts: Record<string, number> = {};
  for (const [k, v] of macro) {
    const [series, scope, key] = k.split('\u0000') as [string, 'region' | 'field', string];
    if ((scope === 'region' ? row.region : row.field) === key) facts[`${series}:${scope}`] = v;
  }
  return {
    daysPastDue: row.days_past_due,
    missedPayments: row.missed_payments,
    resultsTrend: row.results_trend,
    studyStatus: row.study_status,
    graduatedUnemployedMonths: row.graduated_on && !row.employed ? b.graduated_unemployed_months : null,
    bouncesInRow: row.bounces_in_row,
    region: row.region,
    field: row.field,
    macro: facts,
  };
}

export async function behaviourScorecard(deps: Deps): Promise<ScorecardDefinition> {
  const stored = await repo.readSetting(deps.database.db, SCORECARD_KEY);
  return stored ? scorecardDefinitionSchema.parse(stored) : DEFAULT_BEHAVIOUR_SCORECARD;
}

/** Change the behavioural scorecard's points (or grades); null puts the default back. */
export async function setBehaviourScorecard(
  deps: Deps,
  ctx: ActorContext,
  definition: unknown,
): Promise<ScorecardDefinition> {
  let def = DEFAULT_BEHAVIOUR_SCORECARD;
  if (definition !== null) {
    const parsed = scorecardDefinitionSchema.safeParse(definition);
    if (!parsed.success) throw validationProblem(fieldErrorsFromZod(parsed.error, 'definition'));
    def = parsed.data;
  }
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    const before = await repo.readSetting(tx, SCORECARD_KEY);
    await repo.writeSetting(tx, SCORECARD_KEY, def, now, ctx.actorName);
    await recordAudit(tx, ctx, now, {
      action: 'risk.behaviour_scorecard_changed',
      entityType: 'risk_setting',
      entityId: SCORECARD_KEY,
      before: before ?? null,
      after: def,
    });
  });
  return def;
}

/** The last business date close of business completed, or null before the first one. */
export async function lastClosedBusinessDate(deps: Deps): Promise<string | null> {
  const { runs } = await cobStatus(deps);
  return runs.find((r) => r.status === 'completed')?.businessDate ?? null;
}

export interface ReviewResult {
  month: string;
  reviewDate: string;
  loans: number;
  distribution: { grade: string; loans: number }[];
}

/**
 * The monthly review: rescore every active loan from its behaviour at the month's end. A month
 * can be reviewed once close of business has passed its last day; running it again replaces it.
 */
export async function runBehaviourReview(
  deps: Deps,
  ctx: ActorContext,
  month: string,
): Promise<ReviewResult> {
  if (!MONTH.test(month)) throw Problem.badRequest('month', 'expected YYYY-MM');
  const reviewDate = monthEnd(month);
  const closed = await lastClosedBusinessDate(deps);
  if (closed === null || closed < reviewDate)
    throw Problem.conflict(
      'month-not-closed',
      `Close of business has not yet passed ${reviewDate} (last closed: ${closed ?? 'none'})`,
      'month',
    );
  const def = await behaviourScorecard(deps);
  const rows = await repo.gatherBehaviour(deps.database.db, reviewDate);
  const grades = rows.map((row) => {
    const features = behaviourOf(row, reviewDate);
    const r = scoreWith(def, features, { reasons: 3 });
    return {
      month,
      loanId: row.loan_id,
      customerId: row.customer_id,
      score: r.score,
      pd: r.pd,
      grade: r.grade,
      features,
      reasons: r.reasons,
    };
  });
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    await repo.replaceMonth(
      tx,
      { month, reviewDate, loans: grades.length, scorecard: def, runAt: now, runBy: ctx.actorName },
      grades,
    );
    await recordAudit(tx, ctx, now, {
      action: 'risk.behaviour_reviewed',
      entityType: 'behaviour_review',
      entityId: month,
      after: { reviewDate, loans: grades.length },
    });
  });
  const counts = new Map<string, number>();
  for (const g of grades) counts.set(g.grade, (counts.get(g.grade) ?? 0) + 1);
  return {
    month,
    reviewDate,
    loans: grades.length,
    distribution: gradeOrder(def, [...counts.keys()]).map((grade) => ({
      grade,
      loans: counts.get(grade) ?? 0,
    })),
  };
}

/** The scorecard's grades best first, then any other grade seen (an older scorecard's). */
function gradeOrder(def: ScorecardDefinition, seen: string[]): string[] {
  const bands = def.grades.bands.map((b) => b.grade);
  return [...bands, ...seen.filter((g) => !bands.includes(g)).sort()];
}

export interface GradeDashboard {
  months: { month: string; reviewDate: string; loans: number; runAt: string }[];
  month: string | null;
  previousMonth: string | null;
  distribution: { grade: string; loans: number }[];
  migration: GradeMigration | null;
}

/** A month's grade distribution and its migration matrix from the month before. */
export async function gradeDashboard(deps: Deps, month?: string): Promise<GradeDashboard> {
  const db = deps.database.db;
  if (month !== undefined && !MONTH.test(month)) throw Problem.badRequest('month', 'expected YYYY-MM');
  const all = await repo.reviews(db);
  const months = all.map((r) => ({
    month: r.month,
    reviewDate: r.reviewDate,
    loans: r.loans,
    runAt: r.runAt.toISOString(),
  }));
  const current = month ?? all[0]?.month ?? null;
  if (current === null)
    return { months, month: null, previousMonth: null, distribution: [], migration: null };
  const review = all.find((r) => r.month === current);
  if (!review) throw Problem.notFound(`Behavioural review of ${current}`);
  const def = scorecardDefinitionSchema.parse(review.scorecard);
  const prev = previousMonth(current);
  const hasPrev = all.some((r) => r.month === prev);
  const dist = await repo.gradeDistribution(db, current);
  const pairs = hasPrev ? await repo.gradePairs(db, prev, current) : [];
  const grades = gradeOrder(def, [
    ...new Set([
      ...dist.map((d) => d.grade),
      ...pairs.flatMap((p) => [p.from, p.to]).filter((g) => g !== null),
    ]),
  ]);
  return {
    months,
    month: current,
    previousMonth: hasPrev ? prev : null,
    distribution: grades.map((grade) => ({ grade, loans: dist.find((d) => d.grade === grade)?.n ?? 0 })),
    migration: hasPrev ? migrationMatrix(grades, pairs) : null,
  };
}

export interface LoanGrade {
  month: string;
  loanId: string;
  customerId: string;
  score: number;
  pd: number;
  grade: string;
  features: LoanBehaviour;
  reasons: FeatureContribution[];
}

const gradeView = (r: repo.GradeRow): LoanGrade => ({
  month: r.month,
  loanId: r.loanId,
  customerId: r.customerId,
  score: r.score,
  pd: r.pd,
  grade: r.grade,
  features: r.features as LoanBehaviour,
  reasons: r.reasons as FeatureContribution[],
});

export async function gradesOfMonth(
  deps: Deps,
  month: string,
  filter: { grade?: string | undefined; limit?: number | undefined; offset?: number | undefined },
): Promise<LoanGrade[]> {
  if (!MONTH.test(month)) throw Problem.badRequest('month', 'expected YYYY-MM');
  return (
    await repo.monthGrades(deps.database.db, month, {
      grade: filter.grade,
      limit: filter.limit ?? 100,
      offset: filter.offset ?? 0,
    })
  ).map(gradeView);
}

export async function gradesOfLoan(deps: Deps, loanId: string): Promise<LoanGrade[]> {
  return (await repo.loanGrades(deps.database.db, loanId)).map(gradeView);
}

// ---- employment reports and macro series -------------------------------------------------------

export interface EmploymentInput {
  customerId: string;
  status: 'employed' | 'self_employed' | 'further_study' | 'unemployed';
  employer?: string | undefined;
  reportedOn: string;
}

export async function recordEmployment(deps: Deps, ctx: ActorContext, input: EmploymentInput) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const row = await repo.insertEmployment(tx, {
      id: randomUUID(),
      customerId: input.customerId,
      status: input.status,
      employer: input.employer ?? null,
      reportedOn: input.reportedOn,
      recordedAt: now,
      recordedBy: ctx.actorName,
    });
    await recordAudit(tx, ctx, now, {
      action: 'risk.employment_reported',
      entityType: 'customer',
      entityId: input.customerId,
      after: { status: row.status, reportedOn: row.reportedOn },
    });
    return {
      id: row.id,
      customerId: row.customerId,
      status: row.status,
      employer: row.employer,
      reportedOn: row.reportedOn,
    };
  });
}

export interface MacroPoint {
  series: string;
  scope: 'region' | 'field';
  key: string;
  period: string;
  value: number;
}

/** Import (or correct) points of macro data series, e.g. unemployment by region per month. */
export async function importMacroSeries(
  deps: Deps,
  ctx: ActorContext,
  points: MacroPoint[],
): Promise<number> {
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    await repo.upsertMacro(
      tx,
      points.map((p) => ({ ...p, importedAt: now })),
    );
    await recordAudit(tx, ctx, now, {
      action: 'risk.macro_series_imported',
      entityType: 'macro_series',
      entityId: [...new Set(points.map((p) => p.series))].join(','),
      after: { points: points.length },
    });
  });
  return points.length;
}

export async function listMacroSeries(deps: Deps, series?: string): Promise<MacroPoint[]> {
  return (await repo.macroSeries(deps.database.db, series)).map((r) => ({
    series: r.series,
    scope: r.scope,
    key: r.key,
    period: r.period,
    value: r.value,
  }));
}

/** Latest macro values as of a date, keyed series␀scope␀key. */
export async function macroAsOf(deps: Deps, date: string): Promise<Map<string, number>> {
  const rows = await repo.latestMacro(deps.database.db, date);
  return new Map(rows.map((r) => [`${r.series}\u0000${r.scope}\u0000${r.key}`, r.value]));
}
