// Tickets: open (any channel), read, reply or note, change status with history, assign, merge
// duplicates, rate. Students reach only their own tickets and only public entries.
import { randomUUID } from 'node:crypto';
import {
  chooseAgent,
  slaClock,
  slaDeadline,
  regulatoryDueDate,
  ticketPriority,
  type DeskPriority,
  type SlaClock,
} from '@bursar/core';
import type { Executor } from '../../db/database.ts';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { customerContacts, publishTimelineEvent } from '../customers/index.ts';
import { enqueueMessage, handleDomainEvent } from '../engagement/index.ts';
import { deskSettings } from './desk.settings.ts';
import * as repo from './service-desk.repository.ts';
import type { TicketRow } from './service-desk.repository.ts';
import type { TICKET_CHANNELS, TICKET_STATUSES, TICKET_TYPES } from './service-desk.tables.ts';

export type TicketType = (typeof TICKET_TYPES)[number];
export type TicketChannel = (typeof TICKET_CHANNELS)[number];
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Who may see which tickets: students only their own customer's. */
export interface DeskAccess {
  ownCustomerOnly: boolean;
  customerId: string | null;
  userId: string | null;
  displayName: string | null;
}

/** Targets (business minutes) when no policy row exists: complaints and hardship are fast by default. */
export const DEFAULT_SLA: Record<DeskPriority, { firstResponse: number; resolution: number }> = {
  urgent: { firstResponse: 60, resolution: 8 * 60 },
  high: { firstResponse: 4 * 60, resolution: 3 * 9 * 60 },
  normal: { firstResponse: 9 * 60, resolution: 5 * 9 * 60 },
  low: { firstResponse: 2 * 9 * 60, resolution: 10 * 9 * 60 },
};

export interface OpenTicketInput {
  customerId: string;
  type: TicketType;
  subject: string;
  body: string;
  channel: TicketChannel;
  priority?: DeskPriority | undefined;
  loanId?: string | null | undefined;
  applicationId?: string | null | undefined;
  category?: string | null | undefined;
  source?: { kind: string; id?: string | null | undefined } | undefined;
  hardshipRequestId?: string | null | undefined;
  /** The loan's product code, when the caller knows it (assignment by product, trends). */
  product?: string | null | undefined;
  /** Who wrote the first message: the customer (portal, email) or staff logging a call. */
  authorKind?: 'customer' | 'agent' | undefined;
}

export async function slaTargets(db: Executor, type: string, priority: DeskPriority) {
  const p = await repo.findSlaPolicy(db, type, priority);
  return p
    ? { firstResponse: p.firstResponseMinutes, resolution: p.resolutionMinutes }
    : DEFAULT_SLA[priority];
}

async function autoAssign(
  tx: Executor,
  needs: { type: string; language: string; product: string | null },
  exclude: string | null,
) {
  const agents = await repo.allAgents(tx);
  const load = await repo.openCountsByAssignee(tx);
  const choice = chooseAgent(
    agents
      .filter((a) => a.userId !== exclude)
      .map((a) => ({
        id: a.userId,
        available: a.available,
        languages: a.languages,
        products: a.products,
        complaintHandling: a.complaintHandling,
        maxOpen: a.maxOpen,
        openCount: load.get(a.userId) ?? 0,
        lastAssignedMs: a.lastAssignedAt?.getTime() ?? null,
      })),
    needs,
  );
  const agent = agents.find((a) => a.userId === choice.agentId) ?? null;
  return { agent, reason: choice.reason };
}

async function history(
  tx: Executor,
  ctx: ActorContext,
  ticketId: string,
  from: TicketStatus | null,
  to: TicketStatus,
  at: Date,
  reason: string | null = null,
) {
  await repo.insertHistory(tx, {
    id: randomUUID(),
    ticketId,
    fromStatus: from,
    toStatus: to,
    reason,
    actorName: ctx.actorName,
    at,
  });
}

