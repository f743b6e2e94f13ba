// The risk register: risks with owner and a likelihood × impact rating, their controls, key
// risk indicators evaluated live against the portfolio metrics, review dates, and the
// operational incident log. Every change is audited in its transaction.
import { randomUUID } from 'node:crypto';
import {
  addDays,
  formatMoney,
  isCurrencyCode,
  kriStatus,
  kriThresholdsValid,
  parseMoney,
  riskRating,
  type KriStatus,
} from '@bursar/core';
import type { ActorContext, Deps } from '../../deps.ts';
import type { Executor } from '../../db/database.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { portfolioMetrics, type KriMetric } from './portfolio.service.ts';
import * as repo from './register.repository.ts';

export type RiskCategory = repo.RiskRow['category'];
export type RiskStatus = repo.RiskRow['status'];

export interface ControlInput {
  name: string;
  description?: string | null | undefined;
  kind: repo.ControlRow['kind'];
  effectiveness: repo.ControlRow['effectiveness'];
}

export interface KriInput {
  name: string;
  metric: KriMetric;
  direction: 'above' | 'below';
  amber: number;
  red: number;
}

export interface RiskInput {
  title: string;
  description?: string | null | undefined;
  category: RiskCategory;
  ownerName: string;
  likelihood: number;
  impact: number;
  status?: RiskStatus | undefined;
  reviewEveryDays?: number | undefined;
  nextReviewOn?: string | undefined;
  controls?: ControlInput[] | undefined;
  kris?: KriInput[] | undefined;
}

export interface IncidentInput {
  occurredOn: string;
  category: string;
  title: string;
  description?: string | null | undefined;
  lossAmount: string;
  currency: string;
  riskId?: string | null | undefined;
  actions?: string | null | undefined;
  status?: 'open' | 'closed' | undefined;
}

const today = (deps: Deps) => deps.now().toISOString().slice(0, 10);

