// Request and response shapes of the customers API (exported to the web app).
import {
  CHANNELS,
  CLASSIFICATION_AXES,
  CONSENT_PURPOSES,
  CREDIT_FILE_STATUSES,
  CUSTOMER_STATUSES,
  EDUCATION_LEVELS,
  ENROLMENT_STATUSES,
  GENDERS,
  LANGUAGES,
  LOAN_NEEDS,
  NATIONAL_ID_TYPES,
  NEED_INDICATORS,
  RELATIONSHIPS,
  SCHOOL_TYPES,
  segmentRuleSchema,
} from '@bursar/core';
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const country = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, 'must be a two-letter ISO country code')
  .transform((s) => s.toUpperCase());
const currency = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, 'must be a three-letter ISO currency code')
  .transform((s) => s.toUpperCase());
const text = (max: number) => z.string().trim().min(1).max(max);
const tag = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}_.:-]+$/u, 'may hold letters, digits, dot, colon, dash and underscore');

export const addressSchema = z.strictObject({
  line1: z.string().trim().max(200).optional(),
  line2: z.string().trim().max(200).optional(),
  city: z.string().trim().max(100).optional(),
  region: z.string().trim().max(100).optional(),
  postalCode: z.string().trim().max(20).optional(),
  country: country.optional(),
});

const addressView = z.object({
  line1: z.string().optional(),
  line2: z.string().optional(),
  city: z.string().optional(),
  region: z.string().optional(),
  postalCode: z.string().optional(),
  country: z.string().optional(),
});

export const enrolmentInput = z.strictObject({
  schoolId: z.string().uuid(),
  programmeId: z.string().uuid().optional(),
  programmeName: text(200).optional(),
  level: z.enum(EDUCATION_LEVELS),
  yearOfStudy: z.number().int().min(1).max(10).optional(),
  startDate: isoDate,
  expectedGraduationDate: isoDate,
  status: z.enum(ENROLMENT_STATUSES).optional(),
});

export const needInput = z.strictObject({
  code: z.enum(NEED_INDICATORS),
  evidenceRef: text(200).optional(),
  /** Mark verified now, by the acting user. */
  verified: z.boolean().optional(),
});

export const householdInput = z.strictObject({
  size: z.number().int().min(1).max(30).optional(),
  annualIncomeMinor: z.number().int().min(0).max(1e13).optional(),
  currency: currency.optional(),
  dependants: z.number().int().min(0).max(30).optional(),
  needs: z.array(needInput).max(NEED_INDICATORS.length).optional(),
});

export const creditRecordInput = z.strictObject({
  bureauName: text(100).optional(),
  bureauScore: z.number().int().min(0).max(1000).optional(),
  scoreDate: isoDate.optional(),
  fileStatus: z.enum(CREDIT_FILE_STATUSES).optional(),
  priorLoans: z.number().int().min(0).max(100).optional(),
  delinquencies: z.number().int().min(0).max(100).optional(),
  fraudFlags: z.array(text(60)).max(20).optional(),
});

export const relatedPartyInput = z.strictObject({
  relationship: z.enum(RELATIONSHIPS),
  name: text(200),
  phone: text(40).optional(),
  nationalIdType: z.enum(NATIONAL_ID_TYPES).optional(),
  nationalId: text(40).optional(),
  email: z.string().trim().email().max(254).optional(),
  occupation: text(100).optional(),
  annualIncomeMinor: z.number().int().min(0).max(1e13).optional(),
  currency: currency.optional(),
});

export const consentInput = z.strictObject({
  purpose: z.enum(CONSENT_PURPOSES),
  granted: z.boolean(),
  source: z.enum(['web', 'app', 'paper', 'phone', 'import', 'api']),
  note: text(500).optional(),
});

const profileFields = {
  externalRef: text(100).optional(),
  legalName: text(200),
  preferredName: text(200).optional(),
  dateOfBirth: isoDate.optional(),
  gender: z.enum(GENDERS).optional(),
  nationalIdType: z.enum(NATIONAL_ID_TYPES).optional(),
  nationalId: text(40).optional(),
  phone: text(40).optional(),
  email: z.string().trim().toLowerCase().email().max(254).optional(),
  address: addressSchema.optional(),
  preferredLanguage: z.enum(LANGUAGES).optional(),
  preferredChannel: z.enum(CHANNELS).optional(),
  declaredLoanPurpose: z.enum(LOAN_NEEDS).optional(),
};

