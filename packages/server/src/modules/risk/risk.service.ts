// Credit scorecards: training from a CSV, import of a scorecard built elsewhere, the model life
// cycle with four-eyes approval, champion/challenger application scoring and fairness reports.
import { createHash, randomUUID } from 'node:crypto';
import {
  calibrationTable,
  discrimination,
  fairnessReport,
  isProtectedAttribute,
  psi as psiOf,
  psiFromShares,
  protectedGroups,
  rocCurve,
  scorecardDefinitionSchema,
  scoreWith,
  ScoringInputError,
  TrainingInputError,
  trainScorecard,
  isMissingCell,
  pdFromScore,
  type CalibrationBand,
  type FairnessReport,
  type FeatureContribution,
  type ScorecardDefinition,
  type TrainOptions,
  type TrainingResult,
} from '@bursar/core';
import type { Executor } from '../../db/database.ts';
import type { ActorContext, Deps } from '../../deps.ts';
import { fieldErrorsFromZod, Problem, validationProblem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { parseCsvTable } from './csv.ts';
import * as repo from './risk.repository.ts';
import type { ModelRow } from './risk.repository.ts';

export type ModelStatus = ModelRow['status'];
export type ModelRole = NonNullable<ModelRow['role']>;

export interface HeadlineMetrics {
  auc: number;
  gini: number;
  ks: number;
  folds: number;
  rows: number;
}

export interface ModelSummary {
  id: string;
  name: string;
  version: number;
  status: ModelStatus;
  role: ModelRole | null;
  source: ModelRow['source'];
  description: string | null;
  features: string[];
  metrics: HeadlineMetrics | null;
  createdAt: string;
  createdBy: string | null;
  validatedAt: string | null;
  validatedBy: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
  activatedAt: string | null;
  retiredAt: string | null;
}

export interface ModelView extends ModelSummary {
  definition: ScorecardDefinition;
  metrics: (HeadlineMetrics & Record<string, unknown>) | null;
  training: Record<string, unknown> | null;
}

function summary(row: ModelRow): ModelSummary {
  const m = row.metrics as (HeadlineMetrics & Record<string, unknown>) | null;
  const def = row.definition as ScorecardDefinition;
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    status: row.status,
    role: row.role,
    source: row.source,
    description: row.description,
    features: def.features.map((f) => f.name),
    metrics: m ? { auc: m.auc, gini: m.gini, ks: m.ks, folds: m.folds, rows: m.rows } : null,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdByName,
    validatedAt: row.validatedAt?.toISOString() ?? null,
    validatedBy: row.validatedByName,
    approvedAt: row.approvedAt?.toISOString() ?? null,
    approvedBy: row.approvedByName,
    activatedAt: row.activatedAt?.toISOString() ?? null,
    retiredAt: row.retiredAt?.toISOString() ?? null,
  };
}

