// Survey statistics: descriptive figures with t-based intervals, CSAT and NPS with their
// intervals, Cronbach's alpha, chi-square tests of independence, Welch's t-test, wave-over-wave
// change and driver analysis. Formulas are in docs/user-guide/surveys.md.
import { chiSquareSurvival, normalTwoSided, studentTQuantile, studentTTwoSided, Z_95 } from './special.ts';

export interface Interval {
  low: number;
  high: number;
}

export interface Summary {
  n: number;
  mean: number | null;
  /** Sample standard deviation (n − 1). */
  sd: number | null;
  /** 95 % interval of the mean, mean ± t₀.₉₇₅,ₙ₋₁ · sd/√n. */
  ci95: Interval | null;
  /** Count per scale value (only values seen when no scale is given). */
  distribution: Record<string, number>;
}

function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

export function mean(xs: readonly number[]): number {
  return sum(xs) / xs.length;
}

/** Sample variance (n − 1 denominator). */
export function variance(xs: readonly number[]): number {
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) ** 2;
  return s / (xs.length - 1);
}

export function summarize(values: readonly number[], scale?: readonly number[]): Summary {
  const distribution: Record<string, number> = {};
  for (const v of scale ?? []) distribution[String(v)] = 0;
  for (const v of values) distribution[String(v)] = (distribution[String(v)] ?? 0) + 1;
  const n = values.length;
  if (n === 0) return { n, mean: null, sd: null, ci95: null, distribution };
  const m = mean(values);
  if (n < 2) return { n, mean: m, sd: null, ci95: null, distribution };
  const sd = Math.sqrt(variance(values));
  const half = (studentTQuantile(0.975, n - 1) * sd) / Math.sqrt(n);
  return { n, mean: m, sd, ci95: { low: m - half, high: m + half }, distribution };
}

export interface Proportion {
  n: number;
  count: number;
  share: number | null;
  /** Wilson score interval (well-behaved near 0 and 1 and for small n). */
  ci95: Interval | null;
}

export function proportion(count: number, n: number): Proportion {
  if (n === 0) return { n, count, share: null, ci95: null };
  const p = count / n;
  const z2 = Z_95 * Z_95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z_95 / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { n, count, share: p, ci95: { low: centre - half, high: centre + half } };
}

/** CSAT: the share of answers of 4 or 5 on a 1–5 scale. */
export function csat(values: readonly number[]): Proportion {
  return proportion(values.filter((v) => v >= 4).length, values.length);
}

export interface Nps {
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** Promoter share − detractor share, in points (−100 … 100). */
  score: number | null;
  /** Standard error in points: 100·√((p + d − (p − d)²)/n), the variance of the difference of two multinomial shares. */
  se: number | null;
  ci95: Interval | null;
}

/** Net Promoter Score from 0–10 answers: promoters 9–10, detractors 0–6. */
export function nps(values: readonly number[]): Nps {
  const n = values.length;
  const promoters = values.filter((v) => v >= 9).length;
  const detractors = values.filter((v) => v <= 6).length;
  const passives = n - promoters - detractors;
  if (n === 0) return { n, promoters, passives, detractors, score: null, se: null, ci95: null };
  const p = promoters / n;
  const d = detractors / n;
  const score = 100 * (p - d);
  const se = 100 * Math.sqrt((p + d - (p - d) ** 2) / n);
  return {
    n,
    promoters,
    passives,
    detractors,
    score,
    se,
    ci95: { low: Math.max(-100, score - Z_95 * se), high: Math.min(100, score + Z_95 * se) },
  };
}

export type NpsGroup = 'promoter' | 'passive' | 'detractor';
export function npsGroup(v: number): NpsGroup {
  return v >= 9 ? 'promoter' : v <= 6 ? 'detractor' : 'passive';
}

/**
 * Cronbach's alpha of a scale: k/(k−1)·(1 − Σ var(itemᵢ)/var(total)), over respondents who
 * answered every item (rows: respondents, columns: items). Null below 2 items or 2 complete rows.
 */
