// Close of business as set-based SQL over the whole loan book. Each function is one step's
// statements, run on the step's transaction. Per-loan journals are written where the issue
// asks for them (billing, penalties, fees); accrual is posted in aggregate per product and day.
import { sql } from 'drizzle-orm';
import { addDays, DAY_UNITS_PER_YEAR } from '@bursar/core';
import { rowsOf, type Executor } from '../../db/database.ts';

const L = DAY_UNITS_PER_YEAR;
export const ACCRUING_STATES = ['in_school', 'grace', 'repayment', 'deferment', 'forbearance', 'default'];
const ACCRUING = sql.raw(ACCRUING_STATES.map((s) => `'${s}'`).join(','));

/** Cumulative day units per convention for days in [from, to], as three parallel arrays. */
export interface UnitsTable {
  conv: string[];
  day: string[];
  cum: string[];
}

export async function earliestAccruedThrough(db: Executor): Promise<string | null> {
  const [r] = await rowsOf<{ d: string | null }>(
    db,
    sql`select min(accrued_through)::text as d from loans where state in (${ACCRUING})`,
  );
  return r?.d ?? null;
}

/** A PostgreSQL array literal as one parameter (drizzle would spread a JS array into a row). */
const pgArray = (xs: string[]) => `{${xs.map((x) => `"${x.replace(/["\\]/g, '')}"`).join(',')}}`;
/** Contractual due days a business-day rule moves, and where to (core's movedDueDays). */
export interface MovedDaysTable {
  rule: string[];
  day: string[];
  adjusted: string[];
}
const adjCte = (a: MovedDaysTable) =>
  sql`adj as (select * from unnest(${pgArray(a.rule)}::text[], ${pgArray(a.day)}::date[], ${pgArray(a.adjusted)}::date[]) as t(rule, d, adjusted))`;
/** How far a rule can move a due date (a week-long holiday and its weekends). */
export const ADJUST_REACH_DAYS = 15;

/** Contractual days some rule moves into (after, upTo] (ISO days compare as text): the few extra
 *  index points a query needs besides its own range, so no wider scan of the loan book. */
function daysMovedInto(moved: MovedDaysTable, after: string, upTo: string): string {
  const days = new Set<string>();
  moved.adjusted.forEach((a, i) => {
    const d = moved.day[i]!;
    if (a > after && a <= upTo && (d > upTo || d <= after)) days.add(d);
  });
  return pgArray([...days]);
}

const unitsCte = (u: UnitsTable) =>
  sql`u as (select * from unnest(${pgArray(u.conv)}::text[], ${pgArray(u.day)}::date[], ${pgArray(u.cum)}::numeric[]) as t(conv, d, cum))`;

async function createScratch(db: Executor): Promise<void> {
  await db.execute(
    sql`create temp table if not exists cob_accr (product_code text, currency text, d_int bigint, d_sub bigint) on commit drop`,
  );
  await db.execute(
    sql`create temp table if not exists cob_bill (id uuid, customer_id uuid, product_code text, currency text, due date, seq int, instalment int, bill_int bigint, bill_prin bigint, keep_zero boolean) on commit drop`,
  );
}

/**
 * Bill what falls due before the next business date (interest accrued to the day before the
 * contractual due date, principal by the repayment method), then accrue every open loan to the
 * next business date. A due date the loan's business-day rule moves is billed as before, and
 * the bill is due (days past due count) from the adjusted day.
 * An income-driven loan bills at most its payment: interest beyond it stays accrued, and a
 * zero bill still counts as a qualifying payment. Posts per-loan billing journals and one
 * accrual journal per product.
 */
