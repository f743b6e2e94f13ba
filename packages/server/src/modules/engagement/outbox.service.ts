// The outbox: messages are written in the transaction of whatever caused them (a staff action,
// a journey step, a segment batch), with consent, opt-outs, frequency caps and quiet hours
// decided right there, and dispatched later by a job that leases them, sends through the
// channel's driver and records the outcome. Retries back off exponentially; a lease that runs
// out (its dispatcher died) is taken over, and drivers are idempotent by message id.
import { randomBytes, randomUUID } from 'node:crypto';
import {
  checkTemplateText,
  defaultTimeZone,
  formatMoney,
  nextAllowedInstant,
  nextStatus,
  renderTemplate,
  retryDelayMs,
  type CallbackStatus,
  type MessageChannel,
  type MessagePurpose,
  type MessageStatus,
  type TemplateValues,
} from '@bursar/core';
import type { Executor } from '../../db/database.ts';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem, validationProblem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import {
  currentConsents,
  customerContacts,
  publishTimelineEvent,
  recordConsentWithin,
  type CustomerContact,
} from '../customers/index.ts';
import {
  buildDrivers,
  PermanentSendError,
  type DriverSet,
  type OutgoingMessage,
} from './channels.drivers.ts';
import { engagementSettings, type EngagementSettings } from './channels.settings.ts';
import * as repo from './engagement.repository.ts';
import { signToken, verifyToken } from './tokens.ts';

export interface EnqueueInput {
  customerId: string;
  /** A template code: its active version in the customer's language (else the other language). */
  template?: string | undefined;
  /** The template's language when staff pick one; by default the customer's preferred language. */
  language?: string | undefined;
  /** Ad-hoc text (the composer); placeholders allowed. */
  content?: { subject?: string | null | undefined; body: string } | undefined;
  /** A channel, or the customer's preferred one (default). */
  channel?: MessageChannel | 'preferred' | undefined;
  purpose: MessagePurpose;
  /** Goes out despite opt-outs and service-consent withdrawal, and says so. Defaults to true for regulated templates. */
  legallyRequired?: boolean | undefined;
  /** No two messages share one: enqueueing the same reminder twice writes it once. */
  dedupeKey?: string | undefined;
  values?: TemplateValues | undefined;
  source: { kind: string; id?: string | null | undefined };
  journeyId?: string | undefined;
  journeyRunId?: string | undefined;
  batchId?: string | undefined;
  createdBy?: string | null | undefined;
  /** Skip the customer-timeline entry (bulk batches publish one summary instead). */
  quiet?: boolean | undefined;
}

export interface EnqueueResult {
  id: string;
  status: MessageStatus;
  reason: string | null;
  channel: MessageChannel;
  duplicate: boolean;
  sendAfter: string;
}

const SHORT_CHANNELS: readonly MessageChannel[] = ['sms', 'wechat', 'app_push'];
const FALLBACK_ORDER: readonly MessageChannel[] = ['sms', 'email', 'wechat', 'app_push', 'portal'];

export const LEGAL_NOTICE: Record<string, string> = {
  en: 'This notice is required by law and is sent regardless of your communication preferences.',
  'zh-CN': '本通知为法律法规要求发送的通知，不受您的通讯偏好设置影响。',
};
const UNSUBSCRIBE_LINE: Record<string, string> = {
  en: 'Unsubscribe from marketing messages:',
  'zh-CN': '退订营销信息：',
};

/** The address a channel needs, or null when the customer has none. */
export function addressFor(contact: CustomerContact, channel: MessageChannel): string | null {
  switch (channel) {
    case 'email':
      return contact.email;
    case 'sms':
    case 'wechat':
      // WeChat service accounts reach a customer through the provider's binding of their phone.
      return contact.phone;
    case 'app_push':
    case 'portal':
      return contact.id;
    case 'post': {
      const a = contact.address;
      if (!a?.line1) return null;
      return [a.line1, a.line2, [a.postalCode, a.city, a.region].filter(Boolean).join(' '), a.country]
        .filter(Boolean)
        .join('\n');
    }
  }
}

