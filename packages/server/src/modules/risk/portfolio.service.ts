// Portfolio risk analytics: PAR, buckets, roll rates, vintages, cohort default rates, expected
// credit loss (IFRS 9, CECL, 五级分类), concentration and stress tests. The maths is in
// core/risk; this file feeds it from the book and the month-end snapshots, one currency at a time
// (amounts of different currencies are never added up).
import {
  addDays,
  bucketDistribution,
  cohortDefaultRates,
  compareProvisions,
  concentration,
  DEFAULT_BUCKETS,
  DEFAULT_ECL_CONFIG,
  DEFAULT_STRESS_ELASTICITY,
  monthsOnBook,
  portfolioAtRisk,
  rollRateMatrix,
  rollStatus,
  rollStatuses,
  stressedConfig,
  vintageCurves,
  type BookLine,
  type EclConfig,
  type EclExposure,
  type StressElasticity,
  type StressScenario,
} from '@bursar/core';
import { eq } from 'drizzle-orm';
import type { ActorContext, Deps } from '../../deps.ts';
import { recordAudit } from '../audit/index.ts';
import { validationProblem } from '../../http/problem.ts';
import { openBusinessDate } from '../servicing/index.ts';
import * as repo from './portfolio.repository.ts';
import { riskPortfolioSettings } from './portfolio.tables.ts';

export interface PortfolioSettings {
  ecl: EclConfig;
  stress: StressElasticity;
}

export const DEFAULT_PORTFOLIO_SETTINGS: PortfolioSettings = {
  ecl: DEFAULT_ECL_CONFIG,
  stress: DEFAULT_STRESS_ELASTICITY,
};

export async function portfolioSettings(deps: Deps): Promise<PortfolioSettings> {
  const [row] = await deps.database.db
    .select()
    .from(riskPortfolioSettings)
    .where(eq(riskPortfolioSettings.id, 1));
  return (row?.settings as PortfolioSettings | undefined) ?? DEFAULT_PORTFOLIO_SETTINGS;
}

export async function updatePortfolioSettings(
  deps: Deps,
  ctx: ActorContext,
  settings: PortfolioSettings,
): Promise<PortfolioSettings> {
  // Every bucket a loan can be in needs a PD, or provisions cannot be computed.
  const inBook = await deps.database.query<{ bucket: string }>('select distinct bucket from loans');
  const needed = new Set([...DEFAULT_BUCKETS.map((b) => b.code), ...inBook.map((r) => r.bucket)]);
  const missing = [...needed].filter((b) => settings.ecl.pd12ByBucket[b] === undefined);
  if (missing.length > 0)
    throw validationProblem(
      missing.map((b) => ({
        field: `ecl.pd12ByBucket.${b}`,
        message: 'a 12-month PD is needed for this bucket',
      })),
    );
  const before = await portfolioSettings(deps);
  const now = deps.now();
  await deps.database.db.transaction(async (tx) => {
    await tx
      .insert(riskPortfolioSettings)
      .values({ id: 1, settings, updatedBy: ctx.actorId, updatedAt: now })
      .onConflictDoUpdate({
        target: riskPortfolioSettings.id,
        set: { settings, updatedBy: ctx.actorId, updatedAt: now },
      });
    await recordAudit(tx, ctx, now, {
      action: 'risk.portfolio_settings.updated',
      entityType: 'risk_portfolio_settings',
      entityId: '1',
      before,
      after: settings,
    });
  });
  return settings;
}

/** The last day of the month `d` falls in. */
function monthEndOf(d: string): string {
  const [y, m] = [Number(d.slice(0, 4)), Number(d.slice(5, 7))];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return addDays(next, -1);
}

/** Snapshots are kept at most this far back when backfilling. */
const BACKFILL_MONTHS = 36;

/**
 * Capture every month end that is fully closed (the open business date is past it) and has no
 * snapshot yet. Run after close of business, the latest month end is captured straight away
 * ('close'); months found missing later are rebuilt from history ('backfill'). Idempotent.
 */
export async function captureMonthEnds(deps: Deps): Promise<{ captured: string[]; rows: number }> {
  const db = deps.database.db;
  const first = await repo.firstBookDate(db);
  if (!first) return { captured: [], rows: 0 };
  const open = await openBusinessDate(deps);
  const have = new Set(await repo.snapshotMonths(db));
  const latest = monthEndOf(addDays(open.slice(0, 8) + '01', -1));
  const months: string[] = [];
  for (
    let m = latest;
    m >= monthEndOf(first) && months.length < BACKFILL_MONTHS;
    m = addDays(m.slice(0, 8) + '01', -1)
  ) {
    if (!have.has(m)) months.push(m);
  }
  let rows = 0;
  for (const m of months.reverse()) {
    // Within a week of the month end nothing much has happened since: it counts as the month's close.
    const source = m === latest && open <= addDays(m, 7) ? 'close' : 'backfill';
    rows += await deps.database.db.transaction((tx) => repo.captureMonthEnd(tx, m, source));
  }
  return { captured: months, rows };
}

