// Tables of the analytics module: school enrolment (the base of market share), the pre-aggregated
// summaries the management dashboards read (rebuilt set-based after close of business), settings,
// and scheduled dashboard reports with one delivery per period.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { day, money, ts } from '../../db/columns.ts';

/** Students enrolled at a school in an academic year (named by the calendar year it starts in). */
export const analyticsSchoolEnrolments = pgTable(
  'analytics_school_enrolments',
  {
    schoolId: uuid('school_id').notNull(),
    academicYear: integer('academic_year').notNull(),
    enrolled: integer('enrolled').notNull(),
    /** 'import' (CSV), 'manual', or 'demo-estimate' for made-up demo figures. */
    source: text('source').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.schoolId, t.academicYear] }),
    check('analytics_school_enrolments_enrolled_ck', sql`${t.enrolled} >= 0`),
  ],
);

/**
 * The loan book as of a business date, one row per (school, product, segment, state, bucket):
 * counts and sums of the open and charged-off loans. Only the latest refreshed day of each month
 * is kept, so the rows double as the monthly trend.
 */
export const analyticsBookSummary = pgTable(
  'analytics_book_summary',
  {
    asOf: day('as_of').notNull(),
    currency: text('currency').notNull(),
    schoolId: uuid('school_id'),
    productCode: text('product_code').notNull(),
    /** The customer's study level (customers' education-level class), '' when unknown. */
    segment: text('segment').notNull(),
    state: text('state').notNull(),
    bucket: text('bucket').notNull(),
    loans: integer('loans').notNull(),
    /** Outstanding principal, minor units. */
    principal: money('principal').notNull(),
    /** Loans (and their principal) 30 or more days past due, or in default. */
    par30Loans: integer('par30_loans').notNull(),
    par30Principal: money('par30_principal').notNull(),
    /** Σ principal × annual contract rate, for the balance-weighted yield. */
    rateWeighted: numeric('rate_weighted', { precision: 30, scale: 6, mode: 'number' }).notNull(),
    /** Σ dashboard CLV estimate of the open loans, minor units (see the user guide's formula). */
    clv: money('clv').notNull().default(0),
  },
  (t) => [index('analytics_book_summary_as_of_idx').on(t.asOf, t.currency)],
);

/** Loans opened per month (count, commitment, disbursed) by school, product and segment. */
export const analyticsOriginationSummary = pgTable(
  'analytics_origination_summary',
  {
    month: day('month').notNull(),
    currency: text('currency').notNull(),
    schoolId: uuid('school_id'),
    productCode: text('product_code').notNull(),
    segment: text('segment').notNull(),
    loans: integer('loans').notNull(),
    commitment: money('commitment').notNull(),
    disbursed: money('disbursed').notNull(),
  },
  (t) => [index('analytics_origination_summary_month_idx').on(t.month, t.currency)],
);

/**
 * Cohort defaults: loans that entered repayment in a US federal fiscal year (core's cohort
 * definition) and how many of them defaulted within the three-year window.
 */
export const analyticsCohortSummary = pgTable(
  'analytics_cohort_summary',
  {
    fiscalYear: integer('fiscal_year').notNull(),
    currency: text('currency').notNull(),
    schoolId: uuid('school_id'),
    productCode: text('product_code').notNull(),
    segment: text('segment').notNull(),
    entered: integer('entered').notNull(),
    defaulted: integer('defaulted').notNull(),
  },
  (t) => [index('analytics_cohort_summary_year_idx').on(t.fiscalYear, t.currency)],
);

/** When and for which business date the summaries were last rebuilt (one row). */
export const analyticsRefreshes = pgTable('analytics_refreshes', {
  id: integer('id').primaryKey(),
  asOf: day('as_of').notNull(),
  refreshedAt: ts('refreshed_at').notNull(),
  millis: integer('millis').notNull(),
});

/** Lifetime-value and churn assumptions (one row, jsonb). */
export const analyticsSettings = pgTable('analytics_settings', {
  id: integer('id').primaryKey(),
  settings: jsonb('settings').notNull(),
  updatedBy: uuid('updated_by'),
  updatedAt: ts('updated_at').notNull(),
});

/** A manager's scheduled dashboard report: the filters, the files, who gets it and how often. */
export const analyticsReportSchedules = pgTable('analytics_report_schedules', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  filters: jsonb('filters').notNull(),
  formats: jsonb('formats').$type<('pdf' | 'xlsx')[]>().notNull(),
  frequency: text('frequency', { enum: ['weekly', 'monthly'] }).notNull(),
  recipients: jsonb('recipients').$type<string[]>().notNull(),
  language: text('language').notNull(),
  active: boolean('active').notNull().default(true),
  createdBy: text('created_by').notNull(),
  createdAt: ts('created_at').notNull(),
});

/** One delivery per schedule and period ('2026-W37', '2026-09'): the key makes a rerun a no-op. */
export const analyticsReportDeliveries = pgTable(
  'analytics_report_deliveries',
  {
    scheduleId: uuid('schedule_id')
      .notNull()
      .references(() => analyticsReportSchedules.id),
    period: text('period').notNull(),
    sentAt: ts('sent_at').notNull(),
    recipients: integer('recipients').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scheduleId, t.period] })],
);
