// The only code that touches the acquisition tables (prospects, campus events, referrals).
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gte, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../db/database.ts';
import {
  growthCampusEvents as events,
  growthEventAttendance as attendance,
  growthProspectActivity as activity,
  growthProspects as prospects,
  growthReferralCodes as codes,
  growthReferralRewards as rewards,
  growthReferrals as referrals,
} from './acquisition.tables.ts';

export type ProspectRow = typeof prospects.$inferSelect;
export type NewProspectRow = typeof prospects.$inferInsert;
export type ActivityRow = typeof activity.$inferSelect;
export type EventRow = typeof events.$inferSelect;
export type ReferralRow = typeof referrals.$inferSelect;
export type RewardRow = typeof rewards.$inferSelect;

// ---- prospects ------------------------------------------------------------------------------------

export async function nextProspectReference(db: Executor): Promise<string> {
  const [r] = await rowsOf<{ n: string }>(db, sql`select nextval('growth_prospect_reference_seq') as n`);
  return `P-${String(r!.n).padStart(6, '0')}`;
}

export async function insertProspect(db: Executor, row: NewProspectRow): Promise<ProspectRow> {
  const [r] = await db.insert(prospects).values(row).returning();
  return r!;
}

export async function findProspect(db: Executor, id: string, lock = false): Promise<ProspectRow | undefined> {
  const q = db.select().from(prospects).where(eq(prospects.id, id));
  const [r] = lock ? await q.for('update') : await q;
  return r;
}

export async function updateProspect(
  db: Executor,
  id: string,
  patch: Partial<NewProspectRow>,
): Promise<ProspectRow> {
  const [r] = await db.update(prospects).set(patch).where(eq(prospects.id, id)).returning();
  return r!;
}

export async function findProspectByExternalRef(db: Executor, source: string, ref: string) {
  const [r] = await db
    .select()
    .from(prospects)
    .where(and(eq(prospects.source, source as ProspectRow['source']), eq(prospects.externalRef, ref)));
  return r;
}

/** Open prospects (not a duplicate, not funded) with the same ID number, phone or e-mail. */
export async function findMatchingProspects(
  db: Executor,
  probe: { nationalIdHash: string | null; phoneHash: string | null; email: string | null },
): Promise<ProspectRow[]> {
  const conds: SQL[] = [];
  if (probe.nationalIdHash) conds.push(eq(prospects.nationalIdHash, probe.nationalIdHash));
  if (probe.phoneHash) conds.push(eq(prospects.phoneHash, probe.phoneHash));
  if (probe.email) conds.push(eq(prospects.email, probe.email));
  if (!conds.length) return [];
  return db
    .select()
    .from(prospects)
    .where(and(or(...conds), isNull(prospects.duplicateOf), sql`${prospects.stage} <> 'funded'`))
    .orderBy(asc(prospects.createdAt))
    .limit(5);
}

export interface ProspectFilter {
  stage?: string | undefined;
  source?: string | undefined;
  assignedTo?: string | undefined;
  eventId?: string | undefined;
  q?: string | undefined;
}

