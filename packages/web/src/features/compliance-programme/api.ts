// The compliance-programme API as the web app uses it; shapes mirror the server's
// compliance/{training,review,fair-lending,disclosures}.service.ts views.
export const BASE = '/api/v1/compliance';
export const PROGRAMME_KEY = ['compliance-programme'] as const;

export interface CourseStatus {
  courseId: string;
  code: string;
  version: number;
  kind: 'course' | 'attestation';
  titleEn: string;
  titleZh: string;
  status: 'current' | 'due' | 'lapsed';
  completedAt: string | null;
  validUntil: string | null;
  dueBy: string | null;
}
export interface CourseToTake {
  id: string;
  code: string;
  version: number;
  kind: 'course' | 'attestation';
  titleEn: string;
  titleZh: string;
  contentEn: string;
  contentZh: string;
  passMark: number;
  quiz: { en: string; zh: string; options: { en: string; zh: string }[] }[];
  statement: string | null;
}
export interface Matrix {
  courses: { code: string; titleEn: string; titleZh: string; version: number }[];
  rows: {
    userId: string;
    username: string;
    displayName: string;
    roles: string[];
    cells: {
      code: string;
      status: CourseStatus['status'];
      validUntil: string | null;
      dueBy: string | null;
    }[];
  }[];
  completionPercent: number;
  lapsedStaff: string[];
}
export interface ReviewItem {
  id: string;
  subjectType: 'credit_decision' | 'restructuring' | 'write_off';
  entityType: string;
  entityId: string | null;
  action: string;
  originalActorName: string;
  occurredAt: string;
  status: 'pending' | 'reviewed';
  outcome: 'satisfactory' | 'finding' | null;
  reviewerName: string | null;
  checklist: { key: string; en: string; zh: string }[];
}
export interface Sample {
  id: string;
  periodFrom: string;
  periodTo: string;
  ratePercent: number;
  seed: string;
  strata: Record<string, { population: number; excludedOwn: number; sampled: number }>;
  createdBy: string | null;
  createdAt: string;
  reviewed: number;
  items: ReviewItem[];
}
export interface Finding {
  id: string;
  source: 'internal_review' | 'fair_lending';
  title: string;
  detail: string;
  severity: 'low' | 'medium' | 'high';
  ownerName: string;
  dueDate: string;
  status: 'open' | 'remediating' | 'closed';
  overdue: boolean;
  remediation: { at: string; by: string | null; status: string; note: string }[];
  closureEvidence: string | null;
}
export interface GroupResult {
  group: string;
  applications: number;
  approved: number;
  approvalRate: number;
  adverseImpactRatio: number | null;
  test: 'z' | 'fisher' | null;
  pValue: number | null;
  adverseImpact: boolean;
  insufficient: boolean;
}
export interface Run {
  id: string;
  periodFrom: string;
  periodTo: string;
  trigger: 'job' | 'manual';
  decisions: number;
  flagged: number;
  minGroupSize: number;
  thresholdPercent: number;
  createdAt: string;
  results: { attribute: string; referenceGroup: string | null; groups: GroupResult[]; flagged: boolean }[];
}
export interface Disclosure {
  id: string;
  stage: 'application' | 'approval' | 'signing' | 'privacy';
  applicationId: string | null;
  year: number | null;
  titleEn: string;
  titleZh: string;
  contentEn: string;
  contentZh: string;
  contentSha256: string;
  templateVersion: number;
  deliveredAt: string;
  acknowledgedAt: string | null;
  acknowledgedByName: string | null;
  acknowledgedChannel: 'portal' | 'branch' | null;
}

export const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