export async function accrueAndBill(
  db: Executor,
  date: string,
  nextDate: string,
  u: UnitsTable,
  moved: MovedDaysTable,
): Promise<{ billed: number; accrued: number }> {
  await createScratch(db);
  await db.execute(sql`
    with ${unitsCte(u)}, ${adjCte(moved)},
    x as (
      select l.id,
             l.next_due_date as due,
             coalesce(a.adjusted, l.next_due_date) as pay_due,
             l.repay_method = 'income-driven' as idr,
             l.state in ('repayment', 'default') as repaying,
             l.principal - l.principal_due as remaining,
             case when l.interest_mode = 'borrower' then l.interest_accrued_num + l.principal::numeric * l.rate_num * (u1.cum - u0.cum) else l.interest_accrued_num end as num_due,
             case when l.interest_mode = 'subsidy' then l.subsidy_accrued_num + l.principal::numeric * l.rate_num * (u1.cum - u0.cum) else l.subsidy_accrued_num end as sub_due,
             l.rate_den::numeric * ${L} as den
        from loans l
        join u u0 on u0.conv = l.day_count and u0.d = l.accrued_through
        join u u1 on u1.conv = l.day_count and u1.d = greatest(l.next_due_date, l.accrued_through)
        left join adj a on a.rule = l.due_date_rule and a.d = l.next_due_date
       -- A due date already behind the accrual (a boarded loan, relief ending on a weekend) is billed now with what has accrued.
       -- A rule never moves a due date on or after the next business date to before it, so the
       -- contractual date decides when to bill; the adjusted one is when it is due.
       where l.next_due_date < ${nextDate}::date
         and l.state in (${ACCRUING}) and l.state not in ('deferment', 'forbearance')
    ),
    y0 as (
      select x.*, servicing_round(x.num_due, x.den, l.rounding) as accrued_int, servicing_round(x.sub_due, x.den, l.rounding) as sub_round
        from x join loans l on l.id = x.id
    ),
    y as (
      select y0.*,
             case when y0.idr and y0.repaying then least(y0.accrued_int, l.level_payment) else y0.accrued_int end as bill_int
        from y0 join loans l on l.id = y0.id
    ),
    z as (
      select y.*,
             case when not y.repaying then 0
                  when y.idr then least(greatest(l.level_payment - y.bill_int, 0), y.remaining)
                  when l.next_instalment >= l.instalments_total then y.remaining
                  when l.repay_method = 'annuity' then least(greatest(l.level_payment - y.bill_int, 0), y.remaining)
                  when l.repay_method = 'equal-principal' then least(l.level_principal, y.remaining)
                  else 0 end as bill_prin
        from y join loans l on l.id = y.id
    ),
    upd as (
      update loans l set
        interest_accrued_num = case when l.interest_mode = 'borrower' then (case when z.bill_int = z.accrued_int then 0 else z.num_due - z.bill_int::numeric * z.den end) else l.interest_accrued_num end,
        interest_accrued = case when l.interest_mode = 'borrower' then z.accrued_int - z.bill_int else l.interest_accrued end,
        interest_due = l.interest_due + case when l.interest_mode = 'borrower' then z.bill_int else 0 end,
        subsidy_accrued_num = z.sub_due,
        subsidy_accrued = z.sub_round,
        principal_due = l.principal_due + z.bill_prin,
        accrued_through = greatest(z.due, l.accrued_through),
        bills_count = l.bills_count + 1,
        next_instalment = l.next_instalment + case when z.repaying then 1 else 0 end,
        next_due_date = case
          when not z.repaying then (z.due + interval '12 months')::date
          when l.next_instalment >= l.instalments_total and not z.idr then null
          else (l.first_due_date + make_interval(months => l.next_instalment * l.frequency_months))::date end,
        oldest_due_date = case when (case when l.interest_mode = 'borrower' then z.bill_int else 0 end) + z.bill_prin > 0 then coalesce(l.oldest_due_date, z.pay_due) else l.oldest_due_date end,
        accrual_delta = case when l.interest_mode = 'borrower' then z.accrued_int - l.interest_accrued else 0 end,
        -- A zero income-driven bill with nothing else owed is a qualifying payment of $0.
        qualifying_payments = l.qualifying_payments + case
          when z.idr and z.repaying and z.bill_int + z.bill_prin = 0 and l.principal_due + l.interest_due = 0 then 1 else 0 end,
        subsidy_delta = z.sub_round - l.subsidy_accrued
      from z where l.id = z.id
      returning l.id, l.customer_id, l.product_code, l.currency, z.pay_due, l.bills_count as seq,
                case when z.repaying then l.next_instalment - 1 end as instalment,
                case when l.interest_mode = 'borrower' then z.bill_int else 0 end as bill_int, z.bill_prin,
                l.accrual_delta, l.subsidy_delta, z.idr and z.repaying as idr
    ),
    keep as (insert into cob_bill select id, customer_id, product_code, currency, pay_due, seq, instalment, bill_int, bill_prin, idr from upd)
    insert into cob_accr select product_code, currency, sum(accrual_delta), sum(subsidy_delta) from upd group by product_code, currency`);

  await db.execute(sql`
    insert into loan_bills (loan_id, seq, instalment, due_date, principal, interest, billed_on)
    select id, seq, instalment, due, bill_prin, bill_int, ${date}::date from cob_bill where bill_int + bill_prin > 0 or keep_zero`);
  await db.execute(sql`
    with j as (
      insert into journals (business_date, kind, loan_id, product_code, description)
      select ${date}::date, 'billing', id, product_code, 'Interest billed for the instalment due ' || due from cob_bill where bill_int > 0
      returning id, loan_id)
    insert into journal_lines (journal_id, account_code, currency, amount, loan_id, product_code)
    select j.id, v.acct, b.currency, v.amt, b.id, b.product_code
      from j join cob_bill b on b.id = j.loan_id
      cross join lateral (values ('1120', b.bill_int), ('1110', -b.bill_int)) v(acct, amt)`);

  await db.execute(sql`
    with ${unitsCte(u)},
    w as (select u0.conv, u0.d, u1.cum - u0.cum as units from u u0 join u u1 on u1.conv = u0.conv and u1.d = ${nextDate}::date),
    upd as (
      update loans l set
        interest_accrued_num = case when l.interest_mode = 'borrower' then l.interest_accrued_num + l.principal::numeric * l.rate_num * w.units else l.interest_accrued_num end,
        interest_accrued = case when l.interest_mode = 'borrower' then servicing_round(l.interest_accrued_num + l.principal::numeric * l.rate_num * w.units, l.rate_den::numeric * ${L}, l.rounding) else l.interest_accrued end,
        subsidy_accrued_num = case when l.interest_mode = 'subsidy' then l.subsidy_accrued_num + l.principal::numeric * l.rate_num * w.units else l.subsidy_accrued_num end,
        subsidy_accrued = case when l.interest_mode = 'subsidy' then servicing_round(l.subsidy_accrued_num + l.principal::numeric * l.rate_num * w.units, l.rate_den::numeric * ${L}, l.rounding) else l.subsidy_accrued end,
        accrual_delta = case when l.interest_mode = 'borrower' then servicing_round(l.interest_accrued_num + l.principal::numeric * l.rate_num * w.units, l.rate_den::numeric * ${L}, l.rounding) - l.interest_accrued else 0 end,
        subsidy_delta = case when l.interest_mode = 'subsidy' then servicing_round(l.subsidy_accrued_num + l.principal::numeric * l.rate_num * w.units, l.rate_den::numeric * ${L}, l.rounding) - l.subsidy_accrued else 0 end,
        accrued_through = ${nextDate}::date
      from w
      where w.conv = l.day_count and w.d = l.accrued_through and l.accrued_through < ${nextDate}::date and l.state in (${ACCRUING})
      returning l.product_code, l.currency, l.accrual_delta, l.subsidy_delta)
    insert into cob_accr select product_code, currency, sum(accrual_delta), sum(subsidy_delta) from upd group by product_code, currency`);

  await db.execute(sql`
    with agg as (
      select product_code, currency, sum(d_int)::bigint as di, sum(d_sub)::bigint as ds from cob_accr group by product_code, currency
      having sum(d_int) <> 0 or sum(d_sub) <> 0),
    j as (
      insert into journals (business_date, kind, product_code, description)
      select ${date}::date, 'accrual', product_code, 'Daily interest accrual (' || product_code || ')' from agg
      returning id, product_code)
    insert into journal_lines (journal_id, account_code, currency, amount, product_code)
    select j.id, v.acct, agg.currency, v.amt, agg.product_code
      from j join agg on agg.product_code = j.product_code
      cross join lateral (values ('1110', agg.di), ('4100', -agg.di), ('1150', agg.ds), ('4110', -agg.ds)) v(acct, amt)
     where v.amt <> 0`);
  const [counts] = await rowsOf<{ billed: number; accrued: number }>(
    db,
    sql`select (select count(*)::int from cob_bill) as billed, (select count(*)::int from cob_accr) as accrued`,
  );
  return counts ?? { billed: 0, accrued: 0 };
}

