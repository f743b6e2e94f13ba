// The only code that touches the campaign tables (campaigns.tables.ts).
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import {
  campaignAssignments,
  campaignCosts,
  campaignTouches,
  campaignTrackingCodes,
  campaignVariants,
  campaigns,
  nextBestOffers,
} from './campaigns.tables.ts';

export type CampaignRow = typeof campaigns.$inferSelect;
export type VariantRow = typeof campaignVariants.$inferSelect;
export type CostRow = typeof campaignCosts.$inferSelect;
export type TrackingCodeRow = typeof campaignTrackingCodes.$inferSelect;
export type NboRow = typeof nextBestOffers.$inferSelect;

export async function nextCampaignCode(db: Executor): Promise<string> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(campaigns);
  return `C${String((r?.n ?? 0) + 1).padStart(4, '0')}`;
}
export async function insertCampaign(db: Executor, row: typeof campaigns.$inferInsert): Promise<CampaignRow> {
  const [r] = await db.insert(campaigns).values(row).returning();
  return r!;
}
export async function findCampaign(
  db: Executor,
  id: string,
  forUpdate = false,
): Promise<CampaignRow | undefined> {
  const q = db.select().from(campaigns).where(eq(campaigns.id, id));
  const [r] = forUpdate ? await q.for('update') : await q;
  return r;
}
export async function updateCampaign(db: Executor, id: string, set: Partial<typeof campaigns.$inferInsert>) {
  const [r] = await db.update(campaigns).set(set).where(eq(campaigns.id, id)).returning();
  return r!;
}
export const listCampaigns = (db: Executor) => db.select().from(campaigns).orderBy(desc(campaigns.createdAt));
export const campaignsInStatus = (db: Executor, statuses: CampaignRow['status'][]) =>
  db.select().from(campaigns).where(inArray(campaigns.status, statuses)).orderBy(asc(campaigns.createdAt));

export const variantsOf = (db: Executor, campaignIds: string[]) =>
  campaignIds.length
    ? db
        .select()
        .from(campaignVariants)
        .where(inArray(campaignVariants.campaignId, campaignIds))
        .orderBy(asc(campaignVariants.key))
    : Promise.resolve([] as VariantRow[]);
export async function deleteVariants(db: Executor, campaignId: string) {
  await db.delete(campaignVariants).where(eq(campaignVariants.campaignId, campaignId));
}
export async function insertVariants(db: Executor, rows: (typeof campaignVariants.$inferInsert)[]) {
  if (rows.length) await db.insert(campaignVariants).values(rows);
}

export async function insertCost(db: Executor, row: typeof campaignCosts.$inferInsert): Promise<CostRow> {
  const [r] = await db.insert(campaignCosts).values(row).returning();
  return r!;
}
export const costsOf = (db: Executor, campaignIds: string[]) =>
  campaignIds.length
    ? db
        .select()
        .from(campaignCosts)
        .where(inArray(campaignCosts.campaignId, campaignIds))
        .orderBy(asc(campaignCosts.incurredOn), asc(campaignCosts.createdAt))
    : Promise.resolve([] as CostRow[]);

export const trackingCodesOf = (db: Executor, campaignIds: string[]) =>
  campaignIds.length
    ? db
        .select()
        .from(campaignTrackingCodes)
        .where(inArray(campaignTrackingCodes.campaignId, campaignIds))
        .orderBy(asc(campaignTrackingCodes.code))
    : Promise.resolve([] as TrackingCodeRow[]);
export async function findTrackingCode(db: Executor, code: string): Promise<TrackingCodeRow | undefined> {
  const [r] = await db.select().from(campaignTrackingCodes).where(eq(campaignTrackingCodes.code, code));
  return r;
}
/** Insert codes; a code already taken is skipped (returned rows are the ones written). */
export async function insertTrackingCodes(db: Executor, rows: (typeof campaignTrackingCodes.$inferInsert)[]) {
  if (!rows.length) return [];
  return db.insert(campaignTrackingCodes).values(rows).onConflictDoNothing().returning();
}

/** Record arms once: an existing assignment stands (the first draw is the one on record). */
export async function insertAssignments(db: Executor, rows: (typeof campaignAssignments.$inferInsert)[]) {
  if (!rows.length) return;
  await db.insert(campaignAssignments).values(rows).onConflictDoNothing();
}
export async function assignmentsOf(db: Executor, campaignId: string, customerIds: string[]) {
  if (!customerIds.length) return [];
  return db
    .select()
    .from(campaignAssignments)
    .where(
      and(
        eq(campaignAssignments.campaignId, campaignId),
        inArray(campaignAssignments.customerId, customerIds),
      ),
    );
}

export async function insertTouch(db: Executor, row: typeof campaignTouches.$inferInsert): Promise<boolean> {
  const r = await db
    .insert(campaignTouches)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: campaignTouches.id });
  return r.length > 0;
}
export async function insertTouches(db: Executor, rows: (typeof campaignTouches.$inferInsert)[]) {
  if (rows.length) await db.insert(campaignTouches).values(rows).onConflictDoNothing();
}

export async function nboOf(db: Executor, customerId: string): Promise<NboRow | undefined> {
  const [r] = await db.select().from(nextBestOffers).where(eq(nextBestOffers.customerId, customerId));
  return r;
}
export async function nbosOf(db: Executor, customerIds: string[]): Promise<NboRow[]> {
  if (!customerIds.length) return [];
  return db.select().from(nextBestOffers).where(inArray(nextBestOffers.customerId, customerIds));
}
export async function upsertNbos(db: Executor, rows: (typeof nextBestOffers.$inferInsert)[]) {
  if (!rows.length) return;
  await db
    .insert(nextBestOffers)
    .values(rows)
    .onConflictDoUpdate({
      target: nextBestOffers.customerId,
      set: {
        code: sql`excluded.code`,
        eligible: sql`excluded.eligible`,
        facts: sql`excluded.facts`,
        businessDate: sql`excluded.business_date`,
        computedAt: sql`excluded.computed_at`,
      },
    });
}
export const nboCounts = (db: Executor) =>
  db
    .select({ code: nextBestOffers.code, n: sql<number>`count(*)::int` })
    .from(nextBestOffers)
    .groupBy(nextBestOffers.code);
