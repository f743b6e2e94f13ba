// The portfolio risk and risk register API as the pages use it. Shapes mirror
// packages/server/src/modules/risk/portfolio.schema.ts: money in integer minor units of the
// named currency, ratios as fractions.
import { useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client.ts';

export const PORTFOLIO_KEY = ['portfolio'] as const;
export const REGISTER_KEY = [...PORTFOLIO_KEY, 'register'] as const;
export const INCIDENTS_KEY = [...PORTFOLIO_KEY, 'incidents'] as const;
const BASE = '/api/v1/risk';

export const FIVE_TIERS = ['normal', 'special_mention', 'substandard', 'doubtful', 'loss'] as const;
export const RISK_CATEGORIES = ['credit', 'market', 'operational', 'legal'] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];
export const RISK_STATUSES = ['open', 'mitigating', 'accepted', 'closed'] as const;
export type RiskStatus = (typeof RISK_STATUSES)[number];
export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const CONTROL_KINDS = ['preventive', 'detective', 'corrective'] as const;
export const CONTROL_EFFECTIVENESS = [
  'effective',
  'partially_effective',
  'ineffective',
  'not_tested',
] as const;
export const KRI_METRICS = [
  'par30',
  'par90',
  'par30_count',
  'stage2_share',
  'stage3_share',
  'ecl_coverage',
  'hhi_school',
  'top_school_share',
  'hhi_region',
  'max_school_cdr',
  'incident_loss_90d',
] as const;
export type KriMetric = (typeof KRI_METRICS)[number];
/** Metrics in minor units rather than ratios. */
export const MONEY_METRICS: readonly string[] = ['incident_loss_90d'];
export const KRI_STATUSES = ['green', 'amber', 'red'] as const;
export type KriStatus = (typeof KRI_STATUSES)[number];
export const INCIDENT_CATEGORIES = [
  'internal_fraud',
  'external_fraud',
  'employment_practices',
  'clients_products',
  'physical_assets',
  'business_disruption',
  'execution_delivery',
] as const;
export const EXPORT_SECTIONS = [
  'summary',
  'buckets',
  'par-trend',
  'roll-rates',
  'vintages',
  'cdr-school',
  'cdr-programme',
  'provisions',
  'concentration',
  'par30-loans',
] as const;

export interface Par {
  days: number;
  count: number;
  countAtRisk: number;
  balance: number;
  balanceAtRisk: number;
  ratio: number;
  countRatio: number;
}
export interface Matrix {
  statuses: string[];
  counts: number[][];
  rates: (number | null)[][];
  balanceRates: (number | null)[][];
}
export interface ProvisionLine {
  key: string;
  count: number;
  ead: number;
  provision: number;
  coverage: number;
}
export interface Provisions {
  ead: number;
  ifrs9: { total: number; byStage: ProvisionLine[] };
  cecl: { total: number; byStage: ProvisionLine[] };
  fiveTier: { total: number; byTier: ProvisionLine[] };
}
export interface Concentration {
  groups: number;
  total: number;
  hhi: number;
  hhiPoints: number;
  equivalentGroups: number;
  top: { key: string; balance: number; share: number }[];
  topShare: number;
}
export interface CdrRow {
  group: string;
  fiscalYear: number;
  windowEnd: string;
  borrowers: number;
  defaulted: number;
  rate: number;
  final: boolean;
}
export interface PortfolioSettings {
  ecl: {
    pd12ByBucket: Record<string, number>;
    lgd: number;
    sicrDaysPastDue: number;
    impairedDaysPastDue: number;
    fiveTierRates: Record<(typeof FIVE_TIERS)[number], number>;
  };
  stress: { unemploymentPerPp: number; incomePerPct: number };
}
export interface Dashboard {
  asOf: string;
  currency: string;
  currencies: string[];
  loans: number;
  balance: number;
  par30: Par;
  par90: Par;
  buckets: { bucket: string; count: number; balance: number; share: number }[];
  parTrend: {
    date: string;
    live: boolean;
    par30: number;
    par90: number;
    par30Count: number;
    balance: number;
  }[];
  rollRates: { statuses: string[]; periods: (Matrix & { from: string; to: string })[]; pooled: Matrix };
  vintages: {
    cohort: string;
    loans: number;
    amount: number;
    points: { monthsOnBook: number; observed: number; rate: number; amountRate: number }[];
  }[];
  cdrBySchool: CdrRow[];
  cdrByProgramme: CdrRow[];
  provisions: Provisions;
  concentration: { school: Concentration; programme: Concentration; region: Concentration };
  settings: PortfolioSettings;
}
export interface ParLoan {
  loanId: string;
  loanNumber: string;
  customerId: string;
  productCode: string;
  state: string;
  bucket: string;
  daysPastDue: number;
  principal: number;
  school: string | null;
  programme: string | null;
}
export interface StressResult {
  asOf: string;
  currency: string;
  scenario: { unemploymentPp: number; incomeDropPct: number };
  elasticity: { unemploymentPerPp: number; incomePerPct: number };
  pd12: { bucket: string; baseline: number; stressed: number }[];
  baseline: Provisions;
  stressed: Provisions;
  delta: { ifrs9: number; cecl: number; fiveTier: number };
}

