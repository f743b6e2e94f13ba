export * from './currency.ts';
export * from './rounding.ts';
export * from './amount.ts';
export * from './rate.ts';
export * from './allocation.ts';
export * as rational from './rational.ts';
export type { Rational } from './rational.ts';
