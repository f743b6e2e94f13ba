// Staff-facing message use cases (compose to one customer or a segment, list, history) and the
// student's side (inbox, preferences). Consent itself is the customers module's record.
import { randomUUID } from 'node:crypto';
import {
  isValidTimeZone,
  MESSAGE_CHANNELS,
  MESSAGE_PURPOSES,
  defaultTimeZone,
  type MessageChannel,
  type MessagePurpose,
  type MessageStatus,
  type TemplateValues,
} from '@bursar/core';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import {
  assertCustomerVisible,
  currentConsents,
  customerContacts,
  publishTimelineEvent,
  recordConsentWithin,
  segmentMemberIds,
} from '../customers/index.ts';
import type { Actor } from '../identity/index.ts';
import { engagementSettings } from './channels.settings.ts';
import * as repo from './engagement.repository.ts';
import { enqueueMessage, gateMessage, resolveTemplate } from './outbox.service.ts';

export function messageView(m: repo.MessageRow) {
  return {
    id: m.id,
    customerId: m.customerId,
    channel: m.channel,
    purpose: m.purpose,
    legallyRequired: m.legallyRequired,
    templateCode: m.templateCode,
    templateVersion: m.templateVersion,
    language: m.language,
    subject: m.subject,
    body: m.body,
    status: m.status as MessageStatus,
    reason: m.reason,
    sourceKind: m.sourceKind,
    sourceId: m.sourceId,
    journeyId: m.journeyId,
    batchId: m.batchId,
    attempts: m.attempts,
    nextAttemptAt: m.nextAttemptAt.toISOString(),
    lastError: m.lastError,
    createdBy: m.createdBy,
    createdAt: m.createdAt.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null,
    deliveredAt: m.deliveredAt?.toISOString() ?? null,
    openedAt: m.openedAt?.toISOString() ?? null,
    clickedAt: m.clickedAt?.toISOString() ?? null,
    repliedAt: m.repliedAt?.toISOString() ?? null,
    readAt: m.readAt?.toISOString() ?? null,
  };
}

export interface SendInput {
  customerId: string;
  template?: string | undefined;
  language?: string | undefined;
  content?: { subject?: string | null | undefined; body: string } | undefined;
  channel?: MessageChannel | 'preferred' | undefined;
  purpose: MessagePurpose;
  legallyRequired?: boolean | undefined;
  values?: TemplateValues | undefined;
  dedupeKey?: string | undefined;
}

/** A staff member writes to one customer: the message is queued (or suppressed, with the reason) and audited. */
export async function sendToCustomer(deps: Deps, ctx: ActorContext, actor: Actor, input: SendInput) {
  await assertCustomerVisible(deps.database.db, actor, input.customerId);
  return deps.database.db.transaction(async (tx) => {
    const at = deps.now();
    const r = await enqueueMessage(
      tx,
      deps,
      { ...input, source: { kind: 'staff', id: ctx.actorId }, createdBy: ctx.actorName },
      at,
    );
    await recordAudit(tx, ctx, at, {
      action: 'message.queued',
      entityType: 'customer',
      entityId: input.customerId,
      after: {
        messageId: r.id,
        status: r.status,
        reason: r.reason,
        channel: r.channel,
        template: input.template ?? null,
        purpose: input.purpose,
      },
    });
    const m = (await repo.findMessage(tx, r.id))!;
    return { ...messageView(m), duplicate: r.duplicate };
  });
}

export interface SegmentSendInput {
  segmentId: string;
  template: string;
  channel: MessageChannel | 'preferred';
  purpose: MessagePurpose;
}

/** How many customers a segment send would reach now, and how many would be held back and why (a sample). */
export async function segmentSendPreview(deps: Deps, input: SegmentSendInput) {
  const db = deps.database.db;
  let total = 0;
  let allowed = 0;
  const reasons: Record<string, number> = {};
  let after: string | null = null;
  for (;;) {
    const ids = await segmentMemberIds(deps, input.segmentId, after, 2000);
    if (ids.length === 0) break;
    after = ids.at(-1)!;
    total += ids.length;
    if (total > 20_000) continue; // count them all, check consent on the first 20,000
    const contacts = await customerContacts(deps, db, ids);
    const consents = await currentConsents(db, ids);
    const prefs = await repo.preferencesFor(db, ids);
    for (const id of ids) {
      const c = contacts.get(id);
      if (!c) continue;
      const g = gateMessage(c, prefs.get(id), consents.get(id) ?? {}, input.purpose, false, input.channel);
      if (g.allowed) allowed++;
      else reasons[g.reason!] = (reasons[g.reason!] ?? 0) + 1;
    }
  }
  return { total, checked: Math.min(total, 20_000), wouldSend: allowed, heldBack: reasons };
}

export function batchView(b: repo.BatchRow) {
  return {
    id: b.id,
    segmentId: b.segmentId,
    templateCode: b.templateCode,
    channel: b.channel,
    purpose: b.purpose,
    status: b.status,
    processed: b.processed,
    queued: b.queued,
    suppressed: b.suppressed,
    createdBy: b.createdBy,
    createdAt: b.createdAt.toISOString(),
    finishedAt: b.finishedAt?.toISOString() ?? null,
  };
}

