// Close-of-business statements for repayment plans, as set-based SQL over the loan book:
// floating-rate repricing, income-driven recertification that lapsed, and forgiveness when a
// loan's qualifying payments or write-off day are reached.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../db/database.ts';
import { benchmarkRates, incomeRecertifications, loanRateChanges, loans } from './servicing.tables.ts';
import { ACCRUING_STATES } from './cob.repository.ts';

const OPEN = sql.raw(ACCRUING_STATES.map((s) => `'${s}'`).join(','));
const pgArray = (xs: (string | number)[]) =>
  `{${xs.map((x) => `"${String(x).replace(/["\\]/g, '')}"`).join(',')}}`;

/** Loan groups due for repricing on `date`: each needs one benchmark look-up. */
export async function repricingGroups(db: Executor, date: string) {
  return rowsOf<{ benchmark: string; spread_bp: number; rate_den: number; on: string }>(
    db,
    sql`select rate_benchmark as benchmark, rate_spread_bp as spread_bp, rate_den::int as rate_den, next_repricing_date::text as on
          from loans
         where next_repricing_date <= ${date}::date and rate_benchmark is not null and state in (${OPEN})
         group by 1, 2, 3, 4`,
  );
}

export interface RepriceRow {
  benchmark: string;
  spreadBp: number;
  oldDen: number;
  on: string;
  newNum: number;
  newDen: number;
  factor: number;
  benchmarkRate: string;
}

/**
 * Apply the new rates: contract rate, accrual numerators rescaled exactly, a penalty rate kept
 * at the same multiple of the contract rate, the next repricing day a year on; one history row
 * and one event per loan. Returns the repriced annuity loans, whose level payment the engine
 * recomputes.
 */
export async function repriceLoans(
  db: Executor,
  date: string,
  rows: RepriceRow[],
): Promise<{ repriced: number; annuityIds: string[] }> {
  if (rows.length === 0) return { repriced: 0, annuityIds: [] };
  const col = <K extends keyof RepriceRow>(k: K) => pgArray(rows.map((r) => r[k]));
  const out = await rowsOf<{ id: string; repay_method: string; state: string }>(
    db,
    sql`
    with r as (
      select * from unnest(${col('benchmark')}::text[], ${col('spreadBp')}::int[], ${col('oldDen')}::bigint[], ${col('on')}::date[],
                           ${col('newNum')}::bigint[], ${col('newDen')}::bigint[], ${col('factor')}::bigint[], ${col('benchmarkRate')}::text[])
               as t(benchmark, spread_bp, old_den, on_day, new_num, new_den, factor, bench)),
    x as (
      select l.id, l.customer_id, l.rate_num as old_num, r.old_den, r.benchmark, r.spread_bp, r.on_day, r.new_num, r.new_den, r.factor, r.bench
        from loans l join r on r.benchmark = l.rate_benchmark and r.spread_bp = l.rate_spread_bp
                           and r.old_den = l.rate_den and r.on_day = l.next_repricing_date
       where l.next_repricing_date <= ${date}::date and l.state in (${OPEN})
       for update of l),
    upd as (
      update loans l set
        rate_num = x.new_num, rate_den = x.new_den,
        interest_accrued_num = l.interest_accrued_num * x.factor,
        subsidy_accrued_num = l.subsidy_accrued_num * x.factor,
        penalty_rate_num = case when l.penalty_rate_num = 0 or x.old_num = 0 then l.penalty_rate_num else x.new_num * l.penalty_rate_num * x.old_den end,
        penalty_rate_den = case when l.penalty_rate_num = 0 or x.old_num = 0 then l.penalty_rate_den else x.new_den * l.penalty_rate_den * x.old_num end,
        next_repricing_date = (l.next_repricing_date + interval '12 months')::date
        from x where l.id = x.id
      returning l.id, l.repay_method, l.state, x.customer_id, x.benchmark, x.bench, x.spread_bp, x.old_num, x.old_den, x.new_num, x.new_den, x.on_day),
    hist as (
      insert into loan_rate_changes (loan_id, business_date, benchmark, benchmark_rate, spread_bp, old_rate_num, old_rate_den, new_rate_num, new_rate_den, reason)
      select id, ${date}::date, benchmark, bench, spread_bp, old_num, old_den, new_num, new_den, 'repricing due ' || on_day from upd
      returning 1),
    -- Data-modifying CTEs run to completion whether or not the final select reads them.
    ev as (
      insert into servicing_events (type, loan_id, customer_id, business_date, payload)
      select 'loan.repriced', id, customer_id, ${date}::date,
             json_build_object('benchmark', benchmark, 'benchmarkRate', bench, 'spreadBp', spread_bp, 'repricingDay', on_day)
        from upd
      returning 1)
    select id, repay_method, state from upd`,
  );
  return {
    repriced: out.length,
    annuityIds: out
      .filter((o) => o.repay_method === 'annuity' && o.state === 'repayment')
      .map((o) => o.id)
      .sort(),
  };
}