/** Penalty interest on overdue principal for [date, nextDate), and late fees on bills overdue by `lateFeeDays`. */
export async function penaltiesAndFees(
  db: Executor,
  date: string,
  u: UnitsTable,
  lateFeeWindow: { after: string; upTo: string },
): Promise<{ penalties: number; fees: number }> {
  await db.execute(
    sql`create temp table if not exists cob_charge (id uuid, product_code text, currency text, amount bigint, kind text) on commit drop`,
  );
  await db.execute(sql`
    with ${unitsCte(u)},
    w as (select u0.conv, u1.cum - u0.cum as units from u u0 join u u1 on u1.conv = u0.conv and u1.d = (select max(d) from u) where u0.d = ${date}::date),
    upd as (
      update loans l set
        penalty_due = l.penalty_due + servicing_round(l.principal_due::numeric * l.penalty_rate_num * w.units, l.penalty_rate_den::numeric * ${L}, l.rounding),
        accrual_delta = servicing_round(l.principal_due::numeric * l.penalty_rate_num * w.units, l.penalty_rate_den::numeric * ${L}, l.rounding)
      from w
      where w.conv = l.day_count and l.oldest_due_date < ${date}::date and l.principal_due > 0 and l.penalty_rate_num > 0 and l.state in ('grace', 'repayment', 'default')
      returning l.id, l.product_code, l.currency, l.accrual_delta)
    insert into cob_charge select id, product_code, currency, accrual_delta, 'penalty' from upd where accrual_delta > 0`);
  await db.execute(sql`
    with b as (
      update loan_bills b set late_fee_charged = true
        from loans l
       where l.id = b.loan_id and l.late_fee > 0 and not b.late_fee_charged
         and b.due_date > ${lateFeeWindow.after}::date and b.due_date <= ${lateFeeWindow.upTo}::date
         and (b.paid_principal < b.principal or b.paid_interest < b.interest)
         and l.state in ('grace', 'repayment', 'default')
      returning b.loan_id, l.late_fee),
    agg as (select loan_id, sum(late_fee)::bigint as fee from b group by loan_id),
    upd as (update loans l set fees_due = l.fees_due + agg.fee from agg where l.id = agg.loan_id returning l.id, l.product_code, l.currency, agg.fee)
    insert into cob_charge select id, product_code, currency, fee, 'fee' from upd`);
  await db.execute(sql`
    with j as (
      insert into journals (business_date, kind, loan_id, product_code, description)
      select ${date}::date, case when kind = 'penalty' then 'penalty' else 'late-fee' end, id, product_code,
             case when kind = 'penalty' then 'Penalty interest on overdue principal' else 'Late fee' end
        from cob_charge
      returning id, loan_id, kind)
    insert into journal_lines (journal_id, account_code, currency, amount, loan_id, product_code)
    select j.id, v.acct, c.currency, v.amt, c.id, c.product_code
      from j join cob_charge c on c.id = j.loan_id and c.kind = (case when j.kind = 'penalty' then 'penalty' else 'fee' end)
      cross join lateral (values (case when c.kind = 'penalty' then '1130' else '1140' end, c.amount),
                                 (case when c.kind = 'penalty' then '4200' else '4300' end, -c.amount)) v(acct, amt)`);
  const [r] = await rowsOf<{ penalties: number; fees: number }>(
    db,
    sql`select count(*) filter (where kind = 'penalty')::int as penalties, count(*) filter (where kind = 'fee')::int as fees from cob_charge`,
  );
  return r ?? { penalties: 0, fees: 0 };
}

