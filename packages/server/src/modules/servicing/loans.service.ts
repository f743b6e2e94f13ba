// Loan accounts: opening (from origination or boarding), disbursing tranches, reading the
// book (loan, schedule, ledger, history), manual state changes, payoff quotes, and the
// trial balance and reconciliation that prove the sub-ledger equals the ledger.
import { randomUUID } from 'node:crypto';
import {
  accrualNumerator,
  adjustedDueDay,
  BUSINESS_DAY_RULES,
  type BusinessDayRule,
  addRates,
  basisPoints,
  businessCalendar,
  dayUnitsBetween,
  divideRounded,
  formatMoney,
  isCurrencyCode,
  isLoanState,
  MONTHS_PER_PERIOD,
  MoneyError,
  nextRepricingDay,
  parseMoney,
  parseRate,
  rate,
  roundAccrued,
  toEpochDay,
  toIsoDate,
  type DayCountConvention,
  type ProductTemplate,
  type RoundingMode,
} from '@bursar/core';
import type { Executor } from '../../db/database.ts';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { activeProduct } from '../products/index.ts';
import { contractRateOn, rateHistory } from './benchmarks.ts';
import { customerNames } from './collections.service.ts';
import { ACCOUNTS, postJournal } from './ledger.ts';
import {
  DEFAULT_ORDER,
  graceUntil,
  minor,
  penaltyRate,
  projectRemaining,
  repayMethodOf,
  scheduleJson,
  SERVICING_CALENDAR,
  termInstalments,
} from './loan-terms.ts';
import * as repo from './servicing.repository.ts';
import type { LoanRow } from './servicing.repository.ts';
import { enterRepayment, firstDueAfter, moveState, type MoveContext } from './transitions.ts';

export const DEFAULT_CALENDAR = 'CN';
const isBusinessDayRule = (r: string): r is BusinessDayRule =>
  (BUSINESS_DAY_RULES as readonly string[]).includes(r);

/** Who may see which loans: staff see all; a student only their own customer's. */
export interface LoanAccess {
  ownCustomerOnly: boolean;
  customerId: string | null;
}
export const STAFF_ACCESS: LoanAccess = { ownCustomerOnly: false, customerId: null };

export function assertAccess(
  access: LoanAccess,
  loan: Pick<LoanRow, 'customerId' | 'id'> | undefined,
): asserts loan {
  if (!loan || (access.ownCustomerOnly && loan.customerId !== access.customerId))
    throw Problem.notFound(`Loan ${loan?.id ?? ''}`.trim());
}

/** The open business date (the day after the last closed one); set on first use. */
export async function openBusinessDate(deps: Deps, db: Executor = deps.database.db): Promise<string> {
  const s = await repo.readState(db);
  if (s) return s.businessDate;
  const today = toEpochDay(deps.now().toISOString().slice(0, 10));
  await repo.initState(
    db,
    toIsoDate(businessCalendar(DEFAULT_CALENDAR).adjust(today, 'following')),
    DEFAULT_CALENDAR,
  );
  return (await repo.readState(db))!.businessDate;
}

/** A contractual due date as the borrower must pay it: moved by the loan's business-day rule on the servicing calendar. */
export function paymentDate(due: string, rule: string): string {
  if (rule === 'none' || !isBusinessDayRule(rule)) return due;
  return toIsoDate(adjustedDueDay(businessCalendar(SERVICING_CALENDAR), toEpochDay(due), rule));
}

export function money(m: number, currency: string): string {
  return formatMoney(m, currency);
}

/** Parse a money field, naming it in the 400 when it is bad; `positive` refuses zero and negatives. */
export function parseAmount(field: string, text: string, currency: string, positive = true): number {
  if (!isCurrencyCode(currency)) throw Problem.badRequest('currency', `unknown currency ${currency}`);
  let v: number;
  try {
    v = parseMoney(text, currency);
  } catch (e) {
    throw Problem.badRequest(field, e instanceof MoneyError ? e.message : 'not an amount');
  }
  if (positive && v <= 0) throw Problem.badRequest(field, 'must be greater than zero');
  return v;
}

