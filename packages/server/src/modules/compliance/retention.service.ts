// The retention schedule and the retention job. The job runs once per as-of date (idempotent:
// a completed run is returned as it is), in batches with a cursor (each batch one transaction,
// so an interrupted run resumes where it stopped), skips anything under a legal hold or a legal
// obligation, and records evidence per record — its id only as a keyed hash.
import { createHash, randomUUID } from 'node:crypto';
import { addMonthsIso } from '@bursar/core';
import type { Executor } from '../../db/database.ts';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { canonicalJson, recordAudit } from '../audit/index.ts';
import {
  anonymiseCustomerWithin,
  closedCustomersBefore,
  lockCustomerForErasure,
} from '../customers/index.ts';
import { listLoans } from '../servicing/index.ts';
import { holdReason } from './legal-hold.service.ts';
import * as repo from './retention.repository.ts';
import type { RetentionRuleRow, RetentionRunRow } from './retention.repository.ts';
import type { RetentionCounts } from './retention.tables.ts';

// ---------------------------------------------------------------------------------------------
// The schedule

export interface RetentionRuleInput {
  periodMonths: number;
  triggerEvent: string;
  action: 'anonymise' | 'delete';
  legalBasisEn: string;
  legalBasisZh: string;
  enabled: boolean;
}

/** The lender's default schedule (a compliance officer edits it; every edit is audited). */
export const DEFAULT_RETENTION_SCHEDULE: (RetentionRuleInput & { recordType: string })[] = [
  {
    recordType: 'customer_profile',
    periodMonths: 60,
    triggerEvent: 'relationship_end',
    action: 'anonymise',
    legalBasisEn:
      'AML customer identification records kept 5 years after the relationship ends (PRC AML Law; 31 CFR 1020.220); then no longer necessary (PIPL Art. 19, GDPR Art. 5(1)(e))',
    legalBasisZh:
      '反洗钱客户身份资料在业务关系结束后至少保存五年；此后不再必要（《个人信息保护法》第十九条）',
    enabled: true,
  },
  {
    recordType: 'data_subject_request',
    periodMonths: 36,
    triggerEvent: 'request_closed',
    action: 'delete',
    legalBasisEn:
      'Evidence of handling kept 3 years for accountability (GDPR Art. 5(2); PIPL Art. 54 audits)',
    legalBasisZh: '个人信息权利请求处理记录保存三年，用于合规审计（《个人信息保护法》第五十四条）',
    enabled: true,
  },
  {
    recordType: 'application_declined',
    periodMonths: 25,
    triggerEvent: 'decision_date',
    action: 'delete',
    legalBasisEn: 'Adverse-action records kept 25 months (Reg. B, 12 CFR 1002.12(b))',
    legalBasisZh: '拒贷记录保存二十五个月（美国 B 条例 12 CFR 1002.12(b)）',
    enabled: true,
  },
  {
    recordType: 'loan_record',
    periodMonths: 60,
    triggerEvent: 'payoff',
    action: 'anonymise',
    legalBasisEn:
      'Loan and transaction records kept 5 years after payoff (PRC AML Law; accounting archives rules)',
    legalBasisZh: '贷款及交易记录在结清后保存五年（《反洗钱法》《会计档案管理办法》）',
    enabled: true,
  },
  {
    recordType: 'ticket',
    periodMonths: 36,
    triggerEvent: 'ticket_closed',
    action: 'anonymise',
    legalBasisEn: 'Complaint handling records kept 3 years (consumer-protection supervision)',
    legalBasisZh: '投诉处理记录保存三年（金融消费者权益保护监管要求）',
    enabled: true,
  },
  {
    recordType: 'message',
    periodMonths: 24,
    triggerEvent: 'sent',
    action: 'delete',
    legalBasisEn: 'Servicing communications kept 2 years (evidence of notices sent)',
    legalBasisZh: '服务通知记录保存两年（通知送达证据）',
    enabled: true,
  },
  {
    recordType: 'survey_response',
    periodMonths: 24,
    triggerEvent: 'response_received',
    action: 'anonymise',
    legalBasisEn: 'Consent-based feedback: kept 2 years, then anonymised (GDPR Art. 5(1)(e))',
    legalBasisZh: '基于同意的满意度反馈保存两年后匿名化',
    enabled: true,
  },
  {
    recordType: 'document',
    periodMonths: 60,
    triggerEvent: 'relationship_end',
    action: 'delete',
    legalBasisEn: 'Contracts and statements kept 5 years after the relationship ends (limitation periods)',
    legalBasisZh: '合同及对账单在业务关系结束后保存五年（诉讼时效）',
    enabled: true,
  },
  {
    recordType: 'kyc_evidence',
    periodMonths: 60,
    triggerEvent: 'relationship_end',
    action: 'delete',
    legalBasisEn:
      'Identity verification evidence kept 5 years after the relationship ends (PRC AML Law; 31 CFR 1020.220(a)(3))',
    legalBasisZh: '身份核验证据在业务关系结束后保存五年（《反洗钱法》）',
    enabled: true,
  },
];

