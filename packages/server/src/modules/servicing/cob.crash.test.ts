// Crash safety: close of business run as the real CLI in a child process and killed with SIGKILL
// at random points, then rerun, ends with exactly the books of an uninterrupted run.
// PostgreSQL only (the database must outlive the killed process).
import { spawn } from 'node:child_process';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.ts';
import { openTestDeps, sideDatabase, type TestDeps } from '../../../test/test-deps.ts';
import { closeBusinessDaysThrough } from './cob.service.ts';
import { newLoan, installProducts, pay, cobThrough } from './servicing-test-kit.ts';

const onPostgres = process.env.BURSAR_TEST_DB === 'postgres';
const BIN = path.resolve(import.meta.dirname, '../../../bin/bursar.mjs');
let deps: TestDeps;
let cloneUrl = '';
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bursar-crash-'));

beforeAll(async () => {
  deps = await openTestDeps();
});
afterAll(async () => {
  await deps.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Run `bursar cob run` once; kill it after the given progress line (and a little jitter). Returns the exit code or 'killed'. */
function runCob(date: string, killAfterLine: number | null): Promise<number | 'killed'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'cob', 'run', '--date', date], {
      env: {
        ...process.env,
        DATABASE_URL: cloneUrl,
        DATA_DIR: dataDir,
        BURSAR_DATA_KEY: randomBytes(32).toString('hex'),
        LOG_LEVEL: 'silent',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let lines = 0;
    let killed = false;
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      lines += chunk
        .toString()
        .split('\n')
        .filter((l) => l.includes('close of business')).length;
      if (killAfterLine !== null && lines >= killAfterLine && !killed) {
        killed = true;
        setTimeout(() => child.kill('SIGKILL'), randomInt(0, 25));
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve('killed');
      else if (code !== 0) reject(new Error(`cob exited ${code}: ${err}`));
      else resolve(0);
    });
  });
}

async function snapshot(url: string) {
  const db = await openDatabase({ databaseUrl: url, poolSize: 1 });
  try {
    const loans = await db.query(
      `select loan_number, state, principal, principal_due, interest_accrued_num::text, interest_accrued, interest_due, subsidy_accrued, penalty_due, fees_due,
              credit_balance, accrued_through::text, next_due_date::text, next_instalment, oldest_due_date::text, days_past_due, bucket
         from loans order by loan_number`,
    );
    const ledger = await db.query(
      `select l.account_code, l.loan_id, l.product_code, sum(l.amount)::text as s from journal_lines l group by 1, 2, 3 order by 1, 2, 3`,
    );
    const runs = await db.query(
      `select business_date::text, status, steps_done, stats from cob_runs order by 1`,
    );
    const bills = await db.query(
      `select l.loan_number, b.seq, b.due_date::text, b.principal, b.interest from loan_bills b join loans l on l.id = b.loan_id order by 1, 2`,
    );
    const events = await db.query(
      `select type, count(*)::int as n from servicing_events group by 1 order by 1`,
    );
    const state = await db.query(`select business_date::text from servicing_state`);
    return { loans, ledger, runs, bills, events, state };
  } finally {
    await db.close();
  }
}

describe.skipIf(!onPostgres)('close of business survives SIGKILL (PostgreSQL)', () => {
  it('rerun after kills gives exactly the books of an uninterrupted run', { timeout: 300_000 }, async () => {
    await installProducts(deps);
    for (let i = 0; i < 40; i++) {
      const l = await newLoan(deps, {
        amount: `${3000 + i * 250}.00`,
        productCode: i % 3 === 0 ? 'CN-BANK-GRADUATE' : 'CN-BANK-TUITION',
      });
      if (i % 4 === 0) await pay(deps, l.id, '500.00');
    }
    for (let i = 0; i < 10; i++)
      await newLoan(deps, {
        customerId: randomUUID(),
        productCode: 'CN-NSL-HOME',
        amount: '16000.00',
        studyEndDate: '2026-09-20',
      });
    await cobThrough(deps, '2026-09-25');

    // Clone the book: the clone is closed by the killed CLI, the original in one clean pass.
    const url = deps.database.url!;
    cloneUrl = await sideDatabase(deps, 'crash', { copy: true });

    await closeBusinessDaysThrough(deps, '2026-10-09');
    // The clone closes the days before the month end in-process; then the month end, the day after
    // the National Day holidays (2026-10-01..07) and the next day are closed by killed runs first.
    const clone = await openDatabase({ databaseUrl: cloneUrl, poolSize: 2 });
    try {
      await closeBusinessDaysThrough({ ...deps, database: clone }, '2026-09-29');
    } finally {
      await clone.close();
    }
    const dates = ['2026-09-30', '2026-10-08', '2026-10-09'];

    let kills = 0;
    for (const date of dates) {
      for (let attempt = 0; attempt < 2; attempt++) {
        const r = await runCob(date, randomInt(1, 8));
        if (r === 'killed') kills++;
        else break;
      }
      expect(await runCob(date, null)).toBe(0);
    }
    expect(kills).toBeGreaterThan(0);
    const [clean, crashed] = [await snapshot(url), await snapshot(cloneUrl)];
    expect(crashed.runs).toEqual(clean.runs);
    expect(crashed.loans).toEqual(clean.loans);
    expect(crashed.ledger).toEqual(clean.ledger);
    expect(crashed.bills).toEqual(clean.bills);
    expect(crashed.events).toEqual(clean.events);
    expect(crashed.state).toEqual(clean.state);
  });
});
