// The only code that touches the analytics module's tables. The loan book (servicing), customers,
// surveys, tickets and applications are read read-only in set-based SQL, as risk's portfolio
// analytics do (ARCHITECTURE: raw SQL for analytics; ADR 0012): never through their table objects.
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { OPEN_STATES } from '@bursar/core';
import { rowsOf, type Executor } from '../../db/database.ts';
import {
  analyticsReportDeliveries,
  analyticsReportSchedules,
  analyticsSchoolEnrolments,
  analyticsSettings,
} from './analytics.tables.ts';

export interface DashboardFilters {
  currency: string;
  schoolId?: string | undefined;
  productCode?: string | undefined;
  segment?: string | undefined;
}

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );
const OPEN = list(OPEN_STATES);
const ON_BOOK = list([...OPEN_STATES, 'charged_off']);

/** A loan is in PAR30 when it is open and 30 or more days past due, or in default. */
export const PAR30 = (l: SQL) => sql`(${l}.state in (${OPEN}) and (${l}.days_past_due >= 30 or ${l}.state = 'default'))`;

/** Filters on a pre-aggregated summary table (columns school_id, product_code, segment). */
function summaryWhere(f: DashboardFilters): SQL {
  const c: SQL[] = [sql`currency = ${f.currency}`];
  if (f.schoolId) c.push(sql`school_id = ${f.schoolId}`);
  if (f.productCode) c.push(sql`product_code = ${f.productCode}`);
  if (f.segment !== undefined) c.push(sql`segment = ${f.segment}`);
  return sql.join(c, sql` and `);
}

/** The same filters on live loans `l` joined to customers `c`. */
function loanWhere(f: DashboardFilters): SQL {
  const c: SQL[] = [sql`l.currency = ${f.currency}`];
  if (f.schoolId) c.push(sql`c.current_school_id = ${f.schoolId}`);
  if (f.productCode) c.push(sql`l.product_code = ${f.productCode}`);
  if (f.segment !== undefined) c.push(sql`coalesce(c.class_education_level, '') = ${f.segment}`);
  return sql.join(c, sql` and `);
}

/** Filters that reach a customer `cust` (surveys, tickets): school and segment on the customer, product by a loan. */
function customerWhere(f: DashboardFilters, cust: SQL): SQL {
  const c: SQL[] = [sql`true`];
  if (f.schoolId) c.push(sql`${cust}.current_school_id = ${f.schoolId}`);
  if (f.segment !== undefined) c.push(sql`coalesce(${cust}.class_education_level, '') = ${f.segment}`);
  if (f.productCode)
    c.push(sql`exists (select 1 from loans pl where pl.customer_id = ${cust}.id and pl.product_code = ${f.productCode})`);
  return sql.join(c, sql` and `);
}

// ---- refresh ------------------------------------------------------------------------------------

export interface ClvSqlAssumptions {
  costToServePerMonth: number;
  monthlyDiscountRate: number;
  lgd: number;
  pd12ByBucket: Record<string, number>;
}

/**
 * Rebuild the summaries for business date `asOf`, set-based: the book rows of that day (earlier
 * days of the same month are dropped, so each month keeps its latest day), and the origination and
 * cohort summaries in full. The caller runs it in one transaction.
 */