function profileChannel(c: string | null | undefined): MessageChannel | null {
  if (!c) return null;
  if (c === 'phone') return 'sms';
  return (['email', 'sms', 'wechat', 'app_push', 'portal', 'post'] as string[]).includes(c)
    ? (c as MessageChannel)
    : null;
}

export interface Gate {
  allowed: boolean;
  reason: string | null;
  channel: MessageChannel;
  to: string | null;
}

/**
 * Which channel a message takes and whether it may go at all. Marketing needs recorded consent
 * and a channel the customer has not turned off; service messages respect opt-outs and a
 * withdrawn service consent unless the law requires them.
 */
export function gateMessage(
  contact: CustomerContact,
  prefs: Pick<repo.PreferencesRow, 'optOuts' | 'preferredChannel'> | undefined,
  consents: Record<string, boolean>,
  purpose: MessagePurpose,
  legallyRequired: boolean,
  requested: MessageChannel | 'preferred',
): Gate {
  const optOuts = new Set(prefs?.optOuts[purpose] ?? []);
  const firstChoice =
    requested === 'preferred'
      ? (profileChannel(prefs?.preferredChannel) ?? profileChannel(contact.preferredChannel) ?? 'sms')
      : requested;
  const candidates =
    requested === 'preferred'
      ? [firstChoice, ...FALLBACK_ORDER.filter((c) => c !== firstChoice)]
      : [firstChoice];
  const deny = (reason: string): Gate => ({ allowed: false, reason, channel: firstChoice, to: null });
  if (contact.status === 'merged' || contact.status === 'anonymised') return deny('customer-inactive');
  if (contact.status === 'closed' && !legallyRequired) return deny('customer-closed');
  if (purpose === 'marketing' && consents.marketing !== true) return deny('no-marketing-consent');
  if (purpose === 'service' && !legallyRequired && consents.service === false)
    return deny('service-consent-withdrawn');
  let sawOptOut = false;
  for (const ch of candidates) {
    if (!legallyRequired && optOuts.has(ch)) {
      sawOptOut = true;
      continue;
    }
    const to = addressFor(contact, ch);
    if (to) return { allowed: true, reason: null, channel: ch, to };
  }
  return deny(sawOptOut ? 'channel-opted-out' : 'no-address');
}

/** Template values from the customer, the lender and what the caller passes (loan, survey). */
export function contextValues(
  contact: CustomerContact,
  s: EngagementSettings,
  extra: TemplateValues | undefined,
  at: Date,
): TemplateValues {
  return {
    'customer.name': contact.preferredName ?? contact.legalName,
    'customer.legalName': contact.legalName,
    'customer.email': contact.email,
    'customer.language': contact.preferredLanguage,
    'school.name': contact.school?.name,
    'school.nameLocal': contact.school?.nameLocal ?? contact.school?.name,
    'enrolment.programme': contact.enrolment?.programmeName,
    'enrolment.expectedGraduationDate': contact.enrolment?.expectedGraduationDate,
    'lender.name': s.lenderName,
    'lender.phone': s.lenderPhone,
    'message.date': at.toISOString().slice(0, 10),
    ...extra,
  };
}

const CURRENCY_SYMBOLS: Record<string, string> = { CNY: '¥', USD: '$', EUR: '€', GBP: '£', HKD: 'HK$' };

