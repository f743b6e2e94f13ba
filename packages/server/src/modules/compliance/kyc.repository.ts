// The only code that touches the KYC / AML tables.
import { and, asc, count, desc, eq, gt, inArray, min, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { rowsOf } from '../../db/database.ts';
import {
  kycVerifications,
  payeeAccounts,
  sanctionsEntries,
  sanctionsHits,
  sanctionsListVersions,
  sanctionsRescreens,
  sarCases,
  sarEvidence,
} from './kyc.tables.ts';

export type VerificationRow = typeof kycVerifications.$inferSelect;
export type ListVersionRow = typeof sanctionsListVersions.$inferSelect;
export type EntryRow = typeof sanctionsEntries.$inferSelect;
export type HitRow = typeof sanctionsHits.$inferSelect;
export type RescreenRow = typeof sanctionsRescreens.$inferSelect;
export type PayeeAccountRow = typeof payeeAccounts.$inferSelect;
export type SarCaseRow = typeof sarCases.$inferSelect;
export type SarEvidenceRow = typeof sarEvidence.$inferSelect;

// ---- identity verification ---------------------------------------------------------------------
export async function insertVerification(db: Executor, row: typeof kycVerifications.$inferInsert) {
  const [r] = await db.insert(kycVerifications).values(row).returning();
  return r!;
}
export const verificationsOf = (db: Executor, customerId: string) =>
  db
    .select()
    .from(kycVerifications)
    .where(eq(kycVerifications.customerId, customerId))
    .orderBy(desc(kycVerifications.createdAt));
export async function findVerification(db: Executor, id: string) {
  const [r] = await db.select().from(kycVerifications).where(eq(kycVerifications.id, id));
  return r;
}

// ---- sanctions lists ---------------------------------------------------------------------------
export async function latestVersion(db: Executor, listCode: string) {
  const [r] = await db
    .select()
    .from(sanctionsListVersions)
    .where(eq(sanctionsListVersions.listCode, listCode))
    .orderBy(desc(sanctionsListVersions.version))
    .limit(1);
  return r;
}
export async function insertListVersion(db: Executor, row: typeof sanctionsListVersions.$inferInsert) {
  const [r] = await db.insert(sanctionsListVersions).values(row).returning();
  return r!;
}
export async function findListVersion(db: Executor, id: string) {
  const [r] = await db.select().from(sanctionsListVersions).where(eq(sanctionsListVersions.id, id));
  return r;
}
export const listVersions = (db: Executor) =>
  db
    .select()
    .from(sanctionsListVersions)
    .orderBy(asc(sanctionsListVersions.listCode), desc(sanctionsListVersions.version));

export async function insertEntries(db: Executor, rows: (typeof sanctionsEntries.$inferInsert)[]) {
  for (let i = 0; i < rows.length; i += 500) await db.insert(sanctionsEntries).values(rows.slice(i, i + 500));
}

/** Entries of the current version of every list. */
export async function currentEntries(db: Executor): Promise<EntryRow[]> {
  return db
    .select()
    .from(sanctionsEntries)
    .where(
      sql`${sanctionsEntries.versionId} in (select distinct on (list_code) id from sanctions_list_versions order by list_code, version desc)`,
    );
}
export const entriesOfVersion = (db: Executor, versionId: string, page: { limit: number; offset: number }) =>
  db
    .select()
    .from(sanctionsEntries)
    .where(eq(sanctionsEntries.versionId, versionId))
    .orderBy(asc(sanctionsEntries.primaryName))
    .limit(page.limit)
    .offset(page.offset);

// ---- hits --------------------------------------------------------------------------------------
/** Insert new hits; one per customer and list entry, so a second screening adds none. Returns the new rows. */
export async function upsertHits(db: Executor, rows: (typeof sanctionsHits.$inferInsert)[]): Promise<HitRow[]> {
  const out: HitRow[] = [];
  // Chunks keep each statement well under PostgreSQL's 65,535 bind parameters.
  for (let i = 0; i < rows.length; i += 1000)
    out.push(
      ...(await db
        .insert(sanctionsHits)
        .values(rows.slice(i, i + 1000))
        .onConflictDoNothing({ target: [sanctionsHits.customerId, sanctionsHits.listCode, sanctionsHits.entryRef] })
        .returning()),
    );
  return out;
}
export async function findHit(db: Executor, id: string, lock = false) {
  const q = db.select().from(sanctionsHits).where(eq(sanctionsHits.id, id));
  const [r] = lock ? await q.for('update') : await q;
  return r;
}
export async function updateHit(db: Executor, id: string, patch: Partial<typeof sanctionsHits.$inferInsert>) {
  const [r] = await db.update(sanctionsHits).set(patch).where(eq(sanctionsHits.id, id)).returning();
  return r!;
}
export const hitsWhere = (
  db: Executor,
  filter: { status?: HitRow['status'] | undefined; customerId?: string | undefined },
  page: { limit: number; offset: number },
) =>
  db
    .select()
    .from(sanctionsHits)
    .where(
      and(
        filter.status ? eq(sanctionsHits.status, filter.status) : undefined,
        filter.customerId ? eq(sanctionsHits.customerId, filter.customerId) : undefined,
      ),
    )
    .orderBy(asc(sanctionsHits.createdAt), asc(sanctionsHits.id))
    .limit(page.limit)
    .offset(page.offset);

export async function confirmedHitsOf(db: Executor, customerId: string) {
  return db
    .select()
    .from(sanctionsHits)
    .where(and(eq(sanctionsHits.customerId, customerId), eq(sanctionsHits.status, 'confirmed')));
}
export async function unresolvedHitsOf(db: Executor, customerId: string) {
  return db
    .select()
    .from(sanctionsHits)
    .where(
      and(
        eq(sanctionsHits.customerId, customerId),
        inArray(sanctionsHits.status, ['pending', 'awaiting_approval']),
      ),
    );
}
export async function pendingHitFigures(db: Executor) {
  const [r] = await db
    .select({ n: count(), oldest: min(sanctionsHits.createdAt) })
    .from(sanctionsHits)
    .where(inArray(sanctionsHits.status, ['pending', 'awaiting_approval']));
  return { count: Number(r?.n ?? 0), oldest: r?.oldest ?? null };
}

// ---- re-screening ------------------------------------------------------------------------------
export async function insertRescreen(db: Executor, row: typeof sanctionsRescreens.$inferInsert) {
  const [r] = await db.insert(sanctionsRescreens).values(row).returning();
  return r!;
}
/** The oldest unfinished run, locked for this batch (another worker skips it meanwhile). */
export async function claimRescreen(db: Executor, id?: string) {
  const [r] = await db
    .select()
    .from(sanctionsRescreens)
    .where(
      and(
        inArray(sanctionsRescreens.status, ['pending', 'running']),
        id ? eq(sanctionsRescreens.id, id) : undefined,
      ),
    )
    .orderBy(asc(sanctionsRescreens.createdAt))
    .limit(1)
    .for('update', { skipLocked: true });
  return r;
}
export async function updateRescreen(db: Executor, id: string, patch: Partial<typeof sanctionsRescreens.$inferInsert>) {
  const [r] = await db.update(sanctionsRescreens).set(patch).where(eq(sanctionsRescreens.id, id)).returning();
  return r!;
}
export async function findRescreen(db: Executor, id: string) {
  const [r] = await db.select().from(sanctionsRescreens).where(eq(sanctionsRescreens.id, id));
  return r;
}
export const recentRescreens = (db: Executor) =>
  db.select().from(sanctionsRescreens).orderBy(desc(sanctionsRescreens.createdAt)).limit(20);

export interface ScreeningSubject {
  id: string;
  legal_name: string;
  preferred_name: string | null;
  date_of_birth: string | null;
}

/**
 * The next batch of customers after the cursor, read-only and set-based from the customers
 * module's table (ADR 0011: an analytic read, like risk's behaviour read model). Merged and
 * anonymised customers are skipped.
 */
export async function customersAfter(db: Executor, cursor: string | null, limit: number) {
  return rowsOf<ScreeningSubject>(
    db,
    sql`select id, legal_name, preferred_name, date_of_birth::text as date_of_birth from customers
        where status not in ('merged', 'anonymised') ${cursor ? sql`and id > ${cursor}` : sql``}
        order by id limit ${limit}`,
  );
}

// ---- payee accounts ----------------------------------------------------------------------------
export async function insertPayeeAccount(db: Executor, row: typeof payeeAccounts.$inferInsert) {
  const [r] = await db.insert(payeeAccounts).values(row).returning();
  return r!;
}
export async function findPayeeAccount(db: Executor, id: string, lock = false) {
  const q = db.select().from(payeeAccounts).where(eq(payeeAccounts.id, id));
  const [r] = lock ? await q.for('update') : await q;
  return r;
}
export async function updatePayeeAccount(db: Executor, id: string, patch: Partial<typeof payeeAccounts.$inferInsert>) {
  const [r] = await db.update(payeeAccounts).set(patch).where(eq(payeeAccounts.id, id)).returning();
  return r!;
}
export const payeeAccountsOf = (db: Executor, customerId: string) =>
  db
    .select()
    .from(payeeAccounts)
    .where(eq(payeeAccounts.customerId, customerId))
    .orderBy(desc(payeeAccounts.requestedAt));
export const payeeChangesWhere = (db: Executor, status: PayeeAccountRow['status'] | undefined) =>
  db
    .select()
    .from(payeeAccounts)
    .where(and(eq(payeeAccounts.isChange, true), status ? eq(payeeAccounts.status, status) : undefined))
    .orderBy(desc(payeeAccounts.requestedAt))
    .limit(200);
export async function coolingOffCount(db: Executor, now: Date) {
  const [r] = await db
    .select({ n: count() })
    .from(payeeAccounts)
    .where(
      and(
        eq(payeeAccounts.isChange, true),
        inArray(payeeAccounts.status, ['pending', 'active']),
        gt(payeeAccounts.coolingOffUntil, now),
      ),
    );
  return Number(r?.n ?? 0);
}

// ---- suspicious-activity cases -----------------------------------------------------------------
export async function insertSarCase(db: Executor, row: typeof sarCases.$inferInsert) {
  const [r] = await db.insert(sarCases).values(row).returning();
  return r!;
}
export async function findSarCase(db: Executor, id: string, lock = false) {
  const q = db.select().from(sarCases).where(eq(sarCases.id, id));
  const [r] = lock ? await q.for('update') : await q;
  return r;
}
export async function updateSarCase(db: Executor, id: string, patch: Partial<typeof sarCases.$inferInsert>) {
  const [r] = await db.update(sarCases).set(patch).where(eq(sarCases.id, id)).returning();
  return r!;
}
export const sarCasesWhere = (db: Executor, open: boolean | undefined) =>
  db
    .select()
    .from(sarCases)
    .where(
      open === undefined
        ? undefined
        : open
          ? inArray(sarCases.status, ['open', 'investigating'])
          : inArray(sarCases.status, ['filed', 'closed_no_filing']),
    )
    .orderBy(asc(sarCases.filingDueAt))
    .limit(200);
export async function countSarCasesInYear(db: Executor, year: number) {
  const [r] = await db
    .select({ n: count() })
    .from(sarCases)
    .where(sql`${sarCases.reference} like ${`SAR-${year}-%`}`);
  return Number(r?.n ?? 0);
}
export const openSarCases = (db: Executor) =>
  db
    .select()
    .from(sarCases)
    .where(inArray(sarCases.status, ['open', 'investigating']))
    .orderBy(asc(sarCases.filingDueAt));
export async function insertEvidence(db: Executor, row: typeof sarEvidence.$inferInsert) {
  const [r] = await db.insert(sarEvidence).values(row).returning();
  return r!;
}
export const evidenceOf = (db: Executor, caseId: string) =>
  db.select().from(sarEvidence).where(eq(sarEvidence.caseId, caseId)).orderBy(asc(sarEvidence.createdAt));

