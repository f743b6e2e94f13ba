// Weight of evidence binning. WOE of a bin = ln(share of all goods in the bin ÷ share of all
// bads in the bin), so a positive WOE is safer than average; information value = Σ (good share
// − bad share)·WOE. Numeric features start from quantile bins and are merged until every bin
// holds a minimum share of rows and the bad rate moves one way only; categorical features group
// rare levels; missing values get a bin of their own.

export interface BinningOptions {
  /** Smallest share of all rows a bin may hold (missing bins excepted). Default 0.05. */
  minBinShare?: number;
  /** Quantile bins to start from. Default 20. */
  initialBins?: number;
  /** Most bins a numeric feature keeps (missing excluded). Default 8. */
  maxBins?: number;
  /** Enforce a monotonic bad-rate trend on numeric features. Default true. */
  monotonic?: boolean;
}

export interface Bin {
  label: string;
  /** Numeric bins cover lower ≤ x < upper; null is unbounded. */
  lower?: number | null;
  upper?: number | null;
  /** Categorical bins: the levels they hold; `other` also takes levels never seen in training. */
  levels?: string[];
  other?: boolean;
  missing?: boolean;
  count: number;
  bads: number;
  goods: number;
  woe: number;
  /** This bin's part of the information value. */
  iv: number;
}

export type FeatureKind = 'numeric' | 'categorical';

export interface FeatureBinning {
  name: string;
  kind: FeatureKind;
  bins: Bin[];
  iv: number;
  trend: 'increasing' | 'decreasing' | 'none';
}

/**
 * WOE of a bin. A bin with no goods or no bads would be infinite; half an observation is
 * added to both of its counts (a standard adjustment) so it stays finite.
 */
export function weightOfEvidence(goods: number, bads: number, totalGoods: number, totalBads: number): number {
  if (goods === 0 || bads === 0) {
    goods += 0.5;
    bads += 0.5;
  }
  return Math.log(goods / totalGoods / (bads / totalBads));
}

/** Information value of a set of (goods, bads) bins, with each bin's WOE and IV part. */
export function informationValue(bins: readonly { goods: number; bads: number }[]): {
  iv: number;
  woe: number[];
  parts: number[];
} {
  const totalGoods = bins.reduce((s, b) => s + b.goods, 0);
  const totalBads = bins.reduce((s, b) => s + b.bads, 0);
  const woe = bins.map((b) =>
    b.goods + b.bads === 0 ? 0 : weightOfEvidence(b.goods, b.bads, totalGoods, totalBads),
  );
  const parts = bins.map((b, i) => (b.goods / totalGoods - b.bads / totalBads) * woe[i]!);
  return { iv: parts.reduce((s, v) => s + v, 0), woe, parts };
}

interface Group {
  lower: number | null;
  upper: number | null;
  count: number;
  bads: number;
}

const rate = (g: { count: number; bads: number }) => (g.count ? g.bads / g.count : 0);

function mergeAt<T extends Group>(groups: T[], i: number): void {
  const a = groups[i]!;
  const b = groups[i + 1]!;
  groups.splice(i, 2, { ...a, upper: b.upper, count: a.count + b.count, bads: a.bads + b.bads });
}

/** Pool adjacent violators: merge neighbours until bad rates rise (or fall) strictly. */
function poolAdjacent(groups: Group[], increasing: boolean): Group[] {
  const out: Group[] = [];
  for (const g of groups) {
    out.push({ ...g });
    while (out.length >= 2) {
      const prev = out[out.length - 2]!;
      const last = out[out.length - 1]!;
      const ok = increasing ? rate(prev) < rate(last) : rate(prev) > rate(last);
      if (ok) break;
      mergeAt(out, out.length - 2);
    }
  }
  return out;
}

function formatNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));
}

function rangeLabel(lower: number | null, upper: number | null): string {
  if (lower === null && upper === null) return 'all';
  if (lower === null) return `< ${formatNumber(upper!)}`;
  if (upper === null) return `>= ${formatNumber(lower)}`;
  return `[${formatNumber(lower)}, ${formatNumber(upper)})`;
}