/** Start a segment send: a batch row now, messages written page by page by the batch job. */
export async function startSegmentSend(deps: Deps, ctx: ActorContext, input: SegmentSendInput) {
  return deps.database.db.transaction(async (tx) => {
    const at = deps.now();
    // Check the template exists and is usable before accepting the batch.
    await resolveTemplate(tx, input.template, 'zh-CN');
    const b = await repo.insertBatch(tx, {
      id: randomUUID(),
      segmentId: input.segmentId,
      templateCode: input.template,
      channel: input.channel,
      purpose: input.purpose,
      status: 'running',
      createdBy: ctx.actorName,
      createdAt: at,
    });
    await recordAudit(tx, ctx, at, {
      action: 'message.batch_started',
      entityType: 'segment',
      entityId: input.segmentId,
      after: batchView(b),
    });
    return batchView(b);
  });
}

/** Write the next page of a batch's messages; resumable from its cursor, idempotent by dedupe key. Returns true when done. */
export async function advanceBatch(deps: Deps, batchId: string, pageSize = 500): Promise<boolean> {
  const b0 = await repo.findBatch(deps.database.db, batchId);
  if (!b0 || b0.status === 'done') return true;
  const ids = await segmentMemberIds(deps, b0.segmentId, b0.cursorCustomerId, pageSize);
  return deps.database.db.transaction(async (tx) => {
    const b = (await repo.findBatch(tx, batchId, true))!;
    if (b.status === 'done' || b.cursorCustomerId !== b0.cursorCustomerId) return b.status === 'done';
    const at = deps.now();
    if (ids.length === 0) {
      await repo.updateBatch(tx, batchId, { status: 'done', finishedAt: at });
      return true;
    }
    let queued = 0;
    let suppressed = 0;
    for (const customerId of ids) {
      const r = await enqueueMessage(
        tx,
        deps,
        {
          customerId,
          template: b.templateCode,
          channel: b.channel as MessageChannel | 'preferred',
          purpose: b.purpose as MessagePurpose,
          dedupeKey: `batch:${batchId}:${customerId}`,
          source: { kind: 'batch', id: batchId },
          batchId,
          createdBy: b.createdBy,
          quiet: true,
        },
        at,
      );
      if (r.duplicate) continue;
      if (r.status === 'queued') queued++;
      else suppressed++;
    }
    await repo.updateBatch(tx, batchId, {
      cursorCustomerId: ids.at(-1)!,
      processed: b.processed + ids.length,
      queued: b.queued + queued,
      suppressed: b.suppressed + suppressed,
    });
    return false;
  });
}

export async function runBatch(deps: Deps, batchId: string): Promise<void> {
  while (!(await advanceBatch(deps, batchId))) {
    // next page
  }
}

export async function listMessages(
  deps: Deps,
  actor: Actor,
  f: repo.MessageFilter,
  limit: number,
  offset: number,
) {
  if (f.customerId) await assertCustomerVisible(deps.database.db, actor, f.customerId);
  return (await repo.listMessages(deps.database.db, f, limit, offset)).map(messageView);
}

export async function getMessage(deps: Deps, id: string) {
  const m = await repo.findMessage(deps.database.db, id);
  if (!m) throw Problem.notFound('Message');
  const history = await repo.messageHistory(deps.database.db, id);
  return {
    ...messageView(m),
    history: history.map((h) => ({ status: h.status, at: h.at.toISOString(), detail: h.detail ?? null })),
  };
}

// ---------------------------------------------------------------------------------------------
// Student portal: inbox

export async function myInbox(deps: Deps, actor: Actor, limit: number, offset: number) {
  if (!actor.customerId) return { items: [], unread: 0 };
  const rows = await repo.inbox(deps.database.db, actor.customerId, limit, offset);
  return {
    items: rows.map((m) => ({
      id: m.id,
      subject: m.subject,
      body: m.body,
      purpose: m.purpose,
      legallyRequired: m.legallyRequired,
      createdAt: m.createdAt.toISOString(),
      readAt: m.readAt?.toISOString() ?? null,
    })),
    unread: rows.filter((m) => !m.readAt).length,
  };
}

/** A student opens an inbox message: it is read (status `opened`). Someone else's message is not found. */
export async function markInboxRead(deps: Deps, actor: Actor, id: string) {
  const m = await repo.findMessage(deps.database.db, id);
  if (!m || m.channel !== 'portal' || !actor.customerId || m.customerId !== actor.customerId)
    throw Problem.notFound('Message');
  if (!m.readAt) {
    await deps.database.db.transaction(async (tx) => {
      const at = deps.now();
      await repo.updateMessage(tx, id, {
        readAt: at,
        openedAt: m.openedAt ?? at,
        status: m.status === 'delivered' || m.status === 'sent' ? 'opened' : m.status,
        updatedAt: at,
      });
      await repo.insertMessageEvents(tx, [
        { messageId: id, status: 'opened', at, detail: { via: 'portal' } },
      ]);
    });
  }
  return { id, read: true };
}

