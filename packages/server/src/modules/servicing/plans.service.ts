// Income-driven repayment and forgiveness. A borrower (or staff for them) files their income and
// household once a year; a second person approves and the payment becomes the plan's amount from
// core's IDR rules. A missed recertification reverts the payment to the standard one (close of
// business). Qualifying payments are counted per loan (payments clearing what is due, and $0
// income-driven bills); when a loan's programme is met (IDR or public-service count, UK write-off
// day) close of business forgives the rest with its journal.
import { randomUUID } from 'node:crypto';
import {
  addMonthsIso,
  annuityPayment,
  calculateIncomeDrivenPlan,
  FILING_STATUSES,
  formatMoney,
  hasPovertyGuideline,
  INCOME_DRIVEN_PLANS,
  isUkPlan,
  isValidIsoDate,
  rate,
  RAP_RULES,
  toEpochDay,
  UK_WRITE_OFF_YEARS,
  US_PLAN_RULES,
  type FilingStatus,
  type IncomeDrivenPlan,
  type PovertyRegion,
} from '@bursar/core';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import {
  assertAccess,
  loanView,
  money,
  openBusinessDate,
  parseAmount,
  type LoanAccess,
} from './loans.service.ts';
import * as plansRepo from './plans.repository.ts';
import * as repo from './servicing.repository.ts';
import type { LoanRow } from './servicing.repository.ts';
import type { MoveContext } from './transitions.ts';

export const FORGIVENESS_PROGRAMMES = ['idr', 'public-service', 'uk-write-off'] as const;
/** Public Service Loan Forgiveness: 120 qualifying monthly payments (34 CFR 685.219). */
export const PUBLIC_SERVICE_PAYMENTS = 120;

export interface RecertificationInput {
  plan: IncomeDrivenPlan;
  annualIncome: string;
  familySize: number;
  filingStatus?: FilingStatus | undefined;
  spouseIncome?: string | undefined;
  region?: PovertyRegion | undefined;
}

/** Qualifying payments after which a plan forgives the rest, or the years to a UK write-off. */
function forgivenessTerms(plan: IncomeDrivenPlan, loan: LoanRow, businessDate: string) {
  if (isUkPlan(plan))
    return {
      forgivenessProgramme: 'uk-write-off',
      forgiveAfterPayments: null,
      writeOffOn: addMonthsIso(loan.firstDueDate ?? businessDate, UK_WRITE_OFF_YEARS[plan] * 12),
    };
  return {
    forgivenessProgramme: 'idr',
    forgiveAfterPayments:
      plan === 'RAP' ? RAP_RULES.forgivenessMonths : US_PLAN_RULES[plan].forgivenessMonths,
    writeOffOn: null,
  };
}

/** The latest poverty-guideline year held up to `year` (recertification in January uses last year's). */
function guidelineYear(year: number, region: PovertyRegion): number {
  for (let y = year; y >= year - 3; y--) if (hasPovertyGuideline(y, region)) return y;
  throw Problem.badRequest('region', `no poverty guideline held for ${year} in region ${region}`);
}

function computePlan(loan: LoanRow, input: RecertificationInput, businessDate: string) {
  const uk = isUkPlan(input.plan);
  if (uk !== (loan.currency === 'GBP') || (!uk && loan.currency !== 'USD'))
    throw Problem.badRequest('plan', `${input.plan} is not a plan for a ${loan.currency} loan`);
  if (!['repayment', 'grace', 'forbearance', 'default'].includes(loan.state))
    throw Problem.conflict('loan-not-eligible', `A ${loan.state} loan cannot change plan`, 'loanId');
  const income = parseAmount('annualIncome', input.annualIncome, loan.currency, false);
  const spouse = input.spouseIncome
    ? parseAmount('spouseIncome', input.spouseIncome, loan.currency, false)
    : 0;
  const region = input.region ?? '48';
  const businessYear = Number(businessDate.slice(0, 4));
  const year = uk ? businessYear : guidelineYear(businessYear, region);
  const balance = loan.principal + loan.interestDue + loan.interestAccrued;
  const startDue = loan.nextDueDate ?? addMonthsIso(businessDate, 1);
  let r;
  try {
    r = calculateIncomeDrivenPlan({
      plan: input.plan,
      annualIncome: income,
      familySize: input.familySize,
      year,
      region,
      filingStatus: input.filingStatus ?? 'single',
      spouseIncome: spouse,
      balance,
      annualRate: rate(loan.rateNum, loan.rateDen),
      currency: loan.currency,
      startDay: toEpochDay(startDue),
    });
  } catch (e) {
    if (e instanceof RangeError) throw Problem.badRequest('plan', e.message);
    throw e;
  }
  // The standard payment is fixed when the loan enters the plan; later recertifications keep it.
  const standard =
    loan.repaymentPlan && loan.standardPayment > 0
      ? loan.standardPayment
      : (r.standardPayment ?? annuityPayment(balance, rate(loan.rateNum, loan.rateDen * 12), 120, 'half-up'));
  const capped = r.cappedAtStandard || (r.standardPayment !== null && r.monthlyPayment > standard);
  const monthly = capped ? Math.min(r.monthlyPayment, standard) : r.monthlyPayment;
  const c = loan.currency;
  return {
    monthly,
    standard,
    year,
    region,
    income,
    spouse,
    preview: {
      plan: input.plan,
      currentPayment: formatMoney(loan.levelPayment, c),
      monthlyPayment: formatMoney(monthly, c),
      standardPayment: formatMoney(standard, c),
      cappedAtStandard: capped,
      countedIncome: formatMoney(r.countedIncome, c),
      povertyGuideline: r.povertyGuideline === null ? null : formatMoney(r.povertyGuideline, c),
      guidelineYear: uk ? null : year,
      firstPaymentDate: startDue,
      recertifyBy: addMonthsIso(businessDate, 12),
      forgivenessDate: r.projection.forgivenessDate,
      projectedForgiven: formatMoney(r.projection.forgiven, c),
      payoffDate: r.projection.payoffDate,
      firstYear: r.projection.months.slice(0, 12).map((m) => ({
        date: m.date,
        payment: formatMoney(m.payment, c),
        interest: formatMoney(m.interest, c),
        balance: formatMoney(m.balance, c),
      })),
    },
  };
}

