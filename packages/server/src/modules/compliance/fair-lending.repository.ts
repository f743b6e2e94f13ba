// The only code that touches the fair-lending runs table.
import { desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { complianceFairLendingRuns } from './fair-lending.tables.ts';

export type RunRow = typeof complianceFairLendingRuns.$inferSelect;

export async function insertRun(db: Executor, row: typeof complianceFairLendingRuns.$inferInsert) {
  const [r] = await db.insert(complianceFairLendingRuns).values(row).returning();
  return r!;
}
export const runs = (db: Executor, limit = 100) =>
  db.select().from(complianceFairLendingRuns).orderBy(desc(complianceFairLendingRuns.createdAt)).limit(limit);
export async function findRun(db: Executor, id: string): Promise<RunRow | undefined> {
  const [r] = await db.select().from(complianceFairLendingRuns).where(eq(complianceFairLendingRuns.id, id));
  return r;
}
