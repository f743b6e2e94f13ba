// Origination's tables: applications and their documents, decisions, offers, e-contracts with
// their signatures and one-time codes, and disbursements. Personal data in an application's
// answers (the national ID) is stored encrypted; the rest of the answers are plain JSON.
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { day, money, ts } from '../../db/columns.ts';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const originationApplications = pgTable(
  'origination_applications',
  {
    id: uuid('id').primaryKey(),
    /** A number staff and students quote: A00000001. */
    applicationNumber: text('application_number').notNull(),
    customerId: uuid('customer_id').notNull(),
    channel: text('channel', { enum: ['portal', 'branch', 'campus_event'] }).notNull(),
    status: text('status', {
      enum: [
        'draft',
        'submitted',
        'referred',
        'pending_approval',
        'approved',
        'contracted',
        'disbursed',
        'declined',
        'withdrawn',
      ],
    }).notNull(),
    /** The wizard's answers (core's ApplicationSections), with identity.nationalId removed. */
    answers: jsonb('answers').notNull(),
    nationalIdEnc: text('national_id_enc'),
    /** Keyed blind index of the national ID: duplicate checks without decrypting. */
    nationalIdHash: text('national_id_hash'),
    productCode: text('product_code'),
    schoolId: uuid('school_id'),
    currency: text('currency'),
    requestedTotal: money('requested_total'),
    enrolmentCheck: text('enrolment_check', { enum: ['pending', 'confirmed', 'rejected'] })
      .notNull()
      .default('pending'),
    enrolmentCheckedBy: text('enrolment_checked_by'),
    enrolmentCheckedAt: ts('enrolment_checked_at'),
    enrolmentNote: text('enrolment_note'),
    /** Identity and duplicate checks when submitted: { duplicateOf: [...], fraudFlags: [...] }. */
    checks: jsonb('checks'),
    cosignerConsentAt: ts('cosigner_consent_at'),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    submittedAt: ts('submitted_at'),
    decidedAt: ts('decided_at'),
    /** Seconds from submission to the final decision (approval after four eyes, or decline). */
    decisionSeconds: integer('decision_seconds'),
    firstDisbursedAt: ts('first_disbursed_at'),
    loanId: uuid('loan_id'),
  },
  (t) => [
    uniqueIndex('origination_applications_number').on(t.applicationNumber),
    index('origination_applications_customer').on(t.customerId),
    index('origination_applications_status').on(t.status, t.submittedAt),
    index('origination_applications_school').on(t.schoolId),
    index('origination_applications_nid').on(t.nationalIdHash),
  ],
);

