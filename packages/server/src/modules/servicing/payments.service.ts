// Payments: posted once per idempotency key, allocated in the product's order, split across a
// borrower's loans by the configured rule, with overpayment as a prepayment or a credit
// balance; a reversal (a bounced payment) restores the loan as it was.
import { randomUUID } from 'node:crypto';
import {
  accrualDenominator,
  allocateToDues,
  bucketOf,
  daysPastDue,
  PAYABLE_STATES,
  rate,
  splitAcrossLoans,
  toEpochDay,
  type DueComponent,
  type Dues,
  type LoanState,
} from '@bursar/core';
import type { Executor } from '../../db/database.ts';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { ACCOUNTS, CLEARING_ACCOUNT, postJournal, type PaymentChannel } from './ledger.ts';
import {
  assertAccess,
  catchUpAccrual,
  money,
  openBusinessDate,
  parseAmount,
  rebuildSchedule,
  type LoanAccess,
} from './loans.service.ts';
import * as repo from './servicing.repository.ts';
import type { BillRow, LoanRow, PaymentRow } from './servicing.repository.ts';
import { moveState, type MoveContext } from './transitions.ts';

export type PrepaymentChoice = 'shorter-term' | 'lower-payment' | 'credit';

export interface PaymentInput {
  loanId: string;
  amount: string;
  currency: string;
  channel: PaymentChannel;
  idempotencyKey: string;
  reference?: string | undefined;
  prepayment?: PrepaymentChoice | undefined;
}

interface Allocation {
  penalty: number;
  fees: number;
  interest: number;
  principal: number;
  prepaidPrincipal: number;
  accruedInterest: number;
  subsidy: number;
  credit: number;
  recovery: number;
  accruedNumPaid: string;
  subsidyNumPaid: string;
  bills: { seq: number; principal: number; interest: number }[];
}

export { replayOrConflict };

export function paymentView(p: PaymentRow, replayed = false) {
  const a = p.allocation as Allocation;
  const c = p.currency;
  return {
    id: p.id,
    idempotencyKey: p.idempotencyKey,
    batchKey: p.batchKey,
    loanId: p.loanId,
    customerId: p.customerId,
    channel: p.channel,
    amount: money(p.amount, c),
    currency: c,
    businessDate: p.businessDate,
    reference: p.reference,
    prepayment: p.prepayment,
    status: p.status,
    allocation: {
      penalty: money(a.penalty, c),
      fees: money(a.fees, c),
      interest: money(a.interest + a.accruedInterest, c),
      principal: money(a.principal + a.prepaidPrincipal, c),
      prepaidPrincipal: money(a.prepaidPrincipal, c),
      subsidy: money(a.subsidy, c),
      credit: money(a.credit, c),
      recovery: money(a.recovery, c),
    },
    journalId: p.journalId,
    reversalJournalId: p.reversalJournalId,
    reversalReason: p.reversalReason,
    createdAt: p.createdAt.toISOString(),
    reversedAt: p.reversedAt?.toISOString() ?? null,
    replayed,
  };
}
export type PaymentView = ReturnType<typeof paymentView>;

function isUniqueViolation(e: unknown): boolean {
  for (let x: unknown = e; x; x = (x as { cause?: unknown }).cause) {
    if ((x as { code?: string }).code === '23505') return true;
  }
  return false;
}

/** Same key: the same payment again is a replay; anything else reusing the key is refused. */
function replayOrConflict(
  existing: PaymentRow,
  input: { loanId?: string; amount: number; currency: string; channel: string },
): PaymentView {
  const differs: string[] = [];
  if (existing.amount !== input.amount) differs.push('amount');
  if (existing.currency !== input.currency) differs.push('currency');
  if (input.loanId && existing.loanId !== input.loanId) differs.push('loanId');
  if (existing.channel !== input.channel) differs.push('channel');
  if (differs.length) {
    throw new Problem(
      409,
      'idempotency-key-reused',
      'Conflict',
      `Idempotency key ${existing.idempotencyKey} was already used for a different payment (${differs.join(', ')} differ)`,
      {
        errors: differs.map((field) => ({
          field,
          message: `differs from the payment first posted with this idempotency key`,
        })),
      },
    );
  }
  return paymentView(existing, true);
}

