// Floating-rate loans (China's LPR + spread): the benchmark series as data (recorded by staff on
// top of core's held history), the contract rate on a day, and the close-of-business repricing
// step. The rate change is set-based SQL; annuity loans then get their level payment recomputed
// by the loan engine (few loans a day, like phase moves).
import {
  addRates,
  basisPoints,
  formatRate,
  isValidIsoDate,
  LPR_5Y_HISTORY,
  MoneyError,
  parseRate,
  rate,
  rescaleRate,
  type Rate,
} from '@bursar/core';
import type { ActorContext, Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { recordAudit } from '../audit/index.ts';
import { benchmarkOn } from './benchmarks.ts';
import { rebuildSchedule } from './loans.service.ts';
import * as plans from './plans.repository.ts';
import * as repo from './servicing.repository.ts';
import type { MoveContext } from './transitions.ts';

export const BENCHMARKS = ['CN-LPR-5Y'] as const;
export type Benchmark = (typeof BENCHMARKS)[number];

export interface RecordRateInput {
  benchmark: Benchmark;
  effectiveFrom: string;
  rate: string;
  source?: string | undefined;
}

/** Record a published benchmark value (a correction of the same day replaces it), audited. */
export async function recordBenchmarkRate(deps: Deps, ctx: ActorContext, input: RecordRateInput) {
  if (!isValidIsoDate(input.effectiveFrom))
    throw Problem.badRequest('effectiveFrom', 'must be a date YYYY-MM-DD');
  let r: Rate;
  try {
    r = parseRate(input.rate);
  } catch (e) {
    throw Problem.badRequest('rate', e instanceof MoneyError ? e.message : 'not a rate');
  }
  if (r.num <= 0 || r.num >= r.den)
    throw Problem.badRequest('rate', 'must be between 0 and 1 (0.035 for 3.5 %)');
  const now = deps.now();
  return deps.database.db.transaction(async (tx) => {
    const before = (await plans.benchmarkRatesOf(tx, input.benchmark)).find(
      (x) => x.effectiveFrom === input.effectiveFrom,
    );
    const row = await plans.upsertBenchmarkRate(tx, {
      benchmark: input.benchmark,
      effectiveFrom: input.effectiveFrom,
      rate: formatRate(r),
      source: input.source ?? null,
      recordedBy: ctx.actorId,
      createdAt: now,
    });
    await recordAudit(tx, ctx, now, {
      action: 'benchmark_rate.recorded',
      entityType: 'benchmark_rate',
      entityId: `${input.benchmark}@${input.effectiveFrom}`,
      before: before ? { rate: before.rate } : null,
      after: { rate: row.rate, source: row.source },
    });
    return benchmarkView(row);
  });
}

function benchmarkView(r: plans.BenchmarkRateRow) {
  return {
    benchmark: r.benchmark,
    effectiveFrom: r.effectiveFrom,
    rate: r.rate,
    source: r.source,
    recorded: true,
    createdAt: r.createdAt.toISOString(),
  };
}

/** The series as the servicing uses it: held history and recorded values, newest first. */
export async function listBenchmarkRates(deps: Deps, benchmark: Benchmark) {
  const recorded = await plans.benchmarkRatesOf(deps.database.db, benchmark);
  const byDay = new Map<string, ReturnType<typeof benchmarkView>>();
  for (const h of LPR_5Y_HISTORY)
    byDay.set(h.from, {
      benchmark,
      effectiveFrom: h.from,
      rate: formatRate(parseRate(h.rate)),
      source: 'held history (PBOC / NIFC)',
      recorded: false,
      createdAt: '',
    });
  for (const r of recorded) byDay.set(r.effectiveFrom, benchmarkView(r));
  return [...byDay.values()].sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : -1));
}

/** Close-of-business step: reprice every floating loan whose repricing day has come. */
export async function repricingStep(m: MoveContext): Promise<{ repriced: number }> {
  const groups = await plans.repricingGroups(m.tx, m.businessDate);
  const rows: plans.RepriceRow[] = [];
  for (const g of groups) {
    const bench = await benchmarkOn(m.tx, g.benchmark, g.on);
    const next = rescaleRate(Number(g.rate_den), addRates(bench.rate, basisPoints(g.spread_bp)));
    rows.push({
      benchmark: g.benchmark,
      spreadBp: g.spread_bp,
      oldDen: Number(g.rate_den),
      on: g.on,
      newNum: next.num,
      newDen: next.den,
      factor: next.factor,
      benchmarkRate: formatRate(bench.rate),
    });
  }
  const { repriced, annuityIds } = await plans.repriceLoans(m.tx, m.businessDate, rows);
  for (const id of annuityIds) {
    const loan = (await repo.lockLoan(m.tx, id))!;
    if (loan.nextDueDate) await rebuildSchedule(m, loan, 'repricing');
  }
  if (repriced > 0)
    await recordAudit(m.tx, m.ctx, m.now, {
      action: 'loans.repriced',
      entityType: 'business_date',
      entityId: m.businessDate,
      after: {
        loans: repriced,
        rates: rows.map((r) => ({
          benchmark: r.benchmark,
          benchmarkRate: r.benchmarkRate,
          spreadBp: r.spreadBp,
          newRate: formatRate(rate(r.newNum, r.newDen)),
        })),
      },
    });
  return { repriced };
}