function riskView(r: repo.RiskRow, asOf: string) {
  return {
    id: r.id,
    code: r.code,
    title: r.title,
    description: r.description,
    category: r.category,
    ownerName: r.ownerName,
    likelihood: r.likelihood,
    impact: r.impact,
    ...riskRating(r.likelihood, r.impact),
    status: r.status,
    reviewEveryDays: r.reviewEveryDays,
    nextReviewOn: r.nextReviewOn,
    lastReviewedOn: r.lastReviewedOn,
    lastReviewNote: r.lastReviewNote,
    reviewOverdue: r.status !== 'closed' && r.nextReviewOn < asOf,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

function controlView(c: repo.ControlRow) {
  return {
    id: c.id,
    riskId: c.riskId,
    name: c.name,
    description: c.description,
    kind: c.kind,
    effectiveness: c.effectiveness,
  };
}

function kriView(k: repo.KriRow, metrics: Record<string, number>) {
  const value = metrics[k.metric] ?? null;
  return {
    id: k.id,
    riskId: k.riskId,
    name: k.name,
    metric: k.metric,
    direction: k.direction,
    amber: k.amber,
    red: k.red,
    value,
    status: value === null ? ('green' as KriStatus) : kriStatus(value, k),
  };
}

function incidentView(i: repo.IncidentRow) {
  return {
    id: i.id,
    occurredOn: i.occurredOn,
    category: i.category,
    title: i.title,
    description: i.description,
    lossAmount: formatMoney(i.lossAmount, i.currency),
    lossMinor: i.lossAmount,
    currency: i.currency,
    riskId: i.riskId,
    actions: i.actions,
    status: i.status,
    reportedByName: i.reportedByName,
    createdAt: i.createdAt.toISOString(),
  };
}

/** Live KRI values: the portfolio metrics (book's main currency) and the last 90 days' operational losses. */
export async function kriValues(deps: Deps): Promise<Record<string, number>> {
  const metrics = await portfolioMetrics(deps);
  const losses = await repo.lossesSince(deps.database.db, addDays(today(deps), -90));
  return { ...metrics, incident_loss_90d: [...losses.values()].reduce((a, b) => a + b, 0) };
}

const STATUS_ORDER: Record<KriStatus, number> = { green: 0, amber: 1, red: 2 };
const worst = (statuses: KriStatus[]): KriStatus | null =>
  statuses.length ? statuses.reduce((a, b) => (STATUS_ORDER[b] > STATUS_ORDER[a] ? b : a)) : null;

/** Every risk with its rating, review flag and worst KRI status, and the 5 × 5 heat map of open risks. */
export async function riskRegister(deps: Deps) {
  const db = deps.database.db;
  const asOf = today(deps);
  const [risks, kris, controls, metrics] = await Promise.all([
    repo.allRisks(db),
    repo.krisOf(db),
    repo.controlsOf(db),
    kriValues(deps),
  ]);
  const items = risks.map((r) => {
    const own = kris.filter((k) => k.riskId === r.id).map((k) => kriView(k, metrics));
    return {
      ...riskView(r, asOf),
      controls: controls.filter((c) => c.riskId === r.id).length,
      kris: own.length,
      kriStatus: worst(own.map((k) => k.status)),
    };
  });
  // heatMap[likelihood − 1][impact − 1]: open risks in that cell.
  const heatMap = Array.from({ length: 5 }, () => new Array<number>(5).fill(0));
  for (const r of items) if (r.status !== 'closed') heatMap[r.likelihood - 1]![r.impact - 1]!++;
  return { asOf, items, heatMap, overdueReviews: items.filter((r) => r.reviewOverdue).length };
}

export async function getRisk(deps: Deps, id: string) {
  const db = deps.database.db;
  const r = await repo.findRisk(db, id);
  if (!r) throw Problem.notFound('risk');
  const [controls, kris, incidents, metrics] = await Promise.all([
    repo.controlsOf(db, id),
    repo.krisOf(db, id),
    repo.incidents(db, id),
    kriValues(deps),
  ]);
  return {
    ...riskView(r, today(deps)),
    controls: controls.map(controlView),
    kris: kris.map((k) => kriView(k, metrics)),
    incidents: incidents.map(incidentView),
  };
}
export type RiskDetail = Awaited<ReturnType<typeof getRisk>>;

function checkKri(k: KriInput, field: string): void {
  if (!kriThresholdsValid(k))
    throw Problem.badRequest(
      field ? `${field}.red` : 'red',
      k.direction === 'above'
        ? 'must be at least the amber threshold'
        : 'must be at most the amber threshold',
    );
}

async function writeControl(tx: Executor, riskId: string, c: ControlInput, now: Date) {
  const row = { id: randomUUID(), riskId, ...c, description: c.description ?? null, createdAt: now };
  await repo.insertControl(tx, row);
  return row;
}

async function writeKri(tx: Executor, riskId: string, k: KriInput, now: Date) {
  const row = { id: randomUUID(), riskId, ...k, createdAt: now };
  await repo.insertKri(tx, row);
  return row;
}

export async function createRisk(deps: Deps, ctx: ActorContext, input: RiskInput): Promise<RiskDetail> {
  return getRisk(deps, await insertRisk(deps, ctx, input));
}

/** Add a risk with its controls and KRIs in one audited transaction; returns its id. */
export async function insertRisk(deps: Deps, ctx: ActorContext, input: RiskInput): Promise<string> {
  input.kris?.forEach((k, i) => checkKri(k, `kris.${i}`));
  const now = deps.now();
  const every = input.reviewEveryDays ?? 90;
  const id = randomUUID();
  await deps.database.db.transaction(async (tx) => {
    const row = {
      id,
      code: await repo.nextRiskCode(tx),
      title: input.title,
      description: input.description ?? null,
      category: input.category,
      ownerName: input.ownerName,
      likelihood: input.likelihood,
      impact: input.impact,
      status: input.status ?? 'open',
      reviewEveryDays: every,
      nextReviewOn: input.nextReviewOn ?? addDays(today(deps), every),
      createdAt: now,
      updatedAt: now,
    };
    await repo.insertRisk(tx, row);
    const controls = [];
    for (const c of input.controls ?? []) controls.push(await writeControl(tx, id, c, now));
    const kris = [];
    for (const k of input.kris ?? []) kris.push(await writeKri(tx, id, k, now));
    await recordAudit(tx, ctx, now, {
      action: 'risk.register.created',
      entityType: 'risk_register_risk',
      entityId: id,
      after: { ...row, controls, kris },
    });
  });
  return id;
}

export type RiskPatch = Partial<Omit<RiskInput, 'controls' | 'kris'>>;

export async function updateRisk(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  patch: RiskPatch,
): Promise<RiskDetail> {
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    const before = await repo.findRisk(tx, id, true);
    if (!before) throw Problem.notFound('risk');
    const set = { ...patch, updatedAt: now };
    await repo.updateRisk(tx, id, set);
    await recordAudit(tx, ctx, now, {
      action: 'risk.register.updated',
      entityType: 'risk_register_risk',
      entityId: id,
      before,
      after: { ...before, ...set },
    });
  });
  return getRisk(deps, id);
}

