// Credit-reporting disputes: from the borrower (portal) or from a bureau (e-OSCAR ACDV entered
// by staff), each on a 30-day investigation clock, with its outcome and the furnished correction.
import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ts } from '../../db/columns.ts';

export const DISPUTE_SOURCES = ['borrower', 'bureau'] as const;
export const DISPUTE_STATUSES = ['open', 'resolved'] as const;
export const DISPUTE_OUTCOMES = ['verified', 'corrected', 'deleted', 'frivolous'] as const;

export const creditDisputes = pgTable(
  'credit_disputes',
  {
    id: uuid('id').primaryKey(),
    reference: text('reference').notNull(),
    loanId: uuid('loan_id').notNull(),
    loanNumber: text('loan_number').notNull(),
    customerId: uuid('customer_id').notNull(),
    source: text('source', { enum: DISPUTE_SOURCES }).notNull(),
    /** The bureau format the dispute concerns ('metro2' / 'pboc'), or null for all. */
    bureau: text('bureau'),
    /** e-OSCAR ACDV control number for bureau disputes. */
    bureauReference: text('bureau_reference'),
    /** The disputed item: balance, status, payment-history, identity, ownership, other. */
    reason: text('reason').notNull(),
    description: text('description').notNull(),
    status: text('status', { enum: DISPUTE_STATUSES }).notNull(),
    receivedAt: ts('received_at').notNull(),
    /** Investigation deadline: received + 30 days. */
    dueAt: ts('due_at').notNull(),
    outcome: text('outcome', { enum: DISPUTE_OUTCOMES }),
    resolution: text('resolution'),
    resolvedAt: ts('resolved_at'),
    resolvedBy: uuid('resolved_by'),
    /** The bureau run that first carried the outcome (XH / correction / deletion). */
    furnishedRunId: uuid('furnished_run_id'),
    noticeMessageId: uuid('notice_message_id'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('credit_disputes_reference_uq').on(t.reference),
    index('credit_disputes_status_idx').on(t.status, t.dueAt),
    index('credit_disputes_loan_idx').on(t.loanId),
    index('credit_disputes_customer_idx').on(t.customerId),
  ],
);
