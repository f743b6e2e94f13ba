// The only code that touches the customers module's tables.
import { and, asc, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../db/database.ts';
import {
  consentEvents,
  consents,
  creditRecords,
  customerMerges,
  customerNotes,
  customers,
  customerTasks,
  enrolments,
  enrolmentStatusHistory,
  households,
  importJobs,
  programmes,
  relatedParties,
  schools,
  segmentMembers,
  segments,
  segmentSnapshots,
  termResults,
  timelineEvents,
} from './customers.tables.ts';

export type CustomerRow = typeof customers.$inferSelect;
export type NewCustomerRow = typeof customers.$inferInsert;
export type SchoolRow = typeof schools.$inferSelect;
export type NewSchoolRow = typeof schools.$inferInsert;
export type ProgrammeRow = typeof programmes.$inferSelect;
export type RelatedPartyRow = typeof relatedParties.$inferSelect;
export type NewRelatedPartyRow = typeof relatedParties.$inferInsert;
export type EnrolmentRow = typeof enrolments.$inferSelect;
export type NewEnrolmentRow = typeof enrolments.$inferInsert;
export type StatusHistoryRow = typeof enrolmentStatusHistory.$inferSelect;
export type TermResultRow = typeof termResults.$inferSelect;
export type HouseholdRow = typeof households.$inferSelect;
export type CreditRecordRow = typeof creditRecords.$inferSelect;
export type ConsentRow = typeof consents.$inferSelect;
export type ConsentEventRow = typeof consentEvents.$inferSelect;
export type NoteRow = typeof customerNotes.$inferSelect;
export type TaskRow = typeof customerTasks.$inferSelect;
export type TimelineRow = typeof timelineEvents.$inferSelect;
export type NewTimelineRow = typeof timelineEvents.$inferInsert;
export type SegmentRow = typeof segments.$inferSelect;
export type SnapshotRow = typeof segmentSnapshots.$inferSelect;
export type ImportJobRow = typeof importJobs.$inferSelect;
export type MergeRow = typeof customerMerges.$inferSelect;

// Schools and programmes ----------------------------------------------------------------------

export async function countSchools(db: Executor): Promise<number> {
  const [r] = await rowsOf<{ n: string }>(db, sql`select count(*)::text as n from schools`);
  return Number(r?.n ?? 0);
}

export async function insertSchools(db: Executor, rows: NewSchoolRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(schools)
      .values(rows.slice(i, i + 500))
      .onConflictDoNothing();
  }
}

export async function insertSchool(db: Executor, row: NewSchoolRow): Promise<SchoolRow> {
  const [r] = await db.insert(schools).values(row).returning();
  return r!;
}

export async function findSchool(db: Executor, id: string): Promise<SchoolRow | undefined> {
  const [r] = await db.select().from(schools).where(eq(schools.id, id));
  return r;
}

export async function findSchoolByCode(
  db: Executor,
  country: string,
  code: string,
): Promise<SchoolRow | undefined> {
  const [r] = await db
    .select()
    .from(schools)
    .where(and(eq(schools.country, country), eq(schools.externalCode, code)));
  return r;
}

export async function findSchoolsByIds(db: Executor, ids: string[]): Promise<SchoolRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(schools).where(inArray(schools.id, ids));
}

export async function searchSchools(
  db: Executor,
  f: { q?: string | undefined; country?: string | undefined },
  page: { limit: number; offset: number },
): Promise<{ items: SchoolRow[]; total: number }> {
  const conds: SQL[] = [];
  if (f.country) conds.push(eq(schools.country, f.country));
  let order: SQL = sql`${schools.name}`;
  if (f.q) {
    const q = f.q.trim().toLowerCase();
    const like = `%${escapeLike(q)}%`;
    conds.push(
      sql`(lower(${schools.name}) like ${like} or ${schools.nameLocal} like ${like} or ${schools.externalCode} = ${f.q.trim()} or ${q} <% lower(${schools.name}))`,
    );
    order = sql`(lower(${schools.name}) like ${like} or ${schools.nameLocal} like ${like}) desc, word_similarity(${q}, lower(${schools.name})) desc, ${schools.name}`;
  }
  const where = conds.length ? and(...conds) : undefined;
  const items = await db
    .select()
    .from(schools)
    .where(where)
    .orderBy(order)
    .limit(page.limit)
    .offset(page.offset);
  const [c] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(schools)
    .where(where);
  return { items, total: c?.n ?? 0 };
}