export function cronbachAlpha(rows: readonly (readonly (number | null | undefined)[])[]): {
  alpha: number | null;
  n: number;
  items: number;
} {
  const k = rows[0]?.length ?? 0;
  const complete = rows.filter((r) => r.length === k && r.every((v) => typeof v === 'number')) as number[][];
  const n = complete.length;
  if (k < 2 || n < 2) return { alpha: null, n, items: k };
  let itemVar = 0;
  for (let j = 0; j < k; j++) itemVar += variance(complete.map((r) => r[j]!));
  const totalVar = variance(complete.map((r) => sum(r)));
  if (totalVar === 0) return { alpha: null, n, items: k };
  return { alpha: (k / (k - 1)) * (1 - itemVar / totalVar), n, items: k };
}

export interface ChiSquare {
  statistic: number;
  df: number;
  pValue: number;
  /** Cramér's V: effect size 0 … 1. */
  cramersV: number;
  /** Share of cells with an expected count under 5: above 20 % the test is unreliable. */
  smallExpectedShare: number;
  n: number;
}

/** Pearson's chi-square test of independence on an r × c table of counts (no continuity correction). Empty rows and columns are dropped. */
export function chiSquareTest(table: readonly (readonly number[])[]): ChiSquare | null {
  const cols = table[0]?.length ?? 0;
  const keptCols = Array.from({ length: cols }, (_, j) => j).filter((j) =>
    table.some((r) => (r[j] ?? 0) > 0),
  );
  const t = table.filter((r) => sum(r) > 0).map((r) => keptCols.map((j) => r[j] ?? 0));
  const r = t.length;
  const c = keptCols.length;
  if (r < 2 || c < 2) return null;
  const rowSums = t.map(sum);
  const colSums = keptCols.map((_, j) => sum(t.map((row) => row[j]!)));
  const n = sum(rowSums);
  let stat = 0;
  let small = 0;
  for (let i = 0; i < r; i++) {
    for (let j = 0; j < c; j++) {
      const e = (rowSums[i]! * colSums[j]!) / n;
      if (e < 5) small++;
      stat += (t[i]![j]! - e) ** 2 / e;
    }
  }
  const df = (r - 1) * (c - 1);
  return {
    statistic: stat,
    df,
    pValue: chiSquareSurvival(stat, df),
    cramersV: Math.sqrt(stat / (n * (Math.min(r, c) - 1))),
    smallExpectedShare: small / (r * c),
    n,
  };
}

export interface TTest {
  /** mean(b) − mean(a): positive when b is higher. */
  difference: number;
  t: number;
  df: number;
  pValue: number;
  ci95: Interval;
}

/** Welch's unequal-variance t-test of b against a. Null when either side has fewer than 2 values or both have no spread. */
export function welchTTest(a: readonly number[], b: readonly number[]): TTest | null {
  if (a.length < 2 || b.length < 2) return null;
  const va = variance(a) / a.length;
  const vb = variance(b) / b.length;
  const se2 = va + vb;
  if (se2 === 0) return null;
  const difference = mean(b) - mean(a);
  const se = Math.sqrt(se2);
  const t = difference / se;
  const df = se2 ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  const half = studentTQuantile(0.975, df) * se;
  return {
    difference,
    t,
    df,
    pValue: studentTTwoSided(t, df),
    ci95: { low: difference - half, high: difference + half },
  };
}

export interface ZTest {
  difference: number;
  z: number;
  pValue: number;
  ci95: Interval;
}

/** Change in NPS between two waves: z = ΔNPS / √(se₁² + se₂²) (independent samples). */
export function npsChange(before: readonly number[], after: readonly number[]): ZTest | null {
  const a = nps(before);
  const b = nps(after);
  if (a.score === null || b.score === null || a.se === null || b.se === null) return null;
  const se = Math.sqrt(a.se ** 2 + b.se ** 2);
  const difference = b.score - a.score;
  if (se === 0) return null;
  const z = difference / se;
  return {
    difference,
    z,
    pValue: normalTwoSided(z),
    ci95: { low: difference - Z_95 * se, high: difference + Z_95 * se },
  };
}

