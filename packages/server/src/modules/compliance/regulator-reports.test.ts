// Regulator reporting: EAST tables and NSLDS records validate and reconcile to the ledger; a bad
// file is rejected; every run is logged with its checksum; runs are idempotent per report+period
// and re-runs keep history. Over HTTP: permissions, the student's own data-subject requests,
// and residency blocking an extract bound for another region.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, session, testApp, type Session } from '../../../test/http-client.ts';
import { openTestDeps, type TestDeps, seedTestDemo } from '../../../test/test-deps.ts';
import { SYSTEM_ACTOR } from '../../deps.ts';
import { createCustomer } from '../customers/index.ts';
import { disburseTranche, openLoan } from '../servicing/index.ts';
import { validateEastTable } from './east.format.ts';
import { validateNsldsFile } from './nslds.format.ts';
import {
  buildEast,
  buildNslds,
  runRegulatorReport,
  validateEast,
  validateNslds,
} from './regulator-reports.service.ts';
import { dataProtectionDashboardSection, regulatorReportingDashboardSection } from './retention.dashboard.ts';
import { sha256 } from './retention.service.ts';

const ctx = { ...SYSTEM_ACTOR, actorName: 'test-reporting' };
let deps: TestDeps;
let app: FastifyInstance;
let auditor: Session;
let student: Session;
let agent: Session;

beforeAll(async () => {
  deps = await openTestDeps();
  await seedTestDemo(deps);
  for (const [name, product, amount] of [
    ['孙八', 'CN-BANK-TUITION', '8000.00'],
    ['周九', 'CN-NSL-HOME', '12000.00'],
    ['Ada Lovelace', 'US-DIRECT-UNSUB', '5500.00'],
  ] as const) {
    const c = await createCustomer(deps, ctx, { legalName: name });
    const loan = await openLoan(deps, ctx, { customerId: c.id, productCode: product, amount });
    await disburseTranche(deps, ctx, loan.id, { amount });
  }
  ({ app } = await testApp(deps));
  auditor = session(app);
  student = session(app);
  agent = session(app);
  expect((await auditor.login('auditor', DEMO_PASSWORD)).statusCode).toBe(200);
  expect((await student.login('student', DEMO_PASSWORD)).statusCode).toBe(200);
  expect((await agent.login('agent', DEMO_PASSWORD)).statusCode).toBe(200);
}, 300_000); // the full demo seed: slow on a busy machine
afterAll(async () => {
  await app.close();
  await deps.dispose();
});

const ledgerOf = (entries: [string, bigint][]) => new Map(entries);

describe('EAST tables', () => {
  it('builds valid tables whose balances reconcile to the ledger', async () => {
    const built = await buildEast(deps, '2026-08', '2026-08-31');
    expect(built.issues).toEqual([]);
    const loans = built.files[1]!.content.trim().split('\n');
    expect(loans.length).toBeGreaterThanOrEqual(3);
    const zh = loans.find((l) => l.includes('|CNY|8000.00|8000.00|'));
    expect(zh?.split('|')).toHaveLength(12);
    expect(built.files[0]!.content).toContain('孙八');
  });

  it('rejects a bad file: a missing required field, a bad code, a bad date, and totals off the ledger', () => {
    const kh = 'C1|张三|CN|北京|20260831\n';
    const good = 'L1|C1|CNY|100.00|80.00|1|4.350000|20260101|20270101|ZX|0|20260831\n';
    expect(
      validateEast(
        [
          { name: 'GRKHXX.txt', content: kh },
          { name: 'GRXDJJ.txt', content: good },
        ],
        ledgerOf([['CNY', 8000n]]),
      ).issues,
    ).toEqual([]);
    const bad = 'L1||CNY|100.00|80.00|7|4.35|20261341|20270101|ZX|0|20260831\n';
    const issues = validateEast(
      [
        { name: 'GRKHXX.txt', content: kh },
        { name: 'GRXDJJ.txt', content: bad },
      ],
      ledgerOf([['CNY', 9000n]]),
    ).issues.map((i) => i.field);
    expect(issues).toEqual(expect.arrayContaining(['KHH', 'WJFL', 'LL', 'FFRQ', 'DKYE']));
    expect(validateEastTable('GRXDJJ', 'x', 'L1|C1|CNY\n').issues[0]!.message).toMatch(/3 fields/);
  });
});

describe('NSLDS records', () => {
  it('lays out 200-character records that pass the layout validator and reconcile', async () => {
    const built = await buildNslds(deps, '2026-08', '2026-08-31');
    expect(built.issues).toEqual([]);
    const lines = built.files[0]!.content.split('\n').filter(Boolean);
    expect(lines.every((l) => l.length === 200)).toBe(true);
    expect(lines[0]![0]).toBe('H');
    expect(lines.at(-1)![0]).toBe('T');
    const detail = lines.find((l) => l.startsWith('D'))!;
    expect(detail.slice(45, 57)).toBe('000000550000');
    expect(detail.slice(35, 37)).toMatch(/^(IS|IG|RP)$/);
  });

  it('rejects a shifted field, a wrong length and a trailer that does not add up', async () => {
    const built = await buildNslds(deps, '2026-08', '2026-08-31');
    const lines = built.files[0]!.content.split('\n').filter(Boolean);
    const d = lines[1]!;
    const shifted = `${d.slice(0, 35)}X${d.slice(35, 199)}`; // status moved one position right
    const short = d.slice(0, 199);
    const bad = [lines[0], shifted, short, lines.at(-1)].join('\n') + '\n';
    const { issues } = validateNsldsFile('NSLDS.dat', bad);
    expect(issues.map((i) => i.field)).toEqual(
      expect.arrayContaining(['loanStatus (36-37)', '(record)', 'totalPrincipal']),
    );
    expect(
      validateNslds([{ name: 'n', content: built.files[0]!.content }], ledgerOf([['USD', 1n]])).issues[0]!
        .field,
    ).toBe('outstandingPrincipal');
  });
});