/**
 * Open a ticket on the caller's transaction: priority from the rules, SLA deadlines on the desk's
 * business calendar, the regulator's deadline for complaints, automatic assignment, the first
 * message, history, the customer's timeline and the audit trail. Journeys and surveys call this.
 */
export async function openTicket(
  tx: Executor,
  deps: Deps,
  ctx: ActorContext,
  input: OpenTicketInput,
  at: Date = deps.now(),
): Promise<{ id: string; reference: string }> {
  const t = await openTicketRow(tx, deps, ctx, input, at);
  return { id: t.id, reference: t.reference };
}

export async function openTicketRow(
  tx: Executor,
  deps: Deps,
  ctx: ActorContext,
  input: OpenTicketInput,
  at: Date,
): Promise<TicketRow> {
  const contact = (await customerContacts(deps, tx, [input.customerId])).get(input.customerId);
  if (!contact) throw Problem.badRequest('customerId', 'no such customer');
  const s = deskSettings(deps);
  const prio = ticketPriority({
    type: input.type,
    subject: input.subject,
    body: input.body,
    vulnerable: contact.classes.economicStatus === 'financial_need' || contact.tags.includes('vulnerable'),
    riskGrade: contact.classes.creditRecord === 'adverse' ? 'D' : null,
    requested: input.priority,
  });
  const targets = await slaTargets(tx, input.type, prio.priority);
  const product = input.product ?? null;
  const { agent, reason } = await autoAssign(
    tx,
    { type: input.type, language: contact.preferredLanguage, product },
    null,
  );
  const id = randomUUID();
  const row = await repo.insertTicket(tx, {
    id,
    customerId: input.customerId,
    type: input.type,
    channel: input.channel,
    category: input.category ?? null,
    subject: input.subject.slice(0, 300),
    status: 'new',
    priority: prio.priority,
    priorityReasons: prio.reasons,
    language: contact.preferredLanguage,
    loanId: input.loanId ?? null,
    applicationId: input.applicationId ?? null,
    hardshipRequestId: input.hardshipRequestId ?? null,
    sourceKind: input.source?.kind ?? null,
    sourceId: input.source?.id ?? null,
    product,
    schoolId: contact.school?.id ?? null,
    schoolName: contact.school?.name ?? null,
    assigneeId: agent?.userId ?? null,
    assigneeName: agent?.displayName ?? null,
    team: agent?.team ?? 'general',
    mergedIntoId: null,
    rootCauses: [],
    createdAt: at,
    updatedAt: at,
    firstResponseDueAt: new Date(slaDeadline(s.clock, at.getTime(), targets.firstResponse)),
    resolutionDueAt: new Date(slaDeadline(s.clock, at.getTime(), targets.resolution)),
    regulatoryDueDate:
      input.type === 'complaint' ? regulatoryDueDate(s.clock, at.getTime(), s.complaintDeadlineDays) : null,
    escalationLevel: 0,
    reopenCount: 0,
  });
  if (agent) await repo.touchAgent(tx, agent.userId, at);
  const authorKind =
    input.authorKind ?? (input.channel === 'portal' || input.channel === 'email' ? 'customer' : 'agent');
  await repo.insertEntry(tx, {
    id: randomUUID(),
    ticketId: id,
    visibility: 'public',
    authorKind,
    authorId: authorKind === 'agent' ? ctx.actorId : null,
    authorName: authorKind === 'agent' ? ctx.actorName : (contact.preferredName ?? contact.legalName),
    body: input.body,
    channel: input.channel,
    createdAt: at,
  });
  await history(
    tx,
    ctx,
    id,
    null,
    'new',
    at,
    agent ? `assigned to ${agent.displayName} (${reason})` : reason,
  );
  await publishTimelineEvent(
    tx,
    {
      customerId: input.customerId,
      kind: 'service_desk.ticket_opened',
      summary: `Ticket ${row.reference} (${input.type}, ${prio.priority}): ${row.subject}`,
      data: { ticketId: id, reference: row.reference },
      actorName: ctx.actorName,
    },
    at,
  );
  await recordAudit(tx, ctx, at, {
    action: 'ticket.opened',
    entityType: 'ticket',
    entityId: id,
    after: {
      reference: row.reference,
      customerId: input.customerId,
      type: input.type,
      channel: input.channel,
      priority: prio.priority,
      assigneeId: row.assigneeId,
    },
  });
  return row;
}

