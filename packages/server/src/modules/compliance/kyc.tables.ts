// Tables of the KYC / AML routine: identity verifications, sanctions lists (versioned imports and
// their entries), screening hits and their review, the re-screening runs after a list update,
// disbursement accounts with their change controls, and suspicious-activity cases with evidence.
// Customer ids are plain uuids (the customers module owns that table; no cross-module foreign
// keys). Account and identity numbers are stored as ciphertext, a blind index and a mask only.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, numeric, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ts } from '../../db/columns.ts';

export const kycVerifications = pgTable(
  'kyc_verifications',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id').notNull(),
    /** cn_national_id (居民身份证 + face match) or us_cip (name, birth date, address, SSN/ITIN). */
    kind: text('kind', { enum: ['cn_national_id', 'us_cip'] }).notNull(),
    provider: text('provider').notNull(),
    providerRef: text('provider_ref').notNull(),
    outcome: text('outcome', { enum: ['pass', 'fail', 'review'] }).notNull(),
    reasons: jsonb('reasons').$type<string[]>().notNull(),
    faceMatchScore: numeric('face_match_score', { precision: 5, scale: 4, mode: 'number' }),
    subjectName: text('subject_name').notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    trigger: text('trigger', { enum: ['onboarding', 'payee_change', 'manual'] }).notNull(),
    requestedBy: text('requested_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('kyc_verifications_customer_idx').on(t.customerId, t.createdAt)],
);

export const sanctionsListVersions = pgTable(
  'sanctions_list_versions',
  {
    id: uuid('id').primaryKey(),
    /** ofac_sdn, un_consolidated, cn_mps, … : one code per list the lender screens against. */
    listCode: text('list_code').notNull(),
    version: integer('version').notNull(),
    format: text('format', { enum: ['ofac_sdn', 'generic_csv'] }).notNull(),
    sourceName: text('source_name').notNull(),
    /** SHA-256 over the imported files' bytes, in order. */
    checksum: text('checksum').notNull(),
    rowCount: integer('row_count').notNull(),
    entryCount: integer('entry_count').notNull(),
    aliasCount: integer('alias_count').notNull(),
    importedBy: text('imported_by'),
    importedAt: ts('imported_at').notNull(),
  },
  (t) => [
    uniqueIndex('sanctions_list_versions_code_version_uq').on(t.listCode, t.version),
    index('sanctions_list_versions_checksum_idx').on(t.listCode, t.checksum),
  ],
);

export interface SanctionsName {
  name: string;
  /** primary, aka (also known as), fka (formerly), nka (now known as). */
  kind: string;
}

export const sanctionsEntries = pgTable(
  'sanctions_entries',
  {
    id: uuid('id').primaryKey(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => sanctionsListVersions.id),
    listCode: text('list_code').notNull(),
    /** The list's own id of the entry (OFAC ent_num), stable across versions. */
    entryRef: text('entry_ref').notNull(),
    primaryName: text('primary_name').notNull(),
    entryType: text('entry_type').notNull(),
    programs: text('programs'),
    remarks: text('remarks'),
    birthDates: text('birth_dates')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    names: jsonb('names').$type<SanctionsName[]>().notNull(),
    /** Blocking keys of every name (see name-match.ts): candidates share at least one. */
    keys: text('keys').array().notNull(),
  },
  (t) => [
    uniqueIndex('sanctions_entries_version_ref_uq').on(t.versionId, t.entryRef),
    index('sanctions_entries_keys_gin').using('gin', t.keys),
  ],
);

export const sanctionsHits = pgTable(
  'sanctions_hits',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id').notNull(),
    listCode: text('list_code').notNull(),
    entryRef: text('entry_ref').notNull(),
    /** The list version the hit was last found in. */
    versionId: uuid('version_id').notNull(),
    customerName: text('customer_name').notNull(),
    matchedName: text('matched_name').notNull(),
    score: numeric('score', { precision: 4, scale: 3, mode: 'number' }).notNull(),
    /** The two romanised forms that matched, for the reviewer. */
    explanation: text('explanation').notNull(),
    origin: text('origin', { enum: ['onboarding', 'rescreen', 'manual'] }).notNull(),
    status: text('status', { enum: ['pending', 'awaiting_approval', 'confirmed', 'false_positive'] }).notNull(),
    decision: text('decision', { enum: ['confirmed', 'false_positive'] }),
    reason: text('reason'),
    reviewedBy: text('reviewed_by'),
    reviewedById: uuid('reviewed_by_id'),
    reviewedAt: ts('reviewed_at'),
    approvedBy: text('approved_by'),
    approvedAt: ts('approved_at'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    // One hit per customer and list entry, whichever version or run found it: re-screening is idempotent.
    uniqueIndex('sanctions_hits_customer_entry_uq').on(t.customerId, t.listCode, t.entryRef),
    index('sanctions_hits_status_idx').on(t.status, t.createdAt),
  ],
);

export const sanctionsRescreens = pgTable(
  'sanctions_rescreens',
  {
    id: uuid('id').primaryKey(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => sanctionsListVersions.id),
    status: text('status', { enum: ['pending', 'running', 'done'] }).notNull(),
    /** The last customer id screened: the run resumes after it. */
    cursor: uuid('cursor'),
    screened: integer('screened').notNull().default(0),
    hits: integer('hits').notNull().default(0),
    createdAt: ts('created_at').notNull(),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
  },
  (t) => [index('sanctions_rescreens_status_idx').on(t.status, t.createdAt)],
);

export const payeeAccounts = pgTable(
  'payee_accounts',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id').notNull(),
    /** Whose account: the student's (living costs) or the school's (tuition) for this borrower. */
    payee: text('payee', { enum: ['student', 'school'] }).notNull(),
    holderName: text('holder_name').notNull(),
    bankName: text('bank_name').notNull(),
    accountEnc: text('account_enc').notNull(),
    accountHash: text('account_hash').notNull(),
    accountMasked: text('account_masked').notNull(),
    /** pending: a change awaiting re-verification; active: the account disbursements go to. */
    status: text('status', { enum: ['pending', 'active', 'superseded', 'rejected'] }).notNull(),
    isChange: boolean('is_change').notNull().default(false),
    reason: text('reason'),
    requestedBy: text('requested_by'),
    requestedAt: ts('requested_at').notNull(),
    coolingOffUntil: ts('cooling_off_until'),
    verifiedBy: text('verified_by'),
    verifiedAt: ts('verified_at'),
    verificationNote: text('verification_note'),
    verificationId: uuid('verification_id'),
    decidedAt: ts('decided_at'),
  },
  (t) => [index('payee_accounts_customer_idx').on(t.customerId, t.payee, t.requestedAt)],
);

