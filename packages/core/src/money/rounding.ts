// Exact integer division with an explicit rounding mode. Every rounding of money in the
// engine goes through here, so a product's rounding rule is applied in exactly one way.
//
// Two flavours: `number` for the hot loops (safe integers only; V8 runs them an order of
// magnitude faster than BigInt) and `bigint` for anything that may be larger.

/** How a product rounds. `half-up` rounds halves away from zero (the commercial rule);
 *  `half-even` rounds halves to the even neighbour (banker's rounding). `floor` and
 *  `ceiling` exist for rules that say "round down to the pound" and the like. */
export type RoundingMode = 'half-up' | 'half-even' | 'floor' | 'ceiling';
export const PRODUCT_ROUNDING_MODES = ['half-up', 'half-even'] as const;
export type ProductRoundingMode = (typeof PRODUCT_ROUNDING_MODES)[number];

/** round(num / den) for safe integers, den > 0. Exact: the float quotient is only a guess
 *  that is corrected with the integer remainder. */
export function divideRounded(num: number, den: number, mode: RoundingMode): number {
  let q = Math.floor(num / den);
  let r = num - q * den;
  // The float quotient can be one off when it is near 2^53; the remainder tells us.
  while (r < 0) {
    q -= 1;
    r += den;
  }
  while (r >= den) {
    q += 1;
    r -= den;
  }
  if (r === 0) return q;
  // Compare r with den - r instead of 2r with den so nothing can overflow.
  const rest = den - r;
  switch (mode) {
    case 'floor':
      return q;
    case 'ceiling':
      return q + 1;
    case 'half-up':
      if (r !== rest) return r > rest ? q + 1 : q;
      return num >= 0 ? q + 1 : q; // a half goes away from zero; q is already the floor
    case 'half-even':
      if (r !== rest) return r > rest ? q + 1 : q;
      return q % 2 === 0 ? q : q + 1;
  }
}

/** round(num / den) for bigints, den > 0n. */
export function divideRoundedBig(num: bigint, den: bigint, mode: RoundingMode): bigint {
  if (den <= 0n) throw new RangeError('denominator must be positive');
  let q = num / den; // truncates toward zero
  let r = num % den;
  if (r < 0n) {
    q -= 1n;
    r += den;
  }
  if (r === 0n) return q;
  const rest = den - r;
  switch (mode) {
    case 'floor':
      return q;
    case 'ceiling':
      return q + 1n;
    case 'half-up':
      if (r !== rest) return r > rest ? q + 1n : q;
      return num >= 0n ? q + 1n : q;
    case 'half-even':
      if (r !== rest) return r > rest ? q + 1n : q;
      return q % 2n === 0n ? q : q + 1n;
  }
}

/** True when num / den lies exactly half-way between two integers: the only case in
 *  which half-up and half-even can disagree. */
export function isExactHalf(num: bigint, den: bigint): boolean {
  const r = ((num % den) + den) % den;
  return r * 2n === den;
}

/** round(a × b / c) for safe integers a, b and c > 0, exact whatever the size of a × b:
 *  the product stays in doubles when it is a safe integer, otherwise it moves to BigInt. */
export function mulDivRounded(a: number, b: number, c: number, mode: RoundingMode): number {
  const p = a * b;
  if (p <= Number.MAX_SAFE_INTEGER && p >= -Number.MAX_SAFE_INTEGER) return divideRounded(p, c, mode);
  return Number(divideRoundedBig(BigInt(a) * BigInt(b), BigInt(c), mode));
}
