// Campaign attribution: which campaign won an application, by the first and by the last touch
// the customer had with a campaign inside a lookback window before applying. Pure: touches and
// conversions come in, per-campaign figures go out; money stays integer minor units (bigint).
import { divideRoundedBig } from '../money/rounding.ts';

/** What a touch was, weakest to strongest (the rank breaks ties between touches at the same instant). */
export const TOUCH_KINDS = ['delivery', 'click', 'landing', 'prospect', 'application'] as const;
export type TouchKind = (typeof TOUCH_KINDS)[number];

export interface Touch {
  campaignId: string;
  kind: TouchKind;
  /** Epoch milliseconds. */
  at: number;
}

export interface Conversion {
  applicationId: string;
  customerId: string;
  /** When the application was made (epoch ms): touches after it are ignored. */
  at: number;
  funded: boolean;
  /** Disbursed so far, minor units. */
  disbursedMinor: bigint;
}

export interface AttributedConversion extends Conversion {
  firstTouch: string | null;
  lastTouch: string | null;
}

const DAY_MS = 86_400_000;

function rank(k: TouchKind): number {
  return TOUCH_KINDS.indexOf(k);
}

/**
 * First and last touch of a conversion. A touch counts when it falls in
 * [conversion − lookbackDays, conversion] (both ends included). Ties at the same instant go to
 * the stronger kind, then to the smaller campaign id, so the answer never depends on input order.
 */
export function attributeConversion(
  touches: readonly Touch[],
  conversionAt: number,
  lookbackDays: number,
): { firstTouch: string | null; lastTouch: string | null } {
  const from = conversionAt - lookbackDays * DAY_MS;
  let first: Touch | null = null;
  let last: Touch | null = null;
  for (const t of touches) {
    if (t.at < from || t.at > conversionAt) continue;
    if (
      !first ||
      t.at < first.at ||
      (t.at === first.at &&
        (rank(t.kind) > rank(first.kind) ||
          (rank(t.kind) === rank(first.kind) && t.campaignId < first.campaignId)))
    )
      first = t;
    if (
      !last ||
      t.at > last.at ||
      (t.at === last.at &&
        (rank(t.kind) > rank(last.kind) ||
          (rank(t.kind) === rank(last.kind) && t.campaignId < last.campaignId)))
    )
      last = t;
  }
  return { firstTouch: first?.campaignId ?? null, lastTouch: last?.campaignId ?? null };
}

/** Attribute every conversion against its customer's touches. */
export function attributeAll(
  touchesByCustomer: ReadonlyMap<string, readonly Touch[]>,
  conversions: readonly Conversion[],
  lookbackDays: number,
): AttributedConversion[] {
  return conversions.map((c) => ({
    ...c,
    ...attributeConversion(touchesByCustomer.get(c.customerId) ?? [], c.at, lookbackDays),
  }));
}

export type AttributionModel = 'first' | 'last';

export interface CampaignCost {
  campaignId: string;
  spendMinor: bigint;
  /**
   * Revenue proxy per unit disbursed, in basis points: the expected net interest margin over a
   * loan's life. Revenue = disbursed × marginBps ÷ 10 000 (half-up).
   */
  marginBps: number;
}

export interface CampaignResult {
  campaignId: string;
  model: AttributionModel;
  applications: number;
  funded: number;
  disbursedMinor: bigint;
  spendMinor: bigint;
  /** spend ÷ funded, half-up; null when nothing was funded. */
  cpaMinor: bigint | null;
  revenueMinor: bigint;
  /** (revenue − spend) ÷ spend in basis points (10 000 = +100 %), half-up; null when nothing was spent. */
  returnBps: number | null;
}

/** Revenue proxy of a disbursed amount: disbursed × margin (bps) ÷ 10 000, half-up. */
export function revenueProxy(disbursedMinor: bigint, marginBps: number): bigint {
  return divideRoundedBig(disbursedMinor * BigInt(marginBps), 10_000n, 'half-up');
}

/** Per-campaign figures under one model. Every costed campaign appears, even with no conversions. */
export function campaignResults(
  costs: readonly CampaignCost[],
  attributed: readonly AttributedConversion[],
  model: AttributionModel,
): CampaignResult[] {
  const acc = new Map<string, { applications: number; funded: number; disbursed: bigint }>();
  for (const c of costs) acc.set(c.campaignId, { applications: 0, funded: 0, disbursed: 0n });
  for (const a of attributed) {
    const id = model === 'first' ? a.firstTouch : a.lastTouch;
    if (!id) continue;
    const x = acc.get(id) ?? { applications: 0, funded: 0, disbursed: 0n };
    x.applications++;
    if (a.funded) {
      x.funded++;
      x.disbursed += a.disbursedMinor;
    }
    acc.set(id, x);
  }
  const costOf = new Map(costs.map((c) => [c.campaignId, c]));
  return [...acc.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([campaignId, x]) => {
      const cost = costOf.get(campaignId);
      const spend = cost?.spendMinor ?? 0n;
      const revenue = revenueProxy(x.disbursed, cost?.marginBps ?? 0);
      return {
        campaignId,
        model,
        applications: x.applications,
        funded: x.funded,
        disbursedMinor: x.disbursed,
        spendMinor: spend,
        cpaMinor: x.funded > 0 ? divideRoundedBig(spend, BigInt(x.funded), 'half-up') : null,
        revenueMinor: revenue,
        returnBps:
          spend > 0n ? Number(divideRoundedBig((revenue - spend) * 10_000n, spend, 'half-up')) : null,
      };
    });
}
