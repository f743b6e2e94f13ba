// Channel settings from the environment (documented in docs/operations.md). Read once per
// process and deps; tests override them with configureEngagement.
import path from 'node:path';
import {
  DEFAULT_BACKOFF,
  DEFAULT_QUIET_HOURS,
  MESSAGE_CHANNELS,
  type BackoffPolicy,
  type MessageChannel,
  type QuietHours,
} from '@bursar/core';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';

export const DRIVER_NAMES = ['smtp', 'webhook', 'file', 'portal', 'letter'] as const;
export type DriverName = (typeof DRIVER_NAMES)[number];

export interface EngagementSettings {
  /** smtp(s)://user:pass@host:port */
  smtpUrl: string | undefined;
  smtpFrom: string;
  /** Provider endpoints for the webhook driver, per channel. */
  webhookUrls: Partial<Record<MessageChannel, string>>;
  /** HMAC key: signs outgoing webhook calls and verifies delivery-status callbacks. */
  webhookSecret: string | undefined;
  /** File-outbox and printed-letter directory. */
  outboxDir: string;
  /** Which driver each channel uses. */
  drivers: Record<MessageChannel, DriverName>;
  /** Base of links in messages (unsubscribe, tracking). */
  publicBaseUrl: string;
  lenderName: string;
  lenderPhone: string;
  quietHours: QuietHours;
  /** Real-time channels that respect quiet hours. */
  quietChannels: MessageChannel[];
  marketingCapPerWeek: number;
  serviceCapPerDay: number;
  backoff: BackoffPolicy;
  batchSize: number;
  concurrency: number;
  leaseMs: number;
  sendTimeoutMs: number;
  /** Overdue tasks are escalated this many days after their due date. */
  escalateAfterDays: number;
  /** Hold-out seed: changing it reshuffles every journey's control group. */
  holdoutSeed: string;
}

const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM')
  .transform((s) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3)));

const env = z.object({
  SMTP_URL: z.string().url().optional(),
  SMTP_FROM: z.string().min(3).default('Bursar <no-reply@bursar.example>'),
  SMS_WEBHOOK_URL: z.string().url().optional(),
  WECHAT_WEBHOOK_URL: z.string().url().optional(),
  PUSH_WEBHOOK_URL: z.string().url().optional(),
  ENGAGEMENT_WEBHOOK_SECRET: z.string().min(16).optional(),
  ENGAGEMENT_OUTBOX_DIR: z.string().optional(),
  ENGAGEMENT_DRIVERS: z.string().optional(),
  PUBLIC_BASE_URL: z.string().url().optional(),
  LENDER_NAME: z.string().default('Bursar Student Lending 助学贷款服务中心'),
  LENDER_PHONE: z.string().default('400-000-0000'),
  QUIET_HOURS_START: hhmm.optional(),
  QUIET_HOURS_END: hhmm.optional(),
  MARKETING_CAP_PER_WEEK: z.coerce.number().int().min(0).default(2),
  SERVICE_CAP_PER_DAY: z.coerce.number().int().min(1).default(6),
  DISPATCH_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(500),
  DISPATCH_CONCURRENCY: z.coerce.number().int().min(1).max(200).default(25),
  TASK_ESCALATE_AFTER_DAYS: z.coerce.number().int().min(0).default(2),
  HOLDOUT_SEED: z.string().default('bursar'),
});