export const originationDocuments = pgTable(
  'origination_documents',
  {
    id: uuid('id').primaryKey(),
    applicationId: uuid('application_id').notNull(),
    kind: text('kind', {
      enum: [
        'admission_letter',
        'enrolment_certificate',
        'identity_document',
        'household_need_evidence',
        'cosigner_consent',
      ],
    }).notNull(),
    fileName: text('file_name').notNull(),
    /** Recognised from the file's first bytes, not its name. */
    mediaType: text('media_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: text('uploaded_by'),
    uploadedAt: ts('uploaded_at').notNull(),
  },
  (t) => [index('origination_documents_application').on(t.applicationId)],
);

/** Every decision act: the policy's evaluation, an officer's decision, a second approval. */
export const originationDecisions = pgTable(
  'origination_decisions',
  {
    id: uuid('id').primaryKey(),
    applicationId: uuid('application_id').notNull(),
    kind: text('kind', { enum: ['first', 'second'] }).notNull(),
    outcome: text('outcome', { enum: ['approve', 'decline', 'refer'] }).notNull(),
    policyOutcome: text('policy_outcome', { enum: ['approve', 'decline', 'refer'] }).notNull(),
    /** Rules fired (core's FiredRule[]). */
    rules: jsonb('rules').notNull(),
    /** Score, PD, grade, model and reason codes from the risk module, or null (policy only). */
    score: jsonb('score'),
    reasons: jsonb('reasons').notNull(),
    approvedAmount: money('approved_amount'),
    needsSecondApproval: boolean('needs_second_approval').notNull().default(false),
    secondApprovalWhy: jsonb('second_approval_why'),
    note: text('note'),
    decidedById: uuid('decided_by_id'),
    decidedBy: text('decided_by'),
    decidedAt: ts('decided_at').notNull(),
  },
  (t) => [index('origination_decisions_application').on(t.applicationId, t.decidedAt)],
);

export const originationOffers = pgTable(
  'origination_offers',
  {
    id: uuid('id').primaryKey(),
    applicationId: uuid('application_id').notNull(),
    productCode: text('product_code').notNull(),
    productVersion: integer('product_version').notNull(),
    currency: text('currency').notNull(),
    amount: money('amount').notNull(),
    baseRate: text('base_rate').notNull(),
    rate: text('rate').notNull(),
    adjustments: jsonb('adjustments').notNull(),
    /** One tranche per academic year (core's TranchePlan[]). */
    tranches: jsonb('tranches').notNull(),
    preview: jsonb('preview').notNull(),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [uniqueIndex('origination_offers_application').on(t.applicationId)],
);

/**
 * Contracts are versioned: an amendment is a new version, the old one is superseded. Once a
 * version has a signature its document never changes (a trigger refuses it), and the sealed PDF
 * is written once.
 */
export const originationContracts = pgTable(
  'origination_contracts',
  {
    id: uuid('id').primaryKey(),
    applicationId: uuid('application_id').notNull(),
    contractNumber: text('contract_number').notNull(),
    version: integer('version').notNull(),
    templateVersion: text('template_version').notNull(),
    language: text('language', { enum: ['en', 'zh-CN'] }).notNull(),
    status: text('status', { enum: ['pending_signature', 'signed', 'superseded'] }).notNull(),
    document: bytea('document').notNull(),
    documentSha256: text('document_sha256').notNull(),
    electronicConsentAt: ts('electronic_consent_at'),
    sealed: bytea('sealed'),
    sealedSha256: text('sealed_sha256'),
    sealedAt: ts('sealed_at'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('origination_contracts_version').on(t.contractNumber, t.version),
    index('origination_contracts_application').on(t.applicationId),
    index('origination_contracts_sealed_sha').on(t.sealedSha256),
  ],
);

export const originationSignatures = pgTable(
  'origination_signatures',
  {
    id: uuid('id').primaryKey(),
    contractId: uuid('contract_id').notNull(),
    party: text('party', { enum: ['borrower', 'cosigner'] }).notNull(),
    signerName: text('signer_name').notNull(),
    signerUserId: uuid('signer_user_id'),
    signedAt: ts('signed_at').notNull(),
    ip: text('ip'),
    method: text('method').notNull(),
    /** SHA-256 of the exact document this party signed. */
    documentSha256: text('document_sha256').notNull(),
  },
  (t) => [uniqueIndex('origination_signatures_party').on(t.contractId, t.party)],
);

export const originationSigningCodes = pgTable('origination_signing_codes', {
  id: uuid('id').primaryKey(),
  contractId: uuid('contract_id').notNull(),
  party: text('party', { enum: ['borrower', 'cosigner'] }).notNull(),
  codeHash: text('code_hash').notNull(),
  messageId: uuid('message_id'),
  attempts: integer('attempts').notNull().default(0),
  expiresAt: ts('expires_at').notNull(),
  usedAt: ts('used_at'),
  createdAt: ts('created_at').notNull(),
});

export const originationDisbursements = pgTable(
  'origination_disbursements',
  {
    id: uuid('id').primaryKey(),
    applicationId: uuid('application_id').notNull(),
    contractId: uuid('contract_id').notNull(),
    tranche: integer('tranche').notNull(),
    academicYear: text('academic_year').notNull(),
    amount: money('amount').notNull(),
    currency: text('currency').notNull(),
    payee: text('payee', { enum: ['school', 'student'] }).notNull(),
    /** The caller's key: the same key twice posts once. */
    idempotencyKey: text('idempotency_key').notNull(),
    status: text('status', { enum: ['pending', 'posted', 'failed', 'cancelled'] }).notNull(),
    loanId: uuid('loan_id'),
    journalId: bigint('journal_id', { mode: 'number' }),
    valueDate: day('value_date'),
    failure: text('failure'),
    cancelledAt: ts('cancelled_at'),
    cancelReason: text('cancel_reason'),
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull(),
    postedAt: ts('posted_at'),
  },
  (t) => [
    uniqueIndex('origination_disbursements_key').on(t.idempotencyKey),
    uniqueIndex('origination_disbursements_tranche')
      .on(t.applicationId, t.tranche)
      .where(sql`status in ('pending', 'posted')`),
  ],
);
