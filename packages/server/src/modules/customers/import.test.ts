import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD, session, testApp, type Session } from '../../../test/http-client.ts';
import { openTestDeps, type TestDeps, seedTestDemo } from '../../../test/test-deps.ts';
import { cnId } from './test-fixtures.ts';
import { csvLine } from '@bursar/core';
import { importCustomersFromFile } from './customers.cli.ts';
import { IMPORT_COLUMNS } from './import.service.ts';
import ExcelJS from 'exceljs';
import { readXlsxRecords, XLSX_MEDIA_TYPE } from '../../files/xlsx.ts';

let deps: TestDeps;
let app: FastifyInstance;
let manager: Session;
let officer: Session;

beforeAll(async () => {
  deps = await openTestDeps();
  await seedTestDemo(deps);
  app = (await testApp(deps)).app;
  manager = session(app);
  await manager.login('manager', DEMO_PASSWORD);
  officer = session(app);
  await officer.login('officer', DEMO_PASSWORD);
});
afterAll(async () => {
  await app.close();
  await deps.dispose();
});

type Row = Partial<Record<(typeof IMPORT_COLUMNS)[number], string>>;
const good = (n: number, over: Row = {}): Row => ({
  external_ref: `IMP-${n}`,
  legal_name: `导入学生${n}`,
  date_of_birth: '2006-05-17',
  national_id: cnId('2006-05-17', 500 + n),
  phone: `1380013${String(n).padStart(4, '0')}`,
  email: `imp${n}@example.cn`,
  city: '杭州',
  region: 'Zhejiang',
  country: 'CN',
  school_code: '4133010335',
  school_country: 'CN',
  level: 'undergraduate',
  start_date: '2024-09-01',
  expected_graduation_date: '2028-07-01',
  household_size: '4',
  household_income: '36000.00',
  currency: 'CNY',
  need_indicators: 'low_income',
  needs_verified: 'yes',
  party_name: '家长',
  party_phone: '13900139000',
  consent_service: 'yes',
  consent_marketing: 'no',
  ...over,
});

function csv(rows: Row[]): string {
  return (
    csvLine([...IMPORT_COLUMNS]) + rows.map((r) => csvLine(IMPORT_COLUMNS.map((c) => r[c] ?? ''))).join('')
  );
}

const FILE = csv([
  good(1),
  good(2, {
    national_id:
      cnId('2006-05-17', 502).slice(0, 17) + 'X' === cnId('2006-05-17', 502)
        ? cnId('2006-05-17', 502).slice(0, 17) + '0'
        : cnId('2006-05-17', 502).slice(0, 17) + 'X',
  }),
  good(3, { date_of_birth: '2030-01-01', national_id: '' }),
  good(4, { start_date: '2024-09-01', expected_graduation_date: '2023-07-01' }),
  good(5, { school_code: '9999999999' }),
  good(6, { external_ref: 'IMP-1', national_id: cnId('2006-05-17', 506) }),
  good(7, { level: 'kindergarten' }),
  good(8, { household_income: 'lots' }),
  good(9, { national_id: cnId('2006-05-17', 501) }),
  good(10, {
    legal_name: 'Zoë "Quoted, with comma" O\'Neil',
    national_id: '',
    date_of_birth: '2005-01-01',
    country: 'US',
    school_code: '',
    school_name: 'Harvard University',
    school_country: 'US',
    level: 'master',
    currency: 'USD',
  }),
]);

async function importCsv(s: Session, text: string, query: string) {
  return s.request('POST', `/api/v1/customers/imports?${query}`, text, { 'content-type': 'text/csv' });
}