export function loanView(l: LoanRow) {
  const c = l.currency;
  const amountDue = l.principalDue + l.interestDue + l.penaltyDue + l.feesDue;
  return {
    id: l.id,
    loanNumber: l.loanNumber,
    customerId: l.customerId,
    productCode: l.productCode,
    productVersion: l.productVersion,
    currency: c,
    state: l.state,
    stateSince: l.stateSince,
    annualRate: formatRateFraction(l.rateNum, l.rateDen),
    dayCount: l.dayCount,
    commitment: money(l.commitment, c),
    disbursed: money(l.disbursed, c),
    balances: {
      principal: money(l.principal, c),
      principalDue: money(l.principalDue, c),
      interestAccrued: money(l.interestAccrued, c),
      interestDue: money(l.interestDue, c),
      penaltyDue: money(l.penaltyDue, c),
      feesDue: money(l.feesDue, c),
      subsidyAccrued: money(l.subsidyAccrued, c),
      creditBalance: money(l.creditBalance, c),
      amountDue: money(amountDue, c),
      chargedOff: money(l.chargedOffAmount, c),
    },
    delinquency: { daysPastDue: l.daysPastDue, bucket: l.bucket, oldestDueDate: l.oldestDueDate },
    repayment: {
      method: l.repayMethod,
      frequencyMonths: l.frequencyMonths,
      instalmentsTotal: l.instalmentsTotal,
      nextInstalment: l.nextInstalment,
      nextDueDate: l.nextDueDate,
      nextPaymentDate: l.nextDueDate && paymentDate(l.nextDueDate, l.dueDateRule),
      dueDateRule: l.dueDateRule,
      levelPayment: money(l.levelPayment, c),
    },
    floatingRate:
      l.rateBenchmark === null
        ? null
        : {
            benchmark: l.rateBenchmark,
            spreadBp: l.rateSpreadBp ?? 0,
            repricing: l.repricing ?? 'annual-1-january',
            nextRepricingDate: l.nextRepricingDate,
          },
    plan: {
      repaymentPlan: l.repaymentPlan,
      recertifyBy: l.recertifyBy,
      standardPayment: money(l.standardPayment, c),
      forgivenessProgramme: l.forgivenessProgramme,
      qualifyingPayments: l.qualifyingPayments,
      forgiveAfterPayments: l.forgiveAfterPayments,
      writeOffOn: l.writeOffOn,
    },
    phases: {
      inSchoolUntil: l.inSchoolUntil,
      graceUntil: l.graceUntil,
      reliefUntil: l.reliefUntil,
      interestMode: l.interestMode,
    },
    openedOn: l.openedOn,
  };
}
export type LoanView = ReturnType<typeof loanView>;

function formatRateFraction(num: number, den: number): string {
  // den is a power of ten times small factors for parsed rates; print up to 10 places.
  const scaled = (BigInt(num) * 10n ** 10n) / BigInt(den);
  const s = scaled.toString().padStart(11, '0');
  return `${s.slice(0, -10)}.${s.slice(-10)}`.replace(/0+$/, '').replace(/\.$/, '.0');
}

export interface OpenLoanInput {
  customerId: string;
  productCode: string;
  /** Approved amount (commitment), major units as a decimal string. */
  amount: string;
  openedOn?: string | undefined;
  /** Last day of study: the loan starts in school when it is after the opening date. */
  studyEndDate?: string | undefined;
  yearsOfStudy?: number | undefined;
  termMonths?: number | undefined;
  loanNumber?: string | undefined;
  /** Personal pricing from origination's offer: basis points added to the product's contract rate (negative = discount). */
  pricingSpreadBp?: number | undefined;
}