export async function rebuildSummaries(db: Executor, asOf: string, clv: ClvSqlAssumptions): Promise<void> {
  await db.execute(
    sql`delete from analytics_book_summary where as_of = ${asOf}::date
          or (date_trunc('month', as_of) = date_trunc('month', ${asOf}::date) and as_of < ${asOf}::date)`,
  );
  const pd = sql.join(
    Object.entries(clv.pd12ByBucket).map(([b, p]) => sql`(${b}::text, ${p}::float8)`),
    sql`, `,
  );
  // Dashboard CLV estimate per loan: the remaining term projected as an annuity at the contract
  // rate (core's exact per-loan CLV is on the lifetime-value page); see docs/user-guide/dashboards.md.
  await db.execute(sql`
    with pd(bucket, pd12) as (values ${pd})
    insert into analytics_book_summary
      (as_of, currency, school_id, product_code, segment, state, bucket, loans, principal, par30_loans, par30_principal, rate_weighted, clv)
    select ${asOf}::date, l.currency, c.current_school_id, l.product_code, coalesce(c.class_education_level, ''), l.state, l.bucket,
           count(*), coalesce(sum(l.principal), 0),
           count(*) filter (where ${PAR30(sql`l`)}),
           coalesce(sum(l.principal) filter (where ${PAR30(sql`l`)}), 0),
           coalesce(sum(l.principal::numeric * l.rate_num / l.rate_den), 0),
           coalesce(round(sum(v.clv))::bigint, 0)
      from loans l
      left join customers c on c.id = l.customer_id
      left join pd on pd.bucket = l.bucket
      cross join lateral (
        select case when l.state not in (${OPEN}) or l.principal <= 0 then 0::float8 else (
          select sum(((x.r - coalesce(pd.pd12, 0) / 12 * ${clv.lgd}::float8) * l.principal *
                      case when x.r = 0 then (x.n - t + 1)::float8 / x.n
                           else (power(1 + x.r, x.n) - power(1 + x.r, t - 1)) / (power(1 + x.r, x.n) - 1) end
                      - ${clv.costToServePerMonth}::float8) / power(1 + ${clv.monthlyDiscountRate}::float8, t))
            from (select l.rate_num::float8 / l.rate_den / 12 as r,
                         least(480, greatest(1, (l.term_instalments - l.next_instalment + 1) * l.frequency_months)) as n) x,
                 generate_series(1, x.n) t) end as clv
      ) v
     where l.state in (${ON_BOOK})
     group by 1, 2, 3, 4, 5, 6, 7`);
  await db.execute(sql`delete from analytics_origination_summary`);
  await db.execute(sql`
    insert into analytics_origination_summary (month, currency, school_id, product_code, segment, loans, commitment, disbursed)
    select date_trunc('month', l.opened_on)::date, l.currency, c.current_school_id, l.product_code, coalesce(c.class_education_level, ''),
           count(*), coalesce(sum(l.commitment), 0), coalesce(sum(l.disbursed), 0)
      from loans l left join customers c on c.id = l.customer_id
     group by 1, 2, 3, 4, 5`);
  await db.execute(sql`delete from analytics_cohort_summary`);
  await db.execute(sql`
    with h as (
      select loan_id,
             min(business_date) filter (where to_state = 'repayment') as entered,
             min(business_date) filter (where to_state = 'default') as defaulted
        from loan_state_history group by loan_id),
    k as (
      select h.loan_id, extract(year from h.entered + interval '3 months')::int as fy, h.defaulted
        from h where h.entered is not null)
    insert into analytics_cohort_summary (fiscal_year, currency, school_id, product_code, segment, entered, defaulted)
    select k.fy, l.currency, c.current_school_id, l.product_code, coalesce(c.class_education_level, ''),
           count(*), count(*) filter (where k.defaulted is not null and k.defaulted <= make_date(k.fy + 2, 9, 30))
      from k join loans l on l.id = k.loan_id left join customers c on c.id = l.customer_id
     group by 1, 2, 3, 4, 5`);
}

export async function recordRefresh(db: Executor, asOf: string, at: Date, millis: number): Promise<void> {
  await db.execute(sql`
    insert into analytics_refreshes (id, as_of, refreshed_at, millis) values (1, ${asOf}, ${at.toISOString()}, ${millis})
    on conflict (id) do update set as_of = excluded.as_of, refreshed_at = excluded.refreshed_at, millis = excluded.millis`);
}

export async function lastRefresh(db: Executor): Promise<{ asOf: string; refreshedAt: string } | null> {
  const [r] = await rowsOf<{ as_of: string; refreshed_at: string }>(
    db,
    sql`select as_of::text as as_of, refreshed_at::text as refreshed_at from analytics_refreshes where id = 1`,
  );
  return r ? { asOf: r.as_of, refreshedAt: r.refreshed_at } : null;
}

// ---- dashboard reads (pre-aggregated) -------------------------------------------------------------

export interface BookTotals {
  asOf: string;
  loans: number;
  principal: number;
  par30Loans: number;
  par30Principal: number;
  defaultLoans: number;
  /** Principal of loans in default or charged off. */
  defaultPrincipal: number;
  chargedOffPrincipal: number;
  rateWeighted: number;
  clv: number;
}