export const sarCases = pgTable(
  'sar_cases',
  {
    id: uuid('id').primaryKey(),
    reference: text('reference').notNull(),
    customerId: uuid('customer_id').notNull(),
    status: text('status', { enum: ['open', 'investigating', 'filed', 'closed_no_filing'] }).notNull(),
    typology: text('typology').notNull(),
    summary: text('summary').notNull(),
    detectedAt: ts('detected_at').notNull(),
    /** 30 days after detection (31 CFR 1020.320); configurable. */
    filingDueAt: ts('filing_due_at').notNull(),
    filedAt: ts('filed_at'),
    filingReference: text('filing_reference'),
    closedReason: text('closed_reason'),
    assignedTo: text('assigned_to'),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('sar_cases_reference_uq').on(t.reference),
    index('sar_cases_status_due_idx').on(t.status, t.filingDueAt),
    index('sar_cases_customer_idx').on(t.customerId),
  ],
);

export const sarEvidence = pgTable(
  'sar_evidence',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => sarCases.id),
    kind: text('kind', { enum: ['transaction', 'note', 'attachment'] }).notNull(),
    /** transaction: the servicing journal snapshot; attachment: file name, type, size, SHA-256. */
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    note: text('note'),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('sar_evidence_case_idx').on(t.caseId, t.createdAt)],
);
