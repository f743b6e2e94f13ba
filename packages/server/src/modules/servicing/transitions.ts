// Moving a loan between lifecycle states: the state-history row, the audit event and the
// outbox event, all on the caller's transaction; entering repayment builds the schedule.
import {
  addMonthsIso,
  assertMove,
  formatMoney,
  nextAnnualDate,
  toEpochDay,
  toIsoDate,
  type LoanState,
} from '@bursar/core';
import type { Executor } from '../../db/database.ts';
import type { ActorContext } from '../../deps.ts';
import { recordAudit } from '../audit/index.ts';
import { ACCOUNTS, postJournal } from './ledger.ts';
import { levelTerms, projectRemaining, scheduleJson } from './loan-terms.ts';
import * as repo from './servicing.repository.ts';
import type { LoanRow, NewLoanRow } from './servicing.repository.ts';

export interface MoveContext {
  tx: Executor;
  ctx: ActorContext;
  now: Date;
  businessDate: string;
}

export async function moveState(
  m: MoveContext,
  loan: LoanRow,
  to: LoanState,
  reason: string,
  patch: Partial<NewLoanRow> = {},
  force = false,
): Promise<LoanRow> {
  if (!force) assertMove(loan.state as LoanState, to);
  const updated = await repo.updateLoan(m.tx, loan.id, {
    ...patch,
    state: to,
    stateSince: m.businessDate,
    updatedAt: m.now,
  });
  await repo.insertStateHistory(m.tx, {
    loanId: loan.id,
    fromState: loan.state,
    toState: to,
    reason,
    businessDate: m.businessDate,
    at: m.now,
  });
  await recordAudit(m.tx, m.ctx, m.now, {
    action: 'loan.state_changed',
    entityType: 'loan',
    entityId: loan.id,
    before: { state: loan.state },
    after: { state: to, reason },
  });
  await repo.insertEvent(m.tx, {
    type: 'loan.state_changed',
    loanId: loan.id,
    customerId: loan.customerId,
    businessDate: m.businessDate,
    payload: { from: loan.state, to, reason },
  });
  return updated;
}

/** Move accrued interest into principal (per-loan journal). */
export async function capitalise(m: MoveContext, loan: LoanRow, reason: string): Promise<LoanRow> {
  if (loan.interestAccrued === 0 && loan.interestAccruedNum === '0') return loan;
  const amount = loan.interestAccrued;
  if (amount > 0) {
    await postJournal(m.tx, {
      businessDate: m.businessDate,
      kind: 'capitalisation',
      loanId: loan.id,
      productCode: loan.productCode,
      currency: loan.currency,
      description: `Interest capitalised: ${reason}`,
      lines: [
        { account: ACCOUNTS.principal, amount },
        { account: ACCOUNTS.interestAccrued, amount: -amount },
      ],
    });
  }
  return repo.updateLoan(m.tx, loan.id, {
    principal: loan.principal + amount,
    interestAccrued: 0,
    interestAccruedNum: '0',
    updatedAt: m.now,
  });
}

export function firstDueAfter(
  loan: Pick<LoanRow, 'frequencyMonths' | 'interestDateMd'>,
  start: string,
): string {
  if (loan.frequencyMonths === 12 && loan.interestDateMd) {
    const [mm, dd] = loan.interestDateMd.split('-').map(Number);
    return toIsoDate(nextAnnualDate(toEpochDay(start), mm!, dd!));
  }
  return addMonthsIso(start, loan.frequencyMonths);
}

/** Start the repayment phase on `start`: build the schedule from the principal then outstanding. */
export async function enterRepayment(
  m: MoveContext,
  loan: LoanRow,
  start: string,
  reason: string,
): Promise<LoanRow> {
  if (loan.capitaliseAtPhaseEnd) loan = await capitalise(m, loan, reason);
  const firstDue = firstDueAfter(loan, start);
  const base = {
    ...loan,
    firstDueDate: firstDue,
    nextDueDate: firstDue,
    nextInstalment: 1,
    instalmentsTotal: loan.termInstalments,
  };
  const projection = projectRemaining(base, { startDate: start });
  const patch: Partial<NewLoanRow> = {
    interestMode: 'borrower',
    capitaliseAtPhaseEnd: false,
    firstDueDate: firstDue,
    nextDueDate: projection ? firstDue : null,
    nextInstalment: 1,
    instalmentsTotal: loan.termInstalments,
    ...(projection ? levelTerms(projection) : {}),
  };
  const moved =
    loan.state === 'repayment'
      ? await repo.updateLoan(m.tx, loan.id, { ...patch, updatedAt: m.now })
      : await moveState(m, loan, 'repayment', reason, patch);
  if (projection)
    await repo.saveSchedule(m.tx, {
      loanId: loan.id,
      version: 1,
      generatedOn: m.businessDate,
      reason,
      schedule: scheduleJson(projection, loan.currency, formatMoney),
    });
  return moved;
}
