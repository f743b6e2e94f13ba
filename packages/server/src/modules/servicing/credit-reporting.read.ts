// A read model of the loan book for credit-bureau furnishing (compliance): one row per loan
// that has drawn money, with its balances, delinquency, state and payment facts as of the
// reporting cycle. Reads only servicing's own tables; compliance formats it per bureau.
import { sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../db/database.ts';

export interface CreditReportingLoan {
  loanId: string;
  loanNumber: string;
  customerId: string;
  productCode: string;
  currency: string;
  state: string;
  stateSince: string;
  openedOn: string;
  /** Minor units. */
  commitment: number;
  disbursed: number;
  principal: number;
  /** Principal + accrued and billed interest + penalties + fees, less any credit balance. */
  currentBalance: number;
  /** Billed and unpaid (principal, interest, penalty, fees) when the loan is past due, else 0. */
  amountPastDue: number;
  daysPastDue: number;
  oldestDueDate: string | null;
  scheduledPayment: number;
  repayMethod: string;
  termInstalments: number;
  instalmentsRemaining: number;
  frequencyMonths: number;
  chargedOffAmount: number;
  firstDueDate: string | null;
  nextDueDate: string | null;
  lastPaymentDate: string | null;
  /** Live (not reversed) payments whose business date falls in the cycle. */
  paidInCycle: number;
  /** Payments reversed after the cycle began whose business date is before it (a correction). */
  reversedEarlier: number;
}

/**
 * Loans to report for a cycle ending on `asOf` (inclusive) and starting on `cycleStart`:
 * every loan that has drawn money. Set-based: one pass over loans and payments.
 */
export async function creditReportingLoans(
  db: Executor,
  cycleStart: string,
  asOf: string,
  customerId?: string,
): Promise<CreditReportingLoan[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`
      with pay as (
        select loan_id,
               max(business_date) filter (where status = 'posted' and business_date <= ${asOf}) as last_paid,
               coalesce(sum(amount) filter (where status = 'posted' and business_date between ${cycleStart} and ${asOf}), 0) as paid_in_cycle,
               coalesce(sum(amount) filter (where status = 'reversed' and business_date < ${cycleStart}
                                              and reversed_at >= ${cycleStart}::date), 0) as reversed_earlier
          from payments
         group by loan_id
      )
      select l.id, l.loan_number, l.customer_id, l.product_code, l.currency, l.state, l.state_since,
             l.opened_on, l.commitment, l.disbursed, l.principal,
             l.principal + l.interest_accrued + l.interest_due + l.penalty_due + l.fees_due - l.credit_balance as current_balance,
             case when l.days_past_due > 0 then l.principal_due + l.interest_due + l.penalty_due + l.fees_due else 0 end as past_due,
             l.days_past_due, l.oldest_due_date, l.level_payment, l.repay_method, l.term_instalments,
             greatest(l.instalments_total - l.bills_count, 0) as remaining, l.frequency_months,
             l.charged_off_amount, l.first_due_date, l.next_due_date,
             p.last_paid, coalesce(p.paid_in_cycle, 0) as paid_in_cycle, coalesce(p.reversed_earlier, 0) as reversed_earlier
        from loans l
        left join pay p on p.loan_id = l.id
       where l.disbursed > 0 and l.opened_on <= ${asOf}
         ${customerId ? sql`and l.customer_id = ${customerId}` : sql``}
       order by l.loan_number`,
  );
  const day = (v: unknown): string | null =>
    v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? v.slice(0, 10) : null;
  return rows.map((r) => ({
    loanId: String(r.id),
    loanNumber: String(r.loan_number),
    customerId: String(r.customer_id),
    productCode: String(r.product_code),
    currency: String(r.currency),
    state: String(r.state),
    stateSince: day(r.state_since)!,
    openedOn: day(r.opened_on)!,
    commitment: Number(r.commitment),
    disbursed: Number(r.disbursed),
    principal: Number(r.principal),
    currentBalance: Math.max(0, Number(r.current_balance)),
    amountPastDue: Number(r.past_due),
    daysPastDue: Number(r.days_past_due),
    oldestDueDate: day(r.oldest_due_date),
    scheduledPayment: Number(r.level_payment),
    repayMethod: String(r.repay_method),
    termInstalments: Number(r.term_instalments),
    instalmentsRemaining: Number(r.remaining),
    frequencyMonths: Number(r.frequency_months),
    chargedOffAmount: Number(r.charged_off_amount),
    firstDueDate: day(r.first_due_date),
    nextDueDate: day(r.next_due_date),
    lastPaymentDate: day(r.last_paid),
    paidInCycle: Number(r.paid_in_cycle),
    reversedEarlier: Number(r.reversed_earlier),
  }));
}

/** The customer a loan belongs to (for a borrower's dispute), or null. */
export async function loanOwner(
  db: Executor,
  loanId: string,
): Promise<{ loanId: string; loanNumber: string; customerId: string } | null> {
  const [r] = await rowsOf<{ id: string; loan_number: string; customer_id: string }>(
    db,
    sql`select id, loan_number, customer_id from loans where id = ${loanId}`,
  );
  return r ? { loanId: r.id, loanNumber: r.loan_number, customerId: r.customer_id } : null;
}
