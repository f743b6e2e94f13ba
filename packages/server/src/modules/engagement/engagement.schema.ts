// Request and response shapes of the engagement API (shared with the web app).
import {
  CALLBACK_STATUSES,
  INTERACTION_DIRECTIONS,
  INTERACTION_KINDS,
  INTERACTION_OUTCOMES,
  MESSAGE_CHANNELS,
  MESSAGE_PURPOSES,
  MESSAGE_STATUSES,
  TEMPLATE_CATEGORIES,
  TEMPLATE_LANGUAGES,
  TRIGGER_TYPES,
  type Condition,
} from '@bursar/core';
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const uuid = z.string().uuid();
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

export const idParams = z.strictObject({ id: uuid });
export const channel = z.enum(MESSAGE_CHANNELS);
export const channelOrPreferred = z.union([channel, z.literal('preferred')]);
export const purpose = z.enum(MESSAGE_PURPOSES);
export const templateValues = z
  .record(z.string().regex(/^[a-z][a-zA-Z]*\.[a-zA-Z]+$/), z.union([z.string().max(500), z.number()]))
  .optional();

export const content = z.strictObject({
  subject: z.string().max(300).nullable().optional(),
  body: text(10_000),
});

export const sendBody = z
  .strictObject({
    customerId: uuid,
    template: text(80).optional(),
    content: content.optional(),
    /** The template's language; by default the customer's own (else the other one). */
    language: z.enum(TEMPLATE_LANGUAGES).optional(),
    channel: channelOrPreferred.optional(),
    purpose,
    legallyRequired: z.boolean().optional(),
    values: templateValues,
    dedupeKey: text(200).optional(),
  })
  .refine((b) => !!b.template !== !!b.content, {
    message: 'give exactly one of template or content',
    path: ['template'],
  });

export const messageView = z.object({
  id: z.string(),
  customerId: z.string(),
  channel: z.string(),
  purpose: z.string(),
  legallyRequired: z.boolean(),
  templateCode: z.string().nullable(),
  templateVersion: z.number().nullable(),
  language: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  status: z.enum(MESSAGE_STATUSES),
  reason: z.string().nullable(),
  sourceKind: z.string(),
  sourceId: z.string().nullable(),
  journeyId: z.string().nullable(),
  batchId: z.string().nullable(),
  attempts: z.number(),
  nextAttemptAt: z.string(),
  lastError: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  openedAt: z.string().nullable(),
  clickedAt: z.string().nullable(),
  repliedAt: z.string().nullable(),
  readAt: z.string().nullable(),
});
export const sentView = messageView.extend({ duplicate: z.boolean() });
export const messageDetail = messageView.extend({
  history: z.array(z.object({ status: z.string(), at: z.string(), detail: z.unknown() })),
});

const paging = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};
export const messageQuery = z.strictObject({
  customerId: uuid.optional(),
  status: z.enum(MESSAGE_STATUSES).optional(),
  channel: channel.optional(),
  templateCode: z.string().max(80).optional(),
  journeyId: uuid.optional(),
  batchId: uuid.optional(),
  ...paging,
});

export const previewBody = z
  .strictObject({
    customerId: uuid,
    template: z
      .strictObject({
        code: text(80),
        language: z.enum(TEMPLATE_LANGUAGES).optional(),
        version: z.number().int().min(1).optional(),
      })
      .optional(),
    content: content.optional(),
    channel: channelOrPreferred.optional(),
    purpose: purpose.optional(),
    values: templateValues,
  })
  .refine((b) => !!b.template !== !!b.content, {
    message: 'give exactly one of template or content',
    path: ['template'],
  });
export const previewView = z.object({
  customerId: z.string(),
  language: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  missing: z.array(z.string()),
  purpose: z.string(),
  legallyRequired: z.boolean(),
  channel: z.string(),
  wouldSend: z.boolean(),
  reason: z.string().nullable(),
});

