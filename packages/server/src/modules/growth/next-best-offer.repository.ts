// Read model of the facts next-best offers are decided on: current enrolment and household
// (customers), open loans, arrears, plans and first disbursement (servicing). Set-based and
// read-only, in pages of customers by id (ADR 0011).
import { sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../db/database.ts';

export interface NboFactRow {
  customer_id: string;
  tags: string[] | null;
  enrolment_status: string | null;
  level: string | null;
  expected_graduation_date: string | null;
  annual_income: string | null;
  has_open_loan: boolean | null;
  max_dpd: number | null;
  in_collections: boolean | null;
  on_idr: boolean | null;
  yearly_payment: string | null;
  first_disbursed_on: string | null;
}

const OPEN = sql`('in_school','grace','repayment','deferment','forbearance','default')`;

/** Facts of active customers after `afterId` (id order), `limit` at a time; or of the given ids. */
export function nboFacts(
  db: Executor,
  page: { afterId: string | null; limit: number } | { ids: string[] },
): Promise<NboFactRow[]> {
  const where =
    'ids' in page
      ? sql`c.id = any(${sql.param(page.ids)}::uuid[])`
      : sql`c.status = 'active' and (${page.afterId}::uuid is null or c.id > ${page.afterId}::uuid)`;
  const limit = 'ids' in page ? sql`` : sql`limit ${page.limit}`;
  return rowsOf<NboFactRow>(
    db,
    sql`
      select c.id::text as customer_id, c.tags, e.status as enrolment_status, e.level,
             e.expected_graduation_date::text as expected_graduation_date,
             h.annual_income_minor::text as annual_income,
             l.has_open_loan, l.max_dpd, l.in_collections, l.on_idr, l.yearly_payment::text as yearly_payment,
             l.first_disbursed_on::text as first_disbursed_on
        from customers c
        left join enrolments e on e.customer_id = c.id and e.is_current
        left join households h on h.customer_id = c.id
        left join lateral (
          select bool_or(x.state in ${OPEN}) as has_open_loan,
                 coalesce(max(x.days_past_due) filter (where x.state in ${OPEN}), 0)::int as max_dpd,
                 bool_or(x.state in ('default', 'charged_off') or (x.state in ${OPEN} and x.days_past_due >= 90)) as in_collections,
                 bool_or(x.state in ${OPEN} and x.repayment_plan is not null) as on_idr,
                 sum(x.level_payment * 12 / greatest(x.frequency_months, 1)) filter (where x.state = 'repayment') as yearly_payment,
                 min(x.opened_on) filter (where x.disbursed > 0) as first_disbursed_on
            from loans x where x.customer_id = c.id) l on true
       where ${where}
       order by c.id ${limit}`,
  );
}
