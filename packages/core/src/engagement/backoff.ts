// Retry timing for a message a provider did not take: exponential backoff with a cap. Jitter is
// passed in (0–1) so the schedule is deterministic in tests.

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30_000, maxMs: 6 * 3600_000, maxAttempts: 8 };

/** Delay before attempt `attempt + 1`, after `attempt` failures (1-based); ±20 % jitter from `jitter`. */
export function retryDelayMs(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, jitter = 0.5): number {
  const raw = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (0.8 + 0.4 * Math.min(1, Math.max(0, jitter))));
}

/** Frequency caps: how many messages of a purpose a customer may get in a rolling window. */
export interface FrequencyCap {
  purpose: 'service' | 'marketing';
  max: number;
  windowHours: number;
}

export const DEFAULT_FREQUENCY_CAPS: readonly FrequencyCap[] = [
  { purpose: 'marketing', max: 2, windowHours: 7 * 24 },
  { purpose: 'service', max: 6, windowHours: 24 },
];
