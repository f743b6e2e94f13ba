// Splitting an amount into parts that sum exactly to it: a payment across loans, a fee
// across disbursements, principal across instalments. Leftover minor units go where the
// exact share lost most to rounding (largest remainder), ties to the earliest part, so
// the result is deterministic and never off by a cent in total.
import { MoneyError } from './currency.ts';
import type { MinorUnits } from './amount.ts';

/** Split `total` in proportion to non-negative integer `weights`. */
export function allocateProportionally(total: MinorUnits, weights: readonly number[]): MinorUnits[] {
  if (weights.length === 0) throw new MoneyError('cannot allocate over no parts');
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0))
    throw new MoneyError('weights must be non-negative integers');
  const sumW = weights.reduce((a, b) => a + b, 0);
  if (sumW === 0) throw new MoneyError('weights sum to zero');
  const sign = total < 0 ? -1n : 1n;
  const T = BigInt(Math.abs(total));
  const W = BigInt(sumW);
  const parts = weights.map((w) => (T * BigInt(w)) / W);
  const rems = weights.map((w, i) => ({ i, r: (T * BigInt(w)) % W }));
  let left = T - parts.reduce((a, b) => a + b, 0n);
  rems.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (let k = 0; left > 0n; k++, left--) parts[rems[k]!.i]! += 1n;
  return parts.map((p) => Number(p * sign));
}

/** Split `total` into `n` parts differing by at most one minor unit, larger parts first. */
export function splitEvenly(total: MinorUnits, n: number): MinorUnits[] {
  if (!Number.isSafeInteger(n) || n <= 0) throw new MoneyError('number of parts must be a positive integer');
  return allocateProportionally(total, new Array<number>(n).fill(1));
}

/** Apply a payment to buckets in order of priority (e.g. fees, then interest, then
 *  principal), never more than each bucket holds. Returns what each took and what is left. */
export function allocateByPriority(
  payment: MinorUnits,
  owed: readonly MinorUnits[],
): { applied: MinorUnits[]; left: MinorUnits } {
  let left = payment;
  const applied = owed.map((o) => {
    const take = Math.max(0, Math.min(o, left));
    left -= take;
    return take;
  });
  return { applied, left };
}
