// Request shapes of the service-desk API (strict: unknown fields are errors).
import { DESK_PRIORITIES } from '@bursar/core';
import { z } from 'zod';
import { TICKET_CHANNELS, TICKET_STATUSES, TICKET_TYPES } from './service-desk.tables.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const idParams = z.strictObject({ id: z.uuid() });
export const userParams = z.strictObject({ userId: z.uuid() });

export const ticketQuery = z.strictObject({
  status: z.enum(TICKET_STATUSES).optional(),
  active: bool.optional(),
  type: z.enum(TICKET_TYPES).optional(),
  priority: z.enum(DESK_PRIORITIES).optional(),
  customerId: z.uuid().optional(),
  assigneeId: z.uuid().optional(),
  mine: bool.optional(),
  unassigned: bool.optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const hardship = z.strictObject({
  kind: z.enum(['deferment', 'forbearance', 'term-extension']),
  reason: text(500),
  endDate: isoDay.optional(),
  extraInstalments: z.number().int().min(1).max(120).optional(),
});

const ticketFields = {
  type: z.enum(TICKET_TYPES),
  subject: text(300),
  body: text(20_000),
  category: z.string().trim().max(100).optional(),
  loanId: z.uuid().optional(),
  applicationId: z.string().trim().max(100).optional(),
  hardship: hardship.optional(),
};

/** A student's request from the portal. */
export const myTicketBody = z.strictObject(ticketFields);

/** Staff logging a request from any channel. */
export const staffTicketBody = z.strictObject({
  ...ticketFields,
  customerId: z.uuid(),
  channel: z.enum(TICKET_CHANNELS),
  priority: z.enum(DESK_PRIORITIES).optional(),
});

export const replyBody = z.strictObject({
  body: text(20_000),
  visibility: z.enum(['public', 'internal']).optional(),
  status: z.enum(['open', 'waiting_on_customer', 'resolved']).optional(),
  resolutionSummary: z.string().trim().min(1).max(2000).optional(),
});

export const myReplyBody = z.strictObject({ body: text(20_000) });

export const statusBody = z.strictObject({
  status: z.enum(TICKET_STATUSES),
  reason: z.string().trim().max(500).optional(),
  resolutionSummary: z.string().trim().min(1).max(2000).optional(),
});

export const assignBody = z.strictObject({
  assigneeId: z.uuid().nullable().optional(),
  auto: z.boolean().optional(),
});

export const patchBody = z.strictObject({
  type: z.enum(TICKET_TYPES).optional(),
  priority: z.enum(DESK_PRIORITIES).optional(),
  category: z.string().trim().max(100).nullable().optional(),
  rootCauses: z.array(z.string().trim().min(1).max(80)).max(20).optional(),
  loanId: z.uuid().nullable().optional(),
});

export const mergeBody = z.strictObject({ duplicateId: z.uuid() });

export const rateBody = z.strictObject({
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(2000).optional(),
});

export const agentBody = z.strictObject({
  displayName: text(200),
  team: z.string().trim().min(1).max(80).optional(),
  available: z.boolean().optional(),
  languages: z
    .array(z.enum(['en', 'zh-CN']))
    .max(5)
    .optional(),
  products: z.array(z.string().trim().min(1).max(80)).max(50).optional(),
  complaintHandling: z.boolean().optional(),
  maxOpen: z.number().int().min(1).max(500).optional(),
  supervisorId: z.uuid().nullable().optional(),
});

export const availabilityBody = z.strictObject({ available: z.boolean() });

export const slaPolicyBody = z.strictObject({
  type: z.enum(TICKET_TYPES),
  priority: z.enum(DESK_PRIORITIES),
  firstResponseMinutes: z.number().int().min(1).max(100_000),
  resolutionMinutes: z.number().int().min(1).max(1_000_000),
});

export const cannedBody = z.strictObject({
  code: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,59}$/, 'lower-case letters, digits, - or _'),
  language: z.enum(['en', 'zh-CN']),
  title: text(200),
  body: text(5000),
  category: z.string().trim().max(100).nullable().optional(),
});

export const languageQuery = z.strictObject({ language: z.enum(['en', 'zh-CN']).optional() });

export const articleQuery = z.strictObject({
  language: z.enum(['en', 'zh-CN']).optional(),
  category: z.string().trim().max(100).optional(),
  status: z.enum(['draft', 'published', 'archived']).optional(),
});

export const articleBody = z.strictObject({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'lower-case letters, digits and -'),
  language: z.enum(['en', 'zh-CN']),
  category: text(100),
  title: text(300),
  body: text(50_000),
  status: z.enum(['draft', 'published', 'archived']).optional(),
});

export const articlePatch = z.strictObject({
  category: text(100).optional(),
  title: text(300).optional(),
  body: text(50_000).optional(),
  status: z.enum(['draft', 'published', 'archived']).optional(),
});

export const searchQuery = z.strictObject({
  q: z.string().trim().min(1).max(2000),
  language: z.enum(['en', 'zh-CN']).optional(),
});

export const periodQuery = z.strictObject({ from: isoDay.optional(), to: isoDay.optional() });

export const trendQuery = z.strictObject({
  by: z.enum(['cause', 'product', 'school', 'channel', 'category']).default('cause'),
  from: isoDay.optional(),
  to: isoDay.optional(),
});

export const performanceQuery = z.strictObject({
  by: z.enum(['agent', 'team', 'desk']).default('agent'),
  period: z.enum(['month', 'week', 'day']).default('month'),
  from: isoDay.optional(),
  to: isoDay.optional(),
});

export const actionBody = z.strictObject({
  cause: text(80),
  title: text(300),
  ownerId: z.uuid().nullable().optional(),
  ownerName: text(200),
  dueDate: isoDay,
});

export const actionDoneBody = z.strictObject({ outcome: text(2000) });
export const actionQuery = z.strictObject({ cause: z.string().trim().max(80).optional() });
