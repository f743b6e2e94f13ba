// The benchmark loan book, built set-based in a throwaway PostgreSQL database: shared by the
// close-of-business and dashboard benchmarks so both time the same 1,000,000 loans.
import pg from 'pg';
import { openDatabase, type Database } from '../packages/server/src/db/database.ts';
import { migrateDatabase } from '../packages/server/src/db/migrate.ts';

export const withDb = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

/** A migrated throwaway database; `drop` removes it unless BENCH_KEEP_DB is set. */
export async function throwawayDatabase(
  url: string,
  prefix: string,
): Promise<{ name: string; database: Database; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const database = await openDatabase({ databaseUrl: withDb(url, name), poolSize: 4 });
  await migrateDatabase(database);
  return {
    name,
    database,
    drop: async () => {
      await database.close();
      if (!process.env.BENCH_KEEP_DB) await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export interface LoanBookOptions {
  /** SQL for a loan's customer id from the series number `g` (default: a fresh uuid each). */
  customerId?: string;
  /** SQL for the day a loan opened from `g` (default: 2026-01-01). */
  openedOn?: string;
}

/**
 * `n` active loans in repayment as of `date`: annuity or equal principal, ACT/360, due dates
 * spread over the month, 5 % in arrears. The business date is set to `date`.
 */
export async function insertActiveLoans(database: Database, n: number, date: string, o: LoanBookOptions = {}) {
  await database.exec(`
    insert into servicing_state (id, business_date, calendar) values (1, '${date}', 'CN');
    insert into loans (id, loan_number, customer_id, product_code, product_version, currency, state, state_since, rate_num, rate_den,
      penalty_rate_num, penalty_rate_den, day_count, rounding, interest_mode, capitalise_at_phase_end, grace_interest, capitalisation_events,
      commitment, disbursed, principal, principal_due, interest_due, accrued_through, repay_method, frequency_months, term_instalments,
      first_due_date, next_due_date, next_instalment, instalments_total, level_payment, level_principal, oldest_due_date, days_past_due, bucket,
      default_days_past_due, charge_off_days_past_due, late_fee, allocation_order, opened_on, created_at, updated_at)
    select gen_random_uuid(), 'B' || lpad(g::text, 9, '0'), ${o.customerId ?? 'gen_random_uuid()'},
           case when g % 4 = 0 then 'CN-BANK-GRADUATE' else 'CN-BANK-TUITION' end, 1, 'CNY', 'repayment', '2026-01-01', 79, 2000,
           79, 4000, 'ACT/360', 'half-up', 'borrower', false, 'paid', '[]'::jsonb,
           p, p, p - (g % 7) * 1000, case when g % 20 = 0 then 50000 else 0 end, case when g % 20 = 0 then 9000 else 0 end,
           '${date}', case when g % 4 = 0 then 'equal-principal' else 'annuity' end, 1, 60,
           ('2026-01-01'::date + (g % 28)), ('2026-09-01'::date + (g % 28)), 9, 60, 55000 + (g % 100) * 100, 50000,
           case when g % 20 = 0 then '2026-08-01'::date + (g % 28) end, 0, 'current', 90, 180, 2000, '["penalty","fees","interest","principal"]'::jsonb,
           ${o.openedOn ?? `'2026-01-01'`}, now(), now()
      from generate_series(1, ${n}) g, lateral (select 2000000 + (g % 1000) * 3000 as p) x;
    analyze loans;`);
}
