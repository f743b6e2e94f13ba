// Hardship relief (deferment, forbearance, term extension) with approval and a preview of the
// new schedule before it takes effect, and the collections workspace (queue, contact attempts,
// promises to pay).
import { randomUUID } from 'node:crypto';
import { addMonthsIso, formatMoney, isValidIsoDate } from '@bursar/core';
import type { Executor } from '../../db/database.ts';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { customerNames } from './collections.service.ts';
import { projectRemaining, scheduleJson } from './loan-terms.ts';
import {
  assertAccess,
  loanView,
  money,
  openBusinessDate,
  parseAmount,
  rebuildSchedule,
  type LoanAccess,
} from './loans.service.ts';
import * as repo from './servicing.repository.ts';
import type { HardshipRow, LoanRow } from './servicing.repository.ts';
import { moveState, type MoveContext } from './transitions.ts';

export const HARDSHIP_KINDS = ['deferment', 'forbearance', 'term-extension'] as const;
export type HardshipKind = (typeof HARDSHIP_KINDS)[number];
export const DEFERMENT_REASONS = [
  'in-school',
  'unemployment',
  'economic-hardship',
  'further-study',
  'military-or-service',
  'other',
] as const;

/** At most 3 years of deferment or forbearance per request; a term extension stays within the 25-year maximum. */
const MAX_RELIEF_MONTHS = 36;
const MAX_TERM_MONTHS = 300;

export interface HardshipInput {
  kind: HardshipKind;
  reason: string;
  endDate?: string | undefined;
  extraInstalments?: number | undefined;
  evidence?: string | undefined;
}

/** How many months the remaining due dates move so the next one falls after the relief ends. */
function shiftMonths(loan: LoanRow, endDate: string): number {
  if (!loan.nextDueDate) return 0;
  let k = 0;
  while (addMonthsIso(loan.nextDueDate, k) <= endDate) k += loan.frequencyMonths;
  return k;
}

function preview(loan: LoanRow, input: HardshipInput) {
  if (input.kind === 'term-extension') {
    const extra = input.extraInstalments ?? 0;
    const remaining = loan.instalmentsTotal - loan.nextInstalment + 1 + extra;
    const p = projectRemaining(loan, { instalments: remaining });
    return {
      schedule: p ? scheduleJson(p, loan.currency, formatMoney) : null,
      newPayment: p ? formatMoney(p.payment, loan.currency) : null,
      currentPayment: formatMoney(loan.levelPayment, loan.currency),
    };
  }
  const k = shiftMonths(loan, input.endDate!);
  const shifted = loan.nextDueDate ? { ...loan, nextDueDate: addMonthsIso(loan.nextDueDate, k) } : loan;
  const p = projectRemaining(shifted, {
    startDate: addMonthsIso(shifted.nextDueDate ?? input.endDate!, -loan.frequencyMonths),
  });
  const subsidised = input.kind === 'deferment' && loan.graceInterest === 'subsidised';
  return {
    schedule: p ? scheduleJson(p, loan.currency, formatMoney) : null,
    firstDueDateAfter: shifted.nextDueDate,
    interestTreatment: subsidised
      ? 'subsidised'
      : loan.capitalisationEvents.includes('end-of-deferment') && input.kind === 'deferment'
        ? 'capitalised at the end'
        : 'accrues, billed after the relief',
    currentPayment: formatMoney(loan.levelPayment, loan.currency),
  };
}

export function hardshipView(h: HardshipRow) {
  return {
    id: h.id,
    loanId: h.loanId,
    kind: h.kind,
    reason: h.reason,
    startDate: h.startDate,
    endDate: h.endDate,
    extraInstalments: h.extraInstalments,
    evidence: h.evidence,
    status: h.status,
    preview: h.preview as Record<string, unknown>,
    decisionNote: h.decisionNote,
    createdAt: h.createdAt.toISOString(),
    decidedAt: h.decidedAt?.toISOString() ?? null,
  };
}

