// Rates and their uncertainty: Wilson intervals for one rate, and the difference of two rates
// (treatment − hold-out) with a Newcombe hybrid-score interval, which behaves at small counts
// and rates near 0 or 1 where the Wald interval does not.

export interface RateEstimate {
  successes: number;
  trials: number;
  rate: number | null;
  low: number | null;
  high: number | null;
}

/** Standard normal quantile for a two-sided confidence level (Acklam's rational approximation). */
export function zFor(confidence: number): number {
  const p = 1 - (1 - confidence) / 2;
  const a = [
    -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
    2.506628277459239,
  ];
  const b = [
    -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
    -1.328068155288572e1,
  ];
  const c = [
    -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const pl = 0.02425;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p <= 1 - pl) {
    const q = p - 0.5;
    const r = q * q;
    return (
      ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
      (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
    );
  }
  const q = Math.sqrt(-2 * Math.log(1 - p));
  return (
    -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
    ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
  );
}

/** A rate with its Wilson score interval. */
export function wilson(successes: number, trials: number, confidence = 0.95): RateEstimate {
  if (trials <= 0) return { successes, trials, rate: null, low: null, high: null };
  const z = zFor(confidence);
  const p = successes / trials;
  const z2 = z * z;
  const denom = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denom;
  return { successes, trials, rate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface EffectEstimate {
  treatment: RateEstimate;
  holdout: RateEstimate;
  /** Treatment rate − hold-out rate, in rate units (0.05 = five percentage points). */
  difference: number | null;
  low: number | null;
  high: number | null;
  confidence: number;
  /** The interval excludes zero. */
  significant: boolean;
}

/** Difference of two independent proportions with Newcombe's (1998, method 10) interval. */
export function rateDifference(
  treated: { successes: number; trials: number },
  held: { successes: number; trials: number },
  confidence = 0.95,
): EffectEstimate {
  const t = wilson(treated.successes, treated.trials, confidence);
  const h = wilson(held.successes, held.trials, confidence);
  if (t.rate === null || h.rate === null)
    return {
      treatment: t,
      holdout: h,
      difference: null,
      low: null,
      high: null,
      confidence,
      significant: false,
    };
  const d = t.rate - h.rate;
  const low = d - Math.sqrt((t.rate - t.low!) ** 2 + (h.high! - h.rate) ** 2);
  const high = d + Math.sqrt((t.high! - t.rate) ** 2 + (h.rate - h.low!) ** 2);
  return { treatment: t, holdout: h, difference: d, low, high, confidence, significant: low > 0 || high < 0 };
}
