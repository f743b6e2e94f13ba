// Origination's settings from the environment (documented in docs/operations.md), read once.
import { z } from 'zod';

const env = z.object({
  /** Approvals above this amount (major units) need a second approver. */
  BURSAR_FOUR_EYES_ABOVE: z.coerce.number().int().positive().default(50_000),
  /** The most a customer may owe across all loans with a new one (major units). */
  BURSAR_EXPOSURE_CAP: z.coerce.number().int().positive().default(200_000),
  /** Hours from submission to a decision before the queue shows an application as overdue. */
  BURSAR_APPLICATION_SLA_HOURS: z.coerce.number().int().positive().default(48),
  /** Days after a disbursement within which it may be cancelled (funds returned). */
  BURSAR_DISBURSEMENT_CANCEL_DAYS: z.coerce.number().int().min(0).default(14),
  /** The scorecard whose active champion scores applications. */
  BURSAR_APPLICATION_SCORECARD: z.string().min(1).default('student-application'),
  /** The lender's name on contracts. */
  BURSAR_LENDER_NAME: z.string().min(1).default('Bursar Demo Bank'),
});

export type OriginationSettings = z.infer<typeof env>;

let cached: OriginationSettings | null = null;

export function originationSettings(source: NodeJS.ProcessEnv = process.env): OriginationSettings {
  if (source !== process.env) return env.parse(source);
  cached ??= env.parse(source);
  return cached;
}
