// Close of business for one business date over 1,000,000 active loans (BENCH_SCALE overrides)
// on PostgreSQL, against one bare UPDATE of one column of the same loans table.
// Goal (issue 5): under 60 s, and under 10× the bare UPDATE.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../packages/server/src/config.ts';
import { openDatabase } from '../packages/server/src/db/database.ts';
import { migrateDatabase } from '../packages/server/src/db/migrate.ts';
import { createDataCipher } from '../packages/server/src/security/data-key.ts';
import { closeBusinessDay } from '../packages/server/src/modules/servicing/index.ts';
import { printBench, benchScale } from './bench-line.ts';

const DATE = '2026-09-08'; // a Tuesday; the next business date is the 9th
const withDb = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

export default async function cobBench(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log(
      'cob bench skipped: set DATABASE_URL to a PostgreSQL server (the goal is for PostgreSQL at 1,000,000 loans)',
    );
    return;
  }
  const n = benchScale(1_000_000);
  const name = `bursar_bench_cob_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const database = await openDatabase({ databaseUrl: withDb(url, name), poolSize: 4 });
  try {
    await migrateDatabase(database);
    const t0 = performance.now();
    // Active loans in repayment: annuity, ACT/360, due dates spread over the month, 5 % in arrears.
    await database.exec(`
      insert into servicing_state (id, business_date, calendar) values (1, '${DATE}', 'CN');
      insert into loans (id, loan_number, customer_id, product_code, product_version, currency, state, state_since, rate_num, rate_den,
        penalty_rate_num, penalty_rate_den, day_count, rounding, interest_mode, capitalise_at_phase_end, grace_interest, capitalisation_events,
        commitment, disbursed, principal, principal_due, interest_due, accrued_through, repay_method, frequency_months, term_instalments,
        first_due_date, next_due_date, next_instalment, instalments_total, level_payment, level_principal, oldest_due_date, days_past_due, bucket,
        default_days_past_due, charge_off_days_past_due, late_fee, allocation_order, opened_on, created_at, updated_at)
      select gen_random_uuid(), 'B' || lpad(g::text, 9, '0'), gen_random_uuid(),
             case when g % 4 = 0 then 'CN-BANK-GRADUATE' else 'CN-BANK-TUITION' end, 1, 'CNY', 'repayment', '2026-01-01', 79, 2000,
             79, 4000, 'ACT/360', 'half-up', 'borrower', false, 'paid', '[]'::jsonb,
             p, p, p - (g % 7) * 1000, case when g % 20 = 0 then 50000 else 0 end, case when g % 20 = 0 then 9000 else 0 end,
             '${DATE}', case when g % 4 = 0 then 'equal-principal' else 'annuity' end, 1, 60,
             ('2026-01-01'::date + (g % 28)), ('2026-09-01'::date + (g % 28)), 9, 60, 55000 + (g % 100) * 100, 50000,
             case when g % 20 = 0 then '2026-08-01'::date + (g % 28) end, 0, 'current', 90, 180, 2000, '["penalty","fees","interest","principal"]'::jsonb,
             '2026-01-01', now(), now()
        from generate_series(1, ${n}) g, lateral (select 2000000 + (g % 1000) * 3000 as p) x;
      analyze loans;`);
    const loadSeconds = (performance.now() - t0) / 1000;
    console.log(`cob bench: ${n.toLocaleString('en')} loans loaded in ${loadSeconds.toFixed(1)} s (${name})`);
    await database.exec('vacuum analyze loans');

    const b0 = performance.now();
    await database.exec('update loans set days_past_due = days_past_due + 0');
    const baseline = (performance.now() - b0) / 1000;
    await database.exec('vacuum analyze loans');

    const config = loadConfig({ DATABASE_URL: withDb(url, name), LOG_LEVEL: 'silent', WEB_DIST: '' });
    const deps = { config, database, cipher: createDataCipher(randomBytes(32)), now: () => new Date() };
    const c0 = performance.now();
    const r = await closeBusinessDay(deps, DATE);
    const seconds = (performance.now() - c0) / 1000;
    console.log(`cob bench: ${JSON.stringify(r.stats)}`);
    printBench({
      name: 'cob',
      metric: 'seconds',
      value: seconds,
      unit: 's',
      baseline,
      goal: '< 60 s, ratio < 10',
    });
  } finally {
    await database.close();
    if (!process.env.BENCH_KEEP_DB) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
