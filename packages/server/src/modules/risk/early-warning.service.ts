// Early warning: rules as data evaluated over every watched loan after close of business,
// alerts with severity, owner and a due date in business days (one open alert per loan and
// rule), playbooks that open the right tasks through customers' public surface, outcome
// tracking, and alert quality (alerts that preceded a default; defaults with no alert first).
import { randomUUID } from 'node:crypto';
import {
  addDays,
  alertQuality,
  alertRuleSchema,
  businessCalendar,
  DEFAULT_ALERT_RULES,
  signalFires,
  toEpochDay,
  toIsoDate,
  type AlertOutcome,
  type AlertQuality,
  type AlertRule,
  type PlaybookStep,
} from '@bursar/core';
import type { Executor } from '../../db/database.ts';
import type { ActorContext, Deps } from '../../deps.ts';
import { fieldErrorsFromZod, Problem, validationProblem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { createTaskWithin, findTask } from '../customers/index.ts';
import { gatherBehaviour } from './behaviour.repository.ts';
import { lastClosedBusinessDate, macroAsOf, signalFactsOf } from './behaviour.service.ts';
import * as repo from './early-warning.repository.ts';
import type { AlertRow, RuleRow } from './early-warning.repository.ts';

/** The lender's business calendar for due dates (servicing's default). */
const CALENDAR = 'CN';

const ruleOf = (r: RuleRow): AlertRule =>
  alertRuleSchema.parse({
    code: r.code,
    name: r.name,
    kind: r.kind,
    params: r.params,
    severity: r.severity,
    dueBusinessDays: r.dueBusinessDays,
    playbook: r.playbook,
    ownerId: r.ownerId,
    enabled: r.enabled,
  });

/** The rules; a new installation starts with the default set (stored, so the lender edits it). */
export async function listAlertRules(deps: Deps): Promise<AlertRule[]> {
  const db = deps.database.db;
  let rows = await repo.allRules(db);
  if (rows.length === 0) {
    await repo.insertRulesIfNone(
      db,
      DEFAULT_ALERT_RULES.map((r) => ({ ...r, updatedAt: deps.now(), updatedBy: 'system' })),
    );
    rows = await repo.allRules(db);
  }
  return rows.map(ruleOf);
}

/** Create or change a rule (its code is the key); an alert already raised keeps its terms. */
export async function saveAlertRule(
  deps: Deps,
  ctx: ActorContext,
  code: string,
  body: unknown,
): Promise<AlertRule> {
  const parsed = alertRuleSchema.safeParse({ ...(body as object), code });
  if (!parsed.success) throw validationProblem(fieldErrorsFromZod(parsed.error));
  const rule = parsed.data;
  await listAlertRules(deps); // the defaults first, so a new rule does not hide them
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const before = await repo.findRule(tx, code);
    await repo.upsertRule(tx, { ...rule, updatedAt: now, updatedBy: ctx.actorName });
    await recordAudit(tx, ctx, now, {
      action: before ? 'risk.alert_rule_changed' : 'risk.alert_rule_created',
      entityType: 'alert_rule',
      entityId: code,
      before: before ? ruleOf(before) : null,
      after: rule,
    });
    return rule;
  });
}

export async function deleteAlertRule(deps: Deps, ctx: ActorContext, code: string): Promise<void> {
  await deps.database.db.transaction(async (tx) => {
    const before = await repo.findRule(tx, code);
    if (!before) throw Problem.notFound(`Alert rule ${code}`);
    await repo.deleteRule(tx, code);
    await recordAudit(tx, ctx, deps.now(), {
      action: 'risk.alert_rule_deleted',
      entityType: 'alert_rule',
      entityId: code,
      before: ruleOf(before),
    });
  });
}

// ---- evaluation --------------------------------------------------------------------------------

const STEP_TITLES: Record<PlaybookStep, (days: number) => string> = {
  contact: (d) => `Contact the borrower within ${d} business day${d === 1 ? '' : 's'}`,
  hardship_offer: () => 'Offer hardship options (deferment, forbearance, income-driven repayment)',
  restructure: () => 'Assess a restructure of the loan',
  legal_referral: () => 'Refer to legal: suspected fraud or malicious default',
};

export function dueDateAfter(date: string, businessDays: number): string {
  const cal = businessCalendar(CALENDAR);
  return toIsoDate(cal.addBusinessDays(toEpochDay(date), businessDays));
}

async function openPlaybookTask(
  tx: Executor,
  ctx: ActorContext,
  alert: AlertRow,
  step: PlaybookStep,
  days: number,
  now: Date,
): Promise<void> {
  const title = `[Risk ${alert.severity}] ${STEP_TITLES[step](days)} — ${alert.detail} (loan ${alert.loanNumber})`;
  const task = await createTaskWithin(
    tx,
    ctx,
    { customerId: alert.customerId, title, dueDate: alert.dueDate, assigneeId: alert.ownerId },
    now,
  );
  await repo.insertAlertTask(tx, {
    alertId: alert.id,
    taskId: task.id,
    step,
    title: task.title,
    dueDate: task.dueDate,
    createdAt: now,
  });
}

