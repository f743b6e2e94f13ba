// Desk set-up: agents (skills, capacity, availability), SLA policies, canned replies, and the
// customer context shown beside a ticket.
import { randomUUID } from 'node:crypto';
import type { DeskPriority } from '@bursar/core';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { customerContacts } from '../customers/index.ts';
import { listLoans, STAFF_ACCESS } from '../servicing/index.ts';
import * as repo from './service-desk.repository.ts';
import { STAFF_DESK_ACCESS, loadVisible, ticketView, type TicketType } from './tickets.service.ts';

export function agentView(a: repo.AgentRow, openCount: number) {
  return {
    userId: a.userId,
    displayName: a.displayName,
    team: a.team,
    available: a.available,
    languages: a.languages,
    products: a.products,
    complaintHandling: a.complaintHandling,
    maxOpen: a.maxOpen,
    openCount,
    supervisorId: a.supervisorId,
    lastAssignedAt: a.lastAssignedAt?.toISOString() ?? null,
  };
}

export async function listAgents(deps: Deps) {
  const db = deps.database.db;
  const [agents, load] = await Promise.all([repo.allAgents(db), repo.openCountsByAssignee(db)]);
  return agents.map((a) => agentView(a, load.get(a.userId) ?? 0));
}

export interface AgentInput {
  displayName: string;
  team?: string | undefined;
  available?: boolean | undefined;
  languages?: string[] | undefined;
  products?: string[] | undefined;
  complaintHandling?: boolean | undefined;
  maxOpen?: number | undefined;
  supervisorId?: string | null | undefined;
}

export async function saveAgent(deps: Deps, ctx: ActorContext, userId: string, input: AgentInput) {
  const at = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const before = await repo.findAgent(tx, userId);
    const a = await repo.upsertAgent(tx, {
      userId,
      displayName: input.displayName,
      team: input.team ?? before?.team ?? 'general',
      available: input.available ?? before?.available ?? true,
      languages: input.languages ?? before?.languages ?? [],
      products: input.products ?? before?.products ?? [],
      complaintHandling: input.complaintHandling ?? before?.complaintHandling ?? false,
      maxOpen: input.maxOpen ?? before?.maxOpen ?? 20,
      supervisorId: input.supervisorId !== undefined ? input.supervisorId : (before?.supervisorId ?? null),
      lastAssignedAt: before?.lastAssignedAt ?? null,
    });
    await recordAudit(tx, ctx, at, {
      action: 'desk.agent_saved',
      entityType: 'desk_agent',
      entityId: userId,
      before: before ? agentView(before, 0) : undefined,
      after: agentView(a, 0),
    });
    return agentView(a, 0);
  });
}

/** An agent going on or off duty (their own switch, or a supervisor's). */
export async function setAvailability(deps: Deps, ctx: ActorContext, userId: string, available: boolean) {
  const a = await repo.findAgent(deps.database.db, userId);
  if (!a) throw Problem.notFound('Agent');
  return saveAgent(deps, ctx, userId, { displayName: a.displayName, available });
}

export async function listSlaPolicies(deps: Deps) {
  return (await repo.slaPolicies(deps.database.db)).map((p) => ({
    type: p.type,
    priority: p.priority,
    firstResponseMinutes: p.firstResponseMinutes,
    resolutionMinutes: p.resolutionMinutes,
    updatedAt: p.updatedAt.toISOString(),
  }));
}

export async function saveSlaPolicy(
  deps: Deps,
  ctx: ActorContext,
  input: {
    type: TicketType;
    priority: DeskPriority;
    firstResponseMinutes: number;
    resolutionMinutes: number;
  },
) {
  if (input.resolutionMinutes < input.firstResponseMinutes)
    throw Problem.badRequest('resolutionMinutes', 'must not be shorter than the first-response target');
  const at = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const p = await repo.upsertSlaPolicy(tx, { id: randomUUID(), ...input, updatedAt: at });
    await recordAudit(tx, ctx, at, {
      action: 'desk.sla_policy_saved',
      entityType: 'desk_sla_policy',
      entityId: p.id,
      after: input,
    });
    return { ...input, updatedAt: at.toISOString() };
  });
}

export async function listCannedReplies(deps: Deps, language?: string) {
  return (await repo.cannedReplies(deps.database.db, language)).map((c) => ({
    id: c.id,
    code: c.code,
    language: c.language,
    title: c.title,
    body: c.body,
    category: c.category,
  }));
}

export async function saveCannedReply(
  deps: Deps,
  ctx: ActorContext,
  input: {
    code: string;
    language: 'en' | 'zh-CN';
    title: string;
    body: string;
    category?: string | null | undefined;
  },
) {
  const at = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const c = await repo.upsertCanned(tx, {
      id: randomUUID(),
      code: input.code,
      language: input.language,
      title: input.title,
      body: input.body,
      category: input.category ?? null,
      updatedAt: at,
    });
    await recordAudit(tx, ctx, at, {
      action: 'desk.canned_reply_saved',
      entityType: 'desk_canned_reply',
      entityId: c.id,
      after: { code: c.code, language: c.language },
    });
    return {
      id: c.id,
      code: c.code,
      language: c.language,
      title: c.title,
      body: c.body,
      category: c.category,
    };
  });
}

/** Beside the ticket: who the customer is, their loans and their other requests. */
export async function customerContext(deps: Deps, ticketId: string) {
  const db = deps.database.db;
  const t = await loadVisible(db, STAFF_DESK_ACCESS, ticketId);
  const contact = (await customerContacts(deps, db, [t.customerId])).get(t.customerId);
  const loans = await listLoans(deps, STAFF_ACCESS, { customerId: t.customerId }, { limit: 20, offset: 0 });
  const others = await repo.findTickets(db, { customerId: t.customerId }, { limit: 10, offset: 0 });
  const now = deps.now();
  return {
    customer: contact
      ? {
          id: contact.id,
          name: contact.preferredName ?? contact.legalName,
          legalName: contact.legalName,
          language: contact.preferredLanguage,
          preferredChannel: contact.preferredChannel,
          status: contact.status,
          tags: contact.tags,
          economicStatus: contact.classes.economicStatus,
          school: contact.school?.name ?? null,
          enrolment: contact.enrolment?.status ?? null,
        }
      : null,
    loans: loans.items.map((l) => ({
      id: l.id,
      loanNumber: l.loanNumber,
      productCode: l.productCode,
      state: l.state,
      currency: l.currency,
      principal: l.balances.principal,
      amountDue: l.balances.amountDue,
      daysPastDue: l.delinquency.daysPastDue,
    })),
    otherTickets: others.items
      .filter((o) => o.id !== t.id)
      .map((o) => {
        const v = ticketView(deps, o, now, false);
        return {
          id: v.id,
          reference: v.reference,
          subject: v.subject,
          status: v.status,
          type: v.type,
          createdAt: v.createdAt,
        };
      }),
  };
}
