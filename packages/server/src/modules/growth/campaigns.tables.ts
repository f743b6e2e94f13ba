// Campaigns (growth): a campaign to a segment over several channels, its A/B variants and
// hold-out, costs, tracking codes, who landed in which arm, the touches recorded here (landings
// and applications that carry a tracking code), and each customer's next-best offer.
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { day, money, ts } from '../../db/columns.ts';

export const campaigns = pgTable(
  'growth_campaigns',
  {
    id: uuid('id').primaryKey(),
    /** Short code staff quote: C0001. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    objective: text('objective'),
    /** The customers segment targeted; null = no sends (tracking codes only, e.g. posters). */
    segmentId: uuid('segment_id'),
    status: text('status', { enum: ['draft', 'scheduled', 'running', 'completed', 'cancelled'] }).notNull(),
    /** email, sms, portal (in-app): the channel mix; each arm sends on every channel listed. */
    channels: text('channels')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    startsOn: day('starts_on').notNull(),
    endsOn: day('ends_on').notNull(),
    /** The instant sends may start (the send job waits for it). */
    sendAt: ts('send_at'),
    currency: text('currency').notNull(),
    budget: money('budget').notNull().default(0),
    /** Revenue proxy: expected net interest margin over a loan's life, basis points of the disbursed amount. */
    marginBps: integer('margin_bps').notNull().default(300),
    lookbackDays: integer('lookback_days').notNull().default(90),
    holdoutPercent: integer('holdout_percent').notNull().default(0),
    /** Seed of the arm assignment hash: fixed at creation, so assignment is reproducible. */
    seed: text('seed').notNull(),
    /** Send progress: the job resumes after the last customer id it wrote. */
    cursorCustomerId: uuid('cursor_customer_id'),
    processed: integer('processed').notNull().default(0),
    queued: integer('queued').notNull().default(0),
    suppressed: integer('suppressed').notNull().default(0),
    heldOut: integer('held_out').notNull().default(0),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    launchedAt: ts('launched_at'),
    sentAt: ts('sent_at'),
  },
  (t) => [
    uniqueIndex('growth_campaigns_code_uq').on(t.code),
    index('growth_campaigns_status_idx').on(t.status),
  ],
);

/** An arm that gets content: per channel, an engagement template code. */
export const campaignVariants = pgTable(
  'growth_campaign_variants',
  {
    id: uuid('id').primaryKey(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    key: text('key').notNull(),
    name: text('name').notNull(),
    weight: integer('weight').notNull(),
    /** `{ email?: templateCode, sms?: templateCode, portal?: templateCode }` */
    templates: jsonb('templates').$type<Record<string, string>>().notNull(),
  },
  (t) => [uniqueIndex('growth_campaign_variants_key_uq').on(t.campaignId, t.key)],
);

/** Spend, by cost line. */
export const campaignCosts = pgTable(
  'growth_campaign_costs',
  {
    id: uuid('id').primaryKey(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    costLine: text('cost_line').notNull(),
    description: text('description'),
    amount: money('amount').notNull(),
    incurredOn: day('incurred_on').notNull(),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('growth_campaign_costs_campaign_idx').on(t.campaignId)],
);

/** A short code per campaign, variant and channel: landing links carry it as `?tc=CODE`. */
export const campaignTrackingCodes = pgTable(
  'growth_campaign_tracking_codes',
  {
    code: text('code').primaryKey(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    variantKey: text('variant_key'),
    channel: text('channel'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('growth_campaign_tracking_codes_campaign_idx').on(t.campaignId),
    uniqueIndex('growth_campaign_tracking_codes_arm_uq').on(
      t.campaignId,
      sql`coalesce(${t.variantKey}, '')`,
      sql`coalesce(${t.channel}, '')`,
    ),
  ],
);

/** Which arm a targeted customer landed in (a variant key or `holdout`), recorded once. */
export const campaignAssignments = pgTable(
  'growth_campaign_assignments',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    customerId: uuid('customer_id').notNull(),
    arm: text('arm').notNull(),
    assignedAt: ts('assigned_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.customerId] }),
    index('growth_campaign_assignments_arm_idx').on(t.campaignId, t.arm),
  ],
);

/** Touches recorded by growth: a landing with a tracking code, an application that carried one. */
export const campaignTouches = pgTable(
  'growth_campaign_touches',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    trackingCode: text('tracking_code').notNull(),
    kind: text('kind', { enum: ['landing', 'application'] }).notNull(),
    customerId: uuid('customer_id'),
    applicationId: uuid('application_id'),
    /** The landing page's visitor id (a cookie), to join later landings to a registration. */
    visitorId: text('visitor_id'),
    occurredAt: ts('occurred_at').notNull(),
  },
  (t) => [
    index('growth_campaign_touches_campaign_idx').on(t.campaignId, t.occurredAt),
    index('growth_campaign_touches_customer_idx').on(t.customerId),
    uniqueIndex('growth_campaign_touches_application_uq')
      .on(t.applicationId)
      .where(sql`${t.kind} = 'application'`),
  ],
);

/** Each customer's current next-best offer, written by the job (idempotent: one row per customer). */
export const nextBestOffers = pgTable(
  'growth_next_best_offers',
  {
    customerId: uuid('customer_id').primaryKey(),
    /** core's NboCode, null when nothing fits now. */
    code: text('code'),
    eligible: text('eligible')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    facts: jsonb('facts').notNull(),
    businessDate: day('business_date').notNull(),
    computedAt: ts('computed_at').notNull(),
  },
  (t) => [index('growth_next_best_offers_code_idx').on(t.code)],
);
