// Response and request shapes of the API, as the web app uses them.
import type { Permission, Role } from '@bursar/core/permissions';

export type Locale = 'en' | 'zh-CN';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  roles: Role[];
  permissions: Permission[];
  locale: Locale;
  totpEnabled: boolean;
  totpRequired: boolean;
  /** an admin requires a second factor that is not set up yet: only the account page works */
  mustEnrolTotp?: boolean;
}

export interface SessionResponse {
  user: Me;
  csrfToken: string;
}

export type UserStatus = 'active' | 'disabled';

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  roles: Role[];
  status: UserStatus;
  locale: Locale;
  totpEnabled: boolean;
  totpRequired: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface AuditEvent {
  seq: string | number;
  chainPos: string | number | null;
  occurredAt: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
  sealed: boolean;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  pending: number;
  firstBad?: { chainPos: string | number; seq: string | number; reason: string };
}

export type Frequency = 'monthly' | 'quarterly' | 'semi-annual' | 'annual';
export type Method = 'annuity' | 'equal-principal' | 'interest-only';
export type DayCount = '30/360' | 'ACT/365' | 'ACT/365.25' | 'ACT/360' | 'ACT/ACT';
export type Rounding = 'half-up' | 'half-even';

export interface ScheduleRequest {
  principal: string;
  currency: string;
  annualRate: string;
  startDate: string;
  firstDueDate?: string;
  installments: number;
  frequency: Frequency;
  method: Method;
  dayCount: DayCount;
  rounding: Rounding;
}

export interface ScheduleInstallment {
  n: number;
  dueDate: string;
  principal: string;
  interest: string;
  payment: string;
  balance: string;
}

export interface ScheduleResponse {
  payment: string;
  installments: ScheduleInstallment[];
  totalInterest: string;
  totalPaid: string;
}

export const INCOME_DRIVEN_PLANS = ['IBR', 'IBR-new', 'PAYE', 'ICR', 'RAP', 'UK-PLAN-2', 'UK-PLAN-5'] as const;
export type IncomeDrivenPlan = (typeof INCOME_DRIVEN_PLANS)[number];
export type Region = '48' | 'AK' | 'HI';
export type FilingStatus = 'single' | 'married-joint' | 'married-separate';

export interface IncomeDrivenRequest {
  plan: IncomeDrivenPlan;
  annualIncome: string;
  familySize: number;
  year: number;
  region?: Region;
  filingStatus?: FilingStatus;
  spouseIncome?: string;
  balance: string;
  annualRate?: string;
  currency: string;
}

export interface ProjectionMonth {
  month: number;
  date: string;
  payment: string;
  interest: string;
  subsidy: string;
  balance: string;
}

export interface IncomeDrivenResponse {
  monthlyPayment: string;
  annualPayment: string;
  cappedAtStandard: boolean;
  standardPayment: string | null;
  countedIncome: string;
  povertyGuideline: string | null;
  annualRate: string;
  projection: {
    months: ProjectionMonth[];
    totalPaid: string;
    totalInterest: string;
    forgiven: string;
    forgivenessDate: string | null;
    payoffDate: string | null;
  };
}