export interface RiskSummary {
  id: string;
  code: string;
  title: string;
  description: string | null;
  category: RiskCategory;
  ownerName: string;
  likelihood: number;
  impact: number;
  score: number;
  level: RiskLevel;
  status: RiskStatus;
  reviewEveryDays: number;
  nextReviewOn: string;
  lastReviewedOn: string | null;
  lastReviewNote: string | null;
  reviewOverdue: boolean;
}
export interface RegisterView {
  asOf: string;
  items: (RiskSummary & { controls: number; kris: number; kriStatus: KriStatus | null })[];
  heatMap: number[][];
  overdueReviews: number;
}
export interface Kri {
  id: string;
  name: string;
  metric: string;
  direction: 'above' | 'below';
  amber: number;
  red: number;
  value: number | null;
  status: KriStatus;
}
export interface Control {
  id: string;
  name: string;
  description: string | null;
  kind: (typeof CONTROL_KINDS)[number];
  effectiveness: (typeof CONTROL_EFFECTIVENESS)[number];
}
export interface Incident {
  id: string;
  occurredOn: string;
  category: string;
  title: string;
  description: string | null;
  lossAmount: string;
  lossMinor: number;
  currency: string;
  riskId: string | null;
  actions: string | null;
  status: 'open' | 'closed';
  reportedByName: string | null;
}
export interface RiskDetail extends RiskSummary {
  controls: Control[];
  kris: Kri[];
  incidents: Incident[];
}

export interface KriInput {
  name: string;
  metric: KriMetric;
  direction: 'above' | 'below';
  amber: number;
  red: number;
}
export interface RiskInput {
  title: string;
  description?: string;
  category: RiskCategory;
  ownerName: string;
  likelihood: number;
  impact: number;
  reviewEveryDays?: number;
  kris?: KriInput[];
}
export interface IncidentInput {
  occurredOn: string;
  category: string;
  title: string;
  description?: string;
  lossAmount: string;
  currency: string;
  riskId?: string | null;
  actions?: string;
}

export function usePortfolio(currency: string | null) {
  return useQuery({
    queryKey: [...PORTFOLIO_KEY, 'dashboard', currency],
    queryFn: ({ signal }) => api.get<Dashboard>(`${BASE}/portfolio`, { query: { currency }, signal }),
  });
}

export function useParLoans(days: number, currency: string | null) {
  return useQuery({
    queryKey: [...PORTFOLIO_KEY, 'par-loans', days, currency],
    queryFn: ({ signal }) =>
      api.get<{ currency: string; days: number; items: ParLoan[] }>(`${BASE}/portfolio/par-loans`, {
        query: { days, currency },
        signal,
      }),
  });
}

export function runStress(body: { currency: string; unemploymentPp: number; incomeDropPct: number }) {
  return api.post<StressResult>(`${BASE}/portfolio/stress`, body);
}

export function exportUrl(format: 'csv' | 'xlsx', currency: string, section?: string): string {
  return withQuery(`${BASE}/portfolio/export`, { format, currency, section });
}

export function useRegister() {
  return useQuery({
    queryKey: REGISTER_KEY,
    queryFn: ({ signal }) => api.get<RegisterView>(`${BASE}/register`, { signal }),
  });
}

export function useRisk(id: string | undefined) {
  return useQuery({
    queryKey: [...REGISTER_KEY, id],
    queryFn: ({ signal }) => api.get<RiskDetail>(`${BASE}/register/${encodeURIComponent(id!)}`, { signal }),
    enabled: !!id,
  });
}

export function createRisk(body: RiskInput) {
  return api.post<RiskDetail>(`${BASE}/register`, body);
}

export function reviewRisk(id: string, body: { note?: string }) {
  return api.post<RiskDetail>(`${BASE}/register/${encodeURIComponent(id)}/review`, body);
}

export function addControl(id: string, body: Omit<Control, 'id' | 'description'> & { description?: string }) {
  return api.post<RiskDetail>(`${BASE}/register/${encodeURIComponent(id)}/controls`, body);
}

export function addKri(id: string, body: KriInput) {
  return api.post<RiskDetail>(`${BASE}/register/${encodeURIComponent(id)}/kris`, body);
}

export function useIncidents() {
  return useQuery({
    queryKey: INCIDENTS_KEY,
    queryFn: ({ signal }) => api.get<{ items: Incident[] }>(`${BASE}/incidents`, { signal }),
    select: (d) => d.items,
  });
}

export function createIncident(body: IncidentInput) {
  return api.post<Incident>(`${BASE}/incidents`, body);
}

export function closeIncident(id: string, actions: string | null) {
  return api.patch<Incident>(`${BASE}/incidents/${encodeURIComponent(id)}`, { status: 'closed', actions });
}
