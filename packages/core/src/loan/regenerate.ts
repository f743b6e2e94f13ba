// Regeneration from a point: after a prepayment, a rate change or a restructure the
// instalments already due stay as they were and the rest is generated again from the
// balance then outstanding. Two choices a lender offers after a prepayment: keep the
// term (the payment falls) or keep the payment (the loan ends sooner).
import { MoneyError, type MinorUnits, type Rate } from '../money/index.ts';
import { addMonths, civilFromDays } from '../dates/index.ts';
import {
  generateSchedule,
  generateScheduleWithCarriedInterest,
  ScheduleError,
  type Installment,
  type Schedule,
  type ScheduleTerms,
} from './schedule.ts';
import { MONTHS_PER_PERIOD } from './frequency.ts';

export interface Regeneration {
  /** Instalments 1..afterInstallment are kept as generated (already due or paid). */
  afterInstallment: number;
  /** Extra principal paid on that instalment's due date. */
  prepayment?: MinorUnits;
  /** New annual rate from that date (repricing, e.g. a new LPR). */
  newAnnualRate?: Rate;
  /** Restructure: a new number of remaining instalments (展期). */
  remainingInstallments?: number;
  /** After a prepayment: keep the remaining term (lower payment, default) or the payment. */
  keep?: 'term' | 'payment';
}

export function regenerateSchedule(original: Schedule, terms: ScheduleTerms, change: Regeneration): Schedule {
  const k = change.afterInstallment;
  const n = original.installments.length;
  if (!Number.isSafeInteger(k) || k < 0 || k >= n)
    throw new ScheduleError(`afterInstallment must be between 0 and ${n - 1}`);
  const kept: Installment[] = original.installments.slice(0, k).map((i) => ({ ...i }));
  const last = kept[k - 1];
  let balance = last ? last.balance : terms.principal;
  const prepayment = change.prepayment ?? 0;
  if (prepayment < 0 || prepayment > balance)
    throw new MoneyError('prepayment must be between zero and the outstanding balance');
  balance -= prepayment;
  if (last) {
    last.principal += prepayment;
    last.payment += prepayment;
    last.balance = balance;
  }
  const remaining = change.remainingInstallments ?? n - k;
  let rest: Installment[] = [];
  if (balance > 0) {
    const anchorDay = terms.anchorDay ?? civilFromDays(original.installments[0]!.dueDay).day;
    const keepPayment =
      change.keep === 'payment' && terms.method === 'annuity' && change.newAnnualRate === undefined;
    const regenerated = generateSchedule({
      ...terms,
      principal: balance,
      annualRate: change.newAnnualRate ?? terms.annualRate,
      startDay: last ? last.dueDay : terms.startDay,
      firstDueDay: original.installments[k]!.dueDay,
      anchorDay,
      installments: remaining,
      ...(keepPayment ? { fixedPayment: original.payment } : {}),
    });
    rest = regenerated.installments;
    if (keepPayment) {
      // Keeping the payment repays sooner: drop the instalments after the balance hits zero.
      const end = rest.findIndex((i) => i.balance === 0);
      rest = rest.slice(0, end + 1);
    }
    rest = rest.map((i, j) => ({ ...i, n: k + j + 1 }));
  }
  const installments = [...kept, ...rest];
  const totalInterest = installments.reduce((s, i) => s + i.interest, 0);
  const totalPaid = installments.reduce((s, i) => s + i.payment, 0);
  // The regular payment from here on: what the borrower will be asked for next.
  const payment = rest[0]?.payment ?? original.payment;
  return { payment, installments, totalInterest, totalPaid };
}

/** Interest during a payment pause (deferment 延期 / forbearance): `subsidised` — a third
 *  party pays it (US Direct Subsidized in deferment); `capitalised` — added to principal
 *  when the pause ends; `accrued` — stays owed, not capitalised, and is paid first from
 *  the instalments after the pause. */
export type PauseInterest = 'subsidised' | 'capitalised' | 'accrued';

