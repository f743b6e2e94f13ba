// Tables owned by the engagement module: templates, the message outbox and its delivery
// history, preferences, journeys and their runs, interactions, task assignment rules and
// escalations, and the cursors of the event sources it reads.
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ts, day } from '../../db/columns.ts';

/** One row per version of a template (code + language). */
export const messageTemplates = pgTable(
  'engagement_templates',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    language: text('language').notNull(),
    version: integer('version').notNull(),
    /** service, marketing, or regulated (needs compliance approval). */
    category: text('category').notNull(),
    /** What the message is for: repayment_reminder, onboarding, follow_up, … */
    purpose: text('purpose').notNull(),
    name: text('name').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    /** Short text for SMS, WeChat and push; the body when absent. */
    shortBody: text('short_body'),
    variables: text('variables')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    status: text('status').notNull(),
    createdBy: text('created_by'),
    createdById: uuid('created_by_id'),
    createdAt: ts('created_at').notNull(),
    submittedAt: ts('submitted_at'),
    approvedBy: text('approved_by'),
    approvedAt: ts('approved_at'),
    activatedAt: ts('activated_at'),
    retiredAt: ts('retired_at'),
  },
  (t) => [
    uniqueIndex('engagement_templates_code_lang_version_uq').on(t.code, t.language, t.version),
    uniqueIndex('engagement_templates_active_uq')
      .on(t.code, t.language)
      .where(sql`${t.status} = 'active'`),
  ],
);

/** The outbox: a message is written in the same transaction as its cause and dispatched by a job. */
export const messages = pgTable(
  'engagement_messages',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id').notNull(),
    channel: text('channel').notNull(),
    purpose: text('purpose').notNull(),
    /** A service message the law requires: it goes out despite opt-outs and says so. */
    legallyRequired: boolean('legally_required').notNull().default(false),
    templateCode: text('template_code'),
    templateVersion: integer('template_version'),
    language: text('language').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    /** The address (email, phone, WeChat id, postal address), encrypted: it is personal data. */
    recipientEnc: text('recipient_enc'),
    status: text('status').notNull(),
    /** Why a message was suppressed or failed. */
    reason: text('reason'),
    /** No two messages share a key: the second enqueue of the same reminder is a no-op. */
    dedupeKey: text('dedupe_key'),
    sourceKind: text('source_kind').notNull(),
    sourceId: text('source_id'),
    journeyId: uuid('journey_id'),
    journeyRunId: uuid('journey_run_id'),
    batchId: uuid('batch_id'),
    attempts: integer('attempts').notNull().default(0),
    /** When the dispatcher may next try: quiet hours and backoff move it forward. */
    nextAttemptAt: ts('next_attempt_at').notNull(),
    /** A dispatcher's lease: other dispatchers skip the message until it runs out. */
    claimedBy: text('claimed_by'),
    claimUntil: ts('claim_until'),
    providerMessageId: text('provider_message_id'),
    lastError: text('last_error'),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull(),
    sentAt: ts('sent_at'),
    deliveredAt: ts('delivered_at'),
    openedAt: ts('opened_at'),
    clickedAt: ts('clicked_at'),
    repliedAt: ts('replied_at'),
    readAt: ts('read_at'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('engagement_messages_dedupe_uq').on(t.dedupeKey),
    index('engagement_messages_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'queued'`),
    index('engagement_messages_customer_idx').on(t.customerId, t.createdAt),
    index('engagement_messages_template_idx').on(t.templateCode, t.createdAt),
    index('engagement_messages_journey_idx').on(t.journeyId),
    index('engagement_messages_provider_idx').on(t.providerMessageId),
  ],
);

/** Every status a message passed through, with details (provider answer, error, reason). */
export const messageEvents = pgTable(
  'engagement_message_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    messageId: uuid('message_id').notNull(),
    status: text('status').notNull(),
    at: ts('at').notNull(),
    detail: jsonb('detail'),
  },
  (t) => [index('engagement_message_events_message_idx').on(t.messageId, t.id)],
);

/** A customer's channel preferences, time zone and quiet hours (consent itself lives in customers). */
export const preferences = pgTable('engagement_preferences', {
  customerId: uuid('customer_id').primaryKey(),
  timeZone: text('time_zone'),
  quietStartMinute: integer('quiet_start_minute'),
  quietEndMinute: integer('quiet_end_minute'),
  /** Channels the customer has turned off, per purpose: { service: ['sms'], marketing: ['email'] }. */
  optOuts: jsonb('opt_outs')
    .$type<Record<string, string[]>>()
    .notNull()
    .default(sql`'{}'::jsonb`),
  /** The channel the customer wants messages on, overriding the profile's preferred channel. */
  preferredChannel: text('preferred_channel'),
  updatedAt: ts('updated_at').notNull(),
  updatedBy: text('updated_by'),
});