const BOOK_SUMS = sql`
  coalesce(sum(loans) filter (where state in (${OPEN})), 0)::int as loans,
  coalesce(sum(principal) filter (where state in (${OPEN})), 0)::float8 as principal,
  coalesce(sum(par30_loans), 0)::int as par30_loans,
  coalesce(sum(par30_principal), 0)::float8 as par30_principal,
  coalesce(sum(loans) filter (where state in ('default', 'charged_off')), 0)::int as default_loans,
  coalesce(sum(principal) filter (where state in ('default', 'charged_off')), 0)::float8 as default_principal,
  coalesce(sum(principal) filter (where state = 'charged_off'), 0)::float8 as charged_off_principal,
  coalesce(sum(rate_weighted) filter (where state in (${OPEN})), 0)::float8 as rate_weighted,
  coalesce(sum(clv), 0)::float8 as clv`;

const bookTotals = (r: Record<string, unknown>): BookTotals => ({
  asOf: String(r.as_of),
  loans: Number(r.loans),
  principal: Number(r.principal),
  par30Loans: Number(r.par30_loans),
  par30Principal: Number(r.par30_principal),
  defaultLoans: Number(r.default_loans),
  defaultPrincipal: Number(r.default_principal),
  chargedOffPrincipal: Number(r.charged_off_principal),
  rateWeighted: Number(r.rate_weighted),
  clv: Number(r.clv),
});

/** The book by month (each month's latest refreshed day), oldest first, up to `months` months. */
export async function bookTrend(db: Executor, f: DashboardFilters, months: number): Promise<BookTotals[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`select as_of::text as as_of, ${BOOK_SUMS}
          from analytics_book_summary
         where ${summaryWhere(f)}
           and as_of >= (select coalesce(max(as_of), current_date) from analytics_book_summary where currency = ${f.currency})
                        - make_interval(months => ${months})
         group by as_of order by as_of`,
  );
  return rows.map(bookTotals);
}

export async function originationTrend(db: Executor, f: DashboardFilters, from: string) {
  return rowsOf<{ month: string; loans: number; commitment: number; disbursed: number }>(
    db,
    sql`select month::text as month, sum(loans)::int as loans, sum(commitment)::float8 as commitment, sum(disbursed)::float8 as disbursed
          from analytics_origination_summary where ${summaryWhere(f)} and month >= ${from}::date
         group by month order by month`,
  );
}

export async function cohortDefaults(db: Executor, f: DashboardFilters) {
  return rowsOf<{ fiscalYear: number; entered: number; defaulted: number }>(
    db,
    sql`select fiscal_year as "fiscalYear", sum(entered)::int as entered, sum(defaulted)::int as defaulted
          from analytics_cohort_summary where ${summaryWhere(f)}
         group by fiscal_year order by fiscal_year`,
  );
}

// ---- the same figures straight from the live book (tests, refresh checks) ------------------------

export async function liveBookTotals(db: Executor, f: DashboardFilters): Promise<Omit<BookTotals, 'asOf' | 'clv'>> {
  const [r] = await rowsOf<Record<string, unknown>>(
    db,
    sql`select count(*) filter (where l.state in (${OPEN}))::int as loans,
               coalesce(sum(l.principal) filter (where l.state in (${OPEN})), 0)::float8 as principal,
               count(*) filter (where ${PAR30(sql`l`)})::int as par30_loans,
               coalesce(sum(l.principal) filter (where ${PAR30(sql`l`)}), 0)::float8 as par30_principal,
               count(*) filter (where l.state in ('default', 'charged_off'))::int as default_loans,
               coalesce(sum(l.principal) filter (where l.state in ('default', 'charged_off')), 0)::float8 as default_principal,
               coalesce(sum(l.principal) filter (where l.state = 'charged_off'), 0)::float8 as charged_off_principal,
               coalesce(sum(l.principal::numeric * l.rate_num / l.rate_den) filter (where l.state in (${OPEN})), 0)::float8 as rate_weighted
          from loans l left join customers c on c.id = l.customer_id
         where ${loanWhere(f)}`,
  );
  const t = bookTotals({ ...r, as_of: '', clv: 0 });
  const { asOf: _a, clv: _c, ...rest } = t;
  return rest;
}

export interface ParLoanRow {
  loanId: string;
  loanNumber: string;
  customerId: string;
  productCode: string;
  state: string;
  bucket: string;
  daysPastDue: number;
  principal: number;
  schoolId: string | null;
}

