// Attribution of applications and disbursed amounts to campaigns (first and last touch within
// a lookback window), with cost per acquisition and return. The arithmetic is core's
// (campaignResults); this file gathers touches, conversions and spend.
import {
  attributeAll,
  campaignResults,
  twoProportionZTest,
  HOLDOUT_ARM,
  TOUCH_KINDS,
  type Touch,
} from '@bursar/core';
import type { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import * as read from './attribution.repository.ts';
import * as repo from './campaigns.repository.ts';
import type * as S from './campaigns.schema.ts';

const DAY_MS = 86_400_000;
const ms = (v: Date | string) => (v instanceof Date ? v.getTime() : Date.parse(v));

export const REVENUE_PROXY_NOTE =
  'Revenue proxy = disbursed amount × the campaign’s expected net interest margin (basis points, half-up); return = (revenue − spend) ÷ spend.';

/** Touches grouped by customer, and each conversion attributed within the lookback. */
function attributeRows(
  touchRows: readonly read.TouchRow[],
  conversionRows: readonly read.ConversionRow[],
  lookbackDays: number,
) {
  const byCustomer = new Map<string, Touch[]>();
  for (const t of touchRows) {
    if (!(TOUCH_KINDS as readonly string[]).includes(t.kind)) continue;
    const list = byCustomer.get(t.customer_id) ?? [];
    list.push({ campaignId: t.campaign_id, kind: t.kind, at: ms(t.at) });
    byCustomer.set(t.customer_id, list);
  }
  return attributeAll(
    byCustomer,
    conversionRows.map((c) => {
      const disbursed = BigInt(c.disbursed);
      return {
        applicationId: c.application_id,
        customerId: c.customer_id,
        at: ms(c.at),
        funded: disbursed > 0n,
        disbursedMinor: disbursed,
      };
    }),
    lookbackDays,
  );
}

/** Attribution of applications submitted in [from, to] (dates, inclusive). */
export async function attribution(
  deps: Deps,
  q: z.infer<typeof S.attributionQuery>,
): Promise<z.infer<typeof S.attributionSchema>> {
  const db = deps.database.db;
  const to = q.to ?? deps.now().toISOString().slice(0, 10);
  const from = q.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 365 * DAY_MS).toISOString().slice(0, 10);
  if (from > to) throw Problem.badRequest('from', 'is after to');
  const fromAt = new Date(`${from}T00:00:00Z`);
  const toAt = new Date(Date.parse(`${to}T00:00:00Z`) + DAY_MS - 1);
  const [touchRows, conversionRows, campaigns] = await Promise.all([
    read.touchesSince(db, new Date(fromAt.getTime() - q.lookbackDays * DAY_MS), toAt),
    read.conversionsBetween(db, fromAt, toAt),
    repo.listCampaigns(db),
  ]);
  const costs = await repo.costsOf(
    db,
    campaigns.map((c) => c.id),
  );
  const attributed = attributeRows(touchRows, conversionRows, q.lookbackDays);
  const cost = campaigns.map((c) => ({
    campaignId: c.id,
    marginBps: c.marginBps,
    spendMinor: costs.filter((x) => x.campaignId === c.id).reduce((s, x) => s + BigInt(x.amount), 0n),
  }));
  const meta = new Map(campaigns.map((c) => [c.id, c]));
  const rows = (model: 'first' | 'last') =>
    campaignResults(cost, attributed, model)
      .filter((r) => meta.has(r.campaignId))
      .map((r) => {
        const c = meta.get(r.campaignId)!;
        return {
          campaignId: r.campaignId,
          code: c.code,
          name: c.name,
          currency: c.currency,
          applications: r.applications,
          funded: r.funded,
          disbursedMinor: String(r.disbursedMinor),
          spendMinor: String(r.spendMinor),
          cpaMinor: r.cpaMinor === null ? null : String(r.cpaMinor),
          revenueMinor: String(r.revenueMinor),
          returnBps: r.returnBps,
        };
      });
  return {
    from,
    to,
    lookbackDays: q.lookbackDays,
    applications: attributed.length,
    unattributed: attributed.filter((a) => !a.lastTouch).length,
    revenueProxy: REVENUE_PROXY_NOTE,
    first: rows('first'),
    last: rows('last'),
  };
}