export const batchBody = z.strictObject({
  segmentId: uuid,
  template: text(80),
  channel: channelOrPreferred.default('preferred'),
  purpose,
});
export const batchPreviewView = z.object({
  total: z.number(),
  checked: z.number(),
  wouldSend: z.number(),
  heldBack: z.record(z.string(), z.number()),
});
export const batchView = z.object({
  id: z.string(),
  segmentId: z.string(),
  templateCode: z.string(),
  channel: z.string(),
  purpose: z.string(),
  status: z.string(),
  processed: z.number(),
  queued: z.number(),
  suppressed: z.number(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

// ---- templates ---------------------------------------------------------------------------------

export const templateCode = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,79}$/, 'lower-case letters, digits and dashes');
export const templateBody = z.strictObject({
  code: templateCode,
  language: z.enum(TEMPLATE_LANGUAGES),
  category: z.enum(TEMPLATE_CATEGORIES),
  purpose: z.string().regex(/^[a-z][a-z0-9_]{1,59}$/, 'lower-case words joined by _'),
  name: text(200),
  subject: z.string().max(300).nullable().optional(),
  body: text(10_000),
  shortBody: z.string().max(1000).nullable().optional(),
});
export const templateVersionParams = z.strictObject({
  code: templateCode,
  language: z.enum(TEMPLATE_LANGUAGES),
  version: z.coerce.number().int().min(1),
});
export const templateQuery = z.strictObject({
  code: templateCode.optional(),
  status: z.enum(['draft', 'pending_approval', 'active', 'retired']).optional(),
});
export const templateView = z.object({
  id: z.string(),
  code: z.string(),
  language: z.string(),
  version: z.number(),
  category: z.string(),
  purpose: z.string(),
  name: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  shortBody: z.string().nullable(),
  variables: z.array(z.string()),
  status: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  activatedAt: z.string().nullable(),
  retiredAt: z.string().nullable(),
});

// ---- preferences, inbox --------------------------------------------------------------------------

export const preferencesBody = z.strictObject({
  timeZone: z.string().max(64).nullable().optional(),
  quietHours: z.strictObject({ start: hhmm, end: hhmm }).nullable().optional(),
  optOuts: z
    .strictObject({
      service: z.array(channel).max(6).optional(),
      marketing: z.array(channel).max(6).optional(),
    })
    .optional(),
  preferredChannel: channel.nullable().optional(),
  marketingConsent: z.boolean().optional(),
});
export const preferencesView = z.object({
  customerId: z.string(),
  consents: z.object({ service: z.boolean().nullable(), marketing: z.boolean().nullable() }),
  timeZone: z.string(),
  timeZoneIsDefault: z.boolean(),
  quietHours: z.object({ start: z.string(), end: z.string() }),
  optOuts: z.object({ service: z.array(z.string()), marketing: z.array(z.string()) }),
  preferredChannel: z.string(),
  matrix: z.array(
    z.object({
      purpose: z.string(),
      channel: z.string(),
      allowed: z.boolean(),
      reason: z.string().nullable(),
    }),
  ),
  updatedAt: z.string().nullable(),
});
export const inboxView = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      subject: z.string().nullable(),
      body: z.string(),
      purpose: z.string(),
      legallyRequired: z.boolean(),
      createdAt: z.string(),
      readAt: z.string().nullable(),
    }),
  ),
  unread: z.number(),
});

// ---- journeys ------------------------------------------------------------------------------------

