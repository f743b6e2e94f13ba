// The only code that touches the surveys module's tables.
import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import {
  surveyActions,
  surveyFollowUps,
  surveyInvitations,
  surveyReportSchedules,
  surveyResponses,
  surveySurveys,
  surveyVersions,
  surveyWaves,
} from './surveys.tables.ts';

export type SurveyRow = typeof surveySurveys.$inferSelect;
export type VersionRow = typeof surveyVersions.$inferSelect;
export type WaveRow = typeof surveyWaves.$inferSelect;
export type InvitationRow = typeof surveyInvitations.$inferSelect;
export type ResponseRow = typeof surveyResponses.$inferSelect;
export type FollowUpRow = typeof surveyFollowUps.$inferSelect;
export type ActionRow = typeof surveyActions.$inferSelect;
export type ScheduleRow = typeof surveyReportSchedules.$inferSelect;

// ---- surveys and versions ---------------------------------------------------------------------
export const allSurveys = (db: Executor) => db.select().from(surveySurveys).orderBy(asc(surveySurveys.code));

export async function findSurvey(db: Executor, id: string): Promise<SurveyRow | undefined> {
  const [row] = await db.select().from(surveySurveys).where(eq(surveySurveys.id, id));
  return row;
}
export async function findSurveyByCode(db: Executor, code: string): Promise<SurveyRow | undefined> {
  const [row] = await db.select().from(surveySurveys).where(eq(surveySurveys.code, code));
  return row;
}
export async function insertSurvey(db: Executor, row: typeof surveySurveys.$inferInsert): Promise<SurveyRow> {
  const [r] = await db.insert(surveySurveys).values(row).returning();
  return r!;
}

export const versionsOf = (db: Executor, surveyIds: string[]) =>
  surveyIds.length
    ? db
        .select()
        .from(surveyVersions)
        .where(inArray(surveyVersions.surveyId, surveyIds))
        .orderBy(desc(surveyVersions.version))
    : Promise.resolve([] as VersionRow[]);

