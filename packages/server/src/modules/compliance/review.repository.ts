// The only code that touches the internal-review and findings tables.
import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { complianceFindings, complianceReviewItems, complianceReviewSamples } from './review.tables.ts';

export type SampleRow = typeof complianceReviewSamples.$inferSelect;
export type ItemRow = typeof complianceReviewItems.$inferSelect;
export type FindingRow = typeof complianceFindings.$inferSelect;

export async function insertSample(db: Executor, row: typeof complianceReviewSamples.$inferInsert) {
  const [r] = await db.insert(complianceReviewSamples).values(row).returning();
  return r!;
}
export async function insertItems(db: Executor, rows: (typeof complianceReviewItems.$inferInsert)[]) {
  if (rows.length) await db.insert(complianceReviewItems).values(rows);
}
export const samples = (db: Executor) =>
  db.select().from(complianceReviewSamples).orderBy(desc(complianceReviewSamples.createdAt)).limit(200);
export async function findSample(db: Executor, id: string): Promise<SampleRow | undefined> {
  const [r] = await db.select().from(complianceReviewSamples).where(eq(complianceReviewSamples.id, id));
  return r;
}
export const itemsOf = (db: Executor, sampleId: string) =>
  db
    .select()
    .from(complianceReviewItems)
    .where(eq(complianceReviewItems.sampleId, sampleId))
    .orderBy(asc(complianceReviewItems.subjectType), asc(complianceReviewItems.occurredAt));
export async function findItem(db: Executor, id: string, lock = false): Promise<ItemRow | undefined> {
  const q = db.select().from(complianceReviewItems).where(eq(complianceReviewItems.id, id));
  const [r] = lock ? await q.for('update') : await q;
  return r;
}
export async function updateItem(db: Executor, id: string, set: Partial<ItemRow>) {
  const [r] = await db
    .update(complianceReviewItems)
    .set(set)
    .where(eq(complianceReviewItems.id, id))
    .returning();
  return r!;
}

export async function insertFinding(db: Executor, row: typeof complianceFindings.$inferInsert) {
  const [r] = await db.insert(complianceFindings).values(row).returning();
  return r!;
}
export async function findFinding(db: Executor, id: string, lock = false): Promise<FindingRow | undefined> {
  const q = db.select().from(complianceFindings).where(eq(complianceFindings.id, id));
  const [r] = lock ? await q.for('update') : await q;
  return r;
}
export async function updateFinding(db: Executor, id: string, set: Partial<FindingRow>) {
  const [r] = await db.update(complianceFindings).set(set).where(eq(complianceFindings.id, id)).returning();
  return r!;
}
export function findings(
  db: Executor,
  f: {
    source?: FindingRow['source'] | undefined;
    open?: boolean | undefined;
    sourceIds?: string[] | undefined;
  },
) {
  if (f.sourceIds && f.sourceIds.length === 0) return Promise.resolve([] as FindingRow[]);
  const conds = [
    f.source ? eq(complianceFindings.source, f.source) : undefined,
    f.open ? ne(complianceFindings.status, 'closed') : undefined,
    f.sourceIds ? inArray(complianceFindings.sourceId, f.sourceIds) : undefined,
  ].filter((c) => c !== undefined);
  return db
    .select()
    .from(complianceFindings)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(asc(complianceFindings.dueDate))
    .limit(1000);
}
