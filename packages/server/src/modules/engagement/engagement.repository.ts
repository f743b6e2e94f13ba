// The only code that touches the engagement module's tables.
import { and, asc, desc, eq, gte, inArray, lt, lte, ne, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../db/database.ts';
import {
  assignmentRules,
  cursors,
  interactions,
  journeyRuns,
  journeys,
  messageBatches,
  messageEvents,
  messageTemplates,
  messages,
  preferences,
  taskEscalations,
} from './engagement.tables.ts';

export type TemplateRow = typeof messageTemplates.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type NewMessageRow = typeof messages.$inferInsert;
export type MessageEventRow = typeof messageEvents.$inferSelect;
export type PreferencesRow = typeof preferences.$inferSelect;
export type JourneyRow = typeof journeys.$inferSelect;
export type RunRow = typeof journeyRuns.$inferSelect;
export type InteractionRow = typeof interactions.$inferSelect;
export type RuleRow = typeof assignmentRules.$inferSelect;
export type BatchRow = typeof messageBatches.$inferSelect;

// ---- templates ---------------------------------------------------------------------------------

export async function listTemplates(
  db: Executor,
  f: { code?: string | undefined; status?: string | undefined },
): Promise<TemplateRow[]> {
  const conds: SQL[] = [];
  if (f.code) conds.push(eq(messageTemplates.code, f.code));
  if (f.status) conds.push(eq(messageTemplates.status, f.status));
  return db
    .select()
    .from(messageTemplates)
    .where(and(...conds))
    .orderBy(asc(messageTemplates.code), asc(messageTemplates.language), desc(messageTemplates.version));
}

export async function findTemplateVersion(
  db: Executor,
  code: string,
  language: string,
  version: number,
): Promise<TemplateRow | undefined> {
  const [r] = await db
    .select()
    .from(messageTemplates)
    .where(
      and(
        eq(messageTemplates.code, code),
        eq(messageTemplates.language, language),
        eq(messageTemplates.version, version),
      ),
    );
  return r;
}

export async function latestTemplate(
  db: Executor,
  code: string,
  language: string,
): Promise<TemplateRow | undefined> {
  const [r] = await db
    .select()
    .from(messageTemplates)
    .where(and(eq(messageTemplates.code, code), eq(messageTemplates.language, language)))
    .orderBy(desc(messageTemplates.version))
    .limit(1);
  return r;
}

export async function activeTemplates(db: Executor, code: string): Promise<TemplateRow[]> {
  return db
    .select()
    .from(messageTemplates)
    .where(and(eq(messageTemplates.code, code), eq(messageTemplates.status, 'active')));
}

export async function insertTemplate(
  db: Executor,
  row: typeof messageTemplates.$inferInsert,
): Promise<TemplateRow> {
  const [r] = await db.insert(messageTemplates).values(row).returning();
  return r!;
}

export async function updateTemplate(
  db: Executor,
  id: string,
  patch: Partial<typeof messageTemplates.$inferInsert>,
): Promise<TemplateRow> {
  const [r] = await db.update(messageTemplates).set(patch).where(eq(messageTemplates.id, id)).returning();
  return r!;
}

export async function retireActive(db: Executor, code: string, language: string, at: Date): Promise<void> {
  await db
    .update(messageTemplates)
    .set({ status: 'retired', retiredAt: at })
    .where(
      and(
        eq(messageTemplates.code, code),
        eq(messageTemplates.language, language),
        eq(messageTemplates.status, 'active'),
      ),
    );
}

// ---- messages ----------------------------------------------------------------------------------

/** Insert unless the dedupe key is taken; null when it was. */
export async function insertMessage(db: Executor, row: NewMessageRow): Promise<MessageRow | null> {
  const [r] = await db
    .insert(messages)
    .values(row)
    .onConflictDoNothing({ target: messages.dedupeKey })
    .returning();
  return r ?? null;
}

export async function findMessageByDedupe(db: Executor, key: string): Promise<MessageRow | undefined> {
  const [r] = await db.select().from(messages).where(eq(messages.dedupeKey, key));
  return r;
}

export async function findMessage(db: Executor, id: string): Promise<MessageRow | undefined> {
  const [r] = await db.select().from(messages).where(eq(messages.id, id));
  return r;
}

export async function findMessageByProviderId(
  db: Executor,
  providerId: string,
): Promise<MessageRow | undefined> {
  const [r] = await db.select().from(messages).where(eq(messages.providerMessageId, providerId)).limit(1);
  return r;
}

export async function lockMessage(db: Executor, id: string): Promise<MessageRow | undefined> {
  const [r] = await db.select().from(messages).where(eq(messages.id, id)).for('update');
  return r;
}

export async function updateMessage(
  db: Executor,
  id: string,
  patch: Partial<NewMessageRow>,
): Promise<MessageRow> {
  const [r] = await db.update(messages).set(patch).where(eq(messages.id, id)).returning();
  return r!;
}

export async function insertMessageEvents(
  db: Executor,
  rows: (typeof messageEvents.$inferInsert)[],
): Promise<void> {
  if (rows.length) await db.insert(messageEvents).values(rows);
}

export async function messageHistory(db: Executor, id: string): Promise<MessageEventRow[]> {
  return db
    .select()
    .from(messageEvents)
    .where(eq(messageEvents.messageId, id))
    .orderBy(asc(messageEvents.id));
}

/** Messages of a purpose a customer got (or has queued) since an instant, suppressed and cancelled ones aside. */
export async function countRecent(
  db: Executor,
  customerId: string,
  purpose: string,
  since: Date,
): Promise<number> {
  const [r] = await rowsOf<{ n: number }>(
    db,
    sql`select count(*)::int as n from engagement_messages
         where customer_id = ${customerId}::uuid and purpose = ${purpose} and legally_required = false
           and status not in ('suppressed', 'cancelled', 'failed') and created_at >= ${since.toISOString()}::timestamptz`,
  );
  return r?.n ?? 0;
}

export interface MessageFilter {
  customerId?: string | undefined;
  status?: string | undefined;
  channel?: string | undefined;
  templateCode?: string | undefined;
  journeyId?: string | undefined;
  batchId?: string | undefined;
}

export async function listMessages(
  db: Executor,
  f: MessageFilter,
  limit: number,
  offset: number,
): Promise<MessageRow[]> {
  const conds: SQL[] = [];
  if (f.customerId) conds.push(eq(messages.customerId, f.customerId));
  if (f.status) conds.push(eq(messages.status, f.status));
  if (f.channel) conds.push(eq(messages.channel, f.channel));
  if (f.templateCode) conds.push(eq(messages.templateCode, f.templateCode));
  if (f.journeyId) conds.push(eq(messages.journeyId, f.journeyId));
  if (f.batchId) conds.push(eq(messages.batchId, f.batchId));
  return db
    .select()
    .from(messages)
    .where(and(...conds))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(limit)
    .offset(offset);
}

/** A customer's portal inbox: every in-portal message that was not suppressed or cancelled. */
export async function inbox(
  db: Executor,
  customerId: string,
  limit: number,
  offset: number,
): Promise<MessageRow[]> {
  return db
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.customerId, customerId),
        eq(messages.channel, 'portal'),
        inArray(messages.status, ['sent', 'delivered', 'opened', 'clicked']),
      ),
    )
    .orderBy(desc(messages.createdAt))
    .limit(limit)
    .offset(offset);
}

