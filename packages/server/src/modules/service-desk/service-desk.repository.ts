// The only code that touches the service desk's tables.
import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import {
  deskAgents,
  deskAttachments,
  deskCannedReplies,
  deskImprovementActions,
  deskKbArticles,
  deskKbArticleVersions,
  deskSlaPolicies,
  deskTicketEntries,
  deskTickets,
  deskTicketStatusHistory,
} from './service-desk.tables.ts';

export type TicketRow = typeof deskTickets.$inferSelect;
export type NewTicketRow = typeof deskTickets.$inferInsert;
export type EntryRow = typeof deskTicketEntries.$inferSelect;
export type HistoryRow = typeof deskTicketStatusHistory.$inferSelect;
export type AttachmentRow = typeof deskAttachments.$inferSelect;
export type AgentRow = typeof deskAgents.$inferSelect;
export type SlaPolicyRow = typeof deskSlaPolicies.$inferSelect;
export type CannedRow = typeof deskCannedReplies.$inferSelect;
export type ArticleRow = typeof deskKbArticles.$inferSelect;
export type ArticleVersionRow = typeof deskKbArticleVersions.$inferSelect;
export type ActionRow = typeof deskImprovementActions.$inferSelect;

export const ACTIVE_STATUSES = ['new', 'open', 'waiting_on_customer', 'reopened'] as const;

// ---- tickets

export async function insertTicket(db: Executor, row: Omit<NewTicketRow, 'number' | 'reference'>) {
  // The reference is the serial number the database hands out, so it is set just after.
  await db.insert(deskTickets).values({ ...row, reference: row.id });
  const [t] = await db
    .update(deskTickets)
    .set({ reference: sql`'SD-' || lpad(${deskTickets.number}::text, 6, '0')` })
    .where(eq(deskTickets.id, row.id))
    .returning();
  return t!;
}

