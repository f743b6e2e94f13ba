// Portfolio analytics reads. The loan book belongs to servicing and the schools to customers;
// analytics read their tables directly in set-based SQL (ARCHITECTURE: raw SQL for analytics),
// read-only, and write only the risk module's own month-end snapshots.
import { DEFAULT_BUCKETS, OPEN_STATES } from '@bursar/core';
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../db/database.ts';

/** States that stay on the book for analytics: open ones and charged-off loans still being recovered. */
const ON_BOOK = [...OPEN_STATES, 'charged_off'];
const inList = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

function bucketCase(dpd: SQL): SQL {
  const cases = DEFAULT_BUCKETS.slice()
    .reverse()
    .map((b) => sql`when ${dpd} >= ${b.from} then ${b.code}`);
  return sql`case ${sql.join(cases, sql` `)} else ${DEFAULT_BUCKETS[0]!.code} end`;
}

export interface BookRow {
  loanId: string;
  loanNumber: string;
  customerId: string;
  productCode: string;
  currency: string;
  state: string;
  bucket: string;
  daysPastDue: number;
  principal: number;
  /** Principal plus interest, penalties and fees owed. */
  owed: number;
  remainingInstalments: number;
  frequencyMonths: number;
  /** End of the study, grace or relief period before repayment (resumes), when in one. */
  phaseEnd: string | null;
  school: string | null;
  programme: string | null;
  region: string | null;
}

/** The live book in one currency: every open loan with its school, programme and region. */
export async function liveBook(db: Executor, currency: string): Promise<BookRow[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`
    select l.id, l.loan_number, l.customer_id, l.product_code, l.currency, l.state, l.bucket, l.days_past_due,
           l.principal::float8 as principal,
           (l.principal + l.interest_due + l.interest_accrued + l.penalty_due + l.fees_due)::float8 as owed,
           greatest(0, l.term_instalments - l.next_instalment + 1)::int as remaining,
           l.frequency_months,
           case l.state when 'in_school' then l.in_school_until when 'grace' then l.grace_until
                        when 'deferment' then l.relief_until when 'forbearance' then l.relief_until end::text as phase_end,
           coalesce(s.name_local, s.name) as school, coalesce(p.name, e.programme_name) as programme,
           coalesce(s.region, c.region) as region
      from loans l
      left join customers c on c.id = l.customer_id
      left join enrolments e on e.customer_id = l.customer_id and e.is_current
      left join schools s on s.id = e.school_id
      left join programmes p on p.id = e.programme_id
     where l.currency = ${currency} and l.state in (${inList(OPEN_STATES)})
     order by l.loan_number`,
  );
  return rows.map((r) => ({
    loanId: String(r.id),
    loanNumber: String(r.loan_number),
    customerId: String(r.customer_id),
    productCode: String(r.product_code),
    currency: String(r.currency),
    state: String(r.state),
    bucket: String(r.bucket),
    daysPastDue: Number(r.days_past_due),
    principal: Number(r.principal),
    owed: Number(r.owed),
    remainingInstalments: Number(r.remaining),
    frequencyMonths: Number(r.frequency_months),
    phaseEnd: (r.phase_end as string | null) ?? null,
    school: (r.school as string | null) ?? null,
    programme: (r.programme as string | null) ?? null,
    region: (r.region as string | null) ?? null,
  }));
}

/** Currencies on the book with their open-loan counts, most loans first. */
export async function bookCurrencies(db: Executor): Promise<{ currency: string; loans: number }[]> {
  return rowsOf(
    db,
    sql`select currency, count(*)::int as loans from loans where state in (${inList(OPEN_STATES)})
         group by currency order by count(*) desc, currency`,
  );
}

/** The first business date any loan was on the book, or null for an empty book. */
export async function firstBookDate(db: Executor): Promise<string | null> {
  const [r] = await rowsOf<{ d: string | null }>(
    db,
    sql`select min(business_date)::text as d from loan_state_history`,
  );
  return r?.d ?? null;
}

export async function snapshotMonths(db: Executor): Promise<string[]> {
  const rows = await rowsOf<{ d: string }>(
    db,
    sql`select distinct month_end::text as d from risk_month_end_snapshots order by 1`,
  );
  return rows.map((r) => r.d);
}

/**
 * Snapshot every loan as of month end `d`, set-based, from the history servicing keeps: the
 * state from the state history, the principal from the ledger, and days past due from the
 * oldest bill not yet paid by `d` (payments' allocations name the bills they settled). Loans
 * that left the book before the month began are not repeated.
 */
