// Portfolio risk measures over a loan book: portfolio at risk, the delinquency bucket
// distribution, month-to-month roll rates, vintage curves and concentration. Inputs are plain
// rows (balances in minor units), so the server can feed them from any query and tests can
// build them by hand.
import { bucketOf, DEFAULT_BUCKETS, type Bucket } from '../servicing/delinquency.ts';

export interface BookLine {
  /** Outstanding principal in minor units. */
  balance: number;
  daysPastDue: number;
  state: string;
}

export interface PortfolioAtRisk {
  days: number;
  count: number;
  countAtRisk: number;
  balance: number;
  balanceAtRisk: number;
  /** Balance-weighted: balance of loans at risk ÷ outstanding balance (0 when the book is empty). */
  ratio: number;
  /** Count-based: loans at risk ÷ loans. */
  countRatio: number;
}

/** A loan is at risk at `days` when it is that many days past due or more, or in default. */
export function isAtRisk(line: Pick<BookLine, 'daysPastDue' | 'state'>, days: number): boolean {
  return line.daysPastDue >= days || line.state === 'default';
}

/** PARn: the share of the outstanding book (and of the loans) n or more days past due. */
export function portfolioAtRisk(lines: readonly BookLine[], days: number): PortfolioAtRisk {
  let balance = 0;
  let balanceAtRisk = 0;
  let countAtRisk = 0;
  for (const l of lines) {
    balance += l.balance;
    if (isAtRisk(l, days)) {
      balanceAtRisk += l.balance;
      countAtRisk++;
    }
  }
  return {
    days,
    count: lines.length,
    countAtRisk,
    balance,
    balanceAtRisk,
    ratio: balance > 0 ? balanceAtRisk / balance : 0,
    countRatio: lines.length > 0 ? countAtRisk / lines.length : 0,
  };
}

export interface BucketShare {
  bucket: string;
  count: number;
  balance: number;
  /** Share of the outstanding balance. */
  share: number;
}

/** Loans and balances per delinquency bucket, in the ladder's order (empty buckets included). */
export function bucketDistribution(
  lines: readonly BookLine[],
  buckets: readonly Bucket[] = DEFAULT_BUCKETS,
): BucketShare[] {
  const out = new Map(buckets.map((b) => [b.code, { bucket: b.code, count: 0, balance: 0, share: 0 }]));
  let total = 0;
  for (const l of lines) {
    const row = out.get(bucketOf(l.daysPastDue, buckets))!;
    row.count++;
    row.balance += l.balance;
    total += l.balance;
  }
  for (const row of out.values()) row.share = total > 0 ? row.balance / total : 0;
  return [...out.values()];
}

/** States a loan can roll to besides the buckets: default, charge-off, and out of the book. */
export const ROLL_EXIT_STATUSES = ['default', 'charged_off', 'closed'] as const;
const CLOSED_STATES = new Set(['paid_off', 'closed', 'discharged', 'forgiven']);

/** A loan's position in a roll-rate matrix: its bucket while open, else where it left to. */
export function rollStatus(state: string, bucket: string): string {
  if (state === 'default' || state === 'charged_off') return state;
  if (CLOSED_STATES.has(state)) return 'closed';
  return bucket;
}

export function rollStatuses(buckets: readonly Bucket[] = DEFAULT_BUCKETS): string[] {
  return [...buckets.map((b) => b.code), ...ROLL_EXIT_STATUSES];
}

export interface RollTransition {
  from: string;
  to: string;
  /** Balance at the start of the month (minor units), for the balance-weighted rates. */
  balance: number;
}

export interface RollRateMatrix {
  statuses: string[];
  /** counts[i][j]: loans in statuses[i] at the first month end and statuses[j] at the next. */
  counts: number[][];
  /** Row shares by count; null for a row with no loans. */
  rates: (number | null)[][];
  /** Row shares by the opening balance; null for a row with no balance. */
  balanceRates: (number | null)[][];
}

/** The roll-rate (transition) matrix between two month ends. Unknown statuses are refused. */
export function rollRateMatrix(
  transitions: readonly RollTransition[],
  statuses: readonly string[],
): RollRateMatrix {
  const index = new Map(statuses.map((s, i) => [s, i]));
  const n = statuses.length;
  const counts = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const balances = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (const t of transitions) {
    const i = index.get(t.from);
    const j = index.get(t.to);
    if (i === undefined || j === undefined) throw new RangeError(`unknown roll status ${t.from} → ${t.to}`);
    counts[i]![j]!++;
    balances[i]![j]! += t.balance;
  }
  const share = (row: number[]) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((v) => (total > 0 ? v / total : null));
  };
  return { statuses: [...statuses], counts, rates: counts.map(share), balanceRates: balances.map(share) };
}

