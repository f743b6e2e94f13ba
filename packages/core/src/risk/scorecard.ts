// A scorecard as data: points per bin per feature, plus the scaling that turns a score into a
// probability of default, and grade bands. Trained scorecards and scorecards built elsewhere
// (imported as JSON) share this one format, so scoring does not care where a model came from.
import { z } from 'zod';
import { binIndex } from './binning.ts';
import { isProtectedAttribute } from './protected.ts';
import { DEFAULT_SCALING, pdFromScore, scalingSchema, scoreFromPd, type Scaling } from './scaling.ts';

export const SCORECARD_FORMAT = 'bursar-scorecard/1';

const scoreGradesSchema = z.strictObject({
  by: z.literal('score'),
  /** Best grade first; a score at or above minScore earns the grade; the last band's minScore is null (catches the rest). */
  bands: z
    .array(z.strictObject({ grade: z.string().min(1).max(20), minScore: z.number().finite().nullable() }))
    .min(1),
});
const pdGradesSchema = z.strictObject({
  by: z.literal('pd'),
  /** Best grade first; a PD at or below maxPd earns the grade; the last band's maxPd is 1. */
  bands: z
    .array(z.strictObject({ grade: z.string().min(1).max(20), maxPd: z.number().min(0).max(1) }))
    .min(1),
});
export const gradeBandsSchema = z
  .discriminatedUnion('by', [scoreGradesSchema, pdGradesSchema])
  .superRefine((g, ctx) => {
    if (g.by === 'score') {
      g.bands.forEach((b, i) => {
        const last = i === g.bands.length - 1;
        if (last !== (b.minScore === null))
          ctx.addIssue({
            code: 'custom',
            path: ['bands', i, 'minScore'],
            message: last ? 'the last band takes every lower score: null' : 'only the last band may be null',
          });
        const prev = g.bands[i - 1]?.minScore;
        if (i > 0 && b.minScore !== null && prev !== null && prev !== undefined && b.minScore >= prev)
          ctx.addIssue({
            code: 'custom',
            path: ['bands', i, 'minScore'],
            message: 'bands must go from best (highest score) to worst',
          });
      });
    } else {
      g.bands.forEach((b, i) => {
        const prev = g.bands[i - 1]?.maxPd;
        if (prev !== undefined && b.maxPd <= prev)
          ctx.addIssue({
            code: 'custom',
            path: ['bands', i, 'maxPd'],
            message: 'bands must go from best (lowest PD) to worst',
          });
      });
      if (g.bands[g.bands.length - 1]!.maxPd !== 1)
        ctx.addIssue({
          code: 'custom',
          path: ['bands', g.bands.length - 1, 'maxPd'],
          message: 'the last band must reach PD 1',
        });
    }
  });
export type GradeBands = z.infer<typeof gradeBandsSchema>;

/** Default risk grades A–E by probability of default. */
export const DEFAULT_GRADES: GradeBands = {
  by: 'pd',
  bands: [
    { grade: 'A', maxPd: 0.02 },
    { grade: 'B', maxPd: 0.05 },
    { grade: 'C', maxPd: 0.1 },
    { grade: 'D', maxPd: 0.2 },
    { grade: 'E', maxPd: 1 },
  ],
};

export function gradeFor(grades: GradeBands, score: number, pd: number): string {
  if (grades.by === 'score') {
    for (const b of grades.bands) if (b.minScore === null || score >= b.minScore) return b.grade;
    return grades.bands[grades.bands.length - 1]!.grade;
  }
  for (const b of grades.bands) if (pd <= b.maxPd) return b.grade;
  return grades.bands[grades.bands.length - 1]!.grade;
}

const binSchema = z.strictObject({
  label: z.string().min(1).max(200),
  lower: z.number().finite().nullable().optional(),
  upper: z.number().finite().nullable().optional(),
  levels: z.array(z.string().max(200)).optional(),
  other: z.boolean().optional(),
  missing: z.boolean().optional(),
  points: z.number().finite(),
  woe: z.number().finite().optional(),
  count: z.number().int().min(0).optional(),
  bads: z.number().int().min(0).optional(),
});

const featureSchema = z
  .strictObject({
    name: z.string().min(1).max(200),
    kind: z.enum(['numeric', 'categorical']),
    bins: z.array(binSchema).min(1).max(200),
    /** Points when no bin matches (a missing value with no missing bin, an unseen level). Default: the feature's fewest points. */
    defaultPoints: z.number().finite().optional(),
    iv: z.number().finite().optional(),
    coefficient: z.number().finite().optional(),
  })
  .superRefine((f, ctx) => {
    f.bins.forEach((b, i) => {
      if (b.missing) return;
      if (f.kind === 'numeric' && (b.lower === undefined || b.upper === undefined))
        ctx.addIssue({
          code: 'custom',
          path: ['bins', i],
          message: 'a numeric bin needs lower and upper (null for unbounded)',
        });
      if (f.kind === 'numeric' && b.lower != null && b.upper != null && b.lower >= b.upper)
        ctx.addIssue({ code: 'custom', path: ['bins', i, 'upper'], message: 'upper must be above lower' });
      if (f.kind === 'categorical' && !b.levels?.length && !b.other)
        ctx.addIssue({
          code: 'custom',
          path: ['bins', i, 'levels'],
          message: 'a categorical bin needs levels (or other: true)',
        });
    });
  });

