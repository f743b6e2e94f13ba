// The campaigns API as the web app uses it. Shapes mirror
// packages/server/src/modules/growth/campaigns.schema.ts.
export const BASE = '/api/v1/growth';
export const CAMPAIGNS_KEY = ['campaigns'] as const;

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'running', 'completed', 'cancelled'] as const;
export const CAMPAIGN_CHANNELS = ['email', 'sms', 'portal'] as const;
export const COST_LINES = ['media', 'print', 'messaging', 'events', 'staff', 'agency', 'other'] as const;
export const NBO_CODES = [
  'collections-hold',
  'income-driven-plan',
  'next-year-tranche',
  'graduate-loan',
  'entrepreneurship-loan',
  'financial-literacy',
] as const;

export interface Campaign {
  id: string;
  code: string;
  name: string;
  objective: string | null;
  segmentId: string | null;
  status: (typeof CAMPAIGN_STATUSES)[number];
  channels: string[];
  startsOn: string;
  endsOn: string;
  sendAt: string | null;
  currency: string;
  budgetMinor: string;
  spendMinor: string;
  marginBps: number;
  lookbackDays: number;
  holdoutPercent: number;
  progress: { processed: number; queued: number; suppressed: number; heldOut: number };
  variants: { key: string; name: string; weight: number; templates: Record<string, string> }[];
  costs: {
    id: string;
    costLine: string;
    description: string | null;
    amountMinor: string;
    incurredOn: string;
    createdBy: string | null;
  }[];
  trackingCodes: { code: string; variantKey: string | null; channel: string | null; landingPath: string }[];
  createdAt: string;
  launchedAt: string | null;
  sentAt: string | null;
}

export interface AttributionRow {
  campaignId: string;
  code: string;
  name: string;
  currency: string;
  applications: number;
  funded: number;
  disbursedMinor: string;
  spendMinor: string;
  cpaMinor: string | null;
  revenueMinor: string;
  returnBps: number | null;
}
export interface Attribution {
  from: string;
  to: string;
  lookbackDays: number;
  applications: number;
  unattributed: number;
  revenueProxy: string;
  first: AttributionRow[];
  last: AttributionRow[];
}

export interface ZTest {
  difference: number;
  relativeLift: number | null;
  z: number;
  pValue: number;
  ci95: { low: number; high: number };
  adequateSample: boolean;
}
export interface Experiment {
  campaignId: string;
  holdoutPercent: number;
  lookbackDays: number;
  arms: {
    arm: string;
    n: number;
    applied: number;
    responded: number;
    appliedRate: number | null;
    respondedRate: number | null;
    vsHoldout: { applied: ZTest | null; responded: ZTest | null } | null;
  }[];
  messages: { channel: string; status: string; n: number; clicked: number }[];
}

export interface NextBestOffer {
  customerId: string;
  code: (typeof NBO_CODES)[number] | null;
  actionKind: string | null;
  href: string | null;
  reason: { en: string; 'zh-CN': string } | null;
  eligible: string[];
  tag: string | null;
  businessDate: string;
  computedAt: string;
}

/** Minor units (a decimal string of an integer) as a major-unit decimal string, two places. */
export function minorToMajor(minor: string, digits = 2): string {
  const v = BigInt(minor);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const f = 10n ** BigInt(digits);
  const frac = (abs % f).toString().padStart(digits, '0');
  return `${neg ? '-' : ''}${abs / f}${digits ? `.${frac}` : ''}`;
}

/** Major-unit text ("1200.50") as minor units, or null when it is not an amount. */
export function majorToMinor(text: string, digits = 2): string | null {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return (BigInt(m[1]!) * 10n ** BigInt(digits) + BigInt((m[2] ?? '').padEnd(digits, '0') || '0')).toString();
}

export const pct = (v: number | null, digits = 1) => (v === null ? '—' : `${(v * 100).toFixed(digits)} %`);
export const bps = (v: number | null) => (v === null ? '—' : `${(v / 100).toFixed(2)} %`);
