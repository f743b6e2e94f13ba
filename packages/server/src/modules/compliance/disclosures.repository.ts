// The only code that touches the disclosure tables.
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { complianceDisclosureTemplates, complianceDisclosures } from './disclosures.tables.ts';

export type TemplateRow = typeof complianceDisclosureTemplates.$inferSelect;
export type DisclosureRow = typeof complianceDisclosures.$inferSelect;
export type Stage = TemplateRow['stage'];

export async function activeTemplate(db: Executor, stage: Stage): Promise<TemplateRow | undefined> {
  const [r] = await db
    .select()
    .from(complianceDisclosureTemplates)
    .where(
      and(eq(complianceDisclosureTemplates.stage, stage), eq(complianceDisclosureTemplates.status, 'active')),
    );
  return r;
}
export async function latestTemplate(db: Executor, stage: Stage): Promise<TemplateRow | undefined> {
  const [r] = await db
    .select()
    .from(complianceDisclosureTemplates)
    .where(eq(complianceDisclosureTemplates.stage, stage))
    .orderBy(desc(complianceDisclosureTemplates.version))
    .limit(1)
    .for('update');
  return r;
}
export const templates = (db: Executor) =>
  db
    .select()
    .from(complianceDisclosureTemplates)
    .orderBy(asc(complianceDisclosureTemplates.stage), desc(complianceDisclosureTemplates.version));
export async function insertTemplate(db: Executor, row: typeof complianceDisclosureTemplates.$inferInsert) {
  const [r] = await db.insert(complianceDisclosureTemplates).values(row).returning();
  return r!;
}
export async function retireTemplates(db: Executor, stage: Stage) {
  await db
    .update(complianceDisclosureTemplates)
    .set({ status: 'retired' })
    .where(
      and(eq(complianceDisclosureTemplates.stage, stage), eq(complianceDisclosureTemplates.status, 'active')),
    );
}

export async function findDisclosure(
  db: Executor,
  id: string,
  lock = false,
): Promise<DisclosureRow | undefined> {
  const q = db.select().from(complianceDisclosures).where(eq(complianceDisclosures.id, id));
  const [r] = lock ? await q.for('update') : await q;
  return r;
}
export async function disclosureAt(db: Executor, applicationId: string, stage: Stage) {
  const [r] = await db
    .select()
    .from(complianceDisclosures)
    .where(
      and(eq(complianceDisclosures.applicationId, applicationId), eq(complianceDisclosures.stage, stage)),
    );
  return r;
}
export async function privacyNoticeOf(db: Executor, customerId: string, year: number) {
  const [r] = await db
    .select()
    .from(complianceDisclosures)
    .where(
      and(
        eq(complianceDisclosures.customerId, customerId),
        eq(complianceDisclosures.stage, 'privacy'),
        eq(complianceDisclosures.year, year),
      ),
    );
  return r;
}
/** Insert unless the stage (or the year's privacy notice) was delivered already; returns the row kept. */
export async function insertDisclosure(db: Executor, row: typeof complianceDisclosures.$inferInsert) {
  const [r] = await db.insert(complianceDisclosures).values(row).onConflictDoNothing().returning();
  return r;
}
export const disclosuresOfCustomer = (db: Executor, customerId: string) =>
  db
    .select()
    .from(complianceDisclosures)
    .where(eq(complianceDisclosures.customerId, customerId))
    .orderBy(desc(complianceDisclosures.deliveredAt));
export const disclosuresOfApplication = (db: Executor, applicationId: string) =>
  db
    .select()
    .from(complianceDisclosures)
    .where(eq(complianceDisclosures.applicationId, applicationId))
    .orderBy(asc(complianceDisclosures.deliveredAt));
export const recentDisclosures = (db: Executor, pendingOnly: boolean) =>
  db
    .select()
    .from(complianceDisclosures)
    .where(pendingOnly ? isNull(complianceDisclosures.acknowledgedAt) : undefined)
    .orderBy(desc(complianceDisclosures.deliveredAt))
    .limit(500);
export async function updateDisclosure(db: Executor, id: string, set: Partial<DisclosureRow>) {
  const [r] = await db
    .update(complianceDisclosures)
    .set(set)
    .where(eq(complianceDisclosures.id, id))
    .returning();
  return r!;
}
