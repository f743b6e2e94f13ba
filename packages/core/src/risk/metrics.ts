// Discrimination, calibration and stability measures for scores and probabilities of default.
// Convention: `labels` are 1 for bad and 0 for good; `risk` is higher for riskier applicants
// (a PD); scores are higher for safer applicants.

function counts(labels: readonly number[]): { bads: number; goods: number } {
  let bads = 0;
  for (const y of labels) if (y === 1) bads++;
  return { bads, goods: labels.length - bads };
}

function requireBothClasses(labels: readonly number[], what: string): { bads: number; goods: number } {
  const c = counts(labels);
  if (c.bads === 0 || c.goods === 0) throw new RangeError(`${what} needs both bads and goods`);
  return c;
}

/**
 * Area under the ROC curve by ranks (Mann–Whitney U), with tied values given their mid-rank:
 * the probability that a random bad is ranked riskier than a random good, ties counting half.
 */
export function auc(risk: readonly number[], labels: readonly number[]): number {
  if (risk.length !== labels.length) throw new RangeError('risk and labels differ in length');
  const { bads, goods } = requireBothClasses(labels, 'AUC');
  const order = risk.map((_, i) => i).sort((a, b) => risk[a]! - risk[b]!);
  let rankSumBad = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && risk[order[j + 1]!] === risk[order[i]!]) j++;
    const midRank = (i + j) / 2 + 1;
    for (let t = i; t <= j; t++) if (labels[order[t]!] === 1) rankSumBad += midRank;
    i = j + 1;
  }
  return (rankSumBad - (bads * (bads + 1)) / 2) / (bads * goods);
}

export function gini(aucValue: number): number {
  return 2 * aucValue - 1;
}

/**
 * Kolmogorov–Smirnov statistic: the largest gap between the cumulative share of bads and of
 * goods as the cut-off moves through the risk values (tied values move together).
 */
export function ks(risk: readonly number[], labels: readonly number[]): number {
  const { bads, goods } = requireBothClasses(labels, 'KS');
  const order = risk.map((_, i) => i).sort((a, b) => risk[b]! - risk[a]!);
  let cumBad = 0;
  let cumGood = 0;
  let best = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && risk[order[j + 1]!] === risk[order[i]!]) j++;
    for (let t = i; t <= j; t++) {
      if (labels[order[t]!] === 1) cumBad++;
      else cumGood++;
    }
    best = Math.max(best, Math.abs(cumBad / bads - cumGood / goods));
    i = j + 1;
  }
  return best;
}

export interface CalibrationBand {
  band: number;
  minScore: number;
  maxScore: number;
  count: number;
  bads: number;
  /** Realised bad rate in the band. */
  badRate: number;
  /** Mean predicted probability of default in the band. */
  meanPd: number;
}

/**
 * Calibration by score band: applicants sorted by score and cut into `bands` groups of about
 * equal size (equal scores stay together), realised bad rate against mean predicted PD.
 */
export function calibrationTable(
  scores: readonly number[],
  pds: readonly number[],
  labels: readonly number[],
  bands = 10,
): CalibrationBand[] {
  const order = scores.map((_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  const n = order.length;
  const out: CalibrationBand[] = [];
  let start = 0;
  for (let b = 0; b < bands && start < n; b++) {
    let end = Math.max(start + 1, Math.round(((b + 1) * n) / bands));
    if (b === bands - 1) end = n;
    while (end < n && scores[order[end]!] === scores[order[end - 1]!]) end++;
    let count = 0,
      bad = 0,
      pd = 0;
    for (let t = start; t < end; t++) {
      const i = order[t]!;
      count++;
      if (labels[i] === 1) bad++;
      pd += pds[i]!;
    }
    out.push({
      band: out.length + 1,
      minScore: scores[order[start]!]!,
      maxScore: scores[order[end - 1]!]!,
      count,
      bads: bad,
      badRate: bad / count,
      meanPd: pd / count,
    });
    start = end;
  }
  return out;
}

/** Population stability index between two sets of shares (each summing to 1). */
export function psiFromShares(expected: readonly number[], actual: readonly number[], floor = 1e-4): number {
  if (expected.length !== actual.length) throw new RangeError('PSI needs the same bins on both sides');
  let psi = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.max(expected[i]!, floor);
    const a = Math.max(actual[i]!, floor);
    psi += (a - e) * Math.log(a / e);
  }
  return psi;
}

/**
 * Population stability index of `actual` scores against `expected` (the development sample),
 * on bins cut at the expected distribution's quantiles. Below 0.1 is stable, 0.1–0.25 worth a
 * look, above 0.25 a shift.
 */
export function psi(
  expected: readonly number[],
  actual: readonly number[],
  bins = 10,
): { psi: number; cuts: number[]; expected: number[]; actual: number[] } {
  if (expected.length === 0 || actual.length === 0) throw new RangeError('PSI needs two non-empty samples');
  const sorted = [...expected].sort((a, b) => a - b);
  const cuts: number[] = [];
  for (let j = 1; j < bins; j++) {
    const c = sorted[Math.floor((j * sorted.length) / bins)]!;
    if (c > sorted[0]! && (cuts.length === 0 || c > cuts[cuts.length - 1]!)) cuts.push(c);
  }
  const share = (xs: readonly number[]) => {
    const c = new Array<number>(cuts.length + 1).fill(0);
    for (const x of xs) {
      let k = 0;
      while (k < cuts.length && x >= cuts[k]!) k++;
      c[k]!++;
    }
    return c.map((v) => v / xs.length);
  };
  const e = share(expected);
  const a = share(actual);
  return { psi: psiFromShares(e, a), cuts, expected: e, actual: a };
}

export interface DiscriminationMetrics {
  auc: number;
  gini: number;
  ks: number;
  rows: number;
  bads: number;
}

export function discrimination(risk: readonly number[], labels: readonly number[]): DiscriminationMetrics {
  const a = auc(risk, labels);
  const c = counts(labels);
  return { auc: a, gini: gini(a), ks: ks(risk, labels), rows: labels.length, bads: c.bads };
}

export interface RocPoint {
  /** Applicants at or above this risk value are flagged. */
  threshold: number;
  /** Share of goods flagged (false-positive rate). */
  fpr: number;
  /** Share of bads flagged (true-positive rate); tpr − fpr is the KS gap at this cut. */
  tpr: number;
}

/** ROC curve from (0,0) to (1,1), thinned to at most `maxPoints` points for charts. */
export function rocCurve(risk: readonly number[], labels: readonly number[], maxPoints = 101): RocPoint[] {
  const { bads, goods } = requireBothClasses(labels, 'ROC');
  const order = risk.map((_, i) => i).sort((a, b) => risk[b]! - risk[a]!);
  // The first point flags nobody (a threshold above every value, kept finite for JSON).
  const all: RocPoint[] = [{ threshold: Number.MAX_VALUE, fpr: 0, tpr: 0 }];
  let tp = 0,
    fp = 0;
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && risk[order[j + 1]!] === risk[order[i]!]) j++;
    for (let t = i; t <= j; t++)
      if (labels[order[t]!] === 1) tp++;
      else fp++;
    all.push({ threshold: risk[order[i]!]!, fpr: fp / goods, tpr: tp / bads });
    i = j + 1;
  }
  if (all.length <= maxPoints) return all;
  const out: RocPoint[] = [];
  for (let k = 0; k < maxPoints; k++) out.push(all[Math.round((k * (all.length - 1)) / (maxPoints - 1))]!);
  return out;
}
