// The only code that touches the training tables.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { complianceTrainingAttempts, complianceTrainingCourses } from './training.tables.ts';

export type CourseRow = typeof complianceTrainingCourses.$inferSelect;
export type AttemptRow = typeof complianceTrainingAttempts.$inferSelect;

export const activeCourses = (db: Executor) =>
  db
    .select()
    .from(complianceTrainingCourses)
    .where(eq(complianceTrainingCourses.status, 'active'))
    .orderBy(asc(complianceTrainingCourses.code));

export const allCourses = (db: Executor) =>
  db
    .select()
    .from(complianceTrainingCourses)
    .orderBy(asc(complianceTrainingCourses.code), desc(complianceTrainingCourses.version));

export async function findCourse(db: Executor, id: string): Promise<CourseRow | undefined> {
  const [row] = await db.select().from(complianceTrainingCourses).where(eq(complianceTrainingCourses.id, id));
  return row;
}

export async function latestVersionOf(db: Executor, code: string): Promise<CourseRow | undefined> {
  const [row] = await db
    .select()
    .from(complianceTrainingCourses)
    .where(eq(complianceTrainingCourses.code, code))
    .orderBy(desc(complianceTrainingCourses.version))
    .limit(1)
    .for('update');
  return row;
}

export async function insertCourse(db: Executor, row: typeof complianceTrainingCourses.$inferInsert) {
  const [r] = await db.insert(complianceTrainingCourses).values(row).returning();
  return r!;
}

export async function retireCourseVersions(db: Executor, code: string) {
  await db
    .update(complianceTrainingCourses)
    .set({ status: 'retired' })
    .where(and(eq(complianceTrainingCourses.code, code), eq(complianceTrainingCourses.status, 'active')));
}

export async function insertAttempt(db: Executor, row: typeof complianceTrainingAttempts.$inferInsert) {
  const [r] = await db.insert(complianceTrainingAttempts).values(row).returning();
  return r!;
}

/** Attempts of the given users, newest first. */
export const attemptsOf = (db: Executor, userIds: string[]) =>
  userIds.length === 0
    ? Promise.resolve([] as AttemptRow[])
    : db
        .select()
        .from(complianceTrainingAttempts)
        .where(inArray(complianceTrainingAttempts.userId, userIds))
        .orderBy(desc(complianceTrainingAttempts.completedAt));
