// Staff tasks on top of the customers module's tasks: assignment rules (first matching rule
// wins; a role means round robin among its active users), "my tasks" and team views, and the
// escalation of overdue tasks to a manager.
import { randomUUID } from 'node:crypto';
import { toEpochDay, toIsoDate } from '@bursar/core';
import type { Executor } from '../../db/database.ts';
import type { ActorContext, Deps } from '../../deps.ts';
import { SYSTEM_ACTOR } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import {
  createTaskWithin,
  customerContacts,
  listTasksAcross,
  reassignTaskWithin,
  type CustomerContact,
  type OutreachTask,
} from '../customers/index.ts';
import { activeUsersWithRole, listUsers, type Actor } from '../identity/index.ts';
import { engagementSettings } from './channels.settings.ts';
import * as repo from './engagement.repository.ts';

export interface RuleMatch {
  queue?: string | undefined;
  tagsAny?: string[] | undefined;
  schoolId?: string | undefined;
  creditRecord?: string | undefined;
  economicStatus?: string | undefined;
}

export function ruleMatches(match: RuleMatch, queue: string | null, c: CustomerContact | undefined): boolean {
  if (match.queue && match.queue !== queue) return false;
  if (match.tagsAny?.length && !match.tagsAny.some((t) => c?.tags.includes(t))) return false;
  if (match.schoolId && c?.school?.id !== match.schoolId) return false;
  if (match.creditRecord && c?.classes.creditRecord !== match.creditRecord) return false;
  if (match.economicStatus && c?.classes.economicStatus !== match.economicStatus) return false;
  return true;
}

async function activeUserIds(db: Executor, role: string): Promise<{ id: string; displayName: string }[]> {
  return activeUsersWithRole(db, role);
}

/** The assignee the rules give a new task, or null (unassigned: the team view shows it). */
export async function chooseAssignee(
  tx: Executor,
  deps: Deps,
  customerId: string,
  queue: string | null,
): Promise<{ userId: string | null; rule: string | null }> {
  const rules = await repo.listRules(tx, true);
  if (rules.length === 0) return { userId: null, rule: null };
  const contact = (await customerContacts(deps, tx, [customerId])).get(customerId);
  for (const r of rules) {
    if (!ruleMatches(r.match, queue, contact)) continue;
    if (r.assignTo.userId) return { userId: r.assignTo.userId, rule: r.name };
    if (r.assignTo.role) {
      const users = await activeUserIds(tx, r.assignTo.role);
      if (users.length === 0) continue;
      const pos = await repo.bumpRuleCursor(tx, r.id);
      return { userId: users[pos % users.length]!.id, rule: r.name };
    }
  }
  return { userId: null, rule: null };
}

/** Create a task for a customer, assigned by the rules unless an assignee is given. */
export async function createAssignedTask(
  tx: Executor,
  deps: Deps,
  ctx: ActorContext,
  input: {
    customerId: string;
    title: string;
    dueDate: string | null;
    queue: string | null;
    assigneeId?: string | null | undefined;
  },
  at: Date,
): Promise<OutreachTask> {
  const assigneeId =
    input.assigneeId !== undefined
      ? input.assigneeId
      : (await chooseAssignee(tx, deps, input.customerId, input.queue)).userId;
  return createTaskWithin(
    tx,
    ctx,
    { customerId: input.customerId, title: input.title, dueDate: input.dueDate, assigneeId },
    at,
  );
}

export function businessToday(deps: Deps): string {
  return deps.now().toISOString().slice(0, 10);
}

function withOverdue(t: OutreachTask, today: string) {
  return { ...t, overdue: t.status === 'open' && !!t.dueDate && t.dueDate < today };
}

export async function myTasks(
  deps: Deps,
  actor: Actor,
  f: { status?: string | undefined; overdue?: boolean | undefined; limit: number },
) {
  const today = businessToday(deps);
  const rows = await listTasksAcross(
    deps.database.db,
    { assigneeIds: [actor.userId], status: f.status, dueBefore: f.overdue ? today : undefined },
    f.limit,
  );
  return rows.map((t) => withOverdue(t, today));
}

/** Open work by assignee (and unassigned), with overdue counts: the team lead's view. */
export async function teamTasks(
  deps: Deps,
  f: { role?: string | undefined; status?: string | undefined; overdue?: boolean | undefined; limit: number },
) {
  const today = businessToday(deps);
  const { items: users } = await listUsers(
    deps,
    { ...(f.role ? { role: f.role } : {}), status: 'active' },
    { limit: 500, offset: 0 },
  );
  const staff = users.filter((u) => !u.roles.includes('student'));
  const status = f.status ?? 'open';
  const assigned = await listTasksAcross(
    deps.database.db,
    { assigneeIds: staff.map((u) => u.id), status, dueBefore: f.overdue ? today : undefined },
    f.limit,
  );
  const unassigned = f.role
    ? []
    : await listTasksAcross(
        deps.database.db,
        { unassigned: true, status, dueBefore: f.overdue ? today : undefined },
        f.limit,
      );
  const members = staff.map((u) => {
    const tasks = assigned.filter((t) => t.assigneeId === u.id).map((t) => withOverdue(t, today));
    return {
      userId: u.id,
      displayName: u.displayName,
      roles: u.roles,
      open: tasks.length,
      overdue: tasks.filter((t) => t.overdue).length,
      tasks,
    };
  });
  return { members, unassigned: unassigned.map((t) => withOverdue(t, today)) };
}

