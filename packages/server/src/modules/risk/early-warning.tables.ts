// Behavioural scoring and early warning: monthly grades per loan, alert rules as data, alerts
// with their playbook tasks, macro data series and reported employment.
import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { day, ts } from '../../db/columns.ts';

/** Risk settings as data (e.g. `behaviour_scorecard`: the behavioural scorecard's points). */
export const riskSettings = pgTable('risk_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: ts('updated_at').notNull(),
  updatedBy: text('updated_by'),
});

/** One monthly behavioural review: when it ran and how many loans it graded. */
export const riskBehaviourReviews = pgTable('risk_behaviour_reviews', {
  month: text('month').primaryKey(),
  reviewDate: day('review_date').notNull(),
  loans: integer('loans').notNull(),
  /** The scorecard the review used (its points may change later). */
  scorecard: jsonb('scorecard').notNull(),
  runAt: ts('run_at').notNull(),
  runBy: text('run_by'),
});

/** A loan's behavioural score and grade for a month, with the features behind it. */
export const riskBehaviourGrades = pgTable(
  'risk_behaviour_grades',
  {
    month: text('month').notNull(),
    loanId: uuid('loan_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    score: doublePrecision('score').notNull(),
    pd: doublePrecision('pd').notNull(),
    grade: text('grade').notNull(),
    features: jsonb('features').notNull(),
    reasons: jsonb('reasons').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.month, t.loanId] }),
    index('risk_behaviour_grades_loan_idx').on(t.loanId, t.month),
  ],
);

/** Early-warning rules (core's AlertRule), edited as data. */
export const riskAlertRules = pgTable('risk_alert_rules', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  params: jsonb('params').notNull(),
  severity: text('severity').notNull(),
  dueBusinessDays: integer('due_business_days').notNull(),
  playbook: jsonb('playbook').$type<string[]>().notNull(),
  ownerId: uuid('owner_id'),
  enabled: boolean('enabled').notNull(),
  updatedAt: ts('updated_at').notNull(),
  updatedBy: text('updated_by'),
});

/** One evaluation of the rules, so a signal that keeps firing is not raised again every day. */
export const riskAlertRuns = pgTable('risk_alert_runs', {
  businessDate: day('business_date').primaryKey(),
  loans: integer('loans').notNull(),
  raised: integer('raised').notNull(),
  runAt: ts('run_at').notNull(),
});

export const riskAlerts = pgTable(
  'risk_alerts',
  {
    id: uuid('id').primaryKey(),
    ruleCode: text('rule_code').notNull(),
    kind: text('kind').notNull(),
    loanId: uuid('loan_id').notNull(),
    loanNumber: text('loan_number').notNull(),
    customerId: uuid('customer_id').notNull(),
    severity: text('severity', { enum: ['low', 'medium', 'high', 'critical'] }).notNull(),
    ownerId: uuid('owner_id'),
    status: text('status', { enum: ['open', 'closed'] }).notNull(),
    detail: text('detail').notNull(),
    raisedOn: day('raised_on').notNull(),
    dueDate: day('due_date').notNull(),
    /** The last evaluation at which the signal still fired. */
    lastSeenOn: day('last_seen_on').notNull(),
    outcome: text('outcome'),
    outcomeNote: text('outcome_note'),
    closedAt: ts('closed_at'),
    closedBy: text('closed_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    // Deduplication: one open alert per loan and rule.
    uniqueIndex('risk_alerts_open_uq')
      .on(t.loanId, t.ruleCode)
      .where(sql`${t.status} = 'open'`),
    index('risk_alerts_queue_idx').on(t.status, t.dueDate),
    index('risk_alerts_loan_idx').on(t.loanId, t.raisedOn),
  ],
);

/** Tasks a playbook opened for an alert (the tasks themselves live in customers). */
export const riskAlertTasks = pgTable(
  'risk_alert_tasks',
  {
    alertId: uuid('alert_id')
      .notNull()
      .references(() => riskAlerts.id),
    taskId: uuid('task_id').notNull(),
    step: text('step').notNull(),
    title: text('title').notNull(),
    dueDate: day('due_date'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.alertId, t.taskId] })],
);

/** Macro indicators as data series: e.g. `unemployment` by region or by field of study, per period. */
export const riskMacroSeries = pgTable(
  'risk_macro_series',
  {
    series: text('series').notNull(),
    scope: text('scope', { enum: ['region', 'field'] }).notNull(),
    key: text('key').notNull(),
    /** The first day of the period the value is for. */
    period: day('period').notNull(),
    value: doublePrecision('value').notNull(),
    importedAt: ts('imported_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.series, t.scope, t.key, t.period] })],
);

/** Employment a borrower reported after study (graduates with none are watched). */
export const riskEmploymentReports = pgTable(
  'risk_employment_reports',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id').notNull(),
    status: text('status', { enum: ['employed', 'self_employed', 'further_study', 'unemployed'] }).notNull(),
    employer: text('employer'),
    reportedOn: day('reported_on').notNull(),
    recordedAt: ts('recorded_at').notNull(),
    recordedBy: text('recorded_by'),
  },
  (t) => [index('risk_employment_reports_customer_idx').on(t.customerId, t.reportedOn)],
);
