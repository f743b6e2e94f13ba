// Acquisition tables of the growth module: prospects (leads) and their history, campus events and
// their attendance, referral codes, referrals and the reward ledger. Campaign tables live beside
// these in their own file. Personal identifiers are stored as the customers module stores them:
// phone and ID number encrypted with a keyed blind index for matching; e-mail searchable (ADR 0006).
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { day, money, ts } from '../../db/columns.ts';

export const PROSPECT_SOURCES = [
  'campus_event',
  'website',
  'social',
  'app_referral',
  'partner_school',
  'csv',
  'referral',
  'walk_in',
] as const;
export const PROSPECT_STAGES = ['new', 'contacted', 'qualified', 'applied', 'funded', 'lost'] as const;

/** A prospective student: where they came from, how far they got, and who works them. */
export const growthProspects = pgTable(
  'growth_prospects',
  {
    id: uuid('id').primaryKey(),
    /** Short human reference (P-000123), for phone calls and the kanban cards. */
    reference: text('reference').notNull(),
    legalName: text('legal_name').notNull(),
    /** Lower-cased, NFKC: what dedupe compares. */
    searchName: text('search_name').notNull(),
    email: text('email'),
    phoneEnc: text('phone_enc'),
    phoneHash: text('phone_hash'),
    nationalIdType: text('national_id_type'),
    nationalIdEnc: text('national_id_enc'),
    nationalIdHash: text('national_id_hash'),
    schoolId: uuid('school_id'),
    educationLevel: text('education_level'),
    /** A household need indicator is claimed (低保, 建档立卡 …). */
    financialNeed: boolean('financial_need').notNull().default(false),
    /** Amount the prospect said they need per year, minor units of `currency`. */
    requestedAmount: money('requested_amount'),
    currency: text('currency').notNull().default('CNY'),
    preferredLanguage: text('preferred_language').notNull().default('zh-CN'),
    source: text('source', { enum: PROSPECT_SOURCES }).notNull(),
    /** The campaign/link code the prospect arrived with (`?tc=`), for attribution. */
    trackingCode: text('tracking_code'),
    /** The row's key in a partner-school list or CSV: re-importing the same file changes nothing. */
    externalRef: text('external_ref'),
    eventId: uuid('event_id'),
    referralId: uuid('referral_id'),
    consentContact: boolean('consent_contact').notNull().default(false),
    stage: text('stage', { enum: PROSPECT_STAGES }).notNull(),
    lostReason: text('lost_reason'),
    stageChangedAt: ts('stage_changed_at').notNull(),
    contactedAt: ts('contacted_at'),
    qualifiedAt: ts('qualified_at'),
    appliedAt: ts('applied_at'),
    fundedAt: ts('funded_at'),
    lostAt: ts('lost_at'),
    assignedTo: uuid('assigned_to'),
    assignedName: text('assigned_name'),
    /** The existing customer this prospect is (dedupe), or the one created at conversion. */
    customerId: uuid('customer_id'),
    applicationId: uuid('application_id'),
    /** Another prospect this one repeats (kept for history, not worked). */
    duplicateOf: uuid('duplicate_of'),
    score: integer('score').notNull().default(0),
    scoreFactors: jsonb('score_factors')
      .notNull()
      .default(sql`'[]'::jsonb`),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('growth_prospects_reference_uq').on(t.reference),
    uniqueIndex('growth_prospects_external_ref_uq').on(t.source, t.externalRef),
    index('growth_prospects_stage_idx').on(t.stage, t.score),
    index('growth_prospects_phone_idx').on(t.phoneHash),
    index('growth_prospects_nid_idx').on(t.nationalIdHash),
    index('growth_prospects_email_idx').on(t.email),
    index('growth_prospects_customer_idx').on(t.customerId),
    index('growth_prospects_event_idx').on(t.eventId),
    index('growth_prospects_created_idx').on(t.createdAt),
  ],
);

