// Fair-lending monitoring, outside the credit decision path: the period's final decisions come
// from origination, the protected attributes (sex, age) from customers; neither ever reaches a
// decision. Each run stores its full result; findings carry remediation (review.service).
import { randomUUID } from 'node:crypto';
import { ageBand, ageOn } from '@bursar/core';
import { SYSTEM_ACTOR, type ActorContext, type Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { protectedAttributesOf } from '../customers/index.ts';
import { adverseActionLog, finalDecisionsBetween } from '../origination/index.ts';
import { adverseImpact, type AttributeResult, type GroupCount } from './fair-lending.stats.ts';
import * as repo from './fair-lending.repository.ts';
import { listFindings, ownerOf, raiseFinding, type FindingInput } from './review.service.ts';

const DAY_MS = 86_400_000;

export interface RunInput {
  from: string;
  to: string;
  minGroupSize?: number | undefined;
  thresholdPercent?: number | undefined;
}

function countsBy(values: { group: string; approved: boolean }[]): GroupCount[] {
  const by = new Map<string, GroupCount>();
  for (const v of values) {
    const g = by.get(v.group) ?? { group: v.group, applications: 0, approved: 0 };
    g.applications++;
    if (v.approved) g.approved++;
    by.set(v.group, g);
  }
  return [...by.values()];
}

function runView(r: repo.RunRow) {
  return {
    id: r.id,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    trigger: r.trigger,
    minGroupSize: r.minGroupSize,
    thresholdPercent: r.thresholdPercent,
    decisions: r.decisions,
    flagged: r.flagged,
    results: r.results as AttributeResult[],
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
  };
}
export type RunView = ReturnType<typeof runView>;

/** Approval rates, adverse-impact ratios and significance by sex and by age band over [from, to]. */
export async function runMonitoring(
  deps: Deps,
  ctx: ActorContext,
  input: RunInput,
  trigger: 'job' | 'manual' = 'manual',
): Promise<RunView> {
  if (input.to < input.from) throw Problem.badRequest('to', 'the period ends before it starts');
  const minGroupSize = input.minGroupSize ?? 20;
  const thresholdPercent = input.thresholdPercent ?? 80;
  const db = deps.database.db;
  const from = new Date(`${input.from}T00:00:00Z`);
  const to = new Date(new Date(`${input.to}T00:00:00Z`).getTime() + DAY_MS);
  const decisions = await finalDecisionsBetween(db, from, to);
  const attrs = new Map(
    (await protectedAttributesOf(db, [...new Set(decisions.map((d) => d.customerId))])).map((a) => [
      a.customerId,
      a,
    ]),
  );
  const sex = decisions.map((d) => ({
    group: attrs.get(d.customerId)?.gender?.trim().toLowerCase() || 'missing',
    approved: d.outcome === 'approved',
  }));
  const age = decisions.map((d) => {
    const dob = attrs.get(d.customerId)?.dateOfBirth;
    return {
      group: dob ? ageBand(ageOn(dob, d.decidedAt.toISOString().slice(0, 10))) : 'missing',
      approved: d.outcome === 'approved',
    };
  });
  const options = { minGroupSize, threshold: thresholdPercent / 100, alpha: 0.05 };
  const results = [
    adverseImpact('sex', countsBy(sex), options),
    adverseImpact('age', countsBy(age), options),
  ];
  const now = deps.now();
  return db.transaction(async (tx) => {
    const row = await repo.insertRun(tx, {
      id: randomUUID(),
      periodFrom: input.from,
      periodTo: input.to,
      trigger,
      minGroupSize,
      thresholdPercent,
      decisions: decisions.length,
      results,
      flagged: results.reduce((n, r) => n + r.groups.filter((g) => g.adverseImpact).length, 0),
      createdBy: ctx.actorName,
      createdAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: 'fair_lending.monitored',
      entityType: 'fair_lending_run',
      entityId: row.id,
      after: { from: input.from, to: input.to, decisions: decisions.length, flagged: row.flagged, trigger },
    });
    return runView(row);
  });
}

export async function listRuns(deps: Deps) {
  return (await repo.runs(deps.database.db)).map(runView);
}

export async function getRun(deps: Deps, id: string) {
  const r = await repo.findRun(deps.database.db, id);
  if (!r) throw Problem.notFound('Fair-lending run');
  const findings = (await listFindings(deps, { source: 'fair_lending' })).filter((f) => f.sourceId === id);
  return { ...runView(r), findings };
}

/** Raise a finding against a run (e.g. an adverse-impact flag) with its owner and due date. */
export async function raiseRunFinding(deps: Deps, ctx: ActorContext, runId: string, input: FindingInput) {
  const owner = await ownerOf(deps, input);
  return deps.database.db.transaction(async (tx) => {
    const r = await repo.findRun(tx, runId);
    if (!r) throw Problem.notFound('Fair-lending run');
    return raiseFinding(tx, deps, ctx, { source: 'fair_lending', sourceId: runId }, input, owner);
  });
}

/** Adverse-action notices sent in [from, to]: who was declined, when, why, by whom. */
export async function adverseActions(deps: Deps, from: string, to: string) {
  const items = await adverseActionLog(
    deps.database.db,
    new Date(`${from}T00:00:00Z`),
    new Date(new Date(`${to}T00:00:00Z`).getTime() + DAY_MS),
  );
  return items.map((i) => ({ ...i, decidedAt: i.decidedAt.toISOString() }));
}

/** The scheduled run: the last 90 days up to yesterday, once a day per period (idempotent enough:
 *  a second run on the same day simply stores another identical snapshot). */
export async function scheduledMonitoring(deps: Deps): Promise<RunView> {
  const today = deps.now();
  const to = new Date(today.getTime() - DAY_MS).toISOString().slice(0, 10);
  const from = new Date(today.getTime() - 90 * DAY_MS).toISOString().slice(0, 10);
  return runMonitoring(deps, { ...SYSTEM_ACTOR, actorName: 'fair-lending-job' }, { from, to }, 'job');
}

export const FAIR_LENDING_QUEUE = 'compliance-fair-lending';
