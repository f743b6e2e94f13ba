// Request and response schemas of the KYC / AML routes (zod: validation and OpenAPI at once).
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1).max(max);

export const customerParams = z.object({ customerId: z.uuid() });
export const idParams = z.object({ id: z.uuid() });
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

// ---- identity verification ---------------------------------------------------------------------
export const verifyBody = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('cn_national_id'),
    name: text(100),
    idNumber: text(30),
    selfieSha256: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be a SHA-256 in hex'),
    trigger: z.enum(['onboarding', 'payee_change', 'manual']).default('manual'),
  }),
  z.object({
    kind: z.literal('us_cip'),
    name: text(100),
    dateOfBirth: isoDate,
    address: z.object({ line1: text(200), city: text(100), region: text(50), postalCode: text(12) }),
    taxId: z.string().trim().regex(/^\d{3}-?\d{2}-?\d{4}$/, 'must be an SSN or ITIN: 9 digits'),
    trigger: z.enum(['onboarding', 'payee_change', 'manual']).default('manual'),
  }),
]);

export const verificationSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  kind: z.enum(['cn_national_id', 'us_cip']),
  provider: z.string(),
  providerRef: z.string(),
  outcome: z.enum(['pass', 'fail', 'review']),
  reasons: z.array(z.string()),
  faceMatchScore: z.number().nullable(),
  subjectName: z.string(),
  idNumber: z.string(),
  trigger: z.string(),
  requestedBy: z.string().nullable(),
  createdAt: z.string(),
});

// ---- sanctions ---------------------------------------------------------------------------------
const listCode = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, 'must be a lower-case code such as ofac_sdn or un_consolidated');

export const importBody = z.discriminatedUnion('format', [
  z.object({
    format: z.literal('ofac_sdn'),
    listCode: listCode.default('ofac_sdn'),
    sourceName: text(200),
    sdnCsv: z.string().min(1, 'the sdn.csv file is empty'),
    altCsv: z.string().optional(),
  }),
  z.object({
    format: z.literal('generic_csv'),
    listCode,
    sourceName: text(200),
    csv: z.string().min(1, 'the file is empty'),
  }),
]);

export const listVersionSchema = z.object({
  id: z.string(),
  listCode: z.string(),
  version: z.number(),
  format: z.string(),
  sourceName: z.string(),
  checksum: z.string(),
  rowCount: z.number(),
  entryCount: z.number(),
  aliasCount: z.number(),
  importedBy: z.string().nullable(),
  importedAt: z.string(),
});
export const rescreenSchema = z.object({
  id: z.string(),
  versionId: z.string(),
  status: z.enum(['pending', 'running', 'done']),
  screened: z.number(),
  hits: z.number(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export const importResultSchema = z.object({
  version: listVersionSchema,
  unchanged: z.boolean(),
  rescreenId: z.string().nullable(),
});
const nameSchema = z.object({ name: z.string(), kind: z.string() });
export const entrySchema = z.object({
  id: z.string(),
  entryRef: z.string(),
  primaryName: z.string(),
  entryType: z.string(),
  programs: z.string().nullable(),
  remarks: z.string().nullable(),
  birthDates: z.array(z.string()),
  names: z.array(nameSchema),
});

export const hitSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  listCode: z.string(),
  entryRef: z.string(),
  versionId: z.string(),
  customerName: z.string(),
  matchedName: z.string(),
  score: z.number(),
  explanation: z.string(),
  origin: z.string(),
  status: z.enum(['pending', 'awaiting_approval', 'confirmed', 'false_positive']),
  decision: z.string().nullable(),
  reason: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  createdAt: z.string(),
  entry: entrySchema.omit({ id: true, entryRef: true }).nullable(),
});
export const hitsQuery = pageQuery.extend({
  status: z.enum(['pending', 'awaiting_approval', 'confirmed', 'false_positive']).optional(),
});
export const reviewBody = z.object({
  decision: z.enum(['confirmed', 'false_positive']),
  reason: text(1000),
});
export const approveBody = z.object({ approve: z.boolean(), reason: z.string().trim().max(1000).optional() });
export const screenResultSchema = z.object({
  customerId: z.string(),
  screenedAt: z.string(),
  newHits: z.number(),
  hits: z.array(hitSchema),
});

// ---- payee accounts ----------------------------------------------------------------------------
export const accountBody = z.object({
  payee: z.enum(['student', 'school']),
  holderName: text(200),
  bankName: text(200),
  accountNumber: text(40),
  reason: z.string().trim().max(1000).optional(),
});
export const accountSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  payee: z.enum(['student', 'school']),
  holderName: z.string(),
  bankName: z.string(),
  account: z.string(),
  status: z.enum(['pending', 'active', 'superseded', 'rejected']),
  isChange: z.boolean(),
  reason: z.string().nullable(),
  requestedBy: z.string().nullable(),
  requestedAt: z.string(),
  coolingOffUntil: z.string().nullable(),
  inCoolingOff: z.boolean(),
  verifiedBy: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  verificationNote: z.string().nullable(),
  verificationId: z.string().nullable(),
  decidedAt: z.string().nullable(),
  payable: z.boolean(),
});
export const accountChangeSchema = accountSchema.extend({ customerName: z.string().nullable() });
export const changesQuery = z.object({ status: z.enum(['pending', 'active', 'superseded', 'rejected']).optional() });
export const verifyChangeBody = z.object({
  method: z.enum(['callback', 'identity_check']),
  note: text(1000),
  verificationId: z.uuid().optional(),
});
export const rejectBody = z.object({ reason: text(1000) });

