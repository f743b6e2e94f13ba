// Scorecard training on a table of rows (any source: a CSV, the lender's own history):
// column typing, WOE binning, IV screening, logistic regression on WOE features, points
// scaling, k-fold cross-validated predictions, a hold-out check and a fairness report.
import {
  binCategorical,
  binNumeric,
  binIndex,
  type BinningOptions,
  type FeatureBinning,
  type FeatureKind,
} from './binning.ts';
import { fairnessReport, protectedGroups, type FairnessReport } from './fairness.ts';
import { fitLogistic } from './logistic.ts';
import { calibrationTable, discrimination, psi, type CalibrationBand } from './metrics.ts';
import { isProtectedAttribute } from './protected.ts';
import { seededRandom, stratifiedFolds, stratifiedHoldout } from './random.ts';
import { DEFAULT_SCALING, scalingFactor, scalingOffset, scoreFromPd, type Scaling } from './scaling.ts';
import {
  DEFAULT_GRADES,
  SCORECARD_FORMAT,
  isMissingCell,
  parseNumberCell,
  scoreWith,
  type GradeBands,
  type ScorecardDefinition,
} from './scorecard.ts';

/** Raw cells by column; null or a placeholder (empty, NA, ?) is a missing value. */
export interface TrainingTable {
  columns: readonly string[];
  rows: readonly (readonly (string | null)[])[];
}

export interface TrainOptions {
  target: string;
  /** The target value that marks a bad outcome; every other value is good. */
  bad: string;
  folds?: number;
  exclude?: readonly string[];
  /** Extra protected attributes, beyond the names recognised by isProtectedAttribute. */
  protectedAttributes?: readonly string[];
  /** Declared column types; others are inferred (numeric when every value is a number). */
  columnTypes?: Readonly<Record<string, FeatureKind>>;
  seed?: number;
  /** Share of rows kept back to validate the final model (0 turns it off). Default 0.2. */
  holdoutShare?: number;
  /** Features with a lower information value are dropped. Default 0.02. */
  minIv?: number;
  /** L2 penalty of the logistic regression. Default 1. */
  l2?: number;
  binning?: BinningOptions;
  scaling?: Scaling;
  grades?: GradeBands;
  /** Approve at or above this score in the fairness report; default: the score at the sample's bad rate. */
  cutoffScore?: number;
}

/** Bad input, naming the field (target, bad, folds, exclude, data, data.<column>). */
export class TrainingInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'TrainingInputError';
  }
}

export interface FeatureSummary {
  name: string;
  kind: FeatureKind;
  iv: number;
  bins: number;
}

export interface ScreenedFeature {
  name: string;
  iv: number;
  reason: 'low-iv' | 'wrong-sign' | 'single-bin';
}

export interface ValidationMetrics {
  auc: number;
  gini: number;
  ks: number;
  rows: number;
  bads: number;
}

export interface TrainingResult {
  definition: ScorecardDefinition;
  /** Binning of every candidate feature in the final fit (for the model lab). */
  binnings: FeatureBinning[];
  /** Cross-validated over every row: the model's headline figures. */
  auc: number;
  gini: number;
  ks: number;
  folds: number;
  rows: number;
  bads: number;
  badRate: number;
  features: FeatureSummary[];
  screened: ScreenedFeature[];
  excluded: string[];
  protectedAttributes: string[];
  calibration: CalibrationBand[];
  /** The saved model (fitted on the development rows) on the rows kept back. */
  holdout: (ValidationMetrics & { psi: number; developmentRows: number }) | null;
  cutoffScore: number;
  fairness: FairnessReport[];
  /** Cross-validated score per row (in input order), for charts (ROC, KS). */
  cvScores: number[];
  /** The saved model's scores on its development rows: the reference for stability (PSI) checks. */
  developmentScores: number[];
  labels: number[];
}

interface PreparedColumn {
  name: string;
  kind: FeatureKind;
  numbers: (number | null)[];
  texts: (string | null)[];
}

export interface PreparedTable {
  labels: number[];
  columns: PreparedColumn[];
  excluded: string[];
  protectedAttributes: string[];
  protectedColumns: { name: string; values: (string | null)[] }[];
}

