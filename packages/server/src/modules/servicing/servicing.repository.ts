// The only code that touches the servicing tables. Set-based close-of-business SQL lives in
// cob.repository.ts; everything else is here.
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../db/database.ts';
import {
  collectionActions,
  cobRuns,
  hardshipRequests,
  journalLines,
  journals,
  loanBills,
  loanDisbursements,
  loans,
  loanSchedules,
  loanStateHistory,
  payments,
  servicingEvents,
  servicingState,
  suspenseItems,
} from './servicing.tables.ts';

export type LoanRow = typeof loans.$inferSelect;
export type NewLoanRow = typeof loans.$inferInsert;
export type BillRow = typeof loanBills.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;
export type NewPaymentRow = typeof payments.$inferInsert;
export type HardshipRow = typeof hardshipRequests.$inferSelect;
export type CollectionActionRow = typeof collectionActions.$inferSelect;
export type CobRunRow = typeof cobRuns.$inferSelect;

// ---- servicing clock ----------------------------------------------------------------------

export async function readState(
  db: Executor,
): Promise<{ businessDate: string; calendar: string } | undefined> {
  const [row] = await db.select().from(servicingState).where(eq(servicingState.id, 1));
  return row;
}

export async function initState(db: Executor, businessDate: string, calendar: string): Promise<void> {
  await db.insert(servicingState).values({ id: 1, businessDate, calendar }).onConflictDoNothing();
}

export async function setBusinessDate(db: Executor, businessDate: string): Promise<void> {
  await db.update(servicingState).set({ businessDate }).where(eq(servicingState.id, 1));
}

/**
 * Money postings hold this lock shared; each close-of-business step holds it exclusively, so a
 * payment never interleaves with a set-based step that read the loan before it.
 */
