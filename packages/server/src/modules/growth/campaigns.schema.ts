// Request and response shapes of the campaigns API (zod: validation and OpenAPI at once).
import { z } from 'zod';
import { NBO_CODES } from '@bursar/core';

export const idParams = z.strictObject({ id: z.uuid() });
export const customerParams = z.strictObject({ customerId: z.uuid() });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const minor = z.union([z.number().int(), z.string().regex(/^-?\d+$/)]);
export const CAMPAIGN_CHANNELS = ['email', 'sms', 'portal'] as const;
export const COST_LINES = ['media', 'print', 'messaging', 'events', 'staff', 'agency', 'other'] as const;
const templateCode = z.string().trim().min(1).max(80);

export const variantBody = z.strictObject({
  key: z.string().regex(/^[A-Z][A-Z0-9]{0,7}$/, 'upper-case letter then letters/digits, up to 8'),
  name: z.string().trim().min(1).max(120),
  weight: z.number().int().min(1).max(1000),
  templates: z.partialRecord(z.enum(CAMPAIGN_CHANNELS), templateCode),
});

export const campaignBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  objective: z.string().trim().max(1000).optional(),
  segmentId: z.uuid().nullable().optional(),
  channels: z.array(z.enum(CAMPAIGN_CHANNELS)).max(3).default([]),
  startsOn: day,
  endsOn: day,
  sendAt: z.iso.datetime({ offset: true }).nullable().optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('CNY'),
  budgetMinor: minor.default(0),
  marginBps: z.number().int().min(0).max(10_000).default(300),
  lookbackDays: z.number().int().min(1).max(365).default(90),
  holdoutPercent: z.number().int().min(0).max(50).default(0),
  variants: z.array(variantBody).min(1).max(6),
});
export const campaignPatch = campaignBody.partial();

export const costBody = z.strictObject({
  costLine: z.enum(COST_LINES),
  description: z.string().trim().max(300).optional(),
  amountMinor: minor,
  incurredOn: day,
});

export const landingBody = z.strictObject({
  code: z.string().trim().min(4).max(16),
  visitorId: z.string().trim().max(64).optional(),
});
export const applicationCodeBody = z.strictObject({
  code: z.string().trim().min(4).max(16),
  applicationId: z.uuid(),
  customerId: z.uuid(),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
});

export const variantSchema = z.object({
  key: z.string(),
  name: z.string(),
  weight: z.number(),
  templates: z.record(z.string(), z.string()),
});
export const costSchema = z.object({
  id: z.string(),
  costLine: z.string(),
  description: z.string().nullable(),
  amountMinor: z.string(),
  incurredOn: z.string(),
  createdBy: z.string().nullable(),
});
export const trackingCodeSchema = z.object({
  code: z.string(),
  variantKey: z.string().nullable(),
  channel: z.string().nullable(),
  landingPath: z.string(),
});
export const campaignSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  objective: z.string().nullable(),
  segmentId: z.string().nullable(),
  status: z.string(),
  channels: z.array(z.string()),
  startsOn: z.string(),
  endsOn: z.string(),
  sendAt: z.string().nullable(),
  currency: z.string(),
  budgetMinor: z.string(),
  spendMinor: z.string(),
  marginBps: z.number(),
  lookbackDays: z.number(),
  holdoutPercent: z.number(),
  progress: z.object({
    processed: z.number(),
    queued: z.number(),
    suppressed: z.number(),
    heldOut: z.number(),
  }),
  variants: z.array(variantSchema),
  costs: z.array(costSchema),
  trackingCodes: z.array(trackingCodeSchema),
  createdAt: z.string(),
  launchedAt: z.string().nullable(),
  sentAt: z.string().nullable(),
});
export type CampaignView = z.infer<typeof campaignSchema>;

export const attributionQuery = z.strictObject({
  from: day.optional(),
  to: day.optional(),
  lookbackDays: z.coerce.number().int().min(1).max(365).default(90),
});
const resultRow = z.object({
  campaignId: z.string(),
  code: z.string(),
  name: z.string(),
  currency: z.string(),
  applications: z.number(),
  funded: z.number(),
  disbursedMinor: z.string(),
  spendMinor: z.string(),
  cpaMinor: z.string().nullable(),
  revenueMinor: z.string(),
  returnBps: z.number().nullable(),
});
export const attributionSchema = z.object({
  from: z.string(),
  to: z.string(),
  lookbackDays: z.number(),
  applications: z.number(),
  unattributed: z.number(),
  revenueProxy: z.string(),
  first: z.array(resultRow),
  last: z.array(resultRow),
});

const armSchema = z.object({
  arm: z.string(),
  n: z.number(),
  applied: z.number(),
  responded: z.number(),
  appliedRate: z.number().nullable(),
  respondedRate: z.number().nullable(),
  vsHoldout: z
    .object({
      applied: z
        .object({
          difference: z.number(),
          relativeLift: z.number().nullable(),
          z: z.number(),
          pValue: z.number(),
          ci95: z.object({ low: z.number(), high: z.number() }),
          adequateSample: z.boolean(),
        })
        .nullable(),
      responded: z
        .object({
          difference: z.number(),
          relativeLift: z.number().nullable(),
          z: z.number(),
          pValue: z.number(),
          ci95: z.object({ low: z.number(), high: z.number() }),
          adequateSample: z.boolean(),
        })
        .nullable(),
    })
    .nullable(),
});
export const experimentSchema = z.object({
  campaignId: z.string(),
  holdoutPercent: z.number(),
  lookbackDays: z.number(),
  arms: z.array(armSchema),
  messages: z.array(
    z.object({ channel: z.string(), status: z.string(), n: z.number(), clicked: z.number() }),
  ),
});

export const nboSchema = z.object({
  customerId: z.string(),
  code: z.enum(NBO_CODES).nullable(),
  actionKind: z.string().nullable(),
  href: z.string().nullable(),
  reason: z.object({ en: z.string(), 'zh-CN': z.string() }).nullable(),
  eligible: z.array(z.string()),
  tag: z.string().nullable(),
  businessDate: z.string(),
  computedAt: z.string(),
});
export const nboRunSchema = z.object({
  evaluated: z.number(),
  changed: z.number(),
  counts: z.record(z.string(), z.number()),
});