function view(row: ModelRow): ModelView {
  return {
    ...summary(row),
    definition: row.definition as ScorecardDefinition,
    metrics: row.metrics as ModelView['metrics'],
    training: row.training as Record<string, unknown> | null,
  };
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/;

function checkName(name: string, field = 'name'): string {
  if (!NAME.test(name))
    throw Problem.badRequest(field, 'letters, digits, dot, dash or underscore, up to 80 characters');
  return name;
}

// ---------------------------------------------------------------------------------------------
// Training

export interface TrainInput {
  /** The training file as CSV text (header row first). */
  csv: string;
  target: string;
  bad: string;
  folds?: number | undefined;
  exclude?: string[] | undefined;
  protectedAttributes?: string[] | undefined;
  holdoutShare?: number | undefined;
  seed?: number | undefined;
  minIv?: number | undefined;
  cutoffScore?: number | undefined;
  /** Model name; default: the file name, else "scorecard". */
  name?: string | undefined;
  description?: string | undefined;
  fileName?: string | undefined;
}

export interface TrainOutcome {
  model: ModelSummary;
  result: TrainingResult;
}

/** Parse and train without touching the database; bad input becomes a 400 naming the field. */
export function trainFromCsv(input: TrainInput): TrainingResult {
  const table = parseCsvTable(input.csv);
  const opts: TrainOptions = {
    target: input.target,
    bad: input.bad,
    folds: input.folds ?? 5,
    exclude: input.exclude ?? [],
    protectedAttributes: input.protectedAttributes ?? [],
    ...(input.holdoutShare !== undefined ? { holdoutShare: input.holdoutShare } : {}),
    ...(input.seed !== undefined ? { seed: input.seed } : {}),
    ...(input.minIv !== undefined ? { minIv: input.minIv } : {}),
    ...(input.cutoffScore !== undefined ? { cutoffScore: input.cutoffScore } : {}),
  };
  try {
    return trainScorecard(table, opts);
  } catch (e) {
    if (e instanceof TrainingInputError) throw Problem.badRequest(e.field, e.message);
    throw e;
  }
}

/** Deciles of the development scores: the reference for later stability (PSI) checks. */
function scoreDistribution(scores: readonly number[]): { cuts: number[]; shares: number[] } {
  const p = psiOf(scores, scores, 10);
  return { cuts: p.cuts, shares: p.expected };
}

function trainingMetrics(result: TrainingResult): Record<string, unknown> {
  const cvPds = result.cvScores.map((s) => pdFromScore(s, result.definition.scaling));
  return {
    auc: result.auc,
    gini: result.gini,
    ks: result.ks,
    folds: result.folds,
    rows: result.rows,
    bads: result.bads,
    badRate: result.badRate,
    features: result.features,
    screened: result.screened,
    excluded: result.excluded,
    protectedAttributes: result.protectedAttributes,
    calibration: result.calibration,
    holdout: result.holdout,
    cutoffScore: result.cutoffScore,
    fairness: result.fairness,
    roc: rocCurve(cvPds, result.labels, 101),
    scoreDistribution: scoreDistribution(result.developmentScores),
    binnings: result.binnings,
  };
}

/** Train a scorecard and save it as a draft (a new version of its name). Nothing is saved on bad input. */
export async function trainModel(
  deps: Deps,
  ctx: ActorContext,
  input: TrainInput,
  trained?: TrainingResult,
): Promise<TrainOutcome> {
  const name = checkName(input.name ?? defaultName(input.fileName));
  // `trained`: the result of trainFromCsv on the same input, when the caller checked it first.
  const result = trained ?? trainFromCsv(input);
  const now = deps.now();
  const training = {
    target: input.target,
    bad: input.bad,
    folds: result.folds,
    exclude: input.exclude ?? [],
    protectedAttributes: result.protectedAttributes,
    holdoutShare: input.holdoutShare ?? 0.2,
    seed: input.seed ?? 42,
    fileName: input.fileName ?? null,
    sha256: createHash('sha256').update(input.csv).digest('hex'),
    rows: result.rows,
  };
  const row = await deps.database.db.transaction(async (tx) => {
    const version = (await repo.latestVersion(tx, name)) + 1;
    const created = await repo.insertModel(tx, {
      id: randomUUID(),
      name,
      version,
      status: 'draft',
      role: null,
      source: 'trained',
      description: input.description ?? null,
      definition: result.definition,
      metrics: trainingMetrics(result),
      training,
      createdBy: ctx.actorId,
      createdByName: ctx.actorName,
      createdAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: 'risk.model_trained',
      entityType: 'scorecard_model',
      entityId: `${name}@${version}`,
      after: {
        id: created.id,
        auc: result.auc,
        gini: result.gini,
        ks: result.ks,
        folds: result.folds,
        rows: result.rows,
        features: result.features.map((f) => f.name),
        training,
      },
    });
    return created;
  });
  return { model: summary(row), result };
}

function defaultName(fileName: string | undefined): string {
  const base = (fileName ?? '')
    .split(/[\\/]/)
    .pop()
    ?.replace(/\.[^.]*$/, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 80);
  return base || 'scorecard';
}

// ---------------------------------------------------------------------------------------------
// Import

export interface ImportInput {
  name: string;
  description?: string | undefined;
  definition: unknown;
}

export async function importModel(deps: Deps, ctx: ActorContext, input: ImportInput): Promise<ModelView> {
  const name = checkName(input.name);
  const parsed = scorecardDefinitionSchema.safeParse(input.definition);
  if (!parsed.success) throw validationProblem(fieldErrorsFromZod(parsed.error, 'definition'));
  const definition = parsed.data;
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const version = (await repo.latestVersion(tx, name)) + 1;
    const row = await repo.insertModel(tx, {
      id: randomUUID(),
      name,
      version,
      status: 'draft',
      role: null,
      source: 'imported',
      description: input.description ?? null,
      definition,
      metrics: null,
      training: null,
      createdBy: ctx.actorId,
      createdByName: ctx.actorName,
      createdAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: 'risk.model_imported',
      entityType: 'scorecard_model',
      entityId: `${name}@${version}`,
      after: { id: row.id, features: definition.features.map((f) => f.name) },
    });
    return view(row);
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

export async function listModels(deps: Deps): Promise<ModelSummary[]> {
  return (await repo.allModels(deps.database.db)).map(summary);
}

export async function getModel(deps: Deps, id: string): Promise<ModelView> {
  const row = await repo.findModel(deps.database.db, id);
  if (!row) throw Problem.notFound(`Scorecard model ${id}`);
  return view(row);
}

// ---------------------------------------------------------------------------------------------
// Life cycle

async function transition(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  action: string,
  change: (row: ModelRow, tx: Executor) => Promise<Partial<repo.NewModelRow>>,
  note?: string,
): Promise<ModelView> {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const row = await repo.findModel(tx, id, true);
    if (!row) throw Problem.notFound(`Scorecard model ${id}`);
    const patch = await change(row, tx);
    const updated = await repo.updateModel(tx, id, patch);
    await recordAudit(tx, ctx, now, {
      action: `risk.model_${action}`,
      entityType: 'scorecard_model',
      entityId: `${row.name}@${row.version}`,
      before: { status: row.status, role: row.role },
      after: { status: updated.status, role: updated.role, ...(note ? { note } : {}) },
    });
    return view(updated);
  });
}

