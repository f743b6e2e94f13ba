// Tables owned by the customers module. National ID and phone numbers are stored only as
// AES-256-GCM ciphertext plus keyed blind indexes (exact match) and a keyed index of the phone's
// last four digits; no plaintext or partial plaintext of them is stored anywhere.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ts, day } from '../../db/columns.ts';

export const schools = pgTable(
  'schools',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    /** Name in the local script, e.g. 清华大学. */
    nameLocal: text('name_local'),
    country: text('country').notNull(),
    region: text('region'),
    city: text('city'),
    type: text('type').notNull(),
    /** Highest education level the school teaches. */
    highestLevel: text('highest_level'),
    /** Longest programme the school offers, in years (US CDR "program length" mapped to years). */
    programmeYears: numeric('programme_years', { precision: 3, scale: 1, mode: 'number' }),
    /** Identifier in the source catalogue: the OPEID for US schools, the MOE code for Chinese ones. */
    externalCode: text('external_code'),
    /** Three-year cohort default rate in percent (US FY2016 CDR), when published. */
    cohortDefaultRate: numeric('cohort_default_rate', { precision: 5, scale: 1, mode: 'number' }),
    source: text('source').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('schools_country_code_uq').on(t.country, t.externalCode),
    index('schools_name_trgm').using('gin', sql`lower(${t.name}) gin_trgm_ops`),
    index('schools_name_local_trgm').using('gin', sql`${t.nameLocal} gin_trgm_ops`),
  ],
);

export const programmes = pgTable(
  'programmes',
  {
    id: uuid('id').primaryKey(),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.id),
    name: text('name').notNull(),
    level: text('level').notNull(),
    lengthYears: numeric('length_years', { precision: 3, scale: 1, mode: 'number' }),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('programmes_school_name_level_uq').on(t.schoolId, t.name, t.level)],
);

export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey(),
    /** The lender's or source system's reference: imports are idempotent on it. */
    externalRef: text('external_ref'),
    legalName: text('legal_name').notNull(),
    preferredName: text('preferred_name'),
    /** Lower-cased legal and preferred names, for trigram search. */
    searchName: text('search_name').notNull(),
    dateOfBirth: day('date_of_birth'),
    gender: text('gender'),
    nationalIdType: text('national_id_type'),
    nationalIdEnc: text('national_id_enc'),
    nationalIdHash: text('national_id_hash'),
    phoneEnc: text('phone_enc'),
    phoneHash: text('phone_hash'),
    phoneLast4Hash: text('phone_last4_hash'),
    email: text('email'),
    address: jsonb('address').$type<Address | null>(),
    country: text('country'),
    region: text('region'),
    city: text('city'),
    preferredLanguage: text('preferred_language').notNull().default('zh-CN'),
    preferredChannel: text('preferred_channel').notNull().default('sms'),
    declaredLoanPurpose: text('declared_loan_purpose'),
    status: text('status').notNull().default('active'),
    mergedInto: uuid('merged_into'),
    closedAt: ts('closed_at'),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Current (effective) class per axis: override when there is one, else the computed rule. */
    classEducationLevel: text('class_education_level'),
    classEconomicStatus: text('class_economic_status'),
    classCreditRecord: text('class_credit_record'),
    classLoanNeed: text('class_loan_need'),
    /** Computed rule results and staff overrides per axis, with explanations. */
    classification: jsonb('classification').$type<StoredClassification>().notNull(),
    /** Denormalised from the current enrolment, for scoping, search and segments. */
    currentSchoolId: uuid('current_school_id'),
    createdVia: text('created_via').notNull().default('api'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('customers_external_ref_uq').on(t.externalRef),
    index('customers_national_id_hash_idx').on(t.nationalIdHash),
    index('customers_phone_hash_idx').on(t.phoneHash),
    index('customers_phone_last4_idx').on(t.phoneLast4Hash),
    index('customers_email_idx').on(t.email),
    index('customers_search_name_trgm').using('gin', sql`${t.searchName} gin_trgm_ops`),
    // Birth-date ranges (segments) and the name + birth date duplicate check.
    index('customers_dob_name_idx').on(t.dateOfBirth, t.searchName),
    index('customers_school_idx').on(t.currentSchoolId),
    index('customers_created_idx').on(t.createdAt, t.id),
  ],
);

export interface Address {
  line1?: string | undefined;
  line2?: string | undefined;
  city?: string | undefined;
  region?: string | undefined;
  postalCode?: string | undefined;
  country?: string | undefined;
}