function finish(
  name: string,
  kind: FeatureKind,
  raw: Omit<Bin, 'woe' | 'iv' | 'goods'>[],
  trend: FeatureBinning['trend'],
): FeatureBinning {
  const withGoods = raw.map((b) => ({ ...b, goods: b.count - b.bads }));
  const { iv, woe, parts } = informationValue(withGoods);
  return { name, kind, bins: withGoods.map((b, i) => ({ ...b, woe: woe[i]!, iv: parts[i]! })), iv, trend };
}

function missingBin(
  values: readonly unknown[],
  labels: readonly number[],
): Omit<Bin, 'woe' | 'iv' | 'goods'> | null {
  let count = 0;
  let bads = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] !== null) continue;
    count++;
    bads += labels[i]!;
  }
  return count ? { label: 'missing', missing: true, count, bads } : null;
}

/** Supervised binning of a numeric feature (null = missing). */
export function binNumeric(
  name: string,
  values: readonly (number | null)[],
  labels: readonly number[],
  opts: BinningOptions = {},
): FeatureBinning {
  const minShare = opts.minBinShare ?? 0.05;
  const initialBins = opts.initialBins ?? 20;
  const maxBins = opts.maxBins ?? 8;
  const total = values.length;
  const present: { x: number; y: number }[] = [];
  for (let i = 0; i < values.length; i++)
    if (values[i] !== null) present.push({ x: values[i]!, y: labels[i]! });
  present.sort((a, b) => a.x - b.x);

  const cuts: number[] = [];
  for (let j = 1; j < initialBins; j++) {
    const c = present[Math.floor((j * present.length) / initialBins)]?.x;
    if (c !== undefined && c > present[0]!.x && (cuts.length === 0 || c > cuts[cuts.length - 1]!))
      cuts.push(c);
  }
  let groups: Group[] = [];
  let k = 0;
  for (let c = 0; c <= cuts.length; c++) {
    const upper = c < cuts.length ? cuts[c]! : null;
    const g: Group = { lower: c === 0 ? null : cuts[c - 1]!, upper, count: 0, bads: 0 };
    while (k < present.length && (upper === null || present[k]!.x < upper)) {
      g.count++;
      g.bads += present[k]!.y;
      k++;
    }
    groups.push(g);
  }
  groups = groups.filter((g) => g.count > 0 || groups.length === 1);
  // Re-join bounds after dropping empties so the bins still cover the whole line.
  for (let i = 0; i < groups.length; i++) {
    groups[i]!.lower = i === 0 ? null : groups[i - 1]!.upper;
  }
  if (groups.length) groups[groups.length - 1]!.upper = null;

  // Minimum share: fold each small bin into the neighbour with the closer bad rate.
  const minCount = Math.ceil(minShare * total);
  for (;;) {
    if (groups.length <= 1) break;
    let smallest = -1;
    for (let i = 0; i < groups.length; i++)
      if (groups[i]!.count < minCount && (smallest < 0 || groups[i]!.count < groups[smallest]!.count))
        smallest = i;
    if (smallest < 0) break;
    const left = smallest > 0 ? Math.abs(rate(groups[smallest - 1]!) - rate(groups[smallest]!)) : Infinity;
    const right =
      smallest < groups.length - 1
        ? Math.abs(rate(groups[smallest + 1]!) - rate(groups[smallest]!))
        : Infinity;
    mergeAt(groups, left <= right ? smallest - 1 : smallest);
  }

  let trend: FeatureBinning['trend'] = 'none';
  if (opts.monotonic ?? true) {
    const up = poolAdjacent(groups, true);
    const down = poolAdjacent(groups, false);
    const ivOf = (gs: Group[]) =>
      informationValue(gs.map((g) => ({ goods: g.count - g.bads, bads: g.bads }))).iv;
    // Keep the direction that loses less information; ties go to more bins.
    const pickUp = ivOf(up) > ivOf(down) || (ivOf(up) === ivOf(down) && up.length >= down.length);
    groups = pickUp ? up : down;
    trend = groups.length > 1 ? (pickUp ? 'increasing' : 'decreasing') : 'none';
  }
  // At most maxBins: merge the neighbours whose bad rates are closest (keeps the trend).
  while (groups.length > maxBins) {
    let best = 0;
    for (let i = 1; i < groups.length - 1; i++) {
      if (
        Math.abs(rate(groups[i]!) - rate(groups[i + 1]!)) <
        Math.abs(rate(groups[best]!) - rate(groups[best + 1]!))
      )
        best = i;
    }
    mergeAt(groups, best);
  }

  const bins: Omit<Bin, 'woe' | 'iv' | 'goods'>[] = groups.map((g) => ({
    label: rangeLabel(g.lower, g.upper),
    lower: g.lower,
    upper: g.upper,
    count: g.count,
    bads: g.bads,
  }));
  const miss = missingBin(values, labels);
  if (miss) bins.push(miss);
  return finish(name, 'numeric', bins, trend);
}

