// What the desk learns and reports: the regulator-ready complaint register, complaint trends by
// cause/product/school/channel, improvement actions with their cause's volume before and after,
// agent and team performance over time, and the supervisor's board of SLA heat.
import { randomUUID } from 'node:crypto';
import {
  businessMinutesElapsed,
  causeVolumeBeforeAfter,
  csvLine,
  performanceByKeyAndPeriod,
  type TicketOutcome,
} from '@bursar/core';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { customerContacts } from '../customers/index.ts';
import { deskSettings } from './desk.settings.ts';
import * as repo from './service-desk.repository.ts';
import type { TicketRow } from './service-desk.repository.ts';
import { ticketClocks } from './tickets.service.ts';

export interface Period {
  from?: string | undefined;
  to?: string | undefined;
}

function range(p: Period) {
  return {
    createdFrom: p.from ? new Date(`${p.from}T00:00:00Z`) : undefined,
    createdBefore: p.to ? new Date(Date.parse(`${p.to}T00:00:00Z`) + 86_400_000) : undefined,
  };
}

const localDate = (deps: Deps, d: Date) =>
  new Date(d.getTime() + deskSettings(deps).clock.utcOffsetMinutes * 60_000).toISOString().slice(0, 10);

// ------------------------------------------------------------------------------------------
// Complaint register

export async function complaintRegister(deps: Deps, p: Period) {
  const db = deps.database.db;
  const rows = (await repo.ticketsWhere(db, { type: 'complaint', ...range(p) })).filter(
    (t) => !t.mergedIntoId,
  );
  const names = await customerContacts(
    deps,
    db,
    rows.map((t) => t.customerId),
  );
  const today = localDate(deps, deps.now());
  return rows.map((t) => {
    const answered = t.resolvedAt ?? t.closedAt;
    const answeredOn = answered ? localDate(deps, answered) : null;
    const due = t.regulatoryDueDate!;
    return {
      reference: t.reference,
      ticketId: t.id,
      receivedOn: localDate(deps, t.createdAt),
      channel: t.channel,
      customerId: t.customerId,
      customerName: names.get(t.customerId)?.legalName ?? '',
      category: t.category,
      product: t.product,
      school: t.schoolName,
      subject: t.subject,
      rootCauses: t.rootCauses,
      status: t.status,
      priority: t.priority,
      firstResponseAt: t.firstResponseAt?.toISOString() ?? null,
      regulatoryDueDate: due,
      resolvedOn: answeredOn,
      resolutionSummary: t.resolutionSummary,
      withinDeadline: answeredOn ? answeredOn <= due : today <= due ? null : false,
      satisfaction: t.satisfaction,
    };
  });
}

const REGISTER_COLUMNS = [
  'reference',
  'receivedOn',
  'channel',
  'customerName',
  'category',
  'product',
  'school',
  'subject',
  'rootCauses',
  'status',
  'priority',
  'firstResponseAt',
  'regulatoryDueDate',
  'resolvedOn',
  'withinDeadline',
  'resolutionSummary',
  'satisfaction',
] as const;

export async function complaintRegisterCsv(deps: Deps, p: Period): Promise<string> {
  const rows = await complaintRegister(deps, p);
  return [
    csvLine([...REGISTER_COLUMNS]),
    ...rows.map((r) =>
      csvLine(
        REGISTER_COLUMNS.map((c) => {
          const v = r[c];
          if (Array.isArray(v)) return v.join('; ');
          if (v === null) return '';
          return typeof v === 'boolean' ? (v ? 'yes' : 'no') : v;
        }),
      ),
    ),
  ].join('');
}

// ------------------------------------------------------------------------------------------
// Trends and improvement actions

export type TrendDimension = 'cause' | 'product' | 'school' | 'channel' | 'category';

function keysOf(t: TicketRow, by: TrendDimension): string[] {
  switch (by) {
    case 'cause':
      return t.rootCauses.length ? t.rootCauses : ['(untagged)'];
    case 'product':
      return [t.product ?? '(none)'];
    case 'school':
      return [t.schoolName ?? '(none)'];
    case 'channel':
      return [t.channel];
    case 'category':
      return [t.category ?? '(none)'];
  }
}

/** Complaints per month and key of one dimension. */
export async function complaintTrends(deps: Deps, by: TrendDimension, p: Period) {
  const rows = (await repo.ticketsWhere(deps.database.db, { type: 'complaint', ...range(p) })).filter(
    (t) => !t.mergedIntoId,
  );
  const counts = new Map<string, number>();
  for (const t of rows) {
    const month = localDate(deps, t.createdAt).slice(0, 7);
    for (const k of keysOf(t, by))
      counts.set(`${month}\u0000${k}`, (counts.get(`${month}\u0000${k}`) ?? 0) + 1);
  }
  const series = [...counts.entries()]
    .map(([k, count]) => {
      const [month, key] = k.split('\u0000') as [string, string];
      return { month, key, count };
    })
    .sort((a, b) => a.month.localeCompare(b.month) || b.count - a.count || a.key.localeCompare(b.key));
  const totals = new Map<string, number>();
  for (const s of series) totals.set(s.key, (totals.get(s.key) ?? 0) + s.count);
  return {
    by,
    series,
    totals: [...totals.entries()].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count),
  };
}

const WINDOW_DAYS = 90;

