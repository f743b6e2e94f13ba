export const FREQUENCIES = ['monthly', 'quarterly', 'semi-annual', 'annual'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** Calendar months in one period. */
export const MONTHS_PER_PERIOD: Record<Frequency, number> = {
  monthly: 1,
  quarterly: 3,
  'semi-annual': 6,
  annual: 12,
};
/** Periods in one year: the divisor of a nominal annual rate. */
export const PERIODS_PER_YEAR: Record<Frequency, number> = {
  monthly: 12,
  quarterly: 4,
  'semi-annual': 2,
  annual: 1,
};