/** Days past due and buckets for every loan with something overdue; bucket changes become events. */
export async function ageDelinquency(
  db: Executor,
  date: string,
  buckets: { code: string; from: number }[],
): Promise<number> {
  const cases = buckets
    .slice()
    .reverse()
    .map((b) => sql`when greatest(0, ${date}::date - l.oldest_due_date) >= ${b.from} then ${b.code}`);
  const [r] = await rowsOf<{ n: number }>(
    db,
    sql`
    with x as (select id, bucket from loans where oldest_due_date is not null),
    upd as (
      update loans l set days_past_due = greatest(0, ${date}::date - l.oldest_due_date),
                         bucket = case ${sql.join(cases, sql` `)} else ${buckets[0]!.code} end
        from x where x.id = l.id
      returning l.id, l.customer_id, x.bucket as old_bucket, l.bucket, l.days_past_due),
    ev as (
      insert into servicing_events (type, loan_id, customer_id, business_date, payload)
      select 'delinquency.bucket_changed', id, customer_id, ${date}::date, json_build_object('from', old_bucket, 'to', bucket, 'daysPastDue', days_past_due)
        from upd where bucket <> old_bucket
      returning 1)
    select count(*)::int as n from ev`,
  );
  return r?.n ?? 0;
}

export async function loansToDefault(db: Executor): Promise<{ id: string }[]> {
  return rowsOf(
    db,
    sql`select id from loans where oldest_due_date is not null and state in ('repayment', 'grace') and days_past_due >= default_days_past_due order by id`,
  );
}

