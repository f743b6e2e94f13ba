// Read models: an application with everything the review page and the status page need, the
// staff queue with SLA timers, the tranches ready to pay, and the funnel.
import {
  formatMoney,
  funnelBy,
  funnelSummary,
  type FunnelRow,
  type FunnelStage,
  type TranchePlan,
} from '@bursar/core';
import type { Deps } from '../../deps.ts';
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../identity/index.ts';
import { mayView, viewerOf, visibleApplication } from './access.ts';
import { answersOf, maskedNationalId, missingOf } from './applications.service.ts';
import { contractView } from './contracts.service.ts';
import { disbursementView } from './disbursements.service.ts';
import * as repo from './origination.repository.ts';
import type { ApplicationRow, ApplicationStatusValue } from './origination.repository.ts';
import { originationSettings } from './settings.ts';

function sla(deps: Deps, row: ApplicationRow) {
  const waiting = ['submitted', 'referred', 'pending_approval'].includes(row.status);
  if (!row.submittedAt || !waiting) return null;
  const due = new Date(
    row.submittedAt.getTime() + originationSettings().BURSAR_APPLICATION_SLA_HOURS * 3_600_000,
  );
  const now = deps.now();
  return {
    dueAt: due.toISOString(),
    overdue: now > due,
    hoursWaiting: Math.floor((now.getTime() - row.submittedAt.getTime()) / 3_600_000),
  };
}

export function summaryOf(deps: Deps, row: ApplicationRow) {
  const a = answersOf(row);
  return {
    id: row.id,
    applicationNumber: row.applicationNumber,
    customerId: row.customerId,
    applicantName: a.identity?.legalName ?? null,
    channel: row.channel,
    status: row.status,
    productCode: row.productCode,
    schoolId: row.schoolId,
    currency: row.currency,
    requestedTotalMinor: row.requestedTotal,
    requestedTotal:
      row.requestedTotal !== null && row.currency ? formatMoney(row.requestedTotal, row.currency) : null,
    enrolmentCheck: row.enrolmentCheck,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    submittedAt: row.submittedAt?.toISOString() ?? null,
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionSeconds: row.decisionSeconds,
    firstDisbursedAt: row.firstDisbursedAt?.toISOString() ?? null,
    loanId: row.loanId,
    sla: sla(deps, row),
  };
}

async function detailOf(deps: Deps, db: Executor, actor: Actor, row: ApplicationRow) {
  const viewer = viewerOf(actor);
  const a = answersOf(row);
  // A school officer sees what enrolment confirmation needs, not the household's finances.
  const answers =
    viewer === 'school'
      ? {
          identity: { legalName: a.identity?.legalName, dateOfBirth: a.identity?.dateOfBirth },
          school: a.school,
        }
      : { ...a, identity: { ...a.identity, nationalId: maskedNationalId(deps, row) ?? undefined } };
  const decisions = viewer === 'school' ? [] : await repo.decisionsOf(db, row.id);
  const offer = viewer === 'school' ? undefined : await repo.offerOf(db, row.id);
  return {
    ...summaryOf(deps, row),
    answers,
    enrolment: {
      check: row.enrolmentCheck,
      checkedBy: row.enrolmentCheckedBy,
      checkedAt: row.enrolmentCheckedAt?.toISOString() ?? null,
      note: row.enrolmentNote,
    },
    checks: viewer === 'school' ? null : row.checks,
    cosignerConsentAt: row.cosignerConsentAt?.toISOString() ?? null,
    missing: row.status === 'draft' ? await missingOf(db, row) : [],
    documents: (await repo.documentsOf(db, row.id)).map((d) => ({
      ...d,
      uploadedAt: d.uploadedAt.toISOString(),
    })),
    decisions: decisions.map((d) => ({
      id: d.id,
      kind: d.kind,
      outcome: d.outcome,
      policyOutcome: d.policyOutcome,
      rules: d.rules,
      score: d.score,
      reasons: d.reasons,
      needsSecondApproval: d.needsSecondApproval,
      secondApprovalWhy: d.secondApprovalWhy,
      note: d.note,
      decidedById: d.decidedById,
      decidedBy: d.decidedBy,
      decidedAt: d.decidedAt.toISOString(),
    })),
    offer: offer
      ? {
          productCode: offer.productCode,
          productVersion: offer.productVersion,
          currency: offer.currency,
          amountMinor: offer.amount,
          amount: formatMoney(offer.amount, offer.currency),
          baseRate: offer.baseRate,
          rate: offer.rate,
          adjustments: offer.adjustments,
          tranches: offer.tranches,
          preview: offer.preview,
        }
      : null,
    contract: viewer === 'school' ? null : await contractView(db, row.id),
    disbursements: viewer === 'school' ? [] : (await repo.disbursementsOf(db, row.id)).map(disbursementView),
  };
}