export const createCustomerBody = z.strictObject({
  ...profileFields,
  status: z.enum(['prospect', 'active']).optional(),
  tags: z.array(tag).max(50).optional(),
  enrolment: enrolmentInput.optional(),
  household: householdInput.optional(),
  creditRecord: creditRecordInput.optional(),
  relatedParties: z.array(relatedPartyInput).max(10).optional(),
  consents: z.array(consentInput).max(10).optional(),
  /** Create even though a likely duplicate (same name, birth date and school) exists. */
  allowDuplicate: z.boolean().optional(),
});
export type CreateCustomerInput = z.infer<typeof createCustomerBody>;

const nullable = <T extends z.ZodType>(s: T) => s.nullable().optional();
export const updateCustomerBody = z
  .strictObject({
    externalRef: nullable(text(100)),
    legalName: text(200).optional(),
    preferredName: nullable(text(200)),
    dateOfBirth: nullable(isoDate),
    gender: nullable(z.enum(GENDERS)),
    nationalIdType: nullable(z.enum(NATIONAL_ID_TYPES)),
    nationalId: nullable(text(40)),
    phone: nullable(text(40)),
    email: nullable(z.string().trim().toLowerCase().email().max(254)),
    address: nullable(addressSchema),
    preferredLanguage: z.enum(LANGUAGES).optional(),
    preferredChannel: z.enum(CHANNELS).optional(),
    declaredLoanPurpose: nullable(z.enum(LOAN_NEEDS)),
    status: z.enum(['prospect', 'active']).optional(),
    /** Optimistic concurrency: refuse when the record changed since this version was read. */
    expectedVersion: z.number().int().min(1).optional(),
  })
  .refine((b) => Object.keys(b).filter((k) => k !== 'expectedVersion').length > 0, {
    message: 'give at least one field to change',
  });
export type UpdateCustomerInput = z.infer<typeof updateCustomerBody>;

export const customerListQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  schoolId: z.string().uuid().optional(),
  status: z.enum(CUSTOMER_STATUSES).optional(),
  tag: z.string().max(40).optional(),
  level: z.enum(EDUCATION_LEVELS).optional(),
  economicStatus: z.enum(['financial_need', 'standard', 'self_funded_lifestyle']).optional(),
  creditRecord: z.enum(['established', 'thin_or_none', 'adverse']).optional(),
  loanNeed: z.enum(LOAN_NEEDS).optional(),
  segmentId: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const idParams = z.strictObject({ id: z.string().uuid() });
export const revealQuery = z.strictObject({ reveal: z.enum(['true', 'false']).optional() });

const axisView = z.object({
  value: z.string().nullable(),
  computed: z.object({ value: z.string().nullable(), rule: z.string(), explanation: z.string() }),
  override: z
    .object({ value: z.string(), reason: z.string(), by: z.string().nullable(), at: z.string() })
    .nullable(),
});
export const classificationView = z.object({
  educationLevel: axisView,
  economicStatus: axisView,
  creditRecord: axisView,
  loanNeed: axisView,
  computedAt: z.string(),
});

export const schoolSummary = z.object({
  id: z.string(),
  name: z.string(),
  nameLocal: z.string().nullable(),
  country: z.string(),
});

export const customerSummary = z.object({
  id: z.string().uuid(),
  externalRef: z.string().nullable(),
  legalName: z.string(),
  preferredName: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  nationalId: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  status: z.string(),
  school: schoolSummary.nullable(),
  classes: z.object({
    educationLevel: z.string().nullable(),
    economicStatus: z.string().nullable(),
    creditRecord: z.string().nullable(),
    loanNeed: z.string().nullable(),
  }),
  tags: z.array(z.string()),
  createdAt: z.string(),
});

export const relatedPartyView = z.object({
  id: z.string(),
  relationship: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  nationalIdType: z.string().nullable(),
  nationalId: z.string().nullable(),
  email: z.string().nullable(),
  occupation: z.string().nullable(),
  annualIncomeMinor: z.number().nullable(),
  currency: z.string().nullable(),
});

export const enrolmentView = z.object({
  id: z.string(),
  school: schoolSummary,
  programmeId: z.string().nullable(),
  programmeName: z.string().nullable(),
  level: z.string(),
  yearOfStudy: z.number().nullable(),
  startDate: z.string(),
  expectedGraduationDate: z.string(),
  status: z.string(),
  statusDate: z.string(),
  isCurrent: z.boolean(),
  latestGpa: z.number().nullable(),
  statusHistory: z.array(
    z.object({
      fromStatus: z.string().nullable(),
      toStatus: z.string(),
      effectiveDate: z.string(),
      reason: z.string().nullable(),
      changedBy: z.string().nullable(),
    }),
  ),
  results: z.array(
    z.object({
      term: z.string(),
      gpa: z.number().nullable(),
      gpaScale: z.number().nullable(),
      averageScore: z.number().nullable(),
      creditsEarned: z.number().nullable(),
    }),
  ),
});

