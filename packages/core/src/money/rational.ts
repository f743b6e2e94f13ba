// Exact rationals over bigint, for the places where sums of interest over several
// balances and day-count fractions must stay exact before the single rounding.
import { divideRoundedBig, type RoundingMode } from './rounding.ts';

export interface Rational {
  readonly num: bigint;
  readonly den: bigint; // always > 0
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
}

export function ratio(num: bigint | number, den: bigint | number = 1n): Rational {
  let n = BigInt(num);
  let d = BigInt(den);
  if (d === 0n) throw new RangeError('zero denominator');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return g > 1n ? { num: n / g, den: d / g } : { num: n, den: d };
}

export const ZERO: Rational = { num: 0n, den: 1n };
export const ONE: Rational = { num: 1n, den: 1n };

export const add = (a: Rational, b: Rational): Rational =>
  ratio(a.num * b.den + b.num * a.den, a.den * b.den);
export const sub = (a: Rational, b: Rational): Rational =>
  ratio(a.num * b.den - b.num * a.den, a.den * b.den);
export const mul = (a: Rational, b: Rational): Rational => ratio(a.num * b.num, a.den * b.den);
export const div = (a: Rational, b: Rational): Rational => ratio(a.num * b.den, a.den * b.num);
export const compare = (a: Rational, b: Rational): number => {
  const d = a.num * b.den - b.num * a.den;
  return d > 0n ? 1 : d < 0n ? -1 : 0;
};
export const minR = (a: Rational, b: Rational): Rational => (compare(a, b) <= 0 ? a : b);
export const maxR = (a: Rational, b: Rational): Rational => (compare(a, b) >= 0 ? a : b);

/** Round to an integer with the product's rule. */
export function roundRational(r: Rational, mode: RoundingMode): bigint {
  return divideRoundedBig(r.num, r.den, mode);
}

/** Parse a plain decimal string ("0.0435", "-12.5", "3") into an exact rational. */
export function parseDecimalRational(text: string): Rational {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) throw new RangeError(`'${text}' is not a decimal number`);
  const frac = m[3] ?? '';
  const units = BigInt(m[2]! + frac);
  return ratio(m[1] ? -units : units, 10n ** BigInt(frac.length));
}

/** Decimal string of a rational rounded to `digits` places (for display of rates). */
export function formatRational(r: Rational, digits: number, mode: RoundingMode = 'half-even'): string {
  const scaled = divideRoundedBig(r.num * 10n ** BigInt(digits), r.den, mode);
  const neg = scaled < 0n;
  const s = (neg ? -scaled : scaled).toString().padStart(digits + 1, '0');
  const body = digits === 0 ? s : `${s.slice(0, s.length - digits)}.${s.slice(s.length - digits)}`;
  return neg ? `-${body}` : body;
}
