// Credit-bureau furnishing: one run per bureau format and reporting cycle (the file, its
// validation result and checksum), and what each run furnished per account, so a later change
// (a payment reversal, a dispute outcome) is detected and furnished as a correction.
import { customType, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { day, ts } from '../../db/columns.ts';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const BUREAU_FORMATS = ['metro2', 'pboc'] as const;
export const RUN_STATUSES = ['validated', 'invalid', 'released'] as const;

export interface RunValidationError {
  record: number;
  field: string;
  message: string;
}

export const bureauRuns = pgTable(
  'bureau_runs',
  {
    id: uuid('id').primaryKey(),
    bureau: text('bureau', { enum: BUREAU_FORMATS }).notNull(),
    /** Reporting cycle, `YYYY-MM`. */
    cycle: text('cycle').notNull(),
    /** Date of account information: the cycle's last day (or the business date, if earlier). */
    asOf: day('as_of').notNull(),
    status: text('status', { enum: RUN_STATUSES }).notNull(),
    fileName: text('file_name').notNull(),
    /** The file exactly as released to the bureau. */
    content: bytea('content').notNull(),
    sha256: text('sha256').notNull(),
    accounts: integer('accounts').notNull(),
    corrections: integer('corrections').notNull(),
    disputed: integer('disputed').notNull(),
    errors: jsonb('errors').$type<RunValidationError[]>().notNull(),
    totals: jsonb('totals').$type<Record<string, number>>().notNull(),
    generatedBy: uuid('generated_by'),
    generatedAt: ts('generated_at').notNull(),
    releasedBy: uuid('released_by'),
    releasedAt: ts('released_at'),
  },
  (t) => [uniqueIndex('bureau_runs_cycle_uq').on(t.bureau, t.cycle), index('bureau_runs_generated_idx').on(t.generatedAt)],
);

/** What one run furnished for one account: the reported fields and their digest. */
export const bureauFurnishedAccounts = pgTable(
  'bureau_furnished_accounts',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => bureauRuns.id, { onDelete: 'cascade' }),
    bureau: text('bureau', { enum: BUREAU_FORMATS }).notNull(),
    cycle: text('cycle').notNull(),
    loanId: uuid('loan_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    /** Metro 2 account status / PBOC account status as furnished. */
    statusCode: text('status_code').notNull(),
    /** This cycle's payment-history character (Metro 2 profile / PBOC 还款状态). */
    historyCode: text('history_code').notNull(),
    complianceCode: text('compliance_code'),
    /** The furnished fields (no personal identifiers), to detect and explain corrections. */
    data: jsonb('data').$type<Record<string, string | number | null>>().notNull(),
    digest: text('digest').notNull(),
    /** Why this record corrects what an earlier run furnished (null when it does not). */
    correction: text('correction'),
  },
  (t) => [
    uniqueIndex('bureau_furnished_uq').on(t.runId, t.loanId),
    index('bureau_furnished_loan_idx').on(t.bureau, t.loanId, t.cycle),
  ],
);
