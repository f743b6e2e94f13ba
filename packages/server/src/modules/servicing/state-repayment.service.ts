// China's state repayment of national student loans for graduates in qualifying employment
// (基层就业国家助学贷款代偿): the graduate applies with evidence (employer, region, service start,
// committed years), a second person approves it and fixes the total the state repays, and after
// each completed year of service the state's share posts as an ordinary payment from the
// `state_subsidy` channel, through the normal posting path (allocation, ledger, idempotency).
import { randomUUID } from 'node:crypto';
import { addMonthsIso, isValidIsoDate } from '@bursar/core';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import * as cases from './cases.repository.ts';
import { assertAccess, money, openBusinessDate, STAFF_ACCESS, type LoanAccess } from './loans.service.ts';
import { postPayment, type PaymentView } from './payments.service.ts';
import * as repo from './servicing.repository.ts';

/**
 * Yearly cap on the state's repayment per graduate, in fen: ¥16,000 for undergraduates and
 * ¥20,000 for graduate students, the limits raised in 2023 together with the national loan
 * limits (财政部 教育部 《关于调整完善国家助学贷款有关政策措施的通知》, 2023). A lender under another
 * scheme changes these figures.
 */
export const STATE_REPAYMENT_CAP_PER_YEAR = { undergraduate: 1_600_000, graduate: 2_000_000 } as const;
/** Service commitment: at least three years in the qualifying post (代偿 is paid a third a year). */
export const MIN_YEARS_OF_SERVICE = 3;

export interface StateRepaymentInput {
  employer: string;
  region: string;
  serviceStart: string;
  yearsOfService?: number | undefined;
  studyLevel: keyof typeof STATE_REPAYMENT_CAP_PER_YEAR;
  evidence: string;
}

function view(a: cases.StateRepaymentRow, currency: string) {
  return {
    id: a.id,
    loanId: a.loanId,
    employer: a.employer,
    region: a.region,
    serviceStart: a.serviceStart,
    yearsOfService: a.yearsOfService,
    evidence: a.evidence,
    totalAmount: money(a.totalAmount, currency),
    yearsPaid: a.yearsPaid,
    /** The day the next year of service completes and the state's payment may post. */
    nextPaymentOn:
      a.status === 'approved' && a.yearsPaid < a.yearsOfService
        ? addMonthsIso(a.serviceStart, 12 * (a.yearsPaid + 1))
        : null,
    status: a.status,
    decisionNote: a.decisionNote,
    createdAt: a.createdAt.toISOString(),
    decidedAt: a.decidedAt?.toISOString() ?? null,
  };
}

/** What the state would repay: what is owed now, at most the yearly cap times the years of service. */
function plannedTotal(owed: number, level: StateRepaymentInput['studyLevel'], years: number): number {
  return Math.min(owed, STATE_REPAYMENT_CAP_PER_YEAR[level] * years);
}

export async function applyStateRepayment(
  deps: Deps,
  ctx: ActorContext,
  access: LoanAccess,
  loanId: string,
  input: StateRepaymentInput,
) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const loan = await repo.lockLoan(tx, loanId);
    assertAccess(access, loan);
    if (!loan.productCode.startsWith('CN-NSL'))
      throw Problem.badRequest('loanId', 'state repayment (代偿) applies to national student loans');
    if (!['grace', 'repayment', 'deferment', 'forbearance'].includes(loan.state))
      throw Problem.conflict(
        'loan-not-eligible',
        `A ${loan.state} loan cannot get state repayment`,
        'loanId',
      );
    const years = input.yearsOfService ?? MIN_YEARS_OF_SERVICE;
    if (!Number.isInteger(years) || years < MIN_YEARS_OF_SERVICE || years > 10)
      throw Problem.badRequest('yearsOfService', `must be a whole number from ${MIN_YEARS_OF_SERVICE} to 10`);
    const businessDate = await openBusinessDate(deps, tx);
    if (!isValidIsoDate(input.serviceStart) || input.serviceStart > businessDate)
      throw Problem.badRequest('serviceStart', `must be a date on or before ${businessDate}`);
    const open = (await cases.stateRepaymentList(tx, { loanId })).filter((r) =>
      ['requested', 'approved'].includes(r.application.status),
    );
    if (open.length > 0)
      throw Problem.conflict(
        'already-applied',
        'The loan already has a state repayment application',
        'loanId',
      );
    const owed = loan.principal + loan.interestDue + loan.interestAccrued + loan.penaltyDue + loan.feesDue;
    const row = await cases.insertStateRepayment(tx, {
      id: randomUUID(),
      loanId,
      customerId: loan.customerId,
      employer: input.employer,
      region: input.region,
      serviceStart: input.serviceStart,
      yearsOfService: years,
      evidence: input.evidence,
      totalAmount: plannedTotal(owed, input.studyLevel, years),
      status: 'requested',
      requestedBy: ctx.actorId,
      createdAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: 'state_repayment.requested',
      entityType: 'loan',
      entityId: loanId,
      after: { applicationId: row.id, employer: input.employer, region: input.region, years },
    });
    await repo.insertEvent(tx, {
      type: 'state_repayment.requested',
      loanId,
      customerId: loan.customerId,
      businessDate,
      payload: { applicationId: row.id },
    });
    return view(row, loan.currency);
  });
}