async function productOf(
  deps: Deps,
  code: string,
): Promise<{ definition: ProductTemplate; version: number }> {
  const p = await activeProduct(deps, code);
  if (!p) throw Problem.badRequest('productCode', `no active product ${code}`);
  return { definition: p.definition, version: p.version };
}

export async function openLoan(deps: Deps, ctx: ActorContext, input: OpenLoanInput): Promise<LoanView> {
  const { definition: p, version } = await productOf(deps, input.productCode);
  const commitment = parseAmount('amount', input.amount, p.currency);
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const businessDate = await openBusinessDate(deps, tx);
    const openedOn = input.openedOn ?? businessDate;
    const inSchool = input.studyEndDate !== undefined && input.studyEndDate >= openedOn;
    // Graduated already but still inside the grace period: the loan starts in grace.
    const inGrace =
      !inSchool &&
      input.studyEndDate !== undefined &&
      graceUntil(p, input.studyEndDate) >= openedOn &&
      graceUntil(p, input.studyEndDate) > input.studyEndDate;
    const spread = input.pricingSpreadBp ?? 0;
    const r = addRates(await contractRateOn(tx, p, openedOn), basisPoints(spread));
    if (r.num < 0) throw Problem.badRequest('pricingSpreadBp', 'would make the rate negative');
    const pen = penaltyRate(p, r);
    const phase = inSchool ? p.phases.inSchool.interest : inGrace ? p.phases.grace.interest : 'paid';
    const interestDateMd = p.annualDueDate
      ? `${String(p.annualDueDate.month).padStart(2, '0')}-${String(p.annualDueDate.day).padStart(2, '0')}`
      : null;
    const id = randomUUID();
    const loanNumber = input.loanNumber ?? `L${String(await repo.nextLoanNumber(tx)).padStart(8, '0')}`;
    const freq = MONTHS_PER_PERIOD[p.frequency];
    const row = await repo.insertLoan(tx, {
      id,
      loanNumber,
      customerId: input.customerId,
      productCode: p.code,
      productVersion: version,
      currency: p.currency,
      state: inSchool ? 'in_school' : inGrace ? 'grace' : 'repayment',
      stateSince: openedOn,
      rateNum: r.num,
      rateDen: r.den,
      penaltyRateNum: pen.num,
      penaltyRateDen: pen.den,
      dayCount: p.dayCount,
      rounding: p.rounding,
      interestMode: phase === 'subsidised' ? 'subsidy' : 'borrower',
      capitaliseAtPhaseEnd: phase === 'capitalised',
      graceInterest: p.phases.grace.interest,
      capitalisationEvents: [...p.capitalisationEvents],
      commitment,
      inSchoolUntil: inSchool || inGrace ? input.studyEndDate! : null,
      graceUntil: inSchool || inGrace ? graceUntil(p, input.studyEndDate!) : null,
      repayMethod: repayMethodOf(p),
      frequencyMonths: freq,
      termInstalments: termInstalments(p, {
        openedOn,
        studyEndDate: input.studyEndDate,
        termMonths: input.termMonths,
        yearsOfStudy: input.yearsOfStudy,
      }),
      interestDateMd,
      // A national loan bills interest yearly before repayment when the borrower pays it.
      nextDueDate:
        (inSchool || inGrace) && phase === 'paid' && interestDateMd && freq === 12
          ? firstDueAfter({ frequencyMonths: 12, interestDateMd }, openedOn)
          : null,
      defaultDaysPastDue: p.defaultDaysPastDue,
      chargeOffDaysPastDue: p.defaultDaysPastDue + 90,
      lateFee: minor(p.fees.lateFee, p.currency),
      originationShare: p.fees.originationShare ?? null,
      allocationOrder: DEFAULT_ORDER,
      dueDateRule: p.businessDayRule ?? 'none',
      ...(p.rate.kind === 'floating'
        ? {
            rateBenchmark: p.rate.benchmark,
            rateSpreadBp: p.rate.spreadBp + spread,
            repricing: p.rate.repricing,
            nextRepricingDate: nextRepricingDay(p.rate.repricing, openedOn, openedOn),
          }
        : {}),
      openedOn,
      createdAt: now,
      updatedAt: now,
    });
    await repo.insertStateHistory(tx, {
      loanId: id,
      fromState: null,
      toState: row.state,
      reason: 'opened',
      businessDate: openedOn,
      at: now,
    });
    await recordAudit(tx, ctx, now, {
      action: 'loan.opened',
      entityType: 'loan',
      entityId: id,
      after: {
        loanNumber,
        customerId: input.customerId,
        product: `${p.code}@${version}`,
        commitment: input.amount,
        state: row.state,
      },
    });
    return loanView(row);
  });
}

