// The only code that touches the data-protection tables (retention schedule, legal holds,
// retention runs, data-subject requests, regulator report runs, the declared data region).
import { and, asc, desc, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import {
  dataRegion,
  dataSubjectRequests,
  legalHolds,
  regulatorReportFiles,
  regulatorReportRuns,
  retentionRules,
  retentionRunItems,
  retentionRuns,
} from './retention.tables.ts';

export type RetentionRuleRow = typeof retentionRules.$inferSelect;
export type LegalHoldRow = typeof legalHolds.$inferSelect;
export type RetentionRunRow = typeof retentionRuns.$inferSelect;
export type RetentionRunItemRow = typeof retentionRunItems.$inferSelect;
export type DsrRow = typeof dataSubjectRequests.$inferSelect;
export type ReportRunRow = typeof regulatorReportRuns.$inferSelect;

// Retention schedule --------------------------------------------------------------------------

export async function listRules(db: Executor): Promise<RetentionRuleRow[]> {
  return db.select().from(retentionRules).orderBy(asc(retentionRules.recordType));
}

export async function findRule(db: Executor, recordType: string): Promise<RetentionRuleRow | undefined> {
  const [r] = await db.select().from(retentionRules).where(eq(retentionRules.recordType, recordType));
  return r;
}

export async function upsertRule(
  db: Executor,
  row: typeof retentionRules.$inferInsert,
): Promise<RetentionRuleRow> {
  const [r] = await db
    .insert(retentionRules)
    .values(row)
    .onConflictDoUpdate({
      target: retentionRules.recordType,
      set: {
        periodMonths: row.periodMonths,
        triggerEvent: row.triggerEvent,
        action: row.action,
        legalBasisEn: row.legalBasisEn,
        legalBasisZh: row.legalBasisZh,
        enabled: row.enabled ?? true,
        updatedAt: row.updatedAt,
        updatedBy: row.updatedBy ?? null,
      },
    })
    .returning();
  return r!;
}

export async function insertRuleIfMissing(
  db: Executor,
  row: typeof retentionRules.$inferInsert,
): Promise<void> {
  await db.insert(retentionRules).values(row).onConflictDoNothing();
}

// Legal holds ---------------------------------------------------------------------------------

export async function insertHold(db: Executor, row: typeof legalHolds.$inferInsert): Promise<LegalHoldRow> {
  const [r] = await db.insert(legalHolds).values(row).returning();
  return r!;
}

export async function lockHold(db: Executor, id: string): Promise<LegalHoldRow | undefined> {
  const [r] = await db.select().from(legalHolds).where(eq(legalHolds.id, id)).for('update');
  return r;
}

export async function releaseHold(
  db: Executor,
  id: string,
  patch: { releasedBy: string | null; releasedAt: Date; releaseReason: string },
): Promise<LegalHoldRow> {
  const [r] = await db.update(legalHolds).set(patch).where(eq(legalHolds.id, id)).returning();
  return r!;
}

export async function listHolds(db: Executor, activeOnly: boolean): Promise<LegalHoldRow[]> {
  return db
    .select()
    .from(legalHolds)
    .where(activeOnly ? isNull(legalHolds.releasedAt) : undefined)
    .orderBy(desc(legalHolds.placedAt));
}

export async function activeHoldsOf(db: Executor, customerId: string): Promise<LegalHoldRow[]> {
  return db
    .select()
    .from(legalHolds)
    .where(and(eq(legalHolds.customerId, customerId), isNull(legalHolds.releasedAt)));
}

// Retention runs ------------------------------------------------------------------------------

export async function findRunByAsOf(db: Executor, asOf: string): Promise<RetentionRunRow | undefined> {
  const [r] = await db.select().from(retentionRuns).where(eq(retentionRuns.asOf, asOf));
  return r;
}

export async function insertRunIfAbsent(db: Executor, row: typeof retentionRuns.$inferInsert): Promise<void> {
  await db.insert(retentionRuns).values(row).onConflictDoNothing();
}

export async function lockRun(db: Executor, id: string): Promise<RetentionRunRow | undefined> {
  const [r] = await db.select().from(retentionRuns).where(eq(retentionRuns.id, id)).for('update');
  return r;
}

export async function findRun(db: Executor, id: string): Promise<RetentionRunRow | undefined> {
  const [r] = await db.select().from(retentionRuns).where(eq(retentionRuns.id, id));
  return r;
}

export async function updateRun(
  db: Executor,
  id: string,
  patch: Partial<typeof retentionRuns.$inferInsert>,
): Promise<void> {
  await db.update(retentionRuns).set(patch).where(eq(retentionRuns.id, id));
}

export async function listRuns(db: Executor, limit: number): Promise<RetentionRunRow[]> {
  return db.select().from(retentionRuns).orderBy(desc(retentionRuns.startedAt)).limit(limit);
}

export async function insertRunItem(
  db: Executor,
  row: typeof retentionRunItems.$inferInsert,
): Promise<boolean> {
  const r = await db
    .insert(retentionRunItems)
    .values(row)
    .onConflictDoNothing()
    .returning({ h: retentionRunItems.subjectHash });
  return r.length > 0;
}

export async function runItems(db: Executor, runId: string): Promise<RetentionRunItemRow[]> {
  return db
    .select()
    .from(retentionRunItems)
    .where(eq(retentionRunItems.runId, runId))
    .orderBy(asc(retentionRunItems.recordType), asc(retentionRunItems.subjectHash));
}

// Data-subject requests -----------------------------------------------------------------------

export async function insertDsr(db: Executor, row: typeof dataSubjectRequests.$inferInsert): Promise<DsrRow> {
  const [r] = await db.insert(dataSubjectRequests).values(row).returning();
  return r!;
}

export async function findDsr(db: Executor, id: string): Promise<DsrRow | undefined> {
  const [r] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, id));
  return r;
}

