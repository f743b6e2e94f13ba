// The origination API as the portal and the staff console use it. Shapes mirror
// packages/server/src/modules/origination (queries.service.ts) and core's origination types.
import { api, request } from '../../api/client.ts';

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'referred',
  'pending_approval',
  'approved',
  'contracted',
  'disbursed',
  'declined',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const CHANNELS = ['portal', 'branch', 'campus_event'] as const;
export const DOCUMENT_KINDS = [
  'identity_document',
  'admission_letter',
  'enrolment_certificate',
  'household_need_evidence',
  'cosigner_consent',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const LEVELS = ['vocational', 'associate', 'undergraduate', 'master', 'doctoral'] as const;
export const PURPOSES = ['tuition', 'living_expenses', 'entrepreneurship', 'graduate_study'] as const;
export const NEEDS = [
  'low_income',
  'poverty_registered',
  'orphan',
  'disaster_affected',
  'first_generation',
] as const;
export const RESULTS = ['excellent', 'good', 'pass'] as const;
export const RELATIONSHIPS = ['parent', 'guardian', 'sibling', 'other'] as const;
export const FUNNEL_STAGES = [
  'draft',
  'submitted',
  'decided',
  'approved',
  'contracted',
  'disbursed',
] as const;
export const RULES = [
  'eligibility',
  'annual_limit',
  'aggregate_limit',
  'exposure',
  'fraud',
  'legal_capacity',
  'enrolment',
  'credit_score',
] as const;
export const REASONS = [
  'not_eligible',
  'over_annual_limit',
  'over_aggregate_limit',
  'high_existing_debt',
  'fraud_flag',
  'identity_unverified',
  'legal_capacity',
  'enrolment_not_confirmed',
  'enrolment_pending',
  'credit_score',
  'officer_judgement',
] as const;
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export interface YearRequest {
  academicYear: string;
  amountMinor: number;
  payee: 'school' | 'student';
}

export interface Answers {
  identity?: {
    legalName?: string;
    dateOfBirth?: string;
    nationalId?: string;
    phone?: string;
    email?: string;
  };
  school?: {
    schoolId?: string;
    level?: string;
    programme?: string;
    studentNumber?: string;
    yearOfStudy?: number;
    startDate?: string;
    expectedGraduationDate?: string;
    academicResult?: string;
  };
  household?: { size?: number; annualIncomeMinor?: number; needs?: string[] };
  related?: {
    guardianName?: string;
    guardianPhone?: string;
    cosigner?: { name: string; relationship: string; email?: string; phone?: string } | null;
  };
  purpose?: { productCode?: string; purpose?: string; years?: YearRequest[] };
}

export interface Sla {
  dueAt: string;
  overdue: boolean;
  hoursWaiting: number;
}

export interface ApplicationSummary {
  id: string;
  applicationNumber: string;
  customerId: string;
  applicantName: string | null;
  channel: string;
  status: ApplicationStatus;
  productCode: string | null;
  schoolId: string | null;
  currency: string | null;
  requestedTotalMinor: number | null;
  requestedTotal: string | null;
  enrolmentCheck: 'pending' | 'confirmed' | 'rejected';
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  decidedAt: string | null;
  decisionSeconds: number | null;
  firstDisbursedAt: string | null;
  loanId: string | null;
  sla: Sla | null;
}

export interface FiredRule {
  rule: string;
  result: 'pass' | 'refer' | 'decline';
  reason: string | null;
  detail: string;
}

export interface Score {
  score: number;
  pd: number;
  grade: string;
  reasons: { feature: string; bin: string; pointsLost: number }[];
  model: string;
}

export interface Decision {
  id: string;
  kind: 'first' | 'second';
  outcome: 'approve' | 'decline' | 'refer';
  policyOutcome: 'approve' | 'decline' | 'refer';
  rules: FiredRule[];
  score: Score | null;
  reasons: string[];
  needsSecondApproval: boolean;
  secondApprovalWhy: string[] | null;
  note: string | null;
  decidedById: string | null;
  decidedBy: string | null;
  decidedAt: string;
}

export interface Tranche {
  tranche: number;
  academicYear: string;
  plannedDate: string;
  amountMinor: number;
  payee: 'school' | 'student';
}

export interface Preview {
  repaymentStart: string;
  instalments: number;
  frequency: string;
  payment: string;
  schedule: {
    n: number;
    dueDate: string;
    principal: string;
    interest: string;
    payment: string;
    balance: string;
  }[];
  totalInterest: string;
  fees: string;
  totalCost: string;
  totalRepaid: string;
  apr: string;
}

export interface Offer {
  productCode: string;
  productVersion: number;
  currency: string;
  amountMinor: number;
  amount: string;
  baseRate: string;
  rate: string;
  adjustments: { code: string; bp: number }[];
  tranches: Tranche[];
  preview: Preview;
}

export interface Contract {
  id: string;
  contractNumber: string;
  version: number;
  templateVersion: string;
  language: 'en' | 'zh-CN';
  status: 'pending_signature' | 'signed' | 'superseded';
  documentSha256: string;
  electronicConsentAt: string | null;
  sealedSha256: string | null;
  sealedAt: string | null;
  signatures: {
    party: string;
    signerName: string;
    signedAt: string;
    ip: string | null;
    method: string;
    documentSha256: string;
  }[];
}

export interface Disbursement {
  id: string;
  applicationId: string;
  tranche: number;
  academicYear: string;
  amount: string;
  currency: string;
  payee: 'school' | 'student';
  status: 'pending' | 'posted' | 'failed' | 'cancelled';
  loanId: string | null;
  failure: string | null;
  createdBy: string | null;
  createdAt: string;
  postedAt: string | null;
  cancelledAt: string | null;
}

export interface DocumentMeta {
  id: string;
  kind: DocumentKind;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string | null;
  uploadedAt: string;
}

export interface ApplicationDetail extends ApplicationSummary {
  answers: Answers;
  enrolment: { check: string; checkedBy: string | null; checkedAt: string | null; note: string | null };
  checks: { identity?: string; duplicateOf?: string[]; fraudFlags?: string[]; documents?: string[] } | null;
  missing: { field: string; message: string }[];
  documents: DocumentMeta[];
  decisions: Decision[];
  offer: Offer | null;
  contract: Contract | null;
  disbursements: Disbursement[];
}

export interface ProductFit {
  code: string;
  name: { en: string; 'zh-CN': string };
  currency: string;
  eligible: boolean;
  reasons: { code: string; ok: boolean }[];
  perYearLimitMinor: number | null;
  aggregateLimitMinor: number | null;
  remainingTotalMinor: number | null;
  remainingByYear: { academicYear: string; limitMinor: number | null; remainingMinor: number | null }[];
}

export interface Evaluation {
  policy: { outcome: 'approve' | 'decline' | 'refer'; rules: FiredRule[]; reasons: string[] };
  score: Score | null;
  scoreNote: string;
  fourEyes: { thresholdMinor: number; required: boolean; why: string[] };
}

export interface FunnelSummary {
  total: number;
  stages: { stage: string; reached: number; conversion: number | null }[];
  dropOff: { from: string; to: string; lost: number } | null;
  medianHoursToDecision: number | null;
  medianHoursToDisbursement: number | null;
}

export interface Funnel {
  overall: FunnelSummary;
  byStatus: Record<string, number>;
  byChannel: { key: string; summary: FunnelSummary }[];
  bySchool: { key: string; summary: FunnelSummary }[];
}

export interface ReadyTranche {
  applicationId: string;
  applicationNumber: string;
  applicantName: string | null;
  tranche: number;
  academicYear: string;
  plannedDate: string;
  amount: string;
  currency: string;
  payee: 'school' | 'student';
  enrolmentConfirmed: boolean;
}

export interface VerifyResult {
  sha256: string;
  intact: boolean;
  matchedBy: 'sha256' | 'marker' | null;
  contract: {
    contractNumber: string;
    version: number;
    applicationNumber: string;
    status: string;
    sealedAt: string | null;
  } | null;
  signature: { present: boolean; valid: boolean; lenderSeal: boolean };
}

export const ORIG_KEY = ['origination'] as const;
const P = '/api/v1/portal/applications';

/** Minor units as a major-unit string with two decimals, exactly. */
export function minorToMajor(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const m = Math.abs(minor);
  return `${sign}${Math.trunc(m / 100)}.${String(m % 100).padStart(2, '0')}`;
}

/** "12,000.50" or "12000" → minor units; null when not a number. */
export function majorToMinor(text: string): number | null {
  const t = text.replace(/[,\s]/g, '');
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export const portal = {
  list: (signal?: AbortSignal) => api.get<{ items: ApplicationSummary[]; total: number }>(P, { signal }),
  get: (id: string, signal?: AbortSignal) => api.get<ApplicationDetail>(`${P}/${id}`, { signal }),
  create: (body: { answers?: Answers; customerId?: string; channel?: string }) =>
    api.post<ApplicationDetail>(P, body),
  save: (id: string, answers: Answers) => api.put<ApplicationDetail>(`${P}/${id}/answers`, answers),
  upload: (id: string, body: { kind: DocumentKind; fileName: string; content: string }) =>
    api.post<DocumentMeta>(`${P}/${id}/documents`, body),
  submit: (id: string) => api.post<ApplicationDetail>(`${P}/${id}/submit`),
  withdraw: (id: string) => api.post<ApplicationDetail>(`${P}/${id}/withdraw`),
  fit: (id: string, signal?: AbortSignal) => api.get<{ items: ProductFit[] }>(`${P}/${id}/fit`, { signal }),
  consent: (id: string) => api.post<ApplicationDetail>(`${P}/${id}/contract/consent`),
  sendCode: (id: string) =>
    api.post<{ channel: string; status: string; expiresAt: string }>(`${P}/${id}/contract/code`),
  sign: (id: string, code: string) => api.post<ApplicationDetail>(`${P}/${id}/contract/sign`, { code }),
  reissue: (id: string, language: 'en' | 'zh-CN') =>
    api.post<ApplicationDetail>(`${P}/${id}/contract`, { language }),
  contractUrl: (id: string) => `${P}/${id}/contract.pdf`,
  documentUrl: (id: string, documentId: string) => `${P}/${id}/documents/${documentId}`,
  register: (body: {
    username: string;
    password: string;
    legalName: string;
    email: string;
    dateOfBirth?: string;
    locale?: string;
  }) => api.post<{ user: unknown }>('/api/v1/portal/register', body),
};

export const staffApi = {
  list: (query: { status?: string; limit?: number; offset?: number }, signal?: AbortSignal) =>
    api.get<{ items: ApplicationSummary[]; total: number }>('/api/v1/applications', { query, signal }),
  get: (id: string, signal?: AbortSignal) =>
    api.get<ApplicationDetail>(`/api/v1/applications/${id}`, { signal }),
  evaluation: (id: string, signal?: AbortSignal) =>
    api.get<Evaluation>(`/api/v1/applications/${id}/evaluation`, { signal }),
  decide: (id: string, body: { outcome: string; note?: string }) =>
    api.post<ApplicationDetail>(`/api/v1/applications/${id}/decision`, body),
  approve: (id: string, body: { approve: boolean; note?: string }) =>
    api.post<ApplicationDetail>(`/api/v1/applications/${id}/approval`, body),
  cosign: (id: string, signerName?: string) =>
    api.post<ApplicationDetail>(
      `/api/v1/applications/${id}/cosigner-signature`,
      signerName ? { signerName } : {},
    ),
  disburse: (id: string, body: { tranche: number; idempotencyKey: string }) =>
    api.post<{ disbursement: Disbursement; replay: boolean }>(
      `/api/v1/applications/${id}/disbursements`,
      body,
    ),
  cancel: (id: string, disbursementId: string, reason: string) =>
    api.post<Disbursement>(`/api/v1/applications/${id}/disbursements/${disbursementId}/cancel`, { reason }),
  queue: (signal?: AbortSignal) =>
    api.get<{ ready: ReadyTranche[]; recent: Disbursement[] }>('/api/v1/disbursements/queue', { signal }),
  batch: (items: { applicationId: string; tranche: number; idempotencyKey: string }[]) =>
    api.post<{
      results: {
        applicationId: string;
        tranche: number;
        ok: boolean;
        problem?: { type: string; detail: string };
      }[];
    }>('/api/v1/disbursements/batch', { items }),
  funnel: (signal?: AbortSignal) => api.get<Funnel>('/api/v1/origination/funnel', { signal }),
  documentUrl: (id: string, documentId: string) => `/api/v1/applications/${id}/documents/${documentId}`,
  contractUrl: (id: string) => `/api/v1/applications/${id}/contract.pdf`,
};

export const schoolApi = {
  list: (signal?: AbortSignal) =>
    api.get<{ items: ApplicationSummary[]; total: number }>('/api/v1/enrolment-checks', {
      query: { limit: 200 },
      signal,
    }),
  get: (id: string, signal?: AbortSignal) =>
    api.get<ApplicationDetail>(`/api/v1/enrolment-checks/${id}`, { signal }),
  decide: (id: string, decision: 'confirmed' | 'rejected', note?: string) =>
    api.post<ApplicationDetail>(`/api/v1/enrolment-checks/${id}`, note ? { decision, note } : { decision }),
};

export function verifyContract(file: Blob): Promise<VerifyResult> {
  return request<VerifyResult>('POST', '/api/v1/contracts/verify', {
    raw: { body: file, contentType: 'application/pdf' },
  });
}

export interface SchoolOption {
  id: string;
  name: string;
  nameLocal: string | null;
}

export function searchSchools(q: string, signal?: AbortSignal) {
  return api.get<{ items: SchoolOption[] }>('/api/v1/schools', { query: { q, limit: 20 }, signal });
}

/** A file as base64 (without the data: prefix). */
export function fileToBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(typeof r.result === 'string' ? r.result.replace(/^data:[^,]*,/, '') : '');
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
}
