// Management dashboard queries over the 1,000,000-loan benchmark book (BENCH_SCALE overrides) on
// PostgreSQL: each query's median of several runs against a bare GROUP BY over the loans table
// timed the same way, and the time to rebuild the pre-aggregated summaries. Goal (issue 11): each
// dashboard query under 1 s.
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../packages/server/src/config.ts';
import { createDataCipher } from '../packages/server/src/security/data-key.ts';
import * as analytics from '../packages/server/src/modules/analytics/index.ts';
import { benchScale, median, printBench } from './bench-line.ts';
import { insertActiveLoans, throwawayDatabase, withDb } from './loan-book.ts';

const DATE = '2026-09-08';
const RUNS = 5;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  await fn(); // warm
  const xs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await fn();
    xs.push(performance.now() - t0);
  }
  return median(xs);
}

export default async function dashboardsBench(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log('dashboards bench skipped: set DATABASE_URL to a PostgreSQL server (the goal is for PostgreSQL at 1,000,000 loans)');
    return;
  }
  const n = benchScale(1_000_000);
  const customers = Math.max(1, Math.round(n * 0.7)); // some borrow more than once
  const { name, database, drop } = await throwawayDatabase(url, 'bursar_bench_dash');
  try {
    const t0 = performance.now();
    // 50 schools, customers spread over them and over three study levels, then the loans of cob's
    // bench opened over 24 months, 5 % in arrears, and their entry into repayment (3 % defaulted).
    await database.exec(`
      insert into schools (id, name, country, type, source, created_at)
      select md5('s' || k)::uuid, 'Bench school ' || k, 'CN', 'public', 'bench', now() from generate_series(0, 49) k;
      insert into customers (id, legal_name, search_name, classification, current_school_id, class_education_level, created_at, updated_at)
      select md5('c' || k)::uuid, 'Bench ' || k, 'bench ' || k, '{}'::jsonb, md5('s' || (k % 50))::uuid,
             (array['undergraduate', 'master', 'vocational'])[1 + k % 3], now(), now()
        from generate_series(0, ${customers - 1}) k;`);
    await insertActiveLoans(database, n, DATE, {
      customerId: `md5('c' || (g % ${customers}))::uuid`,
      openedOn: `('2024-09-01'::date + (g % 730))`,
    });
    await database.exec(`
      update loans set days_past_due = '${DATE}'::date - oldest_due_date,
             bucket = case when '${DATE}'::date - oldest_due_date >= 30 then '30-59' else '1-29' end
       where oldest_due_date is not null;
      update loans set state = 'default' where loan_number like '%00' and oldest_due_date is not null;
      insert into loan_state_history (loan_id, from_state, to_state, reason, business_date)
      select id, 'grace', 'repayment', 'bench', opened_on + 180 from loans;
      insert into loan_state_history (loan_id, from_state, to_state, reason, business_date)
      select id, 'repayment', 'default', 'bench', opened_on + 400 from loans where state = 'default' or right(loan_number, 2) in ('17', '42', '77');`);
    for (const t of ['loans', 'customers', 'loan_state_history']) await database.exec(`vacuum analyze ${t}`);
    console.log(`dashboards bench: ${n.toLocaleString('en')} loans, ${customers.toLocaleString('en')} customers built in ${((performance.now() - t0) / 1000).toFixed(1)} s (${name})`);

    const config = loadConfig({ DATABASE_URL: withDb(url, name), LOG_LEVEL: 'silent', WEB_DIST: '' });
    const deps = { config, database, cipher: createDataCipher(randomBytes(32)), now: () => new Date() };
    const r0 = performance.now();
    await analytics.refreshDashboards(deps, DATE);
    const refreshSeconds = (performance.now() - r0) / 1000;
    for (const t of ['analytics_book_summary', 'analytics_origination_summary', 'analytics_cohort_summary'])
      await database.exec(`vacuum analyze ${t}`);

    const baseline = await timed(() => database.query('select state, count(*), sum(principal) from loans group by state'));
    const school = '' + (await database.query<{ id: string }>(`select md5('s7')::uuid::text as id`))[0]!.id;
    const all = { currency: 'CNY' };
    const bySchool = { currency: 'CNY', schoolId: school, productCode: 'CN-BANK-TUITION', segment: 'master' };
    const queries: [string, () => Promise<unknown>][] = [
      ['book_trend', () => analytics.bookTrend(database.db, all, 12)],
      ['book_trend_filtered', () => analytics.bookTrend(database.db, bySchool, 12)],
      ['originations', () => analytics.originationTrend(database.db, all, '2025-10-01')],
      ['cohort_defaults', () => analytics.cohortDefaults(database.db, all)],
      ['par30_drill_first_page', () => analytics.drillDown(deps, { ...all, metric: 'par30' })],
      ['par30_drill_filtered', () => analytics.drillDown(deps, { ...bySchool, metric: 'par30' })],
      ['dashboard_all', () => analytics.managementDashboard(deps, all)],
      ['dashboard_filtered', () => analytics.managementDashboard(deps, bySchool)],
    ];
    let max = 0;
    for (const [metric, q] of queries) {
      const ms = await timed(q);
      max = Math.max(max, ms);
      printBench({ name: 'dashboards', metric: `${metric}_ms`, value: ms, unit: 'ms', baseline, goal: '<1 s' });
    }
    printBench({ name: 'dashboard', metric: 'max_query_ms', value: max, unit: 'ms', baseline, goal: '< 1000' });
    printBench({ name: 'dashboards', metric: 'refresh_seconds', value: refreshSeconds, unit: 's', goal: 'report' });
  } finally {
    await drop();
  }
}