function columnIndex(table: TrainingTable, name: string): number {
  return table.columns.indexOf(name);
}

/** Check the input and type the columns; throws TrainingInputError on bad input. */
export function prepareTable(table: TrainingTable, opts: TrainOptions): PreparedTable {
  const folds = opts.folds ?? 5;
  if (!Number.isInteger(folds) || folds < 2)
    throw new TrainingInputError('folds', `folds must be a whole number of at least 2, got ${folds}`);
  if (table.columns.length === 0) throw new TrainingInputError('data', 'the data has no columns');
  const dup = table.columns.find((c, i) => table.columns.indexOf(c) !== i);
  if (dup !== undefined) throw new TrainingInputError('data', `column "${dup}" appears twice in the header`);
  const t = columnIndex(table, opts.target);
  if (t < 0)
    throw new TrainingInputError(
      'target',
      `no column "${opts.target}" in the data (columns: ${table.columns.join(', ')})`,
    );
  for (const e of opts.exclude ?? []) {
    if (columnIndex(table, e) < 0)
      throw new TrainingInputError('exclude', `cannot exclude "${e}": no such column`);
    if (e === opts.target) throw new TrainingInputError('exclude', `"${e}" is the target`);
  }
  table.rows.forEach((r, i) => {
    if (r.length !== table.columns.length)
      throw new TrainingInputError(
        'data',
        `data row ${i + 1} has ${r.length} cells, the header has ${table.columns.length}`,
      );
  });
  const labels: number[] = table.rows.map((r, i) => {
    const v = r[t];
    if (v === null || v === undefined || isMissingCell(v))
      throw new TrainingInputError('target', `data row ${i + 1} has no ${opts.target} value`);
    return v.trim() === opts.bad ? 1 : 0;
  });
  const bads = labels.reduce((s, y) => s + y, 0);
  if (table.rows.length < folds)
    throw new TrainingInputError('data', `${table.rows.length} rows are fewer than the ${folds} folds`);
  if (bads === 0) {
    const seen = [...new Set(table.rows.map((r) => r[t]!.trim()))].slice(0, 10);
    throw new TrainingInputError(
      'bad',
      `no row has ${opts.target} = "${opts.bad}", so there is a single class (values seen: ${seen.join(', ')})`,
    );
  }
  if (bads === labels.length)
    throw new TrainingInputError(
      'bad',
      `every row has ${opts.target} = "${opts.bad}", so there is a single class`,
    );
  if (bads < folds || labels.length - bads < folds) {
    throw new TrainingInputError(
      'data',
      `${Math.min(bads, labels.length - bads)} ${bads < labels.length - bads ? 'bads' : 'goods'} are fewer than the ${folds} folds`,
    );
  }

  const excluded = [...(opts.exclude ?? [])];
  const protectedAttributes: string[] = [];
  const protectedColumns: PreparedTable['protectedColumns'] = [];
  const columns: PreparedColumn[] = [];
  table.columns.forEach((name, c) => {
    if (c === t) return;
    const cells = table.rows.map((r) => (isMissingCell(r[c]) ? null : r[c]!.trim()));
    if (isProtectedAttribute(name, opts.protectedAttributes)) {
      protectedAttributes.push(name);
      protectedColumns.push({ name, values: cells });
      return;
    }
    if (excluded.includes(name)) return;
    const declared = opts.columnTypes?.[name];
    const numbers = cells.map((v) => (v === null ? null : parseNumberCell(v)));
    const present = cells.filter((v) => v !== null).length;
    const parsed = numbers.filter((v) => v !== null).length;
    const firstBad = () => cells.findIndex((v, i) => v !== null && numbers[i] === null);
    let kind: FeatureKind;
    if (
      declared === 'numeric' ||
      (declared === undefined && present > 0 && parsed < present && parsed / present >= 0.8)
    ) {
      if (parsed < present) {
        const i = firstBad();
        throw new TrainingInputError(
          `data.${name}`,
          `column "${name}" is numeric but data row ${i + 1} has the non-numeric value "${cells[i]}" (fix it, or --exclude ${name})`,
        );
      }
      kind = 'numeric';
    } else if (declared === 'categorical') kind = 'categorical';
    else kind = present > 0 && parsed === present ? 'numeric' : 'categorical';
    columns.push({ name, kind, numbers, texts: cells });
  });
  if (columns.length === 0)
    throw new TrainingInputError(
      'data',
      'no columns are left to train on after the target, exclusions and protected attributes',
    );
  return { labels, columns, excluded, protectedAttributes, protectedColumns };
}

