// Request schemas of the origination routes (strict: unknown fields are errors). The application
// form itself is core's applicationSections, shared with the web app.
import {
  APPLICATION_CHANNELS,
  APPLICATION_STATUSES,
  applicationSections,
  DECISION_OUTCOMES,
  DOCUMENT_KINDS,
  MAX_DOCUMENT_BYTES,
} from '@bursar/core';
import { z } from 'zod';

export const idParams = z.strictObject({ id: z.uuid() });
export const documentParams = z.strictObject({ id: z.uuid(), documentId: z.uuid() });
export const disbursementParams = z.strictObject({ id: z.uuid(), disbursementId: z.uuid() });

export const registrationBody = z.strictObject({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{3,40}$/, 'use 3–40 letters, digits, dots, dashes'),
  password: z.string().min(1).max(200),
  legalName: z.string().trim().min(1).max(200),
  email: z.string().trim().toLowerCase().email().max(254),
  dateOfBirth: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  locale: z.enum(['en', 'zh-CN']).optional(),
});

export const createApplicationBody = z.strictObject({
  /** Staff entering an application give the customer; a student applies for themself. */
  customerId: z.uuid().optional(),
  channel: z.enum(APPLICATION_CHANNELS).optional(),
  answers: applicationSections.optional(),
});

export const answersBody = applicationSections;

/** Base64 in JSON: the decoded file is at most MAX_DOCUMENT_BYTES (checked after decoding). */
export const uploadBody = z.strictObject({
  kind: z.enum(DOCUMENT_KINDS),
  fileName: z.string().trim().min(1).max(200),
  content: z.string().min(1),
});
export const UPLOAD_BODY_LIMIT = Math.ceil((MAX_DOCUMENT_BYTES * 4) / 3) + 64 * 1024 + 1024 * 1024;

export const listQuery = z.strictObject({
  status: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',') : undefined))
    .pipe(z.array(z.enum(APPLICATION_STATUSES)).optional()),
  enrolmentCheck: z.enum(['pending', 'confirmed', 'rejected']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const enrolmentBody = z.strictObject({
  decision: z.enum(['confirmed', 'rejected']),
  note: z.string().trim().max(500).optional(),
});

export const decisionBody = z.strictObject({
  outcome: z.enum(DECISION_OUTCOMES),
  note: z.string().trim().max(2000).optional(),
  reasons: z
    .array(z.string().regex(/^[a-z_]+$/))
    .max(10)
    .optional(),
});

export const approvalBody = z.strictObject({
  approve: z.boolean(),
  note: z.string().trim().max(2000).optional(),
});

export const contractBody = z.strictObject({
  language: z.enum(['en', 'zh-CN']),
  amendment: z.boolean().optional(),
});

export const signBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'is six digits'),
});

export const cosignerSignatureBody = z.strictObject({
  signerName: z.string().trim().min(1).max(200).optional(),
});

export const disburseBody = z.strictObject({
  tranche: z.number().int().min(1),
  idempotencyKey: z.string().trim().min(8).max(200),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});

export const batchBody = z.strictObject({
  items: z
    .array(
      z.strictObject({
        applicationId: z.uuid(),
        tranche: z.number().int().min(1),
        idempotencyKey: z.string().min(8).max(200),
      }),
    )
    .min(1)
    .max(200),
});

export const cancelBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });
