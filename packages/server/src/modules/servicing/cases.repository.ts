// Tables of the servicing cases: China's state repayment (代偿) applications and legal referral
// cases with their documents, and the promise-to-pay follow-up list.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../db/database.ts';
import { legalCaseDocuments, legalCases, loans, stateRepayments } from './servicing.tables.ts';

export type StateRepaymentRow = typeof stateRepayments.$inferSelect;
export type LegalCaseRow = typeof legalCases.$inferSelect;

export async function insertStateRepayment(db: Executor, row: typeof stateRepayments.$inferInsert) {
  const [r] = await db.insert(stateRepayments).values(row).returning();
  return r!;
}

export async function findStateRepayment(db: Executor, id: string, lock = false) {
  const q = db.select().from(stateRepayments).where(eq(stateRepayments.id, id));
  const [r] = lock ? await q.for('update') : await q;
  return r;
}

export async function updateStateRepayment(
  db: Executor,
  id: string,
  patch: Partial<typeof stateRepayments.$inferInsert>,
) {
  const [r] = await db.update(stateRepayments).set(patch).where(eq(stateRepayments.id, id)).returning();
  return r!;
}

export async function stateRepaymentList(
  db: Executor,
  f: { status?: StateRepaymentRow['status'] | undefined; loanId?: string | undefined },
) {
  const conds = [
    f.status ? eq(stateRepayments.status, f.status) : undefined,
    f.loanId ? eq(stateRepayments.loanId, f.loanId) : undefined,
  ].filter((c) => c !== undefined);
  return db
    .select({ application: stateRepayments, currency: loans.currency, loanNumber: loans.loanNumber })
    .from(stateRepayments)
    .innerJoin(loans, eq(loans.id, stateRepayments.loanId))
    .where(and(...conds))
    .orderBy(desc(stateRepayments.createdAt))
    .limit(500);
}

export async function insertLegalCase(db: Executor, row: typeof legalCases.$inferInsert) {
  const [r] = await db.insert(legalCases).values(row).returning();
  return r!;
}

export async function findLegalCase(db: Executor, id: string, lock = false) {
  const q = db.select().from(legalCases).where(eq(legalCases.id, id));
  const [r] = lock ? await q.for('update') : await q;
  return r;
}

export async function updateLegalCase(
  db: Executor,
  id: string,
  patch: Partial<typeof legalCases.$inferInsert>,
) {
  const [r] = await db.update(legalCases).set(patch).where(eq(legalCases.id, id)).returning();
  return r!;
}

export async function legalCaseList(
  db: Executor,
  f: { status?: LegalCaseRow['status'] | undefined; loanId?: string | undefined },
) {
  const conds = [
    f.status ? eq(legalCases.status, f.status) : undefined,
    f.loanId ? eq(legalCases.loanId, f.loanId) : undefined,
  ].filter((c) => c !== undefined);
  return db
    .select({ legalCase: legalCases, loanNumber: loans.loanNumber, customerId: loans.customerId })
    .from(legalCases)
    .innerJoin(loans, eq(loans.id, legalCases.loanId))
    .where(and(...conds))
    .orderBy(desc(legalCases.updatedAt))
    .limit(500);
}

/** Document metadata of a case (the content is read only on download). */
export async function documentsOfCase(db: Executor, caseId: string) {
  return db
    .select({
      id: legalCaseDocuments.id,
      fileName: legalCaseDocuments.fileName,
      contentType: legalCaseDocuments.contentType,
      size: legalCaseDocuments.size,
      sha256: legalCaseDocuments.sha256,
      createdAt: legalCaseDocuments.createdAt,
    })
    .from(legalCaseDocuments)
    .where(eq(legalCaseDocuments.caseId, caseId))
    .orderBy(asc(legalCaseDocuments.createdAt));
}

export async function insertDocument(db: Executor, row: typeof legalCaseDocuments.$inferInsert) {
  await db.insert(legalCaseDocuments).values(row);
}

export async function findDocument(db: Executor, caseId: string, id: string) {
  const [r] = await db
    .select()
    .from(legalCaseDocuments)
    .where(and(eq(legalCaseDocuments.caseId, caseId), eq(legalCaseDocuments.id, id)));
  return r;
}

/** Promises to pay for follow-up: by status, due on or before a day, oldest promised date first. */
export async function promisesList(
  db: Executor,
  f: {
    status?: 'open' | 'kept' | 'broken' | undefined;
    dueBy?: string | undefined;
    limit: number;
    offset: number;
  },
) {
  return rowsOf<{
    id: string;
    loan_id: string;
    loan_number: string;
    customer_id: string;
    currency: string;
    promised_amount: string;
    promised_date: string;
    promise_status: string;
    channel: string | null;
    note: string | null;
    created_at: string;
    days_past_due: number;
    bucket: string;
  }>(
    db,
    sql`select a.id, a.loan_id, l.loan_number, l.customer_id, l.currency, a.promised_amount::text, a.promised_date::text,
               a.promise_status, a.channel, a.note, a.created_at::text, l.days_past_due, l.bucket
          from collection_actions a join loans l on l.id = a.loan_id
         where a.kind = 'promise'
           ${f.status ? sql`and a.promise_status = ${f.status}` : sql``}
           ${f.dueBy ? sql`and a.promised_date <= ${f.dueBy}::date` : sql``}
         order by a.promised_date, a.created_at
         limit ${f.limit} offset ${f.offset}`,
  );
}