function subset<T>(xs: readonly T[], rows: readonly number[]): T[] {
  return rows.map((i) => xs[i]!);
}

interface Fit {
  definition: ScorecardDefinition;
  binnings: FeatureBinning[];
  features: FeatureSummary[];
  screened: ScreenedFeature[];
}

/** One fit of the whole pipeline on the given rows. */
function fitScorecard(prep: PreparedTable, rows: readonly number[], opts: TrainOptions): Fit {
  const y = subset(prep.labels, rows);
  const minIv = opts.minIv ?? 0.02;
  const scaling = opts.scaling ?? DEFAULT_SCALING;
  const binnings = prep.columns.map((c) =>
    c.kind === 'numeric'
      ? binNumeric(c.name, subset(c.numbers, rows), y, opts.binning)
      : binCategorical(c.name, subset(c.texts, rows), y, opts.binning),
  );
  const screened: ScreenedFeature[] = [];
  let chosen: number[] = [];
  binnings.forEach((b, j) => {
    if (b.bins.length < 2) screened.push({ name: b.name, iv: b.iv, reason: 'single-bin' });
    else if (b.iv < minIv) screened.push({ name: b.name, iv: b.iv, reason: 'low-iv' });
    else chosen.push(j);
  });
  // WOE matrix: one column per candidate feature.
  const woeOf = (j: number, i: number) => {
    const col = prep.columns[j]!;
    const b = binnings[j]!;
    const at = binIndex(b, col.kind === 'numeric' ? col.numbers[i]! : col.texts[i]!);
    return at >= 0 ? b.bins[at]!.woe : 0;
  };
  let model = fitLogistic([], [], {});
  for (;;) {
    const x = rows.map((i) => chosen.map((j) => woeOf(j, i)));
    model = fitLogistic(x, y, { l2: opts.l2 ?? 1 });
    // WOE is ln(good/bad), so a sound feature lowers the log-odds of bad as it rises. A positive
    // coefficient (collinearity) would make points run backwards: drop the worst and refit.
    let worst = -1;
    model.coefficients.forEach((c, k) => {
      if (c > 0 && (worst < 0 || c > model.coefficients[worst]!)) worst = k;
    });
    if (worst < 0 || chosen.length === 1) break;
    const j = chosen[worst]!;
    screened.push({ name: binnings[j]!.name, iv: binnings[j]!.iv, reason: 'wrong-sign' });
    chosen = chosen.filter((k) => k !== j);
  }
  const factor = scalingFactor(scaling);
  const features = chosen.map((j, k) => {
    const b = binnings[j]!;
    const beta = model.coefficients[k]!;
    return {
      name: b.name,
      kind: b.kind,
      iv: b.iv,
      coefficient: beta,
      defaultPoints: 0,
      bins: b.bins.map((bin) => ({
        label: bin.label,
        ...(bin.lower !== undefined ? { lower: bin.lower } : {}),
        ...(bin.upper !== undefined ? { upper: bin.upper } : {}),
        ...(bin.levels ? { levels: bin.levels } : {}),
        ...(bin.other ? { other: true } : {}),
        ...(bin.missing ? { missing: true } : {}),
        points: -factor * beta * bin.woe,
        woe: bin.woe,
        count: bin.count,
        bads: bin.bads,
      })),
    };
  });
  const definition: ScorecardDefinition = {
    format: SCORECARD_FORMAT,
    scaling,
    basePoints: scalingOffset(scaling) - factor * model.intercept,
    features,
    grades: opts.grades ?? DEFAULT_GRADES,
    protectedAttributes: [...prep.protectedAttributes],
    ...(opts.cutoffScore !== undefined ? { cutoffScore: opts.cutoffScore } : {}),
  };
  return {
    definition,
    binnings,
    features: features
      .map((f) => ({ name: f.name, kind: f.kind, iv: f.iv, bins: f.bins.length }))
      .sort((a, b) => b.iv - a.iv),
    screened,
  };
}