// ---------------------------------------------------------------------------------------------
// Preferences

export interface PreferencesInput {
  timeZone?: string | null | undefined;
  quietHours?: { start: string; end: string } | null | undefined;
  optOuts?: Partial<Record<MessagePurpose, MessageChannel[]>> | undefined;
  preferredChannel?: MessageChannel | null | undefined;
  /** Give or withdraw marketing consent (recorded in the customers module). */
  marketingConsent?: boolean | undefined;
}

const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const minutes = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));

export async function getPreferences(deps: Deps, actor: Actor, customerId: string) {
  const db = deps.database.db;
  await assertCustomerVisible(db, actor, customerId);
  const contact = (await customerContacts(deps, db, [customerId])).get(customerId)!;
  const p = await repo.findPreferences(db, customerId);
  const consents = (await currentConsents(db, [customerId])).get(customerId) ?? {};
  const s = engagementSettings(deps);
  return {
    customerId,
    consents: { service: consents.service ?? null, marketing: consents.marketing ?? null },
    timeZone: p?.timeZone ?? defaultTimeZone(contact.country),
    timeZoneIsDefault: !p?.timeZone,
    quietHours:
      p?.quietStartMinute != null && p.quietEndMinute != null
        ? { start: hhmm(p.quietStartMinute), end: hhmm(p.quietEndMinute) }
        : { start: hhmm(s.quietHours.startMinute), end: hhmm(s.quietHours.endMinute) },
    optOuts: { service: p?.optOuts.service ?? [], marketing: p?.optOuts.marketing ?? [] },
    preferredChannel: p?.preferredChannel ?? contact.preferredChannel,
    // What would happen per channel and purpose right now.
    matrix: MESSAGE_PURPOSES.flatMap((purpose) =>
      MESSAGE_CHANNELS.map((channel) => {
        const g = gateMessage(contact, p, consents, purpose, false, channel);
        return { purpose, channel, allowed: g.allowed, reason: g.reason };
      }),
    ),
    updatedAt: p?.updatedAt.toISOString() ?? null,
  };
}

export async function setPreferences(
  deps: Deps,
  ctx: ActorContext,
  actor: Actor,
  customerId: string,
  input: PreferencesInput,
) {
  const db = deps.database.db;
  await assertCustomerVisible(db, actor, customerId);
  if (input.timeZone && !isValidTimeZone(input.timeZone))
    throw Problem.badRequest('timeZone', 'is not an IANA time zone');
  await db.transaction(async (tx) => {
    const at = deps.now();
    const before = await repo.findPreferences(tx, customerId);
    const optOuts = { ...(before?.optOuts ?? {}), ...(input.optOuts ?? {}) };
    const after = await repo.upsertPreferences(tx, {
      customerId,
      timeZone: input.timeZone !== undefined ? input.timeZone : (before?.timeZone ?? null),
      quietStartMinute:
        input.quietHours !== undefined
          ? input.quietHours
            ? minutes(input.quietHours.start)
            : null
          : (before?.quietStartMinute ?? null),
      quietEndMinute:
        input.quietHours !== undefined
          ? input.quietHours
            ? minutes(input.quietHours.end)
            : null
          : (before?.quietEndMinute ?? null),
      optOuts,
      preferredChannel:
        input.preferredChannel !== undefined ? input.preferredChannel : (before?.preferredChannel ?? null),
      updatedAt: at,
      updatedBy: ctx.actorName,
    });
    if (input.marketingConsent !== undefined) {
      const consents = (await currentConsents(tx, [customerId])).get(customerId) ?? {};
      if (consents.marketing !== input.marketingConsent) {
        await recordConsentWithin(
          tx,
          ctx,
          customerId,
          {
            purpose: 'marketing',
            granted: input.marketingConsent,
            source: actor.customerId === customerId ? 'web' : 'api',
            note: 'communication preferences',
          },
          at,
        );
        if (!input.marketingConsent) await repo.suppressQueuedMarketing(tx, customerId, at);
      }
    }
    const view = (p: typeof before) =>
      p
        ? {
            timeZone: p.timeZone,
            quietStartMinute: p.quietStartMinute,
            quietEndMinute: p.quietEndMinute,
            optOuts: p.optOuts,
            preferredChannel: p.preferredChannel,
          }
        : null;
    await publishTimelineEvent(
      tx,
      {
        customerId,
        kind: 'engagement.preferences_changed',
        summary: 'Communication preferences changed',
        data: view(after),
        actorName: ctx.actorName,
      },
      at,
    );
    await recordAudit(tx, ctx, at, {
      action: 'customer.preferences_changed',
      entityType: 'customer',
      entityId: customerId,
      before: view(before),
      after: view(after),
    });
  });
  return getPreferences(deps, actor, customerId);
}
