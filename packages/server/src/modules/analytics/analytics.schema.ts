// Request and response schemas of the analytics routes (zod; exported to the web app's types).
import { z } from 'zod';
import { CHURN_REASONS } from '@bursar/core';
import { analyticsSettingsSchema } from './analytics.settings.ts';

const code = z.string().trim().min(1).max(64);
export const dashboardQuerySchema = z.strictObject({
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  schoolId: z.uuid().optional(),
  productCode: code.optional(),
  /** A study level; '' selects customers without one. */
  segment: z.string().max(64).optional(),
  months: z.coerce.number().int().min(1).max(36).optional(),
});

export const drillQuerySchema = dashboardQuerySchema.extend({
  metric: z.enum(['par30', 'originations']),
  month: z.string().regex(/^\d{4}-\d{2}$/).optional(),
  after: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const refreshBodySchema = z.strictObject({
  asOf: z.iso.date().optional(),
});

export const clvQuerySchema = z.strictObject({
  customerId: z.uuid().optional(),
  loanId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const churnQuerySchema = z.strictObject({
  after: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  reason: z.enum(CHURN_REASONS).optional(),
});

export const currencyQuerySchema = z.strictObject({
  currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  months: z.coerce.number().int().min(1).max(60).optional(),
});

export const marketShareQuerySchema = z.strictObject({
  academicYear: z.coerce.number().int().min(1990).max(2100).optional(),
});

export const enrolmentImportSchema = z.strictObject({
  /** CSV text: school (id or external code), academic_year, enrolled. */
  csv: z.string().min(1).max(5_000_000),
});

export const settingsSchema = analyticsSettingsSchema;

export const scheduleBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  filters: dashboardQuerySchema.omit({ months: true }).default({}),
  formats: z.array(z.enum(['pdf', 'xlsx'])).min(1).max(2),
  frequency: z.enum(['weekly', 'monthly']),
  recipients: z.array(z.email()).min(1).max(50),
  language: z.enum(['en', 'zh-CN']).default('zh-CN'),
});

export const scheduleActiveSchema = z.strictObject({ active: z.boolean() });
export const idParams = z.strictObject({ id: z.uuid() });

export const exportQuerySchema = dashboardQuerySchema.extend({
  format: z.enum(['pdf', 'xlsx']),
  language: z.enum(['en', 'zh-CN']).default('zh-CN'),
});