export interface DisburseInput {
  amount: string;
  /** Value date; defaults to the open business date. */
  date?: string | undefined;
}

/** Pay out a tranche: principal owed is the gross amount; the origination fee is kept from it. */
export async function disburseTranche(deps: Deps, ctx: ActorContext, loanId: string, input: DisburseInput) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    await repo.shareBookLock(tx);
    let loan = await repo.lockLoan(tx, loanId);
    if (!loan) throw Problem.notFound(`Loan ${loanId}`);
    if (!['in_school', 'grace', 'repayment', 'deferment'].includes(loan.state))
      throw Problem.conflict('loan-not-disbursable', `A ${loan.state} loan cannot be disbursed`, 'loanId');
    const amount = parseAmount('amount', input.amount, loan.currency);
    if (loan.disbursed + amount > loan.commitment) {
      throw Problem.badRequest(
        'amount',
        `exceeds the undisbursed commitment of ${money(loan.commitment - loan.disbursed, loan.currency)}`,
      );
    }
    const businessDate = await openBusinessDate(deps, tx);
    const date = input.date ?? businessDate;
    const fee = loan.originationShare
      ? divideRounded(
          amount * parseRate(loan.originationShare).num,
          parseRate(loan.originationShare).den,
          loan.rounding as RoundingMode,
        )
      : 0;
    const tranche = (await repo.disbursementsOf(tx, loanId)).length + 1;
    const journalId = await postJournal(tx, {
      businessDate: date,
      kind: 'disbursement',
      loanId,
      productCode: loan.productCode,
      currency: loan.currency,
      description: `Tranche ${tranche} disbursed`,
      lines: [
        { account: ACCOUNTS.principal, amount },
        { account: ACCOUNTS.disbursementClearing, amount: -(amount - fee) },
        { account: ACCOUNTS.feeIncome, amount: -fee },
      ],
    });
    await repo.insertDisbursement(tx, {
      id: randomUUID(),
      loanId,
      tranche,
      amount,
      fee,
      businessDate: date,
      journalId,
      createdAt: now,
    });
    // Interest from the value date: catch up any days already closed on the existing principal's schedule.
    const accruedThrough = loan.accruedThrough ?? date;
    loan = await repo.updateLoan(tx, loanId, {
      principal: loan.principal + amount,
      disbursed: loan.disbursed + amount,
      accruedThrough,
      updatedAt: now,
    });
    if (date < accruedThrough && loan.interestMode !== 'none')
      loan = await catchUpAccrual(tx, loan, amount, date, accruedThrough, businessDate);
    await recordAudit(tx, ctx, now, {
      action: 'loan.disbursed',
      entityType: 'loan',
      entityId: loanId,
      after: { tranche, amount: input.amount, fee: money(fee, loan.currency), date },
    });
    // A loan already in repayment gets its schedule rebuilt from the new principal.
    if (loan.state === 'repayment') {
      const m: MoveContext = { tx, ctx, now, businessDate };
      loan =
        loan.nextDueDate && loan.instalmentsTotal > 0
          ? await rebuildSchedule(m, loan, 'disbursement')
          : await enterRepayment(m, loan, date, 'disbursement');
    }
    return { loan: loanView(loan), tranche, fee: money(fee, loan.currency), journalId };
  });
}