// ------------------------------------------------------------------------------------------
// Reading

export async function loadVisible(db: Executor, access: DeskAccess, id: string, lock = false) {
  const t = await repo.findTicket(db, id, lock);
  if (!t || (access.ownCustomerOnly && t.customerId !== access.customerId)) throw Problem.notFound('Ticket');
  return t;
}

export function ticketClocks(
  deps: Deps,
  t: TicketRow,
  now: Date,
): { firstResponse: SlaClock; resolution: SlaClock } {
  const clock = deskSettings(deps).clock;
  const start = t.createdAt.getTime();
  const nowMs = now.getTime();
  const done = t.resolvedAt ?? t.closedAt;
  return {
    firstResponse: slaClock(clock, {
      startMs: start,
      dueMs: t.firstResponseDueAt.getTime(),
      doneMs: t.firstResponseAt?.getTime() ?? (done ? done.getTime() : null),
      nowMs,
    }),
    resolution: slaClock(clock, {
      startMs: start,
      dueMs: t.resolutionDueAt.getTime(),
      doneMs: done?.getTime() ?? null,
      nowMs,
    }),
  };
}

export function ticketView(deps: Deps, t: TicketRow, now: Date, forStudent: boolean) {
  const base = {
    id: t.id,
    reference: t.reference,
    customerId: t.customerId,
    type: t.type,
    channel: t.channel,
    category: t.category,
    subject: t.subject,
    status: t.status,
    loanId: t.loanId,
    applicationId: t.applicationId,
    hardshipRequestId: t.hardshipRequestId,
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
    resolvedAt: t.resolvedAt?.toISOString() ?? null,
    closedAt: t.closedAt?.toISOString() ?? null,
    resolutionSummary: t.resolutionSummary,
    mergedIntoId: t.mergedIntoId,
    satisfaction: t.satisfaction,
    satisfactionComment: t.satisfactionComment,
    ratedAt: t.ratedAt?.toISOString() ?? null,
  };
  if (forStudent) return { ...base, staff: null };
  return {
    ...base,
    staff: {
      priority: t.priority,
      priorityReasons: t.priorityReasons,
      language: t.language,
      assigneeId: t.assigneeId,
      assigneeName: t.assigneeName,
      team: t.team,
      product: t.product,
      schoolName: t.schoolName,
      sourceKind: t.sourceKind,
      sourceId: t.sourceId,
      rootCauses: t.rootCauses,
      firstResponseDueAt: t.firstResponseDueAt.toISOString(),
      resolutionDueAt: t.resolutionDueAt.toISOString(),
      regulatoryDueDate: t.regulatoryDueDate,
      firstResponseAt: t.firstResponseAt?.toISOString() ?? null,
      escalationLevel: t.escalationLevel,
      reopenCount: t.reopenCount,
      sla: ticketClocks(deps, t, now),
    },
  };
}
export type TicketView = ReturnType<typeof ticketView>;

export async function listTickets(
  deps: Deps,
  access: DeskAccess,
  f: repo.TicketFilter & { mine?: boolean | undefined },
  page: { limit: number; offset: number },
) {
  const filter: repo.TicketFilter = access.ownCustomerOnly
    ? { ...f, customerId: access.customerId ?? '00000000-0000-0000-0000-000000000000', assigneeId: undefined }
    : { ...f, ...(f.mine && access.userId ? { assigneeId: access.userId } : {}) };
  const { items, total } = await repo.findTickets(deps.database.db, filter, page);
  const now = deps.now();
  return { items: items.map((t) => ticketView(deps, t, now, access.ownCustomerOnly)), total };
}

