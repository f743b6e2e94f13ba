// A/B variants with a hold-out: deterministic assignment and the two-proportion z-test.
import { stableHash32 } from '../engagement/holdout.ts';
import { normalTwoSided, Z_95 } from '../surveys/special.ts';

export const HOLDOUT_ARM = 'holdout';

export interface ArmWeight {
  key: string;
  /** Relative weight (a positive integer). */
  weight: number;
}

/** A number in [0, 1) fixed by the campaign's seed and the customer. */
export function armDraw(seed: string, customerId: string): number {
  return stableHash32(`${seed}:${customerId}`) / 2 ** 32;
}

/**
 * The arm of a customer: the hold-out for the first `holdoutPercent` of the draw, otherwise a
 * variant in proportion to the weights over the rest. The same customer and seed always give
 * the same arm; arms are taken in the order given.
 */
export function assignArm(
  seed: string,
  customerId: string,
  variants: readonly ArmWeight[],
  holdoutPercent: number,
): string {
  const d = armDraw(seed, customerId);
  const h = Math.max(0, Math.min(100, holdoutPercent)) / 100;
  if (d < h || variants.length === 0) return HOLDOUT_ARM;
  const total = variants.reduce((s, v) => s + Math.max(0, v.weight), 0);
  if (total <= 0) return variants[0]!.key;
  // Rescale the part of the draw above the hold-out to [0, total).
  const x = ((d - h) / (1 - h)) * total;
  let acc = 0;
  for (const v of variants) {
    acc += Math.max(0, v.weight);
    if (x < acc) return v.key;
  }
  return variants.at(-1)!.key;
}

export interface ArmCounts {
  conversions: number;
  n: number;
}

export interface TwoProportionTest {
  /** Treatment rate − control rate. */
  difference: number;
  /** difference ÷ control rate; null when the control converted nobody. */
  relativeLift: number | null;
  /** With the pooled standard error (the test under H0: equal rates). */
  z: number;
  pValue: number;
  /** Wald interval of the difference with the unpooled standard error. */
  ci95: { low: number; high: number };
  /** The normal approximation holds: every arm has ≥ 5 conversions and ≥ 5 non-conversions. */
  adequateSample: boolean;
}

/** Two-proportion z-test of a treatment arm against a control (the hold-out). Null when an arm is empty or both rates are 0 or 1. */
export function twoProportionZTest(treatment: ArmCounts, control: ArmCounts): TwoProportionTest | null {
  if (treatment.n === 0 || control.n === 0) return null;
  const p1 = treatment.conversions / treatment.n;
  const p0 = control.conversions / control.n;
  const pooled = (treatment.conversions + control.conversions) / (treatment.n + control.n);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / treatment.n + 1 / control.n));
  if (sePooled === 0) return null;
  const difference = p1 - p0;
  const z = difference / sePooled;
  const se = Math.sqrt((p1 * (1 - p1)) / treatment.n + (p0 * (1 - p0)) / control.n);
  const ok = (a: ArmCounts) => a.conversions >= 5 && a.n - a.conversions >= 5;
  return {
    difference,
    relativeLift: p0 > 0 ? difference / p0 : null,
    z,
    pValue: normalTwoSided(z),
    ci95: { low: difference - Z_95 * se, high: difference + Z_95 * se },
    adequateSample: ok(treatment) && ok(control),
  };
}
