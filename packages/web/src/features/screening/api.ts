// The KYC / AML API as the web app uses it. Shapes mirror
// packages/server/src/modules/compliance/kyc.schema.ts.
export const SCREENING_KEY = ['screening'] as const;

export const HIT_STATUSES = ['pending', 'awaiting_approval', 'confirmed', 'false_positive'] as const;
export type HitStatus = (typeof HIT_STATUSES)[number];
export const OUTCOMES = ['pass', 'review', 'fail'] as const;
export const ACCOUNT_STATUSES = ['pending', 'active', 'superseded', 'rejected'] as const;
export const CASE_STATUSES = ['open', 'investigating', 'filed', 'closed_no_filing'] as const;
export const SAR_TYPOLOGIES = [
  'structuring',
  'unusual_repayment_source',
  'rapid_overpayment_refund',
  'identity_fraud',
  'third_party_payments',
  'sanctions_evasion',
  'other',
] as const;
/** Reason codes the provider and the local checks return. */
export const REASONS = [
  'identity-not-found',
  'name-mismatch',
  'face-mismatch',
  'face-match-low',
  'birth-date-mismatch',
  'address-mismatch',
  'id-check-digit',
  'id-format',
  'tax-id-format',
  'ssn-not-issuable',
  'name-missing',
] as const;

export interface Verification {
  id: string;
  customerId: string;
  kind: 'cn_national_id' | 'us_cip';
  provider: string;
  providerRef: string;
  outcome: (typeof OUTCOMES)[number];
  reasons: string[];
  faceMatchScore: number | null;
  subjectName: string;
  idNumber: string;
  trigger: string;
  requestedBy: string | null;
  createdAt: string;
}

export interface ListName {
  name: string;
  kind: string;
}

export interface Hit {
  id: string;
  customerId: string;
  listCode: string;
  entryRef: string;
  customerName: string;
  matchedName: string;
  score: number;
  explanation: string;
  origin: string;
  status: HitStatus;
  decision: string | null;
  reason: string | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  createdAt: string;
  entry: {
    primaryName: string;
    entryType: string;
    programs: string | null;
    remarks: string | null;
    birthDates: string[];
    names: ListName[];
  } | null;
}

export interface PayeeAccount {
  id: string;
  customerId: string;
  customerName?: string | null;
  payee: 'student' | 'school';
  holderName: string;
  bankName: string;
  account: string;
  status: (typeof ACCOUNT_STATUSES)[number];
  isChange: boolean;
  reason: string | null;
  requestedBy: string | null;
  requestedAt: string;
  coolingOffUntil: string | null;
  inCoolingOff: boolean;
  verifiedBy: string | null;
  verifiedAt: string | null;
  verificationNote: string | null;
  payable: boolean;
}

export interface CustomerKyc {
  customerId: string;
  verifications: Verification[];
  hits: Hit[];
  accounts: PayeeAccount[];
  clearance: { blocked: boolean; confirmed: number; unresolved: number };
}

export interface ListVersion {
  id: string;
  listCode: string;
  version: number;
  format: string;
  sourceName: string;
  checksum: string;
  rowCount: number;
  entryCount: number;
  aliasCount: number;
  importedBy: string | null;
  importedAt: string;
}

export interface Rescreen {
  id: string;
  versionId: string;
  status: 'pending' | 'running' | 'done';
  screened: number;
  hits: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface ImportResult {
  version: ListVersion;
  unchanged: boolean;
  rescreenId: string | null;
}

export interface SarCase {
  id: string;
  reference: string;
  customerId: string;
  customerName: string | null;
  status: (typeof CASE_STATUSES)[number];
  typology: (typeof SAR_TYPOLOGIES)[number];
  summary: string;
  detectedAt: string;
  filingDueAt: string;
  overdue: boolean;
  daysLeft: number | null;
  filedAt: string | null;
  filingReference: string | null;
  closedReason: string | null;
  assignedTo: string | null;
  createdAt: string;
}

export interface Evidence {
  id: string;
  kind: 'transaction' | 'note' | 'attachment';
  data: Record<string, unknown>;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
}

export type SarCaseDetail = SarCase & { evidence: Evidence[] };

/** SHA-256 of a file in hex, computed in the browser (only the metadata is sent). */
export async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