/** The loans behind PAR30, in loan-number order, after a loan number (keyset pagination). */
export async function par30Loans(
  db: Executor,
  f: DashboardFilters,
  after: string | null,
  limit: number,
): Promise<ParLoanRow[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`select l.id, l.loan_number, l.customer_id, l.product_code, l.state, l.bucket, l.days_past_due,
               l.principal::float8 as principal, c.current_school_id as school_id
          from loans l left join customers c on c.id = l.customer_id
         where ${loanWhere(f)} and ${PAR30(sql`l`)} ${after ? sql`and l.loan_number > ${after}` : sql``}
         order by l.loan_number limit ${limit}`,
  );
  return rows.map((r) => ({
    loanId: String(r.id),
    loanNumber: String(r.loan_number),
    customerId: String(r.customer_id),
    productCode: String(r.product_code),
    state: String(r.state),
    bucket: String(r.bucket),
    daysPastDue: Number(r.days_past_due),
    principal: Number(r.principal),
    schoolId: (r.school_id as string | null) ?? null,
  }));
}

/** Loans opened in a month (drill-down from originations). */
export async function loansOpenedIn(db: Executor, f: DashboardFilters, month: string, after: string | null, limit: number) {
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`select l.id, l.loan_number, l.customer_id, l.product_code, l.state, l.bucket, l.days_past_due,
               l.principal::float8 as principal, c.current_school_id as school_id
          from loans l left join customers c on c.id = l.customer_id
         where ${loanWhere(f)} and l.opened_on >= ${month}::date and l.opened_on < (${month}::date + interval '1 month')
               ${after ? sql`and l.loan_number > ${after}` : sql``}
         order by l.loan_number limit ${limit}`,
  );
  return rows.map((r) => ({
    loanId: String(r.id),
    loanNumber: String(r.loan_number),
    customerId: String(r.customer_id),
    productCode: String(r.product_code),
    state: String(r.state),
    bucket: String(r.bucket),
    daysPastDue: Number(r.days_past_due),
    principal: Number(r.principal),
    schoolId: (r.school_id as string | null) ?? null,
  }));
}

// ---- service figures (small tables: read directly) ------------------------------------------------

/** Completed survey answers to the overall (1–5) and NPS (0–10) questions, per month. */
export async function surveyScores(db: Executor, f: DashboardFilters, from: string) {
  return rowsOf<{ month: string; customerId: string; segment: string; overall: number | null; nps: number | null }>(
    db,
    sql`
    with q as (
      select v.id as version_id,
             max(x->>'id') filter (where x->>'role' = 'overall') as overall_id,
             max(x->>'id') filter (where x->>'role' = 'nps') as nps_id
        from survey_versions v
        cross join lateral jsonb_array_elements(v.definition->'sections') s
        cross join lateral jsonb_array_elements(s->'questions') x
       group by v.id)
    select to_char(date_trunc('month', r.completed_at), 'YYYY-MM-01') as month, r.customer_id as "customerId",
           coalesce(c.class_education_level, '') as segment,
           case when jsonb_typeof(r.answers->q.overall_id) = 'number' then (r.answers->>q.overall_id)::float8 end as overall,
           case when jsonb_typeof(r.answers->q.nps_id) = 'number' then (r.answers->>q.nps_id)::float8 end as nps
      from survey_responses r
      join survey_waves w on w.id = r.wave_id
      join q on q.version_id = w.version_id
      left join customers c on c.id = r.customer_id
     where r.status = 'complete' and r.completed_at >= ${from}::date and ${customerWhere(f, sql`c`)}`,
  );
}

/** Tickets resolved per month: how many within their resolution SLA; and ratings per agent. */
export async function slaByMonth(db: Executor, f: DashboardFilters, from: string) {
  return rowsOf<{ month: string; resolved: number; withinSla: number }>(
    db,
    sql`select to_char(date_trunc('month', t.resolved_at), 'YYYY-MM-01') as month, count(*)::int as resolved,
               count(*) filter (where t.resolved_at <= t.resolution_due_at)::int as "withinSla"
          from desk_tickets t left join customers c on c.id = t.customer_id
         where t.resolved_at is not null and t.resolved_at >= ${from}::date and t.merged_into_id is null
           and ${customerWhere(f, sql`c`)}
         group by 1 order by 1`,
  );
}

