// Tables of the data-protection routines of the compliance module: the retention schedule,
// legal holds, retention runs with their evidence, data-subject requests, regulator report runs
// and the database's declared data region. Evidence rows hold hashed ids only, never personal data.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { day, ts } from '../../db/columns.ts';

/** One line of the retention schedule: how long a record type is kept after its trigger event. */
export const retentionRules = pgTable('retention_rules', {
  recordType: text('record_type').primaryKey(),
  periodMonths: integer('period_months').notNull(),
  triggerEvent: text('trigger_event').notNull(),
  action: text('action', { enum: ['anonymise', 'delete'] }).notNull(),
  legalBasisEn: text('legal_basis_en').notNull(),
  legalBasisZh: text('legal_basis_zh').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  updatedAt: ts('updated_at').notNull(),
  updatedBy: text('updated_by'),
});

/** A legal hold: while unreleased, nothing of the subject (or its customer) is anonymised or deleted. */
export const legalHolds = pgTable(
  'legal_holds',
  {
    id: uuid('id').primaryKey(),
    subjectType: text('subject_type', { enum: ['customer', 'loan', 'case'] }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** The customer whose data the hold keeps (the subject itself, or the loan's/case's customer). */
    customerId: uuid('customer_id').notNull(),
    reason: text('reason').notNull(),
    placedBy: text('placed_by'),
    placedAt: ts('placed_at').notNull(),
    releasedBy: text('released_by'),
    releasedAt: ts('released_at'),
    releaseReason: text('release_reason'),
  },
  (t) => [
    index('legal_holds_active_customer_idx')
      .on(t.customerId)
      .where(sql`${t.releasedAt} is null`),
  ],
);

export interface RetentionCursor {
  recordType: string;
  afterId: string | null;
}
export interface RetentionCounts {
  anonymised: number;
  deleted: number;
  held: number;
  kept: number;
}

/** A retention run: one per as-of date (idempotent), resumable from its cursor. */
export const retentionRuns = pgTable(
  'retention_runs',
  {
    id: uuid('id').primaryKey(),
    asOf: day('as_of').notNull(),
    status: text('status', { enum: ['running', 'completed', 'failed'] }).notNull(),
    cursor: jsonb('cursor').$type<RetentionCursor | null>(),
    counts: jsonb('counts').$type<Record<string, RetentionCounts>>().notNull(),
    errors: jsonb('errors').$type<{ recordType: string; subjectHash: string; message: string }[]>().notNull(),
    batches: integer('batches').notNull().default(0),
    triggeredBy: text('triggered_by'),
    startedAt: ts('started_at').notNull(),
    finishedAt: ts('finished_at'),
    evidenceSha256: text('evidence_sha256'),
  },
  (t) => [uniqueIndex('retention_runs_as_of_uq').on(t.asOf)],
);

/** What a run did to one record: the record's id only as a keyed hash. */
export const retentionRunItems = pgTable(
  'retention_run_items',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => retentionRuns.id),
    recordType: text('record_type').notNull(),
    subjectHash: text('subject_hash').notNull(),
    outcome: text('outcome', { enum: ['anonymised', 'deleted', 'held', 'kept'] }).notNull(),
    reason: text('reason'),
    at: ts('at').notNull(),
  },
  (t) => [uniqueIndex('retention_run_items_uq').on(t.runId, t.recordType, t.subjectHash)],
);

/** A data-subject request (access, correction, deletion) on its statutory clock. */
export const dataSubjectRequests = pgTable(
  'data_subject_requests',
  {
    id: uuid('id').primaryKey(),
    reference: text('reference').notNull(),
    customerId: uuid('customer_id').notNull(),
    kind: text('kind', { enum: ['access', 'correction', 'deletion'] }).notNull(),
    regime: text('regime', { enum: ['PIPL', 'GDPR', 'CCPA'] }).notNull(),
    channel: text('channel', { enum: ['portal', 'staff'] }).notNull(),
    details: text('details').notNull(),
    receivedOn: day('received_on').notNull(),
    dueOn: day('due_on').notNull(),
    status: text('status', { enum: ['open', 'completed', 'refused'] }).notNull(),
    outcome: text('outcome'),
    /** Why a deletion was refused or limited (a legal hold, a legal obligation to keep loan records). */
    outcomeReason: text('outcome_reason'),
    evidence: jsonb('evidence').$type<Record<string, unknown> | null>(),
    evidenceSha256: text('evidence_sha256'),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull(),
    completedBy: text('completed_by'),
    completedAt: ts('completed_at'),
  },
  (t) => [
    uniqueIndex('data_subject_requests_reference_uq').on(t.reference),
    index('data_subject_requests_customer_idx').on(t.customerId),
    index('data_subject_requests_open_idx')
      .on(t.dueOn)
      .where(sql`${t.status} = 'open'`),
  ],
);

export interface ReportFileMeta {
  name: string;
  sha256: string;
  records: number;
  bytes: number;
}
export interface ValidationIssue {
  file: string;
  line: number;
  field: string;
  message: string;
}

/** One run of a regulator report for a period; re-runs add versions and keep history. */
export const regulatorReportRuns = pgTable(
  'regulator_report_runs',
  {
    id: uuid('id').primaryKey(),
    report: text('report', { enum: ['east', 'nslds', 'complaints'] }).notNull(),
    period: text('period').notNull(),
    version: integer('version').notNull(),
    status: text('status', { enum: ['released', 'rejected'] }).notNull(),
    destinationRegion: text('destination_region').notNull(),
    files: jsonb('files').$type<ReportFileMeta[]>().notNull(),
    issues: jsonb('issues').$type<ValidationIssue[]>().notNull(),
    totals: jsonb('totals').$type<Record<string, string | number>>().notNull(),
    /** SHA-256 of the run: of the files' checksums in order. */
    sha256: text('sha256').notNull(),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('regulator_report_runs_version_uq').on(t.report, t.period, t.version),
    index('regulator_report_runs_created_idx').on(t.createdAt),
  ],
);

export const regulatorReportFiles = pgTable(
  'regulator_report_files',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => regulatorReportRuns.id),
    name: text('name').notNull(),
    content: text('content').notNull(),
  },
  (t) => [uniqueIndex('regulator_report_files_uq').on(t.runId, t.name)],
);

/** The region this database holds personal data in, declared once on first start. */
export const dataRegion = pgTable('data_region', {
  id: integer('id').primaryKey(),
  region: text('region', { enum: ['cn', 'us', 'eu'] }).notNull(),
  declaredAt: ts('declared_at').notNull(),
});