export async function searchProspects(
  db: Executor,
  f: ProspectFilter,
  page: { limit: number; offset: number },
): Promise<{ items: ProspectRow[]; total: number }> {
  const conds: SQL[] = [isNull(prospects.duplicateOf)];
  if (f.stage) conds.push(eq(prospects.stage, f.stage as ProspectRow['stage']));
  if (f.source) conds.push(eq(prospects.source, f.source as ProspectRow['source']));
  if (f.assignedTo) conds.push(eq(prospects.assignedTo, f.assignedTo));
  if (f.eventId) conds.push(eq(prospects.eventId, f.eventId));
  if (f.q) {
    const like = `%${f.q
      .trim()
      .toLowerCase()
      .replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conds.push(
      or(ilike(prospects.searchName, like), ilike(prospects.reference, like), ilike(prospects.email, like))!,
    );
  }
  const where = and(...conds);
  const items = await db
    .select()
    .from(prospects)
    .where(where)
    .orderBy(desc(prospects.score), desc(prospects.createdAt))
    .limit(page.limit)
    .offset(page.offset);
  const [c] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(prospects)
    .where(where);
  return { items, total: c?.n ?? 0 };
}

export async function stageCounts(db: Executor): Promise<Record<string, number>> {
  const rows = await db
    .select({ stage: prospects.stage, n: sql<number>`count(*)::int` })
    .from(prospects)
    .where(isNull(prospects.duplicateOf))
    .groupBy(prospects.stage);
  return Object.fromEntries(rows.map((r) => [r.stage, r.n]));
}

export async function prospectsInStage(db: Executor, stage: ProspectRow['stage']): Promise<ProspectRow[]> {
  return db
    .select()
    .from(prospects)
    .where(and(eq(prospects.stage, stage), isNull(prospects.duplicateOf)));
}

export async function unassignedOpenProspects(db: Executor, limit: number): Promise<ProspectRow[]> {
  return db
    .select()
    .from(prospects)
    .where(
      and(
        isNull(prospects.assignedTo),
        isNull(prospects.duplicateOf),
        inArray(prospects.stage, ['new', 'contacted', 'qualified']),
      ),
    )
    .orderBy(asc(prospects.createdAt))
    .limit(limit)
    .for('update');
}

export async function prospectsOfCustomer(db: Executor, customerId: string): Promise<ProspectRow[]> {
  return db.select().from(prospects).where(eq(prospects.customerId, customerId));
}

/** Rows for campaign attribution: prospects created since a time, with their customer. */
export async function prospectTouchesSince(db: Executor, since: Date) {
  return db
    .select({
      prospectId: prospects.id,
      customerId: prospects.customerId,
      trackingCode: prospects.trackingCode,
      source: prospects.source,
      at: prospects.createdAt,
    })
    .from(prospects)
    .where(gte(prospects.createdAt, since))
    .orderBy(asc(prospects.createdAt));
}

// ---- activity -------------------------------------------------------------------------------------

let lastMs = 0;
let counter = 0;
/**
 * A time-ordered UUID (version 7 layout: milliseconds, then a per-process counter, then random),
 * so a prospect's history reads in insertion order even when several rows share a timestamp.
 */
export function orderedId(): string {
  const ms = Date.now();
  if (ms === lastMs) counter++;
  else {
    lastMs = ms;
    counter = 0;
  }
  const hex = ms.toString(16).padStart(12, '0');
  const c = (0x7000 | (counter & 0xfff)).toString(16);
  const rand = randomUUID().slice(19);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${c}-${rand}`;
}

export async function insertActivity(db: Executor, row: typeof activity.$inferInsert): Promise<void> {
  await db.insert(activity).values(row);
}

export async function activityOf(db: Executor, prospectId: string): Promise<ActivityRow[]> {
  return db
    .select()
    .from(activity)
    .where(eq(activity.prospectId, prospectId))
    .orderBy(asc(activity.at), asc(activity.id));
}

/** Engagement counts for the lead score. */
export async function engagementCounts(db: Executor, prospectId: string) {
  const [r] = await db
    .select({
      contacts: sql<number>`count(*) filter (where ${activity.kind} = 'contacted')::int`,
      clicks: sql<number>`count(*) filter (where ${activity.kind} = 'link_clicked')::int`,
    })
    .from(activity)
    .where(eq(activity.prospectId, prospectId));
  const [e] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(attendance)
    .where(eq(attendance.prospectId, prospectId));
  return { contacts: r?.contacts ?? 0, linkClicks: r?.clicks ?? 0, eventsAttended: e?.n ?? 0 };
}

/** The round-robin cursor: how many prospects were assigned automatically so far. */
export async function autoAssignedCount(db: Executor): Promise<number> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('growth_prospect_round_robin'))`);
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(activity)
    .where(and(eq(activity.kind, 'assigned'), sql`${activity.data} ->> 'auto' = 'true'`));
  return r?.n ?? 0;
}

// ---- campus events --------------------------------------------------------------------------------

export async function insertEvent(db: Executor, row: typeof events.$inferInsert): Promise<EventRow> {
  const [r] = await db.insert(events).values(row).returning();
  return r!;
}

export async function findEvent(db: Executor, id: string, lock = false): Promise<EventRow | undefined> {
  const q = db.select().from(events).where(eq(events.id, id));
  const [r] = lock ? await q.for('update') : await q;
  return r;
}

export async function updateEvent(db: Executor, id: string, patch: Partial<EventRow>): Promise<EventRow> {
  const [r] = await db.update(events).set(patch).where(eq(events.id, id)).returning();
  return r!;
}

export async function listEvents(
  db: Executor,
  f: { schoolId?: string | undefined; status?: string | undefined },
) {
  const conds: SQL[] = [];
  if (f.schoolId) conds.push(eq(events.schoolId, f.schoolId));
  if (f.status) conds.push(eq(events.status, f.status as EventRow['status']));
  return db
    .select()
    .from(events)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(desc(events.eventDate));
}

/** True when the attendance was new. */
export async function insertAttendance(db: Executor, eventId: string, prospectId: string, at: Date) {
  const r = await db.insert(attendance).values({ eventId, prospectId, at }).onConflictDoNothing().returning();
  return r.length > 0;
}

/** Attendees, and how many of them reached an application and funding. */
export async function eventResults(db: Executor, eventId: string) {
  const [r] = await db
    .select({
      attendees: sql<number>`count(*)::int`,
      newProspects: sql<number>`count(*) filter (where ${prospects.eventId} = ${eventId})::int`,
      applications: sql<number>`count(*) filter (where ${prospects.applicationId} is not null)::int`,
      funded: sql<number>`count(*) filter (where ${prospects.stage} = 'funded')::int`,
    })
    .from(attendance)
    .innerJoin(prospects, eq(prospects.id, attendance.prospectId))
    .where(eq(attendance.eventId, eventId));
  return {
    attendees: r?.attendees ?? 0,
    newProspects: r?.newProspects ?? 0,
    applications: r?.applications ?? 0,
    funded: r?.funded ?? 0,
  };
}

// ---- referrals ------------------------------------------------------------------------------------

export async function findCodeOfCustomer(db: Executor, customerId: string) {
  const [r] = await db.select().from(codes).where(eq(codes.customerId, customerId));
  return r;
}

export async function findCode(db: Executor, code: string) {
  const [r] = await db.select().from(codes).where(eq(codes.code, code));
  return r;
}

/** Insert a code; false when the code (or the customer's row) exists already. */
export async function insertCode(db: Executor, customerId: string, code: string, at: Date): Promise<boolean> {
  const r = await db
    .insert(codes)
    .values({ customerId, code, createdAt: at })
    .onConflictDoNothing()
    .returning();
  return r.length > 0;
}

export async function insertReferral(db: Executor, row: typeof referrals.$inferInsert): Promise<ReferralRow> {
  const [r] = await db.insert(referrals).values(row).returning();
  return r!;
}

export async function findReferral(db: Executor, id: string, lock = false): Promise<ReferralRow | undefined> {
  const q = db.select().from(referrals).where(eq(referrals.id, id));
  const [r] = lock ? await q.for('update') : await q;
  return r;
}

export async function updateReferral(db: Executor, id: string, patch: Partial<ReferralRow>) {
  await db.update(referrals).set(patch).where(eq(referrals.id, id));
}

export async function referralsOf(db: Executor, referrerCustomerId: string) {
  return db
    .select({ referral: referrals, prospect: prospects, reward: rewards })
    .from(referrals)
    .innerJoin(prospects, eq(prospects.id, referrals.prospectId))
    .leftJoin(rewards, eq(rewards.referralId, referrals.id))
    .where(eq(referrals.referrerCustomerId, referrerCustomerId))
    .orderBy(desc(referrals.createdAt));
}

export async function insertReward(db: Executor, row: typeof rewards.$inferInsert): Promise<RewardRow> {
  const [r] = await db.insert(rewards).values(row).returning();
  return r!;
}

export async function rewardOfReferral(db: Executor, referralId: string, lock = false) {
  const q = db.select().from(rewards).where(eq(rewards.referralId, referralId));
  const [r] = lock ? await q.for('update') : await q;
  return r;
}

export async function findReward(db: Executor, id: string, lock = false) {
  const q = db.select().from(rewards).where(eq(rewards.id, id));
  const [r] = lock ? await q.for('update') : await q;
  return r;
}

export async function updateReward(db: Executor, id: string, patch: Partial<RewardRow>): Promise<RewardRow> {
  const [r] = await db.update(rewards).set(patch).where(eq(rewards.id, id)).returning();
  return r!;
}

/** Rewards earned or paid to a referrer in a cap year (the annual cap counts these). */
export async function rewardsCountedInYear(db: Executor, referrerCustomerId: string, year: number) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`growth_reward_cap:${referrerCustomerId}`}))`);
  const [r] = await db
    .select({
      n: sql<number>`count(*)::int`,
      amount: sql<number>`coalesce(sum(${rewards.amountMinor}), 0)::bigint`,
    })
    .from(rewards)
    .where(
      and(
        eq(rewards.referrerCustomerId, referrerCustomerId),
        eq(rewards.capYear, year),
        inArray(rewards.status, ['earned', 'paid']),
      ),
    );
  return { count: r?.n ?? 0, amountMinor: Number(r?.amount ?? 0) };
}

export async function listRewards(db: Executor, status: string | undefined) {
  return db
    .select()
    .from(rewards)
    .where(status ? eq(rewards.status, status as RewardRow['status']) : undefined)
    .orderBy(desc(rewards.createdAt))
    .limit(500);
}

// ---- bulk (demo data) -----------------------------------------------------------------------------

export async function insertProspectsBulk(db: Executor, rows: NewProspectRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insert(prospects).values(rows.slice(i, i + 500));
}

export async function insertActivitiesBulk(
  db: Executor,
  rows: (typeof activity.$inferInsert)[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insert(activity).values(rows.slice(i, i + 500));
}

export async function insertAttendancesBulk(
  db: Executor,
  rows: (typeof attendance.$inferInsert)[],
): Promise<void> {
  if (rows.length) await db.insert(attendance).values(rows);
}

/** Reserve `count` consecutive reference numbers; returns the first. */
export async function reserveProspectReferences(db: Executor, count: number): Promise<number> {
  const [r] = await rowsOf<{ start: string }>(
    db,
    sql`select setval('growth_prospect_reference_seq', nextval('growth_prospect_reference_seq') + ${count - 1}) - ${count - 1} as start`,
  );
  return Number(r!.start);
}