export interface EvaluationResult {
  businessDate: string;
  loans: number;
  firing: number;
  raised: number;
  byRule: Record<string, number>;
}

/**
 * Evaluate every enabled rule over every watched loan as of a business date (default: the
 * last one closed). A signal that keeps firing keeps its alert (one open alert per loan and
 * rule, and a closed alert is not raised again until the signal has stopped and come back).
 */
export async function evaluateAlerts(
  deps: Deps,
  ctx: ActorContext,
  opts: { date?: string | undefined } = {},
): Promise<EvaluationResult> {
  const date = opts.date ?? (await lastClosedBusinessDate(deps));
  if (date === null) throw Problem.conflict('no-business-date', 'Close of business has not run yet', 'date');
  const rules = (await listAlertRules(deps)).filter((r) => r.enabled);
  const db = deps.database.db;
  const [rows, macro] = await Promise.all([gatherBehaviour(db, date), macroAsOf(deps, date)]);
  const firing: { row: (typeof rows)[number]; rule: AlertRule; detail: string }[] = [];
  for (const row of rows) {
    const facts = signalFactsOf(row, date, macro);
    for (const rule of rules) {
      const s = signalFires(rule, facts);
      if (s.fires) firing.push({ row, rule, detail: s.detail });
    }
  }
  const now = deps.now();
  const byRule: Record<string, number> = {};
  let raised = 0;
  await db.transaction(async (tx) => {
    const prev = await repo.previousRun(tx, date);
    const live = new Map<string, AlertRow>();
    for (const a of await repo.liveAlerts(tx, prev)) {
      const key = `${a.loanId}|${a.ruleCode}`;
      const cur = live.get(key);
      if (!cur || cur.status === 'closed') live.set(key, a);
    }
    const seen: string[] = [];
    for (const { row, rule, detail } of firing) {
      const existing = live.get(`${row.loan_id}|${rule.code}`);
      if (existing && (existing.status === 'open' || (prev !== null && existing.lastSeenOn >= prev))) {
        seen.push(existing.id);
        continue;
      }
      if (existing && existing.lastSeenOn >= date) continue; // closed today, on this very run
      const alert = await repo.insertAlert(tx, {
        id: randomUUID(),
        ruleCode: rule.code,
        kind: rule.kind,
        loanId: row.loan_id,
        loanNumber: row.loan_number,
        customerId: row.customer_id,
        severity: rule.severity,
        ownerId: rule.ownerId,
        status: 'open',
        detail,
        raisedOn: date,
        dueDate: dueDateAfter(date, rule.dueBusinessDays),
        lastSeenOn: date,
        createdAt: now,
      });
      // Tasks belong to customers: a loan whose customer is not on file gets the alert only.
      if (row.customer_exists)
        for (const step of rule.playbook)
          await openPlaybookTask(tx, ctx, alert, step, rule.dueBusinessDays, now);
      await recordAudit(tx, ctx, now, {
        action: 'risk.alert_raised',
        entityType: 'loan',
        entityId: row.loan_id,
        after: {
          alertId: alert.id,
          rule: rule.code,
          severity: rule.severity,
          detail,
          dueDate: alert.dueDate,
        },
      });
      byRule[rule.code] = (byRule[rule.code] ?? 0) + 1;
      raised++;
    }
    await repo.markSeen(tx, seen, date);
    await repo.recordRun(tx, { businessDate: date, loans: rows.length, raised, runAt: now });
  });
  return { businessDate: date, loans: rows.length, firing: firing.length, raised, byRule };
}

// ---- the work queue ----------------------------------------------------------------------------

export interface AlertView {
  id: string;
  ruleCode: string;
  kind: string;
  loanId: string;
  loanNumber: string;
  customerId: string;
  severity: AlertRow['severity'];
  ownerId: string | null;
  status: AlertRow['status'];
  detail: string;
  raisedOn: string;
  dueDate: string;
  lastSeenOn: string;
  overdue: boolean;
  outcome: string | null;
  outcomeNote: string | null;
  closedAt: string | null;
  closedBy: string | null;
  tasks: number;
}

function alertView(a: AlertRow & { tasks?: number }, today: string): AlertView {
  return {
    id: a.id,
    ruleCode: a.ruleCode,
    kind: a.kind,
    loanId: a.loanId,
    loanNumber: a.loanNumber,
    customerId: a.customerId,
    severity: a.severity,
    ownerId: a.ownerId,
    status: a.status,
    detail: a.detail,
    raisedOn: a.raisedOn,
    dueDate: a.dueDate,
    lastSeenOn: a.lastSeenOn,
    overdue: a.status === 'open' && a.dueDate < today,
    outcome: a.outcome,
    outcomeNote: a.outcomeNote,
    closedAt: a.closedAt?.toISOString() ?? null,
    closedBy: a.closedBy,
    tasks: a.tasks ?? 0,
  };
}