export async function getTicket(deps: Deps, access: DeskAccess, id: string) {
  const db = deps.database.db;
  const t = await loadVisible(db, access, id);
  const student = access.ownCustomerOnly;
  const [entries, hist, files] = await Promise.all([
    repo.entriesOf(db, id, student),
    repo.historyOf(db, id),
    repo.attachmentsOf(db, id),
  ]);
  return {
    ticket: ticketView(deps, t, deps.now(), student),
    entries: entries.map((e) => ({
      id: e.id,
      visibility: e.visibility,
      authorKind: e.authorKind,
      authorName: e.authorName,
      body: e.body,
      channel: e.channel,
      createdAt: e.createdAt.toISOString(),
    })),
    history: hist.map((h) => ({
      from: h.fromStatus,
      to: h.toStatus,
      reason: student ? null : h.reason,
      actorName: student ? null : h.actorName,
      at: h.at.toISOString(),
    })),
    attachments: files.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
  };
}

// ------------------------------------------------------------------------------------------
// Changing

const TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['open', 'waiting_on_customer', 'resolved', 'closed'],
  open: ['waiting_on_customer', 'resolved', 'closed'],
  waiting_on_customer: ['open', 'resolved', 'closed'],
  reopened: ['open', 'waiting_on_customer', 'resolved', 'closed'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
};

async function moveStatus(
  tx: Executor,
  deps: Deps,
  ctx: ActorContext,
  t: TicketRow,
  to: TicketStatus,
  at: Date,
  reason: string | null,
  extra: Partial<repo.NewTicketRow> = {},
): Promise<TicketRow> {
  if (t.status === to) return t;
  if (!TRANSITIONS[t.status].includes(to))
    throw Problem.conflict('ticket-status', `A ${t.status} ticket cannot become ${to}`, 'status');
  const patch: Partial<repo.NewTicketRow> = { status: to, updatedAt: at, ...extra };
  if (to === 'resolved') patch.resolvedAt = at;
  if (to === 'closed') patch.closedAt = at;
  if (to === 'reopened') {
    patch.reopenCount = t.reopenCount + 1;
    patch.resolvedAt = null;
    patch.closedAt = null;
    // A reopened ticket gets a fresh resolution clock at its priority.
    const targets = await slaTargets(tx, t.type, t.priority);
    patch.resolutionDueAt = new Date(slaDeadline(deskSettings(deps).clock, at.getTime(), targets.resolution));
    patch.escalationLevel = 0;
  }
  const after = await repo.updateTicket(tx, t.id, patch);
  await history(tx, ctx, t.id, t.status, to, at, reason);
  await recordAudit(tx, ctx, at, {
    action: `ticket.${to}`,
    entityType: 'ticket',
    entityId: t.id,
    before: { status: t.status },
    after: { status: to, ...(reason ? { reason } : {}) },
  });
  if (to === 'resolved') await onResolved(tx, deps, after, at);
  return after;
}

/** Tell the customer, ask for a rating, and hand the fact to engagement (surveys listen for it). */
async function onResolved(tx: Executor, deps: Deps, t: TicketRow, at: Date) {
  const zh = t.language === 'zh-CN';
  await enqueueMessage(
    tx,
    deps,
    {
      customerId: t.customerId,
      channel: 'portal',
      purpose: 'service',
      content: {
        subject: zh ? `您的服务请求 ${t.reference} 已解决` : `Your request ${t.reference} is resolved`,
        body: zh
          ? `我们已处理您的请求“${t.subject}”。请在“我的请求”中为本次服务打分（1–5 分）；如问题仍未解决，直接回复即可重新打开。`
          : `We have resolved your request “${t.subject}”. Please rate our service (1–5) under My requests; if it is not solved, just reply and it reopens.`,
      },
      dedupeKey: `desk-resolved:${t.id}:${t.reopenCount}`,
      source: { kind: 'ticket', id: t.id },
    },
    at,
  );
  await handleDomainEvent(
    tx,
    deps,
    {
      source: 'service-desk',
      id: `${t.id}:resolved:${t.reopenCount}`,
      type: 'ticket.resolved',
      customerId: t.customerId,
      loanId: t.loanId,
      payload: { ticketId: t.id, reference: t.reference, type: t.type, channel: t.channel },
    },
    at,
  );
}