function requireStatus(row: ModelRow, allowed: ModelStatus[], what: string): void {
  if (!allowed.includes(row.status))
    throw Problem.conflict(
      'invalid-model-state',
      `${row.name} version ${row.version} is ${row.status}; only a ${allowed.join(' or ')} model can be ${what}`,
    );
}

/** A reviewer confirms the validation figures (draft → validated). */
export async function validateModel(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  note?: string,
): Promise<ModelView> {
  return transition(
    deps,
    ctx,
    id,
    'validated',
    async (row) => {
      requireStatus(row, ['draft'], 'validated');
      return {
        status: 'validated',
        validatedAt: deps.now(),
        validatedBy: ctx.actorId,
        validatedByName: ctx.actorName,
      };
    },
    note,
  );
}

/** Four-eyes approval (validated → approved): not by whoever trained or validated the model. */
export async function approveModel(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  note?: string,
): Promise<ModelView> {
  return transition(
    deps,
    ctx,
    id,
    'approved',
    async (row) => {
      requireStatus(row, ['validated'], 'approved');
      if (!ctx.actorId) throw Problem.forbidden('Approval needs a signed-in user');
      if (ctx.actorId === row.createdBy || ctx.actorId === row.validatedBy) {
        throw new Problem(
          403,
          'four-eyes',
          'Four-eyes approval',
          'A model must be approved by someone other than the person who trained, imported or validated it',
        );
      }
      return {
        status: 'approved',
        approvedAt: deps.now(),
        approvedBy: ctx.actorId,
        approvedByName: ctx.actorName,
      };
    },
    note,
  );
}

/**
 * Put an approved model into use as champion (it decides) or challenger (scored alongside), or
 * change an active model's role. A new champion makes the previous champion a challenger.
 */
export async function activateModel(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  role: ModelRole,
): Promise<ModelView> {
  return transition(
    deps,
    ctx,
    id,
    role === 'champion' ? 'activated_champion' : 'activated_challenger',
    async (row, tx) => {
      requireStatus(row, ['approved', 'active'], 'activated');
      if (role === 'champion') {
        for (const other of await repo.otherChampions(tx, row.name, row.id))
          await repo.updateModel(tx, other.id, { role: 'challenger' });
      }
      return { status: 'active', role, activatedAt: row.activatedAt ?? deps.now() };
    },
  );
}