/** What the retention job can act on itself; other record types are enforced by their owning module. */
export interface RetentionExecutor {
  recordType: string;
  candidates(
    deps: Deps,
    db: Executor,
    cutoff: Date,
    afterId: string | null,
    limit: number,
  ): Promise<{ id: string; customerId: string }[]>;
  /** Obligations to keep, read before the batch's transaction opens (other modules' reads). */
  obligations?(deps: Deps, candidates: { id: string; customerId: string }[]): Promise<Map<string, string>>;
  /** Act on one record on the caller's transaction: what was done, or why it was kept. */
  apply(
    deps: Deps,
    tx: Executor,
    ctx: ActorContext,
    id: string,
    rule: RetentionRuleRow,
  ): Promise<{ outcome: 'anonymised' | 'deleted' } | { outcome: 'kept'; reason: string }>;
}

const TERMINAL_LOAN_STATES = ['paid_off', 'closed', 'discharged', 'forgiven'];

/** A legal obligation to keep the customer: a loan that is still open, in default or charged off. */
export async function loanObligation(deps: Deps, customerId: string): Promise<string | null> {
  const { items } = await listLoans(
    deps,
    { ownCustomerOnly: true, customerId },
    {},
    { limit: 500, offset: 0 },
  );
  const open = items.filter((l) => !TERMINAL_LOAN_STATES.includes(l.state));
  return open.length ? `loan obligation (${open.map((l) => `${l.loanNumber} ${l.state}`).join(', ')})` : null;
}

const customerProfileExecutor: RetentionExecutor = {
  recordType: 'customer_profile',
  async candidates(_deps, db, cutoff, afterId, limit) {
    const rows = await closedCustomersBefore(db, cutoff, afterId, limit);
    return rows.map((r) => ({ id: r.id, customerId: r.id }));
  },
  async obligations(deps, candidates) {
    const out = new Map<string, string>();
    for (const c of candidates) {
      const why = await loanObligation(deps, c.customerId);
      if (why) out.set(c.id, why);
    }
    return out;
  },
  async apply(deps, tx, ctx, id, rule) {
    // A customer reopened since the candidates were read (e.g. for a new loan) is no longer due.
    const row = await lockCustomerForErasure(tx, id);
    if (!row || row.status !== 'closed') return { outcome: 'kept', reason: 'no longer closed' };
    await anonymiseCustomerWithin(
      deps,
      tx,
      ctx,
      row,
      `retention schedule: ${rule.recordType} ${rule.periodMonths} months`,
    );
    return { outcome: 'anonymised' };
  },
};

