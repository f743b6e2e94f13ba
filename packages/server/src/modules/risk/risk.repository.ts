import { and, asc, desc, eq, gte, lt, ne } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { riskApplicationScores, riskScorecardModels } from './risk.tables.ts';

export type ModelRow = typeof riskScorecardModels.$inferSelect;
export type NewModelRow = typeof riskScorecardModels.$inferInsert;
export type ScoreRow = typeof riskApplicationScores.$inferSelect;
export type NewScoreRow = typeof riskApplicationScores.$inferInsert;

export async function allModels(db: Executor): Promise<ModelRow[]> {
  return db
    .select()
    .from(riskScorecardModels)
    .orderBy(asc(riskScorecardModels.name), desc(riskScorecardModels.version));
}

export async function findModel(db: Executor, id: string, forUpdate = false): Promise<ModelRow | undefined> {
  const q = db.select().from(riskScorecardModels).where(eq(riskScorecardModels.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function findModelVersion(
  db: Executor,
  name: string,
  version: number,
): Promise<ModelRow | undefined> {
  const [row] = await db
    .select()
    .from(riskScorecardModels)
    .where(and(eq(riskScorecardModels.name, name), eq(riskScorecardModels.version, version)));
  return row;
}

export async function activeModels(db: Executor, name: string): Promise<ModelRow[]> {
  return db
    .select()
    .from(riskScorecardModels)
    .where(and(eq(riskScorecardModels.name, name), eq(riskScorecardModels.status, 'active')))
    .orderBy(desc(riskScorecardModels.version));
}

export async function latestVersion(db: Executor, name: string): Promise<number> {
  const [row] = await db
    .select({ version: riskScorecardModels.version })
    .from(riskScorecardModels)
    .where(eq(riskScorecardModels.name, name))
    .orderBy(desc(riskScorecardModels.version))
    .limit(1);
  return row?.version ?? 0;
}

export async function insertModel(db: Executor, row: NewModelRow): Promise<ModelRow> {
  const [created] = await db.insert(riskScorecardModels).values(row).returning();
  return created!;
}

export async function updateModel(db: Executor, id: string, patch: Partial<NewModelRow>): Promise<ModelRow> {
  const [row] = await db
    .update(riskScorecardModels)
    .set(patch)
    .where(eq(riskScorecardModels.id, id))
    .returning();
  return row!;
}

/** Other active champions of a name (there should be at most one). */
export async function otherChampions(db: Executor, name: string, exceptId: string): Promise<ModelRow[]> {
  return db
    .select()
    .from(riskScorecardModels)
    .where(
      and(
        eq(riskScorecardModels.name, name),
        eq(riskScorecardModels.status, 'active'),
        eq(riskScorecardModels.role, 'champion'),
        ne(riskScorecardModels.id, exceptId),
      ),
    )
    .for('update');
}

export async function deleteDraft(db: Executor, id: string): Promise<void> {
  await db
    .delete(riskScorecardModels)
    .where(and(eq(riskScorecardModels.id, id), eq(riskScorecardModels.status, 'draft')));
}

export async function insertScores(db: Executor, rows: NewScoreRow[]): Promise<void> {
  if (rows.length) await db.insert(riskApplicationScores).values(rows);
}

export async function setDecision(
  db: Executor,
  applicationRef: string,
  decision: 'approved' | 'declined',
): Promise<number> {
  const rows = await db
    .update(riskApplicationScores)
    .set({ decision })
    .where(eq(riskApplicationScores.applicationRef, applicationRef))
    .returning({ id: riskApplicationScores.id });
  return rows.length;
}

export async function scoresOf(
  db: Executor,
  filter: {
    modelName: string;
    from?: Date | undefined;
    to?: Date | undefined;
    role?: 'champion' | 'challenger' | 'direct';
  },
): Promise<ScoreRow[]> {
  const conds = [eq(riskApplicationScores.modelName, filter.modelName)];
  if (filter.from) conds.push(gte(riskApplicationScores.scoredAt, filter.from));
  if (filter.to) conds.push(lt(riskApplicationScores.scoredAt, filter.to));
  if (filter.role) conds.push(eq(riskApplicationScores.role, filter.role));
  return db
    .select()
    .from(riskApplicationScores)
    .where(and(...conds))
    .orderBy(asc(riskApplicationScores.scoredAt));
}

export async function scoresForApplication(db: Executor, applicationRef: string): Promise<ScoreRow[]> {
  return db
    .select()
    .from(riskApplicationScores)
    .where(eq(riskApplicationScores.applicationRef, applicationRef))
    .orderBy(asc(riskApplicationScores.scoredAt));
}