/** A review: recorded today, the next one due after the risk's review interval unless a date is given. */
export async function reviewRisk(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  input: { note?: string | undefined; nextReviewOn?: string | undefined },
): Promise<RiskDetail> {
  const now = deps.now();
  const on = today(deps);
  await deps.database.db.transaction(async (tx) => {
    const before = await repo.findRisk(tx, id, true);
    if (!before) throw Problem.notFound('risk');
    const next = input.nextReviewOn ?? addDays(on, before.reviewEveryDays);
    if (next <= on) throw Problem.badRequest('nextReviewOn', 'must be after today');
    const set = {
      lastReviewedOn: on,
      lastReviewNote: input.note ?? null,
      nextReviewOn: next,
      updatedAt: now,
    };
    await repo.updateRisk(tx, id, set);
    await recordAudit(tx, ctx, now, {
      action: 'risk.register.reviewed',
      entityType: 'risk_register_risk',
      entityId: id,
      before: { lastReviewedOn: before.lastReviewedOn, nextReviewOn: before.nextReviewOn },
      after: set,
    });
  });
  return getRisk(deps, id);
}

async function addToRisk<T extends object>(
  deps: Deps,
  ctx: ActorContext,
  riskId: string,
  what: 'control' | 'kri',
  write: (tx: Executor, now: Date) => Promise<T & { id: string }>,
): Promise<RiskDetail> {
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    if (!(await repo.findRisk(tx, riskId, true))) throw Problem.notFound('risk');
    const row = await write(tx, now);
    await recordAudit(tx, ctx, now, {
      action: `risk.register.${what}_added`,
      entityType: `risk_register_${what}`,
      entityId: row.id,
      after: row,
    });
  });
  return getRisk(deps, riskId);
}

export async function addControl(deps: Deps, ctx: ActorContext, riskId: string, input: ControlInput) {
  return addToRisk(deps, ctx, riskId, 'control', (tx, now) => writeControl(tx, riskId, input, now));
}

export async function addKri(deps: Deps, ctx: ActorContext, riskId: string, input: KriInput) {
  checkKri(input, '');
  return addToRisk(deps, ctx, riskId, 'kri', (tx, now) => writeKri(tx, riskId, input, now));
}

export async function listIncidents(deps: Deps) {
  return (await repo.incidents(deps.database.db)).map(incidentView);
}

function lossOf(input: { lossAmount: string; currency: string }): number {
  if (!isCurrencyCode(input.currency))
    throw Problem.badRequest('currency', 'is not a known ISO 4217 currency');
  try {
    const v = parseMoney(input.lossAmount, input.currency);
    if (v < 0) throw new RangeError('negative');
    return v;
  } catch {
    throw Problem.badRequest('lossAmount', `must be an amount ≥ 0 in ${input.currency}, e.g. 1200.00`);
  }
}

export async function createIncident(deps: Deps, ctx: ActorContext, input: IncidentInput) {
  const lossAmount = lossOf(input);
  const now = deps.now();
  const row = {
    id: randomUUID(),
    occurredOn: input.occurredOn,
    category: input.category,
    title: input.title,
    description: input.description ?? null,
    lossAmount,
    currency: input.currency,
    riskId: input.riskId ?? null,
    actions: input.actions ?? null,
    status: input.status ?? 'open',
    reportedByName: ctx.actorName,
    createdAt: now,
  };
  if (row.occurredOn > today(deps)) throw Problem.badRequest('occurredOn', 'cannot be in the future');
  await deps.database.db.transaction(async (tx) => {
    if (row.riskId && !(await repo.findRisk(tx, row.riskId)))
      throw Problem.badRequest('riskId', 'no such risk');
    await repo.insertIncident(tx, row);
    await recordAudit(tx, ctx, now, {
      action: 'risk.incident.logged',
      entityType: 'risk_incident',
      entityId: row.id,
      after: row,
    });
  });
  return incidentView(row);
}

export async function updateIncident(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  patch: { actions?: string | null | undefined; status?: 'open' | 'closed' | undefined },
) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const before = await repo.findIncident(tx, id);
    if (!before) throw Problem.notFound('incident');
    await repo.updateIncident(tx, id, patch);
    const after = { ...before, ...patch };
    await recordAudit(tx, ctx, now, {
      action: 'risk.incident.updated',
      entityType: 'risk_incident',
      entityId: id,
      before,
      after,
    });
    return incidentView(after);
  });
}