const dsrExecutor: RetentionExecutor = {
  recordType: 'data_subject_request',
  candidates: (_deps, db, cutoff, afterId, limit) => repo.closedDsrsBefore(db, cutoff, afterId, limit),
  async apply(deps, tx, ctx, id) {
    const dsr = await repo.lockDsr(tx, id);
    if (!dsr || dsr.status === 'open') return { outcome: 'kept', reason: 'request reopened' };
    await repo.deleteDsr(tx, id);
    await recordAudit(tx, ctx, deps.now(), {
      action: 'dsr.deleted',
      entityType: 'data_subject_request',
      entityId: id,
      before: { reference: dsr.reference, kind: dsr.kind, status: dsr.status },
      after: { reason: 'retention schedule' },
    });
    return { outcome: 'deleted' };
  },
};

const executors = new Map<string, RetentionExecutor>([
  [customerProfileExecutor.recordType, customerProfileExecutor],
  [dsrExecutor.recordType, dsrExecutor],
]);

/** Another module joins the retention job for its record type by registering an executor. */
export function registerRetentionExecutor(e: RetentionExecutor): () => void {
  executors.set(e.recordType, e);
  return () => void executors.delete(e.recordType);
}

export interface RetentionRuleView extends RetentionRuleInput {
  recordType: string;
  /** Whether the retention job enforces the rule itself (else the owning module does). */
  enforcedByJob: boolean;
  updatedAt: string;
  updatedBy: string | null;
}

function ruleView(r: RetentionRuleRow): RetentionRuleView {
  return {
    recordType: r.recordType,
    periodMonths: r.periodMonths,
    triggerEvent: r.triggerEvent,
    action: r.action,
    legalBasisEn: r.legalBasisEn,
    legalBasisZh: r.legalBasisZh,
    enabled: r.enabled,
    enforcedByJob: executors.has(r.recordType),
    updatedAt: r.updatedAt.toISOString(),
    updatedBy: r.updatedBy,
  };
}

export async function installDefaultRetentionSchedule(deps: Deps): Promise<void> {
  const at = deps.now();
  await deps.database.db.transaction(async (tx) => {
    for (const r of DEFAULT_RETENTION_SCHEDULE)
      await repo.insertRuleIfMissing(tx, { ...r, updatedAt: at, updatedBy: 'system' });
  });
}

export async function listRetentionSchedule(deps: Deps): Promise<RetentionRuleView[]> {
  return (await repo.listRules(deps.database.db)).map(ruleView);
}

export async function putRetentionRule(
  deps: Deps,
  ctx: ActorContext,
  recordType: string,
  input: RetentionRuleInput,
): Promise<RetentionRuleView> {
  const row = await deps.database.db.transaction(async (tx) => {
    const at = deps.now();
    const before = await repo.findRule(tx, recordType);
    const saved = await repo.upsertRule(tx, {
      recordType,
      ...input,
      updatedAt: at,
      updatedBy: ctx.actorName,
    });
    await recordAudit(tx, ctx, at, {
      action: before ? 'retention_rule.changed' : 'retention_rule.created',
      entityType: 'retention_rule',
      entityId: null,
      before: before ? { recordType, ...ruleInputOf(before) } : null,
      after: { recordType, ...input },
    });
    return saved;
  });
  return ruleView(row);
}

function ruleInputOf(r: RetentionRuleRow): RetentionRuleInput {
  return {
    periodMonths: r.periodMonths,
    triggerEvent: r.triggerEvent,
    action: r.action,
    legalBasisEn: r.legalBasisEn,
    legalBasisZh: r.legalBasisZh,
    enabled: r.enabled,
  };
}

// ---------------------------------------------------------------------------------------------
// The job

export interface RetentionRunOptions {
  /** The day the schedule is applied as of (default: today, UTC). One run per day. */
  asOf?: string;
  batchSize?: number;
  /** Stop after this many batches, leaving the run resumable (operators; tests of resumption). */
  maxBatches?: number;
  ctx: ActorContext;
}

const zeroCounts = (): RetentionCounts => ({ anonymised: 0, deleted: 0, held: 0, kept: 0 });

function subjectHash(deps: Deps, recordType: string, id: string): string {
  return deps.cipher.blindIndex(`retention:${recordType}:${id}`);
}

