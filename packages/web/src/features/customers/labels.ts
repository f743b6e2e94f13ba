// Labels of the customers vocabulary in the user's language. Every value of every list here
// has a key in both locale files (src/i18n/locales.test.ts checks it).
import {
  CHANNELS,
  CLASSIFICATION_AXES,
  CONSENT_PURPOSES,
  CREDIT_FILE_STATUSES,
  CREDIT_RECORD_CLASSES,
  CUSTOMER_STATUSES,
  ECONOMIC_STATUSES,
  EDUCATION_LEVELS,
  ENROLMENT_STATUSES,
  GENDERS,
  LOAN_NEEDS,
  NATIONAL_ID_TYPES,
  NEED_INDICATORS,
  RELATIONSHIPS,
  SCHOOL_TYPES,
  type ClassificationAxis,
} from '@bursar/core/customers-vocabulary';
import type { TFunction } from 'i18next';

/** Where each list's labels live in the locale files. */
export const VOCABULARY = {
  level: { values: EDUCATION_LEVELS, prefix: 'vocab.level' },
  enrolmentStatus: { values: ENROLMENT_STATUSES, prefix: 'vocab.enrolmentStatus' },
  economicStatus: { values: ECONOMIC_STATUSES, prefix: 'vocab.economicStatus' },
  creditRecord: { values: CREDIT_RECORD_CLASSES, prefix: 'vocab.creditRecord' },
  loanNeed: { values: LOAN_NEEDS, prefix: 'vocab.loanNeed' },
  needIndicator: { values: NEED_INDICATORS, prefix: 'vocab.needIndicator' },
  fileStatus: { values: CREDIT_FILE_STATUSES, prefix: 'vocab.fileStatus' },
  customerStatus: { values: CUSTOMER_STATUSES, prefix: 'vocab.customerStatus' },
  gender: { values: GENDERS, prefix: 'vocab.gender' },
  channel: { values: CHANNELS, prefix: 'vocab.channel' },
  relationship: { values: RELATIONSHIPS, prefix: 'vocab.relationship' },
  consentPurpose: { values: CONSENT_PURPOSES, prefix: 'vocab.consentPurpose' },
  consentSource: { values: ['web', 'app', 'paper', 'phone', 'import', 'api'], prefix: 'vocab.consentSource' },
  idType: { values: NATIONAL_ID_TYPES, prefix: 'vocab.idType' },
  schoolType: { values: SCHOOL_TYPES, prefix: 'vocab.schoolType' },
  axis: { values: CLASSIFICATION_AXES, prefix: 'vocab.axis' },
  duplicateReason: { values: ['national_id', 'phone', 'name_dob_school', 'name_dob'], prefix: 'vocab.duplicateReason' },
  taskStatus: { values: ['open', 'done', 'cancelled'], prefix: 'vocab.taskStatus' },
} as const;

export type VocabularyName = keyof typeof VOCABULARY;

/** The label of one value; an unknown value (a newer server) shows as it is. */
export function label(t: TFunction, list: VocabularyName, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const key = `${VOCABULARY[list].prefix}.${value}`;
  return t(key, { defaultValue: value });
}

export function options(t: TFunction, list: VocabularyName): { value: string; label: string }[] {
  return VOCABULARY[list].values.map((v) => ({ value: v, label: label(t, list, v) }));
}

/** Which list an axis's values come from. */
export const AXIS_LIST: Record<ClassificationAxis, VocabularyName> = {
  educationLevel: 'level',
  economicStatus: 'economicStatus',
  creditRecord: 'creditRecord',
  loanNeed: 'loanNeed',
};

/** Rule ids the classifier reports (packages/core/src/customers/classification.ts). */
export const CLASSIFICATION_RULES = [
  'edu.enrolment',
  'edu.none',
  'econ.need_indicator',
  'econ.low_income',
  'econ.high_income',
  'econ.middle_income',
  'econ.need_unverified',
  'econ.no_income',
  'econ.no_data',
  'credit.fraud',
  'credit.delinquency',
  'credit.low_score',
  'credit.established',
  'credit.thin',
  'credit.no_record',
  'need.declared',
  'need.study_abroad',
  'need.graduate',
  'need.graduated',
  'need.lifestyle',
  'need.default',
] as const;

export function ruleKey(rule: string): string {
  return `vocab.rule.${rule.replace('.', '_')}`;
}

/** A rule's short name in the user's language; the server's English explanation is shown too. */
export function ruleLabel(t: TFunction, rule: string): string {
  return t(ruleKey(rule), { defaultValue: rule });
}

export function customerName(c: { legalName: string; preferredName: string | null }): string {
  return c.preferredName && c.preferredName !== c.legalName ? `${c.legalName} (${c.preferredName})` : c.legalName;
}