/** Loan values of a servicing event's payload (due date, amount, bucket), for templates. */
export function loanValues(payload: Record<string, unknown>): TemplateValues {
  const currency = typeof payload.currency === 'string' ? payload.currency : undefined;
  const amount = payload.expectedPayment ?? payload.amountDue ?? payload.instalmentAmount;
  const unpaid =
    typeof payload.unpaidPrincipal === 'number' || typeof payload.unpaidInterest === 'number'
      ? Number(payload.unpaidPrincipal ?? 0) + Number(payload.unpaidInterest ?? 0)
      : undefined;
  const minor = typeof amount === 'number' || typeof amount === 'string' ? Number(amount) : unpaid;
  let formatted: string | undefined;
  if (minor !== undefined && Number.isFinite(minor) && currency) {
    const symbol = CURRENCY_SYMBOLS[currency] ?? `${currency} `;
    try {
      formatted = `${symbol}${formatMoney(BigInt(Math.round(minor)), currency)}`;
    } catch {
      formatted = `${minor} ${currency}`;
    }
  }
  const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
  return {
    'loan.number': str(payload.loanNumber),
    'loan.dueDate': str(payload.dueDate),
    'loan.amountDue': formatted,
    'loan.currency': currency,
    'loan.daysPastDue': str(payload.daysPastDue),
    'loan.bucket': str(payload.to ?? payload.bucket),
    'loan.graceEndDate': str(payload.graceUntil ?? payload.graceEndDate),
  };
}

export function unsubscribeUrl(deps: Deps, customerId: string): string {
  return `${engagementSettings(deps).publicBaseUrl}/api/v1/engagement/unsubscribe?token=${signToken(deps, 'unsubscribe', customerId)}`;
}

interface ResolvedTemplate {
  code: string | null;
  version: number | null;
  language: string;
  category: string;
  subject: string | null;
  body: string;
  shortBody: string | null;
}

/** The active version of a template in a language, else in the other language. */
export async function resolveTemplate(
  db: Executor,
  code: string,
  language: string,
): Promise<repo.TemplateRow> {
  const active = await repo.activeTemplates(db, code);
  const t =
    active.find((x) => x.language === language) ?? active.find((x) => x.language === 'zh-CN') ?? active[0];
  if (!t) throw Problem.conflict('template-not-active', `Template ${code} has no active version`, 'template');
  if (t.category === 'regulated' && !t.approvedAt)
    throw Problem.conflict('template-not-approved', `Template ${code} needs compliance approval`, 'template');
  return t;
}

async function resolveContent(
  tx: Executor,
  input: EnqueueInput,
  language: string,
): Promise<ResolvedTemplate> {
  if (input.template) {
    const t = await resolveTemplate(tx, input.template, language);
    return {
      code: t.code,
      version: t.version,
      language: t.language,
      category: t.category,
      subject: t.subject,
      body: t.body,
      shortBody: t.shortBody,
    };
  }
  if (!input.content) throw Problem.badRequest('template', 'give a template or content');
  const problems = [
    ...checkTemplateText(input.content.body).map((p) => ({ field: 'content.body', message: p.message })),
    ...checkTemplateText(input.content.subject ?? '').map((p) => ({
      field: 'content.subject',
      message: p.message,
    })),
  ];
  if (problems.length) throw validationProblem(problems);
  return {
    code: null,
    version: null,
    language,
    category: input.purpose,
    subject: input.content.subject ?? null,
    body: input.content.body,
    shortBody: null,
  };
}

/**
 * Write a message on the caller's transaction. Returns the existing message for a known
 * dedupe key. A message that may not go (no consent, opted out, over the cap, no address) is
 * written as `suppressed` with the reason, so the decision is on record.
 */