async function planFor(deps: Deps): Promise<{ rule: RetentionRuleRow; executor: RetentionExecutor }[]> {
  const rules = await repo.listRules(deps.database.db);
  return rules
    .filter((r) => r.enabled && executors.has(r.recordType))
    .map((rule) => ({ rule, executor: executors.get(rule.recordType)! }));
}

/** Run (or resume, or return) the retention run of `asOf`. */
export async function runRetention(deps: Deps, opts: RetentionRunOptions): Promise<RetentionRunView> {
  const db = deps.database.db;
  const asOf = opts.asOf ?? deps.now().toISOString().slice(0, 10);
  const batchSize = opts.batchSize ?? 200;
  const plan = await planFor(deps);
  await db.transaction(async (tx) => {
    const at = deps.now();
    const id = randomUUID();
    await repo.insertRunIfAbsent(tx, {
      id,
      asOf,
      status: 'running',
      cursor: plan[0] ? { recordType: plan[0].rule.recordType, afterId: null } : null,
      counts: {},
      errors: [],
      triggeredBy: opts.ctx.actorName,
      startedAt: at,
    });
    const run = await repo.findRunByAsOf(tx, asOf);
    if (run?.id === id)
      await recordAudit(tx, opts.ctx, at, {
        action: 'retention_run.started',
        entityType: 'retention_run',
        entityId: id,
        after: { asOf },
      });
  });
  const runId = (await repo.findRunByAsOf(db, asOf))!.id;
  let batches = 0;
  for (;;) {
    if (opts.maxBatches !== undefined && batches >= opts.maxBatches) break;
    const snap = (await repo.findRun(db, runId))!;
    if (snap.status === 'completed') break;
    const step = snap.cursor ? plan.find((p) => p.rule.recordType === snap.cursor!.recordType) : undefined;
    if (!snap.cursor || !step) {
      await db.transaction(async (tx) => {
        const run = (await repo.lockRun(tx, runId))!;
        if (run.status !== 'completed') await finishRun(deps, tx, opts.ctx, run);
      });
      break;
    }
    const { rule, executor } = step;
    const cutoff = new Date(`${addMonthsIso(asOf, -rule.periodMonths)}T00:00:00.000Z`);
    // Candidates and other modules' obligations are read first: on the embedded database a
    // transaction holds the only connection, so nothing outside it may be queried inside it.
    const candidates = await executor.candidates(deps, db, cutoff, snap.cursor.afterId, batchSize);
    const obligations = executor.obligations
      ? await executor.obligations(deps, candidates)
      : new Map<string, string>();
    await db.transaction(async (tx) => {
      const run = (await repo.lockRun(tx, runId))!;
      // Another worker moved the run on meanwhile: read again.
      if (run.status === 'completed' || canonicalJson(run.cursor) !== canonicalJson(snap.cursor)) return;
      const counts = { ...run.counts };
      const c = { ...(counts[rule.recordType] ?? zeroCounts()) };
      const errors = [...run.errors];
      for (const cand of candidates) {
        const hash = subjectHash(deps, rule.recordType, cand.id);
        const at = deps.now();
        const held = await holdReason(tx, cand.customerId);
        const obliged = obligations.get(cand.id);
        let outcome: 'anonymised' | 'deleted' | 'held' | 'kept';
        let reason: string | null = null;
        if (held) {
          outcome = 'held';
          reason = held;
        } else if (obliged) {
          outcome = 'kept';
          reason = obliged;
        } else {
          try {
            // A savepoint per record: one record's failure is evidence, not the batch's undoing.
            const r = await tx.transaction((sp) => executor.apply(deps, sp, opts.ctx, cand.id, rule));
            outcome = r.outcome;
            reason = 'reason' in r ? r.reason : null;
          } catch (e) {
            errors.push({
              recordType: rule.recordType,
              subjectHash: hash,
              message: e instanceof Error ? e.message : String(e),
            });
            continue;
          }
        }
        if (
          await repo.insertRunItem(tx, {
            runId,
            recordType: rule.recordType,
            subjectHash: hash,
            outcome,
            reason,
            at,
          })
        )
          c[outcome] += 1;
      }
      counts[rule.recordType] = c;
      const last = candidates[candidates.length - 1];
      const next = plan[plan.indexOf(step) + 1];
      const cursor =
        candidates.length === batchSize && last
          ? { recordType: rule.recordType, afterId: last.id }
          : next
            ? { recordType: next.rule.recordType, afterId: null }
            : null;
      await repo.updateRun(tx, runId, { cursor, counts, errors, batches: run.batches + 1 });
    });
    batches += 1;
  }
  return getRetentionRun(deps, runId);
}

