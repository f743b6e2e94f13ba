// Portfolio risk analytics and the risk register on a real loan book: three borrowers at two
// schools, one of whom never pays, aged by the real close of business through default.
import { formatMoney } from '@bursar/core';
import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../identity/index.ts';
import { DEMO_PASSWORD, session, testApp, type Session } from '../../../test/http-client.ts';
import { openTestDeps, type TestDeps } from '../../../test/test-deps.ts';
import { SYSTEM_ACTOR } from '../../deps.ts';
import { installBuiltInProducts } from '../products/index.ts';
import {
  closeBusinessDaysThrough,
  disburseTranche,
  importLoans,
  openLoan,
  postPayment,
  STAFF_ACCESS,
} from '../servicing/index.ts';

let deps: TestDeps;
let app: FastifyInstance;
let risk: Session;
let auditor: Session;
let officer: Session;
let student: Session;
const loans: Record<'good' | 'bad' | 'other', string> = { good: '', bad: '', other: '' };

async function borrowerAt(school: { id: string }, name: string, programme: string): Promise<string> {
  const id = randomUUID();
  await deps.database.query(
    `insert into customers (id, legal_name, search_name, classification, current_school_id, created_at, updated_at)
     values ($1, $2, lower($2), '{}', $3, now(), now())`,
    [id, name, school.id],
  );
  await deps.database.query(
    `insert into enrolments (id, customer_id, school_id, programme_name, level, start_date, expected_graduation_date,
                             status, status_date, created_at, updated_at)
     values ($1, $2, $3, $4, 'bachelor', '2022-09-01', '2026-06-30', 'graduated', '2026-06-30', now(), now())`,
    [randomUUID(), id, school.id, programme],
  );
  return id;
}

async function school(name: string, region: string) {
  const id = randomUUID();
  await deps.database.query(
    `insert into schools (id, name, country, region, type, source, created_at) values ($1, $2, 'CN', $3, 'university', 'test', now())`,
    [id, name, region],
  );
  return { id };
}

const OPS = { ...SYSTEM_ACTOR, actorName: 'test-ops' };

interface LoanRow {
  state: string;
  daysPastDue: number;
  principal: number;
  owed: number;
  due: number;
}

/** The loan as the servicing tables hold it (amounts in minor units). */
async function loanRow(_deps: TestDeps, id: string): Promise<LoanRow> {
  const [r] = await deps.database.query<Record<string, string | number>>(
    `select state, days_past_due, principal::float8 as principal,
            (principal + interest_due + interest_accrued + penalty_due + fees_due)::float8 as owed,
            (principal_due + interest_due + penalty_due + fees_due)::float8 as due
       from loans where id = $1`,
    [id],
  );
  return {
    state: String(r!.state),
    daysPastDue: Number(r!.days_past_due),
    principal: Number(r!.principal),
    owed: Number(r!.owed),
    due: Number(r!.due),
  };
}

async function newLoan(customerId: string, amount: string): Promise<string> {
  const loan = await openLoan(deps, OPS, { customerId, productCode: 'CN-BANK-TUITION', amount });
  await disburseTranche(deps, OPS, loan.id, { amount });
  return loan.id;
}

async function payDues(id: string) {
  const { due } = await loanRow(deps, id);
  if (due > 0)
    await postPayment(deps, OPS, STAFF_ACCESS, {
      loanId: id,
      amount: formatMoney(due, 'CNY'),
      currency: 'CNY',
      channel: 'bank_transfer',
      idempotencyKey: `pf-${randomUUID()}`,
    });
}