export async function insertProgramme(
  db: Executor,
  row: typeof programmes.$inferInsert,
): Promise<ProgrammeRow> {
  const [r] = await db.insert(programmes).values(row).returning();
  return r!;
}

export async function findProgramme(db: Executor, id: string): Promise<ProgrammeRow | undefined> {
  const [r] = await db.select().from(programmes).where(eq(programmes.id, id));
  return r;
}

export async function listProgrammes(db: Executor, schoolId: string): Promise<ProgrammeRow[]> {
  return db.select().from(programmes).where(eq(programmes.schoolId, schoolId)).orderBy(programmes.name);
}

// Customers -----------------------------------------------------------------------------------

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function insertCustomer(db: Executor, row: NewCustomerRow): Promise<CustomerRow> {
  const [r] = await db.insert(customers).values(row).returning();
  return r!;
}

export async function findCustomer(db: Executor, id: string): Promise<CustomerRow | undefined> {
  const [r] = await db.select().from(customers).where(eq(customers.id, id));
  return r;
}

export async function lockCustomer(db: Executor, id: string): Promise<CustomerRow | undefined> {
  const [r] = await db.select().from(customers).where(eq(customers.id, id)).for('update');
  return r;
}

export async function findCustomerByExternalRef(db: Executor, ref: string): Promise<CustomerRow | undefined> {
  const [r] = await db.select().from(customers).where(eq(customers.externalRef, ref));
  return r;
}

export async function updateCustomer(
  db: Executor,
  id: string,
  patch: Partial<NewCustomerRow>,
): Promise<CustomerRow> {
  const [r] = await db
    .update(customers)
    .set({ ...patch, version: sql`${customers.version} + 1` })
    .where(eq(customers.id, id))
    .returning();
  return r!;
}

export interface CustomerScope {
  schoolId?: string | null | undefined;
  customerId?: string | null | undefined;
}

/** SQL condition that keeps a query to what the viewer may see. */
export function scopeCondition(scope: CustomerScope | null): SQL | undefined {
  if (!scope) return undefined;
  if (scope.customerId !== undefined)
    return scope.customerId ? eq(customers.id, scope.customerId) : sql`false`;
  if (scope.schoolId !== undefined)
    return scope.schoolId ? eq(customers.currentSchoolId, scope.schoolId) : sql`false`;
  return undefined;
}

export interface CustomerSearch {
  /** Name (partial, typo-tolerant), email; ID and phone match through the caller's hashes. */
  name?: string | undefined;
  email?: string | undefined;
  nationalIdHash?: string | undefined;
  phoneHash?: string | undefined;
  phoneLast4Hash?: string | undefined;
  schoolId?: string | undefined;
  status?: string | undefined;
  tag?: string | undefined;
  level?: string | undefined;
  economicStatus?: string | undefined;
  creditRecord?: string | undefined;
  loanNeed?: string | undefined;
  includeMerged?: boolean;
}