async function finishRun(deps: Deps, tx: Executor, ctx: ActorContext, run: RetentionRunRow): Promise<void> {
  const at = deps.now();
  const finished = { ...run, status: 'completed' as const, finishedAt: at, cursor: null };
  const items = await repo.runItems(tx, run.id);
  const sha = sha256(evidenceText(finished, items));
  await repo.updateRun(tx, run.id, {
    status: 'completed',
    finishedAt: at,
    cursor: null,
    evidenceSha256: sha,
  });
  await recordAudit(tx, ctx, at, {
    action: 'retention_run.completed',
    entityType: 'retention_run',
    entityId: run.id,
    after: { asOf: run.asOf, counts: run.counts, errors: run.errors.length, evidenceSha256: sha },
  });
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function evidenceText(run: RetentionRunRow, items: repo.RetentionRunItemRow[]): string {
  return `${canonicalJson({
    kind: 'bursar.retention-evidence',
    version: 1,
    runId: run.id,
    asOf: run.asOf,
    status: run.status,
    triggeredBy: run.triggeredBy,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    batches: run.batches,
    counts: run.counts,
    errors: run.errors,
    items: items.map((i) => ({
      recordType: i.recordType,
      subjectHash: i.subjectHash,
      outcome: i.outcome,
      reason: i.reason,
      at: i.at.toISOString(),
    })),
  })}\n`;
}

export interface RetentionRunView {
  id: string;
  asOf: string;
  status: RetentionRunRow['status'];
  counts: Record<string, RetentionCounts>;
  errors: RetentionRunRow['errors'];
  batches: number;
  cursor: RetentionRunRow['cursor'];
  triggeredBy: string | null;
  startedAt: string;
  finishedAt: string | null;
  evidenceSha256: string | null;
}

function runView(r: RetentionRunRow): RetentionRunView {
  return {
    id: r.id,
    asOf: r.asOf,
    status: r.status,
    counts: r.counts,
    errors: r.errors,
    batches: r.batches,
    cursor: r.cursor,
    triggeredBy: r.triggeredBy,
    startedAt: r.startedAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
    evidenceSha256: r.evidenceSha256,
  };
}

export async function getRetentionRun(deps: Deps, id: string): Promise<RetentionRunView> {
  const r = await repo.findRun(deps.database.db, id);
  if (!r) throw Problem.notFound('Retention run');
  return runView(r);
}

export async function listRetentionRuns(deps: Deps, limit = 50): Promise<RetentionRunView[]> {
  return (await repo.listRuns(deps.database.db, limit)).map(runView);
}

/** The run's evidence file and its checksum; `intact` is false if it no longer matches the recorded one. */
export async function retentionEvidence(
  deps: Deps,
  ctx: ActorContext,
  id: string,
): Promise<{ fileName: string; content: string; sha256: string; intact: boolean | null }> {
  const db = deps.database.db;
  const run = await repo.findRun(db, id);
  if (!run) throw Problem.notFound('Retention run');
  const content = evidenceText(run, await repo.runItems(db, id));
  const sha = sha256(content);
  await db.transaction(async (tx) =>
    recordAudit(tx, ctx, deps.now(), {
      action: 'retention_run.evidence_exported',
      entityType: 'retention_run',
      entityId: id,
      after: { sha256: sha },
    }),
  );
  return {
    fileName: `retention-evidence-${run.asOf}.json`,
    content,
    sha256: sha,
    intact: run.evidenceSha256 ? run.evidenceSha256 === sha : null,
  };
}