export async function retireModel(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  reason?: string,
): Promise<ModelView> {
  return transition(
    deps,
    ctx,
    id,
    'retired',
    async (row) => {
      requireStatus(row, ['validated', 'approved', 'active'], 'retired');
      return { status: 'retired', role: null, retiredAt: deps.now() };
    },
    reason,
  );
}

export async function discardDraft(deps: Deps, ctx: ActorContext, id: string): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    const row = await repo.findModel(tx, id, true);
    if (!row) throw Problem.notFound(`Scorecard model ${id}`);
    requireStatus(row, ['draft'], 'discarded');
    await repo.deleteDraft(tx, id);
    await recordAudit(tx, ctx, deps.now(), {
      action: 'risk.model_discarded',
      entityType: 'scorecard_model',
      entityId: `${row.name}@${row.version}`,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Application scoring

/** A model by id, by name and version, or by name alone (its active champion). */
export type ModelRef = { id: string } | { name: string; version?: number | undefined };

export interface ApplicationScore {
  score: number;
  pd: number;
  grade: string;
  reasons: FeatureContribution[];
  model: { id: string; name: string; version: number; status: ModelStatus; role: ModelRole | null };
}

export interface ScoreApplicationResult extends ApplicationScore {
  contributions: FeatureContribution[];
  /** Active challengers of the same name, scored side by side (never decide). */
  challengers: ApplicationScore[];
  /** Whether the scores were stored against the application. */
  stored: boolean;
}

export interface ScoreOptions {
  /** Store the scores against this application (origination's id); needs an active model. */
  applicationRef?: string | undefined;
  reasons?: number | undefined;
}

async function resolveModel(deps: Deps, ref: ModelRef): Promise<ModelRow> {
  const db = deps.database.db;
  if ('id' in ref) {
    const row = /^[0-9a-f-]{36}$/i.test(ref.id) ? await repo.findModel(db, ref.id) : undefined;
    if (!row)
      throw new Problem(404, 'not-found', 'Not found', `Scorecard model ${ref.id} was not found`, {
        errors: [{ field: 'model.id', message: 'no such model' }],
      });
    return row;
  }
  if (ref.version !== undefined) {
    const row = await repo.findModelVersion(db, ref.name, ref.version);
    if (!row)
      throw new Problem(
        404,
        'not-found',
        'Not found',
        `Scorecard model ${ref.name} version ${ref.version} was not found`,
        { errors: [{ field: 'model.version', message: 'no such version' }] },
      );
    return row;
  }
  const champion = (await repo.activeModels(db, ref.name)).find((m) => m.role === 'champion');
  if (!champion)
    throw Problem.conflict('no-active-model', `Scorecard ${ref.name} has no active champion`, 'model.name');
  return champion;
}

function scoreOne(
  row: ModelRow,
  attributes: Record<string, unknown>,
  reasons: number,
): ApplicationScore & { contributions: FeatureContribution[] } {
  try {
    const r = scoreWith(row.definition as ScorecardDefinition, attributes, { reasons });
    return {
      score: r.score,
      pd: r.pd,
      grade: r.grade,
      reasons: r.reasons,
      contributions: r.contributions,
      model: { id: row.id, name: row.name, version: row.version, status: row.status, role: row.role },
    };
  } catch (e) {
    if (e instanceof ScoringInputError)
      throw Problem.badRequest(`attributes.${e.field}`, e.message.replace(`${e.field}: `, ''));
    throw e;
  }
}

/** The attributes that are protected for this model: kept out of scoring, stored only for fairness. */
function protectedPart(
  def: ScorecardDefinition,
  attributes: Record<string, unknown>,
): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(attributes)) {
    if (isProtectedAttribute(k, def.protectedAttributes) && !isMissingCell(v)) out[k] = String(v);
  }
  return Object.keys(out).length ? out : null;
}

/**
 * Score an application: score, PD, grade and the top reason codes, with the model version.
 * By name, the champion decides and active challengers are scored alongside; with an
 * applicationRef every score is stored (origination calls this).
 */
