// Request and response shapes of the risk (scorecards) API, exported to the web app.
import { z } from 'zod';

const commaList = z
  .string()
  .max(4000)
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

export const modelName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/,
    'letters, digits, dot, dash or underscore, up to 80 characters',
  );

/** Training options: the query string of a text/csv upload, or beside `csv` in a JSON body. */
export const trainOptionsSchema = z.strictObject({
  target: z.string().min(1).max(200),
  bad: z.string().min(1).max(200),
  folds: z.coerce.number().int().min(2).max(20).default(5),
  exclude: z.union([commaList, z.array(z.string().max(200)).max(500)]).optional(),
  protected: z.union([commaList, z.array(z.string().max(200)).max(500)]).optional(),
  holdout: z.coerce.number().min(0).max(0.5).optional(),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
  minIv: z.coerce.number().min(0).max(1).optional(),
  cutoffScore: z.coerce.number().finite().optional(),
  name: modelName.optional(),
  description: z.string().max(2000).optional(),
  fileName: z.string().max(300).optional(),
});
export const trainQuerySchema = trainOptionsSchema.partial();
export const trainJsonSchema = trainOptionsSchema.extend({ csv: z.string().min(1) });
/** The body: CSV text (Content-Type text/csv, options in the query string) or JSON with `csv`. */
export const trainBodySchema = z.union([z.string().min(1, 'the CSV file is empty'), trainJsonSchema]);

export const headlineMetricsSchema = z.object({
  auc: z.number(),
  gini: z.number(),
  ks: z.number(),
  folds: z.number().int(),
  rows: z.number().int(),
});

export const modelSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number().int(),
  status: z.enum(['draft', 'validated', 'approved', 'active', 'retired']),
  role: z.enum(['champion', 'challenger']).nullable(),
  source: z.enum(['trained', 'imported']),
  description: z.string().nullable(),
  features: z.array(z.string()),
  metrics: headlineMetricsSchema.nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  validatedAt: z.string().nullable(),
  validatedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  approvedBy: z.string().nullable(),
  activatedAt: z.string().nullable(),
  retiredAt: z.string().nullable(),
});

export const modelViewSchema = modelSummarySchema.extend({
  /** Bins and points (core's ScorecardDefinition). */
  definition: z.record(z.string(), z.unknown()),
  /** Headline figures plus calibration, roc, holdout, fairness, binnings, screened, scoreDistribution. */
  metrics: headlineMetricsSchema.catchall(z.unknown()).nullable(),
  training: z.record(z.string(), z.unknown()).nullable(),
});

const featureIv = z.object({ name: z.string(), iv: z.number() });

/** The same figures as `bursar risk train --json`. */
export const trainResponseSchema = z.object({
  auc: z.number(),
  gini: z.number(),
  ks: z.number(),
  folds: z.number().int(),
  rows: z.number().int(),
  bads: z.number().int(),
  features: z.array(featureIv.extend({ kind: z.enum(['numeric', 'categorical']), bins: z.number().int() })),
  screened: z.array(featureIv.extend({ reason: z.string() })),
  excluded: z.array(z.string()),
  protectedAttributes: z.array(z.string()),
  holdout: z
    .object({
      auc: z.number(),
      gini: z.number(),
      ks: z.number(),
      rows: z.number().int(),
      bads: z.number().int(),
      psi: z.number(),
      developmentRows: z.number().int(),
    })
    .nullable(),
  model: modelSummarySchema,
});

export const importBodySchema = z.strictObject({
  name: modelName,
  description: z.string().max(2000).optional(),
  /** A scorecard in Bursar's JSON format: features with bins and points (see docs/user-guide/risk-scorecards.md). */
  definition: z.record(z.string(), z.unknown()),
});

export const noteBodySchema = z.strictObject({ note: z.string().max(2000).optional() }).optional();
export const activateBodySchema = z
  .strictObject({ role: z.enum(['champion', 'challenger']).default('champion') })
  .optional();

const contribution = z.object({
  feature: z.string(),
  bin: z.string(),
  points: z.number(),
  pointsLost: z.number(),
});
const scoredModel = z.object({
  id: z.string(),
  name: z.string(),
  version: z.number().int(),
  status: z.enum(['draft', 'validated', 'approved', 'active', 'retired']),
  role: z.enum(['champion', 'challenger']).nullable(),
});
const applicationScore = z.object({
  score: z.number(),
  pd: z.number(),
  grade: z.string(),
  reasons: z.array(contribution),
  model: scoredModel,
});

export const scoreBodySchema = z.strictObject({
  model: z.union([
    z.strictObject({ id: z.string().min(1).max(100) }),
    z.strictObject({ name: modelName, version: z.number().int().min(1).optional() }),
  ]),
  /** Origination's application id: store the scores against it (needs an active model). */
  applicationRef: z.string().min(1).max(200).optional(),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  reasons: z.number().int().min(0).max(20).optional(),
});
export const scoreResponseSchema = applicationScore.extend({
  contributions: z.array(contribution),
  challengers: z.array(applicationScore),
  stored: z.boolean(),
});

const fairnessGroup = z.object({
  group: z.string(),
  count: z.number().int(),
  approved: z.number().int(),
  approvalRate: z.number(),
  adverseImpactRatio: z.number(),
  flagged: z.boolean(),
});
export const fairnessReportSchema = z.object({
  attribute: z.string(),
  referenceGroup: z.string(),
  threshold: z.number(),
  groups: z.array(fairnessGroup),
  flagged: z.boolean(),
});

export const fairnessQuerySchema = z.strictObject({
  model: modelName,
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  cutoffScore: z.coerce.number().finite().optional(),
});
export const fairnessResponseSchema = z.object({
  modelName: z.string(),
  applications: z.number().int(),
  cutoffScore: z.number().nullable(),
  reports: z.array(fairnessReportSchema),
});

export const evaluateQuerySchema = z.strictObject({
  target: z.string().min(1).max(200).optional(),
  bad: z.string().min(1).max(200).optional(),
  cutoffScore: z.coerce.number().finite().optional(),
});
export const evaluateBodySchema = z.union([
  z.string().min(1, 'the CSV file is empty'),
  evaluateQuerySchema.extend({ csv: z.string().min(1) }),
]);
const calibrationBand = z.object({
  band: z.number().int(),
  minScore: z.number(),
  maxScore: z.number(),
  count: z.number().int(),
  bads: z.number().int(),
  badRate: z.number(),
  meanPd: z.number(),
});
export const evaluateResponseSchema = z.object({
  rows: z.number().int(),
  meanScore: z.number(),
  meanPd: z.number(),
  psi: z.number().nullable(),
  cutoffScore: z.number().nullable(),
  approvalRate: z.number().nullable(),
  discrimination: z
    .object({
      auc: z.number(),
      gini: z.number(),
      ks: z.number(),
      bads: z.number().int(),
      badRate: z.number(),
    })
    .nullable(),
  calibration: z.array(calibrationBand).nullable(),
  fairness: z.array(fairnessReportSchema),
});

export const applicationScoresResponseSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      applicationRef: z.string(),
      model: z.object({ id: z.string(), name: z.string(), version: z.number().int() }),
      role: z.enum(['champion', 'challenger', 'direct']),
      score: z.number(),
      pd: z.number(),
      grade: z.string(),
      reasons: z.array(contribution),
      decision: z.enum(['approved', 'declined']).nullable(),
      scoredAt: z.string(),
    }),
  ),
});
