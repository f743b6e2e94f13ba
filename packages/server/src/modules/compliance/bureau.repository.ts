// The only code that touches the furnishing tables (bureau runs and furnished accounts).
import { and, desc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { bureauFurnishedAccounts, bureauRuns } from './bureau.tables.ts';

export type BureauRunRow = typeof bureauRuns.$inferSelect;
export type NewBureauRunRow = typeof bureauRuns.$inferInsert;
export type FurnishedRow = typeof bureauFurnishedAccounts.$inferSelect;
export type NewFurnishedRow = typeof bureauFurnishedAccounts.$inferInsert;

export async function findRunForCycle(db: Executor, bureau: string, cycle: string, lock = false) {
  const q = db
    .select()
    .from(bureauRuns)
    .where(and(eq(bureauRuns.bureau, bureau as 'metro2'), eq(bureauRuns.cycle, cycle)));
  const [r] = lock ? await q.for('update') : await q;
  return r;
}

export async function findRun(db: Executor, id: string, lock = false): Promise<BureauRunRow | undefined> {
  const q = db.select().from(bureauRuns).where(eq(bureauRuns.id, id));
  const [r] = lock ? await q.for('update') : await q;
  return r;
}

export async function deleteRun(db: Executor, id: string): Promise<void> {
  await db.delete(bureauRuns).where(eq(bureauRuns.id, id));
}

export async function insertRun(db: Executor, row: NewBureauRunRow): Promise<void> {
  await db.insert(bureauRuns).values(row);
}

export async function insertFurnished(db: Executor, rows: NewFurnishedRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insert(bureauFurnishedAccounts).values(rows.slice(i, i + 500));
}

export async function updateRun(db: Executor, id: string, patch: Partial<NewBureauRunRow>): Promise<BureauRunRow> {
  const [r] = await db.update(bureauRuns).set(patch).where(eq(bureauRuns.id, id)).returning();
  return r!;
}

/** Runs without their file content, newest cycle first. */
export async function listRuns(db: Executor, limit: number, bureau?: string) {
  const t = bureauRuns;
  return db
    .select({
      id: t.id,
      bureau: t.bureau,
      cycle: t.cycle,
      asOf: t.asOf,
      status: t.status,
      fileName: t.fileName,
      sha256: t.sha256,
      accounts: t.accounts,
      corrections: t.corrections,
      disputed: t.disputed,
      errors: t.errors,
      totals: t.totals,
      generatedBy: t.generatedBy,
      generatedAt: t.generatedAt,
      releasedBy: t.releasedBy,
      releasedAt: t.releasedAt,
    })
    .from(bureauRuns)
    .where(bureau ? eq(bureauRuns.bureau, bureau as 'metro2') : undefined)
    .orderBy(desc(bureauRuns.cycle), desc(bureauRuns.generatedAt))
    .limit(limit);
}

export async function furnishedOfRun(db: Executor, runId: string): Promise<FurnishedRow[]> {
  return db.select().from(bureauFurnishedAccounts).where(eq(bureauFurnishedAccounts.runId, runId));
}

/** What released runs of a bureau furnished for these loans in cycles from `fromCycle` up to (not incl.) `beforeCycle`. */
export async function releasedHistory(
  db: Executor,
  bureau: string,
  loanIds: string[],
  fromCycle: string,
  beforeCycle: string,
) {
  if (loanIds.length === 0) return [];
  const rows: (FurnishedRow & { generatedAt: Date })[] = [];
  for (let i = 0; i < loanIds.length; i += 1000) {
    const part = await db
      .select({ f: bureauFurnishedAccounts, generatedAt: bureauRuns.generatedAt })
      .from(bureauFurnishedAccounts)
      .innerJoin(bureauRuns, eq(bureauRuns.id, bureauFurnishedAccounts.runId))
      .where(
        and(
          eq(bureauFurnishedAccounts.bureau, bureau as 'metro2'),
          eq(bureauRuns.status, 'released'),
          inArray(bureauFurnishedAccounts.loanId, loanIds.slice(i, i + 1000)),
          gte(bureauFurnishedAccounts.cycle, fromCycle),
          lt(bureauFurnishedAccounts.cycle, beforeCycle),
        ),
      );
    rows.push(...part.map((r) => ({ ...r.f, generatedAt: r.generatedAt })));
  }
  return rows;
}

/** Loans a released run of this bureau has ever furnished as deleted. */
export async function deletedLoans(db: Executor, bureau: string): Promise<Set<string>> {
  const rows = await db
    .select({ loanId: bureauFurnishedAccounts.loanId })
    .from(bureauFurnishedAccounts)
    .innerJoin(bureauRuns, eq(bureauRuns.id, bureauFurnishedAccounts.runId))
    .where(
      and(
        eq(bureauFurnishedAccounts.bureau, bureau as 'metro2'),
        eq(bureauRuns.status, 'released'),
        eq(bureauFurnishedAccounts.statusCode, 'DA'),
      ),
    );
  return new Set(rows.map((r) => r.loanId));
}