export async function enqueueMessage(
  tx: Executor,
  deps: Deps,
  input: EnqueueInput,
  at: Date = deps.now(),
): Promise<EnqueueResult> {
  const s = engagementSettings(deps);
  if (input.dedupeKey) {
    const existing = await repo.findMessageByDedupe(tx, input.dedupeKey);
    if (existing) return resultOf(existing, true);
  }
  const contact = (await customerContacts(deps, tx, [input.customerId])).get(input.customerId);
  if (!contact) throw Problem.notFound('Customer');
  const prefs = await repo.findPreferences(tx, input.customerId);
  const consents = (await currentConsents(tx, [input.customerId])).get(input.customerId) ?? {};
  const content = await resolveContent(tx, input, input.language ?? contact.preferredLanguage);
  const purpose: MessagePurpose = content.category === 'marketing' ? 'marketing' : input.purpose;
  const legallyRequired =
    purpose === 'service' && (input.legallyRequired ?? content.category === 'regulated');
  const gate = gateMessage(contact, prefs, consents, purpose, legallyRequired, input.channel ?? 'preferred');
  let status: MessageStatus = gate.allowed ? 'queued' : 'suppressed';
  let reason = gate.reason;
  if (gate.allowed && !legallyRequired) {
    const cap =
      purpose === 'marketing'
        ? { max: s.marketingCapPerWeek, hours: 7 * 24 }
        : { max: s.serviceCapPerDay, hours: 24 };
    const recent = await repo.countRecent(
      tx,
      input.customerId,
      purpose,
      new Date(at.getTime() - cap.hours * 3600_000),
    );
    if (recent >= cap.max) {
      status = 'suppressed';
      reason = 'frequency-cap';
    }
  }
  const lang = content.language;
  const unsub = purpose === 'marketing' ? unsubscribeUrl(deps, input.customerId) : null;
  const values = contextValues(
    contact,
    s,
    { ...input.values, ...(unsub ? { 'message.unsubscribeUrl': unsub } : {}) },
    at,
  );
  const source =
    SHORT_CHANNELS.includes(gate.channel) && content.shortBody ? content.shortBody : content.body;
  const body = renderTemplate(source, values);
  const subject = content.subject ? renderTemplate(content.subject, values).text : null;
  const footer: string[] = [];
  if (legallyRequired) footer.push(LEGAL_NOTICE[lang] ?? LEGAL_NOTICE.en!);
  if (
    unsub &&
    !source.includes('{{message.unsubscribeUrl}}') &&
    !source.includes('{{ message.unsubscribeUrl }}')
  )
    footer.push(`${UNSUBSCRIBE_LINE[lang] ?? UNSUBSCRIBE_LINE.en!} ${unsub}`);
  const text = footer.length ? `${body.text.trimEnd()}\n\n${footer.join('\n')}` : body.text;
  let sendAfter = at;
  if (status === 'queued' && s.quietChannels.includes(gate.channel)) {
    const tz = prefs?.timeZone ?? defaultTimeZone(contact.country);
    const q =
      prefs?.quietStartMinute != null && prefs.quietEndMinute != null
        ? { startMinute: prefs.quietStartMinute, endMinute: prefs.quietEndMinute }
        : s.quietHours;
    sendAfter = nextAllowedInstant(at, tz, q);
  }
  const id = randomUUID();
  const row = await repo.insertMessage(tx, {
    id,
    customerId: input.customerId,
    channel: gate.channel,
    purpose,
    legallyRequired,
    templateCode: content.code,
    templateVersion: content.version,
    language: lang,
    subject,
    body: text,
    recipientEnc: gate.to ? deps.cipher.encrypt(gate.to) : null,
    status,
    reason,
    dedupeKey: input.dedupeKey ?? null,
    sourceKind: input.source.kind,
    sourceId: input.source.id ?? null,
    journeyId: input.journeyId ?? null,
    journeyRunId: input.journeyRunId ?? null,
    batchId: input.batchId ?? null,
    nextAttemptAt: sendAfter,
    createdBy: input.createdBy ?? null,
    createdAt: at,
    updatedAt: at,
  });
  if (!row) {
    // Lost a race on the dedupe key: the other transaction's message stands.
    return resultOf((await repo.findMessageByDedupe(tx, input.dedupeKey!))!, true);
  }
  await repo.insertMessageEvents(tx, [
    {
      messageId: id,
      status,
      at,
      detail: {
        reason,
        missing: body.missing,
        ...(sendAfter > at ? { quietHoursUntil: sendAfter.toISOString() } : {}),
      },
    },
  ]);
  if (!input.quiet) {
    await publishTimelineEvent(
      tx,
      {
        customerId: input.customerId,
        kind: status === 'queued' ? 'engagement.message_queued' : 'engagement.message_suppressed',
        summary: `${gate.channel}: ${subject ?? content.code ?? text.slice(0, 80)}${reason ? ` (not sent: ${reason})` : ''}`,
        data: { messageId: id, template: content.code, purpose, legallyRequired },
        actorName: input.createdBy ?? null,
      },
      at,
    );
  }
  return resultOf(row, false);
}

