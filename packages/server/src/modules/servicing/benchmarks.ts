// Benchmark rates (China's 5-year LPR) as the servicing reads them: the lender's recorded values
// over core's held history, and a product's contract rate on a day.
import {
  addRates,
  basisPoints,
  formatRate,
  lpr5yWith,
  parseRate,
  rate,
  type ProductTemplate,
  type Rate,
} from '@bursar/core';
import type { Executor } from '../../db/database.ts';
import { benchmarkRatesOf, rateChangesOf } from './plans.repository.ts';

/** The benchmark in force on a day, and the day it was published from. */
export async function benchmarkOn(
  db: Executor,
  benchmark: string,
  on: string,
): Promise<{ rate: Rate; from: string }> {
  const recorded = (await benchmarkRatesOf(db, benchmark)).map((r) => ({
    from: r.effectiveFrom,
    rate: r.rate,
  }));
  return lpr5yWith(recorded, on);
}

/** A product's contract rate on a day: fixed, or benchmark + spread. */
export async function contractRateOn(db: Executor, p: ProductTemplate, on: string): Promise<Rate> {
  if (p.rate.kind === 'fixed') return parseRate(p.rate.annualRate);
  return addRates((await benchmarkOn(db, p.rate.benchmark, on)).rate, basisPoints(p.rate.spreadBp));
}

/** A loan's contract-rate changes, for its history. */
export async function rateHistory(db: Executor, loanId: string) {
  return (await rateChangesOf(db, loanId)).map((c) => ({
    businessDate: c.businessDate,
    benchmark: c.benchmark,
    benchmarkRate: c.benchmarkRate,
    spreadBp: c.spreadBp,
    oldRate: formatRate(rate(c.oldRateNum, c.oldRateDen)),
    newRate: formatRate(rate(c.newRateNum, c.newRateDen)),
    reason: c.reason,
  }));
}
