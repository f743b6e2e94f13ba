// The growth acquisition API as the web app uses it. Shapes mirror
// packages/server/src/modules/growth/prospects.schema.ts.
export const BASE = '/api/v1/growth';
export const PROSPECTS_KEY = ['growth', 'prospects'] as const;
export const EVENTS_KEY = ['growth', 'events'] as const;

export const PROSPECT_STAGES = ['new', 'contacted', 'qualified', 'applied', 'funded', 'lost'] as const;
export type ProspectStage = (typeof PROSPECT_STAGES)[number];
export const PROSPECT_SOURCES = [
  'campus_event',
  'website',
  'social',
  'app_referral',
  'partner_school',
  'csv',
  'referral',
  'walk_in',
] as const;
export const LOST_REASONS = [
  'not_interested',
  'no_need',
  'chose_competitor',
  'not_eligible',
  'unreachable',
  'application_declined',
  'application_withdrawn',
  'other',
] as const;
export const CONTACT_CHANNELS = ['call', 'sms', 'email', 'wechat', 'meeting', 'visit'] as const;
export const EVENT_STATUSES = ['planned', 'open', 'held', 'cancelled'] as const;
export const REWARD_STATUSES = ['pending', 'earned', 'paid', 'void'] as const;
export const FACTOR_CODES = [
  'study_level',
  'school',
  'need',
  'expected_limit',
  'contacts',
  'events',
  'link_clicks',
] as const;
export const ACTIVITY_KINDS = [
  'created',
  'recaptured',
  'matched_customer',
  'link_clicked',
  'event_attended',
  'contacted',
  'stage_changed',
  'assigned',
  'converted',
] as const;
export const LEVELS = ['vocational', 'associate', 'undergraduate', 'master', 'doctoral'] as const;

/** Stage moves staff may make by hand (mirrors the server's STAGE_TRANSITIONS). */
export const STAGE_MOVES: Record<ProspectStage, readonly ProspectStage[]> = {
  new: ['contacted', 'qualified', 'lost'],
  contacted: ['qualified', 'lost'],
  qualified: ['contacted', 'lost'],
  applied: ['lost'],
  funded: [],
  lost: ['new'],
};

export interface ScoreFactor {
  code: (typeof FACTOR_CODES)[number];
  group: 'fit' | 'engagement';
  points: number;
  max: number;
  value: string | number | boolean | null;
}

export interface Prospect {
  id: string;
  reference: string;
  legalName: string;
  email: string | null;
  phone: string | null;
  nationalId: string | null;
  schoolId: string | null;
  schoolName: string | null;
  educationLevel: string | null;
  financialNeed: boolean;
  requestedAmount: number | null;
  currency: string;
  source: (typeof PROSPECT_SOURCES)[number];
  trackingCode: string | null;
  eventId: string | null;
  stage: ProspectStage;
  lostReason: string | null;
  stageChangedAt: string;
  assignedTo: string | null;
  assignedName: string | null;
  customerId: string | null;
  applicationId: string | null;
  consentContact: boolean;
  score: number;
  scoreFactors: ScoreFactor[];
  createdAt: string;
}

export interface Activity {
  id: string;
  kind: string;
  fromStage: string | null;
  toStage: string | null;
  note: string | null;
  data: Record<string, unknown>;
  actorName: string | null;
  at: string;
}

export interface ProspectDetail extends Prospect {
  activity: Activity[];
}

export interface ProspectPage {
  items: Prospect[];
  total: number;
  stageCounts: Record<string, number>;
}

export interface ImportResult {
  rows: number;
  created: number;
  unchanged: number;
  duplicates: number;
  errors: { line: number; field: string; message: string }[];
  dryRun: boolean;
}

export interface CampusEvent {
  id: string;
  name: string;
  schoolId: string;
  schoolName: string | null;
  eventDate: string;
  venue: string;
  staff: string[];
  budgetMinor: number;
  actualCostMinor: number | null;
  currency: string;
  status: (typeof EVENT_STATUSES)[number];
  trackingCode: string | null;
  notes: string | null;
  attendancePath: string;
  results: {
    attendees: number;
    newProspects: number;
    applications: number;
    funded: number;
    costPerAttendeeMinor: number | null;
  };
}

export interface PublicEvent {
  name: string;
  schoolName: string | null;
  eventDate: string;
  venue: string;
  open: boolean;
}

export interface MyReferrals {
  code: string;
  path: string;
  rules: { rewardMinor: number; currency: string; annualCap: number };
  referrals: {
    id: string;
    name: string;
    status: string;
    stage: string;
    createdAt: string;
    reward: {
      status: (typeof REWARD_STATUSES)[number];
      amountMinor: number;
      currency: string;
      voidReason: string | null;
    } | null;
  }[];
}

/** Minor units as a major-unit string with two decimals (integer arithmetic, no float rounding). */
export function money(minor: number, currency: string): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const major = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${major}.${String(abs % 100).padStart(2, '0')} ${currency}`;
}

/** A full URL for a path of this app (QR codes and links to share). */
export function absoluteUrl(path: string): string {
  return `${window.location.origin}${path}`;
}
