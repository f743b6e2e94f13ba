// ISO 4217 currencies the lender books loans in. Minor digits come from the ISO 4217
// list maintained by SIX (https://www.six-group.com/en/products-services/financial-information/data-standards.html):
// JPY and KRW have no minor unit; the others here have two.

export interface Currency {
  /** ISO 4217 alphabetic code. */
  readonly code: string;
  /** ISO 4217 numeric code, as regulators' files carry it. */
  readonly numeric: string;
  /** Digits after the decimal point: 2 for cents/fen/pence, 0 for yen. */
  readonly minorDigits: number;
  readonly name: string;
}

export const CURRENCIES = {
  CNY: { code: 'CNY', numeric: '156', minorDigits: 2, name: 'Chinese yuan renminbi' },
  USD: { code: 'USD', numeric: '840', minorDigits: 2, name: 'US dollar' },
  GBP: { code: 'GBP', numeric: '826', minorDigits: 2, name: 'Pound sterling' },
  EUR: { code: 'EUR', numeric: '978', minorDigits: 2, name: 'Euro' },
  HKD: { code: 'HKD', numeric: '344', minorDigits: 2, name: 'Hong Kong dollar' },
  JPY: { code: 'JPY', numeric: '392', minorDigits: 0, name: 'Japanese yen' },
  MOP: { code: 'MOP', numeric: '446', minorDigits: 2, name: 'Macanese pataca' },
  SGD: { code: 'SGD', numeric: '702', minorDigits: 2, name: 'Singapore dollar' },
  KRW: { code: 'KRW', numeric: '410', minorDigits: 0, name: 'South Korean won' },
} as const satisfies Record<string, Currency>;

export type CurrencyCode = keyof typeof CURRENCIES;
export const CURRENCY_CODES = Object.keys(CURRENCIES) as CurrencyCode[];

export function isCurrencyCode(code: string): code is CurrencyCode {
  return Object.hasOwn(CURRENCIES, code);
}

export function currencyOf(code: string): Currency {
  if (!isCurrencyCode(code))
    throw new MoneyError(`Unknown currency '${code}'; known: ${CURRENCY_CODES.join(', ')}`);
  return CURRENCIES[code];
}

/** A typed domain error so callers can map bad money input to a 400 rather than a 500. */
export class MoneyError extends Error {
  override readonly name = 'MoneyError';
}
