// The behaviour of every active loan at a date, gathered in one set-based query. This is an
// analytic read model: it reads servicing's, customers' and engagement's tables read-only (see
// docs/adr/0008-risk-reads-behaviour-set-based.md); every write to them goes through their index.ts.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../db/database.ts';
import {
  riskBehaviourGrades,
  riskBehaviourReviews,
  riskEmploymentReports,
  riskMacroSeries,
  riskSettings,
} from './early-warning.tables.ts';

/** Loan states a review and the early-warning rules look at: money is still owed. */
export const WATCHED_STATES = ['in_school', 'grace', 'repayment', 'deferment', 'forbearance', 'default'];

export interface BehaviourRow {
  loan_id: string;
  loan_number: string;
  customer_id: string;
  customer_exists: boolean;
  state: string;
  days_past_due: number;
  missed_payments: number;
  max_dpd_6m: number;
  billed_12m: string | null;
  paid_12m: string | null;
  contact_attempts: number;
  contact_reached: number;
  study_status: string | null;
  graduated_on: string | null;
  employed: boolean;
  results_trend: number | null;
  bounces_in_row: number;
  region: string | null;
  field: string | null;
}

/** Outcomes of an outbound contact that reached the borrower. */
const REACHED = ['reached', 'promise_to_pay', 'resolved', 'follow_up_needed', 'not_interested', 'complaint'];
const DELIVERED = ['sent', 'delivered', 'opened', 'clicked', 'replied', 'read'];