/** Income-driven loans whose recertification day passed: the payment reverts to the standard one. */
export async function lapseRecertifications(db: Executor, date: string): Promise<number> {
  const [r] = await rowsOf<{ n: number }>(
    db,
    sql`
    with upd as (
      update loans set level_payment = standard_payment, recertify_by = null
       where recertify_by < ${date}::date and repayment_plan is not null
      returning id, customer_id, repayment_plan, standard_payment, currency),
    ev as (
      insert into servicing_events (type, loan_id, customer_id, business_date, payload)
      select 'idr.recertification_missed', id, customer_id, ${date}::date,
             json_build_object('plan', repayment_plan, 'payment', standard_payment, 'currency', currency)
        from upd
      returning 1)
    select count(*)::int as n from ev`,
  );
  return r?.n ?? 0;
}

/**
 * Forgive every loan whose programme is met (qualifying payments reached, or the write-off day
 * come): what is owed goes to the forgiveness expense in one journal per loan, the loan moves
 * to `forgiven` with its history row and events. Returns the loans forgiven.
 */
export async function forgiveLoans(db: Executor, date: string, at: Date): Promise<string[]> {
  await db.execute(
    sql`create temp table if not exists cob_forgive (id uuid, customer_id uuid, product_code text, currency text, state text, programme text,
          qualifying int, principal bigint, interest_due bigint, interest_accrued bigint, penalty_due bigint, fees_due bigint) on commit drop`,
  );
  await db.execute(sql`
    with x as (
      select id, customer_id, product_code, currency, state, forgiveness_programme, qualifying_payments,
             principal, interest_due, interest_accrued, penalty_due, fees_due
        from loans
       where forgiveness_programme is not null and state in (${OPEN})
         and ((forgive_after_payments is not null and qualifying_payments >= forgive_after_payments)
              or (write_off_on is not null and write_off_on <= ${date}::date))
       for update),
    upd as (
      update loans l set state = 'forgiven', state_since = ${date}::date,
        principal = 0, principal_due = 0, interest_due = 0, interest_accrued = 0, interest_accrued_num = 0,
        penalty_due = 0, fees_due = 0,
        charged_off_amount = l.charged_off_amount + x.principal + x.interest_due + x.interest_accrued + x.penalty_due + x.fees_due,
        next_due_date = null, oldest_due_date = null, days_past_due = 0, bucket = 'current', recertify_by = null,
        updated_at = ${at.toISOString()}::timestamptz
        from x where l.id = x.id
      returning x.*)
    insert into cob_forgive select * from upd`);
  await db.execute(sql`
    insert into loan_state_history (loan_id, from_state, to_state, reason, business_date, at)
    select id, state, 'forgiven', programme || ' forgiveness after ' || qualifying || ' qualifying payments', ${date}::date, ${at.toISOString()}::timestamptz
      from cob_forgive`);
  await db.execute(sql`
    with j as (
      insert into journals (business_date, kind, loan_id, product_code, description)
      select ${date}::date, 'forgiveness', id, product_code, 'Forgiveness (' || programme || ')' from cob_forgive
       where principal + interest_due + interest_accrued + penalty_due + fees_due > 0
      returning id, loan_id)
    insert into journal_lines (journal_id, account_code, currency, amount, loan_id, product_code)
    select j.id, v.acct, f.currency, v.amt, f.id, f.product_code
      from j join cob_forgive f on f.id = j.loan_id
      cross join lateral (values ('5200', f.principal + f.interest_due + f.interest_accrued + f.penalty_due + f.fees_due),
                                 ('1100', -f.principal), ('1120', -f.interest_due), ('1110', -f.interest_accrued),
                                 ('1130', -f.penalty_due), ('1140', -f.fees_due)) v(acct, amt)
     where v.amt <> 0`);
  await db.execute(sql`
    insert into servicing_events (type, loan_id, customer_id, business_date, payload)
    select t.type, f.id, f.customer_id, ${date}::date, t.payload
      from cob_forgive f
      cross join lateral (values
        ('loan.state_changed', json_build_object('from', f.state, 'to', 'forgiven', 'reason', f.programme || ' forgiveness')::jsonb),
        ('loan.forgiven', json_build_object('programme', f.programme, 'qualifyingPayments', f.qualifying,
                                            'amount', f.principal + f.interest_due + f.interest_accrued + f.penalty_due + f.fees_due, 'currency', f.currency)::jsonb)) t(type, payload)`);
  const rows = await rowsOf<{ id: string }>(db, sql`select id from cob_forgive order by id`);
  return rows.map((r) => r.id);
}