export async function scoreApplication(
  deps: Deps,
  modelRef: ModelRef,
  attributes: Record<string, unknown>,
  opts: ScoreOptions = {},
): Promise<ScoreApplicationResult> {
  const row = await resolveModel(deps, modelRef);
  if (row.status === 'retired')
    throw Problem.conflict('model-retired', `${row.name} version ${row.version} is retired`, 'model');
  if (opts.applicationRef !== undefined && row.status !== 'active') {
    throw Problem.conflict(
      'model-not-active',
      `${row.name} version ${row.version} is ${row.status}; only an active model scores applications on record`,
      'model',
    );
  }
  const reasons = opts.reasons ?? 4;
  const main = scoreOne(row, attributes, reasons);
  const challengerRows =
    !('id' in modelRef) && modelRef.version === undefined
      ? (await repo.activeModels(deps.database.db, row.name)).filter((m) => m.role === 'challenger')
      : [];
  const challengers = challengerRows.map((m) => {
    const { contributions: _c, ...rest } = scoreOne(m, attributes, reasons);
    return rest;
  });
  let stored = false;
  if (opts.applicationRef !== undefined) {
    const now = deps.now();
    const protectedAttributes = protectedPart(row.definition as ScorecardDefinition, attributes);
    const scored: { s: ApplicationScore; role: 'champion' | 'challenger' | 'direct' }[] = [
      { s: main, role: row.role ?? 'direct' },
      ...challengers.map((c) => ({ s: c, role: 'challenger' as const })),
    ];
    const records = scored.map(({ s, role }) => ({
      id: randomUUID(),
      applicationRef: opts.applicationRef!,
      modelId: s.model.id,
      modelName: s.model.name,
      modelVersion: s.model.version,
      role,
      score: s.score,
      pd: s.pd,
      grade: s.grade,
      reasons: s.reasons,
      protectedAttributes,
      scoredAt: now,
    }));
    await repo.insertScores(deps.database.db, records);
    stored = true;
  }
  return { ...main, challengers, stored };
}

/** Origination reports the decision taken on a scored application (for fairness reports). */
export async function recordDecision(
  deps: Deps,
  applicationRef: string,
  decision: 'approved' | 'declined',
): Promise<number> {
  return repo.setDecision(deps.database.db, applicationRef, decision);
}

export async function applicationScores(deps: Deps, applicationRef: string) {
  return (await repo.scoresForApplication(deps.database.db, applicationRef)).map((r) => ({
    id: r.id,
    applicationRef: r.applicationRef,
    model: { id: r.modelId, name: r.modelName, version: r.modelVersion },
    role: r.role,
    score: r.score,
    pd: r.pd,
    grade: r.grade,
    reasons: r.reasons as FeatureContribution[],
    decision: r.decision,
    scoredAt: r.scoredAt.toISOString(),
  }));
}

// ---------------------------------------------------------------------------------------------
// Fairness and monitoring

export interface FairnessInput {
  modelName: string;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Approve at or above this score when no decision is recorded; default: the model's cut-off. */
  cutoffScore?: number | undefined;
}

export interface StoredFairness {
  modelName: string;
  applications: number;
  cutoffScore: number | null;
  reports: FairnessReport[];
}

/**
 * Approval rates and adverse-impact ratios by protected group over stored champion scores.
 * The decision recorded by origination counts; otherwise the score against the cut-off.
 */
export async function fairnessOfScores(deps: Deps, input: FairnessInput): Promise<StoredFairness> {
  const rows = await repo.scoresOf(deps.database.db, {
    modelName: input.modelName,
    from: input.from,
    to: input.to,
  });
  const deciding = rows.filter((r) => r.role !== 'challenger');
  let cutoff = input.cutoffScore ?? null;
  if (cutoff === null) {
    const champion = (await repo.activeModels(deps.database.db, input.modelName)).find(
      (m) => m.role === 'champion',
    );
    cutoff = (champion?.definition as ScorecardDefinition | undefined)?.cutoffScore ?? null;
  }
  const approved = deciding.map((r) =>
    r.decision ? r.decision === 'approved' : cutoff !== null && r.score >= cutoff,
  );
  const attributes = [
    ...new Set(
      deciding.flatMap((r) => Object.keys((r.protectedAttributes as Record<string, string> | null) ?? {})),
    ),
  ].sort();
  const reports = attributes.map((a) => {
    const values = deciding.map(
      (r) => ((r.protectedAttributes as Record<string, string> | null) ?? {})[a] ?? null,
    );
    return fairnessReport(a, protectedGroups(a, values), approved);
  });
  return { modelName: input.modelName, applications: deciding.length, cutoffScore: cutoff, reports };
}