export async function staffRatings(db: Executor, f: DashboardFilters, from: string) {
  return rowsOf<{ agent: string; ratings: number; average: number; resolved: number }>(
    db,
    sql`select coalesce(t.assignee_name, '—') as agent, count(t.satisfaction)::int as ratings,
               coalesce(avg(t.satisfaction), 0)::float8 as average, count(t.resolved_at)::int as resolved
          from desk_tickets t left join customers c on c.id = t.customer_id
         where t.created_at >= ${from}::date and t.assignee_name is not null and ${customerWhere(f, sql`c`)}
         group by 1 order by count(t.satisfaction) desc, 1 limit 20`,
  );
}

// ---- loyalty facts ------------------------------------------------------------------------------

export async function borrowingFacts(db: Executor, currency: string) {
  return rowsOf<{ customerId: string; openedOn: string; level: string | null; schoolId: string | null }>(
    db,
    sql`select l.customer_id as "customerId", l.opened_on::text as "openedOn",
               coalesce(p.level, c.class_education_level) as level, c.current_school_id as "schoolId"
          from loans l left join customers c on c.id = l.customer_id
          left join lateral (select e.level from enrolments e where e.customer_id = l.customer_id and e.start_date <= l.opened_on
                               order by e.start_date desc limit 1) p on true
         where l.currency = ${currency}`,
  );
}

export async function schoolNames(db: Executor, ids: string[]) {
  if (ids.length === 0) return new Map<string, { name: string; nameLocal: string | null }>();
  const rows = await rowsOf<{ id: string; name: string; name_local: string | null }>(
    db,
    sql`select id, name, name_local from schools where id in (${list(ids)})`,
  );
  return new Map(rows.map((r) => [r.id, { name: r.name, nameLocal: r.name_local }]));
}

/** Facts churn classification needs, one row per customer who has borrowed. */
export async function churnFacts(db: Executor, after: string | null, limit: number) {
  return rowsOf<{
    customerId: string;
    name: string;
    loans: { state: string; maturityDate: string | null; paidOffOn: string | null }[];
    enrolment: { status: string; expectedGraduationDate: string } | null;
    lastApplicationOn: string | null;
    lastActivityOn: string | null;
  }>(
    db,
    sql`
    with cust as (
      select distinct l.customer_id as id from loans l
       ${after ? sql`where l.customer_id > ${after}` : sql``}
       order by 1 limit ${limit})
    select cust.id as "customerId", c.legal_name as name,
           (select jsonb_agg(jsonb_build_object(
                     'state', l.state,
                     'maturityDate', coalesce(
                        (select max(b.due_date) from loan_bills b where b.loan_id = l.id and b.instalment = l.term_instalments),
                        (l.first_due_date + make_interval(months => (l.term_instalments - 1) * l.frequency_months))::date)::text,
                     'paidOffOn', (select max(h.business_date) from loan_state_history h where h.loan_id = l.id and h.to_state = 'paid_off')::text))
              from loans l where l.customer_id = cust.id) as loans,
           (select jsonb_build_object('status', e.status, 'expectedGraduationDate', e.expected_graduation_date::text)
              from enrolments e where e.customer_id = cust.id and e.is_current order by e.start_date desc limit 1) as enrolment,
           (select max(a.created_at)::date::text from origination_applications a where a.customer_id = cust.id and a.status <> 'draft') as "lastApplicationOn",
           greatest(
             (select max(u.last_login_at) from users u where u.customer_id = cust.id),
             (select max(i.occurred_at) from engagement_interactions i where i.customer_id = cust.id),
             (select max(m.opened_at) from engagement_messages m where m.customer_id = cust.id))::date::text as "lastActivityOn"
      from cust join customers c on c.id = cust.id
     order by cust.id`,
  );
}

/** Borrowers per school and academic year (by the loans' opening day). */
export async function borrowersBySchoolYear(db: Executor, startMonth: number) {
  return rowsOf<{ schoolId: string; academicYear: number; borrowers: number }>(
    db,
    sql`select c.current_school_id as "schoolId",
               (extract(year from l.opened_on) - case when extract(month from l.opened_on) < ${startMonth} then 1 else 0 end)::int as "academicYear",
               count(distinct l.customer_id)::int as borrowers
          from loans l join customers c on c.id = l.customer_id
         where c.current_school_id is not null
         group by 1, 2`,
  );
}

