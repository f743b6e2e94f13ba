// Internal review by the second line: a reproducible stratified sample of credit decisions,
// restructurings and write-offs (found in the audit trail, which records who did each act), a
// checklist per sampled item, and findings (from a review or from fair-lending monitoring) with an
// owner, a due date and a remediation log, tracked to closure with evidence.
import { createHash, randomUUID } from 'node:crypto';
import type { ActorContext, Deps } from '../../deps.ts';
import type { Executor } from '../../db/database.ts';
import { Problem } from '../../http/problem.ts';
import { listAuditEvents, recordAudit } from '../audit/index.ts';
import { getUser, type Actor } from '../identity/index.ts';
import * as repo from './review.repository.ts';
import type { FindingRow, ItemRow } from './review.repository.ts';
import { REVIEW_SUBJECTS } from './review.tables.ts';

export type ReviewSubject = (typeof REVIEW_SUBJECTS)[number];

/** Which audited acts make up each stratum. */
const POPULATION: Record<ReviewSubject, { actions: string[]; keep?: (after: unknown) => boolean }> = {
  credit_decision: {
    actions: [
      'application.decided_approve',
      'application.decided_decline',
      'application.second_approved',
      'application.second_declined',
    ],
  },
  restructuring: { actions: ['hardship.approved'] },
  write_off: {
    actions: ['loan.state_changed'],
    keep: (after) => (after as { state?: string } | null)?.state === 'charged_off',
  },
};

/** The checklist a reviewer answers per item type, in both languages. */
export const CHECKLISTS: Record<ReviewSubject, { key: string; en: string; zh: string }[]> = {
  credit_decision: [
    {
      key: 'policy_followed',
      en: 'The credit policy was followed or the exception justified',
      zh: '遵循授信政策或例外有合理说明',
    },
    {
      key: 'evidence_verified',
      en: 'Identity, enrolment and income evidence were verified',
      zh: '身份、在读及收入证明已核实',
    },
    {
      key: 'reasons_recorded',
      en: 'The reasons for the decision are recorded and adequate',
      zh: '决定理由已记录且充分',
    },
    { key: 'four_eyes', en: 'Four-eyes approval was obtained where required', zh: '按要求完成双人复核' },
    {
      key: 'notice_sent',
      en: 'A decline sent an adverse-action notice (N/A for approvals)',
      zh: '拒绝时已发送不利决定通知（批准时不适用）',
    },
  ],
  restructuring: [
    { key: 'hardship_evidenced', en: 'The hardship is evidenced', zh: '困难情况有证明材料' },
    {
      key: 'terms_appropriate',
      en: 'The new terms are affordable and within policy',
      zh: '新条款可负担且符合政策',
    },
    {
      key: 'customer_informed',
      en: 'The borrower was told the new schedule and its cost',
      zh: '已告知借款人新还款计划及其成本',
    },
  ],
  write_off: [
    {
      key: 'collections_exhausted',
      en: 'Collections were exhausted before the write-off',
      zh: '核销前已穷尽催收手段',
    },
    { key: 'authority', en: 'The write-off was within the approver’s authority', zh: '核销在审批权限内' },
    { key: 'accounting', en: 'The ledger entries are correct', zh: '账务处理正确' },
  ],
};

const DAY_MS = 86_400_000;

/** An audit timestamp ('2026-01-02 03:04:05.678+00' from the driver) as a Date. */
function auditTime(s: string): Date {
  const iso = s.includes('T') ? s : s.replace(' ', 'T');
  return new Date(/[+-]\d\d$/.test(iso) ? `${iso}:00` : iso);
}

function rank(seed: string, subject: ReviewSubject, eventId: string): string {
  return createHash('sha256').update(`${seed}:${subject}:${eventId}`).digest('hex');
}

/** How many of a stratum of n to draw: rate per cent rounded up, at least one of a non-empty stratum. */
export function sampleSize(n: number, ratePercent: number): number {
  return n === 0 ? 0 : Math.min(n, Math.max(1, Math.ceil((n * ratePercent) / 100)));
}