const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionSchema).min(1).max(20) }),
    z.strictObject({ any: z.array(conditionSchema).min(1).max(20) }),
    z.strictObject({ not: conditionSchema }),
    z.strictObject({
      fact: z.string().max(80),
      op: z.enum(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'contains', 'exists']),
      value: z.unknown().optional(),
    }),
  ]),
);
const stepId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes');
const stepSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    id: stepId,
    kind: z.literal('send'),
    template: templateCode,
    channel: channelOrPreferred.optional(),
    purpose,
    legallyRequired: z.boolean().optional(),
  }),
  z.strictObject({
    id: stepId,
    kind: z.literal('wait'),
    days: z.number().int().min(0).max(3650).optional(),
    hours: z
      .number()
      .int()
      .min(0)
      .max(24 * 365)
      .optional(),
  }),
  z.strictObject({
    id: stepId,
    kind: z.literal('branch'),
    condition: conditionSchema,
    then: z.string().max(40),
    else: z.string().max(40),
  }),
  z.strictObject({
    id: stepId,
    kind: z.literal('task'),
    title: text(300),
    dueInDays: z.number().int().min(0).max(365).optional(),
    queue: z.string().max(40).optional(),
  }),
  z.strictObject({ id: stepId, kind: z.literal('ticket'), subject: text(300) }),
  z.strictObject({ id: stepId, kind: z.literal('survey'), wave: text(80) }),
  z.strictObject({ id: stepId, kind: z.literal('goto'), to: z.string().max(40) }),
  z.strictObject({ id: stepId, kind: z.literal('end') }),
]);
export const definitionSchema = z.strictObject({
  triggers: z
    .array(
      z.strictObject({
        type: z.enum(TRIGGER_TYPES),
        daysBefore: z.number().int().min(0).max(365).optional(),
        condition: conditionSchema.optional(),
        dedupe: z.enum(['event', 'customer']).optional(),
      }),
    )
    .min(1)
    .max(10),
  steps: z.array(stepSchema).min(1).max(100),
});
const names = z.strictObject({ en: text(200), 'zh-CN': text(200) });
export const journeyBody = z.strictObject({
  code: templateCode,
  name: names,
  description: z.string().max(2000).nullable().optional(),
  definition: definitionSchema,
  holdoutPercent: z.number().int().min(0).max(50).default(0),
});
export const journeyPatch = z
  .strictObject({
    name: names.optional(),
    description: z.string().max(2000).nullable().optional(),
    definition: definitionSchema.optional(),
    holdoutPercent: z.number().int().min(0).max(50).optional(),
    enabled: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'give at least one field to change' });
export const journeyView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.object({ en: z.string(), 'zh-CN': z.string() }),
  description: z.string().nullable(),
  definition: z.unknown(),
  enabled: z.boolean(),
  holdoutPercent: z.number(),
  builtIn: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export const enrolBody = z
  .strictObject({ customerIds: z.array(uuid).max(10_000).optional(), segmentId: uuid.optional() })
  .refine((b) => !!b.customerIds?.length || !!b.segmentId, {
    message: 'give customerIds or a segmentId',
    path: ['customerIds'],
  });
export const runView = z.object({
  id: z.string(),
  journeyId: z.string(),
  customerId: z.string(),
  triggerType: z.string(),
  loanId: z.string().nullable(),
  group: z.string(),
  state: z.string(),
  stepIndex: z.number(),
  waitingOn: z.string().nullable(),
  wakeAt: z.string().nullable(),
  outcome: z.string().nullable(),
  dueDate: z.string().nullable(),
  history: z.array(
    z.object({ at: z.string(), stepId: z.string(), kind: z.string(), note: z.string().optional() }),
  ),
  lastError: z.string().nullable(),
  startedAt: z.string(),
  completedAt: z.string().nullable(),
});
export const runQuery = z.strictObject({
  state: z.enum(['active', 'completed', 'exited']).optional(),
  customerId: uuid.optional(),
  ...paging,
});
export const eventBody = z.strictObject({
  id: text(100),
  type: z.string().regex(/^[a-z_]+\.[a-z_]+$/),
  customerId: uuid,
  loanId: uuid.optional(),
  businessDate: isoDate.optional(),
  payload: z.record(z.string(), z.unknown()).default({}),
});

const rate = z.object({
  successes: z.number(),
  trials: z.number(),
  rate: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
});
export const effectView = z.object({
  journeyId: z.string(),
  code: z.string(),
  holdoutPercent: z.number(),
  measuredThrough: z.string(),
  metric: z.string(),
  treatment: rate,
  holdout: rate,
  difference: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  confidence: z.number(),
  significant: z.boolean(),
  note: z.string().nullable(),
});

// ---- interactions, tasks -----------------------------------------------------------------------

