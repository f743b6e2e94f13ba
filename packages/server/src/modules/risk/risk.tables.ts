import {
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * Scorecard models, versioned by name. Life cycle: draft → validated → approved → active →
 * retired; the approver must be someone other than the trainer and the validator. Among the
 * active versions of a name, one is the champion (decides) and any others are challengers
 * (scored side by side on new applications, for comparison only).
 */
export const riskScorecardModels = pgTable(
  'risk_scorecard_models',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    version: integer('version').notNull(),
    status: text('status', { enum: ['draft', 'validated', 'approved', 'active', 'retired'] }).notNull(),
    role: text('role', { enum: ['champion', 'challenger'] }),
    source: text('source', { enum: ['trained', 'imported'] }).notNull(),
    description: text('description'),
    /** Bins and points: core's ScorecardDefinition, validated before it is stored. */
    definition: jsonb('definition').notNull(),
    /** Validation figures (cross-validated AUC, Gini, KS, calibration, hold-out, fairness, bins). */
    metrics: jsonb('metrics'),
    /** How it was trained: target, bad value, folds, exclusions, seed, source file. */
    training: jsonb('training'),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    validatedBy: uuid('validated_by'),
    validatedByName: text('validated_by_name'),
    validatedAt: timestamp('validated_at', { withTimezone: true }),
    approvedBy: uuid('approved_by'),
    approvedByName: text('approved_by_name'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('risk_scorecard_models_name_version_uq').on(t.name, t.version),
    index('risk_scorecard_models_status_idx').on(t.status),
  ],
);

/**
 * Application scores, stored with the model version that produced them. Protected attributes
 * are kept apart from the model input, for fairness reports only.
 */
export const riskApplicationScores = pgTable(
  'risk_application_scores',
  {
    id: uuid('id').primaryKey(),
    applicationRef: text('application_ref').notNull(),
    modelId: uuid('model_id')
      .notNull()
      .references(() => riskScorecardModels.id),
    modelName: text('model_name').notNull(),
    modelVersion: integer('model_version').notNull(),
    role: text('role', { enum: ['champion', 'challenger', 'direct'] }).notNull(),
    score: doublePrecision('score').notNull(),
    pd: doublePrecision('pd').notNull(),
    grade: text('grade').notNull(),
    reasons: jsonb('reasons').notNull(),
    protectedAttributes: jsonb('protected_attributes'),
    /** The decision taken, when origination reports it (approved / declined). */
    decision: text('decision', { enum: ['approved', 'declined'] }),
    scoredAt: timestamp('scored_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('risk_application_scores_model_idx').on(t.modelName, t.scoredAt),
    index('risk_application_scores_ref_idx').on(t.applicationRef),
  ],
);
