import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../deps.ts';
import { openTestDeps, type TestDeps } from '../../../test/test-deps.ts';
import * as repo from './analytics.repository.ts';
import { drillDown, managementDashboard, refreshDashboards } from './dashboards.service.ts';
import {
  churnStatuses,
  importEnrolmentCsv,
  loanValues,
  marketShareBySchool,
  repeatBorrowingFigures,
} from './loyalty.service.ts';
import { dashboardPdf, dashboardXlsx, reportPeriod } from './reports.service.ts';
import { buildPortfolio, SCHOOL_A, SCHOOL_B } from './test-fixtures.ts';

let deps: TestDeps;
let book: Awaited<ReturnType<typeof buildPortfolio>>;
beforeAll(async () => {
  deps = await openTestDeps();
  book = await buildPortfolio(deps);
  await deps.database
    .exec(`insert into servicing_state (id, business_date, calendar) values (1, '2026-09-01', 'CN')
                              on conflict (id) do update set business_date = excluded.business_date`);
  await refreshDashboards(deps, '2026-09-01');
}, 120_000);
afterAll(async () => deps?.dispose());

describe('management dashboard on a constructed portfolio', () => {
  it('PAR30: numerator and denominator exact', async () => {
    const d = await managementDashboard(deps, { currency: 'CNY' });
    expect(d.asOf).toBe('2026-09-01');
    // Open: T001–T005 = 1,050,000; at risk: T002 (45 dpd), T003 (default), T005 (30 dpd) = 550,000.
    expect(d.par30).toMatchObject({ balance: 1_050_000, balanceAtRisk: 550_000, loans: 3, countOfBook: 5 });
    expect(d.par30.ratio).toBeCloseTo(550_000 / 1_050_000, 12);
    expect(d.portfolio.yield).toBeCloseTo(79 / 2000, 12);
    // Default rate: default T003 + charged-off T007 over open + charged-off balance.
    expect(d.defaults.ratio).toBeCloseTo(370_000 / 1_120_000, 12);
    expect(d.originations.trend.find((o) => o.month === '2026-01')).toMatchObject({ loans: 2 });
    // Growth's campaign spend is connected; this constructed book has no campaigns.
    expect(d.acquisitionCost).toMatchObject({ connected: true, spend: 0, acquired: 0, perCustomer: null });
  });

  it('filters by school, product and segment', async () => {
    const a = await managementDashboard(deps, { currency: 'CNY', schoolId: SCHOOL_A });
    // Campaign spend is not split by school: not available rather than the whole book's.
    expect(a.acquisitionCost.connected).toBe(false);
    expect(a.par30).toMatchObject({ balance: 600_000, balanceAtRisk: 500_000, loans: 2 });
    const g = await managementDashboard(deps, { currency: 'CNY', productCode: 'CN-BANK-GRADUATE' });
    expect(g.par30).toMatchObject({ balance: 300_000, balanceAtRisk: 300_000 });
    const u = await managementDashboard(deps, { currency: 'CNY', segment: 'undergraduate' });
    expect(u.par30).toMatchObject({ balance: 750_000, balanceAtRisk: 250_000 });
  });

  it('drill-down from PAR30 lists exactly the loans behind it, page by page', async () => {
    const p1 = await drillDown(deps, { metric: 'par30', currency: 'CNY', limit: 2 });
    expect(p1.items.map((i) => i.loanNumber)).toEqual(['T002', 'T003']);
    expect(p1.items[0]!.school).toBe('甲大学');
    expect(p1.next).toBe('T003');
    const p2 = await drillDown(deps, { metric: 'par30', currency: 'CNY', limit: 2, after: p1.next! });
    expect(p2.items.map((i) => i.loanNumber)).toEqual(['T005']);
    expect(p2.next).toBeNull();
    const b = await drillDown(deps, { metric: 'par30', currency: 'CNY', schoolId: SCHOOL_B });
    expect(b.items.map((i) => i.loanNumber)).toEqual(['T005']);
  });

  it('the pre-aggregate equals the direct query for every filter', async () => {
    for (const f of [
      { currency: 'CNY' },
      { currency: 'CNY', schoolId: SCHOOL_A },
      { currency: 'CNY', schoolId: SCHOOL_B, productCode: 'CN-BANK-TUITION' },
      { currency: 'CNY', segment: '' },
      { currency: 'CNY', segment: 'master' },
    ]) {
      const [agg] = (await repo.bookTrend(deps.database.db, f, 1)).slice(-1);
      const live = await repo.liveBookTotals(deps.database.db, f);
      const { asOf: _a, clv: _c, ...sums } = agg ?? { asOf: '', clv: 0, ...live };
      expect(sums).toEqual(live);
    }
  });

  it('a refresh is repeatable and keeps one day per month', async () => {
    await refreshDashboards(deps, '2026-09-02');
    await refreshDashboards(deps, '2026-09-02');
    const days = await deps.database.query<{ d: string }>(
      `select distinct as_of::text as d from analytics_book_summary`,
    );
    expect(days.map((r) => r.d)).toEqual(['2026-09-02']);
  });

  it('reports render as PDF and XLSX, and periods key deliveries', async () => {
    const d = await managementDashboard(deps, { currency: 'CNY' });
    expect((await dashboardPdf(d, 'zh-CN')).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await dashboardXlsx(d, 'en')).subarray(0, 2).toString()).toBe('PK');
    expect(reportPeriod('weekly', new Date('2026-09-08T10:00:00Z'))).toBe('2026-W37');
    expect(reportPeriod('monthly', new Date('2026-09-08T10:00:00Z'))).toBe('2026-09');
  });
});

