// Request and response shapes of prospects, campus events and referrals (shared with the web app).
import { z } from 'zod';
import { EDUCATION_LEVELS, NATIONAL_ID_TYPES } from '@bursar/core';
import {
  CAMPUS_EVENT_STATUSES,
  PROSPECT_SOURCES,
  PROSPECT_STAGES,
  REWARD_STATUSES,
} from './acquisition.tables.ts';

export { PROSPECT_SOURCES, PROSPECT_STAGES, CAMPUS_EVENT_STATUSES, REWARD_STATUSES };
export type ProspectStage = (typeof PROSPECT_STAGES)[number];
export type ProspectSource = (typeof PROSPECT_SOURCES)[number];

/** Why a prospect was lost: stable codes, labelled in both languages. */
export const LOST_REASONS = {
  not_interested: { en: 'Not interested', 'zh-CN': '无意向' },
  no_need: { en: 'No financing need', 'zh-CN': '无资金需求' },
  chose_competitor: { en: 'Chose another lender', 'zh-CN': '选择了其他机构' },
  not_eligible: { en: 'Not eligible', 'zh-CN': '不符合条件' },
  unreachable: { en: 'Could not be reached', 'zh-CN': '无法联系' },
  application_declined: { en: 'Application declined', 'zh-CN': '申请被拒绝' },
  application_withdrawn: { en: 'Application withdrawn', 'zh-CN': '申请已撤回' },
  other: { en: 'Other', 'zh-CN': '其他' },
} as const;
export type LostReason = keyof typeof LOST_REASONS;
export const LOST_REASON_CODES = Object.keys(LOST_REASONS) as [LostReason, ...LostReason[]];

const text = (max: number) => z.string().trim().min(1, 'is required').max(max);
const uuid = z.string().uuid();
const trackingCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ only');

export const idParams = z.object({ id: uuid });
export const tokenParams = z.object({ token: z.string().min(10).max(200) });

/** A prospect as staff enter it (and as every capture channel normalises it). */
export const prospectInput = z.strictObject({
  legalName: text(200),
  email: z.string().trim().toLowerCase().email().max(254).optional(),
  phone: text(40).optional(),
  nationalIdType: z.enum(NATIONAL_ID_TYPES).optional(),
  nationalId: text(40).optional(),
  schoolId: uuid.optional(),
  educationLevel: z.enum(EDUCATION_LEVELS).optional(),
  financialNeed: z.boolean().optional(),
  /** Amount needed per year, minor units. */
  requestedAmount: z.number().int().min(0).max(1e11).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  preferredLanguage: z.enum(['en', 'zh-CN']).optional(),
  source: z.enum(PROSPECT_SOURCES),
  trackingCode: trackingCode.optional(),
  externalRef: text(100).optional(),
  consentContact: z.boolean().optional(),
  note: text(2000).optional(),
});
export type ProspectInput = z.infer<typeof prospectInput>;

/** The public website form: no session, a honeypot field that people leave empty. */
export const websiteFormBody = z.strictObject({
  legalName: text(200),
  email: z.string().trim().toLowerCase().email().max(254).optional(),
  phone: text(40).optional(),
  schoolId: uuid.optional(),
  educationLevel: z.enum(EDUCATION_LEVELS).optional(),
  financialNeed: z.boolean().optional(),
  preferredLanguage: z.enum(['en', 'zh-CN']).optional(),
  trackingCode: trackingCode.optional(),
  referralCode: z.string().trim().max(32).optional(),
  /** Where the link came from: the website, a social post or the app. */
  channel: z.enum(['website', 'social', 'app_referral']).optional(),
  consentContact: z.literal(true, { error: 'consent to be contacted is required' }),
  /** Honeypot: hidden from people; bots fill it. */
  website: z.string().max(200).optional(),
});

export const attendBody = websiteFormBody.omit({ referralCode: true, channel: true, trackingCode: true });

export const scoreFactor = z.object({
  code: z.string(),
  group: z.enum(['fit', 'engagement']),
  points: z.number(),
  max: z.number(),
  value: z.union([z.string(), z.number(), z.boolean(), z.null()]),
});

export const prospectView = z.object({
  id: z.string(),
  reference: z.string(),
  legalName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  nationalId: z.string().nullable(),
  schoolId: z.string().nullable(),
  schoolName: z.string().nullable(),
  educationLevel: z.string().nullable(),
  financialNeed: z.boolean(),
  requestedAmount: z.number().nullable(),
  currency: z.string(),
  source: z.enum(PROSPECT_SOURCES),
  trackingCode: z.string().nullable(),
  eventId: z.string().nullable(),
  stage: z.enum(PROSPECT_STAGES),
  lostReason: z.string().nullable(),
  stageChangedAt: z.string(),
  assignedTo: z.string().nullable(),
  assignedName: z.string().nullable(),
  customerId: z.string().nullable(),
  applicationId: z.string().nullable(),
  consentContact: z.boolean(),
  score: z.number(),
  scoreFactors: z.array(scoreFactor),
  createdAt: z.string(),
});

