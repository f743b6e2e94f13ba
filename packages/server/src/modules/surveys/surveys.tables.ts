import {
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { day, ts } from '../../db/columns.ts';

/** A survey (questionnaire) by code; its questions live in versions. */
export const surveySurveys = pgTable(
  'survey_surveys',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    /** `{ en, zh-CN }` */
    name: jsonb('name').notNull(),
    description: text('description'),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('survey_surveys_code_uq').on(t.code)],
);

/** A version of a survey's definition: drafts are edited; a published version never changes. */
export const surveyVersions = pgTable(
  'survey_versions',
  {
    id: uuid('id').primaryKey(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveySurveys.id),
    version: integer('version').notNull(),
    status: text('status', { enum: ['draft', 'published'] }).notNull(),
    /** core's SurveyDefinition, validated before it is stored. */
    definition: jsonb('definition').notNull(),
    publishedAt: ts('published_at'),
    publishedBy: text('published_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('survey_versions_survey_version_uq').on(t.surveyId, t.version)],
);

/**
 * A wave: one round of a published version sent to a segment, fed by events (journeys, resolved
 * tickets, disbursements) or filled by staff from phone and paper interviews.
 */
export const surveyWaves = pgTable(
  'survey_waves',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveySurveys.id),
    versionId: uuid('version_id')
      .notNull()
      .references(() => surveyVersions.id),
    kind: text('kind', { enum: ['segment', 'event', 'manual'] }).notNull(),
    segmentId: uuid('segment_id'),
    /** For event waves: the domain event that adds a customer (e.g. `ticket.resolved`). */
    triggerEvent: text('trigger_event'),
    channel: text('channel', { enum: ['email', 'sms', 'portal', 'staff'] }).notNull(),
    status: text('status', { enum: ['draft', 'open', 'closed'] }).notNull(),
    /** Share of the eligible customers invited (0 < rate ≤ 1), drawn by a keyed hash so a rerun draws the same people. */
    sampleRate: doublePrecision('sample_rate').notNull().default(1),
    /** At most this many invitations per value of `quotaField` (e.g. per study level). */
    quotaField: text('quota_field'),
    quotaPerGroup: integer('quota_per_group'),
    reminderAfterDays: integer('reminder_after_days').notNull().default(3),
    maxReminders: integer('max_reminders').notNull().default(2),
    closesOn: day('closes_on'),
    /** A verification wave checks an improvement action against the wave it was found in. */
    verifiesActionId: uuid('verifies_action_id'),
    openedAt: ts('opened_at'),
    closedAt: ts('closed_at'),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('survey_waves_code_uq').on(t.code),
    index('survey_waves_trigger_idx').on(t.triggerEvent, t.status),
  ],
);

/** Who a wave asks; one per customer and wave. Segment attributes are snapshotted for cross-tabs. */
export const surveyInvitations = pgTable(
  'survey_invitations',
  {
    id: uuid('id').primaryKey(),
    waveId: uuid('wave_id')
      .notNull()
      .references(() => surveyWaves.id),
    customerId: uuid('customer_id').notNull(),
    /** How the answers arrive: a link by email/SMS/portal, or staff keying in a phone or paper interview. */
    mode: text('mode', { enum: ['email', 'sms', 'portal', 'phone', 'paper'] }).notNull(),
    status: text('status', { enum: ['pending', 'sent', 'started', 'completed'] }).notNull(),
    /** Study level, school, product, channel and risk grade when invited. */
    attributes: jsonb('attributes').notNull(),
    language: text('language').notNull(),
    source: jsonb('source'),
    sentAt: ts('sent_at'),
    remindersSent: integer('reminders_sent').notNull().default(0),
    lastReminderAt: ts('last_reminder_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('survey_invitations_wave_customer_uq').on(t.waveId, t.customerId),
    index('survey_invitations_status_idx').on(t.waveId, t.status),
  ],
);

/** One response per invitation; partial answers are kept until it is submitted. */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: uuid('id').primaryKey(),
    invitationId: uuid('invitation_id')
      .notNull()
      .references(() => surveyInvitations.id),
    waveId: uuid('wave_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    status: text('status', { enum: ['partial', 'complete'] }).notNull(),
    answers: jsonb('answers').notNull(),
    mode: text('mode', { enum: ['online', 'phone', 'paper'] }).notNull(),
    enteredBy: text('entered_by'),
    language: text('language').notNull(),
    startedAt: ts('started_at').notNull(),
    completedAt: ts('completed_at'),
  },
  (t) => [
    uniqueIndex('survey_responses_invitation_uq').on(t.invitationId),
    index('survey_responses_wave_idx').on(t.waveId, t.status),
  ],
);

/** The closed loop: a low score or a detractor opens a ticket; the follow-up result is recorded here. */
export const surveyFollowUps = pgTable(
  'survey_follow_ups',
  {
    id: uuid('id').primaryKey(),
    responseId: uuid('response_id')
      .notNull()
      .references(() => surveyResponses.id),
    waveId: uuid('wave_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    reason: text('reason', { enum: ['low-score', 'detractor'] }).notNull(),
    ticketId: uuid('ticket_id'),
    ticketReference: text('ticket_reference'),
    status: text('status', { enum: ['open', 'closed'] }).notNull(),
    outcome: text('outcome', { enum: ['resolved', 'unresolved', 'no-contact'] }),
    result: text('result'),
    closedBy: text('closed_by'),
    closedAt: ts('closed_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('survey_follow_ups_response_uq').on(t.responseId),
    index('survey_follow_ups_status_idx').on(t.status),
  ],
);

/** Improvement actions against findings, with an owner and a due date, verified by a later wave. */
export const surveyActions = pgTable(
  'survey_actions',
  {
    id: uuid('id').primaryKey(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveySurveys.id),
    /** The wave the finding came from: the "before" of the verification. */
    baselineWaveId: uuid('baseline_wave_id')
      .notNull()
      .references(() => surveyWaves.id),
    dimension: text('dimension'),
    finding: text('finding').notNull(),
    action: text('action').notNull(),
    owner: text('owner').notNull(),
    dueOn: day('due_on').notNull(),
    status: text('status', { enum: ['planned', 'in_progress', 'done'] }).notNull(),
    doneAt: ts('done_at'),
    verificationWaveId: uuid('verification_wave_id'),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('survey_actions_survey_idx').on(t.surveyId, t.status)],
);

/** Reports mailed on a schedule (PDF attached) to staff addresses. */
export const surveyReportSchedules = pgTable('survey_report_schedules', {
  id: uuid('id').primaryKey(),
  waveId: uuid('wave_id')
    .notNull()
    .references(() => surveyWaves.id),
  recipients: jsonb('recipients').notNull(),
  everyDays: integer('every_days').notNull(),
  language: text('language').notNull(),
  nextRunAt: ts('next_run_at').notNull(),
  lastSentAt: ts('last_sent_at'),
  createdBy: text('created_by'),
  createdAt: ts('created_at').notNull(),
});