export async function changeStatus(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  input: { status: TicketStatus; reason?: string | undefined; resolutionSummary?: string | undefined },
) {
  const at = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const t = await loadVisible(tx, STAFF, id, true);
    if (input.status === 'resolved' && !input.resolutionSummary && !t.resolutionSummary)
      throw Problem.badRequest('resolutionSummary', 'say how it was resolved');
    const after = await moveStatus(tx, deps, ctx, t, input.status, at, input.reason ?? null, {
      ...(input.resolutionSummary ? { resolutionSummary: input.resolutionSummary } : {}),
    });
    return ticketView(deps, after, at, false);
  });
}

const STAFF: DeskAccess = { ownCustomerOnly: false, customerId: null, userId: null, displayName: null };

export interface ReplyInput {
  body: string;
  visibility?: 'public' | 'internal' | undefined;
  /** Staff: the status after a public reply (default: waiting on the customer). */
  status?: 'open' | 'waiting_on_customer' | 'resolved' | undefined;
  resolutionSummary?: string | undefined;
}

/**
 * A reply or note. Staff public replies go to the customer through engagement (email for
 * email tickets, the portal otherwise) and stop the first-response clock; a customer's reply
 * reopens a resolved or closed ticket and puts a waiting one back in the queue.
 */
export async function addReply(
  deps: Deps,
  access: DeskAccess,
  ctx: ActorContext,
  id: string,
  input: ReplyInput,
) {
  const at = deps.now();
  return deps.database.db.transaction(async (tx) => {
    let t = await loadVisible(tx, access, id, true);
    if (t.mergedIntoId)
      throw Problem.conflict('ticket-merged', 'This ticket was merged; reply on the other one');
    const student = access.ownCustomerOnly;
    const visibility = student ? 'public' : (input.visibility ?? 'public');
    let messageId: string | null = null;
    if (!student && visibility === 'public') {
      const m = await enqueueMessage(
        tx,
        deps,
        {
          customerId: t.customerId,
          channel: t.channel === 'email' ? 'email' : 'portal',
          purpose: 'service',
          content: { subject: `[${t.reference}] ${t.subject}`, body: input.body },
          source: { kind: 'ticket', id: t.id },
          createdBy: ctx.actorName,
        },
        at,
      );
      messageId = m.id;
    }
    const entry = await repo.insertEntry(tx, {
      id: randomUUID(),
      ticketId: t.id,
      visibility,
      authorKind: student ? 'customer' : 'agent',
      authorId: access.userId,
      authorName: access.displayName,
      body: input.body,
      channel: student
        ? 'portal'
        : visibility === 'public'
          ? t.channel === 'email'
            ? 'email'
            : 'portal'
          : null,
      messageId,
      createdAt: at,
    });
    if (student) {
      if (t.status === 'resolved' || t.status === 'closed')
        t = await moveStatus(tx, deps, ctx, t, 'reopened', at, 'customer replied');
      else if (t.status === 'waiting_on_customer')
        t = await moveStatus(tx, deps, ctx, t, 'open', at, 'customer replied');
      else t = await repo.updateTicket(tx, t.id, { updatedAt: at });
    } else if (visibility === 'public') {
      const patch: Partial<repo.NewTicketRow> = { updatedAt: at };
      if (!t.firstResponseAt) patch.firstResponseAt = at;
      if (!t.assigneeId && access.userId) {
        patch.assigneeId = access.userId;
        patch.assigneeName = access.displayName;
      }
      t = await repo.updateTicket(tx, t.id, patch);
      const next = input.status ?? 'waiting_on_customer';
      if (next === 'resolved' && !input.resolutionSummary && !t.resolutionSummary)
        throw Problem.badRequest('resolutionSummary', 'say how it was resolved');
      // A follow-up on a finished ticket does not reopen it.
      if (t.status !== 'resolved' && t.status !== 'closed') {
        t = await moveStatus(tx, deps, ctx, t, next, at, 'agent replied', {
          ...(input.resolutionSummary ? { resolutionSummary: input.resolutionSummary } : {}),
        });
      }
    }
    await recordAudit(tx, ctx, at, {
      action: visibility === 'public' ? 'ticket.replied' : 'ticket.noted',
      entityType: 'ticket',
      entityId: t.id,
      after: { entryId: entry.id, visibility, author: entry.authorKind },
    });
    return ticketView(deps, t, at, student);
  });
}

