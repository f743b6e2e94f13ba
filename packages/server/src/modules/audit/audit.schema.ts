import { z } from 'zod';

const isoDateTime = z
  .string()
  .refine(
    (s) => /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) && !Number.isNaN(Date.parse(s)),
    'must be an ISO date or date-time',
  );

export const auditFilterQuery = z.strictObject({
  from: isoDateTime.optional(),
  to: isoDateTime.optional(),
  actor: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  entityType: z.string().max(100).optional(),
  entityId: z.string().max(100).optional(),
});

export const auditListQuery = auditFilterQuery.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export const auditEventSchema = z.object({
  seq: z.number().int(),
  chainPos: z.number().int().nullable(),
  occurredAt: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  sealed: z.boolean(),
});

export const verifyReportSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  pending: z.number().int(),
  anchorsChecked: z.number().int(),
  head: z.object({ chainPos: z.number().int(), hash: z.string() }).nullable(),
  firstBad: z
    .object({ chainPos: z.number().int(), seq: z.number().int().nullable(), reason: z.string() })
    .optional(),
});
