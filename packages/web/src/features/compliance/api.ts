// The compliance API as the web app uses it. Shapes mirror packages/server/src/modules/compliance
// (dashboard.ts / dashboard.service.ts, bureau.service.ts runView, disputes.service.ts disputeView).
export const COMPLIANCE_KEY = ['compliance'] as const;

export const BUREAUS = ['metro2', 'pboc'] as const;
export type Bureau = (typeof BUREAUS)[number];
export const RUN_STATUSES = ['validated', 'invalid', 'released'] as const;
export const DISPUTE_STATUSES = ['open', 'resolved'] as const;
export const DISPUTE_OUTCOMES = ['verified', 'corrected', 'deleted', 'frivolous'] as const;
export const DISPUTE_REASONS = ['balance', 'status', 'payment-history', 'identity', 'ownership', 'other'] as const;
export const DISPUTE_SOURCES = ['borrower', 'bureau'] as const;

export interface Bilingual {
  en: string;
  zh: string;
}
export interface DashboardFigure {
  key: string;
  label: Bilingual;
  value: number;
  tone: 'ok' | 'warn' | 'bad' | 'neutral';
  href?: string;
}
export interface AtRiskItem {
  id: string;
  kind: string;
  title: string;
  dueAt: string;
  overdue: boolean;
  href: string;
  section: string;
}
export interface DashboardSection {
  key: string;
  title: Bilingual;
  figures: DashboardFigure[];
  atRisk: Omit<AtRiskItem, 'section'>[];
  error?: string;
}
export interface ComplianceDashboard {
  generatedAt: string;
  sections: DashboardSection[];
  atRisk: AtRiskItem[];
}

export interface RunError {
  record: number;
  field: string;
  message: string;
}
export interface Run {
  id: string;
  bureau: Bureau;
  cycle: string;
  asOf: string;
  status: (typeof RUN_STATUSES)[number];
  fileName: string;
  sha256: string;
  accounts: number;
  corrections: number;
  disputed: number;
  errorCount: number;
  errors: RunError[];
  totals: Record<string, number>;
  generatedAt: string;
  releasedAt: string | null;
}
export interface RunDetail extends Run {
  furnished: {
    loanId: string;
    customerId: string;
    statusCode: string;
    historyCode: string;
    complianceCode: string | null;
    correction: string | null;
  }[];
}
export interface Preview {
  bureau: Bureau;
  cycle: string;
  asOf: string;
  accounts: number;
  corrections: number;
  disputed: number;
  valid: boolean;
  errors: RunError[];
  errorCount: number;
  sha256: string;
}

export interface Dispute {
  id: string;
  reference: string;
  loanId: string;
  loanNumber: string;
  customerId: string;
  source: (typeof DISPUTE_SOURCES)[number];
  bureau: string | null;
  bureauReference: string | null;
  reason: (typeof DISPUTE_REASONS)[number];
  description: string;
  status: (typeof DISPUTE_STATUSES)[number];
  receivedAt: string;
  dueAt: string;
  daysLeft: number;
  overdue: boolean;
  atRisk: boolean;
  outcome: (typeof DISPUTE_OUTCOMES)[number] | null;
  resolution: string | null;
  resolvedAt: string | null;
  furnished: boolean;
  noticeMessageId: string | null;
}