// ---- CLV inputs ---------------------------------------------------------------------------------

export interface ClvLoanRow {
  loanId: string;
  loanNumber: string;
  customerId: string;
  productCode: string;
  currency: string;
  state: string;
  bucket: string;
  principal: number;
  rateNum: number;
  rateDen: number;
  dayCount: string;
  rounding: string;
  repayMethod: string;
  frequencyMonths: number;
  remaining: number;
}

export async function openLoansForClv(db: Executor, where: { customerId?: string; loanId?: string; limit?: number }) {
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`select id, loan_number, customer_id, product_code, currency, state, bucket, principal::float8 as principal,
               rate_num::float8 as rate_num, rate_den::float8 as rate_den, day_count, rounding, repay_method, frequency_months,
               greatest(1, term_instalments - next_instalment + 1)::int as remaining
          from loans
         where state in (${OPEN})
           ${where.customerId ? sql`and customer_id = ${where.customerId}` : sql``}
           ${where.loanId ? sql`and id = ${where.loanId}` : sql``}
         order by principal desc, loan_number limit ${where.limit ?? 500}`,
  );
  return rows.map(
    (r): ClvLoanRow => ({
      loanId: String(r.id),
      loanNumber: String(r.loan_number),
      customerId: String(r.customer_id),
      productCode: String(r.product_code),
      currency: String(r.currency),
      state: String(r.state),
      bucket: String(r.bucket),
      principal: Number(r.principal),
      rateNum: Number(r.rate_num),
      rateDen: Number(r.rate_den),
      dayCount: String(r.day_count),
      rounding: String(r.rounding),
      repayMethod: String(r.repay_method),
      frequencyMonths: Number(r.frequency_months),
      remaining: Number(r.remaining),
    }),
  );
}

// ---- enrolment, settings, schedules ---------------------------------------------------------------

export async function upsertEnrolment(
  db: Executor,
  row: { schoolId: string; academicYear: number; enrolled: number; source: string; updatedAt: Date },
) {
  await db
    .insert(analyticsSchoolEnrolments)
    .values(row)
    .onConflictDoUpdate({
      target: [analyticsSchoolEnrolments.schoolId, analyticsSchoolEnrolments.academicYear],
      set: { enrolled: row.enrolled, source: row.source, updatedAt: row.updatedAt },
    });
}

export const enrolmentFigures = (db: Executor) =>
  db.select().from(analyticsSchoolEnrolments).orderBy(asc(analyticsSchoolEnrolments.academicYear));

export async function schoolIdsByCode(db: Executor, codes: string[]) {
  if (codes.length === 0) return new Map<string, string>();
  const rows = await rowsOf<{ id: string; external_code: string }>(
    db,
    sql`select id, external_code from schools where external_code in (${list(codes)})`,
  );
  return new Map(rows.map((r) => [r.external_code, r.id]));
}

export async function existingSchoolIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return new Set<string>();
  const rows = await rowsOf<{ id: string }>(db, sql`select id from schools where id::text in (${list(ids)})`);
  return new Set(rows.map((r) => r.id));
}

export async function readSettings(db: Executor): Promise<unknown> {
  const [row] = await db.select().from(analyticsSettings).where(eq(analyticsSettings.id, 1));
  return row?.settings ?? null;
}

export async function writeSettings(db: Executor, settings: unknown, by: string | null, at: Date) {
  await db
    .insert(analyticsSettings)
    .values({ id: 1, settings, updatedBy: by, updatedAt: at })
    .onConflictDoUpdate({ target: analyticsSettings.id, set: { settings, updatedBy: by, updatedAt: at } });
}

export type ScheduleRow = typeof analyticsReportSchedules.$inferSelect;

export const insertSchedule = async (db: Executor, row: typeof analyticsReportSchedules.$inferInsert) =>
  (await db.insert(analyticsReportSchedules).values(row).returning())[0]!;

export const allSchedules = (db: Executor) =>
  db.select().from(analyticsReportSchedules).orderBy(asc(analyticsReportSchedules.createdAt));

export async function findSchedule(db: Executor, id: string) {
  const [r] = await db.select().from(analyticsReportSchedules).where(eq(analyticsReportSchedules.id, id));
  return r;
}

