// Read models and small writes the customers module offers engagement (messages, tasks,
// journeys): batched lookups by id, task views across customers, date-based triggers.
import { and, asc, eq, gte, inArray, isNotNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { consents, customers, customerTasks, enrolments, schools } from './customers.tables.ts';

export async function customersByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select().from(customers).where(inArray(customers.id, ids));
}

export async function schoolsByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: schools.id, name: schools.name, nameLocal: schools.nameLocal, country: schools.country })
    .from(schools)
    .where(inArray(schools.id, ids));
}

export async function currentEnrolmentsOf(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      customerId: enrolments.customerId,
      level: enrolments.level,
      status: enrolments.status,
      expectedGraduationDate: enrolments.expectedGraduationDate,
      programmeName: enrolments.programmeName,
    })
    .from(enrolments)
    .where(and(inArray(enrolments.customerId, ids), eq(enrolments.isCurrent, true)));
}

export async function consentsOf(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select().from(consents).where(inArray(consents.customerId, ids));
}

export interface TaskFilter {
  assigneeIds?: string[] | undefined;
  unassigned?: boolean | undefined;
  status?: string | undefined;
  dueBefore?: string | undefined;
  customerId?: string | undefined;
}

export async function listTasksWhere(db: Executor, f: TaskFilter, limit: number) {
  const conds: SQL[] = [];
  if (f.assigneeIds)
    conds.push(f.assigneeIds.length ? inArray(customerTasks.assigneeId, f.assigneeIds) : sql`false`);
  if (f.unassigned) conds.push(sql`${customerTasks.assigneeId} is null`);
  if (f.status) conds.push(eq(customerTasks.status, f.status));
  if (f.dueBefore) conds.push(isNotNull(customerTasks.dueDate), lt(customerTasks.dueDate, f.dueBefore));
  if (f.customerId) conds.push(eq(customerTasks.customerId, f.customerId));
  return db
    .select()
    .from(customerTasks)
    .where(and(...conds))
    .orderBy(sql`${customerTasks.dueDate} asc nulls last`, asc(customerTasks.createdAt))
    .limit(limit);
}

export async function findTaskById(db: Executor, id: string) {
  const [r] = await db.select().from(customerTasks).where(eq(customerTasks.id, id));
  return r;
}

export async function graduatingBetween(db: Executor, from: string, to: string) {
  return db
    .select({ customerId: enrolments.customerId, expectedGraduationDate: enrolments.expectedGraduationDate })
    .from(enrolments)
    .innerJoin(customers, eq(customers.id, enrolments.customerId))
    .where(
      and(
        eq(enrolments.isCurrent, true),
        gte(enrolments.expectedGraduationDate, from),
        lte(enrolments.expectedGraduationDate, to),
        eq(customers.status, 'active'),
      ),
    )
    .orderBy(asc(enrolments.customerId));
}

/** Active customers born on a month and day (`MM-DD`). */
export async function bornOn(db: Executor, monthDay: string) {
  return db
    .select({ id: customers.id })
    .from(customers)
    .where(
      and(
        eq(customers.status, 'active'),
        isNotNull(customers.dateOfBirth),
        sql`to_char(${customers.dateOfBirth}, 'MM-DD') = ${monthDay}`,
      ),
    )
    .orderBy(asc(customers.id));
}

/** Customer ids matching a condition on `customers`, in id order after a cursor. */
export async function customerIdsWhere(
  db: Executor,
  condition: SQL,
  afterId: string | null,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .select({ id: customers.id })
    .from(customers)
    .where(and(condition, afterId ? sql`${customers.id} > ${afterId}::uuid` : undefined))
    .orderBy(asc(customers.id))
    .limit(limit);
  return rows.map((r) => r.id);
}