/**
 * Lease up to `limit` due messages to a worker. A lease that ran out (its holder died) is
 * taken over. Attempts count claims, so a message that keeps killing its dispatcher ends failed.
 */
export async function claimDue(
  db: Executor,
  worker: string,
  now: Date,
  leaseUntil: Date,
  limit: number,
): Promise<MessageRow[]> {
  const ids = await rowsOf<{ id: string }>(
    db,
    sql`update engagement_messages m set claimed_by = ${worker}, claim_until = ${leaseUntil.toISOString()}::timestamptz, attempts = m.attempts + 1, updated_at = ${now.toISOString()}::timestamptz
         where m.id in (select id from engagement_messages
                         where status = 'queued' and next_attempt_at <= ${now.toISOString()}::timestamptz
                           and (claim_until is null or claim_until < ${now.toISOString()}::timestamptz)
                         order by next_attempt_at limit ${limit} for update skip locked)
        returning m.id`,
  );
  if (ids.length === 0) return [];
  return db
    .select()
    .from(messages)
    .where(
      inArray(
        messages.id,
        ids.map((r) => r.id),
      ),
    );
}

export interface Outcome {
  id: string;
  status: 'queued' | 'sent' | 'delivered' | 'failed' | 'suppressed';
  providerMessageId: string | null;
  error: string | null;
  reason: string | null;
  nextAttemptAt: Date | null;
  detail: Record<string, unknown>;
}

