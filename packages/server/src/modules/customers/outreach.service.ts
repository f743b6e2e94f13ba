// What the customers module offers engagement: contact details and context for messages,
// current consent, consent changes and tasks inside the caller's transaction, and the
// date-based lists journeys start from. Reads and writes only the customers module's own data.
import { randomUUID } from 'node:crypto';
import type { Executor } from '../../db/database.ts';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import type { Actor } from '../identity/index.ts';
import * as repo from './customers.repository.ts';
import * as outreach from './outreach.repository.ts';
import type { Address } from './customers.tables.ts';
import { publishTimelineEvent, visibleCustomer } from './customers.service.ts';
import { segmentMembershipCondition } from './segments.service.ts';
import { decryptOrNull } from './pii.ts';

export interface CustomerContact {
  id: string;
  legalName: string;
  preferredName: string | null;
  email: string | null;
  /** Decrypted: for sending only, never for logs. */
  phone: string | null;
  address: Address | null;
  preferredLanguage: string;
  preferredChannel: string;
  country: string | null;
  region: string | null;
  city: string | null;
  dateOfBirth: string | null;
  status: string;
  tags: string[];
  classes: {
    educationLevel: string | null;
    economicStatus: string | null;
    creditRecord: string | null;
    loanNeed: string | null;
  };
  school: { id: string; name: string; nameLocal: string | null; country: string } | null;
  enrolment: {
    level: string;
    status: string;
    expectedGraduationDate: string;
    programmeName: string | null;
  } | null;
}

/** Contact details and template context of customers, by id (missing ids are absent). */
export async function customerContacts(
  deps: Deps,
  db: Executor,
  ids: string[],
): Promise<Map<string, CustomerContact>> {
  const unique = [...new Set(ids)];
  const rows = await outreach.customersByIds(db, unique);
  const schools = new Map(
    (
      await outreach.schoolsByIds(db, [
        ...new Set(rows.map((r) => r.currentSchoolId).filter((x): x is string => !!x)),
      ])
    ).map((s) => [s.id, s]),
  );
  const enrolments = new Map((await outreach.currentEnrolmentsOf(db, unique)).map((e) => [e.customerId, e]));
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        legalName: r.legalName,
        preferredName: r.preferredName,
        email: r.email,
        phone: decryptOrNull(deps.cipher, r.phoneEnc),
        address: r.address ?? null,
        preferredLanguage: r.preferredLanguage,
        preferredChannel: r.preferredChannel,
        country: r.country,
        region: r.region,
        city: r.city,
        dateOfBirth: r.dateOfBirth,
        status: r.status,
        tags: r.tags,
        classes: {
          educationLevel: r.classEducationLevel,
          economicStatus: r.classEconomicStatus,
          creditRecord: r.classCreditRecord,
          loanNeed: r.classLoanNeed,
        },
        school: r.currentSchoolId ? (schools.get(r.currentSchoolId) ?? null) : null,
        enrolment: enrolments.get(r.id) ?? null,
      },
    ]),
  );
}

/** Current consent per customer and purpose (absent = never recorded). */
export async function currentConsents(
  db: Executor,
  ids: string[],
): Promise<Map<string, Record<string, boolean>>> {
  const out = new Map<string, Record<string, boolean>>();
  for (const c of await outreach.consentsOf(db, [...new Set(ids)])) {
    const m = out.get(c.customerId) ?? {};
    m[c.purpose] = c.granted;
    out.set(c.customerId, m);
  }
  return out;
}

/** 404 unless the actor may see the customer (a student only themself, a school officer their school). */
export async function assertCustomerVisible(db: Executor, actor: Actor, customerId: string): Promise<void> {
  await visibleCustomer(db, actor, customerId);
}

/** Record consent given or withdrawn on the caller's transaction (e.g. an unsubscribe link): history, timeline, audit. */
export async function recordConsentWithin(
  tx: Executor,
  ctx: ActorContext,
  customerId: string,
  input: { purpose: string; granted: boolean; source: string; note?: string | null },
  at: Date,
): Promise<void> {
  const customer = await repo.findCustomer(tx, customerId);
  if (!customer) throw Problem.notFound('Customer');
  await repo.recordConsent(tx, {
    id: randomUUID(),
    customerId,
    purpose: input.purpose,
    granted: input.granted,
    source: input.source,
    note: input.note ?? null,
    recordedBy: ctx.actorName,
    recordedAt: at,
  });
  await publishTimelineEvent(
    tx,
    {
      customerId,
      kind: 'customers.consent_recorded',
      summary: `Consent to ${input.purpose} ${input.granted ? 'given' : 'withdrawn'} (${input.source})`,
      actorName: ctx.actorName,
    },
    at,
  );
  await recordAudit(tx, ctx, at, {
    action: 'customer.consent_recorded',
    entityType: 'customer',
    entityId: customerId,
    after: { purpose: input.purpose, granted: input.granted, source: input.source },
  });
}

export interface OutreachTask {
  id: string;
  customerId: string;
  title: string;
  dueDate: string | null;
  assigneeId: string | null;
  status: string;
  createdBy: string | null;
  createdAt: string;
  completedAt: string | null;
}