export function settingsFromEnv(
  deps: Pick<Deps, 'config'>,
  source: NodeJS.ProcessEnv = process.env,
): EngagementSettings {
  const parsed = env.safeParse(source);
  if (!parsed.success)
    throw new Error(
      `Invalid engagement settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const e = parsed.data;
  const webhookUrls: Partial<Record<MessageChannel, string>> = {
    ...(e.SMS_WEBHOOK_URL ? { sms: e.SMS_WEBHOOK_URL } : {}),
    ...(e.WECHAT_WEBHOOK_URL ? { wechat: e.WECHAT_WEBHOOK_URL } : {}),
    ...(e.PUSH_WEBHOOK_URL ? { app_push: e.PUSH_WEBHOOK_URL } : {}),
  };
  const drivers: Record<MessageChannel, DriverName> = {
    email: e.SMTP_URL ? 'smtp' : 'file',
    sms: webhookUrls.sms ? 'webhook' : 'file',
    wechat: webhookUrls.wechat ? 'webhook' : 'file',
    app_push: webhookUrls.app_push ? 'webhook' : 'file',
    portal: 'portal',
    post: 'letter',
  };
  for (const pair of (e.ENGAGEMENT_DRIVERS ?? '').split(',').filter(Boolean)) {
    const [ch, d] = pair.split('=').map((s) => s.trim());
    if (
      !(MESSAGE_CHANNELS as readonly string[]).includes(ch ?? '') ||
      !(DRIVER_NAMES as readonly string[]).includes(d ?? '')
    ) {
      throw new Error(
        `ENGAGEMENT_DRIVERS: "${pair}" is not channel=driver (channels ${MESSAGE_CHANNELS.join(', ')}; drivers ${DRIVER_NAMES.join(', ')})`,
      );
    }
    drivers[ch as MessageChannel] = d as DriverName;
  }
  return {
    smtpUrl: e.SMTP_URL,
    smtpFrom: e.SMTP_FROM,
    webhookUrls,
    webhookSecret: e.ENGAGEMENT_WEBHOOK_SECRET,
    outboxDir: path.resolve(e.ENGAGEMENT_OUTBOX_DIR ?? path.join(deps.config.dataDir, 'outbox')),
    drivers,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${deps.config.port}`).replace(/\/$/, ''),
    lenderName: e.LENDER_NAME,
    lenderPhone: e.LENDER_PHONE,
    quietHours: {
      startMinute: e.QUIET_HOURS_START ?? DEFAULT_QUIET_HOURS.startMinute,
      endMinute: e.QUIET_HOURS_END ?? DEFAULT_QUIET_HOURS.endMinute,
    },
    quietChannels: ['sms', 'wechat', 'app_push'],
    marketingCapPerWeek: e.MARKETING_CAP_PER_WEEK,
    serviceCapPerDay: e.SERVICE_CAP_PER_DAY,
    backoff: DEFAULT_BACKOFF,
    batchSize: e.DISPATCH_BATCH_SIZE,
    concurrency: e.DISPATCH_CONCURRENCY,
    leaseMs: 5 * 60_000,
    sendTimeoutMs: 15_000,
    escalateAfterDays: e.TASK_ESCALATE_AFTER_DAYS,
    holdoutSeed: e.HOLDOUT_SEED,
  };
}

const settingsByDeps = new WeakMap<object, EngagementSettings>();

export function engagementSettings(deps: Pick<Deps, 'config'>): EngagementSettings {
  let s = settingsByDeps.get(deps);
  if (!s) {
    s = settingsFromEnv(deps);
    settingsByDeps.set(deps, s);
  }
  return s;
}

/** Override settings for one deps (tests, CLI). Drivers are rebuilt on next use. */
export function configureEngagement(
  deps: Pick<Deps, 'config'>,
  patch: Partial<EngagementSettings>,
): EngagementSettings {
  const next = { ...engagementSettings(deps), ...patch };
  settingsByDeps.set(deps, next);
  return next;
}

/** What the channel-settings page shows: drivers and endpoints, never secrets. */
export function channelSettingsView(s: EngagementSettings) {
  const mask = (url: string | undefined) => {
    if (!url) return null;
    try {
      const u = new URL(url);
      if (u.password) u.password = '****';
      return u.toString();
    } catch {
      return '****';
    }
  };
  return {
    channels: MESSAGE_CHANNELS.map((c) => ({
      channel: c,
      driver: s.drivers[c],
      endpoint:
        s.drivers[c] === 'smtp'
          ? mask(s.smtpUrl)
          : s.drivers[c] === 'webhook'
            ? mask(s.webhookUrls[c])
            : s.drivers[c] === 'file' || s.drivers[c] === 'letter'
              ? s.outboxDir
              : null,
    })),
    smtpFrom: s.smtpFrom,
    webhookSecretSet: !!s.webhookSecret,
    publicBaseUrl: s.publicBaseUrl,
    quietHours: {
      start: minuteText(s.quietHours.startMinute),
      end: minuteText(s.quietHours.endMinute),
      channels: s.quietChannels,
    },
    frequencyCaps: { marketingPerWeek: s.marketingCapPerWeek, servicePerDay: s.serviceCapPerDay },
    retry: {
      baseSeconds: s.backoff.baseMs / 1000,
      maxSeconds: s.backoff.maxMs / 1000,
      maxAttempts: s.backoff.maxAttempts,
    },
  };
}

function minuteText(m: number): string {
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