beforeAll(async () => {
  // No demo seed: the book holds exactly the loans below, so every figure can be checked.
  deps = await openTestDeps();
  await installBuiltInProducts(deps, SYSTEM_ACTOR);
  const tsinghua = await school('Tsinghua University', '北京');
  const fudan = await school('Fudan University', '上海');
  const a = await borrowerAt(tsinghua, '李明', 'Computer Science');
  const b = await borrowerAt(tsinghua, '王芳', 'Computer Science');
  const c = await borrowerAt(fudan, '张伟', 'Economics');
  const people = [
    ['risk', 'risk_analyst'],
    ['auditor', 'compliance_auditor'],
    ['officer', 'loan_officer'],
    ['student', 'student'],
  ] as const;
  for (const [username, role] of people) {
    await createUser(deps, SYSTEM_ACTOR, {
      username,
      displayName: username,
      email: `${username}@test.example`,
      password: DEMO_PASSWORD,
      roles: [role],
      locale: 'en',
      ...(role === 'student' ? { customerId: a } : {}),
    });
  }
  app = (await testApp(deps)).app;
  [risk, auditor, officer, student] = [session(app), session(app), session(app), session(app)];
  await risk.login('risk', DEMO_PASSWORD);
  await auditor.login('auditor', DEMO_PASSWORD);
  await officer.login('officer', DEMO_PASSWORD);
  await student.login('student', DEMO_PASSWORD);
  loans.good = await newLoan(a, '30000.00');
  loans.other = await newLoan(c, '10000.00');
  // A legacy loan boarded on 1 Sept 2026, its 1 Aug instalment unpaid (31 days past due).
  await importLoans(
    deps,
    OPS,
    [
      'loan_number,customer_id,product_code,currency,opened_on,commitment,principal,principal_due,interest_due,interest_accrued,oldest_due_date,next_due_date,instalments_remaining',
      `LEGACY-PF-1,${b},CN-BANK-TUITION,CNY,2026-03-01,20000.00,20000.00,900.00,120.00,0,2026-08-01,2026-10-01,30`,
    ].join('\n'),
  );
  const [legacy] = await deps.database.query<{ id: string }>(
    `select id from loans where loan_number = 'LEGACY-PF-1'`,
  );
  loans.bad = legacy!.id;
  // Two borrowers pay every instalment right after it is billed; the legacy borrower never pays.
  for (const d of ['2026-09-30', '2026-10-30']) {
    await closeBusinessDaysThrough(deps, d);
    await payDues(loans.good);
    await payDues(loans.other);
  }
}, 900_000);

afterAll(async () => {
  await app.close();
  await deps.dispose();
});