export interface StoredAxis {
  value: string | null;
  rule: string;
  explanation: string;
}
export interface StoredOverride {
  value: string;
  reason: string;
  by: string | null;
  at: string;
}
export interface StoredClassification {
  computed: Record<string, StoredAxis>;
  overrides: Record<string, StoredOverride>;
  computedAt: string;
}

export const relatedParties = pgTable(
  'related_parties',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    relationship: text('relationship').notNull(),
    name: text('name').notNull(),
    phoneEnc: text('phone_enc'),
    phoneHash: text('phone_hash'),
    nationalIdType: text('national_id_type'),
    nationalIdEnc: text('national_id_enc'),
    nationalIdHash: text('national_id_hash'),
    email: text('email'),
    occupation: text('occupation'),
    annualIncomeMinor: bigint('annual_income_minor', { mode: 'number' }),
    currency: text('currency'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('related_parties_customer_idx').on(t.customerId),
    index('related_parties_national_id_idx').on(t.nationalIdHash),
  ],
);

export const enrolments = pgTable(
  'enrolments',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.id),
    programmeId: uuid('programme_id').references(() => programmes.id),
    programmeName: text('programme_name'),
    level: text('level').notNull(),
    yearOfStudy: integer('year_of_study'),
    startDate: day('start_date').notNull(),
    expectedGraduationDate: day('expected_graduation_date').notNull(),
    status: text('status').notNull(),
    statusDate: day('status_date').notNull(),
    /** The customer's current enrolment: at most one per customer. */
    isCurrent: boolean('is_current').notNull().default(true),
    latestGpa: numeric('latest_gpa', { precision: 5, scale: 2, mode: 'number' }),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    index('enrolments_customer_idx').on(t.customerId),
    uniqueIndex('enrolments_current_uq')
      .on(t.customerId)
      .where(sql`${t.isCurrent}`),
    index('enrolments_school_idx').on(t.schoolId),
  ],
);

export const enrolmentStatusHistory = pgTable(
  'enrolment_status_history',
  {
    id: uuid('id').primaryKey(),
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => enrolments.id),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    effectiveDate: day('effective_date').notNull(),
    reason: text('reason'),
    changedBy: text('changed_by'),
    recordedAt: ts('recorded_at').notNull(),
  },
  (t) => [index('enrolment_status_history_enrolment_idx').on(t.enrolmentId)],
);

export const termResults = pgTable(
  'term_results',
  {
    id: uuid('id').primaryKey(),
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => enrolments.id),
    term: text('term').notNull(),
    gpa: numeric('gpa', { precision: 5, scale: 2, mode: 'number' }),
    gpaScale: numeric('gpa_scale', { precision: 5, scale: 2, mode: 'number' }),
    averageScore: numeric('average_score', { precision: 5, scale: 2, mode: 'number' }),
    creditsEarned: numeric('credits_earned', { precision: 6, scale: 1, mode: 'number' }),
    recordedAt: ts('recorded_at').notNull(),
  },
  (t) => [uniqueIndex('term_results_enrolment_term_uq').on(t.enrolmentId, t.term)],
);

export const households = pgTable('households', {
  customerId: uuid('customer_id')
    .primaryKey()
    .references(() => customers.id),
  size: integer('size'),
  annualIncomeMinor: bigint('annual_income_minor', { mode: 'number' }),
  currency: text('currency'),
  dependants: integer('dependants'),
  /** Need indicator codes, for segments; details with evidence in `needs`. */
  needCodes: text('need_codes')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  needs: jsonb('needs')
    .$type<NeedRecord[]>()
    .notNull()
    .default(sql`'[]'::jsonb`),
  updatedAt: ts('updated_at').notNull(),
});

export interface NeedRecord {
  code: string;
  evidenceRef: string | null;
  verifiedBy: string | null;
  verifiedAt: string | null;
}

export const creditRecords = pgTable('credit_records', {
  customerId: uuid('customer_id')
    .primaryKey()
    .references(() => customers.id),
  bureauName: text('bureau_name'),
  bureauScore: integer('bureau_score'),
  scoreDate: day('score_date'),
  fileStatus: text('file_status'),
  priorLoans: integer('prior_loans').notNull().default(0),
  delinquencies: integer('delinquencies').notNull().default(0),
  fraudFlags: text('fraud_flags')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  updatedAt: ts('updated_at').notNull(),
});

