// Request and response shapes of the surveys API (zod: validation and OpenAPI at once).

import { z } from 'zod';
import { SEGMENT_FIELDS } from './waves.service.ts';

export const idParams = z.strictObject({ id: z.uuid() });
export const tokenParams = z.strictObject({ token: z.string().min(10).max(120) });
const code = z.string().regex(/^[a-z0-9][a-z0-9-]{1,59}$/, 'lower-case letters, digits and -');
const bilingual = z.strictObject({
  en: z.string().trim().min(1).max(200),
  'zh-CN': z.string().trim().min(1).max(200),
});
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const lang = z.enum(['en', 'zh-CN']);

/** The definition is checked by core's surveyDefinitionSchema in the service (errors name the field). */
const definition = z.record(z.string(), z.unknown());

export const createSurveyBody = z.strictObject({
  code,
  name: bilingual,
  description: z.string().max(500).optional(),
  template: z.literal('student-loan-satisfaction').optional(),
  definition: definition.optional(),
});
export const updateDraftBody = z.strictObject({ definition });

export const answersSchema = z.record(
  z.string().max(40),
  z.union([z.number(), z.string().max(4000), z.array(z.string().max(40)).max(30)]),
);

export const waveBody = z.strictObject({
  code,
  name: z.string().trim().min(1).max(120),
  versionId: z.uuid(),
  kind: z.enum(['segment', 'event', 'manual']),
  segmentId: z.uuid().optional(),
  triggerEvent: z
    .string()
    .regex(/^[a-z_]+\.[a-z_]+$/, 'an event name such as ticket.resolved')
    .optional(),
  channel: z.enum(['email', 'sms', 'portal', 'staff']),
  sampleRate: z.number().gt(0).max(1).optional(),
  quotaField: z.enum(SEGMENT_FIELDS).optional(),
  quotaPerGroup: z.number().int().min(1).max(1_000_000).optional(),
  reminderAfterDays: z.number().int().min(1).max(60).optional(),
  maxReminders: z.number().int().min(0).max(5).optional(),
  closesOn: day.optional(),
});

export const inviteBody = z.strictObject({
  customerId: z.uuid(),
  mode: z.enum(['email', 'sms', 'portal', 'phone', 'paper']).optional(),
});

export const staffResponseBody = z.strictObject({
  customerId: z.uuid(),
  mode: z.enum(['phone', 'paper']),
  answers: answersSchema,
  language: lang.optional(),
});

export const publicAnswerBody = z.strictObject({
  answers: answersSchema,
  submit: z.boolean(),
  language: lang.optional(),
});

export const followUpResultBody = z.strictObject({
  outcome: z.enum(['resolved', 'unresolved', 'no-contact']),
  result: z.string().trim().min(1).max(2000),
});

export const actionBody = z.strictObject({
  baselineWaveId: z.uuid(),
  dimension: z.string().max(40).optional(),
  finding: z.string().trim().min(1).max(1000),
  action: z.string().trim().min(1).max(1000),
  owner: z.string().trim().min(1).max(120),
  dueOn: day,
});
export const actionStatusBody = z.strictObject({ status: z.enum(['planned', 'in_progress', 'done']) });
export const verificationBody = z.strictObject({ code, name: z.string().trim().min(1).max(120) });

export const scheduleBody = z.strictObject({
  recipients: z.array(z.email()).min(1).max(20),
  everyDays: z.number().int().min(1).max(92),
  language: lang.default('zh-CN'),
});

export const reportQuery = z.strictObject({ compareTo: z.uuid().optional() });
export const exportQuery = z.strictObject({ lang: lang.default('zh-CN'), compareTo: z.uuid().optional() });

// ---- responses ---------------------------------------------------------------------------------
const iso = z.string();
export const versionSummarySchema = z.object({
  id: z.uuid(),
  surveyId: z.uuid(),
  version: z.number().int(),
  status: z.enum(['draft', 'published']),
  publishedAt: iso.nullable(),
  publishedBy: z.string().nullable(),
  createdAt: iso,
});
export const versionSchema = versionSummarySchema.extend({ definition });
export const surveySchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: bilingual,
  description: z.string().nullable(),
  createdAt: iso,
  versions: z.array(versionSummarySchema),
});
export const waveSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  surveyId: z.uuid(),
  versionId: z.uuid(),
  kind: z.enum(['segment', 'event', 'manual']),
  segmentId: z.uuid().nullable(),
  triggerEvent: z.string().nullable(),
  channel: z.enum(['email', 'sms', 'portal', 'staff']),
  status: z.enum(['draft', 'open', 'closed']),
  sampleRate: z.number(),
  quotaField: z.string().nullable(),
  quotaPerGroup: z.number().nullable(),
  reminderAfterDays: z.number(),
  maxReminders: z.number(),
  closesOn: z.string().nullable(),
  verifiesActionId: z.uuid().nullable(),
  openedAt: iso.nullable(),
  closedAt: iso.nullable(),
  createdAt: iso,
  counts: z.object({
    invited: z.number(),
    started: z.number(),
    completed: z.number(),
    responseRate: z.number().nullable(),
  }),
});
export const invitationSchema = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  mode: z.string(),
  status: z.string(),
  attributes: z.record(z.string(), z.string().nullable()),
  sentAt: iso.nullable(),
  remindersSent: z.number(),
});
export const inviteOutcomeSchema = z.object({
  invited: z.boolean(),
  invitationId: z.uuid().nullable(),
  reason: z.string().nullable(),
});
export const publicSurveySchema = z.object({
  surveyName: bilingual,
  waveName: z.string(),
  language: lang,
  status: z.enum(['open', 'completed', 'closed']),
  definition,
  answers: answersSchema,
});
export const followUpSchema = z.object({
  id: z.uuid(),
  waveId: z.uuid(),
  waveCode: z.string(),
  customerId: z.uuid(),
  reason: z.enum(['low-score', 'detractor']),
  ticketId: z.uuid().nullable(),
  ticketReference: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  outcome: z.enum(['resolved', 'unresolved', 'no-contact']).nullable(),
  result: z.string().nullable(),
  closedBy: z.string().nullable(),
  closedAt: iso.nullable(),
  createdAt: iso,
});
export const actionSchema = z.object({
  id: z.uuid(),
  surveyId: z.uuid(),
  baselineWaveId: z.uuid(),
  dimension: z.string().nullable(),
  finding: z.string(),
  action: z.string(),
  owner: z.string(),
  dueOn: z.string(),
  status: z.enum(['planned', 'in_progress', 'done']),
  doneAt: iso.nullable(),
  verificationWaveId: z.uuid().nullable(),
  createdAt: iso,
});
export const scheduleSchema = z.object({
  id: z.uuid(),
  waveId: z.uuid(),
  recipients: z.array(z.string()),
  everyDays: z.number(),
  language: lang,
  nextRunAt: iso,
  lastSentAt: iso.nullable(),
});
/** Reports are large nested figures (see reports.service.ts WaveReport); documented there. */
export const reportSchema = z.record(z.string(), z.unknown());
