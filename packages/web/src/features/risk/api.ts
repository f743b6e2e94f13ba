// The risk (scorecards) API as the model lab uses it. Shapes mirror
// packages/server/src/modules/risk/risk.schema.ts and core's risk types.
import { useQuery } from '@tanstack/react-query';
import { api, ApiError, normaliseField } from '../../api/client.ts';

export const MODEL_STATUSES = ['draft', 'validated', 'approved', 'active', 'retired'] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];
export const MODEL_ROLES = ['champion', 'challenger'] as const;
export type ModelRole = (typeof MODEL_ROLES)[number];
export const SCREEN_REASONS = ['low-iv', 'wrong-sign', 'single-bin'] as const;

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
  source: 'trained' | 'imported';
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

export interface Bin {
  label: string;
  lower?: number | null;
  upper?: number | null;
  levels?: string[];
  other?: boolean;
  missing?: boolean;
  count: number;
  bads: number;
  goods: number;
  woe: number;
  iv: number;
}

export interface FeatureBinning {
  name: string;
  kind: 'numeric' | 'categorical';
  bins: Bin[];
  iv: number;
  trend: 'increasing' | 'decreasing' | 'none';
}

export interface CalibrationBand {
  band: number;
  minScore: number;
  maxScore: number;
  count: number;
  bads: number;
  badRate: number;
  meanPd: number;
}

export interface RocPoint {
  threshold: number;
  fpr: number;
  tpr: number;
}

export interface FairnessGroup {
  group: string;
  count: number;
  approved: number;
  approvalRate: number;
  adverseImpactRatio: number;
  flagged: boolean;
}

export interface FairnessReport {
  attribute: string;
  referenceGroup: string;
  threshold: number;
  groups: FairnessGroup[];
  flagged: boolean;
}

export interface Holdout {
  auc: number;
  gini: number;
  ks: number;
  rows: number;
  bads: number;
  psi: number;
  developmentRows: number;
}

/** What training stores on a model (imported models have none). */
export interface TrainingMetrics extends HeadlineMetrics {
  bads?: number;
  badRate?: number;
  features?: { name: string; kind: 'numeric' | 'categorical'; iv: number; bins: number }[];
  screened?: { name: string; iv: number; reason: string }[];
  excluded?: string[];
  protectedAttributes?: string[];
  calibration?: CalibrationBand[];
  holdout?: Holdout | null;
  cutoffScore?: number;
  fairness?: FairnessReport[];
  roc?: RocPoint[];
  binnings?: FeatureBinning[];
  scoreDistribution?: { cuts: number[]; shares: number[] };
}

export interface DefinitionBin {
  label: string;
  lower?: number | null;
  upper?: number | null;
  levels?: string[];
  other?: boolean;
  missing?: boolean;
  points: number;
}

export interface DefinitionFeature {
  name: string;
  kind: 'numeric' | 'categorical';
  bins: DefinitionBin[];
  iv?: number;
  coefficient?: number;
}

export interface ScorecardDefinition {
  scaling?: { baseScore: number; baseOdds: number; pdo: number };
  basePoints?: number;
  features: DefinitionFeature[];
  grades?:
    | { by: 'score'; bands: { grade: string; minScore: number | null }[] }
    | { by: 'pd'; bands: { grade: string; maxPd: number }[] };
  protectedAttributes?: string[];
  cutoffScore?: number;
}

export interface ModelView extends Omit<ModelSummary, 'metrics'> {
  definition: ScorecardDefinition;
  metrics: TrainingMetrics | null;
  training: {
    target?: string;
    bad?: string;
    fileName?: string | null;
    holdoutShare?: number;
    seed?: number;
    exclude?: string[];
  } | null;
}

export interface TrainResponse {
  auc: number;
  gini: number;
  ks: number;
  folds: number;
  rows: number;
  bads: number;
  features: { name: string; iv: number; kind: 'numeric' | 'categorical'; bins: number }[];
  screened: { name: string; iv: number; reason: string }[];
  excluded: string[];
  protectedAttributes: string[];
  holdout: Holdout | null;
  model: ModelSummary;
}

export interface Contribution {
  feature: string;
  bin: string;
  points: number;
  pointsLost: number;
}

export interface ApplicationScore {
  score: number;
  pd: number;
  grade: string;
  reasons: Contribution[];
  model: { id: string; name: string; version: number; status: ModelStatus; role: ModelRole | null };
}

export interface ScoreResponse extends ApplicationScore {
  contributions: Contribution[];
  challengers: ApplicationScore[];
  stored: boolean;
}

export interface FairnessResponse {
  modelName: string;
  applications: number;
  cutoffScore: number | null;
  reports: FairnessReport[];
}

export const RISK_KEY = ['risk'] as const;
export const MODELS_KEY = [...RISK_KEY, 'models'] as const;
const BASE = '/api/v1/risk';

export function modelPath(id: string, action?: string): string {
  return `${BASE}/models/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;
}

export function useModels() {
  return useQuery({
    queryKey: MODELS_KEY,
    queryFn: ({ signal }) => api.get<{ items: ModelSummary[] }>(`${BASE}/models`, { signal }),
    select: (d) => d.items,
  });
}

export function useModel(id: string | null | undefined) {
  return useQuery({
    queryKey: [...MODELS_KEY, id],
    queryFn: ({ signal }) => api.get<ModelView>(modelPath(id!), { signal }),
    enabled: !!id,
  });
}

export interface TrainOptions {
  target: string;
  bad: string;
  folds: number;
  exclude: string[];
  protected: string[];
  holdout: number;
  seed: number;
  name: string;
  fileName: string;
}

/** Uploads the file as it is (text/csv), the options in the query string. */
export function trainModel(file: Blob, o: TrainOptions): Promise<TrainResponse> {
  return api.post<TrainResponse>(`${BASE}/models/train`, undefined, {
    raw: { body: file, contentType: 'text/csv' },
    query: {
      target: o.target,
      bad: o.bad,
      folds: o.folds,
      holdout: o.holdout,
      seed: o.seed,
      exclude: o.exclude.join(','),
      protected: o.protected.join(','),
      name: o.name.trim(),
      fileName: o.fileName,
    },
  });
}

export function scoreApplication(body: {
  model: { id: string };
  attributes: Record<string, string | number | null>;
  applicationRef?: string;
}): Promise<ScoreResponse> {
  return api.post<ScoreResponse>(`${BASE}/score`, body);
}

export function fetchFairness(
  query: { model: string; from?: string; to?: string; cutoffScore?: number },
  signal?: AbortSignal,
) {
  return api.get<FairnessResponse>(`${BASE}/fairness`, { query, signal });
}

/**
 * Field errors of a failed request keyed by field, as the forms name them. Beyond the shared
 * normalisation, options sent in the query string of an upload come back as `querystring.target`.
 */
export function riskFieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const e of err.problem.errors ?? []) {
    const key = normaliseField(e.field).replace(/^querystring\./, '');
    if (!(key in out)) out[key] = e.message;
  }
  return out;
}
