// Interest rates are exact decimals. A rate arrives as a string ("0.0435" = 4.35 % a year)
// and is kept as a reduced fraction of safe integers so hot loops can multiply with it
// without floats.
import { MoneyError } from './currency.ts';

/** An exact annual (or periodic) rate: num / den, den > 0, reduced. */
export interface Rate {
  readonly num: number;
  readonly den: number;
}

/** Rates with more places than this are refused: 10 places is 0.00000001 %, and the
 *  bound keeps rate × day-count denominators inside safe integers. */
export const MAX_RATE_DECIMALS = 10;

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

export function rate(num: number, den: number): Rate {
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || den <= 0)
    throw new MoneyError(`invalid rate ${num}/${den}`);
  const g = gcd(num, den) || 1;
  return { num: num / g, den: den / g };
}

/** Parse "0.08" (a fraction, not a percentage) into an exact rate. */
export function parseRate(text: string): Rate {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) throw new MoneyError(`'${text}' is not a decimal rate (e.g. "0.0435" for 4.35 %)`);
  const frac = m[3] ?? '';
  if (frac.length > MAX_RATE_DECIMALS)
    throw new MoneyError(`'${text}' has more than ${MAX_RATE_DECIMALS} decimal places`);
  const num = Number(m[2]! + frac) * (m[1] ? -1 : 1);
  return rate(num, 10 ** frac.length);
}

/** Rate as a decimal string with up to `MAX_RATE_DECIMALS` places, trailing zeros cut. */
export function formatRate(r: Rate): string {
  // den divides a power of ten only when the rate came from a decimal; otherwise round.
  const scale = 10 ** MAX_RATE_DECIMALS;
  const big = (BigInt(r.num) * BigInt(scale)) / BigInt(r.den);
  const neg = big < 0n;
  const s = (neg ? -big : big).toString().padStart(MAX_RATE_DECIMALS + 1, '0');
  let out = `${s.slice(0, s.length - MAX_RATE_DECIMALS)}.${s.slice(s.length - MAX_RATE_DECIMALS)}`.replace(
    /\.?0+$/,
    '',
  );
  if (neg) out = `-${out}`;
  return out;
}

/** Basis points to a rate: 60 bp → 60/10000. */
export const basisPoints = (bp: number): Rate => rate(bp, 10000);
export const addRates = (a: Rate, b: Rate): Rate => rate(a.num * b.den + b.num * a.den, a.den * b.den);