async function population(deps: Deps, subject: ReviewSubject, from: string, to: string) {
  const spec = POPULATION[subject];
  const out = [];
  const toExclusive = new Date(new Date(`${to}T00:00:00Z`).getTime() + DAY_MS).toISOString();
  for (const action of spec.actions) {
    for (let offset = 0; ; offset += 1000) {
      const { items } = await listAuditEvents(
        deps,
        { action, from: `${from}T00:00:00.000Z`, to: toExclusive },
        { limit: 1000, offset },
      );
      const end = new Date(toExclusive);
      out.push(...items.filter((e) => auditTime(e.occurredAt) < end && (!spec.keep || spec.keep(e.after))));
      if (items.length < 1000) break;
    }
  }
  return out;
}

export interface SampleInput {
  from: string;
  to: string;
  ratePercent: number;
  /** Omitted: a random seed, stored so the same sample can be drawn again. */
  seed?: string | undefined;
}

/**
 * Draw a sample: per stratum, rank the acts by SHA-256(seed, stratum, audit event id) and take
 * the first rate % (at least one). The same seed over the same period draws the same items.
 * The reviewer's own acts are left out: the second line never reviews itself.
 */
export async function drawSample(
  deps: Deps,
  ctx: ActorContext,
  actor: Pick<Actor, 'userId'>,
  input: SampleInput,
) {
  if (input.to < input.from) throw Problem.badRequest('to', 'the period ends before it starts');
  const seed = input.seed ?? randomUUID();
  const now = deps.now();
  const strata: Record<string, { population: number; excludedOwn: number; sampled: number }> = {};
  const picked: { subject: ReviewSubject; event: Awaited<ReturnType<typeof population>>[number] }[] = [];
  for (const subject of REVIEW_SUBJECTS) {
    const all = await population(deps, subject, input.from, input.to);
    const eligible = all.filter((e) => e.actorId !== actor.userId);
    const k = sampleSize(eligible.length, input.ratePercent);
    const chosen = eligible
      .map((e) => ({ e, r: rank(seed, subject, e.id) }))
      .sort((a, b) => (a.r < b.r ? -1 : 1))
      .slice(0, k);
    strata[subject] = { population: all.length, excludedOwn: all.length - eligible.length, sampled: k };
    picked.push(...chosen.map((c) => ({ subject, event: c.e })));
  }
  return deps.database.db.transaction(async (tx) => {
    const sample = await repo.insertSample(tx, {
      id: randomUUID(),
      periodFrom: input.from,
      periodTo: input.to,
      ratePercent: input.ratePercent,
      seed,
      strata,
      createdBy: ctx.actorName,
      createdById: actor.userId,
      createdAt: now,
    });
    await repo.insertItems(
      tx,
      picked.map(({ subject, event }) => ({
        id: randomUUID(),
        sampleId: sample.id,
        subjectType: subject,
        auditEventId: event.id,
        entityType: event.entityType,
        entityId: event.entityId,
        action: event.action,
        originalActorId: event.actorId,
        originalActorName: event.actorName,
        occurredAt: auditTime(event.occurredAt),
        status: 'pending' as const,
      })),
    );
    await recordAudit(tx, ctx, now, {
      action: 'review.sample_drawn',
      entityType: 'review_sample',
      entityId: sample.id,
      after: { from: input.from, to: input.to, ratePercent: input.ratePercent, seed, strata },
    });
    return sampleView(sample, await repo.itemsOf(tx, sample.id));
  });
}

function itemView(i: ItemRow) {
  return {
    id: i.id,
    subjectType: i.subjectType,
    entityType: i.entityType,
    entityId: i.entityId,
    action: i.action,
    auditEventId: i.auditEventId,
    originalActorName: i.originalActorName ?? 'system',
    occurredAt: i.occurredAt.toISOString(),
    status: i.status,
    answers: (i.answers as Record<string, string> | null) ?? null,
    outcome: i.outcome,
    note: i.note,
    reviewerName: i.reviewerName,
    reviewedAt: i.reviewedAt?.toISOString() ?? null,
    checklist: CHECKLISTS[i.subjectType],
  };
}

