// Lifetime-value and churn assumptions: one row, validated, changed by managers with audit.
import { z } from 'zod';
import { DEFAULT_CHURN_RULES } from '@bursar/core';
import type { ActorContext, Deps } from '../../deps.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './analytics.repository.ts';

export const analyticsSettingsSchema = z.strictObject({
  /** Cost to serve one loan for one month, minor units. */
  costToServePerMonth: z.number().int().min(0).max(10_000_000),
  /** Monthly discount rate, e.g. 0.005 = 0.5 % a month. */
  monthlyDiscountRate: z.number().min(0).max(0.2),
  academicYearStartMonth: z.number().int().min(1).max(12),
  earlyPayoffMonths: z.number().int().min(1).max(120),
  disengagedMonths: z.number().int().min(1).max(60),
});
export type AnalyticsSettings = z.infer<typeof analyticsSettingsSchema>;

export const DEFAULT_ANALYTICS_SETTINGS: AnalyticsSettings = {
  costToServePerMonth: 1500,
  monthlyDiscountRate: 0.005,
  ...DEFAULT_CHURN_RULES,
};

export async function analyticsSettings(deps: Deps): Promise<AnalyticsSettings> {
  const stored = analyticsSettingsSchema.safeParse(await repo.readSettings(deps.database.db));
  return stored.success ? stored.data : DEFAULT_ANALYTICS_SETTINGS;
}

export async function updateAnalyticsSettings(
  deps: Deps,
  ctx: ActorContext,
  settings: AnalyticsSettings,
): Promise<AnalyticsSettings> {
  return deps.database.db.transaction(async (tx) => {
    const before = await repo.readSettings(tx);
    const now = deps.now();
    await repo.writeSettings(tx, settings, ctx.actorId, now);
    await recordAudit(tx, ctx, now, {
      action: 'analytics.settings_updated',
      entityType: 'analytics_settings',
      entityId: '1',
      before: (before) ?? undefined,
      after: settings,
    });
    return settings;
  });
}
