// Management dashboards: originations, portfolio balance and yield, PAR30, default and cohort
// default rates, CSAT/NPS, SLA attainment, acquisition cost, lifetime value and staff service
// ratings, each with its monthly trend, filtered by school, product and segment, and the list
// behind each number. Book figures come from the pre-aggregated summaries rebuilt after close of
// business (refreshDashboards); service figures are read from their small tables directly.
// Every read here goes to `database.readDb`: the replica when DATABASE_READ_URL is set (ADR 0014).
import { addMonthsIso, nps } from '@bursar/core';
import type { Deps } from '../../deps.ts';
import { Problem } from '../../http/problem.ts';
import { portfolioSettings } from '../risk/index.ts';
import { openBusinessDate } from '../servicing/index.ts';
import { acquisitionByMonth } from '../growth/index.ts';
import * as repo from './analytics.repository.ts';
import { analyticsSettings } from './analytics.settings.ts';

export interface DashboardQuery {
  currency?: string | undefined;
  schoolId?: string | undefined;
  productCode?: string | undefined;
  segment?: string | undefined;
  /** Months of trend, 1–36 (default 12). */
  months?: number | undefined;
}

/** Acquisition cost comes from growth's campaign spend (null where a filter makes it unavailable). */
export interface AcquisitionMonth {
  month: string;
  /** Campaign and event spend in the month, minor units. */
  spend: number;
  /** Customers whose first loan was funded in the month and attributed to that spend. */
  acquired: number;
}
export type AcquisitionCostSource = (
  deps: Deps,
  q: { currency: string; from: string; schoolId?: string; productCode?: string; segment?: string },
) => Promise<AcquisitionMonth[] | null>;

// Growth's campaign spend by default; tests and other deployments may plug in another source.
let acquisitionSource: AcquisitionCostSource | null = acquisitionByMonth;
/** Growth (or the lead's wiring) plugs campaign spend in here; returns the unregister function. */
export function registerAcquisitionCostSource(source: AcquisitionCostSource): () => void {
  acquisitionSource = source;
  return () => {
    if (acquisitionSource === source) acquisitionSource = null;
  };
}

async function filtersOf(
  deps: Deps,
  q: DashboardQuery,
): Promise<{ f: repo.DashboardFilters; currencies: string[] }> {
  const currencies = await repo.currencies(deps.database.readDb);
  const currency = q.currency ?? currencies[0] ?? 'CNY';
  return {
    currencies,
    f: { currency, schoolId: q.schoolId, productCode: q.productCode, segment: q.segment },
  };
}

/** Rebuild every summary for the open business date (or `asOf`), in one transaction. */
export async function refreshDashboards(
  deps: Deps,
  asOf?: string,
): Promise<{ asOf: string; millis: number }> {
  const day = asOf ?? (await openBusinessDate(deps));
  const [risk, s] = await Promise.all([portfolioSettings(deps), analyticsSettings(deps)]);
  const t0 = performance.now();
  await deps.database.db.transaction(async (tx) => {
    await repo.rebuildSummaries(tx, day, {
      costToServePerMonth: s.costToServePerMonth,
      monthlyDiscountRate: s.monthlyDiscountRate,
      lgd: risk.ecl.lgd,
      pd12ByBucket: risk.ecl.pd12ByBucket,
    });
    await repo.recordRefresh(tx, day, deps.now(), Math.round(performance.now() - t0));
  });
  return { asOf: day, millis: Math.round(performance.now() - t0) };
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);