/** Record a chunk of send outcomes and their history rows in one statement; only for messages the worker still holds. */
export async function recordOutcomes(
  db: Executor,
  worker: string,
  now: Date,
  outcomes: Outcome[],
): Promise<number> {
  if (outcomes.length === 0) return 0;
  const at = now.toISOString();
  // One JSON parameter whatever the chunk size (statement parsing stays cheap on both drivers).
  const rows = JSON.stringify(
    outcomes.map((o) => ({
      id: o.id,
      status: o.status,
      pid: o.providerMessageId,
      err: o.error,
      reason: o.reason,
      next_at: o.nextAttemptAt ? o.nextAttemptAt.toISOString() : null,
      detail: o.detail,
    })),
  );
  const [r] = await rowsOf<{ n: number }>(
    db,
    sql`with u as (
           select * from jsonb_to_recordset(${rows}::jsonb) as u(id uuid, status text, pid text, err text, reason text, next_at timestamptz, detail jsonb)),
         upd as (
           update engagement_messages m
              set status = u.status,
                  provider_message_id = coalesce(u.pid, m.provider_message_id),
                  last_error = u.err,
                  reason = coalesce(u.reason, m.reason),
                  next_attempt_at = coalesce(u.next_at, m.next_attempt_at),
                  sent_at = case when u.status in ('sent', 'delivered') then ${at}::timestamptz else m.sent_at end,
                  delivered_at = case when u.status = 'delivered' then ${at}::timestamptz else m.delivered_at end,
                  claimed_by = null, claim_until = null, updated_at = ${at}::timestamptz
             from u
            where m.id = u.id and m.claimed_by = ${worker} and m.status = 'queued'
           returning m.id, u.status, u.detail),
         ev as (insert into engagement_message_events (message_id, status, at, detail) select id, status, ${at}::timestamptz, detail from upd returning 1)
       select count(*)::int as n from ev`,
  );
  return r?.n ?? 0;
}

/** Give up leases without an attempt (quiet hours started since enqueue, shutdown). */
export async function releaseClaims(
  db: Executor,
  worker: string,
  ids: string[],
  nextAttemptAt: Date | null,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(messages)
    .set({
      claimedBy: null,
      claimUntil: null,
      attempts: sql`greatest(${messages.attempts} - 1, 0)`,
      ...(nextAttemptAt ? { nextAttemptAt } : {}),
    })
    .where(and(inArray(messages.id, ids), eq(messages.claimedBy, worker)));
}