/** Add interest for [from, to) on `principal` to the loan's accrual (a late value date or a reversed repayment). */
export async function catchUpAccrual(
  tx: Executor,
  loan: LoanRow,
  principal: number,
  from: string,
  to: string,
  businessDate: string,
): Promise<LoanRow> {
  const r = rate(loan.rateNum, loan.rateDen);
  const units = dayUnitsBetween(loan.dayCount as DayCountConvention, toEpochDay(from), toEpochDay(to));
  const add = accrualNumerator(principal, r, units);
  if (add === 0n) return loan;
  const subsidy = loan.interestMode === 'subsidy';
  const num = BigInt(subsidy ? loan.subsidyAccruedNum : loan.interestAccruedNum) + add;
  const rounded = roundAccrued(num, r, loan.rounding as RoundingMode);
  const delta = rounded - (subsidy ? loan.subsidyAccrued : loan.interestAccrued);
  if (delta !== 0) {
    await postJournal(tx, {
      businessDate,
      kind: 'accrual',
      loanId: loan.id,
      productCode: loan.productCode,
      currency: loan.currency,
      description: 'Interest accrual catch-up',
      lines: [
        { account: subsidy ? ACCOUNTS.subsidy : ACCOUNTS.interestAccrued, amount: delta },
        { account: subsidy ? ACCOUNTS.subsidyIncome : ACCOUNTS.interestIncome, amount: -delta },
      ],
    });
  }
  return repo.updateLoan(
    tx,
    loan.id,
    subsidy
      ? { subsidyAccruedNum: num.toString(), subsidyAccrued: rounded }
      : { interestAccruedNum: num.toString(), interestAccrued: rounded },
  );
}

/** Rebuild the remaining schedule (same number of instalments left) after principal changed. */
export async function rebuildSchedule(
  m: MoveContext,
  loan: LoanRow,
  reason: string,
  opts: { instalments?: number; keepPayment?: boolean } = {},
): Promise<LoanRow> {
  let instalmentsTotal =
    opts.instalments !== undefined ? loan.nextInstalment - 1 + opts.instalments : loan.instalmentsTotal;
  let projection = projectRemaining({ ...loan, instalmentsTotal });
  let patch: Partial<repo.NewLoanRow> = projection
    ? {
        instalmentsTotal,
        levelPayment: projection.payment,
        levelPrincipal: projection.installments[0]?.principal ?? 0,
        updatedAt: m.now,
      }
    : { instalmentsTotal, updatedAt: m.now };
  if (projection && opts.keepPayment) {
    // Keep the payment, shorten the term: the loan ends when the kept payment has repaid it.
    if (loan.repayMethod === 'annuity') {
      const kept = projectRemaining({ ...loan, instalmentsTotal }, { fixedPayment: loan.levelPayment });
      const end = kept ? kept.installments.findIndex((i) => i.balance === 0) : -1;
      instalmentsTotal =
        loan.nextInstalment - 1 + (end >= 0 ? end + 1 : instalmentsTotal - loan.nextInstalment + 1);
      projection = projectRemaining({ ...loan, instalmentsTotal }, { fixedPayment: loan.levelPayment });
    } else if (loan.repayMethod === 'equal-principal' && loan.levelPrincipal > 0) {
      instalmentsTotal =
        loan.nextInstalment - 1 + Math.ceil((loan.principal - loan.principalDue) / loan.levelPrincipal);
      projection = projectRemaining({ ...loan, instalmentsTotal });
    }
    patch = { instalmentsTotal, updatedAt: m.now };
  }
  const updated = await repo.updateLoan(m.tx, loan.id, patch);
  if (projection)
    await repo.saveSchedule(m.tx, {
      loanId: loan.id,
      version: 1,
      generatedOn: m.businessDate,
      reason,
      schedule: scheduleJson(projection, loan.currency, formatMoney),
    });
  return updated;
}

// ---- reads --------------------------------------------------------------------------------