function recertificationView(r: plansRepo.RecertificationRow, currency: string) {
  return {
    id: r.id,
    loanId: r.loanId,
    plan: r.plan,
    annualIncome: money(r.annualIncome, currency),
    spouseIncome: money(r.spouseIncome, currency),
    familySize: r.familySize,
    filingStatus: r.filingStatus,
    region: r.region,
    year: r.year,
    monthlyPayment: money(r.monthlyPayment, currency),
    standardPayment: money(r.standardPayment, currency),
    preview: r.preview as Record<string, unknown>,
    status: r.status,
    decisionNote: r.decisionNote,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
  };
}

/** What the plan would give at this income, filing nothing. */
export async function previewRecertification(
  deps: Deps,
  access: LoanAccess,
  loanId: string,
  input: RecertificationInput,
) {
  const loan = await repo.findLoan(deps.database.db, loanId);
  assertAccess(access, loan);
  return computePlan(loan, input, await openBusinessDate(deps)).preview;
}

/** File an income-driven plan request or the annual recertification; a second person approves it. */
export async function requestRecertification(
  deps: Deps,
  ctx: ActorContext,
  access: LoanAccess,
  loanId: string,
  input: RecertificationInput,
) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const loan = await repo.lockLoan(tx, loanId);
    assertAccess(access, loan);
    const businessDate = await openBusinessDate(deps, tx);
    const p = computePlan(loan, input, businessDate);
    const row = await plansRepo.insertRecertification(tx, {
      id: randomUUID(),
      loanId,
      plan: input.plan,
      annualIncome: p.income,
      spouseIncome: p.spouse,
      familySize: input.familySize,
      filingStatus: input.filingStatus ?? 'single',
      region: p.region,
      year: p.year,
      monthlyPayment: p.monthly,
      standardPayment: p.standard,
      preview: p.preview,
      status: 'requested',
      requestedBy: ctx.actorId,
      createdAt: now,
    });
    // Income is personal data: the audit names the request and the payment, not the income.
    await recordAudit(tx, ctx, now, {
      action: 'idr.requested',
      entityType: 'loan',
      entityId: loanId,
      after: { requestId: row.id, plan: input.plan, monthlyPayment: p.preview.monthlyPayment },
    });
    await repo.insertEvent(tx, {
      type: 'idr.requested',
      loanId,
      customerId: loan.customerId,
      businessDate,
      payload: { requestId: row.id, plan: input.plan },
    });
    return recertificationView(row, loan.currency);
  });
}