function refreshDelinquency(
  bills: BillRow[],
  businessDate: string,
): { oldestDueDate: string | null; daysPastDue: number; bucket: string } {
  const open = bills.filter((b) => b.paidPrincipal < b.principal || b.paidInterest < b.interest);
  const oldest = open.length ? open.map((b) => b.dueDate).sort()[0]! : null;
  const dpd = daysPastDue(oldest ? toEpochDay(oldest) : null, toEpochDay(businessDate));
  return { oldestDueDate: oldest, daysPastDue: dpd, bucket: bucketOf(dpd) };
}

function snapshot(loan: LoanRow): Record<string, unknown> {
  return JSON.parse(JSON.stringify(loan)) as Record<string, unknown>;
}

export interface ApplyParams {
  amount: number;
  channel: PaymentChannel;
  idempotencyKey: string;
  batchKey: string | null;
  reference: string | null;
  prepayment: PrepaymentChoice;
  businessDate: string;
  /** Where the money sits before allocation: the channel's clearing account, or suspense when matched from there. */
  debitAccount?: string;
}

/** Post one payment on a locked loan. */
export async function applyToLoan(
  tx: Executor,
  ctx: ActorContext,
  now: Date,
  loan: LoanRow,
  p: ApplyParams,
): Promise<PaymentRow> {
  if (!(PAYABLE_STATES as readonly string[]).includes(loan.state)) {
    throw Problem.conflict(
      'loan-not-payable',
      `Loan ${loan.loanNumber} is ${loan.state} and takes no payments`,
      'loanId',
    );
  }
  const before = snapshot(loan);
  const bills = await repo.billsOf(tx, loan.id);
  const a: Allocation = {
    penalty: 0,
    fees: 0,
    interest: 0,
    principal: 0,
    prepaidPrincipal: 0,
    accruedInterest: 0,
    subsidy: 0,
    credit: 0,
    recovery: 0,
    accruedNumPaid: '0',
    subsidyNumPaid: '0',
    bills: [],
  };
  const den = accrualDenominator(rate(loan.rateNum, loan.rateDen));
  let left = p.amount;
  let accruedNum = BigInt(loan.interestAccruedNum);
  let subsidyNum = BigInt(loan.subsidyAccruedNum);

  if (loan.state === 'charged_off') {
    a.recovery = left;
    left = 0;
  } else {
    if (p.channel === 'state_subsidy' && loan.subsidyAccrued > 0) {
      a.subsidy = Math.min(left, loan.subsidyAccrued);
      const after = a.subsidy === loan.subsidyAccrued ? 0n : subsidyNum - BigInt(a.subsidy) * den;
      a.subsidyNumPaid = (subsidyNum - after).toString();
      subsidyNum = after;
      left -= a.subsidy;
    }
    const dues: Dues = {
      penalty: loan.penaltyDue,
      fees: loan.feesDue,
      interest: loan.interestDue,
      principal: loan.principalDue,
    };
    const r = allocateToDues(left, dues, loan.allocationOrder as DueComponent[]);
    Object.assign(a, r.applied);
    left = r.left;
    if (p.prepayment !== 'credit') {
      a.prepaidPrincipal = Math.min(left, loan.principal - loan.principalDue);
      left -= a.prepaidPrincipal;
      if (
        loan.principal - loan.principalDue - a.prepaidPrincipal === 0 &&
        loan.interestAccrued > 0 &&
        left > 0
      ) {
        // Paying the loan off takes the interest accrued since the last bill as well.
        a.accruedInterest = Math.min(left, loan.interestAccrued);
        const after =
          a.accruedInterest === loan.interestAccrued ? 0n : accruedNum - BigInt(a.accruedInterest) * den;
        a.accruedNumPaid = (accruedNum - after).toString();
        accruedNum = after;
        left -= a.accruedInterest;
      }
    }
    a.credit = left;
    // Settle bills oldest first.
    let pInt = a.interest;
    let pPrin = a.principal;
    for (const b of bills) {
      const ti = Math.min(pInt, b.interest - b.paidInterest);
      const tp = Math.min(pPrin, b.principal - b.paidPrincipal);
      if (ti > 0 || tp > 0) {
        a.bills.push({ seq: b.seq, principal: tp, interest: ti });
        b.paidInterest += ti;
        b.paidPrincipal += tp;
        pInt -= ti;
        pPrin -= tp;
        await repo.setBillPaid(tx, loan.id, b.seq, b.paidPrincipal, b.paidInterest);
      }
    }
  }

  const paymentId = randomUUID();
  const journalId = await postJournal(tx, {
    businessDate: p.businessDate,
    kind: a.recovery ? 'recovery' : 'payment',
    loanId: loan.id,
    productCode: loan.productCode,
    currency: loan.currency,
    paymentId,
    description: `Payment ${p.idempotencyKey} via ${p.channel}`,
    lines: [
      { account: p.debitAccount ?? CLEARING_ACCOUNT[p.channel], amount: p.amount },
      { account: ACCOUNTS.penalty, amount: -a.penalty },
      { account: ACCOUNTS.fees, amount: -a.fees },
      { account: ACCOUNTS.interestDue, amount: -a.interest },
      { account: ACCOUNTS.principal, amount: -(a.principal + a.prepaidPrincipal) },
      { account: ACCOUNTS.interestAccrued, amount: -a.accruedInterest },
      { account: ACCOUNTS.subsidy, amount: -a.subsidy },
      { account: ACCOUNTS.creditBalance, amount: -a.credit },
      { account: ACCOUNTS.recoveries, amount: -a.recovery },
    ],
  });
  const principal = loan.principal - a.principal - a.prepaidPrincipal;
  const delinquency = a.recovery ? {} : refreshDelinquency(bills, p.businessDate);
  let updated = await repo.updateLoan(tx, loan.id, {
    principal,
    principalDue: loan.principalDue - a.principal,
    interestDue: loan.interestDue - a.interest,
    penaltyDue: loan.penaltyDue - a.penalty,
    feesDue: loan.feesDue - a.fees,
    interestAccrued: loan.interestAccrued - a.accruedInterest,
    interestAccruedNum: accruedNum.toString(),
    subsidyAccrued: loan.subsidyAccrued - a.subsidy,
    subsidyAccruedNum: subsidyNum.toString(),
    creditBalance: loan.creditBalance + a.credit,
    qualifyingPayments:
      loan.qualifyingPayments +
      (a.interest + a.principal > 0 && loan.principalDue === a.principal && loan.interestDue === a.interest
        ? 1
        : 0),
    ...delinquency,
    updatedAt: now,
  });
  const payment = await repo.insertPayment(tx, {
    id: paymentId,
    idempotencyKey: p.idempotencyKey,
    batchKey: p.batchKey,
    loanId: loan.id,
    customerId: loan.customerId,
    channel: p.channel,
    amount: p.amount,
    currency: loan.currency,
    businessDate: p.businessDate,
    reference: p.reference,
    prepayment: p.prepayment,
    status: 'posted',
    allocation: a,
    before,
    journalId,
    createdAt: now,
  });
  const m: MoveContext = { tx, ctx, now, businessDate: p.businessDate };
  const owes =
    updated.principal +
    updated.principalDue +
    updated.interestDue +
    updated.penaltyDue +
    updated.feesDue +
    updated.interestAccrued;
  if (owes === 0 && updated.state !== 'charged_off' && updated.state !== 'paid_off') {
    updated = await moveState(m, updated, 'paid_off', 'paid in full', { nextDueDate: null });
  } else if (a.prepaidPrincipal > 0 && updated.state === 'repayment' && updated.nextDueDate) {
    updated = await rebuildSchedule(m, updated, `prepayment (${p.prepayment})`, {
      keepPayment: p.prepayment === 'shorter-term',
    });
  }
  await recordAudit(tx, ctx, now, {
    action: 'payment.posted',
    entityType: 'loan',
    entityId: loan.id,
    after: {
      paymentId,
      idempotencyKey: p.idempotencyKey,
      amount: money(p.amount, loan.currency),
      channel: p.channel,
      journalId,
    },
  });
  await repo.insertEvent(tx, {
    type: 'payment.posted',
    loanId: loan.id,
    customerId: loan.customerId,
    businessDate: p.businessDate,
    payload: { paymentId, amount: money(p.amount, loan.currency), currency: loan.currency },
  });
  return payment;
}