export async function searchCustomers(
  db: Executor,
  scope: CustomerScope | null,
  f: CustomerSearch,
  page: { limit: number; offset: number },
  extra?: SQL,
): Promise<{ items: CustomerRow[]; total: number }> {
  const conds: SQL[] = [];
  if (extra) conds.push(extra);
  const sc = scopeCondition(scope);
  if (sc) conds.push(sc);
  let order: SQL[] = [desc(customers.createdAt), desc(customers.id)];
  if (f.name) {
    const q = f.name.trim().toLowerCase();
    const like = `%${escapeLike(q)}%`;
    // Substring match, or a typo-tolerant trigram match on a word of the name.
    conds.push(sql`(${customers.searchName} like ${like} or ${q} <% ${customers.searchName})`);
    order = [
      sql`(${customers.searchName} like ${like}) desc`,
      sql`word_similarity(${q}, ${customers.searchName}) desc`,
      asc(customers.legalName),
      asc(customers.id),
    ];
  }
  if (f.email) conds.push(sql`${customers.email} like ${`${escapeLike(f.email.trim().toLowerCase())}%`}`);
  if (f.nationalIdHash) conds.push(eq(customers.nationalIdHash, f.nationalIdHash));
  if (f.phoneHash) conds.push(eq(customers.phoneHash, f.phoneHash));
  if (f.phoneLast4Hash) conds.push(eq(customers.phoneLast4Hash, f.phoneLast4Hash));
  if (f.schoolId) conds.push(eq(customers.currentSchoolId, f.schoolId));
  if (f.status) conds.push(eq(customers.status, f.status));
  else if (!f.includeMerged) conds.push(sql`${customers.status} <> 'merged'`);
  if (f.tag) conds.push(sql`${f.tag} = any(${customers.tags})`);
  if (f.level) conds.push(eq(customers.classEducationLevel, f.level));
  if (f.economicStatus) conds.push(eq(customers.classEconomicStatus, f.economicStatus));
  if (f.creditRecord) conds.push(eq(customers.classCreditRecord, f.creditRecord));
  if (f.loanNeed) conds.push(eq(customers.classLoanNeed, f.loanNeed));
  const where = and(...conds);
  const items = await db
    .select()
    .from(customers)
    .where(where)
    .orderBy(...order)
    .limit(page.limit)
    .offset(page.offset);
  // Counting a broad filter over a million rows is the slow part of a list: cap it.
  const [c] = await rowsOf<{ n: number }>(
    db,
    sql`select count(*)::int as n from (select 1 from ${customers} where ${where ?? sql`true`} limit 10001) s`,
  );
  return { items, total: c?.n ?? 0 };
}

export async function findCustomersByNationalIdHash(db: Executor, hash: string): Promise<CustomerRow[]> {
  return db
    .select()
    .from(customers)
    .where(and(eq(customers.nationalIdHash, hash), sql`${customers.status} not in ('merged', 'anonymised')`));
}

/** Likely duplicates by name + date of birth (+ school when given). */
/** search_name is the legal name followed by any preferred name: match on the legal-name part. */
function sameLegalName(legalSearchName: string): SQL {
  return sql`(${customers.searchName} = ${legalSearchName} or ${customers.searchName} like ${`${legalSearchName.replace(/[\\%_]/g, (ch) => `\\${ch}`)} %`})`;
}

export async function findCustomersByNameDob(
  db: Executor,
  legalSearchName: string,
  dob: string,
  schoolId?: string | null,
): Promise<CustomerRow[]> {
  const conds = [
    sameLegalName(legalSearchName),
    eq(customers.dateOfBirth, dob),
    sql`${customers.status} not in ('merged', 'anonymised')`,
  ];
  if (schoolId) conds.push(eq(customers.currentSchoolId, schoolId));
  return db
    .select()
    .from(customers)
    .where(and(...conds))
    .limit(20);
}

// Related parties -----------------------------------------------------------------------------

export async function insertRelatedParty(db: Executor, row: NewRelatedPartyRow): Promise<RelatedPartyRow> {
  const [r] = await db.insert(relatedParties).values(row).returning();
  return r!;
}

export async function findRelatedParty(
  db: Executor,
  customerId: string,
  id: string,
): Promise<RelatedPartyRow | undefined> {
  const [r] = await db
    .select()
    .from(relatedParties)
    .where(and(eq(relatedParties.id, id), eq(relatedParties.customerId, customerId)));
  return r;
}

export async function updateRelatedParty(
  db: Executor,
  id: string,
  patch: Partial<NewRelatedPartyRow>,
): Promise<RelatedPartyRow> {
  const [r] = await db.update(relatedParties).set(patch).where(eq(relatedParties.id, id)).returning();
  return r!;
}

export async function deleteRelatedParty(db: Executor, id: string): Promise<void> {
  await db.delete(relatedParties).where(eq(relatedParties.id, id));
}

export async function listRelatedParties(db: Executor, customerId: string): Promise<RelatedPartyRow[]> {
  return db
    .select()
    .from(relatedParties)
    .where(eq(relatedParties.customerId, customerId))
    .orderBy(relatedParties.createdAt);
}

// Enrolment -----------------------------------------------------------------------------------

export async function insertEnrolment(db: Executor, row: NewEnrolmentRow): Promise<EnrolmentRow> {
  const [r] = await db.insert(enrolments).values(row).returning();
  return r!;
}

