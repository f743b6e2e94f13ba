// Close of business for one business date over 1,000,000 active loans (BENCH_SCALE overrides)
// on PostgreSQL, against one bare UPDATE of one column of the same loans table.
// Goal (issue 5): under 60 s, and under 10× the bare UPDATE.
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../packages/server/src/config.ts';
import { createDataCipher } from '../packages/server/src/security/data-key.ts';
import { closeBusinessDay } from '../packages/server/src/modules/servicing/index.ts';
import { printBench, benchScale } from './bench-line.ts';
import { insertActiveLoans, throwawayDatabase, withDb } from './loan-book.ts';

const DATE = '2026-09-08'; // a Tuesday; the next business date is the 9th
export default async function cobBench(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log(
      'cob bench skipped: set DATABASE_URL to a PostgreSQL server (the goal is for PostgreSQL at 1,000,000 loans)',
    );
    return;
  }
  const n = benchScale(1_000_000);
  const { name, database, drop } = await throwawayDatabase(url, 'bursar_bench_cob');
  try {
    const t0 = performance.now();
    // Active loans in repayment: annuity, ACT/360, due dates spread over the month, 5 % in arrears.
    await insertActiveLoans(database, n, DATE);
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
    await drop();
  }
}