export const householdView = z.object({
  size: z.number().nullable(),
  annualIncomeMinor: z.number().nullable(),
  currency: z.string().nullable(),
  dependants: z.number().nullable(),
  needs: z.array(
    z.object({
      code: z.string(),
      evidenceRef: z.string().nullable(),
      verifiedBy: z.string().nullable(),
      verifiedAt: z.string().nullable(),
    }),
  ),
  updatedAt: z.string(),
});

export const creditRecordView = z.object({
  bureauName: z.string().nullable(),
  bureauScore: z.number().nullable(),
  scoreDate: z.string().nullable(),
  fileStatus: z.string().nullable(),
  priorLoans: z.number(),
  delinquencies: z.number(),
  fraudFlags: z.array(z.string()),
  updatedAt: z.string(),
});

export const consentView = z.object({
  purpose: z.string(),
  granted: z.boolean(),
  source: z.string(),
  recordedAt: z.string(),
});

export const customerView = customerSummary.extend({
  gender: z.string().nullable(),
  nationalIdType: z.string().nullable(),
  address: addressView.nullable(),
  preferredLanguage: z.string(),
  preferredChannel: z.string(),
  declaredLoanPurpose: z.string().nullable(),
  mergedInto: z.string().nullable(),
  closedAt: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number(),
  piiRevealed: z.boolean(),
  classification: classificationView,
  relatedParties: z.array(relatedPartyView),
  enrolments: z.array(enrolmentView),
  household: householdView.nullable(),
  creditRecord: creditRecordView.nullable(),
  consents: z.array(consentView),
  openTasks: z.number().int(),
});

export const listResponse = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int() });

export const overrideBody = z.strictObject({
  axis: z.enum(CLASSIFICATION_AXES),
  /** The class to force, or null to go back to the computed rule. */
  value: z.string().nullable(),
  reason: text(500),
});

export const tagsBody = z
  .strictObject({ add: z.array(tag).max(50).optional(), remove: z.array(tag).max(50).optional() })
  .refine((b) => (b.add?.length ?? 0) + (b.remove?.length ?? 0) > 0, {
    message: 'give tags to add or remove',
  });