export async function loansToChargeOff(db: Executor): Promise<{ id: string }[]> {
  return rowsOf(
    db,
    sql`select id from loans where oldest_due_date is not null and state = 'default' and days_past_due >= charge_off_days_past_due order by id`,
  );
}

/** Loans whose next phase has begun by `date` (the phase's last day is before it). */
export async function phaseMoves(db: Executor, date: string): Promise<{ id: string }[]> {
  return rowsOf(
    db,
    sql`select id from loans
         where (state = 'in_school' and in_school_until < ${date}::date)
            or (state = 'grace' and grace_until < ${date}::date)
            or (state in ('deferment', 'forbearance') and relief_until < ${date}::date)
         order by id`,
  );
}

/** Reminders (due within `days`) and missed payments, as outbox events. */
export async function notices(
  db: Executor,
  date: string,
  nextDate: string,
  prevDate: string,
  days: number,
  moved: MovedDaysTable,
): Promise<{ dueSoon: number; missed: number }> {
  const [r] = await rowsOf<{ due_soon: number; missed: number }>(
    db,
    sql`
    with ${adjCte(moved)},
    due as (
      select l.id, l.customer_id, coalesce(a.adjusted, l.next_due_date) as pay_due, l.next_instalment, l.level_payment, l.currency
        from loans l left join adj a on a.rule = l.due_date_rule and a.d = l.next_due_date
       where ((l.next_due_date > ${date}::date + ${days}::int and l.next_due_date <= ${nextDate}::date + ${days}::int)
              or l.next_due_date = any(${daysMovedInto(moved, addDays(date, days), addDays(nextDate, days))}::date[]))
         and l.state in ('grace', 'repayment', 'default')),
    soon as (
      insert into servicing_events (type, loan_id, customer_id, business_date, payload)
      select 'payment.due_soon', id, customer_id, ${date}::date,
             json_build_object('dueDate', pay_due, 'instalment', next_instalment, 'expectedPayment', level_payment, 'currency', currency)
        from due
       where pay_due > ${date}::date + ${days}::int and pay_due <= ${nextDate}::date + ${days}::int
      returning 1),
    missed as (
      insert into servicing_events (type, loan_id, customer_id, business_date, payload)
      select 'payment.missed', l.id, l.customer_id, ${date}::date,
             json_build_object('dueDate', b.due_date, 'unpaidPrincipal', b.principal - b.paid_principal, 'unpaidInterest', b.interest - b.paid_interest, 'currency', l.currency)
        from loan_bills b join loans l on l.id = b.loan_id
       where b.due_date > ${prevDate}::date and b.due_date <= ${date}::date
         and (b.paid_principal < b.principal or b.paid_interest < b.interest)
      returning 1)
    select (select count(*)::int from soon) as due_soon, (select count(*)::int from missed) as missed`,
  );
  return { dueSoon: r?.due_soon ?? 0, missed: r?.missed ?? 0 };
}

/** Promises to pay whose date has passed: kept when the loan received at least the promised amount since, else broken. */
export async function settlePromises(db: Executor, date: string): Promise<{ kept: number; broken: number }> {
  const [r] = await rowsOf<{ kept: number; broken: number }>(
    db,
    sql`
    with upd as (
      update collection_actions a set promise_status = case
               when coalesce((select sum(p.amount) from payments p where p.loan_id = a.loan_id and p.status = 'posted' and p.business_date >= a.business_date), 0) >= a.promised_amount then 'kept'
               else 'broken' end
       where a.kind = 'promise' and a.promise_status = 'open' and a.promised_date < ${date}::date
      returning a.id, a.loan_id, a.promise_status, a.promised_date, a.promised_amount),
    ev as (
      insert into servicing_events (type, loan_id, customer_id, business_date, payload)
      select 'promise.' || upd.promise_status, upd.loan_id, l.customer_id, ${date}::date,
             json_build_object('actionId', upd.id, 'promisedDate', upd.promised_date, 'promisedAmount', upd.promised_amount)
        from upd join loans l on l.id = upd.loan_id
      returning 1)
    select count(*) filter (where promise_status = 'kept')::int as kept, count(*) filter (where promise_status = 'broken')::int as broken from upd`,
  );
  return r ?? { kept: 0, broken: 0 };
}