export const activityView = z.object({
  id: z.string(),
  kind: z.string(),
  fromStage: z.string().nullable(),
  toStage: z.string().nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  actorName: z.string().nullable(),
  at: z.string(),
});

export const prospectDetail = prospectView.extend({ activity: z.array(activityView) });

export const captureResult = z.object({
  prospect: prospectView,
  /** An open prospect with the same ID number, phone or e-mail existed: it was updated instead. */
  duplicateOf: z.string().nullable(),
  /** Existing customers this prospect is (ID number, phone or e-mail). */
  matchedCustomers: z.array(z.object({ customerId: z.string(), reasons: z.array(z.string()) })),
});

export const listQuery = z.strictObject({
  stage: z.enum(PROSPECT_STAGES).optional(),
  source: z.enum(PROSPECT_SOURCES).optional(),
  assignedTo: uuid.optional(),
  eventId: uuid.optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const stageBody = z.strictObject({
  stage: z.enum(PROSPECT_STAGES),
  lostReason: z.enum(LOST_REASON_CODES).optional(),
  note: text(2000).optional(),
});

export const contactBody = z.strictObject({
  channel: z.enum(['call', 'sms', 'email', 'wechat', 'meeting', 'visit']),
  note: text(2000).optional(),
});

export const assignBody = z.strictObject({ userId: uuid });
export const autoAssignBody = z.strictObject({ limit: z.number().int().min(1).max(1000).default(100) });

export const convertBody = z.strictObject({
  productCode: z.string().trim().max(64).optional(),
});

export const importBody = z.strictObject({
  csv: z
    .string()
    .min(1, 'is required')
    .max(20 * 1024 * 1024),
  source: z.enum(['csv', 'partner_school']).default('csv'),
  dryRun: z.boolean().default(false),
});
export const importResult = z.object({
  rows: z.number(),
  created: z.number(),
  unchanged: z.number(),
  duplicates: z.number(),
  errors: z.array(z.object({ line: z.number(), field: z.string(), message: z.string() })),
  dryRun: z.boolean(),
});

// ---- campus events --------------------------------------------------------------------------------

export const eventInput = z.strictObject({
  name: text(200),
  schoolId: uuid,
  eventDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
  venue: text(200),
  staff: z.array(uuid).max(50).default([]),
  budgetMinor: z.number().int().min(0).max(1e11),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .default('CNY'),
  trackingCode: trackingCode.optional(),
  notes: text(2000).optional(),
});
export const eventPatch = z.strictObject({
  status: z.enum(CAMPUS_EVENT_STATUSES).optional(),
  actualCostMinor: z.number().int().min(0).max(1e11).optional(),
  venue: text(200).optional(),
  eventDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
    .optional(),
  staff: z.array(uuid).max(50).optional(),
  notes: text(2000).optional(),
});

export const eventView = z.object({
  id: z.string(),
  name: z.string(),
  schoolId: z.string(),
  schoolName: z.string().nullable(),
  eventDate: z.string(),
  venue: z.string(),
  staff: z.array(z.string()),
  budgetMinor: z.number(),
  actualCostMinor: z.number().nullable(),
  currency: z.string(),
  status: z.enum(CAMPUS_EVENT_STATUSES),
  trackingCode: z.string().nullable(),
  notes: z.string().nullable(),
  /** The signed path of the public attendance form (`/e/<token>` in the web app). */
  attendancePath: z.string(),
  results: z.object({
    attendees: z.number(),
    newProspects: z.number(),
    applications: z.number(),
    funded: z.number(),
    /** Actual cost (or budget) ÷ attendees, minor units rounded half-up; null without attendees. */
    costPerAttendeeMinor: z.number().nullable(),
  }),
});

export const publicEventView = z.object({
  name: z.string(),
  schoolName: z.string().nullable(),
  eventDate: z.string(),
  venue: z.string(),
  open: z.boolean(),
});

// ---- referrals ------------------------------------------------------------------------------------

export const referralCodeView = z.object({ code: z.string(), path: z.string() });
export const myReferralsView = z.object({
  code: z.string(),
  path: z.string(),
  rules: z.object({ rewardMinor: z.number(), currency: z.string(), annualCap: z.number() }),
  referrals: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      status: z.string(),
      stage: z.string(),
      createdAt: z.string(),
      reward: z
        .object({
          status: z.enum(REWARD_STATUSES),
          amountMinor: z.number(),
          currency: z.string(),
          voidReason: z.string().nullable(),
        })
        .nullable(),
    }),
  ),
});
export const rewardView = z.object({
  id: z.string(),
  referralId: z.string(),
  referrerCustomerId: z.string(),
  amountMinor: z.number(),
  currency: z.string(),
  status: z.enum(REWARD_STATUSES),
  capYear: z.number().nullable(),
  voidReason: z.string().nullable(),
  paymentRef: z.string().nullable(),
  earnedAt: z.string().nullable(),
  paidAt: z.string().nullable(),
  createdAt: z.string(),
});
export const payRewardBody = z.strictObject({ paymentRef: text(100) });
export const voidRewardBody = z.strictObject({ reason: text(500) });
