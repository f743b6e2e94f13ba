// Adverse-impact statistics for fair-lending monitoring (pure, deterministic): approval rates by
// group, the four-fifths rule's adverse-impact ratio against the most-approved group, and a
// significance test of each group's rate against that reference group: the two-proportion z-test
// when every expected cell count is at least 5, Fisher's exact test (two-sided) otherwise.
// Groups smaller than the minimum size are reported but neither serve as reference nor are tested.

export interface GroupCount {
  group: string;
  applications: number;
  approved: number;
}

export interface GroupResult extends GroupCount {
  approvalRate: number;
  /** Approval rate ÷ the reference group's; null when not tested (too small, missing, reference). */
  adverseImpactRatio: number | null;
  test: 'z' | 'fisher' | null;
  z: number | null;
  pValue: number | null;
  /** Below the four-fifths threshold. */
  belowThreshold: boolean;
  /** Below the threshold and significant at the level: adverse impact. */
  adverseImpact: boolean;
  insufficient: boolean;
}

export interface AttributeResult {
  attribute: string;
  referenceGroup: string | null;
  groups: GroupResult[];
  flagged: boolean;
}

export interface TestOptions {
  minGroupSize: number;
  /** Four-fifths rule: 0.8. */
  threshold: number;
  /** Significance level: 0.05. */
  alpha: number;
}

/** Standard normal CDF by erf (Abramowitz & Stegun 7.1.26, |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** Two-proportion z-test with the pooled proportion; two-sided p-value. */
export function twoProportionZ(a1: number, n1: number, a2: number, n2: number): { z: number; p: number } {
  const p = (a1 + a2) / (n1 + n2);
  const se = Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  if (se === 0) return { z: 0, p: 1 };
  const z = (a1 / n1 - a2 / n2) / se;
  return { z, p: Math.min(1, 2 * (1 - normalCdf(Math.abs(z)))) };
}

const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++) logFactorials[i] = logFactorials[i - 1]! + Math.log(i);
  return logFactorials[n]!;
}

/**
 * Fisher's exact test on the 2×2 table [[a, b], [c, d]] (group approved/declined, reference
 * approved/declined): two-sided p = the sum of the probabilities of all tables with the same
 * margins that are no more likely than the observed one.
 */
export function fisherExact(a: number, b: number, c: number, d: number): number {
  const row1 = a + b;
  const col1 = a + c;
  const n = a + b + c + d;
  const logP = (x: number) =>
    logFactorial(row1) +
    logFactorial(n - row1) +
    logFactorial(col1) +
    logFactorial(n - col1) -
    logFactorial(n) -
    logFactorial(x) -
    logFactorial(row1 - x) -
    logFactorial(col1 - x) -
    logFactorial(n - row1 - col1 + x);
  const observed = logP(a);
  let p = 0;
  for (let x = Math.max(0, row1 + col1 - n); x <= Math.min(row1, col1); x++) {
    const lp = logP(x);
    if (lp <= observed + 1e-7) p += Math.exp(lp);
  }
  return Math.min(1, p);
}

export function adverseImpact(
  attribute: string,
  counts: readonly GroupCount[],
  o: TestOptions,
): AttributeResult {
  const sorted = [...counts].sort((x, y) => (x.group < y.group ? -1 : x.group > y.group ? 1 : 0));
  const rate = (g: GroupCount) => (g.applications ? g.approved / g.applications : 0);
  const eligible = sorted.filter((g) => g.group !== 'missing' && g.applications >= o.minGroupSize);
  const reference = eligible.reduce<GroupCount | null>(
    (best, g) => (!best || rate(g) > rate(best) ? g : best),
    null,
  );
  const groups = sorted.map((g): GroupResult => {
    const insufficient = g.group === 'missing' || g.applications < o.minGroupSize;
    const base = {
      ...g,
      approvalRate: rate(g),
      insufficient,
      adverseImpactRatio: null,
      test: null,
      z: null,
      pValue: null,
      belowThreshold: false,
      adverseImpact: false,
    };
    if (insufficient || !reference || g === reference) return base;
    const ratio = rate(reference) > 0 ? rate(g) / rate(reference) : 1;
    const n = g.applications + reference.applications;
    const approvedAll = g.approved + reference.approved;
    const minExpected = Math.min(
      (g.applications * approvedAll) / n,
      (g.applications * (n - approvedAll)) / n,
      (reference.applications * approvedAll) / n,
      (reference.applications * (n - approvedAll)) / n,
    );
    let test: 'z' | 'fisher';
    let z: number | null = null;
    let p: number;
    if (minExpected >= 5) {
      test = 'z';
      ({ z, p } = twoProportionZ(g.approved, g.applications, reference.approved, reference.applications));
    } else {
      test = 'fisher';
      p = fisherExact(
        g.approved,
        g.applications - g.approved,
        reference.approved,
        reference.applications - reference.approved,
      );
    }
    const below = ratio < o.threshold;
    return {
      ...base,
      adverseImpactRatio: ratio,
      test,
      z,
      pValue: p,
      belowThreshold: below,
      adverseImpact: below && p < o.alpha,
    };
  });
  return {
    attribute,
    referenceGroup: reference?.group ?? null,
    groups,
    flagged: groups.some((g) => g.adverseImpact),
  };
}
