// A plain logistic regression on raw features (numbers standardised, categories one-hot), the
// yardstick a scorecard is compared with: same rows, same folds, no binning, no screening.
import { fitLogistic, predictLogistic } from './logistic.ts';
import { discrimination, type DiscriminationMetrics } from './metrics.ts';
import { seededRandom, stratifiedFolds } from './random.ts';
import { prepareTable, type TrainOptions, type TrainingTable } from './train.ts';

export function plainLogisticCrossValidation(
  table: TrainingTable,
  opts: TrainOptions & { includeProtected?: boolean },
): DiscriminationMetrics {
  const prep = prepareTable(table, opts);
  const k = opts.folds ?? 5;
  const columns = [...prep.columns];
  if (opts.includeProtected) {
    for (const p of prep.protectedColumns) {
      const numeric = p.values.every((v) => v === null || Number.isFinite(Number(v)));
      columns.push({
        name: p.name,
        kind: numeric ? 'numeric' : 'categorical',
        numbers: p.values.map((v) => (v === null ? null : Number(v))),
        texts: p.values,
      });
    }
  }
  const n = prep.labels.length;
  const design: number[][] = Array.from({ length: n }, () => []);
  for (const c of columns) {
    if (c.kind === 'numeric') {
      const present = c.numbers.filter((v): v is number => v !== null);
      const mean = present.reduce((s, v) => s + v, 0) / Math.max(present.length, 1);
      const sd =
        Math.sqrt(present.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(present.length, 1)) || 1;
      c.numbers.forEach((v, i) => design[i]!.push(v === null ? 0 : (v - mean) / sd));
      if (present.length < n) c.numbers.forEach((v, i) => design[i]!.push(v === null ? 1 : 0));
    } else {
      const levels = [...new Set(c.texts.map((v) => v ?? '(missing)'))].sort();
      for (const level of levels)
        c.texts.forEach((v, i) => design[i]!.push((v ?? '(missing)') === level ? 1 : 0));
    }
  }
  const folds = stratifiedFolds(prep.labels, k, seededRandom(opts.seed ?? 42));
  const risk = new Array<number>(n).fill(0);
  for (let f = 0; f < k; f++) {
    const train = design.flatMap((_, i) => (folds[i] !== f ? [i] : []));
    const model = fitLogistic(
      train.map((i) => design[i]!),
      train.map((i) => prep.labels[i]!),
      { l2: opts.l2 ?? 1 },
    );
    design.forEach((row, i) => {
      if (folds[i] === f) risk[i] = predictLogistic(model, row);
    });
  }
  return discrimination(risk, prep.labels);
}
