// Request and response shapes of behavioural reviews, early warning, monitoring and PMML import.
import { ALERT_OUTCOMES, ALERT_SEVERITIES, PLAYBOOK_STEPS, SIGNAL_KINDS } from '@bursar/core';
import { z } from 'zod';
import { modelName } from './risk.schema.ts';

const isoDay = z.iso.date();
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');

export const reviewBodySchema = z.strictObject({ month: monthSchema });
export const reviewResponseSchema = z.object({
  month: z.string(),
  reviewDate: z.string(),
  loans: z.number().int(),
  distribution: z.array(z.object({ grade: z.string(), loans: z.number().int() })),
});

export const migrationSchema = z.object({
  grades: z.array(z.string()),
  counts: z.array(z.array(z.number().int())),
  entered: z.array(z.number().int()),
  exited: z.array(z.number().int()),
  upgraded: z.number().int(),
  downgraded: z.number().int(),
  stable: z.number().int(),
});
export const gradeDashboardSchema = z.object({
  months: z.array(
    z.object({ month: z.string(), reviewDate: z.string(), loans: z.number().int(), runAt: z.string() }),
  ),
  month: z.string().nullable(),
  previousMonth: z.string().nullable(),
  distribution: z.array(z.object({ grade: z.string(), loans: z.number().int() })),
  migration: migrationSchema.nullable(),
});

const contribution = z.object({
  feature: z.string(),
  bin: z.string(),
  points: z.number(),
  pointsLost: z.number(),
});
export const loanGradeSchema = z.object({
  month: z.string(),
  loanId: z.string(),
  customerId: z.string(),
  score: z.number(),
  pd: z.number(),
  grade: z.string(),
  features: z.record(z.string(), z.unknown()),
  reasons: z.array(contribution),
});
export const gradesQuerySchema = z.strictObject({
  grade: z.string().max(20).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const scorecardBodySchema = z.strictObject({
  /** A scorecard definition over the behaviour features; null restores the default. */
  definition: z.record(z.string(), z.unknown()).nullable(),
});

export const ruleSchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(SIGNAL_KINDS),
  params: z.record(z.string(), z.unknown()),
  severity: z.enum(ALERT_SEVERITIES),
  dueBusinessDays: z.number().int(),
  playbook: z.array(z.enum(PLAYBOOK_STEPS)),
  ownerId: z.string().nullable(),
  enabled: z.boolean(),
});
/** Checked in full by core's alertRuleSchema (parameters per signal kind). */
export const ruleBodySchema = z.record(z.string(), z.unknown());
export const ruleCodeParams = z.strictObject({ code: z.string().min(1).max(60) });

export const evaluateAlertsBodySchema = z.strictObject({ date: isoDay.optional() }).optional();
export const evaluateAlertsResponseSchema = z.object({
  businessDate: z.string(),
  loans: z.number().int(),
  firing: z.number().int(),
  raised: z.number().int(),
  byRule: z.record(z.string(), z.number().int()),
});

const alertBase = z.object({
  id: z.string(),
  ruleCode: z.string(),
  kind: z.string(),
  loanId: z.string(),
  loanNumber: z.string(),
  customerId: z.string(),
  severity: z.enum(ALERT_SEVERITIES),
  ownerId: z.string().nullable(),
  status: z.enum(['open', 'closed']),
  detail: z.string(),
  raisedOn: z.string(),
  dueDate: z.string(),
  lastSeenOn: z.string(),
  overdue: z.boolean(),
  outcome: z.string().nullable(),
  outcomeNote: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  tasks: z.number().int(),
});
export const alertListSchema = z.object({ items: z.array(alertBase), total: z.number().int() });
export const alertDetailSchema = alertBase.extend({
  playbook: z.array(
    z.object({
      step: z.string(),
      taskId: z.string(),
      title: z.string(),
      dueDate: z.string().nullable(),
      status: z.string(),
      assigneeId: z.string().nullable(),
    }),
  ),
});
const severityList = z
  .string()
  .max(100)
  .transform((s) => s.split(',').filter(Boolean))
  .pipe(z.array(z.enum(ALERT_SEVERITIES)));
export const alertQuerySchema = z.strictObject({
  status: z.enum(['open', 'closed']).optional(),
  severity: severityList.optional(),
  owner: z.union([z.uuid(), z.literal('none'), z.literal('me')]).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  rule: z.string().max(60).optional(),
  loanId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const closeAlertBodySchema = z.strictObject({
  outcome: z.enum(ALERT_OUTCOMES),
  note: z.string().max(2000).optional(),
});
export const assignAlertBodySchema = z.strictObject({ ownerId: z.uuid().nullable() });
export const stepBodySchema = z.strictObject({
  step: z.enum(PLAYBOOK_STEPS),
  dueBusinessDays: z.number().int().min(0).max(60).optional(),
});

export const qualityQuerySchema = z.strictObject({ from: isoDay, to: isoDay });
export const qualityResponseSchema = z.object({
  from: z.string(),
  to: z.string(),
  alerts: z.number().int(),
  alertsBeforeDefault: z.number().int(),
  precision: z.number().nullable(),
  defaults: z.number().int(),
  defaultsWithoutAlert: z.number().int(),
  missRate: z.number().nullable(),
  outcomes: z.record(z.string(), z.number().int()),
});

export const macroPointSchema = z.strictObject({
  series: z.string().regex(/^[A-Za-z0-9._-]{1,80}$/, 'letters, digits, dot, dash or underscore'),
  scope: z.enum(['region', 'field']),
  key: z.string().min(1).max(200),
  period: isoDay,
  value: z.number().finite(),
});
export const macroImportBodySchema = z.strictObject({
  points: z.array(macroPointSchema).min(1).max(100_000),
});
export const macroListSchema = z.object({
  items: z.array(macroPointSchema.extend({ series: z.string() })),
});

export const employmentBodySchema = z.strictObject({
  customerId: z.uuid(),
  status: z.enum(['employed', 'self_employed', 'further_study', 'unemployed']),
  employer: z.string().max(200).optional(),
  reportedOn: isoDay,
});
export const employmentResponseSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  status: z.string(),
  employer: z.string().nullable(),
  reportedOn: z.string(),
});

export const pmmlBodySchema = z.union([
  z.string().min(1, 'the PMML document is empty'),
  z.strictObject({
    pmml: z.string().min(1),
    name: modelName.optional(),
    description: z.string().max(2000).optional(),
  }),
]);
export const pmmlQuerySchema = z.strictObject({
  name: modelName.optional(),
  description: z.string().max(2000).optional(),
});

export const monitorQuerySchema = z.strictObject({
  model: modelName,
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export const monitorResponseSchema = z.object({
  name: z.string(),
  models: z.array(
    z.object({
      model: z.object({
        id: z.string(),
        name: z.string(),
        version: z.number().int(),
        role: z.string().nullable(),
        status: z.string(),
      }),
      applications: z.number().int(),
      meanScore: z.number(),
      psi: z.number().nullable(),
      psiStatus: z.enum(['stable', 'watch', 'shift']).nullable(),
      grades: z.array(
        z.object({
          grade: z.string(),
          applications: z.number().int(),
          meanPd: z.number(),
          booked: z.number().int(),
          defaults: z.number().int(),
          realisedRate: z.number().nullable(),
        }),
      ),
    }),
  ),
});