export async function findVersion(
  db: Executor,
  id: string,
  forUpdate = false,
): Promise<VersionRow | undefined> {
  const q = db.select().from(surveyVersions).where(eq(surveyVersions.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}
export async function insertVersion(
  db: Executor,
  row: typeof surveyVersions.$inferInsert,
): Promise<VersionRow> {
  const [r] = await db.insert(surveyVersions).values(row).returning();
  return r!;
}
export async function updateVersion(
  db: Executor,
  id: string,
  patch: Partial<VersionRow>,
): Promise<VersionRow> {
  const [r] = await db.update(surveyVersions).set(patch).where(eq(surveyVersions.id, id)).returning();
  return r!;
}

// ---- waves -----------------------------------------------------------------------------------
export const allWaves = (db: Executor) =>
  db.select().from(surveyWaves).orderBy(desc(surveyWaves.createdAt), asc(surveyWaves.code));

export async function findWave(db: Executor, id: string, forUpdate = false): Promise<WaveRow | undefined> {
  const q = db.select().from(surveyWaves).where(eq(surveyWaves.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}
export async function findWaveByCode(db: Executor, code: string): Promise<WaveRow | undefined> {
  const [row] = await db.select().from(surveyWaves).where(eq(surveyWaves.code, code));
  return row;
}
export const openWavesTriggeredBy = (db: Executor, event: string) =>
  db
    .select()
    .from(surveyWaves)
    .where(and(eq(surveyWaves.triggerEvent, event), eq(surveyWaves.status, 'open')));
export const openWaves = (db: Executor) =>
  db.select().from(surveyWaves).where(eq(surveyWaves.status, 'open'));

export async function insertWave(db: Executor, row: typeof surveyWaves.$inferInsert): Promise<WaveRow> {
  const [r] = await db.insert(surveyWaves).values(row).returning();
  return r!;
}
export async function updateWave(db: Executor, id: string, patch: Partial<WaveRow>): Promise<WaveRow> {
  const [r] = await db.update(surveyWaves).set(patch).where(eq(surveyWaves.id, id)).returning();
  return r!;
}

// ---- invitations -----------------------------------------------------------------------------
export async function findInvitation(
  db: Executor,
  id: string,
  forUpdate = false,
): Promise<InvitationRow | undefined> {
  const q = db.select().from(surveyInvitations).where(eq(surveyInvitations.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}
/** Insert unless the customer already has one in the wave; returns the new row or undefined. */
export async function insertInvitation(
  db: Executor,
  row: typeof surveyInvitations.$inferInsert,
): Promise<InvitationRow | undefined> {
  const [r] = await db.insert(surveyInvitations).values(row).onConflictDoNothing().returning();
  return r;
}
export async function insertInvitations(
  db: Executor,
  rows: (typeof surveyInvitations.$inferInsert)[],
): Promise<InvitationRow[]> {
  if (!rows.length) return [];
  return db.insert(surveyInvitations).values(rows).onConflictDoNothing().returning();
}
export const invitationsOfWave = (db: Executor, waveId: string) =>
  db
    .select()
    .from(surveyInvitations)
    .where(eq(surveyInvitations.waveId, waveId))
    .orderBy(asc(surveyInvitations.createdAt), asc(surveyInvitations.id));
export async function updateInvitation(
  db: Executor,
  id: string,
  patch: Partial<InvitationRow>,
): Promise<void> {
  await db.update(surveyInvitations).set(patch).where(eq(surveyInvitations.id, id));
}
export async function invitationCounts(db: Executor, waveId: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ status: surveyInvitations.status, n: sql<number>`count(*)::int` })
    .from(surveyInvitations)
    .where(eq(surveyInvitations.waveId, waveId))
    .groupBy(surveyInvitations.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
/** Link invitations not answered yet whose last contact is older than `before`. */
export const remindable = (db: Executor, waveId: string, before: Date, maxReminders: number) =>
  db
    .select()
    .from(surveyInvitations)
    .where(
      and(
        eq(surveyInvitations.waveId, waveId),
        inArray(surveyInvitations.status, ['sent', 'started']),
        inArray(surveyInvitations.mode, ['email', 'sms', 'portal']),
        sql`${surveyInvitations.remindersSent} < ${maxReminders}`,
        lte(sql`coalesce(${surveyInvitations.lastReminderAt}, ${surveyInvitations.sentAt})`, before),
      ),
    );

// ---- responses -------------------------------------------------------------------------------
export async function responseOf(
  db: Executor,
  invitationId: string,
  forUpdate = false,
): Promise<ResponseRow | undefined> {
  const q = db.select().from(surveyResponses).where(eq(surveyResponses.invitationId, invitationId));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}
export async function insertResponse(
  db: Executor,
  row: typeof surveyResponses.$inferInsert,
): Promise<ResponseRow> {
  const [r] = await db.insert(surveyResponses).values(row).returning();
  return r!;
}
export async function updateResponse(
  db: Executor,
  id: string,
  patch: Partial<ResponseRow>,
): Promise<ResponseRow> {
  const [r] = await db.update(surveyResponses).set(patch).where(eq(surveyResponses.id, id)).returning();
  return r!;
}
/** Completed responses of waves with the invitation's snapshot attributes and mode. */
export const completedResponses = (db: Executor, waveIds: string[]) =>
  db
    .select({
      id: surveyResponses.id,
      waveId: surveyResponses.waveId,
      customerId: surveyResponses.customerId,
      answers: surveyResponses.answers,
      mode: surveyResponses.mode,
      language: surveyResponses.language,
      completedAt: surveyResponses.completedAt,
      attributes: surveyInvitations.attributes,
      invitationMode: surveyInvitations.mode,
    })
    .from(surveyResponses)
    .innerJoin(surveyInvitations, eq(surveyInvitations.id, surveyResponses.invitationId))
    .where(and(inArray(surveyResponses.waveId, waveIds), eq(surveyResponses.status, 'complete')))
    .orderBy(asc(surveyResponses.completedAt), asc(surveyResponses.id));

// ---- closed loop -----------------------------------------------------------------------------
export async function insertFollowUp(
  db: Executor,
  row: typeof surveyFollowUps.$inferInsert,
): Promise<FollowUpRow> {
  const [r] = await db.insert(surveyFollowUps).values(row).returning();
  return r!;
}
export async function findFollowUp(
  db: Executor,
  id: string,
  forUpdate = false,
): Promise<FollowUpRow | undefined> {
  const q = db.select().from(surveyFollowUps).where(eq(surveyFollowUps.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}
export async function updateFollowUp(
  db: Executor,
  id: string,
  patch: Partial<FollowUpRow>,
): Promise<FollowUpRow> {
  const [r] = await db.update(surveyFollowUps).set(patch).where(eq(surveyFollowUps.id, id)).returning();
  return r!;
}
export const allFollowUps = (db: Executor, limit: number) =>
  db
    .select()
    .from(surveyFollowUps)
    .orderBy(asc(surveyFollowUps.status), desc(surveyFollowUps.createdAt))
    .limit(limit);
export const followUpsOfWaves = (db: Executor, waveIds: string[]) =>
  db.select().from(surveyFollowUps).where(inArray(surveyFollowUps.waveId, waveIds));

export async function insertAction(db: Executor, row: typeof surveyActions.$inferInsert): Promise<ActionRow> {
  const [r] = await db.insert(surveyActions).values(row).returning();
  return r!;
}
export async function findAction(
  db: Executor,
  id: string,
  forUpdate = false,
): Promise<ActionRow | undefined> {
  const q = db.select().from(surveyActions).where(eq(surveyActions.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}
export async function updateAction(db: Executor, id: string, patch: Partial<ActionRow>): Promise<ActionRow> {
  const [r] = await db.update(surveyActions).set(patch).where(eq(surveyActions.id, id)).returning();
  return r!;
}
export const allActions = (db: Executor) =>
  db.select().from(surveyActions).orderBy(asc(surveyActions.dueOn), asc(surveyActions.id));

// ---- report schedules ------------------------------------------------------------------------
export async function insertSchedule(
  db: Executor,
  row: typeof surveyReportSchedules.$inferInsert,
): Promise<ScheduleRow> {
  const [r] = await db.insert(surveyReportSchedules).values(row).returning();
  return r!;
}
export const dueSchedules = (db: Executor, at: Date) =>
  db
    .select()
    .from(surveyReportSchedules)
    .where(lte(surveyReportSchedules.nextRunAt, at))
    .for('update', { skipLocked: true });
export const schedulesOfWave = (db: Executor, waveId: string) =>
  db.select().from(surveyReportSchedules).where(eq(surveyReportSchedules.waveId, waveId));
export async function updateSchedule(db: Executor, id: string, patch: Partial<ScheduleRow>): Promise<void> {
  await db.update(surveyReportSchedules).set(patch).where(eq(surveyReportSchedules.id, id));
}

/** Invitations of a wave whose snapshot attribute `field` equals `value` (null: unknown). */
export async function countInGroup(
  db: Executor,
  waveId: string,
  field: string,
  value: string | null,
): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(surveyInvitations)
    .where(
      and(
        eq(surveyInvitations.waveId, waveId),
        value === null
          ? sql`${surveyInvitations.attributes} ->> ${field} is null`
          : sql`${surveyInvitations.attributes} ->> ${field} = ${value}`,
      ),
    );
  return Number(row?.n ?? 0);
}

export async function insertResponses(
  db: Executor,
  rows: (typeof surveyResponses.$inferInsert)[],
): Promise<void> {
  if (rows.length) await db.insert(surveyResponses).values(rows);
}
export async function insertFollowUps(
  db: Executor,
  rows: (typeof surveyFollowUps.$inferInsert)[],
): Promise<void> {
  if (rows.length) await db.insert(surveyFollowUps).values(rows);
}
