// The data-governance API as the compliance console and the student portal use it. Shapes mirror
// packages/server/src/modules/compliance/retention.schema.ts.
import { api } from '../../api/client.ts';

export const DG_KEY = ['data-governance'] as const;
export const REGIONS = ['cn', 'us', 'eu'] as const;
export type Region = (typeof REGIONS)[number];
export const DSR_KINDS = ['access', 'correction', 'deletion'] as const;
export type DsrKind = (typeof DSR_KINDS)[number];
export const REGIMES = ['PIPL', 'GDPR', 'CCPA'] as const;
export type Regime = (typeof REGIMES)[number];
export const DSR_STATUSES = ['open', 'completed', 'refused'] as const;
export const REPORTS = ['east', 'nslds', 'complaints'] as const;
export type ReportKind = (typeof REPORTS)[number];
export const HOLD_SUBJECTS = ['customer', 'loan', 'case'] as const;
export const RETENTION_ACTIONS = ['anonymise', 'delete'] as const;
export const RUN_STATUSES = ['running', 'completed', 'failed'] as const;
export const REPORT_STATUSES = ['released', 'rejected'] as const;
export const OUTCOMES = ['anonymised', 'deleted', 'held', 'kept'] as const;

export interface RetentionRule {
  recordType: string;
  periodMonths: number;
  triggerEvent: string;
  action: (typeof RETENTION_ACTIONS)[number];
  legalBasisEn: string;
  legalBasisZh: string;
  enabled: boolean;
  enforcedByJob: boolean;
  updatedAt: string;
  updatedBy: string | null;
}
export type RetentionRuleInput = Omit<
  RetentionRule,
  'recordType' | 'enforcedByJob' | 'updatedAt' | 'updatedBy'
>;

export interface LegalHold {
  id: string;
  subjectType: (typeof HOLD_SUBJECTS)[number];
  subjectId: string;
  customerId: string;
  customerName: string | null;
  reason: string;
  placedBy: string | null;
  placedAt: string;
  releasedBy: string | null;
  releasedAt: string | null;
  releaseReason: string | null;
  active: boolean;
}

export type Counts = Record<(typeof OUTCOMES)[number], number>;
export interface RetentionRun {
  id: string;
  asOf: string;
  status: (typeof RUN_STATUSES)[number];
  counts: Record<string, Counts>;
  errors: { recordType: string; subjectHash: string; message: string }[];
  batches: number;
  cursor: { recordType: string; afterId: string | null } | null;
  triggeredBy: string | null;
  startedAt: string;
  finishedAt: string | null;
  evidenceSha256: string | null;
}

export interface Dsr {
  id: string;
  reference: string;
  customerId: string;
  kind: DsrKind;
  regime: Regime;
  channel: 'portal' | 'staff';
  details: string;
  receivedOn: string;
  dueOn: string;
  daysLeft: number;
  status: (typeof DSR_STATUSES)[number];
  outcome: string | null;
  outcomeReason: string | null;
  evidenceSha256: string | null;
  createdAt: string;
  completedAt: string | null;
  completedBy: string | null;
}

export interface ReportRun {
  id: string;
  report: ReportKind;
  period: string;
  version: number;
  status: (typeof REPORT_STATUSES)[number];
  destinationRegion: string;
  files: { name: string; sha256: string; records: number; bytes: number }[];
  issues: { file: string; line: number; field: string; message: string }[];
  totals: Record<string, string | number>;
  sha256: string;
  createdBy: string | null;
  createdAt: string;
}

export interface Residency {
  configured: Region | null;
  declared: Region | null;
  declaredAt: string | null;
  allowedExportRegions: string[];
}

const base = '/api/v1/compliance';
type Items<T> = { items: T[] };

/** Save a text answer as a file in the browser (evidence, export packages). */
export function saveText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  URL.revokeObjectURL(url);
}

/** Where a run's evidence file and a released report file download from (plain links: exact bytes). */
export const evidenceUrl = (id: string) => `${base}/retention/runs/${id}/evidence`;
export const reportFileUrl = (id: string, name: string) =>
  `${base}/regulator-reports/${id}/files/${encodeURIComponent(name)}`;

export const dgApi = {
  schedule: (signal?: AbortSignal) => api.get<Items<RetentionRule>>(`${base}/retention/schedule`, { signal }),
  putRule: (recordType: string, body: RetentionRuleInput) =>
    api.put<RetentionRule>(`${base}/retention/schedule/${recordType}`, body),
  holds: (active: boolean, signal?: AbortSignal) =>
    api.get<Items<LegalHold>>(`${base}/legal-holds`, { query: { active: String(active) }, signal }),
  placeHold: (body: { subjectType: string; subjectId: string; customerId?: string; reason: string }) =>
    api.post<LegalHold>(`${base}/legal-holds`, body),
  releaseHold: (id: string, reason: string) =>
    api.post<LegalHold>(`${base}/legal-holds/${id}/release`, { reason }),
  runs: (signal?: AbortSignal) => api.get<Items<RetentionRun>>(`${base}/retention/runs`, { signal }),
  run: (id: string, signal?: AbortSignal) =>
    api.get<RetentionRun>(`${base}/retention/runs/${id}`, { signal }),
  startRun: (body: { asOf?: string }) => api.post<RetentionRun>(`${base}/retention/runs`, body),
  residency: (signal?: AbortSignal) => api.get<Residency>(`${base}/residency`, { signal }),
  dsrs: (status: string | undefined, signal?: AbortSignal) =>
    api.get<Items<Dsr>>(`${base}/dsrs`, { query: { status }, signal }),
  dsr: (id: string, signal?: AbortSignal) => api.get<Dsr>(`${base}/dsrs/${id}`, { signal }),
  fileDsr: (body: {
    customerId: string;
    kind: DsrKind;
    regime?: Regime;
    details: string;
    receivedOn?: string;
  }) => api.post<Dsr>(`${base}/dsrs`, body),
  access: (id: string, destinationRegion?: Region) =>
    api.post<{ request: Dsr; fileName: string; sha256: string; content: string }>(
      `${base}/dsrs/${id}/access`,
      destinationRegion ? { destinationRegion } : {},
    ),
  correction: (id: string, outcome: string) => api.post<Dsr>(`${base}/dsrs/${id}/correction`, { outcome }),
  deletion: (id: string) => api.post<Dsr>(`${base}/dsrs/${id}/deletion`),
  refuse: (id: string, reason: string) => api.post<Dsr>(`${base}/dsrs/${id}/refuse`, { reason }),
  reports: (signal?: AbortSignal) => api.get<Items<ReportRun>>(`${base}/regulator-reports`, { signal }),
  report: (id: string, signal?: AbortSignal) =>
    api.get<ReportRun>(`${base}/regulator-reports/${id}`, { signal }),
  runReport: (body: { report: ReportKind; period: string; destinationRegion?: Region }) =>
    api.post<ReportRun>(`${base}/regulator-reports`, body),
  myRequests: (signal?: AbortSignal) => api.get<Items<Dsr>>('/api/v1/portal/data-requests', { signal }),
  fileMine: (body: { kind: DsrKind; details: string }) => api.post<Dsr>('/api/v1/portal/data-requests', body),
};