export async function getLoan(deps: Deps, access: LoanAccess, loanId: string): Promise<LoanView> {
  const loan = await repo.findLoan(deps.database.db, loanId);
  assertAccess(access, loan);
  return loanView(loan);
}

export async function listLoans(
  deps: Deps,
  access: LoanAccess,
  filter: repo.LoanFilter,
  page: { limit: number; offset: number },
) {
  const f = access.ownCustomerOnly
    ? { ...filter, customerId: access.customerId ?? '00000000-0000-0000-0000-000000000000' }
    : filter;
  const { items, total } = await repo.findLoans(deps.database.db, f, page);
  const names = await customerNames(
    deps,
    items.map((l) => l.customerId),
  );
  return {
    items: items.map((l) => ({ ...loanView(l), customerName: names.get(l.customerId) ?? null })),
    total,
  };
}

export async function loanDetail(deps: Deps, access: LoanAccess, loanId: string) {
  const db = deps.database.db;
  const loan = await repo.findLoan(db, loanId);
  assertAccess(access, loan);
  const c = loan.currency;
  const [schedule, bills, history, disbursements, rates] = await Promise.all([
    repo.scheduleOf(db, loanId),
    repo.billsOf(db, loanId),
    repo.stateHistoryOf(db, loanId),
    repo.disbursementsOf(db, loanId),
    rateHistory(db, loanId),
  ]);
  return {
    loan: loanView(loan),
    schedule: (schedule?.schedule ?? null) as unknown,
    projection: (() => {
      const p = projectRemaining(loan);
      return p ? scheduleJson(p, c, formatMoney) : null;
    })(),
    bills: bills.map((b) => ({
      seq: b.seq,
      instalment: b.instalment,
      dueDate: b.dueDate,
      principal: money(b.principal, c),
      interest: money(b.interest, c),
      paidPrincipal: money(b.paidPrincipal, c),
      paidInterest: money(b.paidInterest, c),
      lateFeeCharged: b.lateFeeCharged,
      settled: b.paidPrincipal >= b.principal && b.paidInterest >= b.interest,
    })),
    stateHistory: history.map((h) => ({
      from: h.fromState,
      to: h.toState,
      reason: h.reason,
      businessDate: h.businessDate,
      at: h.at.toISOString(),
    })),
    /** Contract-rate changes (LPR repricing), oldest first. */
    rateHistory: rates,
    disbursements: disbursements.map((d) => ({
      tranche: d.tranche,
      amount: money(d.amount, c),
      fee: money(d.fee, c),
      date: d.businessDate,
    })),
  };
}

export async function loanJournals(
  deps: Deps,
  access: LoanAccess,
  loanId: string,
  page: { limit: number; offset: number },
) {
  const loan = await repo.findLoan(deps.database.db, loanId);
  assertAccess(access, loan);
  const rows = await repo.journalsOfLoan(deps.database.db, loanId, page);
  return rows.map((j) => ({
    id: j.id,
    businessDate: j.business_date,
    kind: j.kind,
    description: j.description,
    reversesJournalId: j.reverses_journal_id,
    paymentId: j.payment_id,
    lines: j.lines.map((l) => ({
      account: l.account,
      currency: l.currency,
      amount: money(Number(l.amount), l.currency),
    })),
  }));
}