export async function managementDashboard(deps: Deps, q: DashboardQuery) {
  const { f, currencies } = await filtersOf(deps, q);
  const months = q.months ?? 12;
  const db = deps.database.readDb;
  const [businessDate, refresh] = await Promise.all([openBusinessDate(deps), repo.lastRefresh(db)]);
  const from = addMonthsIso(`${(refresh?.asOf ?? businessDate).slice(0, 7)}-01`, -(months - 1));
  const [book, originations, cohorts, surveys, sla, ratings, acquisition, choices] = await Promise.all([
    repo.bookTrend(db, f, months),
    repo.originationTrend(db, f, from),
    repo.cohortDefaults(db, f),
    repo.surveyScores(db, f, from),
    repo.slaByMonth(db, f, from),
    repo.staffRatings(db, f, from),
    acquisitionSource
      ? acquisitionSource(deps, {
          currency: f.currency,
          from,
          ...(f.schoolId ? { schoolId: f.schoolId } : {}),
          ...(f.productCode ? { productCode: f.productCode } : {}),
          ...(f.segment !== undefined ? { segment: f.segment } : {}),
        })
      : Promise.resolve(null),
    repo.filterChoices(db, f.currency),
  ]);
  const last = book[book.length - 1] ?? null;
  const month = (d: string) => d.slice(0, 7);
  const surveyMonths = [...new Set(surveys.map((s) => month(s.month)))].sort();
  const csatOf = (rows: typeof surveys) => {
    const xs = rows.map((r) => r.overall).filter((v): v is number => v !== null);
    return { n: xs.length, score: xs.length ? xs.filter((v) => v >= 4).length / xs.length : null };
  };
  const npsOf = (rows: typeof surveys) => {
    const r = nps(rows.map((x) => x.nps).filter((v): v is number => v !== null));
    return { n: r.n, score: r.score };
  };
  const slaResolved = sla.reduce((a, r) => a + r.resolved, 0);
  const slaWithin = sla.reduce((a, r) => a + r.withinSla, 0);
  const lastOrig = originations[originations.length - 1];
  return {
    currency: f.currency,
    currencies,
    businessDate,
    asOf: refresh?.asOf ?? null,
    refreshedAt: refresh?.refreshedAt ?? null,
    filters: { schoolId: f.schoolId ?? null, productCode: f.productCode ?? null, segment: f.segment ?? null },
    choices,
    originations: {
      month: lastOrig ? month(lastOrig.month) : null,
      loans: lastOrig?.loans ?? 0,
      disbursed: lastOrig?.disbursed ?? 0,
      trend: originations.map((o) => ({
        month: month(o.month),
        loans: o.loans,
        commitment: o.commitment,
        disbursed: o.disbursed,
      })),
    },
    portfolio: {
      loans: last?.loans ?? 0,
      balance: last?.principal ?? 0,
      /** Balance-weighted annual contract rate of the open book. */
      yield: last ? ratio(last.rateWeighted, last.principal) : 0,
      trend: book.map((b) => ({
        month: month(b.asOf),
        asOf: b.asOf,
        balance: b.principal,
        yield: ratio(b.rateWeighted, b.principal),
      })),
    },
    par30: {
      loans: last?.par30Loans ?? 0,
      balanceAtRisk: last?.par30Principal ?? 0,
      balance: last?.principal ?? 0,
      countOfBook: last?.loans ?? 0,
      ratio: last ? ratio(last.par30Principal, last.principal) : 0,
      countRatio: last ? ratio(last.par30Loans, last.loans) : 0,
      trend: book.map((b) => ({
        month: month(b.asOf),
        ratio: ratio(b.par30Principal, b.principal),
        loans: b.par30Loans,
      })),
    },
    defaults: {
      loans: last?.defaultLoans ?? 0,
      balance: last?.defaultPrincipal ?? 0,
      /** Default and charged-off balance ÷ (open + charged-off) balance. */
      ratio: last ? ratio(last.defaultPrincipal, last.principal + last.chargedOffPrincipal) : 0,
      trend: book.map((b) => ({
        month: month(b.asOf),
        ratio: ratio(b.defaultPrincipal, b.principal + b.chargedOffPrincipal),
      })),
      cohorts: cohorts.map((c) => ({ ...c, rate: ratio(c.defaulted, c.entered) })),
    },
    csat: {
      ...csatOf(surveys),
      trend: surveyMonths.map((m) => ({ month: m, ...csatOf(surveys.filter((s) => month(s.month) === m)) })),
    },
    nps: {
      ...npsOf(surveys),
      trend: surveyMonths.map((m) => ({ month: m, ...npsOf(surveys.filter((s) => month(s.month) === m)) })),
    },
    sla: {
      resolved: slaResolved,
      withinSla: slaWithin,
      attainment: slaResolved ? slaWithin / slaResolved : null,
      trend: sla.map((r) => ({
        month: month(r.month),
        resolved: r.resolved,
        attainment: ratio(r.withinSla, r.resolved),
      })),
    },
    acquisitionCost: acquisition
      ? (() => {
          const spend = acquisition.reduce((a, m) => a + m.spend, 0);
          const acquired = acquisition.reduce((a, m) => a + m.acquired, 0);
          return {
            connected: true,
            spend,
            acquired,
            perCustomer: acquired ? Math.round(spend / acquired) : null,
            trend: acquisition.map((m) => ({
              month: month(m.month),
              spend: m.spend,
              acquired: m.acquired,
              perCustomer: m.acquired ? Math.round(m.spend / m.acquired) : null,
            })),
          };
        })()
      : { connected: false, spend: 0, acquired: 0, perCustomer: null, trend: [] },
    lifetimeValue: {
      total: last?.clv ?? 0,
      perLoan: last && last.loans ? Math.round(last.clv / last.loans) : 0,
      trend: book.map((b) => ({
        month: month(b.asOf),
        total: b.clv,
        perLoan: b.loans ? Math.round(b.clv / b.loans) : 0,
      })),
    },
    staffRatings: ratings,
  };
}
export type ManagementDashboard = Awaited<ReturnType<typeof managementDashboard>>;

export const DRILL_METRICS = ['par30', 'originations'] as const;
export type DrillMetric = (typeof DRILL_METRICS)[number];

/** The list behind a number, 50 at a time, in loan-number order (keyset: pass the last loan number). */
export async function drillDown(
  deps: Deps,
  q: DashboardQuery & {
    metric: DrillMetric;
    month?: string | undefined;
    after?: string | undefined;
    limit?: number | undefined;
  },
) {
  const { f } = await filtersOf(deps, q);
  const limit = q.limit ?? 50;
  let items: repo.ParLoanRow[];
  if (q.metric === 'par30')
    items = await repo.par30Loans(deps.database.readDb, f, q.after ?? null, limit + 1);
  else {
    if (!q.month) throw Problem.badRequest('month', 'is required to list the loans behind originations');
    items = await repo.loansOpenedIn(deps.database.readDb, f, `${q.month}-01`, q.after ?? null, limit + 1);
  }
  const more = items.length > limit;
  const page = items.slice(0, limit);
  const schools = await repo.schoolNames(deps.database.readDb, [
    ...new Set(page.map((i) => i.schoolId).filter((x): x is string => !!x)),
  ]);
  return {
    metric: q.metric,
    currency: f.currency,
    items: page.map((i) => {
      const s = i.schoolId ? schools.get(i.schoolId) : undefined;
      return { ...i, school: s ? (s.nameLocal ?? s.name) : null };
    }),
    next: more ? page[page.length - 1]!.loanNumber : null,
  };
}