export async function clearCurrentEnrolment(db: Executor, customerId: string): Promise<void> {
  await db
    .update(enrolments)
    .set({ isCurrent: false })
    .where(and(eq(enrolments.customerId, customerId), eq(enrolments.isCurrent, true)));
}

export async function findEnrolment(
  db: Executor,
  customerId: string,
  id: string,
): Promise<EnrolmentRow | undefined> {
  const [r] = await db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.id, id), eq(enrolments.customerId, customerId)));
  return r;
}

export async function updateEnrolment(
  db: Executor,
  id: string,
  patch: Partial<NewEnrolmentRow>,
): Promise<EnrolmentRow> {
  const [r] = await db.update(enrolments).set(patch).where(eq(enrolments.id, id)).returning();
  return r!;
}

export async function currentEnrolment(db: Executor, customerId: string): Promise<EnrolmentRow | undefined> {
  const [r] = await db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.customerId, customerId), eq(enrolments.isCurrent, true)));
  return r;
}

export async function listEnrolments(db: Executor, customerId: string): Promise<EnrolmentRow[]> {
  return db
    .select()
    .from(enrolments)
    .where(eq(enrolments.customerId, customerId))
    .orderBy(desc(enrolments.startDate));
}

export async function insertStatusHistory(
  db: Executor,
  row: typeof enrolmentStatusHistory.$inferInsert,
): Promise<void> {
  await db.insert(enrolmentStatusHistory).values(row);
}

export async function listStatusHistory(db: Executor, enrolmentIds: string[]): Promise<StatusHistoryRow[]> {
  if (enrolmentIds.length === 0) return [];
  return db
    .select()
    .from(enrolmentStatusHistory)
    .where(inArray(enrolmentStatusHistory.enrolmentId, enrolmentIds))
    .orderBy(enrolmentStatusHistory.effectiveDate, enrolmentStatusHistory.recordedAt);
}

export async function upsertTermResult(
  db: Executor,
  row: typeof termResults.$inferInsert,
): Promise<TermResultRow> {
  const [r] = await db
    .insert(termResults)
    .values(row)
    .onConflictDoUpdate({
      target: [termResults.enrolmentId, termResults.term],
      set: {
        gpa: row.gpa,
        gpaScale: row.gpaScale,
        averageScore: row.averageScore,
        creditsEarned: row.creditsEarned,
        recordedAt: row.recordedAt,
      },
    })
    .returning();
  return r!;
}

export async function listTermResults(db: Executor, enrolmentIds: string[]): Promise<TermResultRow[]> {
  if (enrolmentIds.length === 0) return [];
  return db
    .select()
    .from(termResults)
    .where(inArray(termResults.enrolmentId, enrolmentIds))
    .orderBy(termResults.term);
}

// Household, credit record, consent -----------------------------------------------------------

export async function findHousehold(db: Executor, customerId: string): Promise<HouseholdRow | undefined> {
  const [r] = await db.select().from(households).where(eq(households.customerId, customerId));
  return r;
}

export async function upsertHousehold(
  db: Executor,
  row: typeof households.$inferInsert,
): Promise<HouseholdRow> {
  const { customerId: _c, ...set } = row;
  const [r] = await db
    .insert(households)
    .values(row)
    .onConflictDoUpdate({ target: households.customerId, set })
    .returning();
  return r!;
}

export async function findCreditRecord(
  db: Executor,
  customerId: string,
): Promise<CreditRecordRow | undefined> {
  const [r] = await db.select().from(creditRecords).where(eq(creditRecords.customerId, customerId));
  return r;
}

export async function upsertCreditRecord(
  db: Executor,
  row: typeof creditRecords.$inferInsert,
): Promise<CreditRecordRow> {
  const { customerId: _c, ...set } = row;
  const [r] = await db
    .insert(creditRecords)
    .values(row)
    .onConflictDoUpdate({ target: creditRecords.customerId, set })
    .returning();
  return r!;
}

export async function recordConsent(db: Executor, row: typeof consentEvents.$inferInsert): Promise<void> {
  await db.insert(consentEvents).values(row);
  await db
    .insert(consents)
    .values({
      customerId: row.customerId,
      purpose: row.purpose,
      granted: row.granted,
      source: row.source,
      recordedAt: row.recordedAt,
    })
    .onConflictDoUpdate({
      target: [consents.customerId, consents.purpose],
      set: { granted: row.granted, source: row.source, recordedAt: row.recordedAt },
    });
}