/** What it takes to close the loan on a date: balances plus interest accrued to that date. */
export async function payoffQuote(deps: Deps, access: LoanAccess, loanId: string, asOf?: string) {
  const loan = await repo.findLoan(deps.database.db, loanId);
  assertAccess(access, loan);
  const businessDate = await openBusinessDate(deps);
  const date = asOf ?? businessDate;
  if (date < businessDate) throw Problem.badRequest('asOf', 'must be on or after the open business date');
  let accrued = loan.interestAccrued;
  if (loan.interestMode === 'borrower' && loan.accruedThrough && date > loan.accruedThrough) {
    const r = rate(loan.rateNum, loan.rateDen);
    const extra = accrualNumerator(
      loan.principal,
      r,
      dayUnitsBetween(loan.dayCount as DayCountConvention, toEpochDay(loan.accruedThrough), toEpochDay(date)),
    );
    accrued = roundAccrued(BigInt(loan.interestAccruedNum) + extra, r, loan.rounding as RoundingMode);
  }
  const c = loan.currency;
  const total =
    loan.principal + accrued + loan.interestDue + loan.penaltyDue + loan.feesDue - loan.creditBalance;
  return {
    loanId,
    asOf: date,
    currency: c,
    principal: money(loan.principal, c),
    interest: money(accrued + loan.interestDue, c),
    penalty: money(loan.penaltyDue, c),
    fees: money(loan.feesDue, c),
    credit: money(loan.creditBalance, c),
    total: money(Math.max(0, total), c),
  };
}

// ---- manual state changes -----------------------------------------------------------------

const MANUAL_TARGETS = ['discharged', 'forgiven', 'closed', 'repayment', 'charged_off'] as const;
export type ManualTarget = (typeof MANUAL_TARGETS)[number];
export { MANUAL_TARGETS };

/**
 * Discharge (death, disability, school closure), forgiveness, charge-off, rehabilitation back to
 * repayment, or closing a settled loan. Relief and charge-off take what is owed off the books.
 */
export async function changeLoanState(
  deps: Deps,
  ctx: ActorContext,
  loanId: string,
  to: ManualTarget,
  reason: string,
) {
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    await repo.shareBookLock(tx);
    const loan = await repo.lockLoan(tx, loanId);
    if (!loan) throw Problem.notFound(`Loan ${loanId}`);
    if (!isLoanState(loan.state)) throw new Error(`bad state ${loan.state}`);
    const from = loan.state;
    const businessDate = await openBusinessDate(deps, tx);
    const m: MoveContext = { tx, ctx, now, businessDate };
    if (to === 'closed') {
      const owed = loan.principal + loan.interestDue + loan.interestAccrued + loan.penaltyDue + loan.feesDue;
      if (owed !== 0 || loan.creditBalance !== 0)
        throw Problem.conflict(
          'loan-not-settled',
          'Only a loan with nothing owed and no credit balance can be closed',
          'state',
        );
    }
    if (!['discharged', 'forgiven', 'closed', 'repayment', 'charged_off'].includes(to) || from === to)
      throw Problem.badRequest('state', `cannot move to ${to}`);
    try {
      if (to === 'discharged' || to === 'forgiven' || to === 'charged_off') {
        const written = await writeOffBalances(
          tx,
          loan,
          businessDate,
          to === 'charged_off' ? ACCOUNTS.writeOff : ACCOUNTS.relief,
          `${to}: ${reason}`,
        );
        return loanView(
          await moveState(m, loan, to, reason, {
            ...written,
            nextDueDate: null,
            oldestDueDate: null,
            daysPastDue: 0,
            bucket: 'current',
          }),
        );
      }
      return loanView(await moveState(m, loan, to, reason));
    } catch (e) {
      if (e instanceof Error && e.name === 'LoanStateError')
        throw Problem.conflict('invalid-transition', e.message, 'state');
      throw e;
    }
  });
}

/** Take every receivable of the loan off the books against an expense account (one journal). */
export async function writeOffBalances(
  tx: Executor,
  loan: LoanRow,
  businessDate: string,
  expense: string,
  description: string,
) {
  const parts = [
    { account: ACCOUNTS.principal, amount: loan.principal },
    { account: ACCOUNTS.interestDue, amount: loan.interestDue },
    { account: ACCOUNTS.interestAccrued, amount: loan.interestAccrued },
    { account: ACCOUNTS.penalty, amount: loan.penaltyDue },
    { account: ACCOUNTS.fees, amount: loan.feesDue },
  ];
  const total = parts.reduce((s, p) => s + p.amount, 0);
  if (total > 0) {
    await postJournal(tx, {
      businessDate,
      kind: expense === ACCOUNTS.writeOff ? 'charge-off' : 'relief',
      loanId: loan.id,
      productCode: loan.productCode,
      currency: loan.currency,
      description,
      lines: [
        { account: expense, amount: total },
        ...parts.map((p) => ({ account: p.account, amount: -p.amount })),
      ],
    });
  }
  return {
    principal: 0,
    principalDue: 0,
    interestDue: 0,
    interestAccrued: 0,
    interestAccruedNum: '0',
    penaltyDue: 0,
    feesDue: 0,
    chargedOffAmount: loan.chargedOffAmount + total,
  };
}