export async function shareBookLock(db: Executor): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock_shared(7261005)`);
}

// ---- loans --------------------------------------------------------------------------------

export async function insertLoan(db: Executor, row: NewLoanRow): Promise<LoanRow> {
  const [created] = await db.insert(loans).values(row).returning();
  return created!;
}

export async function findLoan(db: Executor, id: string): Promise<LoanRow | undefined> {
  const [row] = await db.select().from(loans).where(eq(loans.id, id));
  return row;
}

/** Lock a loan for the rest of the transaction (payments, reversals, disbursements, relief). */
export async function lockLoan(db: Executor, id: string): Promise<LoanRow | undefined> {
  const [row] = await db.select().from(loans).where(eq(loans.id, id)).for('update');
  return row;
}

export async function lockLoans(db: Executor, ids: string[]): Promise<LoanRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(loans).where(inArray(loans.id, ids)).orderBy(asc(loans.id)).for('update');
}

export async function updateLoan(db: Executor, id: string, patch: Partial<NewLoanRow>): Promise<LoanRow> {
  const [row] = await db.update(loans).set(patch).where(eq(loans.id, id)).returning();
  return row!;
}

export async function loansOfCustomer(db: Executor, customerId: string): Promise<LoanRow[]> {
  return db
    .select()
    .from(loans)
    .where(eq(loans.customerId, customerId))
    .orderBy(asc(loans.openedOn), asc(loans.loanNumber));
}

export interface LoanFilter {
  customerId?: string | undefined;
  state?: string | undefined;
  bucket?: string | undefined;
  productCode?: string | undefined;
}

export async function findLoans(
  db: Executor,
  f: LoanFilter,
  page: { limit: number; offset: number },
): Promise<{ items: LoanRow[]; total: number }> {
  const conds: SQL[] = [];
  if (f.customerId) conds.push(eq(loans.customerId, f.customerId));
  if (f.state) conds.push(eq(loans.state, f.state));
  if (f.bucket) conds.push(eq(loans.bucket, f.bucket));
  if (f.productCode) conds.push(eq(loans.productCode, f.productCode));
  const where = conds.length ? and(...conds) : undefined;
  const items = await db
    .select()
    .from(loans)
    .where(where)
    .orderBy(desc(loans.createdAt), asc(loans.loanNumber))
    .limit(page.limit)
    .offset(page.offset);
  const [c] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(loans)
    .where(where);
  return { items, total: c?.n ?? 0 };
}

export async function loansInArrears(db: Executor): Promise<LoanRow[]> {
  return db
    .select()
    .from(loans)
    .where(sql`${loans.oldestDueDate} is not null`);
}

export async function nextLoanNumber(db: Executor): Promise<number> {
  const [r] = await rowsOf<{ n: number }>(db, sql`select count(*)::int + 1 as n from loans`);
  return r!.n;
}

export async function insertStateHistory(
  db: Executor,
  row: typeof loanStateHistory.$inferInsert,
): Promise<void> {
  await db.insert(loanStateHistory).values(row);
}

export async function stateHistoryOf(db: Executor, loanId: string) {
  return db
    .select()
    .from(loanStateHistory)
    .where(eq(loanStateHistory.loanId, loanId))
    .orderBy(asc(loanStateHistory.id));
}

// ---- disbursements, bills, schedules -------------------------------------------------------

export async function insertDisbursement(
  db: Executor,
  row: typeof loanDisbursements.$inferInsert,
): Promise<void> {
  await db.insert(loanDisbursements).values(row);
}

export async function disbursementsOf(db: Executor, loanId: string) {
  return db
    .select()
    .from(loanDisbursements)
    .where(eq(loanDisbursements.loanId, loanId))
    .orderBy(asc(loanDisbursements.tranche));
}

export async function billsOf(db: Executor, loanId: string): Promise<BillRow[]> {
  return db.select().from(loanBills).where(eq(loanBills.loanId, loanId)).orderBy(asc(loanBills.seq));
}

export async function setBillPaid(
  db: Executor,
  loanId: string,
  seq: number,
  paidPrincipal: number,
  paidInterest: number,
): Promise<void> {
  await db
    .update(loanBills)
    .set({ paidPrincipal, paidInterest })
    .where(and(eq(loanBills.loanId, loanId), eq(loanBills.seq, seq)));
}

export async function insertBills(db: Executor, rows: (typeof loanBills.$inferInsert)[]): Promise<void> {
  if (rows.length) await db.insert(loanBills).values(rows);
}

export async function saveSchedule(db: Executor, row: typeof loanSchedules.$inferInsert): Promise<void> {
  await db
    .insert(loanSchedules)
    .values(row)
    .onConflictDoUpdate({
      target: loanSchedules.loanId,
      set: {
        version: sql`${loanSchedules.version} + 1`,
        generatedOn: row.generatedOn,
        reason: row.reason,
        schedule: row.schedule,
      },
    });
}

export async function scheduleOf(db: Executor, loanId: string) {
  const [row] = await db.select().from(loanSchedules).where(eq(loanSchedules.loanId, loanId));
  return row;
}

// ---- ledger -------------------------------------------------------------------------------

export interface JournalInput {
  businessDate: string;
  kind: string;
  loanId?: string | null;
  productCode?: string | null;
  description: string;
  paymentId?: string | null;
  reversesJournalId?: number | null;
  currency: string;
  lines: { account: string; amount: number; loanId?: string | null }[];
}

/** Insert a journal and all its lines in one statement each (the balance trigger checks the lines statement). */
export async function insertJournal(db: Executor, j: JournalInput): Promise<number> {
  const [row] = await db
    .insert(journals)
    .values({
      businessDate: j.businessDate,
      kind: j.kind,
      loanId: j.loanId ?? null,
      productCode: j.productCode ?? null,
      description: j.description,
      paymentId: j.paymentId ?? null,
      reversesJournalId: j.reversesJournalId ?? null,
    })
    .returning({ id: journals.id });
  const lines = j.lines.filter((l) => l.amount !== 0);
  if (lines.length) {
    await db.insert(journalLines).values(
      lines.map((l) => ({
        journalId: row!.id,
        accountCode: l.account,
        currency: j.currency,
        amount: l.amount,
        loanId: l.loanId === undefined ? (j.loanId ?? null) : l.loanId,
        productCode: j.productCode ?? null,
      })),
    );
  }
  return row!.id;
}

export async function linesOfJournal(db: Executor, journalId: number) {
  return db
    .select()
    .from(journalLines)
    .where(eq(journalLines.journalId, journalId))
    .orderBy(asc(journalLines.id));
}

export async function journalsOfLoan(db: Executor, loanId: string, page: { limit: number; offset: number }) {
  return rowsOf<{
    id: number;
    business_date: string;
    kind: string;
    description: string;
    reverses_journal_id: number | null;
    payment_id: string | null;
    lines: { account: string; amount: number; currency: string }[];
  }>(
    db,
    sql`select j.id::int as id, j.business_date::text as business_date, j.kind, j.description, j.reverses_journal_id::int as reverses_journal_id, j.payment_id,
               coalesce(json_agg(json_build_object('account', l.account_code, 'amount', l.amount, 'currency', l.currency) order by l.id) filter (where l.id is not null), '[]') as lines
          from journals j left join journal_lines l on l.journal_id = j.id
         where j.loan_id = ${loanId}
         group by j.id order by j.id desc limit ${page.limit} offset ${page.offset}`,
  );
}

export async function trialBalance(db: Executor) {
  return rowsOf<{
    account_code: string;
    type: string;
    name_en: string;
    name_zh: string;
    currency: string;
    debit: string;
    credit: string;
    balance: string;
  }>(
    db,
    sql`select a.code as account_code, a.type, a.name_en, a.name_zh, l.currency,
               sum(greatest(l.amount, 0))::text as debit, sum(greatest(-l.amount, 0))::text as credit, sum(l.amount)::text as balance
          from journal_lines l join gl_accounts a on a.code = l.account_code
         group by a.code, a.type, a.name_en, a.name_zh, l.currency
         order by l.currency, a.code`,
  );
}

/** Per loan, the ledger's balance of each loan-level account beside the loan's own balances. */
export async function loanLedgerBalances(db: Executor, loanId?: string) {
  const where = loanId ? sql`where l.id = ${loanId}` : sql``;
  return rowsOf<{
    id: string;
    loan_number: string;
    currency: string;
    principal: number;
    interest_due: number;
    penalty_due: number;
    fees_due: number;
    credit_balance: number;
    gl_principal: string;
    gl_interest_due: string;
    gl_penalty: string;
    gl_fees: string;
    gl_credit: string;
  }>(
    db,
    sql`select l.id, l.loan_number, l.currency, l.principal, l.interest_due, l.penalty_due, l.fees_due, l.credit_balance,
               coalesce(g.p, 0)::text as gl_principal, coalesce(g.i, 0)::text as gl_interest_due, coalesce(g.pen, 0)::text as gl_penalty,
               coalesce(g.f, 0)::text as gl_fees, coalesce(g.c, 0)::text as gl_credit
          from loans l
          left join (select loan_id,
                            sum(amount) filter (where account_code = '1100') as p,
                            sum(amount) filter (where account_code = '1120') as i,
                            sum(amount) filter (where account_code = '1130') as pen,
                            sum(amount) filter (where account_code = '1140') as f,
                            -sum(amount) filter (where account_code = '2100') as c
                       from journal_lines where loan_id is not null group by loan_id) g on g.loan_id = l.id
          ${where}
          order by l.loan_number`,
  );
}

/** Control accounts kept per product: accrued interest and subsidy receivable against the loans' sub-ledger. */
export async function controlAccountBalances(db: Executor) {
  return rowsOf<{
    product_code: string;
    currency: string;
    gl_accrued: string;
    loans_accrued: string;
    gl_subsidy: string;
    loans_subsidy: string;
  }>(
    db,
    sql`with gl as (select product_code, currency,
                           sum(amount) filter (where account_code = '1110') as accrued,
                           sum(amount) filter (where account_code = '1150') as subsidy
                      from journal_lines where account_code in ('1110', '1150') group by product_code, currency),
             lo as (select product_code, currency, sum(interest_accrued) as accrued, sum(subsidy_accrued) as subsidy from loans group by product_code, currency)
        select coalesce(gl.product_code, lo.product_code) as product_code, coalesce(gl.currency, lo.currency) as currency,
               coalesce(gl.accrued, 0)::text as gl_accrued, coalesce(lo.accrued, 0)::text as loans_accrued,
               coalesce(gl.subsidy, 0)::text as gl_subsidy, coalesce(lo.subsidy, 0)::text as loans_subsidy
          from gl full join lo on gl.product_code = lo.product_code and gl.currency = lo.currency
         order by 1`,
  );
}

// ---- payments -----------------------------------------------------------------------------

export async function findPaymentByKey(db: Executor, key: string): Promise<PaymentRow | undefined> {
  const [row] = await db.select().from(payments).where(eq(payments.idempotencyKey, key));
  return row;
}

export async function paymentsOfBatch(db: Executor, batchKey: string): Promise<PaymentRow[]> {
  return db
    .select()
    .from(payments)
    .where(eq(payments.batchKey, batchKey))
    .orderBy(asc(payments.idempotencyKey));
}

export async function findPayment(db: Executor, id: string, lock = false): Promise<PaymentRow | undefined> {
  const q = db.select().from(payments).where(eq(payments.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function insertPayment(db: Executor, row: NewPaymentRow): Promise<PaymentRow> {
  const [created] = await db.insert(payments).values(row).returning();
  return created!;
}

export async function updatePayment(
  db: Executor,
  id: string,
  patch: Partial<NewPaymentRow>,
): Promise<PaymentRow> {
  const [row] = await db.update(payments).set(patch).where(eq(payments.id, id)).returning();
  return row!;
}

export async function paymentsOfLoan(db: Executor, loanId: string): Promise<PaymentRow[]> {
  return db.select().from(payments).where(eq(payments.loanId, loanId)).orderBy(desc(payments.createdAt));
}

/** Payments on the loan posted after the given one and not reversed (a reversal must undo the latest first). */
export async function laterLivePayments(db: Executor, p: PaymentRow): Promise<number> {
  const [r] = await rowsOf<{ n: number }>(
    db,
    sql`select count(*)::int as n from payments where loan_id = ${p.loanId} and status = 'posted' and journal_id > ${p.journalId}`,
  );
  return r!.n;
}

// ---- events, hardship, collections --------------------------------------------------------

export async function insertEvent(db: Executor, e: typeof servicingEvents.$inferInsert): Promise<void> {
  await db.insert(servicingEvents).values(e);
}

export async function eventsAfter(db: Executor, afterId: number, limit: number, type?: string) {
  const conds: SQL[] = [sql`${servicingEvents.id} > ${afterId}`];
  if (type) conds.push(eq(servicingEvents.type, type));
  return db
    .select()
    .from(servicingEvents)
    .where(and(...conds))
    .orderBy(asc(servicingEvents.id))
    .limit(limit);
}

export async function insertHardship(
  db: Executor,
  row: typeof hardshipRequests.$inferInsert,
): Promise<HardshipRow> {
  const [created] = await db.insert(hardshipRequests).values(row).returning();
  return created!;
}

export async function findHardship(db: Executor, id: string, lock = false): Promise<HardshipRow | undefined> {
  const q = db.select().from(hardshipRequests).where(eq(hardshipRequests.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function updateHardship(
  db: Executor,
  id: string,
  patch: Partial<typeof hardshipRequests.$inferInsert>,
): Promise<HardshipRow> {
  const [row] = await db.update(hardshipRequests).set(patch).where(eq(hardshipRequests.id, id)).returning();
  return row!;
}

export async function hardshipList(
  db: Executor,
  f: { status?: string | undefined; loanId?: string | undefined },
): Promise<HardshipRow[]> {
  const conds: SQL[] = [];
  if (f.status) conds.push(eq(hardshipRequests.status, f.status as HardshipRow['status']));
  if (f.loanId) conds.push(eq(hardshipRequests.loanId, f.loanId));
  return db
    .select()
    .from(hardshipRequests)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(hardshipRequests.createdAt))
    .limit(500);
}

export async function insertCollectionAction(
  db: Executor,
  row: typeof collectionActions.$inferInsert,
): Promise<CollectionActionRow> {
  const [created] = await db.insert(collectionActions).values(row).returning();
  return created!;
}

export async function collectionActionsOf(db: Executor, loanId: string): Promise<CollectionActionRow[]> {
  return db
    .select()
    .from(collectionActions)
    .where(eq(collectionActions.loanId, loanId))
    .orderBy(desc(collectionActions.createdAt));
}

export async function collectionQueue(db: Executor, limit: number, offset: number, bucket?: string) {
  return rowsOf<{
    id: string;
    loan_number: string;
    customer_id: string;
    product_code: string;
    currency: string;
    state: string;
    days_past_due: number;
    bucket: string;
    amount_due: string;
    last_action_at: string | null;
    open_promise_date: string | null;
  }>(
    db,
    sql`select l.id, l.loan_number, l.customer_id, l.product_code, l.currency, l.state, l.days_past_due, l.bucket,
               (l.principal_due + l.interest_due + l.penalty_due + l.fees_due)::text as amount_due,
               (select max(a.created_at)::text from collection_actions a where a.loan_id = l.id) as last_action_at,
               (select min(a.promised_date)::text from collection_actions a where a.loan_id = l.id and a.kind = 'promise' and a.promise_status = 'open') as open_promise_date
          from loans l
         where l.oldest_due_date is not null and l.days_past_due > 0 and l.state in ('grace', 'repayment', 'default', 'deferment', 'forbearance')
           ${bucket ? sql`and l.bucket = ${bucket}` : sql``}
         order by l.days_past_due desc, l.loan_number
         limit ${limit} offset ${offset}`,
  );
}

// ---- close of business bookkeeping --------------------------------------------------------

export async function findCobRun(db: Executor, date: string, lock = false): Promise<CobRunRow | undefined> {
  const q = db.select().from(cobRuns).where(eq(cobRuns.businessDate, date));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function lastCompletedCob(db: Executor): Promise<CobRunRow | undefined> {
  const [row] = await db
    .select()
    .from(cobRuns)
    .where(eq(cobRuns.status, 'completed'))
    .orderBy(desc(cobRuns.businessDate))
    .limit(1);
  return row;
}

export async function insertCobRun(db: Executor, row: typeof cobRuns.$inferInsert): Promise<void> {
  await db.insert(cobRuns).values(row).onConflictDoNothing();
}

export async function updateCobRun(
  db: Executor,
  date: string,
  patch: Partial<typeof cobRuns.$inferInsert>,
): Promise<void> {
  await db.update(cobRuns).set(patch).where(eq(cobRuns.businessDate, date));
}

export async function cobRunsList(db: Executor, limit: number): Promise<CobRunRow[]> {
  return db.select().from(cobRuns).orderBy(desc(cobRuns.businessDate)).limit(limit);
}

// ---- bank statements and suspense ----------------------------------------------------------

export type SuspenseRow = typeof suspenseItems.$inferSelect;

export async function findSuspenseByBankTx(
  db: Executor,
  bankTransactionId: string,
): Promise<SuspenseRow | undefined> {
  const [row] = await db
    .select()
    .from(suspenseItems)
    .where(eq(suspenseItems.bankTransactionId, bankTransactionId));
  return row;
}

export async function findSuspense(db: Executor, id: string, lock = false): Promise<SuspenseRow | undefined> {
  const q = db.select().from(suspenseItems).where(eq(suspenseItems.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function insertSuspense(
  db: Executor,
  row: typeof suspenseItems.$inferInsert,
): Promise<SuspenseRow> {
  const [created] = await db.insert(suspenseItems).values(row).returning();
  return created!;
}

export async function updateSuspense(
  db: Executor,
  id: string,
  patch: Partial<typeof suspenseItems.$inferInsert>,
): Promise<SuspenseRow> {
  const [row] = await db.update(suspenseItems).set(patch).where(eq(suspenseItems.id, id)).returning();
  return row!;
}

export async function suspenseList(db: Executor, status?: 'open' | 'matched'): Promise<SuspenseRow[]> {
  return db
    .select()
    .from(suspenseItems)
    .where(status ? eq(suspenseItems.status, status) : undefined)
    .orderBy(desc(suspenseItems.createdAt))
    .limit(1000);
}

export async function loansByNumbers(db: Executor, numbers: string[]): Promise<LoanRow[]> {
  if (numbers.length === 0) return [];
  return db.select().from(loans).where(inArray(loans.loanNumber, numbers));
}