export async function postPayment(
  deps: Deps,
  ctx: ActorContext,
  access: LoanAccess,
  input: PaymentInput,
): Promise<PaymentView> {
  const amount = parseAmount('amount', input.amount, input.currency);
  const now = deps.now();
  try {
    return await deps.database.db.transaction(async (tx) => {
      await repo.shareBookLock(tx);
      const loan = await repo.lockLoan(tx, input.loanId);
      assertAccess(access, loan);
      const existing = await repo.findPaymentByKey(tx, input.idempotencyKey);
      if (existing)
        return replayOrConflict(existing, {
          loanId: input.loanId,
          amount,
          currency: input.currency,
          channel: input.channel,
        });
      if (input.currency !== loan.currency)
        throw Problem.badRequest('currency', `the loan is in ${loan.currency}`);
      const businessDate = await openBusinessDate(deps, tx);
      const payment = await applyToLoan(tx, ctx, now, loan, {
        amount,
        channel: input.channel,
        idempotencyKey: input.idempotencyKey,
        batchKey: null,
        reference: input.reference ?? null,
        prepayment: input.prepayment ?? 'lower-payment',
        businessDate,
      });
      return paymentView(payment);
    });
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    // Another request with the same key on another loan committed first.
    const existing = await repo.findPaymentByKey(deps.database.db, input.idempotencyKey);
    if (!existing) throw e;
    return replayOrConflict(existing, {
      loanId: input.loanId,
      amount,
      currency: input.currency,
      channel: input.channel,
    });
  }
}

