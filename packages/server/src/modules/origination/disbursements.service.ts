// Disbursement: one tranche per academic year, paid to the school (tuition) or the student (living
// costs). Each needs a signed contract and confirmed enrolment; the first opens the loan in
// servicing (the master agreement's commitment), every one increases it through servicing's
// disburseTranche (a balanced journal). The caller's idempotency key makes a double submission
// post once: the key is claimed in its own transaction before servicing is called, and the
// result recorded after, so a retry with the same key never pays twice.
import { randomUUID } from 'node:crypto';
import { formatMoney, pricingSpreadBp, type TranchePlan } from '@bursar/core';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { assertDisbursementAllowed } from '../compliance/index.ts';
import { publishTimelineEvent } from '../customers/index.ts';
import { handleDomainEvent } from '../engagement/index.ts';
import { disburseTranche, openLoan, postPayment, STAFF_ACCESS } from '../servicing/index.ts';
import { answersOf } from './applications.service.ts';
import * as repo from './origination.repository.ts';
import type { DisbursementRow } from './origination.repository.ts';
import { originationSettings } from './settings.ts';

export interface DisburseInput {
  tranche: number;
  idempotencyKey: string;
  /** Value date; servicing's open business date by default. */
  date?: string | undefined;
}

export function disbursementView(d: DisbursementRow) {
  return {
    id: d.id,
    applicationId: d.applicationId,
    tranche: d.tranche,
    academicYear: d.academicYear,
    amount: formatMoney(d.amount, d.currency),
    amountMinor: d.amount,
    currency: d.currency,
    payee: d.payee,
    status: d.status,
    loanId: d.loanId,
    journalId: d.journalId,
    valueDate: d.valueDate,
    failure: d.failure,
    createdBy: d.createdBy,
    createdAt: d.createdAt.toISOString(),
    postedAt: d.postedAt?.toISOString() ?? null,
    cancelledAt: d.cancelledAt?.toISOString() ?? null,
    cancelReason: d.cancelReason,
  };
}

/** Claim the key (or find it), checking the tranche may be paid. */
async function claim(deps: Deps, ctx: ActorContext, applicationId: string, input: DisburseInput) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const app = await repo.findApplication(tx, applicationId, true);
    if (!app) throw Problem.notFound('Application');
    // Read the key after the application's lock: a concurrent submission of the same key has committed by now.
    const existing = await repo.findDisbursementByKey(tx, input.idempotencyKey);
    if (existing) {
      if (existing.applicationId !== applicationId || existing.tranche !== input.tranche)
        throw Problem.conflict(
          'idempotency-key-reused',
          'This key was used for another disbursement',
          'idempotencyKey',
        );
      if (existing.status !== 'failed') return { row: existing, replay: true };
    }
    if (!['contracted', 'disbursed'].includes(app.status))
      throw Problem.conflict('contract-not-signed', 'Disbursement needs a signed contract', 'contract');
    const contract = await repo.currentContract(tx, applicationId);
    if (!contract || contract.status !== 'signed' || !contract.sealedSha256)
      throw Problem.conflict('contract-not-signed', 'Disbursement needs a signed contract', 'contract');
    if (app.enrolmentCheck !== 'confirmed')
      throw Problem.conflict(
        'enrolment-not-confirmed',
        'The school has not confirmed enrolment',
        'enrolment',
      );
    const offer = await repo.offerOf(tx, applicationId);
    const plan = (offer?.tranches as TranchePlan[] | undefined)?.find((t) => t.tranche === input.tranche);
    if (!offer || !plan) throw Problem.badRequest('tranche', 'is not a tranche of the offer');
    // KYC/AML: no confirmed sanctions match; the payee's account not changed without re-verification or within its cooling-off.
    await assertDisbursementAllowed(tx, { customerId: app.customerId, payee: plan.payee, now });
    const paid = (await repo.disbursementsOf(tx, applicationId)).find(
      (d) =>
        d.tranche === input.tranche &&
        (d.status === 'posted' || d.status === 'pending') &&
        d.id !== existing?.id,
    );
    if (paid)
      throw Problem.conflict('tranche-disbursed', `Tranche ${input.tranche} is disbursed already`, 'tranche');
    if (existing) {
      return {
        row: await repo.updateDisbursement(tx, existing.id, { status: 'pending', failure: null }),
        replay: false,
      };
    }
    const { row } = await repo.claimDisbursement(tx, {
      id: randomUUID(),
      applicationId,
      contractId: contract.id,
      tranche: plan.tranche,
      academicYear: plan.academicYear,
      amount: plan.amountMinor,
      currency: offer.currency,
      payee: plan.payee,
      idempotencyKey: input.idempotencyKey,
      status: 'pending',
      createdBy: ctx.actorName,
      createdAt: now,
    });
    return { row, replay: false };
  });
}

/**
 * Pay a tranche. Claim, loan opening, servicing's journal and the posted mark are one transaction
 * (servicing's own transactions nest as savepoints), so a process killed half-way leaves nothing
 * behind and a retry with the same key pays once; a failure is recorded on the key afterwards.
 */