function resultOf(m: repo.MessageRow, duplicate: boolean): EnqueueResult {
  return {
    id: m.id,
    status: m.status as MessageStatus,
    reason: m.reason,
    channel: m.channel as MessageChannel,
    duplicate,
    sendAfter: m.nextAttemptAt.toISOString(),
  };
}

// ---------------------------------------------------------------------------------------------
// Dispatch

const driverSets = new WeakMap<object, { settings: EngagementSettings; drivers: DriverSet }>();

export function driversFor(deps: Deps): DriverSet {
  const s = engagementSettings(deps);
  const cached = driverSets.get(deps);
  if (cached && cached.settings === s) return cached.drivers;
  if (cached) void cached.drivers.close();
  const drivers = buildDrivers(s, () => deps.now().toISOString().slice(0, 10));
  driverSets.set(deps, { settings: s, drivers });
  return drivers;
}

export async function closeDrivers(deps: Deps): Promise<void> {
  const cached = driverSets.get(deps);
  driverSets.delete(deps);
  await cached?.drivers.close();
}

export interface DispatchStats {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  suppressed: number;
  deferred: number;
}

export function newWorkerId(): string {
  return `dispatch-${process.pid}-${randomBytes(4).toString('hex')}`;
}

function outgoing(deps: Deps, m: repo.MessageRow, name: string): OutgoingMessage {
  const base = engagementSettings(deps).publicBaseUrl;
  const isEmail = m.channel === 'email';
  const token = isEmail ? signToken(deps, 'track', m.id) : '';
  return {
    id: m.id,
    customerId: m.customerId,
    channel: m.channel as MessageChannel,
    to: m.recipientEnc ? deps.cipher.decrypt(m.recipientEnc) : null,
    recipientName: name,
    subject: m.subject,
    body: m.body,
    language: m.language,
    purpose: m.purpose,
    legallyRequired: m.legallyRequired,
    unsubscribeUrl: m.purpose === 'marketing' ? unsubscribeUrl(deps, m.customerId) : null,
    openPixelUrl: isEmail ? `${base}/api/v1/engagement/t/${token}/open.gif` : null,
    trackLink: isEmail
      ? (url) =>
          `${base}/api/v1/engagement/t/${token}/click?u=${encodeURIComponent(url)}&s=${signToken(deps, 'click', `${m.id} ${url}`).split('.')[1]}`
      : null,
  };
}