// ---- benchmark rates ------------------------------------------------------------------------

export type BenchmarkRateRow = typeof benchmarkRates.$inferSelect;

export async function benchmarkRatesOf(db: Executor, benchmark: string): Promise<BenchmarkRateRow[]> {
  return db
    .select()
    .from(benchmarkRates)
    .where(eq(benchmarkRates.benchmark, benchmark))
    .orderBy(asc(benchmarkRates.effectiveFrom));
}

export async function upsertBenchmarkRate(db: Executor, row: typeof benchmarkRates.$inferInsert) {
  const [r] = await db
    .insert(benchmarkRates)
    .values(row)
    .onConflictDoUpdate({
      target: [benchmarkRates.benchmark, benchmarkRates.effectiveFrom],
      set: { rate: row.rate, source: row.source, recordedBy: row.recordedBy, createdAt: row.createdAt },
    })
    .returning();
  return r!;
}

export async function rateChangesOf(db: Executor, loanId: string) {
  return db
    .select()
    .from(loanRateChanges)
    .where(eq(loanRateChanges.loanId, loanId))
    .orderBy(asc(loanRateChanges.id));
}

// ---- income recertifications --------------------------------------------------------------

export type RecertificationRow = typeof incomeRecertifications.$inferSelect;

export async function insertRecertification(db: Executor, row: typeof incomeRecertifications.$inferInsert) {
  const [r] = await db.insert(incomeRecertifications).values(row).returning();
  return r!;
}

export async function findRecertification(db: Executor, id: string, lock = false) {
  const q = db.select().from(incomeRecertifications).where(eq(incomeRecertifications.id, id));
  const [r] = lock ? await q.for('update') : await q;
  return r;
}

export async function updateRecertification(
  db: Executor,
  id: string,
  patch: Partial<typeof incomeRecertifications.$inferInsert>,
) {
  const [r] = await db
    .update(incomeRecertifications)
    .set(patch)
    .where(eq(incomeRecertifications.id, id))
    .returning();
  return r!;
}

export async function recertificationList(
  db: Executor,
  f: { status?: RecertificationRow['status'] | undefined; loanId?: string | undefined },
) {
  const conds = [
    f.status ? eq(incomeRecertifications.status, f.status) : undefined,
    f.loanId ? eq(incomeRecertifications.loanId, f.loanId) : undefined,
  ].filter((c) => c !== undefined);
  return db
    .select({ request: incomeRecertifications, currency: loans.currency })
    .from(incomeRecertifications)
    .innerJoin(loans, eq(loans.id, incomeRecertifications.loanId))
    .where(and(...conds))
    .orderBy(desc(incomeRecertifications.createdAt))
    .limit(500);
}