export async function disburse(deps: Deps, ctx: ActorContext, applicationId: string, input: DisburseInput) {
  let claimed: DisbursementRow | null = null;
  try {
    return await deps.database.db.transaction(async (tx) => {
      const txDeps: Deps = { ...deps, database: { ...deps.database, db: tx } };
      const { row, replay } = await claim(txDeps, ctx, applicationId, input);
      if (replay) return { disbursement: disbursementView(row), replay: true };
      claimed = row;
      return await payClaimed(txDeps, ctx, applicationId, input, row);
    });
  } catch (e) {
    const row = claimed as DisbursementRow | null;
    if (row) {
      const message = e instanceof Error ? e.message : String(e);
      const { row: kept } = await repo.claimDisbursement(deps.database.db, { ...row, status: 'failed' });
      await repo.updateDisbursement(deps.database.db, kept.id, {
        status: 'failed',
        failure: message.slice(0, 500),
      });
    }
    throw e;
  }
}

async function payClaimed(
  deps: Deps,
  ctx: ActorContext,
  applicationId: string,
  input: DisburseInput,
  row: DisbursementRow,
) {
  const db = deps.database.db;
  let app = (await repo.findApplication(db, applicationId))!;
  const offer = (await repo.offerOf(db, applicationId))!;
  if (!app.loanId) {
    const a = answersOf(app);
    const start = a.school?.startDate;
    const end = a.school?.expectedGraduationDate;
    const loan = await openLoan(deps, ctx, {
      customerId: app.customerId,
      productCode: offer.productCode,
      amount: formatMoney(offer.amount, offer.currency),
      // The loan carries the personalised rate the borrower signed for.
      pricingSpreadBp: pricingSpreadBp(offer),
      studyEndDate: end,
      yearsOfStudy:
        start && end ? Math.max(1, Number(end.slice(0, 4)) - Number(start.slice(0, 4))) : undefined,
    });
    app = await repo.updateApplication(db, applicationId, { loanId: loan.id });
  }
  const paid = await disburseTranche(deps, ctx, app.loanId!, {
    amount: formatMoney(row.amount, row.currency),
    date: input.date,
  });
  const now = deps.now();
  const posted = await db.transaction(async (tx) => {
    const d = await repo.updateDisbursement(tx, row.id, {
      status: 'posted',
      loanId: app.loanId,
      journalId: paid.journalId,
      valueDate: input.date ?? null,
      postedAt: now,
    });
    await repo.updateApplication(tx, applicationId, {
      status: 'disbursed',
      firstDisbursedAt: app.firstDisbursedAt ?? now,
      updatedAt: now,
    });
    await publishTimelineEvent(
      tx,
      {
        customerId: app.customerId,
        kind: 'origination.tranche_disbursed',
        summary: `Tranche ${row.tranche} (${row.academicYear}) ${formatMoney(row.amount, row.currency)} paid to the ${row.payee}`,
        data: { applicationId, loanId: app.loanId },
        actorName: ctx.actorName,
      },
      now,
    );
    await handleDomainEvent(
      tx,
      deps,
      {
        source: 'origination',
        id: `${row.id}:disbursed`,
        type: 'loan.disbursed',
        customerId: app.customerId,
        loanId: app.loanId,
        payload: {
          applicationId,
          tranche: row.tranche,
          amount: formatMoney(row.amount, row.currency),
          payee: row.payee,
        },
      },
      now,
    );
    await recordAudit(tx, ctx, now, {
      action: 'disbursement.posted',
      entityType: 'disbursement',
      entityId: row.id,
      after: {
        applicationId,
        tranche: row.tranche,
        amount: formatMoney(row.amount, row.currency),
        payee: row.payee,
        journalId: paid.journalId,
      },
    });
    return d;
  });
  return { disbursement: disbursementView(posted), replay: false };
}

/**
 * Cancel a posted tranche within the window: the school or student returns the funds, booked in
 * servicing as a payment of the tranche amount (balanced), keyed so it books once.
 */
export async function cancelDisbursement(
  deps: Deps,
  ctx: ActorContext,
  applicationId: string,
  disbursementId: string,
  input: { reason: string },
) {
  const db = deps.database.db;
  const d = await repo.findDisbursement(db, disbursementId);
  if (!d || d.applicationId !== applicationId) throw Problem.notFound('Disbursement');
  if (d.status !== 'posted')
    throw Problem.conflict('not-posted', `A ${d.status} disbursement cannot be cancelled`, 'status');
  const windowDays = originationSettings().BURSAR_DISBURSEMENT_CANCEL_DAYS;
  const now = deps.now();
  if (now.getTime() - d.postedAt!.getTime() > windowDays * 86_400_000)
    throw Problem.conflict(
      'cancel-window-closed',
      `Disbursements can be cancelled within ${windowDays} days`,
      'disbursementId',
    );
  await postPayment(deps, ctx, STAFF_ACCESS, {
    loanId: d.loanId!,
    amount: formatMoney(d.amount, d.currency),
    currency: d.currency,
    channel: 'bank_transfer',
    idempotencyKey: `origination-return:${d.id}`,
    reference: `Return of tranche ${d.tranche} (${d.payee})`,
  });
  return db.transaction(async (tx) => {
    const updated = await repo.updateDisbursement(tx, d.id, {
      status: 'cancelled',
      cancelledAt: now,
      cancelReason: input.reason,
    });
    await recordAudit(tx, ctx, now, {
      action: 'disbursement.cancelled',
      entityType: 'disbursement',
      entityId: d.id,
      before: { status: 'posted' },
      after: { status: 'cancelled', reason: input.reason },
    });
    return disbursementView(updated);
  });
}