// ---- ledger reports ----------------------------------------------------------------------

export async function trialBalance(deps: Deps) {
  const rows = await repo.trialBalance(deps.database.db);
  const byCurrency = new Map<string, { debit: bigint; credit: bigint }>();
  for (const r of rows) {
    const t = byCurrency.get(r.currency) ?? { debit: 0n, credit: 0n };
    t.debit += BigInt(r.debit);
    t.credit += BigInt(r.credit);
    byCurrency.set(r.currency, t);
  }
  return {
    accounts: rows.map((r) => ({
      account: r.account_code,
      type: r.type,
      name: { en: r.name_en, 'zh-CN': r.name_zh },
      currency: r.currency,
      debit: money(Number(r.debit), r.currency),
      credit: money(Number(r.credit), r.currency),
      balance: money(Number(r.balance), r.currency),
    })),
    totals: [...byCurrency].map(([currency, t]) => ({
      currency,
      debit: money(Number(t.debit), currency),
      credit: money(Number(t.credit), currency),
      balanced: t.debit === t.credit,
    })),
  };
}

export interface ReconciliationReport {
  ok: boolean;
  loansChecked: number;
  mismatches: { loanId: string; loanNumber: string; field: string; loan: string; ledger: string }[];
  controls: {
    productCode: string;
    currency: string;
    account: string;
    ledger: string;
    subLedger: string;
    ok: boolean;
  }[];
}

/** Prove each loan's balances equal its ledger, and the accrual control accounts equal the loans' accruals. */
export async function reconcile(deps: Deps, loanId?: string): Promise<ReconciliationReport> {
  const db = deps.database.db;
  const rows = await repo.loanLedgerBalances(db, loanId);
  const mismatches: ReconciliationReport['mismatches'] = [];
  for (const r of rows) {
    const pairs: [string, number, string][] = [
      ['principal', r.principal, r.gl_principal],
      ['interestDue', r.interest_due, r.gl_interest_due],
      ['penaltyDue', r.penalty_due, r.gl_penalty],
      ['feesDue', r.fees_due, r.gl_fees],
      ['creditBalance', r.credit_balance, r.gl_credit],
    ];
    for (const [field, own, gl] of pairs) {
      if (BigInt(own) !== BigInt(gl))
        mismatches.push({
          loanId: r.id,
          loanNumber: r.loan_number,
          field,
          loan: money(Number(own), r.currency),
          ledger: money(Number(gl), r.currency),
        });
    }
  }
  const controls = loanId
    ? []
    : (await repo.controlAccountBalances(db)).flatMap((c) => [
        {
          productCode: c.product_code,
          currency: c.currency,
          account: ACCOUNTS.interestAccrued,
          ledger: money(Number(c.gl_accrued), c.currency),
          subLedger: money(Number(c.loans_accrued), c.currency),
          ok: c.gl_accrued === c.loans_accrued,
        },
        {
          productCode: c.product_code,
          currency: c.currency,
          account: ACCOUNTS.subsidy,
          ledger: money(Number(c.gl_subsidy), c.currency),
          subLedger: money(Number(c.loans_subsidy), c.currency),
          ok: c.gl_subsidy === c.loans_subsidy,
        },
      ]);
  return {
    ok: mismatches.length === 0 && controls.every((c) => c.ok),
    loansChecked: rows.length,
    mismatches,
    controls,
  };
}

export { toIsoDate };