export async function countByStatus(db: Executor): Promise<Record<string, number>> {
  const rows = await rowsOf<{ status: string; n: number }>(
    db,
    sql`select status, count(*)::int as n from engagement_messages group by status`,
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Marketing still waiting (and not being sent) for a customer who withdrew consent. */
export async function suppressQueuedMarketing(db: Executor, customerId: string, at: Date): Promise<void> {
  const ids = await rowsOf<{ id: string }>(
    db,
    sql`update engagement_messages set status = 'suppressed', reason = 'consent-withdrawn', updated_at = ${at.toISOString()}::timestamptz
         where customer_id = ${customerId}::uuid and purpose = 'marketing' and status = 'queued' and claimed_by is null returning id`,
  );
  await insertMessageEvents(
    db,
    ids.map((r) => ({ messageId: r.id, status: 'suppressed', at, detail: { reason: 'consent-withdrawn' } })),
  );
}

// ---- preferences -------------------------------------------------------------------------------

export async function findPreferences(db: Executor, customerId: string): Promise<PreferencesRow | undefined> {
  const [r] = await db.select().from(preferences).where(eq(preferences.customerId, customerId));
  return r;
}

export async function preferencesFor(db: Executor, ids: string[]): Promise<Map<string, PreferencesRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select().from(preferences).where(inArray(preferences.customerId, ids));
  return new Map(rows.map((r) => [r.customerId, r]));
}

export async function upsertPreferences(
  db: Executor,
  row: typeof preferences.$inferInsert,
): Promise<PreferencesRow> {
  const { customerId: _c, ...rest } = row;
  const [r] = await db
    .insert(preferences)
    .values(row)
    .onConflictDoUpdate({ target: preferences.customerId, set: rest })
    .returning();
  return r!;
}

// ---- journeys ----------------------------------------------------------------------------------

export async function listJourneys(db: Executor): Promise<JourneyRow[]> {
  return db.select().from(journeys).orderBy(asc(journeys.code));
}

export async function enabledJourneys(db: Executor): Promise<JourneyRow[]> {
  return db.select().from(journeys).where(eq(journeys.enabled, true)).orderBy(asc(journeys.code));
}

export async function findJourney(db: Executor, id: string): Promise<JourneyRow | undefined> {
  const [r] = await db.select().from(journeys).where(eq(journeys.id, id));
  return r;
}

export async function findJourneyByCode(db: Executor, code: string): Promise<JourneyRow | undefined> {
  const [r] = await db.select().from(journeys).where(eq(journeys.code, code));
  return r;
}

export async function insertJourney(
  db: Executor,
  row: typeof journeys.$inferInsert,
): Promise<JourneyRow | null> {
  const [r] = await db
    .insert(journeys)
    .values(row)
    .onConflictDoNothing({ target: journeys.code })
    .returning();
  return r ?? null;
}

export async function updateJourney(
  db: Executor,
  id: string,
  patch: Partial<typeof journeys.$inferInsert>,
): Promise<JourneyRow> {
  const [r] = await db.update(journeys).set(patch).where(eq(journeys.id, id)).returning();
  return r!;
}

export async function insertRun(db: Executor, row: typeof journeyRuns.$inferInsert): Promise<RunRow | null> {
  const [r] = await db
    .insert(journeyRuns)
    .values(row)
    .onConflictDoNothing({ target: [journeyRuns.journeyId, journeyRuns.triggerKey] })
    .returning();
  return r ?? null;
}

/** Active runs due now, locked for this transaction (other schedulers skip them). */
export async function lockDueRuns(db: Executor, now: Date, limit: number): Promise<RunRow[]> {
  return db
    .select()
    .from(journeyRuns)
    .where(and(eq(journeyRuns.state, 'active'), lte(journeyRuns.wakeAt, now)))
    .orderBy(asc(journeyRuns.wakeAt))
    .limit(limit)
    .for('update', { skipLocked: true });
}

export async function updateRun(
  db: Executor,
  id: string,
  patch: Partial<typeof journeyRuns.$inferInsert>,
): Promise<RunRow> {
  const [r] = await db.update(journeyRuns).set(patch).where(eq(journeyRuns.id, id)).returning();
  return r!;
}

export async function findRun(db: Executor, id: string): Promise<RunRow | undefined> {
  const [r] = await db.select().from(journeyRuns).where(eq(journeyRuns.id, id));
  return r;
}

export async function listRuns(
  db: Executor,
  f: { journeyId?: string | undefined; customerId?: string | undefined; state?: string | undefined },
  limit: number,
  offset: number,
): Promise<RunRow[]> {
  const conds: SQL[] = [];
  if (f.journeyId) conds.push(eq(journeyRuns.journeyId, f.journeyId));
  if (f.customerId) conds.push(eq(journeyRuns.customerId, f.customerId));
  if (f.state) conds.push(eq(journeyRuns.state, f.state));
  return db
    .select()
    .from(journeyRuns)
    .where(and(...conds))
    .orderBy(desc(journeyRuns.startedAt))
    .limit(limit)
    .offset(offset);
}

/** A due date passed unpaid: the runs about that loan and due date did not end on time. */
export async function markRunsMissed(db: Executor, loanId: string, dueDate: string): Promise<void> {
  await db.execute(
    sql`update engagement_journey_runs set outcome = 'missed' where loan_id = ${loanId}::uuid and due_date = ${dueDate}::date`,
  );
}

/** A payment arrived: runs whose due date is still ahead were paid on time; active runs learn it (fact run.paid). */
export async function markRunsPaid(db: Executor, loanId: string, businessDate: string): Promise<void> {
  await db.execute(
    sql`update engagement_journey_runs set outcome = 'paid' where loan_id = ${loanId}::uuid and outcome is null and due_date >= ${businessDate}::date`,
  );
  await db.execute(
    sql`update engagement_journey_runs set context = context || jsonb_build_object('paidAt', ${businessDate}::text)
         where loan_id = ${loanId}::uuid and state = 'active' and not (context ? 'paidAt')`,
  );
}

export async function runCounts(
  db: Executor,
): Promise<{ journey_id: string; state: string; group: string; n: number }[]> {
  return rowsOf(
    db,
    sql`select journey_id, state, "group", count(*)::int as n from engagement_journey_runs group by 1, 2, 3`,
  );
}

/**
 * Reminder effect: runs whose due date has passed, by group, with how many paid on time
 * (no "missed" reported for that due date).
 */
export async function onTimeByGroup(
  db: Executor,
  journeyId: string,
  before: string,
): Promise<{ group: string; n: number; on_time: number }[]> {
  return rowsOf(
    db,
    sql`select "group", count(*)::int as n, count(*) filter (where outcome is distinct from 'missed')::int as on_time
          from engagement_journey_runs
         where journey_id = ${journeyId}::uuid and due_date is not null and due_date < ${before}::date
         group by 1`,
  );
}

// ---- interactions ------------------------------------------------------------------------------

export async function insertInteraction(
  db: Executor,
  row: typeof interactions.$inferInsert,
): Promise<InteractionRow> {
  const [r] = await db.insert(interactions).values(row).returning();
  return r!;
}

export async function listInteractions(
  db: Executor,
  f: {
    customerId?: string | undefined;
    kind?: string | undefined;
    from?: Date | undefined;
    to?: Date | undefined;
  },
  limit: number,
  offset: number,
): Promise<InteractionRow[]> {
  const conds: SQL[] = [];
  if (f.customerId) conds.push(eq(interactions.customerId, f.customerId));
  if (f.kind) conds.push(eq(interactions.kind, f.kind));
  if (f.from) conds.push(gte(interactions.occurredAt, f.from));
  if (f.to) conds.push(lt(interactions.occurredAt, f.to));
  return db
    .select()
    .from(interactions)
    .where(and(...conds))
    .orderBy(desc(interactions.occurredAt))
    .limit(limit)
    .offset(offset);
}

// ---- assignment rules, escalations --------------------------------------------------------------

export async function listRules(db: Executor, enabledOnly = false): Promise<RuleRow[]> {
  return db
    .select()
    .from(assignmentRules)
    .where(enabledOnly ? eq(assignmentRules.enabled, true) : undefined)
    .orderBy(asc(assignmentRules.priority), asc(assignmentRules.createdAt));
}

export async function findRule(db: Executor, id: string): Promise<RuleRow | undefined> {
  const [r] = await db.select().from(assignmentRules).where(eq(assignmentRules.id, id));
  return r;
}

export async function insertRule(db: Executor, row: typeof assignmentRules.$inferInsert): Promise<RuleRow> {
  const [r] = await db.insert(assignmentRules).values(row).returning();
  return r!;
}

export async function updateRule(
  db: Executor,
  id: string,
  patch: Partial<typeof assignmentRules.$inferInsert>,
): Promise<RuleRow> {
  const [r] = await db.update(assignmentRules).set(patch).where(eq(assignmentRules.id, id)).returning();
  return r!;
}

export async function deleteRule(db: Executor, id: string): Promise<void> {
  await db.delete(assignmentRules).where(eq(assignmentRules.id, id));
}

/** Advance a round-robin rule and return the position it was at. */
export async function bumpRuleCursor(db: Executor, id: string): Promise<number> {
  const [r] = await db
    .update(assignmentRules)
    .set({ cursor: sql`${assignmentRules.cursor} + 1` })
    .where(eq(assignmentRules.id, id))
    .returning({ cursor: assignmentRules.cursor });
  return (r?.cursor ?? 1) - 1;
}

export async function insertEscalation(
  db: Executor,
  row: typeof taskEscalations.$inferInsert,
): Promise<boolean> {
  const r = await db
    .insert(taskEscalations)
    .values(row)
    .onConflictDoNothing()
    .returning({ id: taskEscalations.id });
  return r.length > 0;
}

export async function escalatedTaskIds(db: Executor, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ taskId: taskEscalations.taskId })
    .from(taskEscalations)
    .where(inArray(taskEscalations.taskId, ids));
  return new Set(rows.map((r) => r.taskId));
}