/** Change in a proportion (e.g. CSAT) between two waves: the 2 × 2 chi-square test, i.e. the pooled two-proportion z-test squared. */
export function proportionChange(
  before: { count: number; n: number },
  after: { count: number; n: number },
): { difference: number; pValue: number } | null {
  if (before.n === 0 || after.n === 0) return null;
  const test = chiSquareTest([
    [before.count, before.n - before.count],
    [after.count, after.n - after.count],
  ]);
  return { difference: after.count / after.n - before.count / before.n, pValue: test ? test.pValue : 1 };
}

/** Pearson correlation; null when either side has no spread. */
export function pearson(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  if (n < 2 || y.length !== n) return null;
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

/** Solve A·x = b by Gaussian elimination with partial pivoting; null when A is (near) singular. */
function solve(A: number[][], b: number[]): number[] | null {
  const n = b.length;
  const m = A.map((row, i) => [...row, b[i]!]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let i = col + 1; i < n; i++) if (Math.abs(m[i]![col]!) > Math.abs(m[pivot]![col]!)) pivot = i;
    if (Math.abs(m[pivot]![col]!) < 1e-10) return null;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let i = 0; i < n; i++) {
      if (i === col) continue;
      const f = m[i]![col]! / m[col]![col]!;
      for (let j = col; j <= n; j++) m[i]![j]! -= f * m[col]![j]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

export interface Driver {
  key: string;
  /** Correlation with overall satisfaction. */
  correlation: number | null;
  /** Standardised regression coefficient (β) in the multiple regression of overall on all drivers. */
  beta: number | null;
  /** Mean of the driver (for the importance × performance quadrant). */
  mean: number;
}

export interface DriverAnalysis {
  n: number;
  /** Share of the variance of overall satisfaction the drivers explain together. */
  rSquared: number | null;
  drivers: Driver[];
}

/**
 * Which dimensions move overall satisfaction most: correlations, and standardised coefficients
 * β = R⁻¹·r of the regression of z(overall) on the z-scored dimension means, over complete rows.
 * Sorted by β (or by correlation when the regression is not identified), strongest first.
 */
export function driverAnalysis(
  keys: readonly string[],
  rows: readonly { drivers: readonly (number | null)[]; overall: number | null }[],
): DriverAnalysis {
  const complete = rows.filter(
    (r) => r.overall !== null && r.drivers.length === keys.length && r.drivers.every((v) => v !== null),
  ) as { drivers: number[]; overall: number }[];
  const n = complete.length;
  const cols = keys.map((_, j) => complete.map((r) => r.drivers[j]!));
  const y = complete.map((r) => r.overall);
  const r = cols.map((x) => pearson(x, y));
  let betas: number[] | null = null;
  if (n > keys.length + 1 && r.every((v) => v !== null)) {
    const R = cols.map((xi) => cols.map((xj) => (xi === xj ? 1 : (pearson(xi, xj) ?? 0))));
    betas = solve(R, r);
  }
  const rSquared = betas ? sum(betas.map((b, j) => b * r[j]!)) : null;
  const drivers = keys.map((key, j) => ({
    key,
    correlation: r[j] ?? null,
    beta: betas ? betas[j]! : null,
    mean: n ? mean(cols[j]!) : NaN,
  }));
  drivers.sort((a, b) => (b.beta ?? b.correlation ?? -Infinity) - (a.beta ?? a.correlation ?? -Infinity));
  return { n, rSquared, drivers };
}

/** A conventional reading of a p-value for reports. */
export function significant(p: number | null | undefined, alpha = 0.05): boolean {
  return typeof p === 'number' && p < alpha;
}