/** Every watched loan's behaviour as of `date` (the last closed business date or a month end). */
export async function gatherBehaviour(
  db: Executor,
  date: string,
  loanIds?: string[],
): Promise<BehaviourRow[]> {
  const d = sql`${date}::date`;
  const only = loanIds
    ? sql`and l.id in (${sql.join(
        loanIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`
    : sql``;
  return rowsOf<BehaviourRow>(
    db,
    sql`
    with l as (
      select l.id, l.loan_number, l.customer_id, l.state, l.days_past_due
        from loans l
       where l.state in (${sql.join(
         WATCHED_STATES.map((s) => sql`${s}`),
         sql`, `,
       )}) and l.opened_on <= ${d} ${only}),
    missed as (
      select e.loan_id, count(*)::int as n from servicing_events e join l on l.id = e.loan_id
       where e.type = 'payment.missed' and e.business_date <= ${d} group by e.loan_id),
    worst as (
      select e.loan_id, max((e.payload->>'daysPastDue')::int) as dpd from servicing_events e join l on l.id = e.loan_id
       where e.type = 'delinquency.bucket_changed' and e.business_date > ${d} - interval '6 months'
         and e.business_date <= ${d} group by e.loan_id),
    billed as (
      select b.loan_id, sum(b.principal + b.interest) as due, sum(b.paid_principal + b.paid_interest) as paid
        from loan_bills b join l on l.id = b.loan_id
       where b.due_date > ${d} - interval '12 months' and b.due_date <= ${d} group by b.loan_id),
    contact as (
      select i.customer_id, count(*)::int as attempts,
             count(*) filter (where i.outcome in (${sql.join(
               REACHED.map((s) => sql`${s}`),
               sql`, `,
             )}))::int as reached
        from engagement_interactions i
       where i.customer_id in (select customer_id from l) and i.direction = 'outbound'
         and i.occurred_at >= ${d} - interval '6 months' and i.occurred_at < ${d} + 1
       group by i.customer_id),
    enrol as (
      select e.customer_id, e.id, e.status, e.status_date, coalesce(e.programme_name, p.name) as field
        from enrolments e left join programmes p on p.id = e.programme_id
       where e.is_current and e.customer_id in (select customer_id from l)),
    terms as (
      select r.enrolment_id,
             coalesce(r.gpa / coalesce(nullif(r.gpa_scale, 0), 4), r.average_score / 100) as level,
             row_number() over (partition by r.enrolment_id order by substr(r.term, 1, 4) desc,
               case substr(r.term, 6) when 'spring' then 1 when 'summer' then 2 when 'fall' then 3
                 when 'autumn' then 3 when 'winter' then 4 else coalesce(nullif(substr(r.term, 6), '')::int, 0) end desc) as k
        from term_results r join enrol on enrol.id = r.enrolment_id
       where r.recorded_at < ${d} + 1 and (r.gpa is not null or r.average_score is not null)),
    trend as (
      select enrolment_id, max(level) filter (where k = 1) - max(level) filter (where k = 2) as delta
        from terms where k <= 2 group by enrolment_id having count(*) = 2),
    employed as (
      select distinct on (r.customer_id) r.customer_id, r.status in ('employed', 'self_employed', 'further_study') as employed
        from risk_employment_reports r
       where r.customer_id in (select customer_id from l) and r.reported_on <= ${d}
       order by r.customer_id, r.reported_on desc, r.recorded_at desc),
    bounces as (
      select m.customer_id, count(*)::int as n
        from engagement_messages m
       where m.customer_id in (select customer_id from l) and m.status in ('bounced', 'failed')
         and m.created_at < ${d} + 1
         and m.created_at > coalesce((select max(ok.created_at) from engagement_messages ok
                                       where ok.customer_id = m.customer_id
                                         and ok.status in (${sql.join(
                                           DELIVERED.map((s) => sql`${s}`),
                                           sql`, `,
                                         )})),
                                     '-infinity'::timestamptz)
       group by m.customer_id)
    select l.id as loan_id, l.loan_number, l.customer_id, c.id is not null as customer_exists, l.state,
           l.days_past_due, coalesce(missed.n, 0) as missed_payments,
           greatest(coalesce(worst.dpd, 0), l.days_past_due) as max_dpd_6m,
           billed.due::text as billed_12m, billed.paid::text as paid_12m,
           coalesce(contact.attempts, 0) as contact_attempts, coalesce(contact.reached, 0) as contact_reached,
           enrol.status as study_status,
           case when enrol.status = 'graduated' then enrol.status_date::text end as graduated_on,
           coalesce(employed.employed, false) as employed,
           trend.delta::float8 as results_trend, coalesce(bounces.n, 0) as bounces_in_row,
           c.region, enrol.field
      from l
      left join customers c on c.id = l.customer_id
      left join missed on missed.loan_id = l.id
      left join worst on worst.loan_id = l.id
      left join billed on billed.loan_id = l.id
      left join contact on contact.customer_id = l.customer_id
      left join enrol on enrol.customer_id = l.customer_id
      left join trend on trend.enrolment_id = enrol.id
      left join employed on employed.customer_id = l.customer_id
      left join bounces on bounces.customer_id = l.customer_id
     order by l.id`,
  );
}

// ---- settings ----------------------------------------------------------------------------------

export async function readSetting(db: Executor, key: string): Promise<unknown> {
  const [row] = await db.select().from(riskSettings).where(eq(riskSettings.key, key));
  return row?.value;
}

export async function writeSetting(
  db: Executor,
  key: string,
  value: unknown,
  at: Date,
  by: string | null,
): Promise<void> {
  await db
    .insert(riskSettings)
    .values({ key, value, updatedAt: at, updatedBy: by })
    .onConflictDoUpdate({ target: riskSettings.key, set: { value, updatedAt: at, updatedBy: by } });
}

// ---- reviews and grades ------------------------------------------------------------------------

export type GradeRow = typeof riskBehaviourGrades.$inferSelect;
export type ReviewRow = typeof riskBehaviourReviews.$inferSelect;

/** Replace a month's grades (a review may be rerun; the latest run counts). */
export async function replaceMonth(
  db: Executor,
  review: typeof riskBehaviourReviews.$inferInsert,
  grades: GradeRow[],
): Promise<void> {
  await db.delete(riskBehaviourGrades).where(eq(riskBehaviourGrades.month, review.month));
  for (let i = 0; i < grades.length; i += 1000)
    await db.insert(riskBehaviourGrades).values(grades.slice(i, i + 1000));
  await db
    .insert(riskBehaviourReviews)
    .values(review)
    .onConflictDoUpdate({
      target: riskBehaviourReviews.month,
      set: {
        reviewDate: review.reviewDate,
        loans: review.loans,
        scorecard: review.scorecard,
        runAt: review.runAt,
        runBy: review.runBy,
      },
    });
}