/** The checks every relief request passes, and the period it would cover. */
async function reliefTerms(
  deps: Deps,
  tx: Executor,
  access: LoanAccess,
  loanId: string,
  input: HardshipInput,
) {
  const loan = await repo.lockLoan(tx, loanId);
  assertAccess(access, loan);
  if (!['grace', 'repayment', 'default', 'in_school'].includes(loan.state))
    throw Problem.conflict('loan-not-eligible', `A ${loan.state} loan cannot get relief`, 'loanId');
  const start = await openBusinessDate(deps, tx);
  let end = input.endDate;
  if (input.kind === 'term-extension') {
    const extra = input.extraInstalments ?? 0;
    if (!Number.isInteger(extra) || extra <= 0)
      throw Problem.badRequest('extraInstalments', 'must be a positive whole number');
    if ((loan.instalmentsTotal + extra) * loan.frequencyMonths > MAX_TERM_MONTHS)
      throw Problem.badRequest('extraInstalments', `the term may not pass ${MAX_TERM_MONTHS} months`);
    if (loan.state !== 'repayment' || !loan.nextDueDate)
      throw Problem.conflict(
        'loan-not-eligible',
        'Only a loan in repayment can have its term extended',
        'kind',
      );
    end = start;
  } else {
    if (!end || !isValidIsoDate(end)) throw Problem.badRequest('endDate', 'must be a date YYYY-MM-DD');
    if (end <= start) throw Problem.badRequest('endDate', `must be after ${start}`);
    if (end > addMonthsIso(start, MAX_RELIEF_MONTHS))
      throw Problem.badRequest('endDate', `may be at most ${MAX_RELIEF_MONTHS} months away`);
  }
  return { loan, start, end };
}

/** The schedule a relief request would give, filing nothing: the borrower sees it before asking. */
export async function previewHardship(deps: Deps, access: LoanAccess, loanId: string, input: HardshipInput) {
  return deps.database.db.transaction(async (tx) => {
    const { loan, start, end } = await reliefTerms(deps, tx, access, loanId, input);
    return {
      loanId,
      kind: input.kind,
      startDate: start,
      endDate: end,
      preview: preview(loan, { ...input, endDate: end }),
    };
  });
}

export async function requestHardship(
  deps: Deps,
  ctx: ActorContext,
  access: LoanAccess,
  loanId: string,
  input: HardshipInput,
) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const { loan, start, end } = await reliefTerms(deps, tx, access, loanId, input);
    const row = await repo.insertHardship(tx, {
      id: randomUUID(),
      loanId,
      kind: input.kind,
      reason: input.reason,
      startDate: start,
      endDate: end,
      extraInstalments: input.extraInstalments ?? 0,
      evidence: input.evidence ?? null,
      status: 'requested',
      preview: preview(loan, { ...input, endDate: end }),
      requestedBy: ctx.actorId,
      createdAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: 'hardship.requested',
      entityType: 'loan',
      entityId: loanId,
      after: { requestId: row.id, kind: input.kind, endDate: end },
    });
    await repo.insertEvent(tx, {
      type: 'hardship.requested',
      loanId,
      customerId: loan.customerId,
      businessDate: start,
      payload: { requestId: row.id, kind: input.kind },
    });
    return hardshipView(row);
  });
}

export async function decideHardship(
  deps: Deps,
  ctx: ActorContext,
  requestId: string,
  decision: 'approve' | 'decline',
  note: string | undefined,
) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    await repo.shareBookLock(tx);
    const found = await repo.findHardship(tx, requestId);
    if (!found) throw Problem.notFound(`Hardship request ${requestId}`);
    let loan = (await repo.lockLoan(tx, found.loanId))!;
    const req = (await repo.findHardship(tx, requestId, true))!;
    if (req.status !== 'requested')
      throw Problem.conflict('already-decided', `The request is already ${req.status}`, 'decision');
    if (req.requestedBy && req.requestedBy === ctx.actorId)
      throw Problem.conflict(
        'four-eyes',
        'A second person must decide a request they did not make',
        'decision',
      );
    const businessDate = await openBusinessDate(deps, tx);
    if (decision === 'approve') {
      const m: MoveContext = { tx, ctx, now, businessDate };
      if (req.kind === 'term-extension') {
        loan = await rebuildSchedule(m, loan, 'term extension', {
          instalments: loan.instalmentsTotal - loan.nextInstalment + 1 + req.extraInstalments,
        });
      } else {
        const k = shiftMonths(loan, req.endDate);
        const to = req.kind === 'deferment' ? 'deferment' : 'forbearance';
        const subsidised = to === 'deferment' && loan.graceInterest === 'subsidised';
        loan = await moveState(m, loan, to, `${req.kind}: ${req.reason}`, {
          reliefUntil: req.endDate,
          reliefReturnState:
            loan.state === 'deferment' || loan.state === 'forbearance'
              ? loan.reliefReturnState
              : loan.state === 'default'
                ? 'repayment'
                : loan.state,
          firstDueDate: loan.firstDueDate && k ? addMonthsIso(loan.firstDueDate, k) : loan.firstDueDate,
          nextDueDate: null,
          interestMode: subsidised ? 'subsidy' : 'borrower',
        });
      }
    }
    const updated = await repo.updateHardship(tx, requestId, {
      status: decision === 'approve' ? 'approved' : 'declined',
      decidedBy: ctx.actorId,
      decisionNote: note ?? null,
      decidedAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: `hardship.${decision === 'approve' ? 'approved' : 'declined'}`,
      entityType: 'loan',
      entityId: loan.id,
      after: { requestId, kind: req.kind, note: note ?? null },
    });
    await repo.insertEvent(tx, {
      type: `hardship.${decision === 'approve' ? 'approved' : 'declined'}`,
      loanId: loan.id,
      customerId: loan.customerId,
      businessDate,
      payload: { requestId, kind: req.kind },
    });
    return { request: hardshipView(updated), loan: loanView(loan) };
  });
}