function sampleView(s: repo.SampleRow, items: ItemRow[]) {
  return {
    id: s.id,
    periodFrom: s.periodFrom,
    periodTo: s.periodTo,
    ratePercent: s.ratePercent,
    seed: s.seed,
    strata: s.strata as Record<string, { population: number; excludedOwn: number; sampled: number }>,
    createdBy: s.createdBy,
    createdAt: s.createdAt.toISOString(),
    reviewed: items.filter((i) => i.status === 'reviewed').length,
    items: items.map(itemView),
  };
}

export async function listSamples(deps: Deps) {
  const db = deps.database.db;
  const rows = await repo.samples(db);
  return Promise.all(rows.map(async (s) => sampleView(s, await repo.itemsOf(db, s.id))));
}

export async function getSample(deps: Deps, id: string) {
  const s = await repo.findSample(deps.database.db, id);
  if (!s) throw Problem.notFound('Review sample');
  return sampleView(s, await repo.itemsOf(deps.database.db, id));
}

export interface Owner {
  ownerId: string | null;
  ownerName: string;
}

export interface FindingInput {
  title: string;
  detail: string;
  severity: FindingRow['severity'];
  ownerId?: string | undefined;
  ownerName?: string | undefined;
  dueDate: string;
}

/** Resolve the owner before any transaction: getUser reads outside it (PGlite has one connection). */
export async function ownerOf(
  deps: Deps,
  input: Pick<FindingInput, 'ownerId' | 'ownerName'>,
): Promise<Owner> {
  if (input.ownerId) {
    const u = await getUser(deps, input.ownerId).catch(() => null);
    if (!u) throw Problem.badRequest('finding.ownerId', 'no such user');
    return { ownerId: u.id, ownerName: u.displayName };
  }
  if (!input.ownerName) throw Problem.badRequest('finding.ownerName', 'name an owner');
  return { ownerId: null, ownerName: input.ownerName };
}

/** Raise a finding inside the caller's transaction (review item or fair-lending run). */
export async function raiseFinding(
  tx: Executor,
  deps: Deps,
  ctx: ActorContext,
  source: { source: FindingRow['source']; sourceId: string },
  input: FindingInput,
  owner: Owner,
) {
  const now = deps.now();
  if (input.dueDate < now.toISOString().slice(0, 10))
    throw Problem.badRequest('finding.dueDate', 'the due date is in the past');
  const row = await repo.insertFinding(tx, {
    id: randomUUID(),
    ...source,
    title: input.title,
    detail: input.detail,
    severity: input.severity,
    ...owner,
    dueDate: input.dueDate,
    status: 'open',
    remediation: [{ at: now.toISOString(), by: ctx.actorName, status: 'open', note: 'raised' }],
    createdBy: ctx.actorName,
    createdAt: now,
  });
  await recordAudit(tx, ctx, now, {
    action: 'finding.raised',
    entityType: 'compliance_finding',
    entityId: row.id,
    after: { ...source, severity: row.severity, owner: row.ownerName, dueDate: row.dueDate },
  });
  return row;
}

