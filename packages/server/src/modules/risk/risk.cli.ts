// `bursar risk …`: train a scorecard from a CSV file and list models. The command definitions
// live in cli/main.ts; the work is here. Contract (fixed, other tools call it):
//   bursar risk train --data FILE.csv --target COLUMN --bad VALUE [--folds 5] [--exclude a,b] [--json]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SYSTEM_ACTOR, type Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { listModels, trainFromCsv, trainModel, type TrainInput } from './risk.service.ts';

export interface RiskTrainCliOptions {
  data: string;
  target: string;
  bad: string;
  folds?: number | string;
  exclude?: string;
  protected?: string;
  holdout?: number | string;
  seed?: number | string;
  name?: string;
  json?: boolean;
}

const list = (s: string | undefined) =>
  s
    ? s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean)
    : undefined;
const num = (v: number | string | undefined) => (v === undefined ? undefined : Number(v));
const fmt = (x: number, d = 4) => x.toFixed(d);

function fail(e: unknown): number {
  if (e instanceof Problem) {
    const errors = (e.extensions.errors ?? []).map((x) => `${x.field}: ${x.message}`);
    process.stderr.write(`risk train: ${errors.length ? errors.join('; ') : (e.detail ?? e.title)}\n`);
    return 2;
  }
  throw e;
}

/** Train, print the figures (JSON with --json) and save the model as a draft. Returns the exit code. */
export async function riskTrainCli(
  opts: RiskTrainCliOptions,
  withDeps: <T>(fn: (deps: Deps) => Promise<T>) => Promise<T>,
): Promise<number> {
  let csv: string;
  try {
    csv = readFileSync(opts.data, 'utf8');
  } catch (e) {
    process.stderr.write(
      `risk train: data: cannot read ${opts.data} (${(e as NodeJS.ErrnoException).code ?? String(e)})\n`,
    );
    return 2;
  }
  const folds = num(opts.folds) ?? 5;
  const input: TrainInput = {
    csv,
    target: opts.target,
    bad: opts.bad,
    folds,
    exclude: list(opts.exclude),
    protectedAttributes: list(opts.protected),
    holdoutShare: num(opts.holdout),
    seed: num(opts.seed),
    name: opts.name,
    fileName: path.basename(opts.data),
  };
  if (!Number.isInteger(folds) || folds < 2)
    return fail(
      Problem.badRequest('folds', `--folds must be a whole number of at least 2, got ${String(opts.folds)}`),
    );
  // Train before opening the database: bad input exits without touching it.
  let result;
  try {
    result = trainFromCsv(input);
  } catch (e) {
    return fail(e);
  }
  let outcome;
  try {
    outcome = await withDeps((deps) =>
      trainModel(deps, { ...SYSTEM_ACTOR, actorName: 'cli' }, input, result),
    );
  } catch (e) {
    return fail(e);
  }
  const { model } = outcome;
  if (opts.json) {
    const out = {
      auc: result.auc,
      gini: result.gini,
      ks: result.ks,
      folds: result.folds,
      rows: result.rows,
      features: result.features.map((f) => ({ name: f.name, iv: f.iv, kind: f.kind, bins: f.bins })),
      bads: result.bads,
      badRate: result.badRate,
      screened: result.screened,
      excluded: result.excluded,
      protectedAttributes: result.protectedAttributes,
      holdout: result.holdout,
      model: { id: model.id, name: model.name, version: model.version, status: model.status },
    };
    process.stdout.write(JSON.stringify(out, null, 2) + '\n');
    return 0;
  }
  const lines = [
    `Trained ${model.name} version ${model.version} (saved as a draft, id ${model.id})`,
    `  ${result.rows} rows, ${result.bads} bad (${fmt(100 * result.badRate, 1)}%), ${result.folds}-fold cross-validation`,
    `  AUC ${fmt(result.auc)}  Gini ${fmt(result.gini)}  KS ${fmt(result.ks)}`,
    ...(result.holdout
      ? [
          `  hold-out (${result.holdout.rows} rows): AUC ${fmt(result.holdout.auc)}  KS ${fmt(result.holdout.ks)}  PSI ${fmt(result.holdout.psi)}`,
        ]
      : []),
    `  features (information value):`,
    ...result.features.map((f) => `    ${f.name.padEnd(50)} ${fmt(f.iv)}  ${f.kind}, ${f.bins} bins`),
    ...(result.screened.length
      ? [
          '  screened out:',
          ...result.screened.map((f) => `    ${f.name.padEnd(50)} ${fmt(f.iv)}  ${f.reason}`),
        ]
      : []),
    ...(result.protectedAttributes.length
      ? [`  protected, never used: ${result.protectedAttributes.join(', ')}`]
      : []),
    ...(result.excluded.length ? [`  excluded: ${result.excluded.join(', ')}`] : []),
    `Next: validate, then approval by a second person (see docs/user-guide/risk-scorecards.md).`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

export async function riskModelsCli(
  opts: { json?: boolean },
  withDeps: <T>(fn: (deps: Deps) => Promise<T>) => Promise<T>,
): Promise<number> {
  const models = await withDeps((deps) => listModels(deps));
  if (opts.json) process.stdout.write(JSON.stringify({ items: models }, null, 2) + '\n');
  else if (models.length === 0)
    process.stdout.write(
      'No scorecard models yet. Train one: bursar risk train --data FILE.csv --target COLUMN --bad VALUE\n',
    );
  else
    for (const m of models) {
      const fig = m.metrics ? `AUC ${fmt(m.metrics.auc)} KS ${fmt(m.metrics.ks)}` : 'imported';
      process.stdout.write(
        `${m.name}@${m.version}  ${m.status}${m.role ? ` (${m.role})` : ''}  ${fig}  ${m.id}\n`,
      );
    }
  return 0;
}
