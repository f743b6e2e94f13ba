// The compliance dashboard gathers one section per compliance routine (credit reporting and
// disputes, complaints, screening, training, retention, regulator reporting, internal review).
// Each routine contributes a section builder below, so the dashboard never reaches into another
// routine's tables and a new routine joins by adding one entry.
import type { Deps } from '../../deps.ts';
import { creditReportingSection } from './bureau.dashboard.ts';
import { complaintsSection, disputesSection } from './disputes.dashboard.ts';
import { kycAmlDashboardSection } from './kyc.dashboard.ts';
import { dataProtectionDashboardSection, regulatorReportingDashboardSection } from './retention.dashboard.ts';
import {
  disclosuresSection,
  fairLendingSection,
  reviewSection,
  trainingSection,
} from './programme.dashboard.ts';

/** A label in both of the product's languages (the web app picks by the user's language). */
export interface Bilingual {
  en: string;
  zh: string;
}

export interface DashboardFigure {
  key: string;
  label: Bilingual;
  value: number;
  /** 'bad' when the figure needs attention now (a breached deadline, an unreviewed hit). */
  tone: 'ok' | 'warn' | 'bad' | 'neutral';
  /** Web route of the list behind the figure. */
  href?: string;
}

/** One item that is late or about to be: the dashboard's at-risk list. */
export interface AtRiskItem {
  id: string;
  kind: string;
  title: string;
  /** ISO date-time of the deadline. */
  dueAt: string;
  overdue: boolean;
  href: string;
}

export interface DashboardSection {
  key: string;
  title: Bilingual;
  figures: DashboardFigure[];
  atRisk: AtRiskItem[];
}

export type DashboardSectionBuilder = (deps: Deps, now: Date) => Promise<DashboardSection>;

/** Registered section builders, in the order the dashboard shows them. */
export const COMPLIANCE_DASHBOARD_SECTIONS: DashboardSectionBuilder[] = [
  creditReportingSection,
  disputesSection,
  complaintsSection,
  kycAmlDashboardSection,
  dataProtectionDashboardSection,
  regulatorReportingDashboardSection,
  (deps) => trainingSection(deps),
  reviewSection,
  fairLendingSection,
  (deps) => disclosuresSection(deps),
];
