// How a payment is applied: to a loan's amounts due in the product's order, and across a
// borrower's loans by the split rule (amounts due, oldest first; then any excess to the
// highest rate) unless the borrower directs otherwise.
import type { MinorUnits } from '../money/index.ts';

export const DUE_COMPONENTS = ['penalty', 'fees', 'interest', 'principal'] as const;
export type DueComponent = (typeof DUE_COMPONENTS)[number];
export const DEFAULT_ALLOCATION_ORDER: readonly DueComponent[] = DUE_COMPONENTS;

export type Dues = Record<DueComponent, MinorUnits>;

export function validateAllocationOrder(order: readonly string[]): order is DueComponent[] {
  return order.length === DUE_COMPONENTS.length && DUE_COMPONENTS.every((c) => order.includes(c));
}

/** Apply `amount` to what is due in `order`; never more than each holds. */
export function allocateToDues(
  amount: MinorUnits,
  dues: Dues,
  order: readonly DueComponent[] = DEFAULT_ALLOCATION_ORDER,
): { applied: Dues; left: MinorUnits } {
  if (!Number.isSafeInteger(amount) || amount < 0)
    throw new RangeError('amount must be a non-negative whole number of minor units');
  const applied: Dues = { penalty: 0, fees: 0, interest: 0, principal: 0 };
  let left = amount;
  for (const c of order) {
    const take = Math.max(0, Math.min(dues[c], left));
    applied[c] = take;
    left -= take;
  }
  return { applied, left };
}

export interface SplitCandidate {
  loanId: string;
  /** Everything due now (penalty + fees + interest + principal billed). */
  due: MinorUnits;
  /** Oldest unpaid due day (epoch day), or null when nothing is due. */
  oldestDueDay: number | null;
  /** Annual rate as a comparable number (only ordering matters). */
  rate: number;
  /** The most the loan can take beyond its dues before it is paid off. */
  payoffBeyondDue: MinorUnits;
}

/**
 * Split a borrower's payment across loans: first each loan's amount due, oldest due first;
 * then the excess to the highest rate (ties: the larger balance, then id, so it is
 * deterministic). What no loan can take stays in `left` (a credit balance or a refund).
 */
export function splitAcrossLoans(
  amount: MinorUnits,
  loans: readonly SplitCandidate[],
): { parts: Map<string, MinorUnits>; left: MinorUnits } {
  if (!Number.isSafeInteger(amount) || amount <= 0)
    throw new RangeError('amount must be a positive whole number of minor units');
  const parts = new Map<string, MinorUnits>();
  let left = amount;
  const byAge = [...loans]
    .filter((l) => l.due > 0)
    .sort(
      (a, b) =>
        (a.oldestDueDay ?? Infinity) - (b.oldestDueDay ?? Infinity) || a.loanId.localeCompare(b.loanId),
    );
  for (const l of byAge) {
    const take = Math.min(l.due, left);
    if (take > 0) parts.set(l.loanId, (parts.get(l.loanId) ?? 0) + take);
    left -= take;
  }
  const byRate = [...loans].sort(
    (a, b) => b.rate - a.rate || b.payoffBeyondDue - a.payoffBeyondDue || a.loanId.localeCompare(b.loanId),
  );
  for (const l of byRate) {
    if (left === 0) break;
    const take = Math.min(l.payoffBeyondDue, left);
    if (take > 0) parts.set(l.loanId, (parts.get(l.loanId) ?? 0) + take);
    left -= take;
  }
  return { parts, left };
}