export const scorecardDefinitionSchema = z
  .strictObject({
    format: z.literal(SCORECARD_FORMAT).default(SCORECARD_FORMAT),
    scaling: scalingSchema.default(DEFAULT_SCALING),
    /** Points every applicant starts with (the model's intercept on the points scale). */
    basePoints: z.number().finite().default(0),
    features: z.array(featureSchema).min(1).max(500),
    grades: gradeBandsSchema.default(DEFAULT_GRADES),
    /** Attributes treated as protected for this model; none may be a feature. */
    protectedAttributes: z.array(z.string().max(200)).default([]),
    /** Score at or above which an application is approved, for fairness reports. */
    cutoffScore: z.number().finite().optional(),
  })
  .superRefine((d, ctx) => {
    const seen = new Set<string>();
    d.features.forEach((f, i) => {
      if (seen.has(f.name))
        ctx.addIssue({
          code: 'custom',
          path: ['features', i, 'name'],
          message: `feature ${f.name} appears twice`,
        });
      seen.add(f.name);
      if (isProtectedAttribute(f.name, d.protectedAttributes))
        ctx.addIssue({
          code: 'custom',
          path: ['features', i, 'name'],
          message: `${f.name} is a protected attribute and may not be a feature`,
        });
    });
  });
export type ScorecardDefinition = z.infer<typeof scorecardDefinitionSchema>;
export type ScorecardFeature = ScorecardDefinition['features'][number];

export class ScoringInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

const MISSING_TEXT = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?']);

/** A cell counts as missing when empty or one of the usual placeholders (NA, null, ?). */
export function isMissingCell(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'number') return Number.isNaN(v);
  return typeof v === 'string' && MISSING_TEXT.has(v.trim().toLowerCase());
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A number from a cell, or null when the cell is not a plain number. */
export function parseNumberCell(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return NUMBER.test(t) ? Number(t) : null;
}

export interface FeatureContribution {
  feature: string;
  bin: string;
  points: number;
  /** Points short of the feature's best bin. */
  pointsLost: number;
}

export interface ScoreResult {
  score: number;
  pd: number;
  grade: string;
  /** The features that cost the most points against their best bin, most first. */
  reasons: FeatureContribution[];
  contributions: FeatureContribution[];
}

/** Score one applicant. Attributes not in the scorecard (protected ones included) are ignored. */
export function scoreWith(
  def: ScorecardDefinition,
  attributes: Readonly<Record<string, unknown>>,
  opts: { reasons?: number } = {},
): ScoreResult {
  let score = def.basePoints;
  const contributions: FeatureContribution[] = [];
  for (const f of def.features) {
    const raw = attributes[f.name];
    let value: number | string | null;
    if (isMissingCell(raw)) value = null;
    else if (f.kind === 'numeric') {
      value = parseNumberCell(raw);
      if (value === null)
        throw new ScoringInputError(f.name, `expected a number, got ${JSON.stringify(raw)}`);
    } else value = typeof raw === 'string' ? raw : String(raw);
    const best = Math.max(...f.bins.map((b) => b.points));
    const at = binIndex(f, value);
    const bin = at >= 0 ? f.bins[at]! : null;
    const points = bin ? bin.points : (f.defaultPoints ?? Math.min(...f.bins.map((b) => b.points)));
    score += points;
    contributions.push({
      feature: f.name,
      bin: bin?.label ?? (value === null ? 'missing' : 'unseen value'),
      points,
      pointsLost: best - points,
    });
  }
  const pd = pdFromScore(score, def.scaling);
  const reasons = contributions
    .filter((c) => c.pointsLost > 1e-9)
    .sort((a, b) => b.pointsLost - a.pointsLost || (a.feature < b.feature ? -1 : 1))
    .slice(0, opts.reasons ?? 4);
  return { score, pd, grade: gradeFor(def.grades, score, pd), reasons, contributions };
}

/** The score at which the model's PD equals `pd` (e.g. a cut-off at the sample's bad rate). */
export function cutoffForPd(pd: number, scaling: Scaling = DEFAULT_SCALING): number {
  return scoreFromPd(pd, scaling);
}
