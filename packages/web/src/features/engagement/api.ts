// The engagement API as the web pages use it. Shapes mirror
// packages/server/src/modules/engagement/engagement.schema.ts and docs/user-guide/engagement.md;
// the word lists mirror packages/core/src/engagement/vocabulary.ts.
import { api } from '../../api/client.ts';

export const MESSAGE_CHANNELS = ['email', 'sms', 'wechat', 'app_push', 'portal', 'post'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];
export const MESSAGE_STATUSES = [
  'queued',
  'sent',
  'delivered',
  'bounced',
  'failed',
  'opened',
  'clicked',
  'suppressed',
  'cancelled',
] as const;
export const MESSAGE_PURPOSES = ['service', 'marketing'] as const;
export type MessagePurpose = (typeof MESSAGE_PURPOSES)[number];
export const TEMPLATE_CATEGORIES = ['service', 'marketing', 'regulated'] as const;
export const TEMPLATE_LANGUAGES = ['en', 'zh-CN'] as const;
export const TEMPLATE_STATUSES = ['draft', 'pending_approval', 'active', 'retired'] as const;
export const TRIGGER_TYPES = [
  'application.submitted',
  'contract.signed',
  'loan.disbursed',
  'graduation.approaching',
  'grace.ending',
  'payment.due_soon',
  'payment.missed',
  'delinquency.bucket_changed',
  'survey.due',
  'customer.birthday',
  'growth.event.attended',
  'manual',
] as const;
export const STEP_KINDS = ['send', 'wait', 'branch', 'task', 'ticket', 'survey', 'goto', 'end'] as const;
export type StepKind = (typeof STEP_KINDS)[number];
/** Interactions staff log by hand (inbound replies arrive from providers). */
export const LOGGED_INTERACTION_KINDS = [
  'call',
  'meeting',
  'campus_event',
  'walk_in',
  'follow_up_visit',
  'collection_attempt',
] as const;
export const INTERACTION_KINDS = [...LOGGED_INTERACTION_KINDS, 'inbound_reply'] as const;
export const INTERACTION_OUTCOMES = [
  'reached',
  'no_answer',
  'left_message',
  'wrong_number',
  'promise_to_pay',
  'resolved',
  'follow_up_needed',
  'not_interested',
  'complaint',
  'other',
] as const;
export const INTERACTION_DIRECTIONS = ['inbound', 'outbound'] as const;
/** Why a message was held back or a channel is not allowed (outbox.service.ts gateMessage). */
export const SUPPRESSION_REASONS = [
  'no-marketing-consent',
  'service-consent-withdrawn',
  'channel-opted-out',
  'no-address',
  'frequency-cap',
  'customer-closed',
  'customer-inactive',
  'consent-withdrawn',
] as const;
export const RUN_STATES = ['active', 'completed', 'exited'] as const;
export const RATE_DIMENSIONS = ['template', 'journey', 'channel'] as const;