describe('bulk import', () => {
  it('dry-runs: reports every bad row with its field and writes nothing', async () => {
    const before = (await deps.database.query<{ n: number }>('select count(*)::int as n from customers'))[0]!
      .n;
    const res = await importCsv(manager, FILE, 'dryRun=true&wait=true&fileName=batch1.csv');
    expect(res.statusCode, res.body).toBe(200);
    const job = res.json();
    expect(job).toMatchObject({
      status: 'done',
      dryRun: true,
      processedRows: 10,
      createdRows: 2,
      failedRows: 8,
      fileName: 'batch1.csv',
    });
    const byRow = Object.fromEntries(
      job.errors
        .map((e: { row: number; field: string; reason: string }) => [e.row, `${e.field}: ${e.reason}`])
        .reverse(),
    );
    expect(byRow).toMatchObject({
      3: expect.stringMatching(/^national_id: check digit/),
      4: 'date_of_birth: is in the future',
      5: 'expected_graduation_date: must be after the start date',
      6: 'school_code: is not a known school',
      7: expect.stringMatching(/^external_ref: appears twice in the file \(first on row 2\)/),
      8: expect.stringMatching(/^level: /),
      9: 'household_income: must be an amount like 36000.00',
      10: expect.stringMatching(/^national_id: appears twice in the file/),
    });
    expect((await deps.database.query<{ n: number }>('select count(*)::int as n from customers'))[0]!.n).toBe(
      before,
    );
  });

  it('imports the good rows whole, leaves the bad ones out, and is idempotent on external_ref', async () => {
    const res = await importCsv(manager, FILE, 'wait=true');
    expect(res.json()).toMatchObject({ status: 'done', createdRows: 2, failedRows: 8, skippedRows: 0 });
    const list = (await officer.request('GET', '/api/v1/customers?q=imp1@')).json();
    expect(list.items[0]).toMatchObject({
      externalRef: 'IMP-1',
      phone: '138****0001',
      school: { nameLocal: '浙江大学' },
    });
    const c = (await officer.request('GET', `/api/v1/customers/${list.items[0].id}`)).json();
    expect(c.classification.economicStatus.computed.rule).toBe('econ.need_indicator');
    expect(c.relatedParties).toHaveLength(1);
    expect(c.consents.map((x: { purpose: string }) => x.purpose)).toEqual(['marketing', 'service']);
    const zoe = (await officer.request('GET', '/api/v1/customers?q=O%27Neil')).json().items[0];
    expect(zoe.legalName).toBe('Zoë "Quoted, with comma" O\'Neil');
    expect(zoe.school.name).toBe('Harvard University');
    // Nothing of a failed row was written.
    const orphans = await deps.database.query(
      `select 1 from customers where external_ref in ('IMP-3','IMP-4','IMP-5')`,
    );
    expect(orphans).toHaveLength(0);

    const again = await importCsv(manager, FILE, 'wait=true');
    expect(again.json()).toMatchObject({ createdRows: 0, skippedRows: 2, failedRows: 8 });
    const audit = await deps.database.query(
      `select after from audit_events where action = 'customer.imported'`,
    );
    expect(JSON.stringify(audit)).not.toContain('13800130001');
  });

  it('answers 202 with a job to poll, refuses a wrong header and non-CSV bodies', async () => {
    const res = await importCsv(manager, csv([good(20)]), 'fileName=one.csv');
    expect(res.statusCode).toBe(202);
    let job = res.json();
    for (let i = 0; i < 100 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      job = (await manager.request('GET', `/api/v1/customers/imports/${job.id}`)).json();
    }
    expect(job).toMatchObject({ status: 'done', createdRows: 1 });
    expect((await manager.request('GET', '/api/v1/customers/imports')).json().length).toBeGreaterThanOrEqual(
      4,
    );
    const bad = await importCsv(manager, 'name,shoe_size\nx,42\n', 'wait=true');
    expect(bad.json()).toMatchObject({
      status: 'failed',
      errors: [{ field: '(file)', reason: expect.stringMatching(/unknown columns: name, shoe_size/) }],
    });
    expect((await manager.request('POST', '/api/v1/customers/imports', {})).statusCode).toBe(415);
    expect(
      (await officer.request('POST', '/api/v1/customers/imports', 'x', { 'content-type': 'text/csv' }))
        .statusCode,
    ).toBe(403);
    const template = await manager.request('GET', '/api/v1/customers/imports/template.csv');
    expect(template.body.split('\n')[0]).toBe(IMPORT_COLUMNS.join(','));
  });

  it('runs from the command line: bursar import customers FILE [--dry-run]', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bursar-import-'));
    const file = path.join(dir, 'students.csv');
    writeFileSync(file, csv([good(30), good(31, { date_of_birth: 'yesterday' })]));
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await importCustomersFromFile(deps, file, { dryRun: true })).toBe(1);
    expect(log.mock.calls.flat().join('\n')).toMatch(
      /Dry run: 2 rows: 1 would be created, 0 already imported, 1 failed/,
    );
    expect(log.mock.calls.flat().join('\n')).toMatch(/row 3 {2}date_of_birth: must be a date YYYY-MM-DD/);
    expect(await importCustomersFromFile(deps, file, {})).toBe(1);
    expect(await importCustomersFromFile(deps, path.join(dir, 'missing.csv'), {})).toBe(2);
    log.mockRestore();
    err.mockRestore();
    expect((await deps.database.query(`select 1 from customers where external_ref = 'IMP-30'`)).length).toBe(
      1,
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports an Excel workbook through the same checks, and offers the template as one', async () => {
    const template = await manager.request('GET', '/api/v1/customers/imports/template.xlsx');
    expect(template.statusCode).toBe(200);
    expect(template.headers['content-type']).toBe(XLSX_MEDIA_TYPE);
    const header = (await readXlsxRecords(template.rawPayload))[0]!.cells;
    expect(header).toEqual([...IMPORT_COLUMNS]);

    // A sheet as staff make them: a date typed as a date, a number as a number, a bad row.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('students');
    sheet.addRow([...IMPORT_COLUMNS]);
    const rowOf = (r: Row) => IMPORT_COLUMNS.map((c) => r[c] ?? '') as (string | number | Date)[];
    const typed = rowOf(good(40));
    typed[IMPORT_COLUMNS.indexOf('date_of_birth')] = new Date(Date.UTC(2006, 4, 17));
    typed[IMPORT_COLUMNS.indexOf('household_size')] = 4;
    sheet.addRow(typed);
    sheet.addRow(rowOf(good(41, { level: 'kindergarten' })));
    const data = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await manager.request('POST', '/api/v1/customers/imports?wait=true&fileName=s.xlsx', data, {
      'content-type': XLSX_MEDIA_TYPE,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ format: 'xlsx', processedRows: 2, createdRows: 1, failedRows: 1 });
    expect(res.json().errors[0]).toMatchObject({ row: 3, field: 'level' });
    const imported = await deps.database.query<{ date_of_birth: string }>(
      `select date_of_birth::text from customers where external_ref = 'IMP-40'`,
    );
    expect(imported).toEqual([{ date_of_birth: '2006-05-17' }]);
    // The CLI knows a workbook too: the same file again skips the imported row, fails the bad one.
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bursar-import-'));
    writeFileSync(path.join(dir, 'students.xlsx'), data);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await importCustomersFromFile(deps, path.join(dir, 'students.xlsx'), {})).toBe(1);
    expect(log.mock.calls.flat().join('\n')).toMatch(/2 rows: 0 created, 1 already imported, 1 failed/);
    log.mockRestore();
    rmSync(dir, { recursive: true, force: true });

    // An 18-digit ID number typed into a numeric cell has lost digits inside Excel: refused, named.
    const lossy = new ExcelJS.Workbook();
    const s2 = lossy.addWorksheet('students');
    s2.addRow([...IMPORT_COLUMNS]);
    const bad = rowOf(good(42)) as (string | number)[];
    bad[IMPORT_COLUMNS.indexOf('national_id')] = 110105200605170000;
    s2.addRow(bad);
    const refused = await manager.request(
      'POST',
      '/api/v1/customers/imports?wait=true',
      Buffer.from(await lossy.xlsx.writeBuffer()),
      { 'content-type': XLSX_MEDIA_TYPE },
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].message).toMatch(/18-digit number/);
    const junk = await manager.request('POST', '/api/v1/customers/imports', Buffer.from('not a zip'), {
      'content-type': XLSX_MEDIA_TYPE,
    });
    expect(junk.statusCode).toBe(400);
    expect(junk.json().errors[0]).toMatchObject({ field: '(file)' });
  });
});