export async function reviews(db: Executor): Promise<ReviewRow[]> {
  return db.select().from(riskBehaviourReviews).orderBy(desc(riskBehaviourReviews.month));
}

export async function findReview(db: Executor, month: string): Promise<ReviewRow | undefined> {
  const [row] = await db.select().from(riskBehaviourReviews).where(eq(riskBehaviourReviews.month, month));
  return row;
}

/** Grade counts of a month. */
export async function gradeDistribution(
  db: Executor,
  month: string,
): Promise<{ grade: string; n: number }[]> {
  return rowsOf(
    db,
    sql`select grade, count(*)::int as n from risk_behaviour_grades where month = ${month} group by grade order by grade`,
  );
}

/** Each loan graded in either month, with its grade in each (null when not graded then). */
export async function gradePairs(
  db: Executor,
  from: string,
  to: string,
): Promise<{ from: string | null; to: string | null }[]> {
  return rowsOf(
    db,
    sql`select a.grade as "from", b.grade as "to"
          from (select loan_id, grade from risk_behaviour_grades where month = ${from}) a
          full join (select loan_id, grade from risk_behaviour_grades where month = ${to}) b on a.loan_id = b.loan_id`,
  );
}

export async function loanGrades(db: Executor, loanId: string): Promise<GradeRow[]> {
  return db
    .select()
    .from(riskBehaviourGrades)
    .where(eq(riskBehaviourGrades.loanId, loanId))
    .orderBy(asc(riskBehaviourGrades.month));
}

export async function monthGrades(
  db: Executor,
  month: string,
  filter: { grade?: string | undefined; limit: number; offset: number },
): Promise<GradeRow[]> {
  const conds = [eq(riskBehaviourGrades.month, month)];
  if (filter.grade) conds.push(eq(riskBehaviourGrades.grade, filter.grade));
  return db
    .select()
    .from(riskBehaviourGrades)
    .where(and(...conds))
    .orderBy(asc(riskBehaviourGrades.score), asc(riskBehaviourGrades.loanId))
    .limit(filter.limit)
    .offset(filter.offset);
}

// ---- employment and macro series ---------------------------------------------------------------

export async function insertEmployment(db: Executor, row: typeof riskEmploymentReports.$inferInsert) {
  const [created] = await db.insert(riskEmploymentReports).values(row).returning();
  return created!;
}

export async function upsertMacro(
  db: Executor,
  rows: (typeof riskMacroSeries.$inferInsert)[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insert(riskMacroSeries)
      .values(rows.slice(i, i + 1000))
      .onConflictDoUpdate({
        target: [riskMacroSeries.series, riskMacroSeries.scope, riskMacroSeries.key, riskMacroSeries.period],
        set: { value: sql`excluded.value`, importedAt: sql`excluded.imported_at` },
      });
}

/** The latest value of every series, scope and key as of `date`. */
export async function latestMacro(
  db: Executor,
  date: string,
): Promise<{ series: string; scope: string; key: string; period: string; value: number }[]> {
  return rowsOf(
    db,
    sql`select distinct on (series, scope, key) series, scope, key, period::text as period, value
          from risk_macro_series where period <= ${date}::date
         order by series, scope, key, period desc`,
  );
}

export async function macroSeries(db: Executor, series?: string) {
  const q = db.select().from(riskMacroSeries);
  return (series ? q.where(eq(riskMacroSeries.series, series)) : q).orderBy(
    asc(riskMacroSeries.series),
    asc(riskMacroSeries.scope),
    asc(riskMacroSeries.key),
    asc(riskMacroSeries.period),
  );
}