export async function listConsents(db: Executor, customerId: string): Promise<ConsentRow[]> {
  return db.select().from(consents).where(eq(consents.customerId, customerId)).orderBy(consents.purpose);
}

export async function listConsentEvents(db: Executor, customerId: string): Promise<ConsentEventRow[]> {
  return db
    .select()
    .from(consentEvents)
    .where(eq(consentEvents.customerId, customerId))
    .orderBy(consentEvents.recordedAt);
}

// Notes, tasks, timeline ----------------------------------------------------------------------

export async function insertNote(db: Executor, row: typeof customerNotes.$inferInsert): Promise<NoteRow> {
  const [r] = await db.insert(customerNotes).values(row).returning();
  return r!;
}

export async function listNotes(
  db: Executor,
  customerId: string,
  limit: number,
  offset: number,
): Promise<NoteRow[]> {
  return db
    .select()
    .from(customerNotes)
    .where(eq(customerNotes.customerId, customerId))
    .orderBy(desc(customerNotes.createdAt))
    .limit(limit)
    .offset(offset);
}

export async function insertTask(db: Executor, row: typeof customerTasks.$inferInsert): Promise<TaskRow> {
  const [r] = await db.insert(customerTasks).values(row).returning();
  return r!;
}

export async function findTask(db: Executor, customerId: string, id: string): Promise<TaskRow | undefined> {
  const [r] = await db
    .select()
    .from(customerTasks)
    .where(and(eq(customerTasks.id, id), eq(customerTasks.customerId, customerId)));
  return r;
}

export async function updateTask(
  db: Executor,
  id: string,
  patch: Partial<typeof customerTasks.$inferInsert>,
): Promise<TaskRow> {
  const [r] = await db.update(customerTasks).set(patch).where(eq(customerTasks.id, id)).returning();
  return r!;
}

export async function listTasks(
  db: Executor,
  f: { customerId?: string; assigneeId?: string; status?: string | undefined },
  limit: number,
): Promise<TaskRow[]> {
  const conds: SQL[] = [];
  if (f.customerId) conds.push(eq(customerTasks.customerId, f.customerId));
  if (f.assigneeId) conds.push(eq(customerTasks.assigneeId, f.assigneeId));
  if (f.status) conds.push(eq(customerTasks.status, f.status));
  return db
    .select()
    .from(customerTasks)
    .where(and(...conds))
    .orderBy(sql`${customerTasks.dueDate} asc nulls last`, desc(customerTasks.createdAt))
    .limit(limit);
}

export async function insertTimeline(db: Executor, row: NewTimelineRow): Promise<void> {
  await db.insert(timelineEvents).values(row);
}

export async function listTimeline(
  db: Executor,
  customerId: string,
  before: Date | undefined,
  limit: number,
): Promise<TimelineRow[]> {
  const conds = [eq(timelineEvents.customerId, customerId)];
  if (before) conds.push(lt(timelineEvents.occurredAt, before));
  return db
    .select()
    .from(timelineEvents)
    .where(and(...conds))
    .orderBy(desc(timelineEvents.occurredAt), desc(timelineEvents.id))
    .limit(limit);
}

// Merge and anonymisation ---------------------------------------------------------------------

const CHILD_TABLES = {
  relatedParties,
  enrolments,
  customerNotes,
  customerTasks,
  timelineEvents,
  consentEvents,
} as const;
export type ChildTable = keyof typeof CHILD_TABLES;
export const CHILD_TABLE_NAMES = Object.keys(CHILD_TABLES) as ChildTable[];

export async function childIds(db: Executor, customerId: string): Promise<Record<ChildTable, string[]>> {
  const out = {} as Record<ChildTable, string[]>;
  for (const name of CHILD_TABLE_NAMES) {
    const t = CHILD_TABLES[name];
    const rows = await db.select({ id: t.id }).from(t).where(eq(t.customerId, customerId));
    out[name] = rows.map((r) => r.id);
  }
  return out;
}

