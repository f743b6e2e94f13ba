// Request schemas of the internal-review, findings and fair-lending routes.
import { z } from 'zod';

const isoDay = z.iso.date();

export const idParams = z.strictObject({ id: z.uuid() });

export const findingBody = z.strictObject({
  title: z.string().trim().min(1).max(200),
  detail: z.string().trim().min(1).max(5000),
  severity: z.enum(['low', 'medium', 'high']),
  ownerId: z.uuid().optional(),
  ownerName: z.string().trim().min(1).max(200).optional(),
  dueDate: isoDay,
});

export const sampleBody = z.strictObject({
  from: isoDay,
  to: isoDay,
  ratePercent: z.number().int().min(1).max(100),
  seed: z.string().trim().min(1).max(100).optional(),
});

export const reviewBody = z.strictObject({
  answers: z.record(z.string().max(60), z.enum(['yes', 'no', 'na'])),
  note: z.string().max(5000).optional(),
  finding: findingBody.optional(),
});

export const findingUpdateBody = z.strictObject({
  status: z.enum(['remediating', 'closed']),
  note: z.string().trim().min(1).max(5000),
  evidence: z.string().trim().max(5000).optional(),
  dueDate: isoDay.optional(),
  ownerId: z.uuid().optional(),
});

export const findingsQuery = z.strictObject({
  source: z.enum(['internal_review', 'fair_lending']).optional(),
  open: z.enum(['true', 'false']).optional(),
});

export const runBody = z.strictObject({
  from: isoDay,
  to: isoDay,
  minGroupSize: z.number().int().min(1).max(100_000).optional(),
  thresholdPercent: z.number().int().min(1).max(100).optional(),
});

export const periodQuery = z.strictObject({ from: isoDay, to: isoDay });
