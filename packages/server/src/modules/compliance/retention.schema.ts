// Request and response shapes of the data-protection and regulator-reporting routes.
import { z } from 'zod';

export const region = z.enum(['cn', 'us', 'eu']);
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD');
export const idParams = z.object({ id: z.uuid() });
const reason = z.string().trim().min(3).max(500);

export const recordTypeParams = z.object({ recordType: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/) });
export const retentionRuleBody = z
  .object({
    periodMonths: z.number().int().min(1).max(1200),
    triggerEvent: z.string().trim().min(2).max(60),
    action: z.enum(['anonymise', 'delete']),
    legalBasisEn: z.string().trim().min(3).max(1000),
    legalBasisZh: z.string().trim().min(2).max(1000),
    enabled: z.boolean(),
  })
  .strict();
export const retentionRule = retentionRuleBody.extend({
  recordType: z.string(),
  enforcedByJob: z.boolean(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});

export const holdBody = z
  .object({
    subjectType: z.enum(['customer', 'loan', 'case']),
    subjectId: z.uuid(),
    customerId: z.uuid().optional(),
    reason,
  })
  .strict();
export const releaseBody = z.object({ reason }).strict();
export const holdsQuery = z.object({ active: z.enum(['true', 'false']).default('true') });
export const legalHold = z.object({
  id: z.string(),
  subjectType: z.enum(['customer', 'loan', 'case']),
  subjectId: z.string(),
  customerId: z.string(),
  customerName: z.string().nullable(),
  reason: z.string(),
  placedBy: z.string().nullable(),
  placedAt: z.string(),
  releasedBy: z.string().nullable(),
  releasedAt: z.string().nullable(),
  releaseReason: z.string().nullable(),
  active: z.boolean(),
});

const counts = z.object({ anonymised: z.number(), deleted: z.number(), held: z.number(), kept: z.number() });
export const retentionRun = z.object({
  id: z.string(),
  asOf: z.string(),
  status: z.enum(['running', 'completed', 'failed']),
  counts: z.record(z.string(), counts),
  errors: z.array(z.object({ recordType: z.string(), subjectHash: z.string(), message: z.string() })),
  batches: z.number(),
  cursor: z.object({ recordType: z.string(), afterId: z.string().nullable() }).nullable(),
  triggeredBy: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  evidenceSha256: z.string().nullable(),
});
export const runRetentionBody = z
  .object({
    asOf: isoDate.optional(),
    batchSize: z.number().int().min(1).max(5000).optional(),
    maxBatches: z.number().int().min(1).optional(),
  })
  .strict();

export const residency = z.object({
  configured: region.nullable(),
  declared: region.nullable(),
  declaredAt: z.string().nullable(),
  allowedExportRegions: z.array(z.string()),
});

export const regime = z.enum(['PIPL', 'GDPR', 'CCPA']);
export const dsrKind = z.enum(['access', 'correction', 'deletion']);
export const dsr = z.object({
  id: z.string(),
  reference: z.string(),
  customerId: z.string(),
  kind: dsrKind,
  regime,
  channel: z.enum(['portal', 'staff']),
  details: z.string(),
  receivedOn: z.string(),
  dueOn: z.string(),
  daysLeft: z.number(),
  status: z.enum(['open', 'completed', 'refused']),
  outcome: z.string().nullable(),
  outcomeReason: z.string().nullable(),
  evidenceSha256: z.string().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  completedBy: z.string().nullable(),
});
export const fileDsrBody = z
  .object({
    customerId: z.uuid(),
    kind: dsrKind,
    regime: regime.optional(),
    details: z.string().trim().min(3).max(4000),
    receivedOn: isoDate.optional(),
  })
  .strict();
export const portalDsrBody = z
  .object({ kind: dsrKind, regime: regime.optional(), details: z.string().trim().min(3).max(4000) })
  .strict();
export const dsrQuery = z.object({
  status: z.enum(['open', 'completed', 'refused']).optional(),
  customerId: z.uuid().optional(),
});
export const accessBody = z.object({ destinationRegion: region.optional() }).strict();
export const accessPackage = z.object({
  request: dsr,
  fileName: z.string(),
  sha256: z.string(),
  content: z.string(),
});
export const correctionBody = z.object({ outcome: z.string().trim().min(3).max(2000) }).strict();
export const refuseBody = z.object({ reason }).strict();
export const deadlineRules = z.record(
  z.string(),
  z.object({
    unit: z.enum(['months', 'calendar-days', 'working-days']),
    amount: z.number(),
    calendar: z.string().optional(),
    source: z.string(),
  }),
);

export const reportKind = z.enum(['east', 'nslds', 'complaints']);
export const reportRun = z.object({
  id: z.string(),
  report: reportKind,
  period: z.string(),
  version: z.number(),
  status: z.enum(['released', 'rejected']),
  destinationRegion: z.string(),
  files: z.array(z.object({ name: z.string(), sha256: z.string(), records: z.number(), bytes: z.number() })),
  issues: z.array(z.object({ file: z.string(), line: z.number(), field: z.string(), message: z.string() })),
  totals: z.record(z.string(), z.union([z.string(), z.number()])),
  sha256: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export const runReportBody = z
  .object({
    report: reportKind,
    period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM'),
    destinationRegion: region.optional(),
  })
  .strict();
export const fileParams = z.object({ id: z.uuid(), name: z.string().regex(/^[A-Za-z0-9_.-]{1,80}$/) });