describe('duplicates and merge', () => {
  it('finds a likely duplicate, previews the merge, merges it (audited) and reverses it', async () => {
    const a = await officer.request('POST', '/api/v1/customers', {
      legalName: '钟楚楚',
      dateOfBirth: '2004-02-02',
      phone: '13722223333',
      tags: ['a'],
    });
    const b = await officer.request('POST', '/api/v1/customers', {
      legalName: '钟楚楚',
      dateOfBirth: '2004-02-02',
      nationalId: cnId('2004-02-02', 77),
      email: 'chuchu@example.cn',
      tags: ['b'],
      household: { size: 3, annualIncomeMinor: 20_000_00, currency: 'CNY' },
      allowDuplicate: true,
    });
    expect(b.statusCode, b.body).toBe(201);
    const aId = a.json().id;
    const bId = b.json().id;
    await officer.request('POST', `/api/v1/customers/${bId}/notes`, { body: 'note on the duplicate' });

    const check = await officer.request('POST', '/api/v1/customers/duplicates/check', {
      legalName: '钟楚楚',
      dateOfBirth: '2004-02-02',
    });
    expect(
      check
        .json()
        .map((c: { customer: { id: string }; reasons: string[] }) => c.customer.id)
        .sort(),
    ).toEqual([aId, bId].sort());
    expect((await officer.request('GET', `/api/v1/customers/${aId}/duplicates`)).json()[0]).toMatchObject({
      customer: { id: bId },
      reasons: ['name_dob'],
    });

    const preview = (
      await officer.request('POST', `/api/v1/customers/${aId}/merge/preview`, { duplicateId: bId })
    ).json();
    expect(preview.filledFromDuplicate).toEqual(expect.arrayContaining(['email', 'nationalId']));
    expect(preview.moves.customerNotes).toBe(1);
    expect(preview.tagsAfter).toEqual(['a', 'b']);

    const merged = await officer.request('POST', `/api/v1/customers/${aId}/merge`, {
      duplicateId: bId,
      reason: 'same person, entered twice',
    });
    expect(merged.statusCode, merged.body).toBe(200);
    const after = (await officer.request('GET', `/api/v1/customers/${aId}?reveal=true`)).json();
    expect(after).toMatchObject({
      email: 'chuchu@example.cn',
      nationalId: cnId('2004-02-02', 77),
      phone: '13722223333',
      tags: ['a', 'b'],
    });
    expect(after.classification.economicStatus.computed.rule).toBe('econ.low_income');
    expect((await officer.request('GET', `/api/v1/customers/${aId}/notes`)).json()).toHaveLength(1);
    expect((await officer.request('GET', `/api/v1/customers/${bId}`)).json()).toMatchObject({
      status: 'merged',
      mergedInto: aId,
    });
    expect((await officer.request('GET', '/api/v1/customers?q=钟楚楚')).json().total).toBe(1);
    const audit = await deps.database.query<{ action: string; after: unknown }>(
      `select action, after from audit_events where action like 'customer.merge%' order by seq`,
    );
    expect(audit.map((r) => r.action)).toEqual(['customer.merged', 'customer.merged_into']);
    expect(JSON.stringify(audit)).not.toContain('13722223333');

    const rev = await officer.request('POST', `/api/v1/customers/merges/${merged.json().mergeId}/reverse`);
    expect(rev.statusCode, rev.body).toBe(200);
    const back = (await officer.request('GET', `/api/v1/customers/${aId}`)).json();
    expect(back).toMatchObject({ email: null, nationalId: null, tags: ['a'], household: null });
    expect((await officer.request('GET', `/api/v1/customers/${bId}`)).json()).toMatchObject({
      status: 'active',
      mergedInto: null,
      email: 'c***@example.cn',
    });
    expect((await officer.request('GET', `/api/v1/customers/${bId}/notes`)).json()).toHaveLength(1);
    expect(
      (await officer.request('POST', `/api/v1/customers/merges/${merged.json().mergeId}/reverse`)).statusCode,
    ).toBe(409);
  });
});