export interface Message {
  id: string;
  customerId: string;
  channel: string;
  purpose: string;
  legallyRequired: boolean;
  templateCode: string | null;
  templateVersion: number | null;
  language: string;
  subject: string | null;
  body: string;
  status: string;
  reason: string | null;
  sourceKind: string;
  sourceId: string | null;
  journeyId: string | null;
  batchId: string | null;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdBy: string | null;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
  openedAt: string | null;
  clickedAt: string | null;
  repliedAt: string | null;
  readAt: string | null;
}
export interface MessageDetail extends Message {
  history: { status: string; at: string; detail: unknown }[];
}
export interface Preview {
  customerId: string;
  language: string;
  subject: string | null;
  body: string;
  missing: string[];
  purpose: string;
  legallyRequired: boolean;
  channel: string;
  wouldSend: boolean;
  reason: string | null;
}
export interface BatchPreview {
  total: number;
  checked: number;
  wouldSend: number;
  heldBack: Record<string, number>;
}
export interface Batch {
  id: string;
  segmentId: string;
  templateCode: string;
  channel: string;
  purpose: string;
  status: string;
  processed: number;
  queued: number;
  suppressed: number;
  createdBy: string | null;
  createdAt: string;
  finishedAt: string | null;
}
export interface Template {
  id: string;
  code: string;
  language: string;
  version: number;
  category: string;
  purpose: string;
  name: string;
  subject: string | null;
  body: string;
  shortBody: string | null;
  variables: string[];
  status: string;
  createdBy: string | null;
  createdAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  activatedAt: string | null;
  retiredAt: string | null;
}
export interface Preferences {
  customerId: string;
  consents: { service: boolean | null; marketing: boolean | null };
  timeZone: string;
  timeZoneIsDefault: boolean;
  quietHours: { start: string; end: string };
  optOuts: { service: string[]; marketing: string[] };
  preferredChannel: string;
  matrix: { purpose: string; channel: string; allowed: boolean; reason: string | null }[];
  updatedAt: string | null;
}
export interface PreferencesPatch {
  timeZone?: string | null;
  quietHours?: { start: string; end: string } | null;
  optOuts?: { service?: string[]; marketing?: string[] };
  preferredChannel?: string | null;
  marketingConsent?: boolean;
}
export interface InboxItem {
  id: string;
  subject: string | null;
  body: string;
  purpose: string;
  legallyRequired: boolean;
  createdAt: string;
  readAt: string | null;
}
export interface Inbox {
  items: InboxItem[];
  unread: number;
}
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { fact: string; op: string; value?: unknown };
export interface Trigger {
  type: string;
  daysBefore?: number;
  condition?: Condition;
  dedupe?: 'event' | 'customer';
}
export interface Step {
  id: string;
  kind: StepKind;
  template?: string;
  channel?: string;
  purpose?: string;
  legallyRequired?: boolean;
  days?: number;
  hours?: number;
  condition?: Condition;
  then?: string;
  else?: string;
  title?: string;
  dueInDays?: number;
  queue?: string;
  subject?: string;
  wave?: string;
  to?: string;
}
export interface JourneyDefinition {
  triggers: Trigger[];
  steps: Step[];
}
export interface Journey {
  id: string;
  code: string;
  name: { en: string; 'zh-CN': string };
  description: string | null;
  definition: JourneyDefinition;
  enabled: boolean;
  holdoutPercent: number;
  builtIn: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
}
export interface JourneyMonitorRow {
  journeyId: string;
  code: string;
  enabled: boolean;
  active: number;
  completed: number;
  exited: number;
  treatment: number;
  holdout: number;
}
export interface Run {
  id: string;
  journeyId: string;
  customerId: string;
  triggerType: string;
  loanId: string | null;
  group: string;
  state: string;
  stepIndex: number;
  waitingOn: string | null;
  wakeAt: string | null;
  outcome: string | null;
  dueDate: string | null;
  history: { at: string; stepId: string; kind: string; note?: string }[];
  lastError: string | null;
  startedAt: string;
  completedAt: string | null;
}
export interface Rate {
  successes: number;
  trials: number;
  rate: number | null;
  low: number | null;
  high: number | null;
}
export interface Effect {
  journeyId: string;
  code: string;
  holdoutPercent: number;
  measuredThrough: string;
  metric: string;
  treatment: Rate;
  holdout: Rate;
  difference: number | null;
  low: number | null;
  high: number | null;
  confidence: number;
  significant: boolean;
  note: string | null;
}
export interface RateRow {
  key: string | null;
  total: number;
  suppressed: number;
  sent: number;
  delivered: number;
  bounced: number;
  failed: number;
  opened: number;
  clicked: number;
  replied: number;
  deliveryRate: number | null;
  openRate: number | null;
  clickRate: number | null;
  replyRate: number | null;
}
export interface Interaction {
  id: string;
  customerId: string;
  kind: string;
  direction: string;
  channel: string | null;
  occurredAt: string;
  durationMinutes: number | null;
  subject: string | null;
  notes: string | null;
  outcome: string | null;
  nextStep: string | null;
  nextStepDue: string | null;
  taskId: string | null;
  messageId: string | null;
  loanId: string | null;
  location: string | null;
  loggedBy: string | null;
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
  overdue: boolean;
}
export interface TeamMember {
  userId: string;
  displayName: string;
  roles: string[];
  open: number;
  overdue: number;
  tasks: Task[];
}
export interface Team {
  members: TeamMember[];
  unassigned: Task[];
}
export interface ChannelSettings {
  channels: { channel: string; driver: string; endpoint: string | null }[];
  smtpFrom: string;
  webhookSecretSet: boolean;
  publicBaseUrl: string;
  quietHours: { start: string; end: string; channels: string[] };
  frequencyCaps: { marketingPerWeek: number; servicePerDay: number };
  retry: { baseSeconds: number; maxSeconds: number; maxAttempts: number };
}

export const ENGAGEMENT_KEY = ['engagement'] as const;
export const BASE = '/api/v1/engagement';

export const fetchTemplates = (signal?: AbortSignal) =>
  api.get<{ items: Template[] }>(`${BASE}/templates`, { signal }).then((r) => r.items);
export const templatePath = (t: Pick<Template, 'code' | 'language' | 'version'>, action: string) =>
  `${BASE}/templates/${encodeURIComponent(t.code)}/${encodeURIComponent(t.language)}/${t.version}/${action}`;
export const fetchPreferences = (customerId: string | null, signal?: AbortSignal) =>
  api.get<Preferences>(
    customerId ? `${BASE}/customers/${encodeURIComponent(customerId)}/preferences` : `${BASE}/me/preferences`,
    { signal },
  );
export const savePreferences = (customerId: string | null, patch: PreferencesPatch) =>
  api.put<Preferences>(
    customerId ? `${BASE}/customers/${encodeURIComponent(customerId)}/preferences` : `${BASE}/me/preferences`,
    patch,
  );

/** The templates staff can pick when sending: one entry per code with an active version. */
export function activeTemplateCodes(
  templates: Template[],
): { code: string; name: string; category: string; languages: string[] }[] {
  const byCode = new Map<string, { code: string; name: string; category: string; languages: string[] }>();
  for (const t of templates) {
    if (t.status !== 'active') continue;
    const entry = byCode.get(t.code) ?? { code: t.code, name: t.name, category: t.category, languages: [] };
    if (!entry.languages.includes(t.language)) entry.languages.push(t.language);
    byCode.set(t.code, entry);
  }
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** A rate (0–1) as a percentage with one decimal, or a dash when there is nothing to measure. */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)} %`;
}

/** Today and 30 days back, as YYYY-MM-DD, for the measurement view's default range [from, to). */
export function defaultRange(now: Date): { from: string; to: string } {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return {
    from: day(new Date(now.getTime() - 30 * 86_400_000)),
    to: day(new Date(now.getTime() + 86_400_000)),
  };
}