export async function lockCob(db: Executor): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(7261005)`);
}

// ---- mass relief ---------------------------------------------------------------------------

export interface MassFilter {
  productCode?: string | undefined;
  state?: string | undefined;
  studyEndFrom?: string | undefined;
  studyEndTo?: string | undefined;
}

function massWhere(f: MassFilter) {
  const conds = [sql`l.state in ('in_school', 'grace', 'repayment', 'deferment', 'forbearance', 'default')`];
  if (f.productCode) conds.push(sql`l.product_code = ${f.productCode}`);
  if (f.state) conds.push(sql`l.state = ${f.state}`);
  if (f.studyEndFrom) conds.push(sql`l.in_school_until >= ${f.studyEndFrom}::date`);
  if (f.studyEndTo) conds.push(sql`l.in_school_until <= ${f.studyEndTo}::date`);
  return sql.join(conds, sql` and `);
}

export async function massInterestPreview(db: Executor, f: MassFilter) {
  return rowsOf<{ currency: string; loans: number; accrued: string; billed: string }>(
    db,
    sql`select l.currency, count(*)::int as loans, sum(l.interest_accrued)::text as accrued, sum(l.interest_due)::text as billed
          from loans l where ${massWhere(f)} and (l.interest_accrued > 0 or l.interest_due > 0 or l.interest_accrued_num > 0)
         group by l.currency order by 1`,
  );
}

/** Waive the accrued and billed interest of every matching loan: one relief journal per loan, set-based. */
export async function massWaiveInterest(
  db: Executor,
  f: MassFilter,
  date: string,
  description: string,
): Promise<number> {
  await db.execute(
    sql`create temp table if not exists mass_waive (id uuid, product_code text, currency text, accrued bigint, billed bigint) on commit drop`,
  );
  await db.execute(sql`
    with x as (select l.id, l.product_code, l.currency, l.interest_accrued, l.interest_due from loans l
                where ${massWhere(f)} and (l.interest_accrued > 0 or l.interest_due > 0 or l.interest_accrued_num > 0) for update),
    upd as (update loans l set interest_accrued = 0, interest_accrued_num = 0, interest_due = 0 from x where l.id = x.id
            returning x.id, x.product_code, x.currency, x.interest_accrued, x.interest_due)
    insert into mass_waive select * from upd`);
  await db.execute(
    sql`update loan_bills b set interest = b.paid_interest from mass_waive w where b.loan_id = w.id and b.interest > b.paid_interest`,
  );
  await db.execute(sql`
    update loans l set oldest_due_date = o.oldest, days_past_due = case when o.oldest is null then 0 else l.days_past_due end,
                       bucket = case when o.oldest is null then 'current' else l.bucket end
      from (select w.id, (select min(b.due_date) from loan_bills b where b.loan_id = w.id and (b.paid_principal < b.principal or b.paid_interest < b.interest)) as oldest from mass_waive w) o
     where l.id = o.id`);
  await db.execute(sql`
    with j as (
      insert into journals (business_date, kind, loan_id, product_code, description)
      select ${date}::date, 'relief', id, product_code, ${description} from mass_waive where accrued + billed > 0
      returning id, loan_id)
    insert into journal_lines (journal_id, account_code, currency, amount, loan_id, product_code)
    select j.id, v.acct, w.currency, v.amt, w.id, w.product_code
      from j join mass_waive w on w.id = j.loan_id
      cross join lateral (values ('5200', w.accrued + w.billed), ('1110', -w.accrued), ('1120', -w.billed)) v(acct, amt)
     where v.amt <> 0`);
  const [r] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from mass_waive`);
  return r?.n ?? 0;
}