async function currencyOf(
  deps: Deps,
  requested?: string,
): Promise<{ currency: string; currencies: string[] }> {
  const list = await repo.bookCurrencies(deps.database.db);
  const currencies = list.map((c) => c.currency);
  return { currency: requested ?? currencies[0] ?? 'CNY', currencies };
}

const yearsLeft = (r: repo.BookRow, asOf: string): number => {
  const phaseMonths = r.phaseEnd && r.phaseEnd > asOf ? monthsOnBook(asOf, r.phaseEnd) : 0;
  return (r.remainingInstalments * r.frequencyMonths + phaseMonths) / 12;
};

function exposures(book: repo.BookRow[], asOf: string): EclExposure[] {
  return book.map((r) => ({
    ead: r.owed,
    daysPastDue: r.daysPastDue,
    bucket: r.bucket,
    state: r.state,
    remainingYears: yearsLeft(r, asOf),
  }));
}

const bookLines = (book: repo.BookRow[]): BookLine[] =>
  book.map((r) => ({ balance: r.principal, daysPastDue: r.daysPastDue, state: r.state }));

export interface PortfolioQuery {
  currency?: string | undefined;
}

async function context(deps: Deps, q: PortfolioQuery) {
  await captureMonthEnds(deps);
  const { currency, currencies } = await currencyOf(deps, q.currency);
  const asOf = await openBusinessDate(deps);
  const [book, snapshots, settings] = await Promise.all([
    repo.liveBook(deps.database.db, currency),
    repo.snapshotsIn(deps.database.db, currency),
    portfolioSettings(deps),
  ]);
  return { currency, currencies, asOf, book, snapshots, settings };
}
type Context = Awaited<ReturnType<typeof context>>;

const ON_BOOK_STATES = new Set(['in_school', 'grace', 'repayment', 'deferment', 'forbearance', 'default']);

function parTrend(c: Context) {
  const byMonth = new Map<string, BookLine[]>();
  for (const s of c.snapshots) {
    if (!ON_BOOK_STATES.has(s.state)) continue;
    const list = byMonth.get(s.monthEnd) ?? [];
    list.push({ balance: s.principal, daysPastDue: s.daysPastDue, state: s.state });
    byMonth.set(s.monthEnd, list);
  }
  const point = (date: string, lines: BookLine[], live: boolean) => {
    const p30 = portfolioAtRisk(lines, 30);
    const p90 = portfolioAtRisk(lines, 90);
    return {
      date,
      live,
      par30: p30.ratio,
      par90: p90.ratio,
      par30Count: p30.countRatio,
      balance: p30.balance,
    };
  };
  return [
    ...[...byMonth.entries()].map(([m, lines]) => point(m, lines, false)),
    point(c.asOf, bookLines(c.book), true),
  ];
}

function rollRates(c: Context) {
  const statuses = rollStatuses();
  const months = [...new Set(c.snapshots.map((s) => s.monthEnd))];
  const at = new Map(c.snapshots.map((s) => [`${s.monthEnd}|${s.loanId}`, s]));
  const pooled: { from: string; to: string; balance: number }[] = [];
  const periods = months.slice(1).map((to, i) => {
    const from = months[i]!;
    const transitions = c.snapshots
      .filter((s) => s.monthEnd === from && ON_BOOK_STATES.has(s.state))
      .flatMap((s) => {
        const next = at.get(`${to}|${s.loanId}`);
        // A loan missing next month left the book without a recorded exit row: skip it.
        if (!next) return [];
        return [
          {
            from: rollStatus(s.state, s.bucket),
            to: rollStatus(next.state, next.bucket),
            balance: s.principal,
          },
        ];
      });
    pooled.push(...transitions);
    return { from, to, ...rollRateMatrix(transitions, statuses) };
  });
  return { statuses, periods, pooled: rollRateMatrix(pooled, statuses) };
}

function vintages(c: Context) {
  return vintageCurves(
    c.snapshots.map((s) => ({
      loanId: s.loanId,
      cohort: s.disbursedOn.slice(0, 7),
      amount: s.disbursedAmount,
      monthsOnBook: monthsOnBook(s.disbursedOn, s.monthEnd),
      bad: s.daysPastDue >= 30 || s.state === 'default' || s.state === 'charged_off',
    })),
  );
}

export type CdrDimension = 'school' | 'programme';

async function cdr(deps: Deps, c: Context, by: CdrDimension) {
  const rows = await repo.repaymentEntries(deps.database.db, c.currency);
  return cohortDefaultRates(
    rows.map((r) => ({
      borrowerId: r.customerId,
      group: (by === 'school' ? r.school : r.programme) ?? '—',
      enteredRepaymentOn: r.enteredRepaymentOn,
      defaultedOn: r.defaultedOn,
    })),
    c.asOf,
  );
}

function concentrations(c: Context, topN: number) {
  const by = (key: (r: repo.BookRow) => string | null) =>
    concentration(
      c.book.map((r) => ({ key: key(r) ?? '—', balance: r.principal })),
      topN,
    );
  return { school: by((r) => r.school), programme: by((r) => r.programme), region: by((r) => r.region) };
}

