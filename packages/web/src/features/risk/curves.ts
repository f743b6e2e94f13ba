// Chart data for the validation tab, from the figures training stores: the ROC curve
// (false- and true-positive rates at each cut-off, riskiest applicants first) and the KS chart
// (cumulative shares of bads and goods against the share of applicants flagged).
import type { Bin, RocPoint } from './api.ts';

export interface KsPoint {
  /** Share of all applicants flagged at this cut-off (riskiest first), 0–100. */
  population: number;
  /** Cumulative share of bads flagged, 0–100. */
  bads: number;
  /** Cumulative share of goods flagged, 0–100. */
  goods: number;
  /** bads − goods: KS is its largest value. */
  gap: number;
}

const pct = (x: number) => Math.round(x * 10000) / 100;

export function rocChartData(roc: readonly RocPoint[]): { fpr: number; tpr: number; chance: number }[] {
  return roc.map((p) => ({ fpr: pct(p.fpr), tpr: pct(p.tpr), chance: pct(p.fpr) }));
}

/** KS chart from the ROC points, given the sample's bad count and size. */
export function ksChartData(roc: readonly RocPoint[], bads: number, rows: number): KsPoint[] {
  const goods = rows - bads;
  return roc.map((p) => ({
    population: pct(rows > 0 ? (p.tpr * bads + p.fpr * goods) / rows : 0),
    bads: pct(p.tpr),
    goods: pct(p.fpr),
    gap: pct(p.tpr - p.fpr),
  }));
}

/** The cut-off where the KS gap is largest. */
export function ksPeak(points: readonly KsPoint[]): KsPoint | null {
  let best: KsPoint | null = null;
  for (const p of points) if (!best || p.gap > best.gap) best = p;
  return best;
}

/** Bad rate of a bin (bads ÷ rows in the bin). */
export function badRate(bin: Pick<Bin, 'bads' | 'count'>): number {
  return bin.count > 0 ? bin.bads / bin.count : 0;
}

/** The usual reading of an information value. */
export function ivStrength(iv: number): 'useless' | 'weak' | 'medium' | 'strong' | 'suspicious' {
  if (iv < 0.02) return 'useless';
  if (iv < 0.1) return 'weak';
  if (iv < 0.3) return 'medium';
  if (iv <= 0.5) return 'strong';
  return 'suspicious';
}
export const IV_STRENGTHS = ['useless', 'weak', 'medium', 'strong', 'suspicious'] as const;

export function fixed(x: number | null | undefined, digits = 3): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits);
}

export function percent(x: number | null | undefined, digits = 1): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(digits)}%`;
}