export const setScheduleActive = (db: Executor, id: string, active: boolean) =>
  db.update(analyticsReportSchedules).set({ active }).where(eq(analyticsReportSchedules.id, id));

/** Claim a period's delivery: false when it was already sent (the primary key makes it once only). */
export async function claimDelivery(db: Executor, scheduleId: string, period: string, at: Date, recipients: number) {
  const rows = await db
    .insert(analyticsReportDeliveries)
    .values({ scheduleId, period, sentAt: at, recipients })
    .onConflictDoNothing()
    .returning();
  return rows.length > 0;
}

export const deliveriesOf = (db: Executor, scheduleId: string) =>
  db
    .select()
    .from(analyticsReportDeliveries)
    .where(and(eq(analyticsReportDeliveries.scheduleId, scheduleId)))
    .orderBy(asc(analyticsReportDeliveries.sentAt));

/** Currencies with open loans, most loans first. */
export async function currencies(db: Executor): Promise<string[]> {
  const rows = await rowsOf<{ currency: string }>(
    db,
    // From the (small) summary once built; the live book only before the first refresh.
    sql`select currency from (
          select currency, sum(loans) as n from analytics_origination_summary group by currency
          union all
          select currency, count(*) from loans
           where state in (${OPEN}) and not exists (select 1 from analytics_origination_summary) group by currency) x
         group by currency order by sum(n) desc, currency`,
  );
  return rows.map((r) => r.currency);
}

/** Schools, products and segments present in the summaries: the dashboard's filter choices. */
export async function filterChoices(db: Executor, currency: string) {
  const [schools, products, segments] = await Promise.all([
    rowsOf<{ id: string; name: string; nameLocal: string | null }>(
      db,
      sql`select s.id, s.name, s.name_local as "nameLocal" from schools s
           where s.id in (select distinct school_id from analytics_origination_summary where currency = ${currency})
           order by coalesce(s.name_local, s.name)`,
    ),
    rowsOf<{ code: string }>(
      db,
      sql`select distinct product_code as code from analytics_origination_summary where currency = ${currency} order by 1`,
    ),
    rowsOf<{ code: string }>(
      db,
      sql`select distinct segment as code from analytics_origination_summary where currency = ${currency} order by 1`,
    ),
  ]);
  return { schools, products: products.map((p) => p.code), segments: segments.map((s) => s.code) };
}

/**
 * Months before the summaries existed, from risk's month-end snapshots (state, bucket, days past
 * due, principal as of each month end): the book rows of those months, without a CLV estimate.
 */
export async function backfillBookFromMonthEnds(db: Executor): Promise<number> {
  const [r] = await rowsOf<{ n: number }>(
    db,
    sql`
    with ins as (
      insert into analytics_book_summary
        (as_of, currency, school_id, product_code, segment, state, bucket, loans, principal, par30_loans, par30_principal, rate_weighted, clv)
      select s.month_end, s.currency, c.current_school_id, s.product_code, coalesce(c.class_education_level, ''), s.state, s.bucket,
             count(*), sum(s.principal),
             count(*) filter (where s.state in (${OPEN}) and (s.days_past_due >= 30 or s.state = 'default')),
             coalesce(sum(s.principal) filter (where s.state in (${OPEN}) and (s.days_past_due >= 30 or s.state = 'default')), 0),
             coalesce(sum(s.principal::numeric * l.rate_num / l.rate_den), 0), 0
        from risk_month_end_snapshots s
        join loans l on l.id = s.loan_id
        left join customers c on c.id = s.customer_id
       where s.state in (${ON_BOOK})
         and date_trunc('month', s.month_end) not in (select distinct date_trunc('month', as_of) from analytics_book_summary)
       group by 1, 2, 3, 4, 5, 6, 7
      returning 1)
    select count(*)::int as n from ins`,
  );
  return r?.n ?? 0;
}

/** Schools with borrowers, for demo enrolment figures. */
export async function schoolsWithBorrowers(db: Executor): Promise<string[]> {
  const rows = await rowsOf<{ id: string }>(
    db,
    sql`select distinct c.current_school_id as id from loans l join customers c on c.id = l.customer_id
         where c.current_school_id is not null order by 1`,
  );
  return rows.map((r) => r.id);
}