export async function findTicket(
  db: Executor,
  id: string,
  forUpdate = false,
): Promise<TicketRow | undefined> {
  const q = db.select().from(deskTickets).where(eq(deskTickets.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function updateTicket(
  db: Executor,
  id: string,
  patch: Partial<NewTicketRow>,
): Promise<TicketRow> {
  const [row] = await db.update(deskTickets).set(patch).where(eq(deskTickets.id, id)).returning();
  return row!;
}

export interface TicketFilter {
  customerId?: string | undefined;
  status?: string | undefined;
  active?: boolean | undefined;
  type?: string | undefined;
  priority?: string | undefined;
  assigneeId?: string | undefined;
  unassigned?: boolean | undefined;
  q?: string | undefined;
  createdFrom?: Date | undefined;
  createdBefore?: Date | undefined;
}

function ticketConditions(f: TicketFilter): SQL[] {
  const c: SQL[] = [];
  if (f.customerId) c.push(eq(deskTickets.customerId, f.customerId));
  if (f.status) c.push(eq(deskTickets.status, f.status as TicketRow['status']));
  if (f.active) c.push(inArray(deskTickets.status, [...ACTIVE_STATUSES]));
  if (f.type) c.push(eq(deskTickets.type, f.type as TicketRow['type']));
  if (f.priority) c.push(eq(deskTickets.priority, f.priority as TicketRow['priority']));
  if (f.assigneeId) c.push(eq(deskTickets.assigneeId, f.assigneeId));
  if (f.unassigned) c.push(sql`${deskTickets.assigneeId} is null`);
  if (f.createdFrom) c.push(gte(deskTickets.createdAt, f.createdFrom));
  if (f.createdBefore) c.push(lt(deskTickets.createdAt, f.createdBefore));
  if (f.q) {
    const like = `%${f.q.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
    c.push(sql`(${deskTickets.subject} ilike ${like} or ${deskTickets.reference} ilike ${like})`);
  }
  return c;
}

const PRIORITY_ORDER = sql`case ${deskTickets.priority} when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;

export async function findTickets(
  db: Executor,
  f: TicketFilter,
  page: { limit: number; offset: number },
): Promise<{ items: TicketRow[]; total: number }> {
  const where = and(...ticketConditions(f));
  const items = await db
    .select()
    .from(deskTickets)
    .where(where)
    .orderBy(PRIORITY_ORDER, asc(deskTickets.resolutionDueAt), desc(deskTickets.createdAt))
    .limit(page.limit)
    .offset(page.offset);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(deskTickets)
    .where(where);
  return { items, total: count?.n ?? 0 };
}

export async function ticketsWhere(db: Executor, f: TicketFilter): Promise<TicketRow[]> {
  return db
    .select()
    .from(deskTickets)
    .where(and(...ticketConditions(f)))
    .orderBy(asc(deskTickets.createdAt));
}

export async function openCountsByAssignee(db: Executor): Promise<Map<string, number>> {
  const rows = await db
    .select({ id: deskTickets.assigneeId, n: sql<number>`count(*)::int` })
    .from(deskTickets)
    .where(and(inArray(deskTickets.status, [...ACTIVE_STATUSES]), sql`${deskTickets.assigneeId} is not null`))
    .groupBy(deskTickets.assigneeId);
  return new Map(rows.map((r) => [r.id!, r.n]));
}

// ---- entries, history, attachments

export async function insertEntry(db: Executor, row: typeof deskTicketEntries.$inferInsert) {
  const [e] = await db.insert(deskTicketEntries).values(row).returning();
  return e!;
}

export async function entriesOf(db: Executor, ticketId: string, publicOnly: boolean): Promise<EntryRow[]> {
  return db
    .select()
    .from(deskTicketEntries)
    .where(
      and(
        eq(deskTicketEntries.ticketId, ticketId),
        publicOnly ? eq(deskTicketEntries.visibility, 'public') : undefined,
      ),
    )
    .orderBy(asc(deskTicketEntries.createdAt), asc(deskTicketEntries.seq));
}

export async function moveEntries(db: Executor, fromTicketId: string, toTicketId: string) {
  await db
    .update(deskTicketEntries)
    .set({ ticketId: toTicketId })
    .where(eq(deskTicketEntries.ticketId, fromTicketId));
  await db
    .update(deskAttachments)
    .set({ ticketId: toTicketId })
    .where(eq(deskAttachments.ticketId, fromTicketId));
}

export async function insertHistory(db: Executor, row: typeof deskTicketStatusHistory.$inferInsert) {
  await db.insert(deskTicketStatusHistory).values(row);
}

export async function historyOf(db: Executor, ticketId: string): Promise<HistoryRow[]> {
  return db
    .select()
    .from(deskTicketStatusHistory)
    .where(eq(deskTicketStatusHistory.ticketId, ticketId))
    .orderBy(asc(deskTicketStatusHistory.at), asc(deskTicketStatusHistory.seq));
}

export async function insertAttachment(db: Executor, row: typeof deskAttachments.$inferInsert) {
  const [a] = await db.insert(deskAttachments).values(row).returning({
    id: deskAttachments.id,
    filename: deskAttachments.filename,
    contentType: deskAttachments.contentType,
    size: deskAttachments.size,
    entryId: deskAttachments.entryId,
    createdAt: deskAttachments.createdAt,
  });
  return a!;
}

export async function attachmentsOf(db: Executor, ticketId: string) {
  return db
    .select({
      id: deskAttachments.id,
      filename: deskAttachments.filename,
      contentType: deskAttachments.contentType,
      size: deskAttachments.size,
      entryId: deskAttachments.entryId,
      createdAt: deskAttachments.createdAt,
    })
    .from(deskAttachments)
    .where(eq(deskAttachments.ticketId, ticketId))
    .orderBy(asc(deskAttachments.createdAt));
}

export async function findAttachment(db: Executor, id: string): Promise<AttachmentRow | undefined> {
  const [a] = await db.select().from(deskAttachments).where(eq(deskAttachments.id, id));
  return a;
}

// ---- agents and SLA policies

export async function allAgents(db: Executor): Promise<AgentRow[]> {
  return db.select().from(deskAgents).orderBy(asc(deskAgents.displayName));
}

export async function findAgent(db: Executor, userId: string): Promise<AgentRow | undefined> {
  const [a] = await db.select().from(deskAgents).where(eq(deskAgents.userId, userId));
  return a;
}

export async function upsertAgent(db: Executor, row: AgentRow): Promise<AgentRow> {
  const { userId: _id, ...rest } = row;
  const [a] = await db
    .insert(deskAgents)
    .values(row)
    .onConflictDoUpdate({ target: deskAgents.userId, set: rest })
    .returning();
  return a!;
}

export async function touchAgent(db: Executor, userId: string, at: Date) {
  await db.update(deskAgents).set({ lastAssignedAt: at }).where(eq(deskAgents.userId, userId));
}

export async function slaPolicies(db: Executor): Promise<SlaPolicyRow[]> {
  return db.select().from(deskSlaPolicies).orderBy(asc(deskSlaPolicies.type), asc(deskSlaPolicies.priority));
}

export async function findSlaPolicy(db: Executor, type: string, priority: string) {
  const [p] = await db
    .select()
    .from(deskSlaPolicies)
    .where(
      and(
        eq(deskSlaPolicies.type, type as SlaPolicyRow['type']),
        eq(deskSlaPolicies.priority, priority as SlaPolicyRow['priority']),
      ),
    );
  return p;
}

export async function upsertSlaPolicy(db: Executor, row: SlaPolicyRow): Promise<SlaPolicyRow> {
  const [p] = await db
    .insert(deskSlaPolicies)
    .values(row)
    .onConflictDoUpdate({
      target: [deskSlaPolicies.type, deskSlaPolicies.priority],
      set: {
        firstResponseMinutes: row.firstResponseMinutes,
        resolutionMinutes: row.resolutionMinutes,
        updatedAt: row.updatedAt,
      },
    })
    .returning();
  return p!;
}

// ---- canned replies and knowledge base

export async function cannedReplies(db: Executor, language?: string): Promise<CannedRow[]> {
  return db
    .select()
    .from(deskCannedReplies)
    .where(language ? eq(deskCannedReplies.language, language) : undefined)
    .orderBy(asc(deskCannedReplies.code), asc(deskCannedReplies.language));
}

export async function upsertCanned(db: Executor, row: CannedRow): Promise<CannedRow> {
  const [c] = await db
    .insert(deskCannedReplies)
    .values(row)
    .onConflictDoUpdate({
      target: [deskCannedReplies.code, deskCannedReplies.language],
      set: { title: row.title, body: row.body, category: row.category, updatedAt: row.updatedAt },
    })
    .returning();
  return c!;
}

export async function articles(
  db: Executor,
  f: { status?: string | undefined; language?: string | undefined; category?: string | undefined },
): Promise<ArticleRow[]> {
  return db
    .select()
    .from(deskKbArticles)
    .where(
      and(
        f.status ? eq(deskKbArticles.status, f.status as ArticleRow['status']) : undefined,
        f.language ? eq(deskKbArticles.language, f.language) : undefined,
        f.category ? eq(deskKbArticles.category, f.category) : undefined,
      ),
    )
    .orderBy(asc(deskKbArticles.category), asc(deskKbArticles.title));
}

export async function findArticle(db: Executor, id: string): Promise<ArticleRow | undefined> {
  const [a] = await db.select().from(deskKbArticles).where(eq(deskKbArticles.id, id));
  return a;
}

export async function findArticleBySlug(db: Executor, slug: string, language: string) {
  const [a] = await db
    .select()
    .from(deskKbArticles)
    .where(and(eq(deskKbArticles.slug, slug), eq(deskKbArticles.language, language)));
  return a;
}

export async function insertArticle(db: Executor, row: ArticleRow): Promise<ArticleRow> {
  const [a] = await db.insert(deskKbArticles).values(row).returning();
  return a!;
}

export async function updateArticle(
  db: Executor,
  id: string,
  patch: Partial<ArticleRow>,
): Promise<ArticleRow> {
  const [a] = await db.update(deskKbArticles).set(patch).where(eq(deskKbArticles.id, id)).returning();
  return a!;
}

export async function insertArticleVersion(db: Executor, row: ArticleVersionRow) {
  await db.insert(deskKbArticleVersions).values(row);
}

export async function articleVersions(db: Executor, articleId: string): Promise<ArticleVersionRow[]> {
  return db
    .select()
    .from(deskKbArticleVersions)
    .where(eq(deskKbArticleVersions.articleId, articleId))
    .orderBy(desc(deskKbArticleVersions.version));
}

// ---- improvement actions

export async function actions(db: Executor, cause?: string): Promise<ActionRow[]> {
  return db
    .select()
    .from(deskImprovementActions)
    .where(cause ? eq(deskImprovementActions.cause, cause) : undefined)
    .orderBy(asc(deskImprovementActions.status), asc(deskImprovementActions.dueDate));
}

export async function findAction(db: Executor, id: string): Promise<ActionRow | undefined> {
  const [a] = await db.select().from(deskImprovementActions).where(eq(deskImprovementActions.id, id));
  return a;
}

export async function insertAction(db: Executor, row: ActionRow): Promise<ActionRow> {
  const [a] = await db.insert(deskImprovementActions).values(row).returning();
  return a!;
}

export async function updateAction(db: Executor, id: string, patch: Partial<ActionRow>): Promise<ActionRow> {
  const [a] = await db
    .update(deskImprovementActions)
    .set(patch)
    .where(eq(deskImprovementActions.id, id))
    .returning();
  return a!;
}

/** Tickets whose SLA clocks may need escalation: active, with a deadline before `horizon`. */
export async function ticketsDueBefore(db: Executor, horizon: Date): Promise<TicketRow[]> {
  return db
    .select()
    .from(deskTickets)
    .where(
      and(
        inArray(deskTickets.status, [...ACTIVE_STATUSES]),
        sql`(${deskTickets.resolutionDueAt} < ${horizon} or (${deskTickets.firstResponseAt} is null and ${deskTickets.firstResponseDueAt} < ${horizon}))`,
      ),
    )
    .orderBy(asc(deskTickets.resolutionDueAt));
}
