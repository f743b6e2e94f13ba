import { and, asc, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { productVersions } from './products.tables.ts';

export type ProductVersionRow = typeof productVersions.$inferSelect;
export type NewProductVersionRow = typeof productVersions.$inferInsert;

export async function allProductVersions(db: Executor): Promise<ProductVersionRow[]> {
  return db.select().from(productVersions).orderBy(asc(productVersions.code), desc(productVersions.version));
}

export async function versionsOf(db: Executor, code: string): Promise<ProductVersionRow[]> {
  return db
    .select()
    .from(productVersions)
    .where(eq(productVersions.code, code))
    .orderBy(desc(productVersions.version));
}

export async function findVersion(
  db: Executor,
  code: string,
  version: number,
): Promise<ProductVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(productVersions)
    .where(and(eq(productVersions.code, code), eq(productVersions.version, version)))
    .for('update');
  return row;
}

export async function findActive(db: Executor, code: string): Promise<ProductVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(productVersions)
    .where(and(eq(productVersions.code, code), eq(productVersions.status, 'active')));
  return row;
}

export async function insertVersion(db: Executor, row: NewProductVersionRow): Promise<ProductVersionRow> {
  const [created] = await db.insert(productVersions).values(row).returning();
  return created!;
}

export async function setStatus(
  db: Executor,
  id: string,
  patch: Pick<Partial<NewProductVersionRow>, 'status' | 'activatedAt' | 'retiredAt'>,
): Promise<ProductVersionRow> {
  const [row] = await db.update(productVersions).set(patch).where(eq(productVersions.id, id)).returning();
  return row!;
}

export async function updateDraftDefinition(
  db: Executor,
  id: string,
  patch: Pick<NewProductVersionRow, 'nameEn' | 'nameZh' | 'definition'>,
): Promise<ProductVersionRow> {
  const [row] = await db
    .update(productVersions)
    .set(patch)
    .where(and(eq(productVersions.id, id), eq(productVersions.status, 'draft')))
    .returning();
  return row!;
}

export async function deleteDraft(db: Executor, id: string): Promise<void> {
  await db
    .delete(productVersions)
    .where(and(eq(productVersions.id, id), eq(productVersions.status, 'draft')));
}