export async function decideRecertification(
  deps: Deps,
  ctx: ActorContext,
  requestId: string,
  decision: 'approve' | 'decline',
  note: string | undefined,
) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    await repo.shareBookLock(tx);
    const found = await plansRepo.findRecertification(tx, requestId);
    if (!found) throw Problem.notFound(`Income recertification ${requestId}`);
    let loan = (await repo.lockLoan(tx, found.loanId))!;
    const req = (await plansRepo.findRecertification(tx, requestId, true))!;
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
      const plan = req.plan as IncomeDrivenPlan;
      const keepProgramme = loan.forgivenessProgramme === 'public-service';
      const before = { plan: loan.repaymentPlan, payment: money(loan.levelPayment, loan.currency) };
      loan = await repo.updateLoan(tx, loan.id, {
        repaymentPlan: plan,
        repayMethod: 'income-driven',
        levelPayment: req.monthlyPayment,
        standardPayment: req.standardPayment,
        recertifyBy: addMonthsIso(businessDate, 12),
        ...(keepProgramme ? {} : forgivenessTerms(plan, loan, businessDate)),
        updatedAt: now,
      });
      await recordAudit(tx, ctx, now, {
        action: 'loan.plan_changed',
        entityType: 'loan',
        entityId: loan.id,
        before,
        after: { plan, payment: money(req.monthlyPayment, loan.currency), recertifyBy: loan.recertifyBy },
      });
    }
    const updated = await plansRepo.updateRecertification(tx, requestId, {
      status: decision === 'approve' ? 'approved' : 'declined',
      decidedBy: ctx.actorId,
      decisionNote: note ?? null,
      decidedAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: `idr.${decision === 'approve' ? 'approved' : 'declined'}`,
      entityType: 'loan',
      entityId: loan.id,
      after: { requestId, plan: req.plan, note: note ?? null },
    });
    await repo.insertEvent(tx, {
      type: `idr.${decision === 'approve' ? 'approved' : 'declined'}`,
      loanId: loan.id,
      customerId: loan.customerId,
      businessDate,
      payload: { requestId, plan: req.plan },
    });
    return { request: recertificationView(updated, loan.currency), loan: loanView(loan) };
  });
}

export async function listRecertifications(
  deps: Deps,
  access: LoanAccess,
  f: { status?: 'requested' | 'approved' | 'declined' | undefined; loanId?: string | undefined },
) {
  if (f.loanId) assertAccess(access, await repo.findLoan(deps.database.db, f.loanId));
  else if (access.ownCustomerOnly) throw Problem.forbidden();
  const rows = await plansRepo.recertificationList(deps.database.db, f);
  return rows.map((r) => recertificationView(r.request, r.currency));
}

export interface ForgivenessInput {
  programme: 'public-service' | 'uk-write-off';
  /** Qualifying payments certified before (employment certification, a boarded history). */
  qualifyingPayments?: number | undefined;
  writeOffOn?: string | undefined;
}

/** Enrol a loan in public-service forgiveness (120 qualifying payments) or set its UK write-off day. */
export async function enrolForgiveness(
  deps: Deps,
  ctx: ActorContext,
  loanId: string,
  input: ForgivenessInput,
) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const loan = await repo.lockLoan(tx, loanId);
    if (!loan) throw Problem.notFound(`Loan ${loanId}`);
    if (!['repayment', 'grace', 'deferment', 'forbearance', 'default'].includes(loan.state))
      throw Problem.conflict('loan-not-eligible', `A ${loan.state} loan cannot be enrolled`, 'loanId');
    const businessDate = await openBusinessDate(deps, tx);
    if (input.programme === 'uk-write-off') {
      if (!input.writeOffOn || !isValidIsoDate(input.writeOffOn) || input.writeOffOn <= businessDate)
        throw Problem.badRequest('writeOffOn', `must be a date after ${businessDate}`);
    } else if (loan.currency !== 'USD') {
      throw Problem.badRequest('programme', 'public-service forgiveness is for US Direct Loans');
    }
    const patch = {
      forgivenessProgramme: input.programme,
      forgiveAfterPayments: input.programme === 'public-service' ? PUBLIC_SERVICE_PAYMENTS : null,
      writeOffOn: input.programme === 'uk-write-off' ? input.writeOffOn! : null,
      qualifyingPayments: Math.max(loan.qualifyingPayments, input.qualifyingPayments ?? 0),
    };
    const updated = await repo.updateLoan(tx, loanId, { ...patch, updatedAt: now });
    await recordAudit(tx, ctx, now, {
      action: 'loan.forgiveness_enrolled',
      entityType: 'loan',
      entityId: loanId,
      before: {
        programme: loan.forgivenessProgramme,
        qualifyingPayments: loan.qualifyingPayments,
        writeOffOn: loan.writeOffOn,
      },
      after: patch,
    });
    return loanView(updated);
  });
}

/** Close-of-business step: lapsed recertifications revert to the standard payment; met programmes forgive. */
export async function plansStep(m: MoveContext): Promise<Record<string, number>> {
  const lapsed = await plansRepo.lapseRecertifications(m.tx, m.businessDate);
  const forgiven = await plansRepo.forgiveLoans(m.tx, m.businessDate, m.now);
  if (lapsed + forgiven.length > 0)
    await recordAudit(m.tx, m.ctx, m.now, {
      action: 'loans.plans_closed',
      entityType: 'business_date',
      entityId: m.businessDate,
      after: { recertificationsLapsed: lapsed, forgiven },
    });
  return { recertificationsLapsed: lapsed, forgiven: forgiven.length };
}

export { FILING_STATUSES, INCOME_DRIVEN_PLANS };