export async function captureMonthEnd(
  db: Executor,
  d: string,
  source: 'close' | 'backfill',
): Promise<number> {
  const dpd = sql`greatest(0, ${d}::date - o.due)`;
  const [r] = await rowsOf<{ n: number }>(
    db,
    sql`
    with st as (
      select distinct on (h.loan_id) h.loan_id, h.to_state, h.business_date
        from loan_state_history h where h.business_date <= ${d}::date
       order by h.loan_id, h.business_date desc, h.id desc),
    bal as (
      select jl.loan_id, sum(jl.amount) as principal
        from journal_lines jl join journals j on j.id = jl.journal_id
       where jl.account_code = '1100' and jl.loan_id is not null and j.business_date <= ${d}::date
       group by jl.loan_id),
    paid as (
      select p.loan_id, (b->>'seq')::int as seq, sum((b->>'principal')::bigint) as pp, sum((b->>'interest')::bigint) as pi
        from payments p cross join lateral jsonb_array_elements(coalesce(p.allocation->'bills', '[]'::jsonb)) b
       where p.status = 'posted' and p.business_date <= ${d}::date
       group by 1, 2),
    o as (
      select b.loan_id, min(b.due_date) as due
        from loan_bills b left join paid on paid.loan_id = b.loan_id and paid.seq = b.seq
       where b.due_date <= ${d}::date and b.billed_on <= ${d}::date
         and (coalesce(paid.pp, 0) < b.principal or coalesce(paid.pi, 0) < b.interest)
       group by b.loan_id),
    disb as (
      select loan_id, min(business_date) as first_on, sum(amount) as amount
        from loan_disbursements where business_date <= ${d}::date group by loan_id),
    ins as (
      insert into risk_month_end_snapshots
        (month_end, loan_id, customer_id, product_code, currency, state, bucket, days_past_due, principal,
         disbursed_on, disbursed_amount, source)
      select ${d}::date, l.id, l.customer_id, l.product_code, l.currency, st.to_state,
             case when o.due is null then ${DEFAULT_BUCKETS[0]!.code} else ${bucketCase(dpd)} end,
             coalesce(${dpd}, 0), coalesce(bal.principal, 0),
             coalesce(disb.first_on, l.opened_on), coalesce(disb.amount, l.disbursed), ${source}
        from loans l
        join st on st.loan_id = l.id
        left join bal on bal.loan_id = l.id
        left join o on o.loan_id = l.id
        left join disb on disb.loan_id = l.id
       where st.to_state in (${inList(ON_BOOK)})
          or st.business_date > (date_trunc('month', ${d}::date) - interval '1 day')::date
      on conflict (month_end, loan_id) do nothing
      returning 1)
    select count(*)::int as n from ins`,
  );
  return r?.n ?? 0;
}

export interface SnapshotRow {
  monthEnd: string;
  loanId: string;
  state: string;
  bucket: string;
  daysPastDue: number;
  principal: number;
  disbursedOn: string;
  disbursedAmount: number;
}

export async function snapshotsIn(db: Executor, currency: string): Promise<SnapshotRow[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`select month_end::text as month_end, loan_id, state, bucket, days_past_due, principal::float8 as principal,
               disbursed_on::text as disbursed_on, disbursed_amount::float8 as disbursed_amount
          from risk_month_end_snapshots where currency = ${currency} order by month_end, loan_id`,
  );
  return rows.map((r) => ({
    monthEnd: String(r.month_end),
    loanId: String(r.loan_id),
    state: String(r.state),
    bucket: String(r.bucket),
    daysPastDue: Number(r.days_past_due),
    principal: Number(r.principal),
    disbursedOn: String(r.disbursed_on),
    disbursedAmount: Number(r.disbursed_amount),
  }));
}

export interface CdrRow {
  customerId: string;
  school: string | null;
  programme: string | null;
  enteredRepaymentOn: string;
  defaultedOn: string | null;
}

/** Every loan that has entered repayment: when it first did, and when it first defaulted. */
export async function repaymentEntries(db: Executor, currency: string): Promise<CdrRow[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`
    with h as (
      select loan_id,
             min(business_date) filter (where to_state = 'repayment') as entered,
             min(business_date) filter (where to_state = 'default') as defaulted
        from loan_state_history group by loan_id)
    select l.customer_id, coalesce(s.name_local, s.name) as school, coalesce(p.name, e.programme_name) as programme,
           h.entered::text as entered, h.defaulted::text as defaulted
      from loans l join h on h.loan_id = l.id
      left join enrolments e on e.customer_id = l.customer_id and e.is_current
      left join schools s on s.id = e.school_id
      left join programmes p on p.id = e.programme_id
     where l.currency = ${currency} and h.entered is not null`,
  );
  return rows.map((r) => ({
    customerId: String(r.customer_id),
    school: (r.school as string | null) ?? null,
    programme: (r.programme as string | null) ?? null,
    enteredRepaymentOn: String(r.entered),
    defaultedOn: (r.defaulted as string | null) ?? null,
  }));
}
