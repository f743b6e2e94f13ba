// Crash safety of the bulk customer import: `bursar import customers FILE` run as the real CLI
// in a child process and killed with SIGKILL part-way through a large file, then run again,
// ends with every row imported exactly once (ADR 0005: each batch is one transaction, rows are
// idempotent on external_ref). PostgreSQL only: the database must outlive the killed process.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvLine } from '@bursar/core';
import { SYSTEM_ACTOR } from '../../deps.ts';
import { BURSAR_BIN, runChild } from '../../../test/crash-kit.ts';
import { openTestDeps, type TestDeps } from '../../../test/test-deps.ts';
import { IMPORT_COLUMNS } from './import.service.ts';
import { loadSchoolCatalogue } from './schools.service.ts';
import { cnId } from './test-fixtures.ts';

const onPostgres = process.env.BURSAR_TEST_DB === 'postgres';
const ROWS = 5_000;
let deps: TestDeps;
const dir = mkdtempSync(path.join(os.tmpdir(), 'bursar-import-crash-'));
const file = path.join(dir, 'students.csv');
// One key for every run: the ID-number blind index must match across the killed and the rerun process.
const key = randomBytes(32).toString('hex');

beforeAll(async () => {
  deps = await openTestDeps();
});
afterAll(async () => {
  await deps.dispose();
  rmSync(dir, { recursive: true, force: true });
});

function writeFile(): void {
  let text = csvLine([...IMPORT_COLUMNS]);
  for (let n = 0; n < ROWS; n++) {
    const values: Partial<Record<(typeof IMPORT_COLUMNS)[number], string>> = {
      external_ref: `CRASH-${n}`,
      legal_name: `断电学生${n}`,
      date_of_birth: '2005-03-09',
      // Region digits vary so ID numbers stay unique past 1,000 rows.
      national_id: cnId('2005-03-09', n % 1000, String(330100 + Math.floor(n / 1000))),
      phone: `137${String(n).padStart(8, '0')}`,
      email: `crash${n}@example.cn`,
      country: 'CN',
      school_code: '4133010335',
      school_country: 'CN',
      level: 'undergraduate',
      start_date: '2024-09-01',
      expected_graduation_date: '2028-07-01',
      household_size: '3',
      household_income: '42000.00',
      currency: 'CNY',
      party_relationship: 'parent',
      party_name: '家长',
      party_phone: `139${String(n).padStart(8, '0')}`,
      consent_service: 'yes',
    };
    text += csvLine(IMPORT_COLUMNS.map((c) => values[c] ?? ''));
  }
  writeFileSync(file, text);
}

async function count(table: string, where = 'true'): Promise<number> {
  const [r] = await deps.database.query<{ n: number }>(
    `select count(*)::int as n from ${table} where ${where}`,
  );
  return r!.n;
}

const importRun = (killWhen?: () => Promise<boolean>) =>
  runChild({
    args: [BURSAR_BIN, 'import', 'customers', file, '--json'],
    // Batches of 500: the kill lands between committed batches, part-way through the file.
    env: {
      DATABASE_URL: deps.database.url!,
      DATA_DIR: dir,
      BURSAR_DATA_KEY: key,
      BURSAR_IMPORT_BATCH: '500',
    },
    killWhen,
    pollMs: 25,
  });

describe.skipIf(!onPostgres)('customer import survives SIGKILL (PostgreSQL)', () => {
  it('a rerun after kills mid-batch imports every row exactly once', { timeout: 300_000 }, async () => {
    await loadSchoolCatalogue(deps, SYSTEM_ACTOR);
    writeFile();
    const imported = () => count('customers', `external_ref like 'CRASH-%'`);
    // Kill twice at different depths of the file, each time while rows are being written.
    const kills: number[] = [];
    for (const depth of [0.15, 0.5]) {
      const before = await imported();
      const r = await importRun(async () => (await imported()) >= Math.max(before + 1, ROWS * depth));
      if (r.result === 'killed') kills.push(await imported());
      else expect(r.result, r.output).toBe(0);
    }
    expect(kills.length, 'the import was killed at least once part-way').toBeGreaterThan(0);
    expect(Math.min(...kills)).toBeLessThan(ROWS);
    // The job the killed process was running stays "running": visible to operators, not "done".
    expect(await count('customer_import_jobs', `status = 'running'`)).toBe(kills.length);

    const rerun = await importRun();
    expect(rerun.result, rerun.output).toBe(0);
    const job = JSON.parse(rerun.output.slice(rerun.output.indexOf('{'))) as {
      createdRows: number;
      skippedRows: number;
      failedRows: number;
    };
    expect(job.failedRows).toBe(0);
    expect(job.createdRows + job.skippedRows).toBe(ROWS);
    expect(job.skippedRows).toBe(Math.max(...kills));

    // Exactly one of everything per row: customers, enrolments, households, parties, consents.
    expect(await imported()).toBe(ROWS);
    const [dups] = await deps.database.query<{ refs: number; ids: number }>(
      `select count(distinct external_ref)::int as refs, count(distinct national_id_hash)::int as ids
         from customers where external_ref like 'CRASH-%'`,
    );
    expect(dups).toEqual({ refs: ROWS, ids: ROWS });
    const ours = `customer_id in (select id from customers where external_ref like 'CRASH-%')`;
    expect(await count('enrolments', ours)).toBe(ROWS);
    expect(await count('households', ours)).toBe(ROWS);
    expect(await count('related_parties', ours)).toBe(ROWS);
    expect(await count('consents', ours)).toBe(ROWS);
    // A batch's audit event lists its rows: the committed batches' lists add up to the file, once.
    const [audited] = await deps.database.query<{ n: number; distinct_ids: number }>(
      `select count(*)::int as n, count(distinct id)::int as distinct_ids
         from (select jsonb_array_elements_text(after->'customerIds') as id from audit_events where action = 'customer.imported') x`,
    );
    expect(audited).toEqual({ n: ROWS, distinct_ids: ROWS });
  });
});