/** The whole dashboard in one answer. */
export async function portfolioDashboard(deps: Deps, q: PortfolioQuery & { topN?: number }) {
  const c = await context(deps, q);
  const lines = bookLines(c.book);
  return {
    asOf: c.asOf,
    currency: c.currency,
    currencies: c.currencies,
    loans: c.book.length,
    balance: lines.reduce((a, l) => a + l.balance, 0),
    par30: portfolioAtRisk(lines, 30),
    par90: portfolioAtRisk(lines, 90),
    buckets: bucketDistribution(lines),
    parTrend: parTrend(c),
    rollRates: rollRates(c),
    vintages: vintages(c),
    cdrBySchool: await cdr(deps, c, 'school'),
    cdrByProgramme: await cdr(deps, c, 'programme'),
    provisions: compareProvisions(exposures(c.book, c.asOf), c.settings.ecl),
    concentration: concentrations(c, q.topN ?? 5),
    settings: c.settings,
  };
}
export type PortfolioDashboard = Awaited<ReturnType<typeof portfolioDashboard>>;

/** The loans behind PARn: n or more days past due, or in default, biggest balance first. */
export async function loansAtRisk(deps: Deps, q: PortfolioQuery & { days: number }) {
  const { currency } = await currencyOf(deps, q.currency);
  const book = await repo.liveBook(deps.database.db, currency);
  const items = book
    .filter((r) => r.daysPastDue >= q.days || r.state === 'default')
    .sort((a, b) => b.principal - a.principal || a.loanNumber.localeCompare(b.loanNumber))
    .map((r) => ({
      loanId: r.loanId,
      loanNumber: r.loanNumber,
      customerId: r.customerId,
      productCode: r.productCode,
      state: r.state,
      bucket: r.bucket,
      daysPastDue: r.daysPastDue,
      principal: r.principal,
      school: r.school,
      programme: r.programme,
    }));
  return { currency, days: q.days, items };
}

/** Baseline and stressed provisions for a macro scenario. */
export async function stressTest(deps: Deps, q: PortfolioQuery & { scenario: StressScenario }) {
  const c = await context(deps, q);
  const ex = exposures(c.book, c.asOf);
  const baseline = compareProvisions(ex, c.settings.ecl);
  const stressedCfg = stressedConfig(c.settings.ecl, q.scenario, c.settings.stress);
  const stressed = compareProvisions(ex, stressedCfg);
  return {
    asOf: c.asOf,
    currency: c.currency,
    scenario: q.scenario,
    elasticity: c.settings.stress,
    pd12: Object.keys(c.settings.ecl.pd12ByBucket).map((bucket) => ({
      bucket,
      baseline: c.settings.ecl.pd12ByBucket[bucket]!,
      stressed: stressedCfg.pd12ByBucket[bucket]!,
    })),
    baseline,
    stressed,
    delta: {
      ifrs9: stressed.ifrs9.total - baseline.ifrs9.total,
      cecl: stressed.cecl.total - baseline.cecl.total,
      fiveTier: stressed.fiveTier.total - baseline.fiveTier.total,
    },
  };
}

/** Live values for key risk indicators, by metric code (ratios 0–1; money in minor units). */
export async function portfolioMetrics(deps: Deps, currency?: string): Promise<Record<string, number>> {
  const d = await portfolioDashboard(deps, { currency });
  const stage = (n: number) => d.provisions.ifrs9.byStage[n - 1]!;
  const ead = d.provisions.ead;
  const lastCdr = (rows: typeof d.cdrBySchool) => Math.max(0, ...rows.map((r) => r.rate));
  return {
    par30: d.par30.ratio,
    par90: d.par90.ratio,
    par30_count: d.par30.countRatio,
    stage2_share: ead > 0 ? stage(2).ead / ead : 0,
    stage3_share: ead > 0 ? stage(3).ead / ead : 0,
    ecl_coverage: ead > 0 ? d.provisions.ifrs9.total / ead : 0,
    hhi_school: d.concentration.school.hhi,
    top_school_share: d.concentration.school.top[0]?.share ?? 0,
    hhi_region: d.concentration.region.hhi,
    max_school_cdr: lastCdr(d.cdrBySchool),
  };
}
export const KRI_METRICS = [
  'par30',
  'par90',
  'par30_count',
  'stage2_share',
  'stage3_share',
  'ecl_coverage',
  'hhi_school',
  'top_school_share',
  'hhi_region',
  'max_school_cdr',
  'incident_loss_90d',
] as const;
export type KriMetric = (typeof KRI_METRICS)[number];

/** Background job: capture the month end as soon as close of business has passed it. */
export function portfolioJobs(deps: Deps) {
  return [
    {
      queue: 'risk-month-end-snapshots',
      cron: '15 * * * *',
      retryLimit: 3,
      handle: async () => {
        await captureMonthEnds(deps);
      },
    },
  ];
}
