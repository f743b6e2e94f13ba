// Alert rules, alerts, their playbook tasks and evaluation runs: the only code that touches these tables.
import { and, asc, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '../../db/database.ts';
import { riskAlertRules, riskAlertRuns, riskAlerts, riskAlertTasks } from './early-warning.tables.ts';

export type RuleRow = typeof riskAlertRules.$inferSelect;
export type AlertRow = typeof riskAlerts.$inferSelect;
export type AlertTaskRow = typeof riskAlertTasks.$inferSelect;

export async function allRules(db: Executor): Promise<RuleRow[]> {
  return db.select().from(riskAlertRules).orderBy(asc(riskAlertRules.code));
}

export async function findRule(db: Executor, code: string): Promise<RuleRow | undefined> {
  const [row] = await db.select().from(riskAlertRules).where(eq(riskAlertRules.code, code));
  return row;
}

export async function upsertRule(db: Executor, row: typeof riskAlertRules.$inferInsert): Promise<RuleRow> {
  const { code: _code, ...set } = row;
  const [saved] = await db
    .insert(riskAlertRules)
    .values(row)
    .onConflictDoUpdate({ target: riskAlertRules.code, set })
    .returning();
  return saved!;
}

export async function insertRulesIfNone(db: Executor, rows: (typeof riskAlertRules.$inferInsert)[]) {
  await db.insert(riskAlertRules).values(rows).onConflictDoNothing();
}

export async function deleteRule(db: Executor, code: string): Promise<void> {
  await db.delete(riskAlertRules).where(eq(riskAlertRules.code, code));
}

/** The last evaluation before `date`. */
export async function previousRun(db: Executor, date: string): Promise<string | null> {
  const [row] = await db
    .select({ d: riskAlertRuns.businessDate })
    .from(riskAlertRuns)
    .where(lt(riskAlertRuns.businessDate, date))
    .orderBy(desc(riskAlertRuns.businessDate))
    .limit(1);
  return row?.d ?? null;
}

export async function recordRun(db: Executor, row: typeof riskAlertRuns.$inferInsert): Promise<void> {
  await db
    .insert(riskAlertRuns)
    .values(row)
    .onConflictDoUpdate({
      target: riskAlertRuns.businessDate,
      set: { loans: row.loans, raised: row.raised, runAt: row.runAt },
    });
}

/** Alerts that make a firing signal old news: open ones, and closed ones seen at the last run or later. */
export async function liveAlerts(db: Executor, since: string | null): Promise<AlertRow[]> {
  const cond = since
    ? or(eq(riskAlerts.status, 'open'), sql`${riskAlerts.lastSeenOn} >= ${since}::date`)
    : eq(riskAlerts.status, 'open');
  return db.select().from(riskAlerts).where(cond);
}

export async function markSeen(db: Executor, ids: string[], date: string): Promise<void> {
  for (let i = 0; i < ids.length; i += 1000)
    await db
      .update(riskAlerts)
      .set({ lastSeenOn: date })
      .where(inArray(riskAlerts.id, ids.slice(i, i + 1000)));
}

export async function insertAlert(db: Executor, row: typeof riskAlerts.$inferInsert): Promise<AlertRow> {
  const [created] = await db.insert(riskAlerts).values(row).returning();
  return created!;
}

export async function findAlert(db: Executor, id: string, forUpdate = false): Promise<AlertRow | undefined> {
  const q = db.select().from(riskAlerts).where(eq(riskAlerts.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row;
}

export async function updateAlert(db: Executor, id: string, patch: Partial<AlertRow>): Promise<AlertRow> {
  const [row] = await db.update(riskAlerts).set(patch).where(eq(riskAlerts.id, id)).returning();
  return row!;
}

export interface AlertFilter {
  status?: 'open' | 'closed' | undefined;
  severity?: string[] | undefined;
  /** A user id, or 'none' for the unassigned queue. */
  ownerId?: string | undefined;
  overdueOn?: string | undefined;
  ruleCode?: string | undefined;
  loanId?: string | undefined;
}

function where(f: AlertFilter): SQL | undefined {
  const conds: SQL[] = [];
  if (f.status) conds.push(eq(riskAlerts.status, f.status));
  if (f.severity?.length) conds.push(inArray(riskAlerts.severity, f.severity as AlertRow['severity'][]));
  if (f.ownerId === 'none') conds.push(sql`${riskAlerts.ownerId} is null`);
  else if (f.ownerId) conds.push(eq(riskAlerts.ownerId, f.ownerId));
  if (f.overdueOn) conds.push(eq(riskAlerts.status, 'open'), lt(riskAlerts.dueDate, f.overdueOn));
  if (f.ruleCode) conds.push(eq(riskAlerts.ruleCode, f.ruleCode));
  if (f.loanId) conds.push(eq(riskAlerts.loanId, f.loanId));
  return conds.length ? and(...conds) : undefined;
}

const SEVERITY_RANK = sql`case ${riskAlerts.severity} when 'critical' then 0 when 'high' then 1 when 'medium' then 2 else 3 end`;

export async function listAlerts(
  db: Executor,
  f: AlertFilter,
  limit: number,
  offset: number,
): Promise<{ rows: (AlertRow & { tasks: number })[]; total: number }> {
  const cond = where(f);
  const rows = await db
    .select({
      alert: riskAlerts,
      tasks: sql<number>`(select count(*)::int from risk_alert_tasks t where t.alert_id = ${riskAlerts.id})`,
    })
    .from(riskAlerts)
    .where(cond)
    .orderBy(SEVERITY_RANK, asc(riskAlerts.dueDate), asc(riskAlerts.id))
    .limit(limit)
    .offset(offset);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(riskAlerts)
    .where(cond);
  return { rows: rows.map((r) => ({ ...r.alert, tasks: r.tasks })), total: count?.n ?? 0 };
}

export async function insertAlertTask(db: Executor, row: typeof riskAlertTasks.$inferInsert): Promise<void> {
  await db.insert(riskAlertTasks).values(row);
}

export async function alertTasks(db: Executor, alertId: string): Promise<AlertTaskRow[]> {
  return db
    .select()
    .from(riskAlertTasks)
    .where(eq(riskAlertTasks.alertId, alertId))
    .orderBy(asc(riskAlertTasks.createdAt), asc(riskAlertTasks.step));
}

/** Alerts raised, and loans' first moves into default, between two business dates. */
export async function qualityInputs(
  db: Executor,
  from: string,
  to: string,
): Promise<{
  alerts: { loanId: string; raisedOn: string }[];
  defaults: { loanId: string; defaultedOn: string }[];
}> {
  const alerts = await rowsOf<{ loanId: string; raisedOn: string }>(
    db,
    sql`select loan_id as "loanId", raised_on::text as "raisedOn" from risk_alerts
         where raised_on between ${from}::date and ${to}::date`,
  );
  // Read-only use of servicing's state history (an analytic read, like the behaviour query).
  const defaults = await rowsOf<{ loanId: string; defaultedOn: string }>(
    db,
    sql`select loan_id as "loanId", min(business_date)::text as "defaultedOn" from loan_state_history
         where to_state = 'default' and business_date between ${from}::date and ${to}::date group by loan_id`,
  );
  return { alerts, defaults };
}

/** Closed alerts raised in a period, by outcome. */
export async function outcomeCounts(
  db: Executor,
  from: string,
  to: string,
): Promise<{ outcome: string; n: number }[]> {
  return rowsOf(
    db,
    sql`select outcome, count(*)::int as n from risk_alerts
         where status = 'closed' and outcome is not null and raised_on between ${from}::date and ${to}::date
         group by outcome order by outcome`,
  );
}
