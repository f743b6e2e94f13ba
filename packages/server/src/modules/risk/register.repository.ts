// The risk register's tables: risks, controls, key risk indicators and the incident log.
import { and, asc, desc, eq, gte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import {
  riskIncidents,
  riskRegisterControls,
  riskRegisterKris,
  riskRegisterRisks,
} from './portfolio.tables.ts';

export type RiskRow = typeof riskRegisterRisks.$inferSelect;
export type ControlRow = typeof riskRegisterControls.$inferSelect;
export type KriRow = typeof riskRegisterKris.$inferSelect;
export type IncidentRow = typeof riskIncidents.$inferSelect;

export async function allRisks(db: Executor): Promise<RiskRow[]> {
  return db.select().from(riskRegisterRisks).orderBy(asc(riskRegisterRisks.code));
}

export async function findRisk(db: Executor, id: string, forUpdate = false): Promise<RiskRow | undefined> {
  const q = db.select().from(riskRegisterRisks).where(eq(riskRegisterRisks.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

/** The next free RSK-nnn code; the unique index refuses a concurrent duplicate. */
export async function nextRiskCode(db: Executor): Promise<string> {
  const [r] = await db
    .select({ n: sql<number>`coalesce(max(substring(${riskRegisterRisks.code} from 5)::int), 0)::int` })
    .from(riskRegisterRisks)
    .where(sql`${riskRegisterRisks.code} ~ '^RSK-[0-9]+$'`);
  return `RSK-${String((r?.n ?? 0) + 1).padStart(3, '0')}`;
}

export async function insertRisk(db: Executor, row: typeof riskRegisterRisks.$inferInsert): Promise<void> {
  await db.insert(riskRegisterRisks).values(row);
}

export async function updateRisk(db: Executor, id: string, patch: Partial<RiskRow>): Promise<void> {
  await db.update(riskRegisterRisks).set(patch).where(eq(riskRegisterRisks.id, id));
}

export async function controlsOf(db: Executor, riskId?: string): Promise<ControlRow[]> {
  const q = db.select().from(riskRegisterControls);
  return (riskId ? q.where(eq(riskRegisterControls.riskId, riskId)) : q).orderBy(
    asc(riskRegisterControls.createdAt),
  );
}

export async function insertControl(
  db: Executor,
  row: typeof riskRegisterControls.$inferInsert,
): Promise<void> {
  await db.insert(riskRegisterControls).values(row);
}

export async function krisOf(db: Executor, riskId?: string): Promise<KriRow[]> {
  const q = db.select().from(riskRegisterKris);
  return (riskId ? q.where(eq(riskRegisterKris.riskId, riskId)) : q).orderBy(asc(riskRegisterKris.createdAt));
}

export async function insertKri(db: Executor, row: typeof riskRegisterKris.$inferInsert): Promise<void> {
  await db.insert(riskRegisterKris).values(row);
}

export async function incidents(db: Executor, riskId?: string): Promise<IncidentRow[]> {
  const q = db.select().from(riskIncidents);
  return (riskId ? q.where(eq(riskIncidents.riskId, riskId)) : q).orderBy(
    desc(riskIncidents.occurredOn),
    desc(riskIncidents.createdAt),
  );
}

export async function findIncident(db: Executor, id: string): Promise<IncidentRow | undefined> {
  const [row] = await db.select().from(riskIncidents).where(eq(riskIncidents.id, id)).for('update');
  return row;
}

export async function insertIncident(db: Executor, row: typeof riskIncidents.$inferInsert): Promise<void> {
  await db.insert(riskIncidents).values(row);
}

export async function updateIncident(db: Executor, id: string, patch: Partial<IncidentRow>): Promise<void> {
  await db.update(riskIncidents).set(patch).where(eq(riskIncidents.id, id));
}

/** Operational losses booked since `from`, per currency (minor units). */
export async function lossesSince(db: Executor, from: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ currency: riskIncidents.currency, total: sql<string>`sum(${riskIncidents.lossAmount})::text` })
    .from(riskIncidents)
    .where(and(gte(riskIncidents.occurredOn, from)))
    .groupBy(riskIncidents.currency);
  return new Map(rows.map((r) => [r.currency, Number(r.total)]));
}