/** Lease one batch of due messages, send them, record each outcome. */
export async function dispatchOnce(
  deps: Deps,
  opts: { worker?: string; limit?: number; drivers?: DriverSet } = {},
): Promise<DispatchStats> {
  const s = engagementSettings(deps);
  const worker = opts.worker ?? newWorkerId();
  const drivers = opts.drivers ?? driversFor(deps);
  const db = deps.database.db;
  const now = deps.now();
  const claimed = await repo.claimDue(
    db,
    worker,
    now,
    new Date(now.getTime() + s.leaseMs),
    opts.limit ?? s.batchSize,
  );
  const stats: DispatchStats = {
    claimed: claimed.length,
    sent: 0,
    retried: 0,
    failed: 0,
    suppressed: 0,
    deferred: 0,
  };
  if (claimed.length === 0) return stats;
  // Consent may have been withdrawn since the message was written (an unsubscribe link).
  const marketingIds = [
    ...new Set(claimed.filter((m) => m.purpose === 'marketing').map((m) => m.customerId)),
  ];
  const consents = await currentConsents(db, marketingIds);
  const prefs = await repo.preferencesFor(db, marketingIds);
  // Names for letters and email "To:"; the rest need only the stored address.
  const needNames = [
    ...new Set(claimed.filter((m) => m.channel === 'post' || m.channel === 'email').map((m) => m.customerId)),
  ];
  const contacts = needNames.length
    ? await customerContacts(deps, db, needNames)
    : new Map<string, CustomerContact>();
  // A retry of a real-time message must not land in the customer's quiet hours either.
  const retriedQuiet = claimed.filter(
    (m) => m.attempts > 1 && s.quietChannels.includes(m.channel as MessageChannel),
  );
  const deferred: repo.MessageRow[] = [];
  if (retriedQuiet.length) {
    const ids = [...new Set(retriedQuiet.map((m) => m.customerId))];
    const rc = await customerContacts(deps, db, ids);
    const rp = await repo.preferencesFor(db, ids);
    for (const m of retriedQuiet) {
      const p = rp.get(m.customerId);
      const tz = p?.timeZone ?? defaultTimeZone(rc.get(m.customerId)?.country);
      const q =
        p?.quietStartMinute != null && p.quietEndMinute != null
          ? { startMinute: p.quietStartMinute, endMinute: p.quietEndMinute }
          : s.quietHours;
      const next = nextAllowedInstant(now, tz, q);
      if (next > now) {
        deferred.push(m);
        await repo.releaseClaims(db, worker, [m.id], next);
      }
    }
    stats.deferred = deferred.length;
  }
  const todo = claimed.filter((m) => !deferred.includes(m));
  for (let i = 0; i < todo.length; i += s.concurrency) {
    const chunk = todo.slice(i, i + s.concurrency);
    const outcomes = await Promise.all(
      chunk.map(async (m): Promise<repo.Outcome> => {
        const base = { id: m.id, providerMessageId: null, error: null, reason: null, nextAttemptAt: null };
        if (m.purpose === 'marketing') {
          const granted = consents.get(m.customerId)?.marketing === true;
          const optedOut = (prefs.get(m.customerId)?.optOuts.marketing ?? []).includes(m.channel);
          if (!granted || optedOut) {
            stats.suppressed++;
            return {
              ...base,
              status: 'suppressed',
              reason: granted ? 'channel-opted-out' : 'consent-withdrawn',
              detail: { reason: granted ? 'channel-opted-out' : 'consent-withdrawn' },
            };
          }
        }
        const c = contacts.get(m.customerId);
        try {
          const r = await drivers
            .forChannel(m.channel as MessageChannel)
            .send(outgoing(deps, m, c ? (c.preferredName ?? c.legalName) : ''));
          stats.sent++;
          return {
            ...base,
            status: r.status,
            providerMessageId: r.providerMessageId,
            detail: { provider: r.providerMessageId, attempt: m.attempts },
          };
        } catch (e) {
          const error = (e as Error).message.slice(0, 500);
          if (e instanceof PermanentSendError || m.attempts >= s.backoff.maxAttempts) {
            stats.failed++;
            return {
              ...base,
              status: 'failed',
              error,
              reason: e instanceof PermanentSendError ? 'rejected' : 'retries-exhausted',
              detail: { error, attempt: m.attempts },
            };
          }
          stats.retried++;
          const next = new Date(
            now.getTime() + retryDelayMs(m.attempts, s.backoff, randomBytes(1)[0]! / 255),
          );
          return {
            ...base,
            status: 'queued',
            error,
            nextAttemptAt: next,
            detail: { error, attempt: m.attempts, retryAt: next.toISOString() },
          };
        }
      }),
    );
    await repo.recordOutcomes(db, worker, deps.now(), outcomes);
    const failedNow = outcomes.filter((o) => o.status === 'failed');
    if (failedNow.length) {
      await db.transaction(async (tx) => {
        for (const o of failedNow) {
          const m = chunk.find((x) => x.id === o.id)!;
          await publishTimelineEvent(
            tx,
            {
              customerId: m.customerId,
              kind: 'engagement.message_failed',
              summary: `${m.channel} message failed: ${o.error ?? o.reason}`,
              data: { messageId: m.id },
            },
            deps.now(),
          );
        }
      });
    }
  }
  return stats;
}