export interface CustomerPaymentInput {
  customerId: string;
  amount: string;
  currency: string;
  channel: PaymentChannel;
  idempotencyKey: string;
  reference?: string | undefined;
  prepayment?: PrepaymentChoice | undefined;
  /** Borrower-directed split; otherwise dues oldest first, then the highest rate. */
  allocations?: { loanId: string; amount: string }[] | undefined;
}

/** A borrower's payment split across their loans. */
export async function postCustomerPayment(
  deps: Deps,
  ctx: ActorContext,
  access: LoanAccess,
  input: CustomerPaymentInput,
) {
  const amount = parseAmount('amount', input.amount, input.currency);
  if (access.ownCustomerOnly && access.customerId !== input.customerId)
    throw Problem.notFound(`Customer ${input.customerId}`);
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    await repo.shareBookLock(tx);
    const all = await repo.loansOfCustomer(tx, input.customerId);
    const candidates = await repo.lockLoans(
      tx,
      all
        .filter(
          (l) =>
            l.currency === input.currency &&
            (PAYABLE_STATES as readonly string[]).includes(l.state) &&
            l.state !== 'charged_off',
        )
        .map((l) => l.id),
    );
    const prior = await repo.paymentsOfBatch(tx, input.idempotencyKey);
    if (prior.length) {
      const total = prior.reduce((s, p) => s + p.amount, 0);
      if (total !== amount) {
        throw new Problem(
          409,
          'idempotency-key-reused',
          'Conflict',
          `Idempotency key ${input.idempotencyKey} was already used for a payment of a different amount`,
          {
            errors: [
              { field: 'amount', message: 'differs from the payment first posted with this idempotency key' },
            ],
          },
        );
      }
      return {
        batchKey: input.idempotencyKey,
        payments: prior.map((p) => paymentView(p, true)),
        replayed: true,
      };
    }
    if (candidates.length === 0)
      throw Problem.badRequest('customerId', `no open ${input.currency} loans to pay`);
    const parts = new Map<string, number>();
    if (input.allocations?.length) {
      let sum = 0;
      input.allocations.forEach((al, i) => {
        if (!candidates.some((l) => l.id === al.loanId))
          throw Problem.badRequest(
            `allocations.${i}.loanId`,
            'not an open loan of this customer in this currency',
          );
        const v = parseAmount(`allocations.${i}.amount`, al.amount, input.currency);
        parts.set(al.loanId, (parts.get(al.loanId) ?? 0) + v);
        sum += v;
      });
      if (sum !== amount)
        throw Problem.badRequest('allocations', `must add up to the amount ${input.amount}`);
    } else {
      const split = splitAcrossLoans(
        amount,
        candidates.map((l) => ({
          loanId: l.id,
          due: l.principalDue + l.interestDue + l.penaltyDue + l.feesDue,
          oldestDueDay: l.oldestDueDate ? toEpochDay(l.oldestDueDate) : null,
          rate: l.rateNum / l.rateDen,
          payoffBeyondDue: l.principal - l.principalDue + l.interestAccrued,
        })),
      );
      for (const [k, v] of split.parts) parts.set(k, v);
      if (split.left > 0) {
        const top = [...candidates].sort((x, y) => y.rateNum / y.rateDen - x.rateNum / x.rateDen)[0]!;
        parts.set(top.id, (parts.get(top.id) ?? 0) + split.left);
      }
    }
    const businessDate = await openBusinessDate(deps, tx);
    const out: PaymentView[] = [];
    for (const loan of candidates) {
      const part = parts.get(loan.id);
      if (!part) continue;
      const p = await applyToLoan(tx, ctx, now, loan, {
        amount: part,
        channel: input.channel,
        idempotencyKey: `${input.idempotencyKey}:${loan.loanNumber}`,
        batchKey: input.idempotencyKey,
        reference: input.reference ?? null,
        prepayment: input.prepayment ?? 'lower-payment',
        businessDate,
      });
      out.push(paymentView(p));
    }
    return { batchKey: input.idempotencyKey, payments: out, replayed: false };
  });
}

