// Regeneration from a point: after a prepayment, a rate change or a restructure the
// instalments already due stay as they were and the rest is generated again from the
// balance then outstanding. Two choices a lender offers after a prepayment: keep the
// term (the payment falls) or keep the payment (the loan ends sooner).
import { MoneyError, type MinorUnits, type Rate } from '../money/index.ts';
import { civilFromDays } from '../dates/index.ts';
import { generateSchedule, ScheduleError, type Installment, type Schedule, type ScheduleTerms } from './schedule.ts';

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
  if (!Number.isSafeInteger(k) || k < 0 || k >= n) throw new ScheduleError(`afterInstallment must be between 0 and ${n - 1}`);
  const kept: Installment[] = original.installments.slice(0, k).map((i) => ({ ...i }));
  const last = kept[k - 1];
  let balance = last ? last.balance : terms.principal;
  const prepayment = change.prepayment ?? 0;
  if (prepayment < 0 || prepayment > balance) throw new MoneyError('prepayment must be between zero and the outstanding balance');
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
    const keepPayment = change.keep === 'payment' && terms.method === 'annuity' && change.newAnnualRate === undefined;
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