/** Dispatch until nothing is due (or the time budget is spent). */
export async function dispatchUntilIdle(
  deps: Deps,
  opts: { worker?: string; maxMs?: number; limit?: number } = {},
): Promise<DispatchStats> {
  const total: DispatchStats = { claimed: 0, sent: 0, retried: 0, failed: 0, suppressed: 0, deferred: 0 };
  const started = Date.now();
  const worker = opts.worker ?? newWorkerId();
  for (;;) {
    const r = await dispatchOnce(deps, { worker, ...(opts.limit ? { limit: opts.limit } : {}) });
    for (const k of Object.keys(total) as (keyof DispatchStats)[]) total[k] += r[k];
    if (r.claimed === 0 || r.claimed === r.deferred || Date.now() - started > (opts.maxMs ?? 50_000))
      return total;
  }
}

// ---------------------------------------------------------------------------------------------
// Delivery reports, tracking, replies

export interface DeliveryReport {
  messageId?: string | undefined;
  providerMessageId?: string | undefined;
  status: CallbackStatus;
  at?: string | undefined;
  detail?: string | undefined;
}

/** Apply a provider's (or tracking's) report: statuses never move backwards; history keeps every report. */
export async function recordDeliveryReport(
  deps: Deps,
  report: DeliveryReport,
): Promise<{ messageId: string; status: MessageStatus } | null> {
  return deps.database.db.transaction(async (tx) => {
    const found = report.messageId
      ? await repo.findMessage(tx, report.messageId)
      : report.providerMessageId
        ? await repo.findMessageByProviderId(tx, report.providerMessageId)
        : undefined;
    if (!found) return null;
    const m = (await repo.lockMessage(tx, found.id))!;
    const at = report.at ? new Date(report.at) : deps.now();
    const status = nextStatus(m.status as MessageStatus, report.status);
    const touched = ['delivered', 'opened', 'clicked'].includes(report.status);
    await repo.updateMessage(tx, m.id, {
      status,
      updatedAt: deps.now(),
      ...(touched && !m.deliveredAt ? { deliveredAt: at } : {}),
      ...((report.status === 'opened' || report.status === 'clicked') && !m.openedAt ? { openedAt: at } : {}),
      ...(report.status === 'clicked' && !m.clickedAt ? { clickedAt: at } : {}),
      ...(report.status === 'bounced' || report.status === 'failed'
        ? { lastError: report.detail ?? report.status, reason: report.status }
        : {}),
    });
    await repo.insertMessageEvents(tx, [
      {
        messageId: m.id,
        status: report.status,
        at,
        detail: report.detail ? { detail: report.detail } : null,
      },
    ]);
    if ((report.status === 'bounced' || report.status === 'failed') && status !== m.status) {
      await publishTimelineEvent(
        tx,
        {
          customerId: m.customerId,
          kind: 'engagement.message_failed',
          summary: `${m.channel} message ${report.status}${report.detail ? `: ${report.detail}` : ''}`,
          data: { messageId: m.id },
        },
        at,
      );
    }
    return { messageId: m.id, status };
  });
}

export async function recordOpen(deps: Deps, token: string): Promise<void> {
  const id = verifyToken(deps, 'track', token);
  if (id) await recordDeliveryReport(deps, { messageId: id, status: 'opened' });
}