export type ApplicationDetail = Awaited<ReturnType<typeof detailOf>>;

export async function getApplication(deps: Deps, actor: Actor, id: string): Promise<ApplicationDetail> {
  const db = deps.database.db;
  return detailOf(deps, db, actor, await visibleApplication(db, actor, id));
}

export async function detailAfter(deps: Deps, actor: Actor, row: ApplicationRow) {
  return detailOf(deps, deps.database.db, actor, row);
}

export interface QueueQuery {
  status?: ApplicationStatusValue[] | undefined;
  enrolmentCheck?: 'pending' | 'confirmed' | 'rejected' | undefined;
  limit: number;
  offset: number;
}

/** Staff see the whole queue; a student their own; a school officer their school's submitted ones. */
export async function listApplications(deps: Deps, actor: Actor, q: QueueQuery) {
  const viewer = viewerOf(actor);
  const filter: repo.ApplicationFilter = { status: q.status, enrolmentCheck: q.enrolmentCheck };
  if (viewer === 'student') filter.customerId = actor.customerId ?? '00000000-0000-0000-0000-000000000000';
  if (viewer === 'school') filter.schoolId = actor.schoolId ?? '00000000-0000-0000-0000-000000000000';
  const page = await repo.listApplications(deps.database.db, filter, q);
  return {
    items: page.items.filter((r) => mayView(actor, r)).map((r) => summaryOf(deps, r)),
    total: page.total,
  };
}

/** Tranches of signed contracts not yet paid, with whether each may be paid now. */
export async function disbursementQueue(deps: Deps) {
  const db = deps.database.db;
  const { items } = await repo.listApplications(
    db,
    { status: ['contracted', 'disbursed'] },
    { limit: 500, offset: 0 },
  );
  const out = [];
  for (const app of items) {
    const offer = await repo.offerOf(db, app.id);
    const done = (await repo.disbursementsOf(db, app.id)).filter(
      (d) => d.status === 'posted' || d.status === 'pending',
    );
    for (const t of (offer?.tranches ?? []) as TranchePlan[]) {
      if (done.some((d) => d.tranche === t.tranche)) continue;
      out.push({
        applicationId: app.id,
        applicationNumber: app.applicationNumber,
        applicantName: answersOf(app).identity?.legalName ?? null,
        tranche: t.tranche,
        academicYear: t.academicYear,
        plannedDate: t.plannedDate,
        amountMinor: t.amountMinor,
        amount: formatMoney(t.amountMinor, offer!.currency),
        currency: offer!.currency,
        payee: t.payee,
        enrolmentConfirmed: app.enrolmentCheck === 'confirmed',
      });
    }
  }
  const recent = (await repo.listDisbursements(db, ['posted', 'failed', 'cancelled', 'pending'], 50)).map(
    disbursementView,
  );
  return { ready: out.sort((a, b) => a.plannedDate.localeCompare(b.plannedDate)), recent };
}

const STAGE_OF: Record<ApplicationStatusValue, FunnelStage> = {
  draft: 'draft',
  submitted: 'submitted',
  referred: 'submitted',
  pending_approval: 'decided',
  declined: 'decided',
  withdrawn: 'draft',
  approved: 'approved',
  contracted: 'contracted',
  disbursed: 'disbursed',
};

export async function funnel(deps: Deps) {
  const rows: FunnelRow[] = (await repo.funnelRows(deps.database.db)).map((r) => ({
    channel: r.channel,
    schoolId: r.schoolId,
    // A withdrawn application counts at the furthest stage it reached before.
    stage:
      r.status === 'withdrawn'
        ? r.hasDecision
          ? 'decided'
          : r.submittedAt
            ? 'submitted'
            : 'draft'
        : STAGE_OF[r.status],
    submittedAt: r.submittedAt?.toISOString() ?? null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    firstDisbursedAt: r.firstDisbursedAt?.toISOString() ?? null,
  }));
  const byStatus: Record<string, number> = {};
  for (const r of await repo.funnelRows(deps.database.db)) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  return {
    overall: funnelSummary(rows),
    byStatus,
    byChannel: funnelBy(rows, (r) => r.channel),
    bySchool: funnelBy(rows, (r) => r.schoolId ?? 'none'),
  };
}