export const journeys = pgTable('engagement_journeys', {
  id: uuid('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: jsonb('name').$type<{ en: string; 'zh-CN': string }>().notNull(),
  description: text('description'),
  definition: jsonb('definition').notNull(),
  enabled: boolean('enabled').notNull().default(false),
  holdoutPercent: integer('holdout_percent').notNull().default(0),
  builtIn: boolean('built_in').notNull().default(false),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
  updatedBy: text('updated_by'),
});

/** One customer's passage through a journey. */
export const journeyRuns = pgTable(
  'engagement_journey_runs',
  {
    id: uuid('id').primaryKey(),
    journeyId: uuid('journey_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    /** Unique per journey: the same event (or, for per-customer journeys, the same customer) starts one run. */
    triggerKey: text('trigger_key').notNull(),
    triggerType: text('trigger_type').notNull(),
    loanId: uuid('loan_id'),
    /** The triggering event's payload (due date, amount, bucket …). */
    context: jsonb('context').$type<Record<string, unknown>>().notNull(),
    group: text('group').notNull(),
    state: text('state').notNull(),
    stepIndex: integer('step_index').notNull().default(0),
    waitingOn: text('waiting_on'),
    wakeAt: ts('wake_at'),
    history: jsonb('history')
      .$type<{ at: string; stepId: string; kind: string; note?: string }[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** Payment outcome for reminder journeys: paid or missed after the trigger. */
    outcome: text('outcome'),
    dueDate: day('due_date'),
    lastError: text('last_error'),
    startedAt: ts('started_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    completedAt: ts('completed_at'),
  },
  (t) => [
    uniqueIndex('engagement_journey_runs_key_uq').on(t.journeyId, t.triggerKey),
    index('engagement_journey_runs_due_idx')
      .on(t.wakeAt)
      .where(sql`${t.state} = 'active'`),
    index('engagement_journey_runs_loan_idx').on(t.loanId, t.dueDate),
    index('engagement_journey_runs_customer_idx').on(t.customerId),
  ],
);

/** Calls, meetings, campus events, walk-ins, follow-up visits and inbound replies. */
export const interactions = pgTable(
  'engagement_interactions',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id').notNull(),
    kind: text('kind').notNull(),
    direction: text('direction').notNull(),
    channel: text('channel'),
    occurredAt: ts('occurred_at').notNull(),
    durationMinutes: integer('duration_minutes'),
    subject: text('subject'),
    notes: text('notes'),
    outcome: text('outcome'),
    nextStep: text('next_step'),
    nextStepDue: day('next_step_due'),
    taskId: uuid('task_id'),
    messageId: uuid('message_id'),
    loanId: uuid('loan_id'),
    location: text('location'),
    loggedBy: text('logged_by'),
    loggedById: uuid('logged_by_id'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('engagement_interactions_customer_idx').on(t.customerId, t.occurredAt),
    index('engagement_interactions_kind_idx').on(t.kind, t.occurredAt),
  ],
);

/** Who gets a new task: the first enabled rule (lowest priority number) that matches. */
export const assignmentRules = pgTable('engagement_assignment_rules', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  priority: integer('priority').notNull(),
  /** { queue?, tagsAny?, schoolId?, creditRecord?, economicStatus? } */
  match: jsonb('match').$type<Record<string, unknown>>().notNull(),
  /** { userId } or { role } (round robin among that role's active users). */
  assignTo: jsonb('assign_to').$type<{ userId?: string; role?: string }>().notNull(),
  enabled: boolean('enabled').notNull().default(true),
  /** Round-robin position. */
  cursor: bigint('cursor', { mode: 'number' }).notNull().default(0),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/** Overdue tasks escalated to a manager, once per task and level. */
export const taskEscalations = pgTable(
  'engagement_task_escalations',
  {
    id: uuid('id').primaryKey(),
    taskId: uuid('task_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    level: integer('level').notNull(),
    fromAssignee: uuid('from_assignee'),
    toAssignee: uuid('to_assignee'),
    escalatedAt: ts('escalated_at').notNull(),
  },
  (t) => [uniqueIndex('engagement_task_escalations_task_level_uq').on(t.taskId, t.level)],
);

/** How far engagement has read each event source, and when each daily scan last ran. */
export const cursors = pgTable('engagement_cursors', {
  name: text('name').primaryKey(),
  position: bigint('position', { mode: 'number' }).notNull(),
  updatedAt: ts('updated_at').notNull(),
});

/** A message to a whole segment, written in pages by a job: resumable from its cursor, idempotent by dedupe key. */
export const messageBatches = pgTable('engagement_message_batches', {
  id: uuid('id').primaryKey(),
  segmentId: uuid('segment_id').notNull(),
  templateCode: text('template_code').notNull(),
  channel: text('channel').notNull(),
  purpose: text('purpose').notNull(),
  status: text('status').notNull(),
  expected: integer('expected').notNull().default(0),
  processed: integer('processed').notNull().default(0),
  queued: integer('queued').notNull().default(0),
  suppressed: integer('suppressed').notNull().default(0),
  /** Last customer id written: the job resumes after it. */
  cursorCustomerId: uuid('cursor_customer_id'),
  createdBy: text('created_by'),
  createdAt: ts('created_at').notNull(),
  finishedAt: ts('finished_at'),
});