describe('portfolio analytics on the live book', () => {
  it('computes PAR30 and PAR90 from the loans’ balances and drills down to the loans', async () => {
    const [good, bad, other] = await Promise.all([
      loanRow(deps, loans.good),
      loanRow(deps, loans.bad),
      loanRow(deps, loans.other),
    ]);
    expect(bad.state).toBe('default');
    // Aged by close of business: 90 days past due on 30 Oct, the product's default point.
    expect(bad.daysPastDue).toBe(90);
    const res = await risk.request('GET', '/api/v1/risk/portfolio');
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.currency).toBe('CNY');
    expect(d.loans).toBe(3);
    const total = good.principal + bad.principal + other.principal;
    expect(d.par30).toMatchObject({ balance: total, balanceAtRisk: bad.principal, countAtRisk: 1, count: 3 });
    expect(d.par30.ratio).toBeCloseTo(bad.principal / total, 12);
    expect(d.par90.balanceAtRisk).toBe(bad.principal);
    const buckets = Object.fromEntries(
      d.buckets.map((b: { bucket: string; count: number }) => [b.bucket, b.count]),
    );
    expect(buckets).toMatchObject({ current: 2, '1-29': 0, '90-179': 1 });

    const drill = await risk.request('GET', '/api/v1/risk/portfolio/par-loans?days=30');
    expect(drill.json().items.map((l: { loanId: string }) => l.loanId)).toEqual([loans.bad]);
    expect(drill.json().items[0]).toMatchObject({
      loanNumber: 'LEGACY-PF-1',
      daysPastDue: 90,
      school: 'Tsinghua University',
      programme: 'Computer Science',
    });
  });

  it('keeps month-end snapshots and derives roll rates and vintages from them', async () => {
    const snaps = await deps.database.query<{ month_end: string; bucket: string; state: string }>(
      `select month_end::text, bucket, state from risk_month_end_snapshots where loan_id = $1 order by month_end`,
      [loans.bad],
    );
    // Rebuilt from the bills and payments: 60 days behind on 30 Sept; default (90 days) on 30 Oct.
    expect(snaps.map((s) => [s.month_end, s.bucket, s.state])).toEqual([
      ['2026-09-30', '60-89', 'repayment'],
      ['2026-10-31', '90-179', 'default'],
    ]);
    const good = await deps.database.query<{ bucket: string }>(
      `select bucket from risk_month_end_snapshots where loan_id = $1 order by month_end`,
      [loans.good],
    );
    expect(good.map((g) => g.bucket)).toEqual(['current', 'current']);
    const d = (await risk.request('GET', '/api/v1/risk/portfolio')).json();
    const { statuses, pooled, periods } = d.rollRates;
    const cell = (from: string, to: string) => pooled.counts[statuses.indexOf(from)][statuses.indexOf(to)];
    expect(periods.map((p: { from: string; to: string }) => `${p.from}→${p.to}`)).toEqual([
      '2026-09-30→2026-10-31',
    ]);
    expect(cell('current', 'current')).toBe(2);
    expect(cell('60-89', 'default')).toBe(1);
    expect(pooled.counts.flat().reduce((a: number, b: number) => a + b, 0)).toBe(3);
    expect(pooled.rates[statuses.indexOf('60-89')][statuses.indexOf('default')]).toBe(1);
    // Cohorts by disbursement month: the legacy loan (opened March) bad from month 6 on; September's
    // two loans never bad.
    expect(d.vintages.map((v: { cohort: string }) => v.cohort)).toEqual(['2026-03', '2026-09']);
    expect(d.vintages[0].points.map((p: { rate: number }) => p.rate)).toEqual([0, 0, 0, 0, 0, 0, 1, 1]);
    expect(d.vintages[1].points.map((p: { rate: number }) => p.rate)).toEqual([0, 0]);
    // PAR trend: one point per month end, then today's live book.
    expect(d.parTrend.map((p: { date: string; live: boolean }) => p.live)).toEqual([false, false, true]);
    expect(d.parTrend[0].par30).toBeGreaterThan(0);
  });

  it('rates cohort defaults by school and programme with the US definition', async () => {
    const d = (await risk.request('GET', '/api/v1/risk/portfolio')).json();
    // All three entered repayment on 1 Sept 2026: fiscal year 2026, window to 30 Sept 2028.
    expect(d.cdrBySchool).toEqual([
      {
        group: 'Fudan University',
        fiscalYear: 2026,
        windowEnd: '2028-09-30',
        borrowers: 1,
        defaulted: 0,
        rate: 0,
        final: false,
      },
      {
        group: 'Tsinghua University',
        fiscalYear: 2026,
        windowEnd: '2028-09-30',
        borrowers: 2,
        defaulted: 1,
        rate: 0.5,
        final: false,
      },
    ]);
    expect(d.cdrByProgramme.find((r: { group: string }) => r.group === 'Computer Science').rate).toBe(0.5);
  });

  it('provisions under IFRS 9, CECL and the five tiers side by side, and under stress', async () => {
    const bad = await loanRow(deps, loans.bad);
    const ead = bad.owed;
    const d = (await risk.request('GET', '/api/v1/risk/portfolio')).json();
    const stage3 = d.provisions.ifrs9.byStage[2];
    expect(stage3).toMatchObject({ key: '3', count: 1, ead, provision: Math.round(0.6 * ead) });
    expect(d.provisions.ifrs9.byStage[0].count).toBe(2);
    // CECL takes lifetime losses on the performing loans too.
    expect(d.provisions.cecl.total).toBeGreaterThan(d.provisions.ifrs9.total);
    const tiers = Object.fromEntries(
      d.provisions.fiveTier.byTier.map((t: { key: string; count: number }) => [t.key, t.count]),
    );
    expect(tiers).toEqual({ normal: 2, special_mention: 0, substandard: 1, doubtful: 0, loss: 0 });
    expect(d.provisions.fiveTier.byTier[2].provision).toBe(Math.round(0.25 * ead));

    const s = await risk.request('POST', '/api/v1/risk/portfolio/stress', {
      unemploymentPp: 2,
      incomeDropPct: 10,
    });
    expect(s.statusCode).toBe(200);
    const st = s.json();
    expect(st.pd12.find((p: { bucket: string }) => p.bucket === 'current').stressed).toBeCloseTo(0.0288, 12);
    expect(st.baseline.ifrs9.total).toBe(d.provisions.ifrs9.total);
    expect(st.stressed.ifrs9.total).toBeGreaterThan(st.baseline.ifrs9.total);
    // The impaired loan already carries PD 1: stress moves only stages 1 and 2.
    expect(st.stressed.ifrs9.byStage[2].provision).toBe(stage3.provision);
    expect(st.delta.fiveTier).toBe(0);
    const badBody = await risk.request('POST', '/api/v1/risk/portfolio/stress', {
      unemploymentPp: 'lots',
      incomeDropPct: 0,
    });
    expect(badBody.statusCode).toBe(400);
    expect(badBody.json().errors[0].field).toContain('unemploymentPp');
  });

  it('measures concentration by school, programme and region', async () => {
    const d = (await risk.request('GET', '/api/v1/risk/portfolio?topN=1')).json();
    const [good, bad, other] = await Promise.all([
      loanRow(deps, loans.good),
      loanRow(deps, loans.bad),
      loanRow(deps, loans.other),
    ]);
    const total = good.principal + bad.principal + other.principal;
    const s1 = (good.principal + bad.principal) / total;
    const s2 = other.principal / total;
    expect(d.concentration.school.hhi).toBeCloseTo(s1 * s1 + s2 * s2, 12);
    expect(d.concentration.school.top).toEqual([
      { key: 'Tsinghua University', balance: good.principal + bad.principal, share: s1 },
    ]);
    expect(d.concentration.region.top[0].key).toBe('北京');
  });

  it('exports sections as CSV and the whole dashboard as XLSX', async () => {
    const csv = await risk.request('GET', '/api/v1/risk/portfolio/export?format=csv&section=par30-loans');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toContain('loan_number');
    expect(lines).toHaveLength(2);
    const xlsx = await risk.request('GET', '/api/v1/risk/portfolio/export?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toContain('provisions');
    expect(wb.getWorksheet('summary')!.getRow(2).getCell(2).value).toBe('2026-11-02');
  });

  it('takes LGD and PDs from the audited settings', async () => {
    const settings = (await risk.request('GET', '/api/v1/risk/portfolio/settings')).json();
    expect(settings.ecl.lgd).toBe(0.6);
    const denied = await auditor.request('PUT', '/api/v1/risk/portfolio/settings', settings);
    expect(denied.statusCode).toBe(403);
    const wrong = await risk.request('PUT', '/api/v1/risk/portfolio/settings', {
      ...settings,
      ecl: { ...settings.ecl, lgd: 1.5 },
    });
    expect([wrong.statusCode, wrong.json().errors[0].field]).toEqual([400, 'ecl.lgd']);
    const put = await risk.request('PUT', '/api/v1/risk/portfolio/settings', {
      ...settings,
      ecl: { ...settings.ecl, lgd: 0.5 },
    });
    expect(put.statusCode).toBe(200);
    const bad = await loanRow(deps, loans.bad);
    const d = (await risk.request('GET', '/api/v1/risk/portfolio')).json();
    expect(d.provisions.ifrs9.byStage[2].provision).toBe(Math.round(0.5 * bad.owed));
    await risk.request('PUT', '/api/v1/risk/portfolio/settings', settings);
    const audit = await deps.database.query(
      `select 1 from audit_events where action = 'risk.portfolio_settings.updated'`,
    );
    expect(audit).toHaveLength(2);
  });

  it('lets only risk readers see the portfolio', async () => {
    expect((await auditor.request('GET', '/api/v1/risk/portfolio')).statusCode).toBe(200);
    expect((await officer.request('GET', '/api/v1/risk/portfolio')).statusCode).toBe(403);
    expect((await student.request('GET', '/api/v1/risk/portfolio/par-loans')).statusCode).toBe(403);
  });
});

