// The only code that touches the credit_disputes table.
import { and, asc, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { creditDisputes } from './disputes.tables.ts';

export type DisputeRow = typeof creditDisputes.$inferSelect;
export type NewDisputeRow = typeof creditDisputes.$inferInsert;

export interface DisputeFilter {
  status?: 'open' | 'resolved' | undefined;
  customerId?: string | undefined;
  loanId?: string | undefined;
  /** Open disputes due on or before this instant. */
  dueBefore?: Date | undefined;
}

export async function insertDispute(db: Executor, row: NewDisputeRow): Promise<DisputeRow> {
  const [r] = await db.insert(creditDisputes).values(row).returning();
  return r!;
}

export async function findDispute(db: Executor, id: string, lock = false): Promise<DisputeRow | undefined> {
  const q = db.select().from(creditDisputes).where(eq(creditDisputes.id, id));
  const [r] = lock ? await q.for('update') : await q;
  return r;
}

export async function updateDispute(db: Executor, id: string, patch: Partial<NewDisputeRow>): Promise<DisputeRow> {
  const [r] = await db.update(creditDisputes).set(patch).where(eq(creditDisputes.id, id)).returning();
  return r!;
}

function conditions(f: DisputeFilter): SQL[] {
  const c: SQL[] = [];
  if (f.status) c.push(eq(creditDisputes.status, f.status));
  if (f.customerId) c.push(eq(creditDisputes.customerId, f.customerId));
  if (f.loanId) c.push(eq(creditDisputes.loanId, f.loanId));
  if (f.dueBefore) c.push(lte(creditDisputes.dueAt, f.dueBefore));
  return c;
}

export async function listDisputes(db: Executor, f: DisputeFilter, page: { limit: number; offset: number }) {
  const where = and(...conditions(f));
  const items = await db
    .select()
    .from(creditDisputes)
    .where(where)
    .orderBy(sql`${creditDisputes.status} = 'resolved'`, asc(creditDisputes.dueAt))
    .limit(page.limit)
    .offset(page.offset);
  const [c] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(creditDisputes)
    .where(where);
  return { items, total: c?.n ?? 0 };
}

/** Disputes of these loans that are open, or were resolved at or after `resolvedSince`. */
export async function disputesOfLoans(db: Executor, loanIds: string[]): Promise<DisputeRow[]> {
  if (loanIds.length === 0) return [];
  const out: DisputeRow[] = [];
  for (let i = 0; i < loanIds.length; i += 1000)
    out.push(
      ...(await db
        .select()
        .from(creditDisputes)
        .where(inArray(creditDisputes.loanId, loanIds.slice(i, i + 1000)))),
    );
  return out;
}

export async function markFurnished(db: Executor, ids: string[], runId: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(creditDisputes)
    .set({ furnishedRunId: runId })
    .where(and(inArray(creditDisputes.id, ids), sql`${creditDisputes.furnishedRunId} is null`));
}

export async function countDisputes(db: Executor, now: Date, soon: Date) {
  const [r] = await db
    .select({
      open: sql<number>`count(*) filter (where ${creditDisputes.status} = 'open')::int`,
      atRisk: sql<number>`count(*) filter (where ${creditDisputes.status} = 'open' and ${creditDisputes.dueAt} > ${now.toISOString()} and ${creditDisputes.dueAt} <= ${soon.toISOString()})::int`,
      overdue: sql<number>`count(*) filter (where ${creditDisputes.status} = 'open' and ${creditDisputes.dueAt} <= ${now.toISOString()})::int`,
      awaitingFurnishing: sql<number>`count(*) filter (where ${creditDisputes.status} = 'resolved' and ${creditDisputes.furnishedRunId} is null)::int`,
    })
    .from(creditDisputes);
  return r!;
}

export async function nextDisputeNumber(db: Executor): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int + 1` }).from(creditDisputes);
  return r!.n;
}
