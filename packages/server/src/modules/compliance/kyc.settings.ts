// KYC / AML settings from the environment (documented in docs/operations.md), read once.
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const DEFAULT_IDENTITIES = fileURLToPath(new URL('./data/kyc-test-identities.json', import.meta.url));

const env = z.object({
  /** The identity-verification provider: `file` (the file-driven test provider) is the only built-in one. */
  BURSAR_KYC_PROVIDER: z.enum(['file']).default('file'),
  /** The file-driven provider's identities (JSON); the shipped demo file by default. */
  BURSAR_KYC_PROVIDER_FILE: z.string().min(1).default(DEFAULT_IDENTITIES),
  /** Face-match score at or above which a national ID check passes; below it goes to review. */
  BURSAR_KYC_FACE_PASS: z.coerce.number().min(0).max(1).default(0.8),
  /** Face-match score below which a national ID check fails outright. */
  BURSAR_KYC_FACE_FAIL: z.coerce.number().min(0).max(1).default(0.6),
  /** Name similarity (0–1) at or above which screening raises a hit for review. */
  BURSAR_SANCTIONS_THRESHOLD: z.coerce.number().min(0.5).max(1).default(0.88),
  /** A second reviewer must approve a hit decision (four eyes). */
  BURSAR_SANCTIONS_FOUR_EYES: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Hours a changed disbursement account waits before money may go to it. */
  BURSAR_PAYEE_COOLING_OFF_HOURS: z.coerce.number().int().min(0).default(72),
  /** Days from detection to file a suspicious-activity report. */
  BURSAR_SAR_FILING_DAYS: z.coerce.number().int().positive().default(30),
  /** Customers per re-screening batch (one transaction each). */
  BURSAR_RESCREEN_BATCH: z.coerce.number().int().positive().default(2000),
});

export type KycSettings = z.infer<typeof env>;

let cached: KycSettings | null = null;

export function kycSettings(source: NodeJS.ProcessEnv = process.env): KycSettings {
  if (source !== process.env) return env.parse(source);
  cached ??= env.parse(source);
  return cached;
}