export const customerKycSchema = z.object({
  customerId: z.string(),
  verifications: z.array(verificationSchema),
  hits: z.array(hitSchema),
  accounts: z.array(accountSchema),
  clearance: z.object({ blocked: z.boolean(), confirmed: z.number(), unresolved: z.number() }),
});

// ---- suspicious-activity cases -----------------------------------------------------------------
export const sarCaseSchema = z.object({
  id: z.string(),
  reference: z.string(),
  customerId: z.string(),
  customerName: z.string().nullable(),
  status: z.enum(['open', 'investigating', 'filed', 'closed_no_filing']),
  typology: z.string(),
  summary: z.string(),
  detectedAt: z.string(),
  filingDueAt: z.string(),
  overdue: z.boolean(),
  daysLeft: z.number().nullable(),
  filedAt: z.string().nullable(),
  filingReference: z.string().nullable(),
  closedReason: z.string().nullable(),
  assignedTo: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const evidenceSchema = z.object({
  id: z.string(),
  kind: z.enum(['transaction', 'note', 'attachment']),
  data: z.record(z.string(), z.unknown()),
  note: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export const sarCaseDetailSchema = sarCaseSchema.extend({ evidence: z.array(evidenceSchema) });
export const SAR_TYPOLOGIES = [
  'structuring',
  'unusual_repayment_source',
  'rapid_overpayment_refund',
  'identity_fraud',
  'third_party_payments',
  'sanctions_evasion',
  'other',
] as const;
export const openCaseBody = z.object({
  customerId: z.uuid(),
  typology: z.enum(SAR_TYPOLOGIES),
  summary: text(4000),
  detectedAt: z.iso.datetime({ offset: true }).optional(),
  assignedTo: z.string().trim().max(200).optional(),
});
export const casesQuery = z.object({ open: z.enum(['true', 'false']).optional() });
export const evidenceBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('note'), note: text(4000) }),
  z.object({ kind: z.literal('transaction'), loanId: z.uuid(), journalId: z.string().regex(/^\d+$/, 'must be a journal number'), note: z.string().trim().max(4000).optional() }),
  z.object({
    kind: z.literal('attachment'),
    fileName: text(255),
    contentType: text(100),
    sizeBytes: z.number().int().min(0).max(1_000_000_000),
    sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, 'must be a SHA-256 in hex'),
    note: z.string().trim().max(4000).optional(),
  }),
]);
export const transitionBody = z.discriminatedUnion('status', [
  z.object({ status: z.literal('investigating') }),
  z.object({
    status: z.literal('filed'),
    filingReference: text(100),
    filedAt: z.iso.datetime({ offset: true }).optional(),
  }),
  z.object({ status: z.literal('closed_no_filing'), reason: text(2000) }),
]);