export const interactionBody = z.strictObject({
  customerId: uuid,
  kind: z.enum(INTERACTION_KINDS),
  direction: z.enum(INTERACTION_DIRECTIONS).optional(),
  channel: z.string().max(40).nullable().optional(),
  occurredAt: z.string().datetime({ offset: true }).optional(),
  durationMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .nullable()
    .optional(),
  subject: z.string().max(300).nullable().optional(),
  notes: z.string().max(10_000).nullable().optional(),
  outcome: z.enum(INTERACTION_OUTCOMES).nullable().optional(),
  nextStep: z.string().trim().min(1).max(300).nullable().optional(),
  nextStepDue: isoDate.nullable().optional(),
  nextStepAssigneeId: uuid.nullable().optional(),
  loanId: uuid.nullable().optional(),
  location: z.string().max(300).nullable().optional(),
});
export const interactionView = z.object({
  id: z.string(),
  customerId: z.string(),
  kind: z.string(),
  direction: z.string(),
  channel: z.string().nullable(),
  occurredAt: z.string(),
  durationMinutes: z.number().nullable(),
  subject: z.string().nullable(),
  notes: z.string().nullable(),
  outcome: z.string().nullable(),
  nextStep: z.string().nullable(),
  nextStepDue: z.string().nullable(),
  taskId: z.string().nullable(),
  messageId: z.string().nullable(),
  loanId: z.string().nullable(),
  location: z.string().nullable(),
  loggedBy: z.string().nullable(),
  createdAt: z.string(),
});
export const interactionQuery = z.strictObject({
  customerId: uuid.optional(),
  kind: z.enum(INTERACTION_KINDS).optional(),
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
  ...paging,
});

export const taskView = z.object({
  id: z.string(),
  customerId: z.string(),
  title: z.string(),
  dueDate: z.string().nullable(),
  assigneeId: z.string().nullable(),
  status: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
  overdue: z.boolean(),
});
export const myTasksQuery = z.strictObject({
  status: z.enum(['open', 'done', 'cancelled']).default('open'),
  overdue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const teamQuery = z.strictObject({
  role: z.string().max(40).optional(),
  status: z.enum(['open', 'done', 'cancelled']).default('open'),
  overdue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(2000).default(500),
});
export const teamView = z.object({
  members: z.array(
    z.object({
      userId: z.string(),
      displayName: z.string(),
      roles: z.array(z.string()),
      open: z.number(),
      overdue: z.number(),
      tasks: z.array(taskView),
    }),
  ),
  unassigned: z.array(taskView),
});
export const ruleBody = z.strictObject({
  name: text(200),
  priority: z.number().int().min(0).max(10_000),
  match: z.strictObject({
    queue: z.string().max(40).optional(),
    tagsAny: z.array(z.string().max(60)).max(20).optional(),
    schoolId: uuid.optional(),
    creditRecord: z.string().max(40).optional(),
    economicStatus: z.string().max(40).optional(),
  }),
  assignTo: z.strictObject({ userId: uuid.optional(), role: z.string().max(40).optional() }),
  enabled: z.boolean().optional(),
});
export const ruleView = z.object({
  id: z.string(),
  name: z.string(),
  priority: z.number(),
  match: z.record(z.string(), z.unknown()),
  assignTo: z.object({ userId: z.string().optional(), role: z.string().optional() }),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ratesQuery = z.strictObject({
  by: z.enum(['template', 'journey', 'channel']).default('template'),
  from: isoDate,
  to: isoDate,
});
export const ratesView = z.object({
  items: z.array(
    z.object({
      key: z.string().nullable(),
      total: z.number(),
      suppressed: z.number(),
      sent: z.number(),
      delivered: z.number(),
      bounced: z.number(),
      failed: z.number(),
      opened: z.number(),
      clicked: z.number(),
      replied: z.number(),
      deliveryRate: z.number().nullable(),
      openRate: z.number().nullable(),
      clickRate: z.number().nullable(),
      replyRate: z.number().nullable(),
    }),
  ),
});

// ---- public: callbacks, unsubscribe ------------------------------------------------------------

export const statusReport = z.strictObject({
  messageId: uuid.optional(),
  providerMessageId: z.string().max(200).optional(),
  status: z.enum(CALLBACK_STATUSES),
  at: z.string().datetime({ offset: true }).optional(),
  detail: z.string().max(500).optional(),
});
export const statusCallbackBody = z.union([
  statusReport,
  z.strictObject({ events: z.array(statusReport).min(1).max(500) }),
]);
export const inboundBody = z.strictObject({
  messageId: uuid.optional(),
  providerMessageId: z.string().max(200).optional(),
  channel: channel.optional(),
  text: z.string().min(1).max(4000),
  at: z.string().datetime({ offset: true }).optional(),
});
export const tokenQuery = z.strictObject({ token: z.string().min(10).max(400) });