/** Reverse a payment (bounced, posted in error): the journal is reversed and the loan restored. */
export async function reversePayment(
  deps: Deps,
  ctx: ActorContext,
  paymentId: string,
  reason: string,
): Promise<PaymentView> {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    await repo.shareBookLock(tx);
    const found = await repo.findPayment(tx, paymentId);
    if (!found) throw Problem.notFound(`Payment ${paymentId}`);
    let loan = await repo.lockLoan(tx, found.loanId);
    const payment = (await repo.findPayment(tx, paymentId, true))!;
    if (payment.status === 'reversed')
      throw Problem.conflict('already-reversed', 'The payment is already reversed', 'paymentId');
    if ((await repo.laterLivePayments(tx, payment)) > 0) {
      throw Problem.conflict(
        'later-payments',
        'Reverse the later payments on this loan first (latest first)',
        'paymentId',
      );
    }
    if (!loan) throw Problem.notFound(`Loan ${payment.loanId}`);
    const a = payment.allocation as Allocation;
    const before = payment.before as Partial<LoanRow>;
    const businessDate = await openBusinessDate(deps, tx);
    const lines = await repo.linesOfJournal(tx, payment.journalId);
    const reversalJournalId = await postJournal(tx, {
      businessDate,
      kind: 'reversal',
      loanId: loan.id,
      productCode: loan.productCode,
      currency: loan.currency,
      paymentId,
      reversesJournalId: payment.journalId,
      description: `Reversal of payment ${payment.idempotencyKey}: ${reason}`,
      lines: lines.map((l) => ({ account: l.accountCode, amount: -l.amount, loanId: l.loanId })),
    });
    const bills = await repo.billsOf(tx, loan.id);
    for (const d of a.bills) {
      const b = bills.find((x) => x.seq === d.seq)!;
      b.paidPrincipal -= d.principal;
      b.paidInterest -= d.interest;
      await repo.setBillPaid(tx, loan.id, b.seq, b.paidPrincipal, b.paidInterest);
    }
    const sameDay = payment.businessDate === businessDate;
    loan = await repo.updateLoan(tx, loan.id, {
      principal: loan.principal + a.principal + a.prepaidPrincipal,
      principalDue: loan.principalDue + a.principal,
      interestDue: loan.interestDue + a.interest,
      penaltyDue: loan.penaltyDue + a.penalty,
      feesDue: loan.feesDue + a.fees,
      interestAccrued: loan.interestAccrued + a.accruedInterest,
      interestAccruedNum: (BigInt(loan.interestAccruedNum) + BigInt(a.accruedNumPaid)).toString(),
      subsidyAccrued: loan.subsidyAccrued + a.subsidy,
      subsidyAccruedNum: (BigInt(loan.subsidyAccruedNum) + BigInt(a.subsidyNumPaid)).toString(),
      creditBalance: loan.creditBalance - a.credit,
      qualifyingPayments: before.qualifyingPayments ?? loan.qualifyingPayments,
      // The schedule terms the payment changed come back as they were.
      levelPayment: before.levelPayment ?? loan.levelPayment,
      levelPrincipal: before.levelPrincipal ?? loan.levelPrincipal,
      instalmentsTotal: before.instalmentsTotal ?? loan.instalmentsTotal,
      nextDueDate: loan.nextDueDate ?? before.nextDueDate ?? null,
      ...(sameDay
        ? {
            oldestDueDate: before.oldestDueDate ?? null,
            daysPastDue: before.daysPastDue ?? 0,
            bucket: before.bucket ?? 'current',
          }
        : refreshDelinquency(bills, businessDate)),
      updatedAt: now,
    });
    // Interest the restored principal would have earned since the payment.
    const restored = a.principal + a.prepaidPrincipal;
    if (restored > 0 && loan.accruedThrough && payment.businessDate < loan.accruedThrough) {
      loan = await catchUpAccrual(
        tx,
        loan,
        restored,
        payment.businessDate,
        loan.accruedThrough,
        businessDate,
      );
    }
    const m: MoveContext = { tx, ctx, now, businessDate };
    if (loan.state === 'paid_off' && before.state && before.state !== 'paid_off') {
      loan = await moveState(m, loan, before.state as LoanState, 'payment reversed', {}, true);
    }
    const updated = await repo.updatePayment(tx, paymentId, {
      status: 'reversed',
      reversalJournalId,
      reversalReason: reason,
      reversedAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: 'payment.reversed',
      entityType: 'loan',
      entityId: loan.id,
      before: { paymentId, status: 'posted' },
      after: { status: 'reversed', reason, reversalJournalId },
    });
    await repo.insertEvent(tx, {
      type: 'payment.reversed',
      loanId: loan.id,
      customerId: loan.customerId,
      businessDate,
      payload: { paymentId, reason },
    });
    return paymentView(updated);
  });
}

export async function listLoanPayments(
  deps: Deps,
  access: LoanAccess,
  loanId: string,
): Promise<PaymentView[]> {
  const loan = await repo.findLoan(deps.database.db, loanId);
  assertAccess(access, loan);
  return (await repo.paymentsOfLoan(deps.database.db, loanId)).map((p) => paymentView(p));
}

export async function getPayment(deps: Deps, access: LoanAccess, paymentId: string): Promise<PaymentView> {
  const p = await repo.findPayment(deps.database.db, paymentId);
  if (!p || (access.ownCustomerOnly && p.customerId !== access.customerId))
    throw Problem.notFound(`Payment ${paymentId}`);
  return paymentView(p);
}