export async function lockDsr(db: Executor, id: string): Promise<DsrRow | undefined> {
  const [r] = await db.select().from(dataSubjectRequests).where(eq(dataSubjectRequests.id, id)).for('update');
  return r;
}

export async function updateDsr(
  db: Executor,
  id: string,
  patch: Partial<typeof dataSubjectRequests.$inferInsert>,
): Promise<DsrRow> {
  const [r] = await db
    .update(dataSubjectRequests)
    .set(patch)
    .where(eq(dataSubjectRequests.id, id))
    .returning();
  return r!;
}

export async function listDsrs(
  db: Executor,
  f: { status?: string | undefined; customerId?: string | undefined },
): Promise<DsrRow[]> {
  const conds = [];
  if (f.status) conds.push(eq(dataSubjectRequests.status, f.status as DsrRow['status']));
  if (f.customerId) conds.push(eq(dataSubjectRequests.customerId, f.customerId));
  return db
    .select()
    .from(dataSubjectRequests)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(dataSubjectRequests.dueOn), asc(dataSubjectRequests.reference));
}

export async function openDsrsDueBy(db: Executor, dueBy: string): Promise<DsrRow[]> {
  return db
    .select()
    .from(dataSubjectRequests)
    .where(and(eq(dataSubjectRequests.status, 'open'), lte(dataSubjectRequests.dueOn, dueBy)))
    .orderBy(asc(dataSubjectRequests.dueOn));
}

export async function countDsrs(db: Executor, status: DsrRow['status']): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(dataSubjectRequests)
    .where(eq(dataSubjectRequests.status, status));
  return r?.n ?? 0;
}

/** Completed or refused requests closed before `before`, in id order: retention's candidates. */
export async function closedDsrsBefore(
  db: Executor,
  before: Date,
  afterId: string | null,
  limit: number,
): Promise<{ id: string; customerId: string }[]> {
  return db
    .select({ id: dataSubjectRequests.id, customerId: dataSubjectRequests.customerId })
    .from(dataSubjectRequests)
    .where(
      and(
        sql`${dataSubjectRequests.status} <> 'open'`,
        sql`${dataSubjectRequests.completedAt} < ${before.toISOString()}`,
        afterId ? sql`${dataSubjectRequests.id} > ${afterId}` : undefined,
      ),
    )
    .orderBy(asc(dataSubjectRequests.id))
    .limit(limit);
}

export async function deleteDsr(db: Executor, id: string): Promise<void> {
  await db.delete(dataSubjectRequests).where(eq(dataSubjectRequests.id, id));
}

export async function nextDsrNumber(db: Executor, year: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(dataSubjectRequests)
    .where(sql`${dataSubjectRequests.reference} like ${`DSR-${year}-%`}`);
  return (r?.n ?? 0) + 1;
}

// Regulator report runs -----------------------------------------------------------------------

export async function latestReportRun(
  db: Executor,
  report: ReportRunRow['report'],
  period: string,
  lock = false,
): Promise<ReportRunRow | undefined> {
  const q = db
    .select()
    .from(regulatorReportRuns)
    .where(and(eq(regulatorReportRuns.report, report), eq(regulatorReportRuns.period, period)))
    .orderBy(desc(regulatorReportRuns.version))
    .limit(1);
  const [r] = lock ? await q.for('update') : await q;
  return r;
}

export async function insertReportRun(
  db: Executor,
  row: typeof regulatorReportRuns.$inferInsert,
  files: { name: string; content: string }[],
): Promise<ReportRunRow> {
  const [r] = await db.insert(regulatorReportRuns).values(row).returning();
  if (files.length)
    await db
      .insert(regulatorReportFiles)
      .values(files.map((f) => ({ runId: row.id, name: f.name, content: f.content })));
  return r!;
}

export async function findReportRun(db: Executor, id: string): Promise<ReportRunRow | undefined> {
  const [r] = await db.select().from(regulatorReportRuns).where(eq(regulatorReportRuns.id, id));
  return r;
}

export async function listReportRuns(db: Executor, limit: number): Promise<ReportRunRow[]> {
  return db.select().from(regulatorReportRuns).orderBy(desc(regulatorReportRuns.createdAt)).limit(limit);
}

export async function reportFile(
  db: Executor,
  runId: string,
  name: string,
): Promise<{ name: string; content: string } | undefined> {
  const [r] = await db
    .select({ name: regulatorReportFiles.name, content: regulatorReportFiles.content })
    .from(regulatorReportFiles)
    .where(and(eq(regulatorReportFiles.runId, runId), eq(regulatorReportFiles.name, name)));
  return r;
}

/** Serialise report runs of one report+period (advisory lock on the caller's transaction). */
export async function lockReportPeriod(db: Executor, report: string, period: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`regulator-report:${report}:${period}`}))`);
}

// Data region ---------------------------------------------------------------------------------

export async function declaredRegion(
  db: Executor,
): Promise<{ region: string; declaredAt: Date } | undefined> {
  const [r] = await db.select().from(dataRegion).where(eq(dataRegion.id, 1));
  return r;
}

export async function declareRegion(db: Executor, region: 'cn' | 'us' | 'eu', at: Date): Promise<void> {
  await db.insert(dataRegion).values({ id: 1, region, declaredAt: at }).onConflictDoNothing();
}