export async function assignTicket(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  input: { assigneeId: string | null; auto?: boolean | undefined },
) {
  const at = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const t = await loadVisible(tx, STAFF, id, true);
    let assignee: { userId: string; displayName: string; team: string } | null = null;
    let reason = 'assigned by hand';
    if (input.auto) {
      const choice = await autoAssign(tx, { type: t.type, language: t.language, product: t.product }, null);
      assignee = choice.agent;
      reason = choice.reason;
    } else if (input.assigneeId) {
      assignee = (await repo.findAgent(tx, input.assigneeId)) ?? null;
      if (!assignee) throw Problem.badRequest('assigneeId', 'not a service-desk agent');
    }
    const after = await repo.updateTicket(tx, t.id, {
      assigneeId: assignee?.userId ?? null,
      assigneeName: assignee?.displayName ?? null,
      team: assignee?.team ?? t.team,
      updatedAt: at,
    });
    if (assignee) await repo.touchAgent(tx, assignee.userId, at);
    await recordAudit(tx, ctx, at, {
      action: 'ticket.assigned',
      entityType: 'ticket',
      entityId: t.id,
      before: { assigneeId: t.assigneeId },
      after: { assigneeId: after.assigneeId, reason },
    });
    return ticketView(deps, after, at, false);
  });
}

export interface TicketPatch {
  type?: TicketType | undefined;
  priority?: DeskPriority | undefined;
  category?: string | null | undefined;
  rootCauses?: string[] | undefined;
  loanId?: string | null | undefined;
}

/** Reclassify a ticket; a new type or priority recomputes its SLA deadlines from when it opened. */
export async function updateTicketDetails(deps: Deps, ctx: ActorContext, id: string, patch: TicketPatch) {
  const at = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const t = await loadVisible(tx, STAFF, id, true);
    const next: Partial<repo.NewTicketRow> = { updatedAt: at };
    if (patch.category !== undefined) next.category = patch.category;
    if (patch.rootCauses !== undefined)
      next.rootCauses = [...new Set(patch.rootCauses.map((c) => c.trim()).filter(Boolean))];
    if (patch.loanId !== undefined) next.loanId = patch.loanId;
    const type = patch.type ?? t.type;
    const priority = patch.priority ?? t.priority;
    if (type !== t.type || priority !== t.priority) {
      const s = deskSettings(deps);
      const targets = await slaTargets(tx, type, priority);
      Object.assign(next, {
        type,
        priority,
        priorityReasons: [...t.priorityReasons, `changed-by:${ctx.actorName ?? 'staff'}`],
        firstResponseDueAt: new Date(slaDeadline(s.clock, t.createdAt.getTime(), targets.firstResponse)),
        resolutionDueAt: new Date(slaDeadline(s.clock, t.createdAt.getTime(), targets.resolution)),
        regulatoryDueDate:
          type === 'complaint'
            ? (t.regulatoryDueDate ??
              regulatoryDueDate(s.clock, t.createdAt.getTime(), s.complaintDeadlineDays))
            : null,
      });
    }
    const after = await repo.updateTicket(tx, t.id, next);
    await recordAudit(tx, ctx, at, {
      action: 'ticket.updated',
      entityType: 'ticket',
      entityId: t.id,
      before: {
        type: t.type,
        priority: t.priority,
        category: t.category,
        rootCauses: t.rootCauses,
        loanId: t.loanId,
      },
      after: {
        type: after.type,
        priority: after.priority,
        category: after.category,
        rootCauses: after.rootCauses,
        loanId: after.loanId,
      },
    });
    return ticketView(deps, after, at, false);
  });
}

