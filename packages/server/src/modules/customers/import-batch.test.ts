// The batch write path of the bulk import (ADR 0004): staging + set-based inserts per batch,
// one query per duplicate rule, row-by-row fallback, idempotency and encryption at rest.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpPglite } from '../../db/database.ts';
import { SYSTEM_ACTOR } from '../../deps.ts';
import { openTestDeps, type TestDeps } from '../../../test/test-deps.ts';
import { csvLine, parseCsv } from '@bursar/core';
import {
  IMPORT_COLUMNS,
  importCustomerRecords,
  type ImportOptions,
  type ImportSummary,
} from './import.service.ts';
import { loadSchoolCatalogue } from './schools.service.ts';
import { cnId } from './test-fixtures.ts';

let deps: TestDeps;
beforeAll(async () => {
  deps = await openTestDeps();
  await loadSchoolCatalogue(deps, SYSTEM_ACTOR);
});
afterAll(async () => {
  await deps.dispose();
});

type Row = Partial<Record<(typeof IMPORT_COLUMNS)[number], string>>;
const student = (n: number, over: Row = {}): Row => ({
  external_ref: `BATCH-${n}`,
  legal_name: `批量学生${n}`,
  date_of_birth: '2005-03-09',
  national_id: cnId('2005-03-09', 100 + n, '330106'),
  phone: `1371234${String(n).padStart(4, '0')}`,
  email: `batch${n}@example.cn`,
  country: 'CN',
  school_code: '4133010335',
  school_country: 'CN',
  level: 'undergraduate',
  start_date: '2023-09-01',
  expected_graduation_date: '2027-07-01',
  household_size: '3',
  household_income: '30000.00',
  currency: 'CNY',
  credit_file_status: 'none',
  party_name: '家长',
  party_phone: `1391234${String(n).padStart(4, '0')}`,
  consent_service: 'yes',
  consent_marketing: 'no',
  ...over,
});

function csv(rows: Row[]): string {
  return (
    csvLine([...IMPORT_COLUMNS]) + rows.map((r) => csvLine(IMPORT_COLUMNS.map((c) => r[c] ?? ''))).join('')
  );
}

async function run(text: string, opts: Partial<ImportOptions> = {}): Promise<ImportSummary> {
  return importCustomerRecords(deps, { ...SYSTEM_ACTOR, actorName: 'importer' }, parseCsv(text), {
    dryRun: false,
    jobId: '00000000-0000-4000-8000-00000000b001',
    ...opts,
  });
}

const count = async (table: string, where = 'true') =>
  (await deps.database.query<{ n: number }>(`select count(*)::int as n from ${table} where ${where}`))[0]!.n;
const CHILD_TABLES = [
  'customers',
  'enrolments',
  'enrolment_status_history',
  'households',
  'credit_records',
  'related_parties',
  'consents',
  'consent_events',
  'customer_timeline_events',
];
const counts = async () =>
  Object.fromEntries(await Promise.all(CHILD_TABLES.map(async (t) => [t, await count(t)] as const)));
const byRow = (s: ImportSummary, list: 'errors' | 'warnings' = 'errors') =>
  Object.fromEntries(s[list].map((e) => [e.row, `${e.field}: ${e.reason}`]));