export async function decideStateRepayment(
  deps: Deps,
  ctx: ActorContext,
  id: string,
  decision: 'approve' | 'decline',
  note: string | undefined,
) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const found = await cases.findStateRepayment(tx, id);
    if (!found) throw Problem.notFound(`State repayment application ${id}`);
    const loan = (await repo.lockLoan(tx, found.loanId))!;
    const app = (await cases.findStateRepayment(tx, id, true))!;
    if (app.status !== 'requested')
      throw Problem.conflict('already-decided', `The application is already ${app.status}`, 'decision');
    if (app.requestedBy && app.requestedBy === ctx.actorId)
      throw Problem.conflict(
        'four-eyes',
        'A second person must decide an application they did not make',
        'decision',
      );
    const updated = await cases.updateStateRepayment(tx, id, {
      status: decision === 'approve' ? 'approved' : 'declined',
      decidedBy: ctx.actorId,
      decisionNote: note ?? null,
      decidedAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: `state_repayment.${decision === 'approve' ? 'approved' : 'declined'}`,
      entityType: 'loan',
      entityId: loan.id,
      after: { applicationId: id, total: money(app.totalAmount, loan.currency), note: note ?? null },
    });
    await repo.insertEvent(tx, {
      type: `state_repayment.${decision === 'approve' ? 'approved' : 'declined'}`,
      loanId: loan.id,
      customerId: loan.customerId,
      businessDate: await openBusinessDate(deps, tx),
      payload: { applicationId: id },
    });
    return view(updated, loan.currency);
  });
}

/**
 * Post the state's payment for the next completed year of service. The payment's idempotency key
 * names the application and year, so a retry (or a crash between the payment and the application
 * update) posts it once and only then counts the year.
 */
export async function postStateRepaymentYear(deps: Deps, ctx: ActorContext, id: string) {
  const app = await cases.findStateRepayment(deps.database.db, id);
  if (!app) throw Problem.notFound(`State repayment application ${id}`);
  if (app.status !== 'approved')
    throw Problem.conflict('not-approved', `The application is ${app.status}`, 'applicationId');
  const year = app.yearsPaid + 1;
  const businessDate = await openBusinessDate(deps);
  const due = addMonthsIso(app.serviceStart, 12 * year);
  if (businessDate < due)
    throw Problem.conflict(
      'service-year-open',
      `Year ${year} of service completes on ${due}`,
      'applicationId',
    );
  const loan = (await repo.findLoan(deps.database.db, app.loanId))!;
  const paidSoFar = Math.floor(app.totalAmount / app.yearsOfService) * app.yearsPaid;
  const share =
    year === app.yearsOfService
      ? app.totalAmount - paidSoFar
      : Math.floor(app.totalAmount / app.yearsOfService);
  const owed = loan.principal + loan.interestDue + loan.interestAccrued + loan.penaltyDue + loan.feesDue;
  const amount = Math.min(share, owed);
  let payment: PaymentView | null = null;
  if (amount > 0)
    payment = await postPayment(deps, ctx, STAFF_ACCESS, {
      loanId: app.loanId,
      amount: money(amount, loan.currency),
      currency: loan.currency,
      channel: 'state_subsidy',
      idempotencyKey: `state-repayment:${id}:${year}`,
      reference: `代偿 ${year}/${app.yearsOfService}`,
      prepayment: 'shorter-term',
    });
  const now = deps.now();
  const updated = await deps.database.db.transaction(async (tx) => {
    const locked = (await cases.findStateRepayment(tx, id, true))!;
    if (locked.yearsPaid >= year) return locked; // a concurrent retry counted it
    const done = year >= locked.yearsOfService || amount < share;
    const row = await cases.updateStateRepayment(tx, id, {
      yearsPaid: year,
      status: done ? 'completed' : 'approved',
    });
    await recordAudit(tx, ctx, now, {
      action: 'state_repayment.year_paid',
      entityType: 'loan',
      entityId: app.loanId,
      after: {
        applicationId: id,
        year,
        amount: money(amount, loan.currency),
        paymentId: payment?.id ?? null,
      },
    });
    return row;
  });
  return { application: view(updated, loan.currency), payment };
}

export async function listStateRepayments(
  deps: Deps,
  access: LoanAccess,
  f: { status?: cases.StateRepaymentRow['status'] | undefined; loanId?: string | undefined },
) {
  if (f.loanId) assertAccess(access, await repo.findLoan(deps.database.db, f.loanId));
  else if (access.ownCustomerOnly) throw Problem.forbidden();
  return (await cases.stateRepaymentList(deps.database.db, f)).map((r) => ({
    ...view(r.application, r.currency),
    loanNumber: r.loanNumber,
  }));
}
