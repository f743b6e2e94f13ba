// Repricing a floating-rate loan without losing a fraction of accrued interest. The servicing
// sub-ledger keeps accrued interest as an exact numerator over rate_den × day units; a new rate
// with another denominator is written over the least common multiple, and the numerator is
// scaled by the same whole factor, so the interest already accrued is unchanged to the last unit.
import type { Rate } from '../money/index.ts';

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

export interface RescaledRate {
  num: number;
  den: number;
  /** Multiply the stored accrual numerators by this. */
  factor: number;
}

/** `next` written over a denominator that `oldDen` divides. */
export function rescaleRate(oldDen: number, next: Rate): RescaledRate {
  const den = (oldDen / gcd(oldDen, next.den)) * next.den;
  if (!Number.isSafeInteger(den)) throw new RangeError(`rate denominator ${den} is too large`);
  return { num: next.num * (den / next.den), den, factor: den / oldDen };
}

/** The first repricing day after `from` under the product's rule (1 January, or the anniversary of `anchor`). */
export function nextRepricingDay(
  rule: 'annual-1-january' | 'annual-anniversary',
  anchor: string,
  from: string,
): string {
  const year = Number(from.slice(0, 4));
  if (rule === 'annual-1-january') return `${year + 1}-01-01`;
  const md = anchor.slice(5);
  // 29 February anchors reprice on 28 February in common years.
  const on = (y: number) => {
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    return `${y}-${md === '02-29' && !leap ? '02-28' : md}`;
  };
  return on(year) > from ? on(year) : on(year + 1);
}