function taskOf(t: repo.TaskRow): OutreachTask {
  return {
    id: t.id,
    customerId: t.customerId,
    title: t.title,
    dueDate: t.dueDate,
    assigneeId: t.assigneeId,
    status: t.status,
    createdBy: t.createdBy,
    createdAt: t.createdAt.toISOString(),
    completedAt: t.completedAt?.toISOString() ?? null,
  };
}

/** Create a customer task on the caller's transaction (journeys, interactions' next steps). */
export async function createTaskWithin(
  tx: Executor,
  ctx: ActorContext,
  input: { customerId: string; title: string; dueDate: string | null; assigneeId: string | null },
  at: Date,
): Promise<OutreachTask> {
  const task = await repo.insertTask(tx, {
    id: randomUUID(),
    customerId: input.customerId,
    title: input.title.slice(0, 300),
    dueDate: input.dueDate,
    assigneeId: input.assigneeId,
    status: 'open',
    createdBy: ctx.actorName,
    createdAt: at,
  });
  await publishTimelineEvent(
    tx,
    {
      customerId: input.customerId,
      kind: 'customers.task_created',
      summary: `Task: ${task.title}`,
      data: { taskId: task.id },
      actorName: ctx.actorName,
    },
    at,
  );
  await recordAudit(tx, ctx, at, {
    action: 'customer.task_created',
    entityType: 'customer',
    entityId: input.customerId,
    after: taskOf(task),
  });
  return taskOf(task);
}

/** Give a task to someone else on the caller's transaction (assignment rules, escalation). */
export async function reassignTaskWithin(
  tx: Executor,
  ctx: ActorContext,
  taskId: string,
  assigneeId: string | null,
  reason: string,
  at: Date,
): Promise<OutreachTask> {
  const before = await outreach.findTaskById(tx, taskId);
  if (!before) throw Problem.notFound('Task');
  const after = await repo.updateTask(tx, taskId, { assigneeId });
  await publishTimelineEvent(
    tx,
    {
      customerId: before.customerId,
      kind: 'customers.task_reassigned',
      summary: `Task reassigned (${reason}): ${after.title}`,
      data: { taskId, from: before.assigneeId, to: assigneeId },
      actorName: ctx.actorName,
    },
    at,
  );
  await recordAudit(tx, ctx, at, {
    action: 'customer.task_updated',
    entityType: 'customer',
    entityId: before.customerId,
    before: taskOf(before),
    after: { ...taskOf(after), reason },
  });
  return taskOf(after);
}

export async function findTask(db: Executor, taskId: string): Promise<OutreachTask | null> {
  const t = await outreach.findTaskById(db, taskId);
  return t ? taskOf(t) : null;
}

/** Tasks across customers: by assignees, status, overdue before a date. */
export async function listTasksAcross(
  db: Executor,
  f: outreach.TaskFilter,
  limit: number,
): Promise<OutreachTask[]> {
  return (await outreach.listTasksWhere(db, f, limit)).map(taskOf);
}

/** Active customers whose current enrolment is expected to graduate between two dates (inclusive). */
export async function customersGraduatingBetween(
  db: Executor,
  from: string,
  to: string,
): Promise<{ customerId: string; expectedGraduationDate: string }[]> {
  return outreach.graduatingBetween(db, from, to);
}

/** Active customers whose birthday is on a date's month and day. */
export async function customersWithBirthdayOn(db: Executor, date: string): Promise<string[]> {
  return (await outreach.bornOn(db, date.slice(5, 10))).map((r) => r.id);
}

/** Live members of a segment now, by id, in id order, after `afterId` (paging for bulk sends). */
export async function segmentMemberIds(
  deps: Deps,
  segmentId: string,
  afterId: string | null,
  limit: number,
): Promise<string[]> {
  const condition = await segmentMembershipCondition(deps, segmentId);
  return outreach.customerIdsWhere(deps.database.db, condition, afterId, limit);
}

/**
 * Replace a customer's tags that start with `prefix` (e.g. growth's `nbo:` next-best-offer tag)
 * on the caller's transaction, leaving every other tag alone. A no-op when nothing changes;
 * otherwise a timeline entry and an audit event. Returns whether the tags changed.
 */
export async function replaceTagGroupWithin(
  tx: Executor,
  ctx: ActorContext,
  customerId: string,
  prefix: string,
  tags: string[],
  at: Date,
): Promise<boolean> {
  if (!prefix) throw new Error('a tag group needs a prefix');
  const customer = await repo.findCustomer(tx, customerId);
  if (!customer) throw Problem.notFound('Customer');
  const next = [
    ...new Set([
      ...customer.tags.filter((t) => !t.startsWith(prefix)),
      ...tags.filter((t) => t.startsWith(prefix)),
    ]),
  ].sort();
  const before = [...customer.tags].sort();
  if (next.length === before.length && next.every((t, i) => t === before[i])) return false;
  await repo.updateCustomer(tx, customerId, { tags: next, updatedAt: at });
  await publishTimelineEvent(
    tx,
    {
      customerId,
      kind: 'customers.tags_changed',
      summary: `Tags: ${next.join(', ') || '—'}`,
      actorName: ctx.actorName,
    },
    at,
  );
  await recordAudit(tx, ctx, at, {
    action: 'customer.tags_changed',
    entityType: 'customer',
    entityId: customerId,
    before: { tags: customer.tags },
    after: { tags: next },
  });
  return true;
}