describe('value and loyalty', () => {
  it('market share = borrowers ÷ enrolment imported by CSV; bad rows are named', async () => {
    await expect(
      importEnrolmentCsv(deps, SYSTEM_ACTOR, 'school,academic_year,enrolled\nALPHA,2025,abc\nNOPE,2025,10\n'),
    ).rejects.toMatchObject({ status: 400 });
    await importEnrolmentCsv(
      deps,
      SYSTEM_ACTOR,
      `school,academic_year,enrolled\nALPHA,2025,1000\n${SCHOOL_B},2025,400\n`,
    );
    const m = await marketShareBySchool(deps, { academicYear: 2025 });
    const a = m.items.find((i) => i.schoolId === SCHOOL_A)!;
    // Alpha: 张三 (T001 Sep 2025, T002 Jan 2026) and 李四 (T003 Jan 2026), all academic year 2025.
    expect(a).toMatchObject({ borrowers: 2, enrolled: 1000, share: 0.002, source: 'import' });
    expect(m.items.find((i) => i.schoolId === SCHOOL_B)).toMatchObject({ borrowers: 1, share: 1 / 400 });
  });

  it('repeat borrowing over the book', async () => {
    const r = await repeatBorrowingFigures(deps, 'CNY');
    // 张三 borrowed in 2025 only (Sep 2025 and Jan 2026 are one academic year); nobody repeats.
    expect(r).toMatchObject({ customers: 4, repeaters: 0 });
  });

  it('lifetime value of an open loan from its projected schedule', async () => {
    const v = await loanValues(deps, { loanId: book.loans.T001! });
    expect(v.items).toHaveLength(1);
    const i = v.items[0]!;
    expect(i.months).toBe(30); // instalments 7…36 left, monthly
    expect(i.interest).toBeGreaterThan(0);
    expect(i.value).toBeLessThan(i.interest);
  });

  it('every borrower gets a churn status', async () => {
    const c = await churnStatuses(deps, {});
    expect(c.items).toHaveLength(4);
    // No logins, opens or contacts recorded for anyone: all disengaged (no enrolments → not "not returning").
    expect(c.counts.disengaged).toBe(4);
  });
});