/** Current consent per purpose; the full history is in consent_events. */
export const consents = pgTable(
  'consents',
  {
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    purpose: text('purpose').notNull(),
    granted: boolean('granted').notNull(),
    source: text('source').notNull(),
    recordedAt: ts('recorded_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.purpose] })],
);

export const consentEvents = pgTable(
  'consent_events',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    purpose: text('purpose').notNull(),
    granted: boolean('granted').notNull(),
    source: text('source').notNull(),
    note: text('note'),
    recordedBy: text('recorded_by'),
    recordedAt: ts('recorded_at').notNull(),
  },
  (t) => [index('consent_events_customer_idx').on(t.customerId, t.recordedAt)],
);

export const customerNotes = pgTable(
  'customer_notes',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    body: text('body').notNull(),
    authorId: uuid('author_id'),
    authorName: text('author_name'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('customer_notes_customer_idx').on(t.customerId, t.createdAt)],
);

export const customerTasks = pgTable(
  'customer_tasks',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    title: text('title').notNull(),
    dueDate: day('due_date'),
    assigneeId: uuid('assignee_id'),
    status: text('status').notNull().default('open'),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull(),
    completedAt: ts('completed_at'),
  },
  (t) => [
    index('customer_tasks_customer_idx').on(t.customerId),
    index('customer_tasks_assignee_idx').on(t.assigneeId, t.status),
  ],
);

/** One chronological feed per customer; other modules publish here through index.ts. */
export const timelineEvents = pgTable(
  'customer_timeline_events',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    occurredAt: ts('occurred_at').notNull(),
    /** `<module>.<event>`, e.g. `customers.enrolment_status_changed`, `servicing.loan_disbursed`. */
    kind: text('kind').notNull(),
    summary: text('summary').notNull(),
    data: jsonb('data'),
    actorName: text('actor_name'),
  },
  (t) => [index('customer_timeline_customer_idx').on(t.customerId, t.occurredAt)],
);

export const segments = pgTable('segments', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description'),
  rule: jsonb('rule').notNull(),
  createdBy: text('created_by'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
});

export const segmentSnapshots = pgTable(
  'segment_snapshots',
  {
    id: uuid('id').primaryKey(),
    segmentId: uuid('segment_id')
      .notNull()
      .references(() => segments.id),
    takenAt: ts('taken_at').notNull(),
    memberCount: integer('member_count').notNull(),
    rule: jsonb('rule').notNull(),
    takenBy: text('taken_by'),
  },
  (t) => [index('segment_snapshots_segment_idx').on(t.segmentId, t.takenAt)],
);

export const segmentMembers = pgTable(
  'segment_members',
  {
    snapshotId: uuid('snapshot_id')
      .notNull()
      .references(() => segmentSnapshots.id),
    customerId: uuid('customer_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.snapshotId, t.customerId] })],
);

export const customerMerges = pgTable('customer_merges', {
  id: uuid('id').primaryKey(),
  survivorId: uuid('survivor_id').notNull(),
  mergedId: uuid('merged_id').notNull(),
  /** Ids of the rows moved to the survivor, per table, so the merge can be undone. */
  moved: jsonb('moved').notNull(),
  mergedBy: text('merged_by'),
  mergedAt: ts('merged_at').notNull(),
  reversedAt: ts('reversed_at'),
});

export const importJobs = pgTable('customer_import_jobs', {
  id: uuid('id').primaryKey(),
  fileName: text('file_name'),
  format: text('format').notNull(),
  dryRun: boolean('dry_run').notNull(),
  status: text('status').notNull(),
  totalRows: integer('total_rows').notNull().default(0),
  processedRows: integer('processed_rows').notNull().default(0),
  createdRows: integer('created_rows').notNull().default(0),
  skippedRows: integer('skipped_rows').notNull().default(0),
  failedRows: integer('failed_rows').notNull().default(0),
  /** Row-level errors {row, field, reason}, capped. */
  errors: jsonb('errors')
    .$type<ImportRowError[]>()
    .notNull()
    .default(sql`'[]'::jsonb`),
  warnings: jsonb('warnings')
    .$type<ImportRowError[]>()
    .notNull()
    .default(sql`'[]'::jsonb`),
  startedBy: text('started_by'),
  startedAt: ts('started_at').notNull(),
  finishedAt: ts('finished_at'),
});

export interface ImportRowError {
  row: number;
  field: string;
  reason: string;
}