export async function moveChildren(
  db: Executor,
  ids: Record<ChildTable, string[]>,
  toCustomerId: string,
): Promise<void> {
  for (const name of CHILD_TABLE_NAMES) {
    const t = CHILD_TABLES[name];
    const list = ids[name];
    if (list.length === 0) continue;
    if (name === 'enrolments') {
      await db
        .update(enrolments)
        .set({ customerId: toCustomerId, isCurrent: false })
        .where(inArray(enrolments.id, list));
    } else {
      await db.update(t).set({ customerId: toCustomerId }).where(inArray(t.id, list));
    }
  }
}

export async function insertMerge(db: Executor, row: typeof customerMerges.$inferInsert): Promise<MergeRow> {
  const [r] = await db.insert(customerMerges).values(row).returning();
  return r!;
}

export async function findMerge(db: Executor, id: string): Promise<MergeRow | undefined> {
  const [r] = await db.select().from(customerMerges).where(eq(customerMerges.id, id)).for('update');
  return r;
}

export async function markMergeReversed(db: Executor, id: string, at: Date): Promise<void> {
  await db.update(customerMerges).set({ reversedAt: at }).where(eq(customerMerges.id, id));
}

export async function listMergesOf(db: Executor, customerId: string): Promise<MergeRow[]> {
  return db
    .select()
    .from(customerMerges)
    .where(or(eq(customerMerges.survivorId, customerId), eq(customerMerges.mergedId, customerId)))
    .orderBy(desc(customerMerges.mergedAt));
}

/** Remove or blank everything personal about a customer, keeping ids so ledgers still join. */
/** Closed (not yet anonymised) customers closed before `closedBefore`, in id order after `afterId`: retention's candidates. */
export async function closedCustomersBefore(
  db: Executor,
  closedBefore: Date,
  afterId: string | null,
  limit: number,
): Promise<{ id: string; closedAt: Date }[]> {
  const conds: SQL[] = [eq(customers.status, 'closed'), lt(customers.closedAt, closedBefore)];
  if (afterId) conds.push(sql`${customers.id} > ${afterId}`);
  const rows = await db
    .select({ id: customers.id, closedAt: customers.closedAt })
    .from(customers)
    .where(and(...conds))
    .orderBy(asc(customers.id))
    .limit(limit);
  return rows.map((r) => ({ id: r.id, closedAt: r.closedAt! }));
}

export async function anonymiseCustomerData(db: Executor, customerId: string): Promise<void> {
  await db.delete(relatedParties).where(eq(relatedParties.customerId, customerId));
  await db
    .update(customerNotes)
    .set({ body: '[removed: customer anonymised]' })
    .where(eq(customerNotes.customerId, customerId));
  await db
    .update(customerTasks)
    .set({ title: '[removed: customer anonymised]' })
    .where(eq(customerTasks.customerId, customerId));
  await db.update(timelineEvents).set({ data: null }).where(eq(timelineEvents.customerId, customerId));
  await db.update(households).set({ needs: [] }).where(eq(households.customerId, customerId));
  await db.update(consentEvents).set({ note: null }).where(eq(consentEvents.customerId, customerId));
}

// Segments ------------------------------------------------------------------------------------

export async function insertSegment(db: Executor, row: typeof segments.$inferInsert): Promise<SegmentRow> {
  const [r] = await db.insert(segments).values(row).returning();
  return r!;
}

export async function findSegment(db: Executor, id: string): Promise<SegmentRow | undefined> {
  const [r] = await db.select().from(segments).where(eq(segments.id, id));
  return r;
}

export async function updateSegment(
  db: Executor,
  id: string,
  patch: Partial<typeof segments.$inferInsert>,
): Promise<SegmentRow> {
  const [r] = await db.update(segments).set(patch).where(eq(segments.id, id)).returning();
  return r!;
}

export async function deleteSegment(db: Executor, id: string): Promise<void> {
  const snaps = await db
    .select({ id: segmentSnapshots.id })
    .from(segmentSnapshots)
    .where(eq(segmentSnapshots.segmentId, id));
  if (snaps.length) {
    await db.delete(segmentMembers).where(
      inArray(
        segmentMembers.snapshotId,
        snaps.map((s) => s.id),
      ),
    );
    await db.delete(segmentSnapshots).where(eq(segmentSnapshots.segmentId, id));
  }
  await db.delete(segments).where(eq(segments.id, id));
}