/**
 * Escalate open tasks overdue by more than the configured days to a manager (round robin over
 * active managers), once per task. Idempotent: a rerun escalates nothing twice.
 */
export async function escalateOverdueTasks(deps: Deps): Promise<number> {
  const s = engagementSettings(deps);
  const today = businessToday(deps);
  const cutoff = toIsoDate(toEpochDay(today) - s.escalateAfterDays);
  const overdue = await listTasksAcross(deps.database.db, { status: 'open', dueBefore: cutoff }, 1000);
  if (overdue.length === 0) return 0;
  const done = await repo.escalatedTaskIds(
    deps.database.db,
    overdue.map((t) => t.id),
  );
  const managers = await activeUserIds(deps.database.db, 'manager');
  let n = 0;
  for (const [i, t] of overdue.filter((x) => !done.has(x.id)).entries()) {
    const candidates = managers.filter((m) => m.id !== t.assigneeId);
    const target = candidates.length ? candidates[i % candidates.length]! : null;
    await deps.database.db.transaction(async (tx) => {
      const at = deps.now();
      const fresh = await repo.insertEscalation(tx, {
        id: randomUUID(),
        taskId: t.id,
        customerId: t.customerId,
        level: 1,
        fromAssignee: t.assigneeId,
        toAssignee: target?.id ?? null,
        escalatedAt: at,
      });
      if (!fresh) return;
      if (target)
        await reassignTaskWithin(
          tx,
          SYSTEM_ACTOR,
          t.id,
          target.id,
          `overdue since ${t.dueDate}, escalated`,
          at,
        );
      await recordAudit(tx, SYSTEM_ACTOR, at, {
        action: 'task.escalated',
        entityType: 'customer',
        entityId: t.customerId,
        before: { taskId: t.id, assigneeId: t.assigneeId },
        after: { assigneeId: target?.id ?? t.assigneeId, dueDate: t.dueDate },
      });
      n++;
    });
  }
  return n;
}

export function ruleView(r: repo.RuleRow) {
  return {
    id: r.id,
    name: r.name,
    priority: r.priority,
    match: r.match,
    assignTo: r.assignTo,
    enabled: r.enabled,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export interface RuleInput {
  name: string;
  priority: number;
  match: RuleMatch;
  assignTo: { userId?: string | undefined; role?: string | undefined };
  enabled?: boolean | undefined;
}

function checkRule(input: RuleInput): void {
  if (!!input.assignTo.userId === !!input.assignTo.role)
    throw Problem.badRequest('assignTo', 'give exactly one of userId or role');
}

export async function listRules(deps: Deps) {
  return (await repo.listRules(deps.database.db)).map(ruleView);
}

export async function createRule(deps: Deps, ctx: ActorContext, input: RuleInput) {
  checkRule(input);
  return deps.database.db.transaction(async (tx) => {
    const at = deps.now();
    const r = await repo.insertRule(tx, {
      id: randomUUID(),
      name: input.name,
      priority: input.priority,
      match: { ...input.match },
      assignTo: { ...input.assignTo },
      enabled: input.enabled ?? true,
      createdAt: at,
      updatedAt: at,
    });
    await recordAudit(tx, ctx, at, {
      action: 'task_rule.created',
      entityType: 'task_rule',
      entityId: r.id,
      after: ruleView(r),
    });
    return ruleView(r);
  });
}

export async function updateRule(deps: Deps, ctx: ActorContext, id: string, input: RuleInput) {
  checkRule(input);
  return deps.database.db.transaction(async (tx) => {
    const before = await repo.findRule(tx, id);
    if (!before) throw Problem.notFound('Assignment rule');
    const at = deps.now();
    const r = await repo.updateRule(tx, id, {
      name: input.name,
      priority: input.priority,
      match: { ...input.match },
      assignTo: { ...input.assignTo },
      enabled: input.enabled ?? before.enabled,
      updatedAt: at,
    });
    await recordAudit(tx, ctx, at, {
      action: 'task_rule.updated',
      entityType: 'task_rule',
      entityId: id,
      before: ruleView(before),
      after: ruleView(r),
    });
    return ruleView(r);
  });
}

export async function deleteRule(deps: Deps, ctx: ActorContext, id: string) {
  await deps.database.db.transaction(async (tx) => {
    const before = await repo.findRule(tx, id);
    if (!before) throw Problem.notFound('Assignment rule');
    await repo.deleteRule(tx, id);
    await recordAudit(tx, ctx, deps.now(), {
      action: 'task_rule.deleted',
      entityType: 'task_rule',
      entityId: id,
      before: ruleView(before),
    });
  });
}