/** Everything that happened to a prospect: stage changes, contacts, clicks, attendance, assignment. */
export const growthProspectActivity = pgTable(
  'growth_prospect_activity',
  {
    id: uuid('id').primaryKey(),
    prospectId: uuid('prospect_id')
      .notNull()
      .references(() => growthProspects.id),
    kind: text('kind').notNull(),
    fromStage: text('from_stage'),
    toStage: text('to_stage'),
    note: text('note'),
    data: jsonb('data')
      .notNull()
      .default(sql`'{}'::jsonb`),
    actorName: text('actor_name'),
    at: ts('at').notNull(),
  },
  (t) => [index('growth_prospect_activity_prospect_idx').on(t.prospectId, t.at)],
);

export const CAMPUS_EVENT_STATUSES = ['planned', 'open', 'held', 'cancelled'] as const;

/** A campus event (宣讲会) at one school: plan, budget and the QR attendance form. */
export const growthCampusEvents = pgTable(
  'growth_campus_events',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    schoolId: uuid('school_id').notNull(),
    eventDate: day('event_date').notNull(),
    venue: text('venue').notNull(),
    /** Staff user ids working the event. */
    staff: jsonb('staff')
      .notNull()
      .default(sql`'[]'::jsonb`),
    budgetMinor: money('budget_minor').notNull(),
    /** Actual spend once known; cost per attendee uses it, else the budget. */
    actualCostMinor: money('actual_cost_minor'),
    currency: text('currency').notNull().default('CNY'),
    status: text('status', { enum: CAMPUS_EVENT_STATUSES }).notNull(),
    /** Tracking code stamped on attendee prospects (campaign attribution). */
    trackingCode: text('tracking_code'),
    notes: text('notes'),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [index('growth_campus_events_school_idx').on(t.schoolId, t.eventDate)],
);

/** One prospect attending one event (a prospect may attend several). */
export const growthEventAttendance = pgTable(
  'growth_event_attendance',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => growthCampusEvents.id),
    prospectId: uuid('prospect_id')
      .notNull()
      .references(() => growthProspects.id),
    at: ts('at').notNull(),
  },
  (t) => [uniqueIndex('growth_event_attendance_uq').on(t.eventId, t.prospectId)],
);

/** A customer's stable referral code. */
export const growthReferralCodes = pgTable(
  'growth_referral_codes',
  {
    customerId: uuid('customer_id').primaryKey(),
    code: text('code').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('growth_referral_codes_code_uq').on(t.code)],
);

export const REFERRAL_STATUSES = ['registered', 'applied', 'funded', 'void'] as const;

/** A friend a customer referred: tracked through the prospect to application and funding. */
export const growthReferrals = pgTable(
  'growth_referrals',
  {
    id: uuid('id').primaryKey(),
    referrerCustomerId: uuid('referrer_customer_id').notNull(),
    code: text('code').notNull(),
    prospectId: uuid('prospect_id')
      .notNull()
      .references(() => growthProspects.id),
    status: text('status', { enum: REFERRAL_STATUSES }).notNull(),
    /** Why the referral earns nothing (`existing_customer`, `duplicate`). */
    voidReason: text('void_reason'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('growth_referrals_prospect_uq').on(t.prospectId),
    index('growth_referrals_referrer_idx').on(t.referrerCustomerId),
  ],
);

export const REWARD_STATUSES = ['pending', 'earned', 'paid', 'void'] as const;

/**
 * The reward ledger: one row per referral. Rewards are payable liabilities of the lender (not
 * ledger credits): `earned` when the referred loan is disbursed, `paid` when finance settles it.
 */
export const growthReferralRewards = pgTable(
  'growth_referral_rewards',
  {
    id: uuid('id').primaryKey(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => growthReferrals.id),
    referrerCustomerId: uuid('referrer_customer_id').notNull(),
    amountMinor: money('amount_minor').notNull(),
    currency: text('currency').notNull(),
    status: text('status', { enum: REWARD_STATUSES }).notNull(),
    /** The calendar year the reward counts against the annual cap (year earned). */
    capYear: integer('cap_year'),
    voidReason: text('void_reason'),
    paymentRef: text('payment_ref'),
    earnedAt: ts('earned_at'),
    paidAt: ts('paid_at'),
    voidedAt: ts('voided_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('growth_referral_rewards_referral_uq').on(t.referralId),
    index('growth_referral_rewards_referrer_idx').on(t.referrerCustomerId, t.capYear),
  ],
);