export async function listSegments(db: Executor): Promise<SegmentRow[]> {
  return db.select().from(segments).orderBy(segments.name);
}

export async function insertSnapshot(
  db: Executor,
  row: typeof segmentSnapshots.$inferInsert,
): Promise<SnapshotRow> {
  const [r] = await db.insert(segmentSnapshots).values(row).returning();
  return r!;
}

export async function setSnapshotCount(db: Executor, id: string, n: number): Promise<SnapshotRow> {
  const [r] = await db
    .update(segmentSnapshots)
    .set({ memberCount: n })
    .where(eq(segmentSnapshots.id, id))
    .returning();
  return r!;
}

export async function listSnapshots(db: Executor, segmentId: string): Promise<SnapshotRow[]> {
  return db
    .select()
    .from(segmentSnapshots)
    .where(eq(segmentSnapshots.segmentId, segmentId))
    .orderBy(desc(segmentSnapshots.takenAt));
}

export async function findSnapshot(
  db: Executor,
  segmentId: string,
  id: string,
): Promise<SnapshotRow | undefined> {
  const [r] = await db
    .select()
    .from(segmentSnapshots)
    .where(and(eq(segmentSnapshots.id, id), eq(segmentSnapshots.segmentId, segmentId)));
  return r;
}

// Import jobs ---------------------------------------------------------------------------------

export async function insertImportJob(
  db: Executor,
  row: typeof importJobs.$inferInsert,
): Promise<ImportJobRow> {
  const [r] = await db.insert(importJobs).values(row).returning();
  return r!;
}

export async function updateImportJob(
  db: Executor,
  id: string,
  patch: Partial<typeof importJobs.$inferInsert>,
): Promise<void> {
  await db.update(importJobs).set(patch).where(eq(importJobs.id, id));
}

export async function findImportJob(db: Executor, id: string): Promise<ImportJobRow | undefined> {
  const [r] = await db.select().from(importJobs).where(eq(importJobs.id, id));
  return r;
}

export async function listImportJobs(db: Executor, limit: number): Promise<ImportJobRow[]> {
  return db.select().from(importJobs).orderBy(desc(importJobs.startedAt)).limit(limit);
}

export {
  customers,
  enrolments,
  households,
  creditRecords,
  consents,
  schools,
  segmentMembers,
  relatedParties,
  timelineEvents,
};

export async function moveHousehold(db: Executor, fromId: string, toId: string): Promise<void> {
  await db.update(households).set({ customerId: toId }).where(eq(households.customerId, fromId));
}

export async function moveCreditRecord(db: Executor, fromId: string, toId: string): Promise<void> {
  await db.update(creditRecords).set({ customerId: toId }).where(eq(creditRecords.customerId, fromId));
}

export async function moveConsents(
  db: Executor,
  fromId: string,
  toId: string,
  purposes: string[],
): Promise<void> {
  if (purposes.length === 0) return;
  await db
    .update(consents)
    .set({ customerId: toId })
    .where(and(eq(consents.customerId, fromId), inArray(consents.purpose, purposes)));
}

export async function setCurrentEnrolment(
  db: Executor,
  enrolmentId: string,
  current: boolean,
): Promise<void> {
  await db.update(enrolments).set({ isCurrent: current }).where(eq(enrolments.id, enrolmentId));
}

/** Customers sharing an ID number, or name and date of birth, with the given one. */
export async function findLikelyDuplicatesOf(db: Executor, c: CustomerRow): Promise<CustomerRow[]> {
  const conds: SQL[] = [];
  if (c.nationalIdHash) conds.push(eq(customers.nationalIdHash, c.nationalIdHash));
  if (c.phoneHash) conds.push(eq(customers.phoneHash, c.phoneHash));
  if (c.dateOfBirth)
    conds.push(
      and(
        sameLegalName(c.legalName.normalize('NFKC').toLowerCase()),
        eq(customers.dateOfBirth, c.dateOfBirth),
      )!,
    );
  if (conds.length === 0) return [];
  return db
    .select()
    .from(customers)
    .where(
      and(
        or(...conds),
        sql`${customers.id} <> ${c.id}`,
        sql`${customers.status} not in ('merged', 'anonymised')`,
      ),
    )
    .limit(20);
}