export const noteBody = z.strictObject({ body: text(5000) });
export const noteView = z.object({
  id: z.string(),
  body: z.string(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
});

export const taskBody = z.strictObject({
  title: text(300),
  dueDate: isoDate.optional(),
  assigneeId: z.string().uuid().optional(),
});
export const taskPatch = z
  .strictObject({
    title: text(300).optional(),
    dueDate: isoDate.nullable().optional(),
    assigneeId: z.string().uuid().nullable().optional(),
    status: z.enum(['open', 'done', 'cancelled']).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'give at least one field to change' });
export const taskView = z.object({
  id: z.string(),
  customerId: z.string(),
  title: z.string(),
  dueDate: z.string().nullable(),
  assigneeId: z.string().nullable(),
  status: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});
export const taskListQuery = z.strictObject({
  assignee: z.enum(['me', 'any']).default('me'),
  status: z.enum(['open', 'done', 'cancelled']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const timelineQuery = z.strictObject({
  before: z.string().datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const timelineView = z.object({
  id: z.string(),
  occurredAt: z.string(),
  kind: z.string(),
  summary: z.string(),
  data: z.unknown(),
  actorName: z.string().nullable(),
});

export const enrolmentStatusBody = z.strictObject({
  status: z.enum(ENROLMENT_STATUSES),
  effectiveDate: isoDate,
  reason: text(500).optional(),
});
export const termResultBody = z
  .strictObject({
    term: z
      .string()
      .trim()
      .regex(/^\d{4}-(spring|summer|fall|autumn|winter|1|2|3)$/, 'must look like 2025-fall or 2025-1'),
    gpa: z.number().min(0).max(100).optional(),
    gpaScale: z.number().min(1).max(100).optional(),
    averageScore: z.number().min(0).max(100).optional(),
    creditsEarned: z.number().min(0).max(200).optional(),
  })
  .refine((b) => b.gpa !== undefined || b.averageScore !== undefined, {
    message: 'give a GPA or an average score',
    path: ['gpa'],
  });
export const enrolmentParams = z.strictObject({ id: z.string().uuid(), enrolmentId: z.string().uuid() });
export const partyParams = z.strictObject({ id: z.string().uuid(), partyId: z.string().uuid() });
export const taskParams = z.strictObject({ id: z.string().uuid(), taskId: z.string().uuid() });

export const reasonBody = z.strictObject({ reason: text(500) });

export const piiView = z.object({
  nationalIdType: z.string().nullable(),
  nationalId: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  relatedParties: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      phone: z.string().nullable(),
      nationalId: z.string().nullable(),
      email: z.string().nullable(),
    }),
  ),
});

// Schools ---------------------------------------------------------------------------------------

export const schoolView = z.object({
  id: z.string(),
  name: z.string(),
  nameLocal: z.string().nullable(),
  country: z.string(),
  region: z.string().nullable(),
  city: z.string().nullable(),
  type: z.string(),
  highestLevel: z.string().nullable(),
  programmeYears: z.number().nullable(),
  externalCode: z.string().nullable(),
  cohortDefaultRate: z.number().nullable(),
  source: z.string(),
});
export const schoolListQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  country: country.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export const createSchoolBody = z.strictObject({
  name: text(300),
  nameLocal: text(300).optional(),
  country,
  region: text(100).optional(),
  city: text(100).optional(),
  type: z.enum(SCHOOL_TYPES),
  highestLevel: z.enum(EDUCATION_LEVELS).optional(),
  programmeYears: z.number().min(0.5).max(10).optional(),
  externalCode: text(40).optional(),
});
export type CreateSchoolInput = z.infer<typeof createSchoolBody>;
export const programmeBody = z.strictObject({
  name: text(200),
  level: z.enum(EDUCATION_LEVELS),
  lengthYears: z.number().min(0.5).max(10).optional(),
});
export const programmeView = z.object({
  id: z.string(),
  schoolId: z.string(),
  name: z.string(),
  level: z.string(),
  lengthYears: z.number().nullable(),
});

// Duplicates and merge --------------------------------------------------------------------------

export const duplicateCheckBody = z.strictObject({
  legalName: text(200),
  dateOfBirth: isoDate.optional(),
  schoolId: z.string().uuid().optional(),
  nationalIdType: z.enum(NATIONAL_ID_TYPES).optional(),
  nationalId: text(40).optional(),
  phone: text(40).optional(),
});
export const duplicateCandidate = z.object({
  customer: customerSummary,
  reasons: z.array(z.enum(['national_id', 'phone', 'name_dob_school', 'name_dob'])),
});
export const mergeBody = z.strictObject({ duplicateId: z.string().uuid(), reason: text(500).optional() });
export const mergePreview = z.object({
  survivor: customerSummary,
  merged: customerSummary,
  /** Fields the survivor lacks that it takes from the duplicate. */
  filledFromDuplicate: z.array(z.string()),
  moves: z.record(z.string(), z.number().int()),
  tagsAfter: z.array(z.string()),
});
export const mergeResult = z.object({ mergeId: z.string(), survivor: customerSummary });
export const mergeParams = z.strictObject({ mergeId: z.string().uuid() });

// Segments --------------------------------------------------------------------------------------

export const segmentBody = z.strictObject({
  name: text(200),
  description: text(1000).optional(),
  rule: segmentRuleSchema,
});
export const segmentPatch = z
  .strictObject({
    name: text(200).optional(),
    description: text(1000).nullable().optional(),
    rule: segmentRuleSchema.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'give at least one field to change' });
export const segmentPreviewBody = z.strictObject({ rule: segmentRuleSchema });
export const segmentView = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  rule: z.unknown(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const snapshotView = z.object({
  id: z.string(),
  segmentId: z.string(),
  takenAt: z.string(),
  memberCount: z.number().int(),
  takenBy: z.string().nullable(),
});
export const countView = z.object({ count: z.number().int(), tookMs: z.number() });
export const exportQuery = z.strictObject({
  reveal: z.enum(['true', 'false']).optional(),
  snapshotId: z.string().uuid().optional(),
});

// Import ------------------------------------------------------------------------------------------

export const importQuery = z.strictObject({
  dryRun: z.enum(['true', 'false']).default('false'),
  fileName: z.string().max(200).optional(),
  format: z.enum(['csv', 'xlsx']).optional(),
  /** Answer when the import has finished instead of at once (small files, scripts). */
  wait: z.enum(['true', 'false']).default('false'),
});
export const importRowError = z.object({ row: z.number().int(), field: z.string(), reason: z.string() });
export const importJobView = z.object({
  id: z.string(),
  fileName: z.string().nullable(),
  format: z.string(),
  dryRun: z.boolean(),
  status: z.enum(['running', 'done', 'failed']),
  totalRows: z.number().int(),
  processedRows: z.number().int(),
  createdRows: z.number().int(),
  skippedRows: z.number().int(),
  failedRows: z.number().int(),
  errors: z.array(importRowError),
  warnings: z.array(importRowError),
  startedBy: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