/** Whole months between a disbursement day and a month end (both YYYY-MM-DD): months on book. */
export function monthsOnBook(disbursedOn: string, monthEnd: string): number {
  const y = (d: string) => Number(d.slice(0, 4));
  const m = (d: string) => Number(d.slice(5, 7));
  return (y(monthEnd) - y(disbursedOn)) * 12 + (m(monthEnd) - m(disbursedOn));
}

export interface VintageObservation {
  loanId: string;
  /** Disbursement cohort, e.g. 2026-03. */
  cohort: string;
  /** Amount disbursed, minor units (weights the amount-based curve). */
  amount: number;
  monthsOnBook: number;
  /** Bad at this month end (e.g. 30+ days past due or in default). */
  bad: boolean;
}

export interface VintageCurve {
  cohort: string;
  loans: number;
  amount: number;
  points: { monthsOnBook: number; observed: number; rate: number; amountRate: number }[];
}

/**
 * Vintage curves: per disbursement cohort and months on book k, the share of the cohort's loans
 * (and of the amount disbursed) first bad at or before k. The denominator is the whole cohort:
 * a loan that cured, paid off or left the book keeps the status it had, so curves never fall.
 * `observed` is how many loans had a month-end snapshot at k.
 */
export function vintageCurves(observations: readonly VintageObservation[]): VintageCurve[] {
  type Loan = { cohort: string; amount: number; firstBad: number | null };
  const loans = new Map<string, Loan>();
  const observed = new Map<string, Map<number, number>>();
  const lastMob = new Map<string, number>();
  for (const o of observations) {
    let l = loans.get(o.loanId);
    if (!l) loans.set(o.loanId, (l = { cohort: o.cohort, amount: o.amount, firstBad: null }));
    if (o.bad && (l.firstBad === null || o.monthsOnBook < l.firstBad)) l.firstBad = o.monthsOnBook;
    let obs = observed.get(l.cohort);
    if (!obs) observed.set(l.cohort, (obs = new Map<number, number>()));
    obs.set(o.monthsOnBook, (obs.get(o.monthsOnBook) ?? 0) + 1);
    lastMob.set(l.cohort, Math.max(lastMob.get(l.cohort) ?? 0, o.monthsOnBook));
  }
  const cohorts = new Map<string, Loan[]>();
  for (const l of loans.values()) cohorts.set(l.cohort, [...(cohorts.get(l.cohort) ?? []), l]);
  return [...cohorts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([cohort, list]) => {
      const amount = list.reduce((a, l) => a + l.amount, 0);
      const points = [];
      for (let k = 0; k <= lastMob.get(cohort)!; k++) {
        const bad = list.filter((l) => l.firstBad !== null && l.firstBad <= k);
        points.push({
          monthsOnBook: k,
          observed: observed.get(cohort)!.get(k) ?? 0,
          rate: bad.length / list.length,
          amountRate: amount > 0 ? bad.reduce((a, l) => a + l.amount, 0) / amount : 0,
        });
      }
      return { cohort, loans: list.length, amount, points };
    });
}

export interface Concentration {
  groups: number;
  total: number;
  /** Herfindahl–Hirschman index on balance shares, 0 (spread) to 1 (one group holds all). */
  hhi: number;
  /** The same on the 0–10,000 scale regulators quote. */
  hhiPoints: number;
  /** 1 ÷ HHI: how many equal-sized groups would give the same concentration. */
  equivalentGroups: number;
  top: { key: string; balance: number; share: number }[];
  /** Combined share of the top groups listed. */
  topShare: number;
}

/** Concentration of the balance across groups (schools, fields, regions): HHI and the top-N shares. */
export function concentration(rows: readonly { key: string; balance: number }[], topN = 5): Concentration {
  const sums = new Map<string, number>();
  for (const r of rows) sums.set(r.key, (sums.get(r.key) ?? 0) + r.balance);
  const total = [...sums.values()].reduce((a, b) => a + b, 0);
  const shares = [...sums.entries()]
    .map(([key, balance]) => ({ key, balance, share: total > 0 ? balance / total : 0 }))
    .sort((a, b) => b.balance - a.balance || a.key.localeCompare(b.key));
  const hhi = shares.reduce((a, s) => a + s.share * s.share, 0);
  const top = shares.slice(0, topN);
  return {
    groups: shares.length,
    total,
    hhi,
    hhiPoints: hhi * 10_000,
    equivalentGroups: hhi > 0 ? 1 / hhi : 0,
    top,
    topShare: top.reduce((a, s) => a + s.share, 0),
  };
}
