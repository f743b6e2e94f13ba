// The server allows rules 8 deep; a NOT adds a level, so groups may nest 4 deep in the editor.
export const MAX_DEPTH = 4;

/** Every operator the segment API knows (packages/core/src/customers/segment-rules.ts). */
export const OPERATORS = [
  'eq', 'neq', 'in', 'notIn', 'contains', 'startsWith', 'gt', 'gte', 'lt', 'lte', 'between',
  'isNull', 'isNotNull', 'hasAny', 'hasAll', 'hasNone', 'isEmpty', 'isNotEmpty',
] as const;

/** Every field the segment API offers, for the translation check. */
export const FIELDS = [
  'customer.status', 'customer.gender', 'customer.age', 'customer.dateOfBirth', 'customer.country', 'customer.region',
  'customer.city', 'customer.preferredLanguage', 'customer.preferredChannel', 'customer.createdAt', 'customer.tags',
  'enrolment.level', 'enrolment.status', 'enrolment.schoolId', 'enrolment.schoolCountry', 'enrolment.yearOfStudy',
  'enrolment.expectedGraduationDate', 'enrolment.latestGpa', 'household.size', 'household.annualIncome',
  'household.perCapitaIncome', 'household.dependants', 'household.needIndicators', 'credit.bureauScore',
  'credit.delinquencies', 'credit.fileStatus', 'class.educationLevel', 'class.economicStatus', 'class.creditRecord',
  'class.loanNeed', 'consent.service', 'consent.marketing', 'consent.dataSharing',
] as const;

export const FIELD_GROUPS = ['customer', 'enrolment', 'household', 'credit', 'class', 'consent'] as const;