// ---- cursors, batches --------------------------------------------------------------------------

export async function lockCursor(db: Executor, name: string, at: Date): Promise<number> {
  await db.insert(cursors).values({ name, position: 0, updatedAt: at }).onConflictDoNothing();
  const [r] = await db.select().from(cursors).where(eq(cursors.name, name)).for('update');
  return r!.position;
}

export async function setCursor(db: Executor, name: string, position: number, at: Date): Promise<void> {
  await db.update(cursors).set({ position, updatedAt: at }).where(eq(cursors.name, name));
}

export async function insertBatch(db: Executor, row: typeof messageBatches.$inferInsert): Promise<BatchRow> {
  const [r] = await db.insert(messageBatches).values(row).returning();
  return r!;
}

export async function findBatch(db: Executor, id: string, lock = false): Promise<BatchRow | undefined> {
  const q = db.select().from(messageBatches).where(eq(messageBatches.id, id));
  const [r] = lock ? await q.for('update') : await q;
  return r;
}

export async function updateBatch(
  db: Executor,
  id: string,
  patch: Partial<typeof messageBatches.$inferInsert>,
): Promise<BatchRow> {
  const [r] = await db.update(messageBatches).set(patch).where(eq(messageBatches.id, id)).returning();
  return r!;
}

export async function unfinishedBatches(db: Executor): Promise<BatchRow[]> {
  return db.select().from(messageBatches).where(ne(messageBatches.status, 'done'));
}

