// Origination's words, shared by server and web: stages, channels, documents, outcomes.
import type { NeedIndicator } from '../customers/vocabulary.ts';

/** Where an application is, in order; `declined` and `withdrawn` end it early. */
export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'referred',
  'pending_approval',
  'approved',
  'contracted',
  'disbursed',
  'declined',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Funnel stages: the furthest point an application reached. */
export const FUNNEL_STAGES = [
  'draft',
  'submitted',
  'decided',
  'approved',
  'contracted',
  'disbursed',
] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** How the application reached us: the portal, or staff entering it at a branch or a campus event. */
export const APPLICATION_CHANNELS = ['portal', 'branch', 'campus_event'] as const;
export type ApplicationChannel = (typeof APPLICATION_CHANNELS)[number];

export const DOCUMENT_KINDS = [
  'admission_letter',
  'enrolment_certificate',
  'identity_document',
  'household_need_evidence',
  'cosigner_consent',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Accepted upload types, recognised by their first bytes (never the file name). */
export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

export const DECISION_OUTCOMES = ['approve', 'decline', 'refer'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const ENROLMENT_CHECKS = ['pending', 'confirmed', 'rejected'] as const;
export type EnrolmentCheck = (typeof ENROLMENT_CHECKS)[number];

export const PAYEES = ['school', 'student'] as const;
export type Payee = (typeof PAYEES)[number];

export const SIGNER_PARTIES = ['borrower', 'cosigner'] as const;
export type SignerParty = (typeof SIGNER_PARTIES)[number];

export const ACADEMIC_RESULTS = ['excellent', 'good', 'pass'] as const;
export type AcademicResult = (typeof ACADEMIC_RESULTS)[number];

/**
 * Household need indicators an application may claim. Disability is a protected attribute:
 * origination never asks for it, so it cannot reach a decision through the need flag.
 */
export const APPLICATION_NEEDS = [
  'low_income',
  'poverty_registered',
  'orphan',
  'disaster_affected',
  'first_generation',
] as const satisfies readonly NeedIndicator[];
export type ApplicationNeed = (typeof APPLICATION_NEEDS)[number];

/** Attributes that never enter a credit decision (age only for legal capacity). */
export const PROTECTED_ATTRIBUTES = [
  'sex',
  'gender',
  'maritalStatus',
  'ethnicity',
  'religion',
  'nationality',
  'disability',
] as const;
