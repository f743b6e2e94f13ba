import {
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { day, ts } from '../../db/columns.ts';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const TICKET_TYPES = ['consultation', 'complaint', 'suggestion', 'hardship', 'dispute'] as const;
export const TICKET_CHANNELS = ['portal', 'email', 'phone', 'walk_in', 'social'] as const;
export const TICKET_STATUSES = [
  'new',
  'open',
  'waiting_on_customer',
  'resolved',
  'closed',
  'reopened',
] as const;
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

/**
 * A ticket: one request from one customer, whatever the channel. The SLA deadlines are fixed
 * when the ticket opens (and recomputed when its priority changes), so the board and the
 * escalation job read them rather than recount business hours on every query.
 */
export const deskTickets = pgTable(
  'desk_tickets',
  {
    id: uuid('id').primaryKey(),
    number: serial('number').notNull(),
    reference: text('reference').notNull(),
    customerId: uuid('customer_id').notNull(),
    type: text('type', { enum: TICKET_TYPES }).notNull(),
    channel: text('channel', { enum: TICKET_CHANNELS }).notNull(),
    category: text('category'),
    subject: text('subject').notNull(),
    status: text('status', { enum: TICKET_STATUSES }).notNull(),
    priority: text('priority', { enum: TICKET_PRIORITIES }).notNull(),
    priorityReasons: jsonb('priority_reasons').$type<string[]>().notNull(),
    language: text('language').notNull(),
    loanId: uuid('loan_id'),
    applicationId: text('application_id'),
    hardshipRequestId: uuid('hardship_request_id'),
    /** What opened it: a journey run, a survey response, an email … */
    sourceKind: text('source_kind'),
    sourceId: text('source_id'),
    /** Context at opening, for trends: the product of the linked loan and the customer's school. */
    product: text('product'),
    schoolId: uuid('school_id'),
    schoolName: text('school_name'),
    assigneeId: uuid('assignee_id'),
    assigneeName: text('assignee_name'),
    team: text('team').notNull(),
    mergedIntoId: uuid('merged_into_id'),
    rootCauses: jsonb('root_causes').$type<string[]>().notNull(),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    firstResponseDueAt: ts('first_response_due_at').notNull(),
    resolutionDueAt: ts('resolution_due_at').notNull(),
    /** Complaints: the regulator's deadline (calendar days from receipt). */
    regulatoryDueDate: day('regulatory_due_date'),
    firstResponseAt: ts('first_response_at'),
    resolvedAt: ts('resolved_at'),
    closedAt: ts('closed_at'),
    resolutionSummary: text('resolution_summary'),
    escalationLevel: integer('escalation_level').notNull(),
    escalatedAt: ts('escalated_at'),
    reopenCount: integer('reopen_count').notNull(),
    satisfaction: integer('satisfaction'),
    satisfactionComment: text('satisfaction_comment'),
    ratedAt: ts('rated_at'),
  },
  (t) => [
    uniqueIndex('desk_tickets_reference_uq').on(t.reference),
    index('desk_tickets_customer_idx').on(t.customerId, t.createdAt),
    index('desk_tickets_status_idx').on(t.status, t.resolutionDueAt),
    index('desk_tickets_assignee_idx').on(t.assigneeId, t.status),
    index('desk_tickets_type_idx').on(t.type, t.createdAt),
  ],
);

/** The conversation and log of a ticket: public replies, internal notes, system lines. */
export const deskTicketEntries = pgTable(
  'desk_ticket_entries',
  {
    id: uuid('id').primaryKey(),
    /** Insertion order: several entries can share one instant. */
    seq: serial('seq').notNull(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => deskTickets.id),
    visibility: text('visibility', { enum: ['public', 'internal'] }).notNull(),
    authorKind: text('author_kind', { enum: ['customer', 'agent', 'system'] }).notNull(),
    authorId: uuid('author_id'),
    authorName: text('author_name'),
    body: text('body').notNull(),
    channel: text('channel'),
    /** The outbox message that carried a public reply to the customer. */
    messageId: uuid('message_id'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('desk_ticket_entries_ticket_idx').on(t.ticketId, t.createdAt)],
);

export const deskTicketStatusHistory = pgTable(
  'desk_ticket_status_history',
  {
    id: uuid('id').primaryKey(),
    seq: serial('seq').notNull(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => deskTickets.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    reason: text('reason'),
    actorName: text('actor_name'),
    at: ts('at').notNull(),
  },
  (t) => [index('desk_ticket_status_history_ticket_idx').on(t.ticketId, t.at)],
);

export const deskAttachments = pgTable(
  'desk_attachments',
  {
    id: uuid('id').primaryKey(),
    ticketId: uuid('ticket_id')
      .notNull()
      .references(() => deskTickets.id),
    entryId: uuid('entry_id'),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: text('uploaded_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('desk_attachments_ticket_idx').on(t.ticketId)],
);

/** Staff who work tickets: skills, capacity and availability for assignment. */
export const deskAgents = pgTable('desk_agents', {
  userId: uuid('user_id').primaryKey(),
  displayName: text('display_name').notNull(),
  team: text('team').notNull(),
  available: boolean('available').notNull(),
  languages: jsonb('languages').$type<string[]>().notNull(),
  products: jsonb('products').$type<string[]>().notNull(),
  complaintHandling: boolean('complaint_handling').notNull(),
  maxOpen: integer('max_open').notNull(),
  lastAssignedAt: ts('last_assigned_at'),
  supervisorId: uuid('supervisor_id'),
});

/** First-response and resolution targets (business minutes) by ticket type × priority. */
export const deskSlaPolicies = pgTable(
  'desk_sla_policies',
  {
    id: uuid('id').primaryKey(),
    type: text('type', { enum: TICKET_TYPES }).notNull(),
    priority: text('priority', { enum: TICKET_PRIORITIES }).notNull(),
    firstResponseMinutes: integer('first_response_minutes').notNull(),
    resolutionMinutes: integer('resolution_minutes').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [uniqueIndex('desk_sla_policies_uq').on(t.type, t.priority)],
);

export const deskCannedReplies = pgTable(
  'desk_canned_replies',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    language: text('language').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    category: text('category'),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [uniqueIndex('desk_canned_replies_code_lang_uq').on(t.code, t.language)],
);

/** Knowledge articles: the current version here, every published text in the versions table. */
export const deskKbArticles = pgTable(
  'desk_kb_articles',
  {
    id: uuid('id').primaryKey(),
    slug: text('slug').notNull(),
    language: text('language').notNull(),
    category: text('category').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: ['draft', 'published', 'archived'] }).notNull(),
    version: integer('version').notNull(),
    updatedAt: ts('updated_at').notNull(),
    updatedBy: text('updated_by'),
  },
  (t) => [
    uniqueIndex('desk_kb_articles_slug_lang_uq').on(t.slug, t.language),
    index('desk_kb_articles_status_idx').on(t.status, t.language),
  ],
);

export const deskKbArticleVersions = pgTable(
  'desk_kb_article_versions',
  {
    id: uuid('id').primaryKey(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => deskKbArticles.id),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    category: text('category').notNull(),
    editedBy: text('edited_by'),
    editedAt: ts('edited_at').notNull(),
  },
  (t) => [uniqueIndex('desk_kb_article_versions_uq').on(t.articleId, t.version)],
);

/** What the lender changes because of a complaint cause, tracked to done. */
export const deskImprovementActions = pgTable(
  'desk_improvement_actions',
  {
    id: uuid('id').primaryKey(),
    cause: text('cause').notNull(),
    title: text('title').notNull(),
    ownerId: uuid('owner_id'),
    ownerName: text('owner_name').notNull(),
    dueDate: day('due_date').notNull(),
    status: text('status', { enum: ['open', 'done'] }).notNull(),
    createdAt: ts('created_at').notNull(),
    doneAt: ts('done_at'),
    outcome: text('outcome'),
  },
  (t) => [index('desk_improvement_actions_cause_idx').on(t.cause)],
);