/** "Today" for overdue checks: the open business date (the day staff are working). */
async function today(deps: Deps): Promise<string> {
  const closed = await lastClosedBusinessDate(deps);
  return closed ? addDays(closed, 1) : deps.now().toISOString().slice(0, 10);
}

export interface AlertQuery {
  status?: 'open' | 'closed' | undefined;
  severity?: string[] | undefined;
  ownerId?: string | undefined;
  overdue?: boolean | undefined;
  ruleCode?: string | undefined;
  loanId?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export async function listAlerts(deps: Deps, q: AlertQuery): Promise<{ items: AlertView[]; total: number }> {
  const day = await today(deps);
  const { rows, total } = await repo.listAlerts(
    deps.database.db,
    {
      status: q.status,
      severity: q.severity,
      ownerId: q.ownerId,
      overdueOn: q.overdue ? day : undefined,
      ruleCode: q.ruleCode,
      loanId: q.loanId,
    },
    q.limit ?? 50,
    q.offset ?? 0,
  );
  return { items: rows.map((r) => alertView(r, day)), total };
}

export interface AlertDetail extends AlertView {
  playbook: {
    step: string;
    taskId: string;
    title: string;
    dueDate: string | null;
    status: string;
    assigneeId: string | null;
  }[];
}

export async function getAlert(deps: Deps, id: string): Promise<AlertDetail> {
  const db = deps.database.db;
  const a = await repo.findAlert(db, id);
  if (!a) throw Problem.notFound(`Alert ${id}`);
  const tasks = await repo.alertTasks(db, id);
  const playbook = await Promise.all(
    tasks.map(async (t) => {
      const task = await findTask(db, t.taskId);
      return {
        step: t.step,
        taskId: t.taskId,
        title: t.title,
        dueDate: t.dueDate,
        status: task?.status ?? 'unknown',
        assigneeId: task?.assigneeId ?? null,
      };
    }),
  );
  return { ...alertView({ ...a, tasks: tasks.length }, await today(deps)), playbook };
}

async function changeAlert(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  action: string,
  change: (a: AlertRow, tx: Executor, now: Date) => Promise<Partial<AlertRow>>,
): Promise<AlertDetail> {
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    const a = await repo.findAlert(tx, id, true);
    if (!a) throw Problem.notFound(`Alert ${id}`);
    const patch = await change(a, tx, now);
    const after = Object.keys(patch).length ? await repo.updateAlert(tx, id, patch) : a;
    await recordAudit(tx, ctx, now, {
      action: `risk.alert_${action}`,
      entityType: 'loan',
      entityId: a.loanId,
      before: { alertId: id, status: a.status, ownerId: a.ownerId },
      after: { alertId: id, status: after.status, ownerId: after.ownerId, outcome: after.outcome, ...patch },
    });
  });
  return getAlert(deps, id);
}

function requireOpen(a: AlertRow): void {
  if (a.status !== 'open') throw Problem.conflict('alert-closed', `Alert ${a.id} is already closed`);
}

export async function closeAlert(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  outcome: AlertOutcome,
  note?: string,
): Promise<AlertDetail> {
  return changeAlert(deps, ctx, id, 'closed', async (a, _tx, now) => {
    requireOpen(a);
    return { status: 'closed', outcome, outcomeNote: note ?? null, closedAt: now, closedBy: ctx.actorName };
  });
}

export async function assignAlert(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  ownerId: string | null,
): Promise<AlertDetail> {
  return changeAlert(deps, ctx, id, 'assigned', async (a) => {
    requireOpen(a);
    return { ownerId };
  });
}

/** Run one playbook step by hand (e.g. a legal referral when fraud is suspected). */
export async function runPlaybookStep(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  step: PlaybookStep,
  dueBusinessDays?: number,
): Promise<AlertDetail> {
  const days = dueBusinessDays ?? 2;
  // Read the business date first: inside the transaction only the transaction may be used.
  const dueDate = dueDateAfter(await today(deps), days);
  return changeAlert(deps, ctx, id, `step_${step}`, async (a, tx, now) => {
    requireOpen(a);
    await openPlaybookTask(tx, ctx, { ...a, dueDate }, step, days, now);
    return {};
  });
}

// ---- quality -----------------------------------------------------------------------------------

export interface AlertQualityReport extends AlertQuality {
  from: string;
  to: string;
  outcomes: Record<string, number>;
}

/** How good the alerts were over a period: alerts that preceded a default, defaults nobody saw coming. */
export async function alertQualityReport(deps: Deps, from: string, to: string): Promise<AlertQualityReport> {
  if (from > to) throw Problem.badRequest('from', 'from must be on or before to');
  const db = deps.database.db;
  const { alerts, defaults } = await repo.qualityInputs(db, from, to);
  const outcomes = Object.fromEntries((await repo.outcomeCounts(db, from, to)).map((r) => [r.outcome, r.n]));
  return { from, to, ...alertQuality(alerts, defaults), outcomes };
}
