// Money is an integer count of the currency's minor unit (cents, fen, pence; yen).
//
// Why `number` (safe integers) rather than `bigint`: schedule generation runs over a
// million loans every night and must stay within a third of a float loop's speed (see
// bench/schedule-generation.bench.ts); V8 does safe-integer arithmetic natively but
// allocates for every BigInt operation. Safe integers reach 9,007,199,254,740,991 minor
// units (90 trillion dollars), far beyond any student loan; every amount entering the
// engine is checked against that bound, and intermediate products that could pass it
// (balance × rate numerator) are detected and finished in BigInt (`mulDivRounded`).
// The database stores the same integers in `bigint` columns.
import { currencyOf, MoneyError, type Currency } from './currency.ts';
import { divideRoundedBig, type RoundingMode } from './rounding.ts';

/** An amount in minor units of some currency. A plain number so hot loops stay fast. */
export type MinorUnits = number;

export function assertSafeMinorUnits(value: number, what = 'amount'): MinorUnits {
  if (!Number.isSafeInteger(value))
    throw new MoneyError(`${what} must be a whole number of minor units within ±2^53, got ${value}`);
  return value;
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?$/;

/** Parse "15000.00" (major units, '.' as separator, no grouping) into minor units.
 *  More decimals than the currency has is an error, never a silent rounding. */
export function parseMoney(text: string, currency: string | Currency): MinorUnits {
  const cur = typeof currency === 'string' ? currencyOf(currency) : currency;
  const m = DECIMAL.exec(text.trim());
  if (!m)
    throw new MoneyError(
      `'${text}' is not a decimal amount (expected digits with an optional '.', e.g. "1234.56")`,
    );
  const frac = m[3] ?? '';
  if (frac.length > cur.minorDigits) {
    throw new MoneyError(
      `'${text}' has ${frac.length} decimal places; ${cur.code} allows at most ${cur.minorDigits}`,
    );
  }
  const digits = m[2]! + frac.padEnd(cur.minorDigits, '0');
  const big = BigInt(digits);
  if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw new MoneyError(`'${text}' is too large`);
  const v = Number(big);
  return m[1] === '-' ? -v : v;
}

/** Format minor units as a decimal string in major units with exactly the currency's
 *  minor digits: 30415 USD → "304.15", 0 → "0.00", 1200 JPY → "1200". */
export function formatMoney(minor: MinorUnits | bigint, currency: string | Currency): string {
  const cur = typeof currency === 'string' ? currencyOf(currency) : currency;
  const neg = minor < 0;
  const abs = (neg ? -BigInt(minor) : BigInt(minor)).toString();
  const d = cur.minorDigits;
  if (d === 0) return neg ? `-${abs}` : abs;
  const padded = abs.padStart(d + 1, '0');
  const body = `${padded.slice(0, padded.length - d)}.${padded.slice(padded.length - d)}`;
  return neg ? `-${body}` : body;
}

/** Convert an exact rational amount of *major* units (e.g. an annual income of
 *  "60000.50" times 10 %) to minor units with the given rounding. */
export function majorRationalToMinor(
  num: bigint,
  den: bigint,
  currency: string | Currency,
  mode: RoundingMode,
): MinorUnits {
  const cur = typeof currency === 'string' ? currencyOf(currency) : currency;
  return Number(divideRoundedBig(num * 10n ** BigInt(cur.minorDigits), den, mode));
}

/** The minor-unit factor of a currency: 100 for USD, 1 for JPY. */
export function minorFactor(currency: string | Currency): number {
  const cur = typeof currency === 'string' ? currencyOf(currency) : currency;
  return 10 ** cur.minorDigits;
}