export async function listHardship(
  deps: Deps,
  access: LoanAccess,
  f: { status?: string | undefined; loanId?: string | undefined },
) {
  if (f.loanId) assertAccess(access, await repo.findLoan(deps.database.db, f.loanId));
  else if (access.ownCustomerOnly) throw Problem.forbidden();
  return (await repo.hardshipList(deps.database.db, f)).map(hardshipView);
}

// ---- collections --------------------------------------------------------------------------

export async function collectionQueue(
  deps: Deps,
  page: { limit: number; offset: number; bucket?: string | undefined },
) {
  const rows = await repo.collectionQueue(deps.database.db, page.limit, page.offset, page.bucket);
  const names = await customerNames(
    deps,
    rows.map((r) => r.customer_id),
  );
  return rows.map((r) => ({
    loanId: r.id,
    loanNumber: r.loan_number,
    customerId: r.customer_id,
    customerName: names.get(r.customer_id) ?? null,
    productCode: r.product_code,
    state: r.state,
    daysPastDue: r.days_past_due,
    bucket: r.bucket,
    amountDue: money(Number(r.amount_due), r.currency),
    currency: r.currency,
    lastActionAt: r.last_action_at,
    openPromiseDate: r.open_promise_date,
  }));
}

export interface CollectionActionInput {
  kind: 'contact' | 'promise' | 'legal-referral' | 'note';
  channel?: string | undefined;
  outcome?: string | undefined;
  promisedAmount?: string | undefined;
  promisedDate?: string | undefined;
  note?: string | undefined;
}

export async function addCollectionAction(
  deps: Deps,
  ctx: ActorContext,
  loanId: string,
  input: CollectionActionInput,
) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const loan = await repo.findLoan(tx, loanId);
    if (!loan) throw Problem.notFound(`Loan ${loanId}`);
    const businessDate = await openBusinessDate(deps, tx);
    let promisedAmount: number | null = null;
    if (input.kind === 'promise') {
      if (!input.promisedAmount)
        throw Problem.badRequest('promisedAmount', 'a promise to pay needs an amount');
      promisedAmount = parseAmount('promisedAmount', input.promisedAmount, loan.currency);
      if (!input.promisedDate || !isValidIsoDate(input.promisedDate) || input.promisedDate < businessDate)
        throw Problem.badRequest('promisedDate', `must be a date on or after ${businessDate}`);
    }
    const row = await repo.insertCollectionAction(tx, {
      id: randomUUID(),
      loanId,
      kind: input.kind,
      channel: input.channel ?? null,
      outcome: input.outcome ?? null,
      promisedAmount,
      promisedDate: input.kind === 'promise' ? input.promisedDate! : null,
      promiseStatus: input.kind === 'promise' ? 'open' : null,
      note: input.note ?? null,
      actorId: ctx.actorId,
      businessDate,
      createdAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: `collections.${input.kind}`,
      entityType: 'loan',
      entityId: loanId,
      after: { actionId: row.id, outcome: input.outcome ?? null },
    });
    return collectionActionView(row, loan.currency);
  });
}

function collectionActionView(a: repo.CollectionActionRow, currency: string) {
  return {
    id: a.id,
    loanId: a.loanId,
    kind: a.kind,
    channel: a.channel,
    outcome: a.outcome,
    promisedAmount: a.promisedAmount === null ? null : money(a.promisedAmount, currency),
    promisedDate: a.promisedDate,
    promiseStatus: a.promiseStatus,
    note: a.note,
    businessDate: a.businessDate,
    createdAt: a.createdAt.toISOString(),
  };
}

export async function collectionActions(deps: Deps, loanId: string) {
  const loan = await repo.findLoan(deps.database.db, loanId);
  if (!loan) throw Problem.notFound(`Loan ${loanId}`);
  return (await repo.collectionActionsOf(deps.database.db, loanId)).map((a) =>
    collectionActionView(a, loan.currency),
  );
}