export interface PaymentPause {
  /** Instalments 1..afterInstallment are kept; the pause covers the next `periods` due dates. */
  afterInstallment: number;
  periods: number;
  interest: PauseInterest;
  /** `extend` (default): the remaining instalments all follow the pause, so the loan ends
   *  `periods` periods later; `keep-maturity`: the original last due date stays and the
   *  balance is repaid over the instalments left after the pause. */
  term?: 'extend' | 'keep-maturity';
}

export interface PausedSchedule extends Schedule {
  /** Interest that accrued during the pause (per period, rounded per period like any
   *  schedule interest) and who bears it. */
  pauseInterest: MinorUnits;
  pauseTreatment: PauseInterest;
  /** Paused instalments are in `installments` with payment 0; their numbers. */
  pausedInstallments: number[];
}

/** Regenerate a schedule after a payment pause of N periods. Deterministic; the principal
 *  repaid still sums to the amount lent (plus any capitalised interest). */
export function regenerateAfterPause(
  original: Schedule,
  terms: ScheduleTerms,
  pause: PaymentPause,
): PausedSchedule {
  const k = pause.afterInstallment;
  const n = original.installments.length;
  if (!Number.isSafeInteger(k) || k < 0 || k >= n)
    throw new ScheduleError(`afterInstallment must be between 0 and ${n - 1}`);
  if (!Number.isSafeInteger(pause.periods) || pause.periods < 1)
    throw new ScheduleError('a pause lasts at least one period');
  const keepMaturity = pause.term === 'keep-maturity';
  const remainingAfter = keepMaturity ? n - k - pause.periods : n - k;
  if (remainingAfter < 1)
    throw new ScheduleError(
      'keeping the maturity leaves no instalment after the pause; extend the term instead',
    );

  const kept: Installment[] = original.installments.slice(0, k).map((i) => ({ ...i }));
  const balance = kept.at(-1)?.balance ?? terms.principal;
  const anchorDay = terms.anchorDay ?? civilFromDays(original.installments[0]!.dueDay).day;
  const startDay = kept.at(-1)?.contractualDueDay ?? kept.at(-1)?.dueDay ?? terms.startDay;
  const firstPausedDue = original.installments[k]!.contractualDueDay ?? original.installments[k]!.dueDay;

  // The pause's periods continue the schedule's own date sequence and day-count rules:
  // generate an interest-only run over them on the balance and read its interest.
  const pauseRun = generateSchedule({
    ...terms,
    principal: balance,
    startDay,
    firstDueDay: firstPausedDue,
    anchorDay,
    installments: pause.periods,
    method: 'interest-only',
    fixedPayment: undefined,
  });
  const pauseRows = pauseRun.installments;
  const pauseInterest = pauseRows.reduce((a, r) => a + r.interest, 0);
  const afterCap = pause.interest === 'capitalised' ? balance + pauseInterest : balance;
  const carried = pause.interest === 'accrued' ? pauseInterest : 0;
  const paused: Installment[] = pauseRows.map((r, j) => ({
    ...(r.contractualDueDay !== undefined ? { contractualDueDay: r.contractualDueDay } : {}),
    n: k + j + 1,
    dueDay: r.dueDay,
    principal: 0,
    interest: 0,
    payment: 0,
    balance: j === pauseRows.length - 1 ? afterCap + carried : balance,
  }));
  const lastPaused = pauseRows.at(-1)!;
  const restStart = lastPaused.contractualDueDay ?? lastPaused.dueDay;
  const { fixedPayment: _fp, ...rest } = terms;
  const restTerms: ScheduleTerms = {
    ...rest,
    principal: afterCap,
    startDay: restStart,
    firstDueDay: addMonths(restStart, MONTHS_PER_PERIOD[terms.frequency], anchorDay),
    anchorDay,
    installments: remainingAfter,
  };
  const after = generateScheduleWithCarriedInterest(restTerms, carried).installments.map((i, j) => ({
    ...i,
    n: k + pause.periods + j + 1,
  }));
  const installments = [...kept, ...paused, ...after];
  return {
    payment: after[0]!.payment,
    installments,
    totalInterest: installments.reduce((s, i) => s + i.interest, 0),
    totalPaid: installments.reduce((s, i) => s + i.payment, 0),
    pauseInterest,
    pauseTreatment: pause.interest,
    pausedInstallments: paused.map((p) => p.n),
  };
}