function rowAttributes(prep: PreparedTable, i: number): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const c of prep.columns) out[c.name] = c.texts[i]!;
  return out;
}

function scoreRows(def: ScorecardDefinition, prep: PreparedTable, rows: readonly number[]): number[] {
  return rows.map((i) => scoreWith(def, rowAttributes(prep, i), { reasons: 0 }).score);
}

/** Train a scorecard; throws TrainingInputError on bad input (nothing else to undo: it is pure). */
export function trainScorecard(table: TrainingTable, opts: TrainOptions): TrainingResult {
  const prep = prepareTable(table, opts);
  const k = opts.folds ?? 5;
  const seed = opts.seed ?? 42;
  const all = prep.labels.map((_, i) => i);
  const scaling = opts.scaling ?? DEFAULT_SCALING;
  const factor = scalingFactor(scaling);
  const offset = scalingOffset(scaling);
  const toPd = (score: number) => 1 / (1 + Math.exp(-(offset - score) / factor));

  // k-fold cross-validated scores: every row scored by a model that never saw it.
  const folds = stratifiedFolds(prep.labels, k, seededRandom(seed));
  const cvScores = new Array<number>(all.length).fill(0);
  for (let f = 0; f < k; f++) {
    const trainRows = all.filter((i) => folds[i] !== f);
    const testRows = all.filter((i) => folds[i] === f);
    const fit = fitScorecard(prep, trainRows, opts);
    scoreRows(fit.definition, prep, testRows).forEach((s, j) => (cvScores[testRows[j]!] = s));
  }
  const cvPds = cvScores.map(toPd);
  const cv = discrimination(cvPds, prep.labels);

  // The saved model: fitted on the development rows, checked on the rows kept back.
  const holdoutShare = opts.holdoutShare ?? 0.2;
  let holdout: TrainingResult['holdout'] = null;
  let final: Fit;
  let devRows = all;
  if (holdoutShare > 0) {
    if (!(holdoutShare < 0.9))
      throw new TrainingInputError('holdoutShare', 'the hold-out share must be below 0.9');
    const mask = stratifiedHoldout(prep.labels, holdoutShare, seededRandom(seed + 1));
    const dev = all.filter((i) => !mask[i]);
    const hold = all.filter((i) => mask[i]);
    const hy = subset(prep.labels, hold);
    if (hy.some((y) => y === 1) && hy.some((y) => y === 0) && dev.length >= 2) {
      final = fitScorecard(prep, dev, opts);
      devRows = dev;
      const hs = scoreRows(final.definition, prep, hold);
      const m = discrimination(hs.map(toPd), hy);
      holdout = {
        ...m,
        psi: psi(scoreRows(final.definition, prep, dev), hs).psi,
        developmentRows: dev.length,
      };
    } else final = fitScorecard(prep, all, opts);
  } else final = fitScorecard(prep, all, opts);

  const badRate = cv.bads / cv.rows;
  const cutoffScore = opts.cutoffScore ?? scoreFromPd(badRate, scaling);
  final.definition.cutoffScore = cutoffScore;
  const approved = cvScores.map((s) => s >= cutoffScore);
  const fairness = prep.protectedColumns.map((c) =>
    fairnessReport(c.name, protectedGroups(c.name, c.values), approved),
  );

  return {
    definition: final.definition,
    binnings: final.binnings,
    auc: cv.auc,
    gini: cv.gini,
    ks: cv.ks,
    folds: k,
    rows: cv.rows,
    bads: cv.bads,
    badRate,
    features: final.features,
    screened: final.screened,
    excluded: prep.excluded,
    protectedAttributes: prep.protectedAttributes,
    calibration: calibrationTable(cvScores, cvPds, prep.labels, 10),
    holdout,
    cutoffScore,
    fairness,
    cvScores,
    developmentScores: scoreRows(final.definition, prep, devRows),
    labels: prep.labels,
  };
}