export interface EvaluateInput {
  csv: string;
  /** With a target column, realised defaults are compared with predictions. */
  target?: string | undefined;
  bad?: string | undefined;
  cutoffScore?: number | undefined;
}

export interface Evaluation {
  rows: number;
  meanScore: number;
  meanPd: number;
  /** Stability of the file's scores against the development sample (null for imported models). */
  psi: number | null;
  cutoffScore: number | null;
  approvalRate: number | null;
  discrimination: { auc: number; gini: number; ks: number; bads: number; badRate: number } | null;
  calibration: CalibrationBand[] | null;
  fairness: FairnessReport[];
}

/**
 * Run a model over a file of applications: score stability (PSI), realised against predicted
 * default when the file holds outcomes, and approval rates by protected group.
 */
export async function evaluateModel(deps: Deps, id: string, input: EvaluateInput): Promise<Evaluation> {
  const row = await repo.findModel(deps.database.db, id);
  if (!row) throw Problem.notFound(`Scorecard model ${id}`);
  const def = row.definition as ScorecardDefinition;
  const table = parseCsvTable(input.csv);
  if (table.rows.length === 0) throw Problem.badRequest('data', 'the file has no data rows');
  const targetAt = input.target !== undefined ? table.columns.indexOf(input.target) : -1;
  if (input.target !== undefined && targetAt < 0)
    throw Problem.badRequest('target', `no column "${input.target}" in the data`);
  if (input.target !== undefined && input.bad === undefined)
    throw Problem.badRequest('bad', 'give the target value that marks a bad outcome');
  const scores: number[] = [];
  const pds: number[] = [];
  table.rows.forEach((cells, i) => {
    const attrs: Record<string, string> = {};
    table.columns.forEach((c, k) => (attrs[c] = cells[k]!));
    try {
      const r = scoreWith(def, attrs, { reasons: 0 });
      scores.push(r.score);
      pds.push(r.pd);
    } catch (e) {
      if (e instanceof ScoringInputError)
        throw Problem.badRequest(`data.${e.field}`, `data row ${i + 1}: ${e.message}`);
      throw e;
    }
  });
  const metrics = row.metrics as { scoreDistribution?: { cuts: number[]; shares: number[] } } | null;
  let psi: number | null = null;
  if (metrics?.scoreDistribution) {
    const { cuts, shares } = metrics.scoreDistribution;
    const counts = new Array<number>(cuts.length + 1).fill(0);
    for (const s of scores) counts[cuts.filter((c) => s >= c).length]!++;
    psi = psiFromShares(
      shares,
      counts.map((c) => c / scores.length),
    );
  }
  const cutoff = input.cutoffScore ?? def.cutoffScore ?? null;
  const approved = scores.map((s) => cutoff !== null && s >= cutoff);
  let disc: Evaluation['discrimination'] = null;
  let calibration: CalibrationBand[] | null = null;
  if (targetAt >= 0) {
    const labels = table.rows.map((r) => (r[targetAt]!.trim() === input.bad ? 1 : 0));
    const bads = labels.reduce((s: number, y) => s + y, 0);
    if (bads > 0 && bads < labels.length) {
      const d = discrimination(pds, labels);
      disc = { auc: d.auc, gini: d.gini, ks: d.ks, bads, badRate: bads / labels.length };
    }
    calibration = calibrationTable(scores, pds, labels, Math.min(10, labels.length));
  }
  const fairness = table.columns
    .map((c, k) => ({ c, k }))
    .filter(({ c }) => isProtectedAttribute(c, def.protectedAttributes) && c !== input.target)
    .map(({ c, k }) =>
      fairnessReport(
        c,
        protectedGroups(
          c,
          table.rows.map((r) => (isMissingCell(r[k]) ? null : r[k]!.trim())),
        ),
        approved,
      ),
    );
  return {
    rows: scores.length,
    meanScore: scores.reduce((s, v) => s + v, 0) / scores.length,
    meanPd: pds.reduce((s, v) => s + v, 0) / pds.length,
    psi,
    cutoffScore: cutoff,
    approvalRate: cutoff === null ? null : approved.filter(Boolean).length / approved.length,
    discrimination: disc,
    calibration,
    fairness,
  };
}