describe('risk register', () => {
  it('adds a risk with a KRI bound to PAR30 whose status is computed live', async () => {
    const res = await risk.request('POST', '/api/v1/risk/register', {
      title: 'Delinquency after grace',
      category: 'credit',
      ownerName: 'Ravi',
      likelihood: 4,
      impact: 5,
      controls: [{ name: 'Grace-end calls', kind: 'preventive', effectiveness: 'effective' }],
      kris: [
        { name: 'PAR30', metric: 'par30', direction: 'above', amber: 0.05, red: 0.1 },
        { name: 'PAR90 loose', metric: 'par90', direction: 'above', amber: 0.9, red: 0.95 },
      ],
    });
    expect(res.statusCode).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({
      score: 20,
      level: 'critical',
      reviewOverdue: false,
      nextReviewOn: '2026-11-30',
    });
    // PAR30 is about a third of the book: red; PAR90 under its amber: green.
    expect(r.kris.map((k: { status: string }) => k.status)).toEqual(['red', 'green']);
    expect(r.kris[0].value).toBeGreaterThan(0.1);

    const reg = (await auditor.request('GET', '/api/v1/risk/register')).json();
    const item = reg.items.find((i: { id: string }) => i.id === r.id);
    expect(item).toMatchObject({ kriStatus: 'red', controls: 1, kris: 2 });
    expect(reg.heatMap[3][4]).toBe(1);
    expect(reg.overdueReviews).toBe(0);

    const audit = await deps.database.query(
      `select 1 from audit_events where action = 'risk.register.created' and entity_id = $1`,
      [r.id],
    );
    expect(audit).toHaveLength(1);
  });

  it('flags overdue reviews, and a review moves the next date on', async () => {
    const r = (
      await risk.request('POST', '/api/v1/risk/register', {
        title: 'Fraudulent enrolment letters',
        category: 'operational',
        ownerName: 'Carmen',
        likelihood: 2,
        impact: 2,
        reviewEveryDays: 30,
        nextReviewOn: '2026-08-01',
      })
    ).json();
    expect(r.reviewOverdue).toBe(true);
    expect((await risk.request('GET', '/api/v1/risk/register')).json().overdueReviews).toBe(1);
    const reviewed = await risk.request('POST', `/api/v1/risk/register/${r.id}/review`, {
      note: 'controls retested',
    });
    expect(reviewed.json()).toMatchObject({
      reviewOverdue: false,
      lastReviewedOn: '2026-09-01',
      nextReviewOn: '2026-10-01',
    });
  });

  it('refuses bad input with the field named and keeps compliance read-only', async () => {
    const bad = await risk.request('POST', '/api/v1/risk/register', {
      title: 'x',
      category: 'credit',
      ownerName: 'y',
      likelihood: 6,
      impact: 1,
    });
    expect([bad.statusCode, bad.json().errors[0].field]).toEqual([400, 'likelihood']);
    const inverted = await risk.request('POST', '/api/v1/risk/register', {
      title: 'x',
      category: 'credit',
      ownerName: 'y',
      likelihood: 1,
      impact: 1,
      kris: [{ name: 'k', metric: 'par30', direction: 'above', amber: 0.1, red: 0.05 }],
    });
    expect([inverted.statusCode, inverted.json().errors[0].field]).toEqual([400, 'kris.0.red']);
    const count = await deps.database.query(`select 1 from risk_register_risks where title = 'x'`);
    expect(count).toHaveLength(0);
    const denied = await auditor.request('POST', '/api/v1/risk/register', {
      title: 'z',
      category: 'legal',
      ownerName: 'z',
      likelihood: 1,
      impact: 1,
    });
    expect(denied.statusCode).toBe(403);
  });

  it('logs incidents with the loss in minor units, linked to a risk, and feeds the loss KRI', async () => {
    const r = (
      await risk.request('POST', '/api/v1/risk/register', {
        title: 'Payment posting errors',
        category: 'operational',
        ownerName: 'Ops',
        likelihood: 3,
        impact: 2,
        kris: [
          {
            name: 'Losses 90d',
            metric: 'incident_loss_90d',
            direction: 'above',
            amber: 100_000,
            red: 10_000_000,
          },
        ],
      })
    ).json();
    const inc = await risk.request('POST', '/api/v1/risk/incidents', {
      occurredOn: '2026-08-20',
      category: 'execution_delivery',
      title: 'Duplicate bank file',
      lossAmount: '1234.56',
      currency: 'CNY',
      riskId: r.id,
    });
    expect(inc.statusCode).toBe(201);
    expect(inc.json()).toMatchObject({ lossMinor: 123_456, lossAmount: '1234.56', status: 'open' });
    const detail = (await risk.request('GET', `/api/v1/risk/register/${r.id}`)).json();
    expect(detail.incidents).toHaveLength(1);
    expect(detail.kris[0].value).toBe(123_456);
    expect(detail.kris[0].status).toBe('amber');
    const closed = await risk.request('PATCH', `/api/v1/risk/incidents/${inc.json().id}`, {
      status: 'closed',
      actions: 'file import deduplicated',
    });
    expect(closed.json().status).toBe('closed');
    const badAmount = await risk.request('POST', '/api/v1/risk/incidents', {
      occurredOn: '2026-08-20',
      category: 'execution_delivery',
      title: 'x',
      lossAmount: 'lots',
      currency: 'CNY',
    });
    expect([badAmount.statusCode, badAmount.json().errors[0].field]).toEqual([400, 'lossAmount']);
  });
});