/** Binning of a categorical feature: each level its own bin, rare levels grouped as "other". */
export function binCategorical(
  name: string,
  values: readonly (string | null)[],
  labels: readonly number[],
  opts: BinningOptions = {},
): FeatureBinning {
  const minShare = opts.minBinShare ?? 0.05;
  const total = values.length;
  const byLevel = new Map<string, { count: number; bads: number }>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    const s = byLevel.get(v) ?? { count: 0, bads: 0 };
    s.count++;
    s.bads += labels[i]!;
    byLevel.set(v, s);
  }
  const minCount = Math.ceil(minShare * total);
  type Level = { levels: string[]; count: number; bads: number; other: boolean };
  const kept: Level[] = [];
  const other: Level = { levels: [], count: 0, bads: 0, other: true };
  for (const [level, s] of [...byLevel.entries()].sort(
    (a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1),
  )) {
    if (s.count >= minCount) kept.push({ levels: [level], ...s, other: false });
    else {
      other.levels.push(level);
      other.count += s.count;
      other.bads += s.bads;
    }
  }
  if (other.count > 0) {
    if (other.count < minCount && kept.length > 0) {
      // Too small even together: join the kept level with the closest bad rate.
      let best = 0;
      for (let i = 1; i < kept.length; i++)
        if (Math.abs(rate(kept[i]!) - rate(other)) < Math.abs(rate(kept[best]!) - rate(other))) best = i;
      const k = kept[best]!;
      kept[best] = {
        levels: [...k.levels, ...other.levels],
        count: k.count + other.count,
        bads: k.bads + other.bads,
        other: true,
      };
    } else kept.push(other);
  } else if (kept.length) {
    // Levels never seen in training go with the largest level's bin.
    kept[0]!.other = true;
  }
  const bins: Omit<Bin, 'woe' | 'iv' | 'goods'>[] = kept.map((l) => ({
    label:
      l.levels.length > 3
        ? `${l.levels.slice(0, 3).join(' | ')} | … (${l.levels.length} levels)`
        : l.levels.join(' | '),
    levels: l.levels,
    other: l.other,
    count: l.count,
    bads: l.bads,
  }));
  const miss = missingBin(values, labels);
  if (miss) bins.push(miss);
  return finish(name, 'categorical', bins, 'none');
}

/** The bin a value falls in, or -1 (a missing value with no missing bin). */
export function binIndex(
  binning: {
    kind: FeatureKind;
    bins: readonly Pick<Bin, 'lower' | 'upper' | 'levels' | 'other' | 'missing'>[];
  },
  value: number | string | null,
): number {
  const { bins } = binning;
  if (value === null) return bins.findIndex((b) => b.missing);
  if (binning.kind === 'numeric') {
    const x = typeof value === 'number' ? value : Number(value);
    if (!Number.isFinite(x)) return -1;
    return bins.findIndex(
      (b) =>
        !b.missing &&
        (b.lower === null || b.lower === undefined || x >= b.lower) &&
        (b.upper === null || b.upper === undefined || x < b.upper),
    );
  }
  const s = String(value);
  const hit = bins.findIndex((b) => b.levels?.includes(s));
  return hit >= 0 ? hit : bins.findIndex((b) => b.other);
}