export async function listBatches(db: Executor, limit: number): Promise<BatchRow[]> {
  return db.select().from(messageBatches).orderBy(desc(messageBatches.createdAt)).limit(limit);
}

// ---- measurement -------------------------------------------------------------------------------

export interface RateRow extends Record<string, unknown> {
  key: string | null;
  total: number;
  suppressed: number;
  sent: number;
  delivered: number;
  bounced: number;
  failed: number;
  opened: number;
  clicked: number;
  replied: number;
}

export async function rates(
  db: Executor,
  by: 'template_code' | 'journey_id' | 'channel',
  from: Date,
  to: Date,
): Promise<RateRow[]> {
  const col = sql.raw(by === 'journey_id' ? 'journey_id::text' : by);
  return rowsOf<RateRow>(
    db,
    sql`select ${col} as key, count(*)::int as total,
               count(*) filter (where status = 'suppressed')::int as suppressed,
               count(*) filter (where sent_at is not null)::int as sent,
               count(*) filter (where delivered_at is not null)::int as delivered,
               count(*) filter (where status = 'bounced')::int as bounced,
               count(*) filter (where status = 'failed')::int as failed,
               count(*) filter (where opened_at is not null)::int as opened,
               count(*) filter (where clicked_at is not null)::int as clicked,
               count(*) filter (where replied_at is not null)::int as replied
          from engagement_messages
         where created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz
         group by 1 order by 1`,
  );
}