/** Fold a duplicate into the ticket that stays: its conversation and files move, it closes. */
export async function mergeTickets(deps: Deps, ctx: ActorContext, keepId: string, duplicateId: string) {
  if (keepId === duplicateId) throw Problem.badRequest('duplicateId', 'a ticket cannot merge into itself');
  const at = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const keep = await loadVisible(tx, STAFF, keepId, true);
    const dup = await loadVisible(tx, STAFF, duplicateId, true);
    if (dup.customerId !== keep.customerId)
      throw Problem.badRequest('duplicateId', 'only tickets of the same customer can be merged');
    if (dup.mergedIntoId)
      throw Problem.conflict('ticket-merged', 'That ticket is already merged', 'duplicateId');
    await repo.moveEntries(tx, dup.id, keep.id);
    await repo.insertEntry(tx, {
      id: randomUUID(),
      ticketId: keep.id,
      visibility: 'internal',
      authorKind: 'system',
      authorId: ctx.actorId,
      authorName: ctx.actorName,
      body: `Merged ${dup.reference} (“${dup.subject}”) into this ticket.`,
      channel: null,
      createdAt: at,
    });
    await repo.updateTicket(tx, dup.id, { mergedIntoId: keep.id, updatedAt: at });
    const closed = TRANSITIONS[dup.status].includes('closed')
      ? await moveStatus(tx, deps, ctx, dup, 'closed', at, `merged into ${keep.reference}`)
      : dup;
    const kept = await repo.updateTicket(tx, keep.id, {
      updatedAt: at,
      firstResponseAt: keep.firstResponseAt ?? closed.firstResponseAt,
    });
    await recordAudit(tx, ctx, at, {
      action: 'ticket.merged',
      entityType: 'ticket',
      entityId: keep.id,
      after: { merged: dup.id, reference: dup.reference },
    });
    return ticketView(deps, kept, at, false);
  });
}

/** The student's rating of a resolved ticket, once. */
export async function rateTicket(
  deps: Deps,
  access: DeskAccess,
  ctx: ActorContext,
  id: string,
  input: { score: number; comment?: string | undefined },
) {
  const at = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const t = await loadVisible(tx, access, id, true);
    if (t.status !== 'resolved' && t.status !== 'closed')
      throw Problem.conflict('ticket-not-resolved', 'Only a resolved request can be rated', 'score');
    if (t.ratedAt) throw Problem.conflict('ticket-rated', 'This request was already rated', 'score');
    const after = await repo.updateTicket(tx, t.id, {
      satisfaction: input.score,
      satisfactionComment: input.comment ?? null,
      ratedAt: at,
    });
    await recordAudit(tx, ctx, at, {
      action: 'ticket.rated',
      entityType: 'ticket',
      entityId: t.id,
      after: { score: input.score },
    });
    return ticketView(deps, after, at, access.ownCustomerOnly);
  });
}

export { autoAssign, moveStatus, history as recordStatusHistory, STAFF as STAFF_DESK_ACCESS };
