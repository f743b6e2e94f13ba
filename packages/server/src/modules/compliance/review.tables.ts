// Internal review (second line): reproducible samples of credit decisions, restructurings and
// write-offs, a checklist answer per sampled item, and findings (from a review or from
// fair-lending monitoring) with an owner, a due date and remediation tracked to closure.
import { date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ts } from '../../db/columns.ts';

export const REVIEW_SUBJECTS = ['credit_decision', 'restructuring', 'write_off'] as const;

export const complianceReviewSamples = pgTable('compliance_review_samples', {
  id: uuid('id').primaryKey(),
  periodFrom: date('period_from', { mode: 'string' }).notNull(),
  periodTo: date('period_to', { mode: 'string' }).notNull(),
  /** Per cent of each stratum drawn (at least one item of a non-empty stratum). */
  ratePercent: integer('rate_percent').notNull(),
  seed: text('seed').notNull(),
  /** Per subject type: population and sampled counts. */
  strata: jsonb('strata').notNull(),
  createdBy: text('created_by'),
  createdById: uuid('created_by_id'),
  createdAt: ts('created_at').notNull(),
});

export const complianceReviewItems = pgTable(
  'compliance_review_items',
  {
    id: uuid('id').primaryKey(),
    sampleId: uuid('sample_id').notNull(),
    subjectType: text('subject_type', { enum: REVIEW_SUBJECTS }).notNull(),
    /** The audit event that records the original act. */
    auditEventId: uuid('audit_event_id').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    action: text('action').notNull(),
    originalActorId: uuid('original_actor_id'),
    originalActorName: text('original_actor_name'),
    occurredAt: ts('occurred_at').notNull(),
    status: text('status', { enum: ['pending', 'reviewed'] }).notNull(),
    answers: jsonb('answers'),
    outcome: text('outcome', { enum: ['satisfactory', 'finding'] }),
    note: text('note'),
    reviewerId: uuid('reviewer_id'),
    reviewerName: text('reviewer_name'),
    reviewedAt: ts('reviewed_at'),
  },
  (t) => [
    index('compliance_review_items_sample').on(t.sampleId),
    uniqueIndex('compliance_review_items_event').on(t.sampleId, t.auditEventId),
  ],
);

export const complianceFindings = pgTable(
  'compliance_findings',
  {
    id: uuid('id').primaryKey(),
    source: text('source', { enum: ['internal_review', 'fair_lending'] }).notNull(),
    /** The review item or fair-lending run the finding came from. */
    sourceId: uuid('source_id').notNull(),
    title: text('title').notNull(),
    detail: text('detail').notNull(),
    severity: text('severity', { enum: ['low', 'medium', 'high'] }).notNull(),
    ownerId: uuid('owner_id'),
    ownerName: text('owner_name').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    status: text('status', { enum: ['open', 'remediating', 'closed'] }).notNull(),
    /** Remediation log: { at, by, note, status }[]. */
    remediation: jsonb('remediation').notNull(),
    closedAt: ts('closed_at'),
    closedBy: text('closed_by'),
    closureEvidence: text('closure_evidence'),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('compliance_findings_status').on(t.status, t.dueDate),
    index('compliance_findings_source').on(t.source, t.sourceId),
  ],
);