async function actionView(deps: Deps, a: repo.ActionRow) {
  const complaints = await repo.ticketsWhere(deps.database.db, { type: 'complaint' });
  const dates = complaints
    .filter((t) => t.rootCauses.includes(a.cause))
    .map((t) => localDate(deps, t.createdAt));
  const pivot = localDate(deps, a.createdAt);
  return {
    id: a.id,
    cause: a.cause,
    title: a.title,
    ownerId: a.ownerId,
    ownerName: a.ownerName,
    dueDate: a.dueDate,
    status: a.status,
    overdue: a.status === 'open' && a.dueDate < localDate(deps, deps.now()),
    createdAt: a.createdAt.toISOString(),
    doneAt: a.doneAt?.toISOString() ?? null,
    outcome: a.outcome,
    volume: causeVolumeBeforeAfter(dates, pivot, WINDOW_DAYS),
  };
}

export async function listActions(deps: Deps, cause?: string) {
  const rows = await repo.actions(deps.database.db, cause);
  return Promise.all(rows.map((a) => actionView(deps, a)));
}

export async function createAction(
  deps: Deps,
  ctx: ActorContext,
  input: {
    cause: string;
    title: string;
    ownerId?: string | null | undefined;
    ownerName: string;
    dueDate: string;
  },
) {
  const at = deps.now();
  const a = await deps.database.db.transaction(async (tx) => {
    const row = await repo.insertAction(tx, {
      id: randomUUID(),
      cause: input.cause,
      title: input.title,
      ownerId: input.ownerId ?? null,
      ownerName: input.ownerName,
      dueDate: input.dueDate,
      status: 'open',
      createdAt: at,
      doneAt: null,
      outcome: null,
    });
    await recordAudit(tx, ctx, at, {
      action: 'desk.improvement_created',
      entityType: 'desk_improvement_action',
      entityId: row.id,
      after: { cause: row.cause, title: row.title, owner: row.ownerName, dueDate: row.dueDate },
    });
    return row;
  });
  return actionView(deps, a);
}

export async function completeAction(deps: Deps, ctx: ActorContext, id: string, outcome: string) {
  const at = deps.now();
  const a = await deps.database.db.transaction(async (tx) => {
    const before = await repo.findAction(tx, id);
    if (!before) throw Problem.notFound('Improvement action');
    if (before.status === 'done') throw Problem.conflict('action-done', 'This action is already done');
    const row = await repo.updateAction(tx, id, { status: 'done', doneAt: at, outcome });
    await recordAudit(tx, ctx, at, {
      action: 'desk.improvement_done',
      entityType: 'desk_improvement_action',
      entityId: id,
      before: { status: before.status },
      after: { status: 'done', outcome },
    });
    return row;
  });
  return actionView(deps, a);
}

// ------------------------------------------------------------------------------------------
// Performance and the board

export function outcomeOf(
  deps: Deps,
  t: TicketRow,
  key: string,
  period: 'month' | 'week' | 'day',
): TicketOutcome {
  const clock = deskSettings(deps).clock;
  const start = t.createdAt.getTime();
  const done = t.resolvedAt ?? null;
  const d = localDate(deps, t.createdAt);
  let bucket = d.slice(0, 7);
  if (period === 'day') bucket = d;
  if (period === 'week') {
    const dow = (new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7;
    bucket = new Date(Date.parse(`${d}T00:00:00Z`) - dow * 86_400_000).toISOString().slice(0, 10);
  }
  return {
    key,
    period: bucket,
    firstResponseMinutes: t.firstResponseAt
      ? businessMinutesElapsed(clock, start, t.firstResponseAt.getTime())
      : null,
    resolutionMinutes: done ? businessMinutesElapsed(clock, start, done.getTime()) : null,
    firstResponseMet: t.firstResponseAt ? t.firstResponseAt <= t.firstResponseDueAt : null,
    resolutionMet: done ? done <= t.resolutionDueAt : null,
    reopened: t.reopenCount > 0,
    satisfaction: t.satisfaction,
  };
}

export async function performance(
  deps: Deps,
  opts: Period & { by: 'agent' | 'team' | 'desk'; period: 'month' | 'week' | 'day' },
) {
  const rows = (await repo.ticketsWhere(deps.database.db, range(opts))).filter((t) => !t.mergedIntoId);
  const names = new Map<string, string>();
  const outcomes = rows.map((t) => {
    const key = opts.by === 'agent' ? (t.assigneeId ?? '') : opts.by === 'team' ? t.team : 'desk';
    if (opts.by === 'agent' && t.assigneeId) names.set(t.assigneeId, t.assigneeName ?? t.assigneeId);
    return outcomeOf(deps, t, key, opts.period);
  });
  return performanceByKeyAndPeriod(outcomes).map((r) => ({
    ...r,
    label: opts.by === 'agent' ? (names.get(r.key) ?? '(unassigned)') : r.key,
  }));
}

/** Active tickets with their SLA heat (share of the target used), hottest first. */
export async function board(deps: Deps) {
  const rows = await repo.ticketsWhere(deps.database.db, { active: true });
  const now = deps.now();
  return rows
    .map((t) => {
      const c = ticketClocks(deps, t, now);
      const clock = t.firstResponseAt ? c.resolution : c.firstResponse;
      return {
        id: t.id,
        reference: t.reference,
        subject: t.subject,
        type: t.type,
        priority: t.priority,
        status: t.status,
        assigneeId: t.assigneeId,
        assigneeName: t.assigneeName,
        team: t.team,
        escalationLevel: t.escalationLevel,
        clock: t.firstResponseAt ? ('resolution' as const) : ('first_response' as const),
        state: clock.state,
        used: Math.round(clock.used * 100) / 100,
        remainingMinutes: clock.remainingMinutes,
        dueAt: (t.firstResponseAt ? t.resolutionDueAt : t.firstResponseDueAt).toISOString(),
      };
    })
    .sort((a, b) => b.used - a.used);
}