/** The lookback the management dashboard's acquisition cost uses (the campaigns' default). */
const ACQUISITION_LOOKBACK_DAYS = 90;

/**
 * Campaign spend and the funded customers it won, by month, for the management dashboard's
 * acquisition cost: spend by the month it was incurred; a customer counts as acquired in the
 * month of their funded application when its last touch within the lookback was a campaign in
 * that currency. Spend is not split by school, product or segment, so a filtered dashboard gets
 * null (not available) rather than the whole book's figures.
 */
export async function acquisitionByMonth(
  deps: Deps,
  q: { currency: string; from: string; schoolId?: string; productCode?: string; segment?: string },
): Promise<{ month: string; spend: number; acquired: number }[] | null> {
  if (q.schoolId || q.productCode || q.segment !== undefined) return null;
  const db = deps.database.db;
  const campaigns = (await repo.listCampaigns(db)).filter((c) => c.currency === q.currency);
  const ids = new Set(campaigns.map((c) => c.id));
  const fromAt = new Date(`${q.from.slice(0, 10)}T00:00:00Z`);
  const toAt = deps.now();
  const [touchRows, conversionRows, costs] = await Promise.all([
    read.touchesSince(db, new Date(fromAt.getTime() - ACQUISITION_LOOKBACK_DAYS * DAY_MS), toAt),
    read.conversionsBetween(db, fromAt, toAt),
    repo.costsOf(db, [...ids]),
  ]);
  const months = new Map<string, { spend: bigint; acquired: number }>();
  const monthOf = (m: string) => months.get(m) ?? months.set(m, { spend: 0n, acquired: 0 }).get(m)!;
  for (const c of costs)
    if (String(c.incurredOn) >= q.from.slice(0, 10))
      monthOf(String(c.incurredOn).slice(0, 7)).spend += BigInt(c.amount);
  for (const a of attributeRows(touchRows, conversionRows, ACQUISITION_LOOKBACK_DAYS))
    if (a.funded && a.lastTouch && ids.has(a.lastTouch))
      monthOf(new Date(a.at).toISOString().slice(0, 7)).acquired++;
  return [...months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, m]) => ({ month, spend: Number(m.spend), acquired: m.acquired }));
}

const rate = (k: number, n: number) => (n > 0 ? k / n : null);

/** A/B results: conversion per arm and each variant against the hold-out. */
export async function experimentResults(
  deps: Deps,
  campaignId: string,
): Promise<z.infer<typeof S.experimentSchema>> {
  const db = deps.database.db;
  const c = await repo.findCampaign(db, campaignId);
  if (!c) throw Problem.notFound('Campaign');
  const [arms, messages] = await Promise.all([
    read.armOutcomes(db, campaignId, c.lookbackDays),
    read.campaignMessageCounts(db, campaignId),
  ]);
  const hold = arms.find((a) => a.arm === HOLDOUT_ARM);
  return {
    campaignId,
    holdoutPercent: c.holdoutPercent,
    lookbackDays: c.lookbackDays,
    arms: arms.map((a) => ({
      arm: a.arm,
      n: a.n,
      applied: a.applied,
      responded: a.responded,
      appliedRate: rate(a.applied, a.n),
      respondedRate: rate(a.responded, a.n),
      vsHoldout:
        hold && a.arm !== HOLDOUT_ARM
          ? {
              applied: twoProportionZTest(
                { conversions: a.applied, n: a.n },
                { conversions: hold.applied, n: hold.n },
              ),
              responded: twoProportionZTest(
                { conversions: a.responded, n: a.n },
                { conversions: hold.responded, n: hold.n },
              ),
            }
          : null,
    })),
    messages,
  };
}