describe('report runs', () => {
  it('logs a run with its checksum, returns the same run for the same content, and keeps history', async () => {
    const first = await runRegulatorReport(deps, ctx, { report: 'east', period: '2026-07' });
    expect(first.status).toBe('released');
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
    const again = await runRegulatorReport(deps, ctx, { report: 'east', period: '2026-07' });
    expect(again.id).toBe(first.id);
    // The book changes: a re-run is version 2, and version 1 stays.
    const c = await createCustomer(deps, ctx, { legalName: '吴十' });
    const loan = await openLoan(deps, ctx, {
      customerId: c.id,
      productCode: 'CN-BANK-TUITION',
      amount: '3000.00',
    });
    await disburseTranche(deps, ctx, loan.id, { amount: '3000.00' });
    const second = await runRegulatorReport(deps, ctx, { report: 'east', period: '2026-07' });
    expect(second.version).toBe(2);
    expect(second.sha256).not.toBe(first.sha256);
    const res = await auditor.request('GET', '/api/v1/compliance/regulator-reports');
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .items.filter(
          (r: { period: string; report: string }) => r.report === 'east' && r.period === '2026-07',
        ),
    ).toHaveLength(2);
    const file = await auditor.request(
      'GET',
      `/api/v1/compliance/regulator-reports/${first.id}/files/${first.files[1]!.name}`,
    );
    expect(file.statusCode).toBe(200);
    expect(file.headers['x-checksum-sha256']).toBe(first.files[1]!.sha256);
    expect(sha256(file.body)).toBe(first.files[1]!.sha256);
    const [stored] = await deps.database.query<{ content: string }>(
      `select content from regulator_report_files where run_id = $1 limit 1`,
      [first.id],
    );
    expect(stored!.content).not.toContain('孙八');
  });

  it('runs the complaint register over HTTP and refuses an extract bound outside the declared region', async () => {
    const res = await auditor.request('POST', '/api/v1/compliance/regulator-reports', {
      report: 'complaints',
      period: '2026-08',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ report: 'complaints', status: 'released' });
    await deps.database.query(`insert into data_region (id, region, declared_at) values (1, 'cn', now())`);
    const blocked = await auditor.request('POST', '/api/v1/compliance/regulator-reports', {
      report: 'nslds',
      period: '2026-08',
    });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toMatchObject({
      type: '/problems/residency-blocked',
      errors: [{ field: 'destinationRegion' }],
    });
    await deps.database.query(`delete from data_region`);
    const bad = await auditor.request('POST', '/api/v1/compliance/regulator-reports', {
      report: 'east',
      period: '2026-13',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toContain('period');
  });
});

describe('data-subject requests over HTTP', () => {
  it('lets a student file and see only their own requests; staff work the queue', async () => {
    const filed = await student.request('POST', '/api/v1/portal/data-requests', {
      kind: 'access',
      details: '请提供我的个人信息副本',
    });
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json()).toMatchObject({ channel: 'portal', status: 'open', regime: 'PIPL' });
    const mine = (await student.request('GET', '/api/v1/portal/data-requests')).json().items;
    expect(mine.every((d: { customerId: string }) => d.customerId === filed.json().customerId)).toBe(true);
    expect((await student.request('GET', '/api/v1/compliance/dsrs')).statusCode).toBe(403);
    expect((await agent.request('GET', '/api/v1/compliance/dsrs')).statusCode).toBe(403);
    const pkg = await auditor.request('POST', `/api/v1/compliance/dsrs/${filed.json().id}/access`, {});
    expect(pkg.statusCode, pkg.body).toBe(200);
    expect(sha256(pkg.json().content)).toBe(pkg.json().sha256);
    expect(JSON.parse(pkg.json().content).customer.customer.id).toBe(filed.json().customerId);
    const after = (await auditor.request('GET', `/api/v1/compliance/dsrs/${filed.json().id}`)).json();
    expect(after).toMatchObject({ status: 'completed' });
    expect(after.evidenceSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('shows open requests near their deadline on the dashboard section', async () => {
    const { COMPLIANCE_DASHBOARD_SECTIONS } = await import('./dashboard.ts');
    expect(COMPLIANCE_DASHBOARD_SECTIONS).toEqual(
      expect.arrayContaining([dataProtectionDashboardSection, regulatorReportingDashboardSection]),
    );
    const dp = await dataProtectionDashboardSection(deps);
    expect(dp.atRisk.some((a) => a.kind === 'dsr' && !a.overdue)).toBe(true);
    const rr = await regulatorReportingDashboardSection(deps);
    expect(rr.figures.find((f) => f.key === 'report-east')!.tone).toBe('ok');
  });
});
