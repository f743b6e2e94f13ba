// Tables of portfolio risk analytics and the risk register (risk module). Month-end snapshots
// give roll rates and vintage curves a history the live loan book does not keep.
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
  doublePrecision,
} from 'drizzle-orm/pg-core';
import { day, money, ts } from '../../db/columns.ts';

/**
 * One row per loan per calendar month end: its state, bucket and balances as of that day.
 * `source` says how it was taken: 'close' when captured right after the month's last close of
 * business, 'backfill' when reconstructed later from the ledger, the bills and the payments.
 */
export const riskMonthEndSnapshots = pgTable(
  'risk_month_end_snapshots',
  {
    monthEnd: day('month_end').notNull(),
    loanId: uuid('loan_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    productCode: text('product_code').notNull(),
    currency: text('currency').notNull(),
    state: text('state').notNull(),
    bucket: text('bucket').notNull(),
    daysPastDue: integer('days_past_due').notNull(),
    /** Outstanding principal, minor units. */
    principal: money('principal').notNull(),
    disbursedOn: day('disbursed_on').notNull(),
    disbursedAmount: money('disbursed_amount').notNull(),
    source: text('source', { enum: ['close', 'backfill'] }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.monthEnd, t.loanId] }),
    index('risk_month_end_snapshots_loan_idx').on(t.loanId),
  ],
);

/** Portfolio risk settings (PD per bucket, LGD, staging thresholds, provision rates, stress elasticity): one row. */
export const riskPortfolioSettings = pgTable('risk_portfolio_settings', {
  id: integer('id').primaryKey(),
  settings: jsonb('settings').notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: ts('updated_at').notNull(),
});

/** The risk register: credit, market, operational and legal risks with their owner and rating. */
export const riskRegisterRisks = pgTable(
  'risk_register_risks',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    category: text('category', { enum: ['credit', 'market', 'operational', 'legal'] }).notNull(),
    ownerName: text('owner_name').notNull(),
    likelihood: integer('likelihood').notNull(),
    impact: integer('impact').notNull(),
    status: text('status', { enum: ['open', 'mitigating', 'accepted', 'closed'] }).notNull(),
    reviewEveryDays: integer('review_every_days').notNull(),
    nextReviewOn: day('next_review_on').notNull(),
    lastReviewedOn: day('last_reviewed_on'),
    lastReviewNote: text('last_review_note'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('risk_register_risks_code_uq').on(t.code),
    check(
      'risk_register_risks_rating_ck',
      sql`${t.likelihood} between 1 and 5 and ${t.impact} between 1 and 5`,
    ),
  ],
);

export const riskRegisterControls = pgTable(
  'risk_register_controls',
  {
    id: uuid('id').primaryKey(),
    riskId: uuid('risk_id')
      .notNull()
      .references(() => riskRegisterRisks.id),
    name: text('name').notNull(),
    description: text('description'),
    kind: text('kind', { enum: ['preventive', 'detective', 'corrective'] }).notNull(),
    effectiveness: text('effectiveness', {
      enum: ['effective', 'partially_effective', 'ineffective', 'not_tested'],
    }).notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('risk_register_controls_risk_idx').on(t.riskId)],
);

/** Key risk indicators: a live portfolio metric with amber and red thresholds. */
export const riskRegisterKris = pgTable(
  'risk_register_kris',
  {
    id: uuid('id').primaryKey(),
    riskId: uuid('risk_id')
      .notNull()
      .references(() => riskRegisterRisks.id),
    name: text('name').notNull(),
    metric: text('metric').notNull(),
    /** 'above': worse when higher (PAR); 'below': worse when lower. */
    direction: text('direction', { enum: ['above', 'below'] }).notNull(),
    amber: doublePrecision('amber').notNull(),
    red: doublePrecision('red').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('risk_register_kris_risk_idx').on(t.riskId)],
);

/** Operational incident log (loss events), optionally linked to a register risk. */
export const riskIncidents = pgTable(
  'risk_incidents',
  {
    id: uuid('id').primaryKey(),
    occurredOn: day('occurred_on').notNull(),
    category: text('category').notNull(),
    title: text('title').notNull(),
    description: text('description'),
    /** Loss in minor units of `currency`. */
    lossAmount: money('loss_amount').notNull(),
    currency: text('currency').notNull(),
    riskId: uuid('risk_id').references(() => riskRegisterRisks.id),
    actions: text('actions'),
    status: text('status', { enum: ['open', 'closed'] }).notNull(),
    reportedByName: text('reported_by_name'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('risk_incidents_occurred_idx').on(t.occurredOn),
    index('risk_incidents_risk_idx').on(t.riskId),
  ],
);