describe('bulk import, batch path', () => {
  const FILE = csv([
    student(1),
    student(2, { national_id: '330106200503091234' }), // bad check digit
    student(3),
    student(4, { expected_graduation_date: '2022-07-01' }),
    student(5, { national_id: cnId('2005-03-09', 101, '330106') }), // same ID number as row 2 of the data (student 1)
    student(6, { legal_name: '批量学生1', national_id: '', phone: '' }), // same name, birth date and school as student 1
    student(7, {
      consent_data_sharing: 'yes',
      need_indicators: 'low_income;orphan',
      needs_verified: 'yes',
      bureau_score: '700',
      credit_file_status: 'established',
    }),
    student(8, { school_code: '0000000000' }),
  ]);

  it('dry-runs a mixed batch: reports each bad row by row and field, writes nothing', async () => {
    const before = await counts();
    const s = await run(FILE, { dryRun: true, batchSize: 100 });
    expect(s).toMatchObject({ processedRows: 8, createdRows: 4, skippedRows: 0, failedRows: 4 });
    expect(byRow(s)).toEqual({
      3: expect.stringMatching(/^national_id: /),
      5: 'expected_graduation_date: must be after the start date',
      6: 'national_id: appears twice in the file (first on row 2)',
      9: 'school_code: is not a known school',
    });
    expect(byRow(s, 'warnings')).toEqual({
      7: 'legal_name: same name, date of birth and school as row 2: review for a duplicate',
    });
    expect(await counts()).toEqual(before);
  });

  it('writes the good rows of a mixed batch whole, with every derived row, and one audit event listing them', async () => {
    const progress: number[] = [];
    const s = await run(FILE, { batchSize: 3, onProgress: (p) => void progress.push(p.processedRows) });
    expect(s).toMatchObject({ processedRows: 8, createdRows: 4, skippedRows: 0, failedRows: 4 });
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const created = await deps.database.query<{ id: string; external_ref: string }>(
      `select id, external_ref from customers where external_ref like 'BATCH-%' order by external_ref`,
    );
    expect(created.map((c) => c.external_ref)).toEqual(['BATCH-1', 'BATCH-3', 'BATCH-6', 'BATCH-7']);
    // Nothing of a failed row was written.
    expect(await count('customers', `external_ref in ('BATCH-2', 'BATCH-4', 'BATCH-5', 'BATCH-8')`)).toBe(0);
    // Each created customer has its whole row: enrolment + first status, household, credit record, party, consents, timeline.
    const ids = created.map((c) => `'${c.id}'`).join(',');
    expect(await count('enrolments', `customer_id in (${ids}) and is_current`)).toBe(4);
    expect(
      await count(
        'enrolment_status_history h join enrolments e on e.id = h.enrolment_id',
        `e.customer_id in (${ids}) and h.to_status = 'enrolled' and h.effective_date = '2023-09-01'`,
      ),
    ).toBe(4);
    expect(await count('households', `customer_id in (${ids})`)).toBe(4);
    expect(await count('credit_records', `customer_id in (${ids})`)).toBe(4);
    expect(
      await count(
        'related_parties',
        `customer_id in (${ids}) and phone_enc is not null and phone_hash is not null`,
      ),
    ).toBe(4);
    expect(await count('consents', `customer_id in (${ids})`)).toBe(4 * 2 + 1);
    expect(
      await count(
        'consent_events',
        `customer_id in (${ids}) and source = 'import' and recorded_by = 'importer'`,
      ),
    ).toBe(4 * 2 + 1);
    expect(
      await count(
        'customer_timeline_events',
        `customer_id in (${ids}) and kind = 'customers.customer_created' and summary = 'Customer created (import)'`,
      ),
    ).toBe(4);
    // Classification computed from the row, and stored with its rule.
    const [seven] = await deps.database.query<{
      class_economic_status: string;
      class_credit_record: string;
      class_education_level: string;
      rule: string;
      created_via: string;
    }>(
      `select class_economic_status, class_credit_record, class_education_level, classification->'computed'->'economicStatus'->>'rule' as rule, created_via from customers where external_ref = 'BATCH-7'`,
    );
    expect(seven).toEqual({
      class_economic_status: 'financial_need',
      class_credit_record: 'established',
      class_education_level: 'undergraduate',
      rule: 'econ.need_indicator',
      created_via: 'import',
    });
    // Audit: one event per written batch, naming the job and every customer it created.
    const audit = await deps.database.query<{
      entity_id: string;
      after: { customerIds: string[]; created: number };
    }>(
      `select entity_id, after from audit_events where action = 'customer.imported' and entity_id = '00000000-0000-4000-8000-00000000b001'`,
    );
    expect(audit.flatMap((a) => a.after.customerIds).sort()).toEqual(created.map((c) => c.id).sort());
    expect(JSON.stringify(audit)).not.toContain('13712340001');
  });

  it('is idempotent: running the same file again skips what is there and writes nothing new', async () => {
    const before = await counts();
    const s = await run(FILE, { batchSize: 3 });
    expect(s).toMatchObject({ processedRows: 8, createdRows: 0, skippedRows: 4, failedRows: 4 });
    expect(await counts()).toEqual(before);
  });

  it('checks duplicates against the customers on file: same ID number refused, same name + birth date + school warned', async () => {
    const s = await run(
      csv([
        student(20, { national_id: cnId('2005-03-09', 103, '330106') }), // the ID number of BATCH-3, another reference
        student(21, { legal_name: '批量学生7', national_id: '', phone: '' }), // name + birth date + school of BATCH-7
        student(22, { legal_name: '批量学生7', national_id: '', phone: '', school_code: '4111010003' }), // another school: not a likely duplicate
        student(23),
      ]),
      { batchSize: 10 },
    );
    expect(s).toMatchObject({ createdRows: 3, failedRows: 1, skippedRows: 0 });
    expect(byRow(s)).toEqual({ 2: 'national_id: belongs to an existing customer' });
    expect(byRow(s, 'warnings')).toEqual({
      3: 'legal_name: same name, date of birth and school as an existing customer: review for a duplicate',
    });
  });

  it('names a cell the database could not store (NUL) as a row error', async () => {
    const s = await run(csv([student(30), student(31, { legal_name: 'bad\u0000name' })]), { batchSize: 10 });
    expect(s).toMatchObject({ createdRows: 1, failedRows: 1 });
    expect(byRow(s)).toEqual({ 3: 'legal_name: contains a NUL character' });
  });

  it('retries a batch the database refuses row by row, so one bad row spoils only itself', async () => {
    // A rule only the database knows (standing in for any constraint the JS validation cannot see).
    await deps.database.exec(
      `alter table customers add constraint test_refused_name check (legal_name <> '拒绝')`,
    );
    try {
      const before = await count('customers');
      const s = await run(csv([student(32), student(33, { legal_name: '拒绝' }), student(34)]), {
        batchSize: 10,
      });
      expect(s).toMatchObject({ createdRows: 2, failedRows: 1, skippedRows: 0 });
      expect(s.errors).toEqual([
        { row: 3, field: '(row)', reason: expect.stringMatching(/test_refused_name/) },
      ]);
      expect(await count('customers')).toBe(before + 2);
      expect(await count('customers', `external_ref = 'BATCH-33'`)).toBe(0);
      expect(
        await count(
          'customer_timeline_events t join customers c on c.id = t.customer_id',
          `c.external_ref in ('BATCH-32', 'BATCH-34')`,
        ),
      ).toBe(2);
    } finally {
      await deps.database.exec('alter table customers drop constraint test_refused_name');
    }
  });

  it('leaves no plaintext ID number or phone of imported rows in a dump of the database', async () => {
    const nationalId = cnId('2004-11-23', 777, '510104');
    const phone = '13698765432';
    const partyPhone = '13545678901';
    const s = await run(
      csv([
        student(40, { date_of_birth: '2004-11-23', national_id: nationalId, phone, party_phone: partyPhone }),
      ]),
    );
    expect(s.createdRows).toBe(1);
    let bytes: Buffer;
    if (deps.database.kind === 'pglite') {
      await deps.database.exec('checkpoint');
      bytes = Buffer.from(await (await dumpPglite(deps.database)).arrayBuffer());
    } else {
      bytes = execFileSync('pg_dump', ['--no-owner', deps.database.url!], { maxBuffer: 1 << 30 });
    }
    const has = (v: string) => bytes.includes(Buffer.from(v, 'utf8'));
    expect(has('批量学生40')).toBe(true);
    for (const secret of [nationalId, phone, partyPhone, nationalId.slice(0, 14), phone.slice(3)])
      expect(has(secret), `plaintext ${secret} in the dump`).toBe(false);
  });
});
