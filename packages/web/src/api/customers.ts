// Shapes of the customers, schools, segments and import API as the web app uses them
// (the server's zod schemas are in packages/server/src/modules/customers/customers.schema.ts).
import type { ClassificationAxis } from '@bursar/core/customers-vocabulary';

export interface SchoolSummary {
  id: string;
  name: string;
  nameLocal: string | null;
  country: string;
}

export interface School extends SchoolSummary {
  region: string | null;
  city: string | null;
  type: string;
  highestLevel: string | null;
  programmeYears: number | null;
  externalCode: string | null;
  cohortDefaultRate: number | null;
  source: string;
}

export interface Programme {
  id: string;
  schoolId: string;
  name: string;
  level: string;
  lengthYears: number | null;
}

export type Classes = Record<ClassificationAxis, string | null>;

export interface CustomerSummary {
  id: string;
  externalRef: string | null;
  legalName: string;
  preferredName: string | null;
  dateOfBirth: string | null;
  nationalId: string | null;
  phone: string | null;
  email: string | null;
  status: string;
  school: SchoolSummary | null;
  classes: Classes;
  tags: string[];
  createdAt: string;
}

export interface AxisView {
  value: string | null;
  computed: { value: string | null; rule: string; explanation: string };
  override: { value: string; reason: string; by: string | null; at: string } | null;
}

export type ClassificationView = Record<ClassificationAxis, AxisView> & { computedAt: string };

export interface Address {
  line1?: string;
  line2?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

export interface RelatedParty {
  id: string;
  relationship: string;
  name: string;
  phone: string | null;
  nationalIdType: string | null;
  nationalId: string | null;
  email: string | null;
  occupation: string | null;
  annualIncomeMinor: number | null;
  currency: string | null;
}

export interface Enrolment {
  id: string;
  school: SchoolSummary;
  programmeId: string | null;
  programmeName: string | null;
  level: string;
  yearOfStudy: number | null;
  startDate: string;
  expectedGraduationDate: string;
  status: string;
  statusDate: string;
  isCurrent: boolean;
  latestGpa: number | null;
  statusHistory: { fromStatus: string | null; toStatus: string; effectiveDate: string; reason: string | null; changedBy: string | null }[];
  results: { term: string; gpa: number | null; gpaScale: number | null; averageScore: number | null; creditsEarned: number | null }[];
}

export interface Household {
  size: number | null;
  annualIncomeMinor: number | null;
  currency: string | null;
  dependants: number | null;
  needs: { code: string; evidenceRef: string | null; verifiedBy: string | null; verifiedAt: string | null }[];
  updatedAt: string;
}

export interface CreditRecord {
  bureauName: string | null;
  bureauScore: number | null;
  scoreDate: string | null;
  fileStatus: string | null;
  priorLoans: number;
  delinquencies: number;
  fraudFlags: string[];
  updatedAt: string;
}

export interface Consent {
  purpose: string;
  granted: boolean;
  source: string;
  recordedAt: string;
}

export interface Customer360 extends CustomerSummary {
  gender: string | null;
  nationalIdType: string | null;
  address: Address | null;
  preferredLanguage: string;
  preferredChannel: string;
  declaredLoanPurpose: string | null;
  mergedInto: string | null;
  closedAt: string | null;
  updatedAt: string;
  version: number;
  piiRevealed: boolean;
  classification: ClassificationView;
  relatedParties: RelatedParty[];
  enrolments: Enrolment[];
  household: Household | null;
  creditRecord: CreditRecord | null;
  consents: Consent[];
  openTasks: number;
  /** Filled by later modules (loans, tickets, surveys, messages) when they publish data. */
  loans?: unknown[];
  tickets?: unknown[];
  surveys?: unknown[];
  messages?: unknown[];
}

export interface Note {
  id: string;
  body: string;
  authorName: string | null;
  createdAt: string;
}

export interface Task {
  id: string;
  customerId: string;
  title: string;
  dueDate: string | null;
  assigneeId: string | null;
  status: string;
  createdBy: string | null;
  createdAt: string;
  completedAt: string | null;
}

export interface TimelineEvent {
  id: string;
  occurredAt: string;
  kind: string;
  summary: string;
  data: unknown;
  actorName: string | null;
}

export type DuplicateReason = 'national_id' | 'phone' | 'name_dob_school' | 'name_dob';

export interface DuplicateCandidate {
  customer: CustomerSummary;
  reasons: DuplicateReason[];
}

export interface MergePreview {
  survivor: CustomerSummary;
  merged: CustomerSummary;
  filledFromDuplicate: string[];
  moves: Record<string, number>;
  tagsAfter: string[];
}

export interface SegmentFieldInfo {
  name: string;
  type: 'text' | 'enum' | 'uuid' | 'number' | 'date' | 'boolean' | 'array';
  label: string;
  values: string[] | null;
  operators: string[];
}

export interface Segment {
  id: string;
  name: string;
  description: string | null;
  rule: unknown;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Snapshot {
  id: string;
  segmentId: string;
  takenAt: string;
  memberCount: number;
  takenBy: string | null;
}

export interface SegmentCount {
  count: number;
  tookMs: number;
}

export interface ImportRowError {
  row: number;
  field: string;
  reason: string;
}

export interface ImportJob {
  id: string;
  fileName: string | null;
  format: string;
  dryRun: boolean;
  status: 'running' | 'done' | 'failed';
  totalRows: number;
  processedRows: number;
  createdRows: number;
  skippedRows: number;
  failedRows: number;
  errors: ImportRowError[];
  warnings: ImportRowError[];
  startedBy: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export const CUSTOMERS_KEY = ['customers'] as const;
export const customerKey = (id: string) => ['customers', 'one', id] as const;

export function customerPath(id: string, rest = ''): string {
  return `/api/v1/customers/${encodeURIComponent(id)}${rest}`;
}

/** Minor units (integer) to a major-unit decimal string: 3600000 → "36000.00". */
export function minorToMajor(minor: number, digits = 2): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(minor)).toString().padStart(digits + 1, '0');
  return digits === 0 ? sign + abs : `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/** A major-unit decimal string to integer minor units, or null when it is not a plain amount. */
export function majorToMinor(major: string, digits = 2): number | null {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(major.trim().replace(/,/g, ''));
  if (!m) return null;
  const frac = m[2] ?? '';
  if (frac.length > digits) return null;
  return Number(m[1]) * 10 ** digits + Number(frac.padEnd(digits, '0') || '0');
}