/** A tracked link: count the click and return where to send the reader (only a URL we signed). */
export async function recordClick(deps: Deps, token: string, url: string, sig: string): Promise<string> {
  const id = verifyToken(deps, 'track', token);
  const expected = id ? signToken(deps, 'click', `${id} ${url}`).split('.')[1] : null;
  if (!id || !expected || expected !== sig || !/^https?:\/\//.test(url)) throw Problem.notFound('Link');
  await recordDeliveryReport(deps, { messageId: id, status: 'clicked' });
  return url;
}

// ---------------------------------------------------------------------------------------------
// Unsubscribe

/** The customer a valid unsubscribe token names, else null. */
export function unsubscribeTarget(deps: Deps, token: string): string | null {
  const id = verifyToken(deps, 'unsubscribe', token);
  return id && /^[0-9a-f-]{36}$/.test(id) ? id : null;
}

/** Withdraw marketing consent through the customers module (idempotent: withdrawing twice is harmless). */
export async function unsubscribe(deps: Deps, token: string, ip: string | null): Promise<boolean> {
  const customerId = unsubscribeTarget(deps, token);
  if (!customerId) return false;
  const ctx: ActorContext = {
    actorId: null,
    actorName: 'customer (unsubscribe link)',
    actorRole: null,
    requestId: null,
    ip,
  };
  await deps.database.db.transaction(async (tx) => {
    const at = deps.now();
    const consents = (await currentConsents(tx, [customerId])).get(customerId) ?? {};
    if (consents.marketing === false) return;
    await recordConsentWithin(
      tx,
      ctx,
      customerId,
      { purpose: 'marketing', granted: false, source: 'web', note: 'unsubscribe link in a message' },
      at,
    );
    // Marketing still waiting in the outbox is cancelled now rather than at dispatch.
    await repo.suppressQueuedMarketing(tx, customerId, at);
  });
  return true;
}

// ---------------------------------------------------------------------------------------------
// Staff actions on one message

export async function cancelMessage(deps: Deps, ctx: ActorContext, id: string): Promise<repo.MessageRow> {
  return deps.database.db.transaction(async (tx) => {
    const m = await repo.lockMessage(tx, id);
    if (!m) throw Problem.notFound('Message');
    if (m.status !== 'queued' || m.claimedBy)
      throw Problem.conflict(
        'not-cancellable',
        `The message is ${m.claimedBy ? 'being sent' : m.status}; only a queued message can be cancelled`,
        'status',
      );
    const at = deps.now();
    const after = await repo.updateMessage(tx, id, {
      status: 'cancelled',
      reason: 'cancelled by staff',
      updatedAt: at,
    });
    await repo.insertMessageEvents(tx, [
      { messageId: id, status: 'cancelled', at, detail: { by: ctx.actorName } },
    ]);
    await recordAudit(tx, ctx, at, {
      action: 'message.cancelled',
      entityType: 'customer',
      entityId: m.customerId,
      before: { messageId: id, status: m.status },
      after: { status: 'cancelled' },
    });
    return after;
  });
}

/** Put a failed or bounced message back in the queue (after fixing an address, say). */
export async function retryMessage(deps: Deps, ctx: ActorContext, id: string): Promise<repo.MessageRow> {
  return deps.database.db.transaction(async (tx) => {
    const m = await repo.lockMessage(tx, id);
    if (!m) throw Problem.notFound('Message');
    if (m.status !== 'failed')
      throw Problem.conflict(
        'not-retryable',
        `The message is ${m.status}; only a failed message can be retried`,
        'status',
      );
    const at = deps.now();
    const after = await repo.updateMessage(tx, id, {
      status: 'queued',
      attempts: 0,
      nextAttemptAt: at,
      lastError: null,
      reason: null,
      updatedAt: at,
    });
    await repo.insertMessageEvents(tx, [
      { messageId: id, status: 'queued', at, detail: { retryBy: ctx.actorName } },
    ]);
    await recordAudit(tx, ctx, at, {
      action: 'message.retried',
      entityType: 'customer',
      entityId: m.customerId,
      after: { messageId: id },
    });
    return after;
  });
}