/** Answer the checklist for a sampled item; any "no" needs a finding. Never one's own act. */
export async function reviewItem(
  deps: Deps,
  ctx: ActorContext,
  actor: Pick<Actor, 'userId'>,
  itemId: string,
  input: {
    answers: Record<string, 'yes' | 'no' | 'na'>;
    note?: string | undefined;
    finding?: FindingInput | undefined;
  },
) {
  const now = deps.now();
  const owner = input.finding ? await ownerOf(deps, input.finding) : null;
  return deps.database.db.transaction(async (tx) => {
    const item = await repo.findItem(tx, itemId, true);
    if (!item) throw Problem.notFound('Review item');
    if (item.status === 'reviewed')
      throw Problem.conflict('already-reviewed', 'This item has been reviewed', 'itemId');
    if (item.originalActorId && item.originalActorId === actor.userId)
      throw Problem.conflict(
        'reviewer-is-original-actor',
        'You cannot review an act you performed yourself',
        'reviewer',
      );
    const checklist = CHECKLISTS[item.subjectType];
    for (const c of checklist)
      if (!input.answers[c.key])
        throw Problem.badRequest(`answers.${c.key}`, 'answer every checklist question');
    const unknown = Object.keys(input.answers).find((k) => !checklist.some((c) => c.key === k));
    if (unknown) throw Problem.badRequest(`answers.${unknown}`, 'not a question of this checklist');
    const failed = checklist.some((c) => input.answers[c.key] === 'no');
    if (failed && !input.finding)
      throw Problem.badRequest('finding', 'a "no" answer needs a finding with an owner and a due date');
    const finding =
      input.finding && owner
        ? await raiseFinding(
            tx,
            deps,
            ctx,
            { source: 'internal_review', sourceId: item.id },
            input.finding,
            owner,
          )
        : null;
    const updated = await repo.updateItem(tx, item.id, {
      status: 'reviewed',
      answers: input.answers,
      outcome: finding ? 'finding' : 'satisfactory',
      note: input.note ?? null,
      reviewerId: actor.userId,
      reviewerName: ctx.actorName,
      reviewedAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: 'review.item_reviewed',
      entityType: 'review_item',
      entityId: item.id,
      before: { status: item.status },
      after: { status: 'reviewed', outcome: updated.outcome, findingId: finding?.id ?? null },
    });
    return { item: itemView(updated), finding: finding ? findingView(finding, now) : null };
  });
}

export function findingView(f: FindingRow, now: Date) {
  const today = now.toISOString().slice(0, 10);
  return {
    id: f.id,
    source: f.source,
    sourceId: f.sourceId,
    title: f.title,
    detail: f.detail,
    severity: f.severity,
    ownerId: f.ownerId,
    ownerName: f.ownerName,
    dueDate: f.dueDate,
    status: f.status,
    overdue: f.status !== 'closed' && f.dueDate < today,
    remediation: f.remediation as { at: string; by: string | null; status: string; note: string }[],
    closedAt: f.closedAt?.toISOString() ?? null,
    closedBy: f.closedBy,
    closureEvidence: f.closureEvidence,
    createdAt: f.createdAt.toISOString(),
  };
}
export type FindingView = ReturnType<typeof findingView>;

export async function listFindings(
  deps: Deps,
  filter: { source?: FindingRow['source'] | undefined; open?: boolean | undefined },
) {
  const now = deps.now();
  return (await repo.findings(deps.database.db, filter)).map((f) => findingView(f, now));
}

/**
 * Move a finding along: a remediation note (and optionally a new owner or due date) while open
 * or remediating; closing needs the evidence that the remediation worked.
 */
export async function updateFinding(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  input: {
    status: 'remediating' | 'closed';
    note: string;
    evidence?: string | undefined;
    dueDate?: string | undefined;
    ownerId?: string | undefined;
  },
) {
  const now = deps.now();
  const owner = input.ownerId ? await ownerOf(deps, { ownerId: input.ownerId }) : null;
  return deps.database.db.transaction(async (tx) => {
    const f = await repo.findFinding(tx, id, true);
    if (!f) throw Problem.notFound('Finding');
    if (f.status === 'closed')
      throw Problem.conflict('finding-closed', 'The finding is already closed', 'status');
    if (input.status === 'closed' && !input.evidence?.trim())
      throw Problem.badRequest('evidence', 'closing a finding needs the evidence of remediation');
    const log = [
      ...(f.remediation as object[]),
      { at: now.toISOString(), by: ctx.actorName, status: input.status, note: input.note },
    ];
    const updated = await repo.updateFinding(tx, id, {
      status: input.status,
      remediation: log,
      ...(input.dueDate ? { dueDate: input.dueDate } : {}),
      ...(owner ?? {}),
      ...(input.status === 'closed'
        ? { closedAt: now, closedBy: ctx.actorName, closureEvidence: input.evidence!.trim() }
        : {}),
    });
    await recordAudit(tx, ctx, now, {
      action: input.status === 'closed' ? 'finding.closed' : 'finding.updated',
      entityType: 'compliance_finding',
      entityId: id,
      before: { status: f.status, dueDate: f.dueDate, owner: f.ownerName },
      after: { status: updated.status, dueDate: updated.dueDate, owner: updated.ownerName, note: input.note },
    });
    return findingView(updated, now);
  });
}
