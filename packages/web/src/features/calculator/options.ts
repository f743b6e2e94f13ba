import type { DayCount, FilingStatus, Frequency, Method, Region, Rounding } from '../../api/types.ts';

// The currencies the engine books (packages/core/src/money/currency.ts) and their minor digits.
export const CURRENCY_DIGITS = { CNY: 2, USD: 2, GBP: 2, EUR: 2, HKD: 2, JPY: 0, MOP: 2, SGD: 2, KRW: 0 } as const;
export type CurrencyCode = keyof typeof CURRENCY_DIGITS;
export const CURRENCIES = Object.keys(CURRENCY_DIGITS) as CurrencyCode[];
export const MAX_INSTALLMENTS = 1200;
export const FREQUENCIES: readonly Frequency[] = ['monthly', 'quarterly', 'semi-annual', 'annual'];
export const METHODS: readonly Method[] = ['annuity', 'equal-principal', 'interest-only'];
export const DAY_COUNTS: readonly DayCount[] = ['30/360', 'ACT/365', 'ACT/365.25', 'ACT/360', 'ACT/ACT'];
export const ROUNDINGS: readonly Rounding[] = ['half-up', 'half-even'];
export const REGIONS: readonly Region[] = ['48', 'AK', 'HI'];
export const FILING_STATUSES: readonly FilingStatus[] = ['single', 'married-joint', 'married-separate'];

/** i18n keys may not contain dots or slashes, day-count names do. */
export const DAY_COUNT_KEYS: Record<DayCount, string> = {
  '30/360': 'thirty360',
  'ACT/365': 'act365',
  'ACT/365.25': 'act36525',
  'ACT/360': 'act360',
  'ACT/ACT': 'actAct',
};
