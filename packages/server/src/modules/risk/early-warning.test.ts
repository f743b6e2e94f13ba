// Behavioural reviews and early warning on a real loan book: loans made with servicing's test
// kit, real delinquency from close of business, customers with real enrolments and results.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, session, testApp, type Session } from '../../../test/http-client.ts';
import { openTestDeps, type TestDeps, seedTestDemo } from '../../../test/test-deps.ts';
import { findTask } from '../customers/index.ts';
import { SYSTEM_ACTOR } from '../../deps.ts';
import { installBuiltInProducts } from '../products/index.ts';
import {
  closeBusinessDaysThrough,
  disburseTranche,
  getLoan,
  openLoan,
  postPayment,
  STAFF_ACCESS,
} from '../servicing/index.ts';

let deps: TestDeps;
let app: FastifyInstance;
let risk: Session;
let agent: Session;
let student: Session;
let manager: Session;
const loans: Record<'grad' | 'dropping' | 'withdrawn', string> = { grad: '', dropping: '', withdrawn: '' };
const customers: Record<keyof typeof loans, string> = { grad: '', dropping: '', withdrawn: '' };

async function customerWith(
  name: string,
  region: string,
  then: (customerId: string, enrolmentId: string) => Promise<void>,
): Promise<string> {
  const [school] = await deps.database.query<{ id: string }>(`select id from schools order by name limit 1`);
  const res = await manager.request('POST', '/api/v1/customers', {
    legalName: name,
    address: { region, city: 'X', country: 'CN' },
    enrolment: {
      schoolId: school!.id,
      programmeName: 'Civil Engineering',
      level: 'undergraduate',
      startDate: '2022-09-01',
      expectedGraduationDate: '2026-06-30',
      status: 'enrolled',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  const [e] = await deps.database.query<{ id: string }>(`select id from enrolments where customer_id = $1`, [
    id,
  ]);
  await then(id, e!.id);
  return id;
}

// Loans through servicing's public surface: open, disburse, pay, close business days.
const OPS = { ...SYSTEM_ACTOR, actorName: 'test-ops' };
async function newLoan(customerId: string): Promise<string> {
  const loan = await openLoan(deps, OPS, { customerId, productCode: 'CN-BANK-TUITION', amount: '30000.00' });
  await disburseTranche(deps, OPS, loan.id, { amount: '30000.00' });
  return loan.id;
}
const cobThrough = (date: string) => closeBusinessDaysThrough(deps, date);
/** Pay exactly what is due on the loan. */
async function payDues(loanId: string): Promise<void> {
  const due = (await getLoan(deps, STAFF_ACCESS, loanId)).balances.amountDue;
  await postPayment(deps, OPS, STAFF_ACCESS, {
    loanId,
    amount: due,
    currency: 'CNY',
    channel: 'bank_transfer',
    idempotencyKey: `pay-${randomUUID()}`,
  });
}

type Alert = {
  id: string;
  ruleCode: string;
  loanId: string;
  severity: string;
  dueDate: string;
  tasks: number;
};
async function alertsOf(loanId: string, status = 'open'): Promise<Alert[]> {
  const res = await risk.request('GET', `/api/v1/risk/alerts?loanId=${loanId}&status=${status}&limit=100`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}
const codes = (xs: Alert[]) => xs.map((a) => a.ruleCode).sort();

async function grades(month: string) {
  const r = await risk.request('GET', `/api/v1/risk/behaviour/grades/${month}/loans`);
  return new Map(
    (
      r.json().items as { loanId: string; grade: string; score: number; features: Record<string, unknown> }[]
    ).map((g) => [g.loanId, g]),
  );
}

beforeAll(async () => {
  deps = await openTestDeps();
  await seedTestDemo(deps);
  await installBuiltInProducts(deps, SYSTEM_ACTOR);
  app = (await testApp(deps)).app;
  risk = session(app);
  await risk.login('risk', DEMO_PASSWORD);
  agent = session(app);
  await agent.login('agent', DEMO_PASSWORD);
  student = session(app);
  await student.login('student', DEMO_PASSWORD);
  // Customers are set up by a manager (risk analysts do not create customers).
  manager = session(app);
  await manager.login('manager', DEMO_PASSWORD);
  customers.grad = await customerWith('毕业未就业 Grad NoJob', 'Henan', async (id, e) => {
    const r = await manager.request('POST', `/api/v1/customers/${id}/enrolments/${e}/status`, {
      status: 'graduated',
      effectiveDate: '2026-01-15',
    });
    expect(r.statusCode, r.body).toBeLessThan(300);
  });
  customers.dropping = await customerWith('成绩下滑 Results Drop', 'Beijing', async (id, e) => {
    for (const [term, gpa] of [
      ['2025-fall', 3.6],
      ['2026-spring', 2.8],
    ] as const) {
      const r = await manager.request('POST', `/api/v1/customers/${id}/enrolments/${e}/results`, {
        term,
        gpa,
        gpaScale: 4,
      });
      expect(r.statusCode, r.body).toBeLessThan(300);
    }
  });
  customers.withdrawn = await customerWith('退学 Withdrawn', 'Beijing', async (id, e) => {
    const r = await manager.request('POST', `/api/v1/customers/${id}/enrolments/${e}/status`, {
      status: 'withdrawn',
      effectiveDate: '2026-08-20',
    });
    expect(r.statusCode, r.body).toBeLessThan(300);
  });
  for (const k of Object.keys(loans) as (keyof typeof loans)[]) loans[k] = await newLoan(customers[k]);
}, 300_000);
afterAll(async () => {
  await app.close();
  await deps.dispose();
});

describe('behavioural review and early warning', () => {
  let septGrades: Map<
    string,
    { loanId: string; grade: string; score: number; features: Record<string, unknown> }
  >;
  it('grades every active loan at the month end from its behaviour', async () => {
    // Before close of business reaches the month end, the month cannot be reviewed.
    const early = await risk.request('POST', '/api/v1/risk/behaviour/reviews', { month: '2026-09' });
    expect(early.statusCode).toBe(409);
    expect(early.json().errors[0].field).toBe('month');
    await cobThrough('2026-09-30');
    const res = await risk.request('POST', '/api/v1/risk/behaviour/reviews', { month: '2026-09' });
    expect(res.statusCode, res.body).toBe(200);
    // Any other loan on the book (the demo's) is graded too; the three here are what we check.
    const others = res.json().loans - 3;
    expect(others).toBeGreaterThanOrEqual(0);
    const sept = await grades('2026-09');
    // Graduated 15 Jan, no employment reported: 8 months by 30 Sept; nothing billed yet.
    expect(sept.get(loans.grad)!.features).toMatchObject({
      days_past_due: 0,
      paid_share_12m: null,
      study_status: 'graduated',
      graduated_unemployed_months: 8,
    });
    expect(sept.get(loans.dropping)!.features.results_trend).toBeCloseTo(-0.2, 10);
    expect(
      [loans.grad, loans.dropping, loans.withdrawn]
        .map((id) => [id, sept.get(id)!.score, sept.get(id)!.grade])
        .sort(),
    ).toEqual(
      [
        [loans.grad, 600, 'A'],
        [loans.dropping, 595, 'B'],
        [loans.withdrawn, 570, 'C'],
      ].sort(),
    );

    septGrades = sept;
    // The first instalment falls due on 1 October: two borrowers pay, the graduate does not.
    await payDues(loans.dropping);
    await payDues(loans.withdrawn);
  }, 180_000);

  it('raises early-warning alerts on real behaviour, with playbook tasks, once per loan and rule', async () => {
    await cobThrough('2026-10-08');
    // Regional unemployment as a data series, and a rule that watches it.
    const macro = await risk.request('POST', '/api/v1/risk/macro-series', {
      points: [
        { series: 'unemployment', scope: 'region', key: 'Henan', period: '2026-08-01', value: 5.8 },
        { series: 'unemployment', scope: 'region', key: 'Henan', period: '2026-09-01', value: 6.4 },
        { series: 'unemployment', scope: 'region', key: 'Beijing', period: '2026-09-01', value: 4.4 },
        // Published later than the evaluation date: not used yet.
        { series: 'unemployment', scope: 'region', key: 'Beijing', period: '2026-12-01', value: 9.9 },
      ],
    });
    expect(macro.json()).toEqual({ imported: 4 });
    const rule = await risk.request('PUT', '/api/v1/risk/alert-rules/regional-unemployment', {
      name: 'Regional unemployment above 6%',
      kind: 'macro_indicator',
      params: { series: 'unemployment', scope: 'region', above: 6 },
      severity: 'low',
      dueBusinessDays: 10,
      playbook: ['contact'],
    });
    expect(rule.statusCode, rule.body).toBe(200);
    const badRule = await risk.request('PUT', '/api/v1/risk/alert-rules/x', {
      name: 'x',
      kind: 'dpd_over',
      severity: 'high',
      dueBusinessDays: 1,
    });
    expect(badRule.statusCode).toBe(400);
    expect(badRule.json().errors[0].field).toBe('params.days');

    // A service agent works alerts but does not run the evaluation; a student sees none of it.
    expect((await agent.request('POST', '/api/v1/risk/alerts/evaluate', {})).statusCode).toBe(403);
    expect((await student.request('GET', '/api/v1/risk/alerts')).statusCode).toBe(403);

    const run = await risk.request('POST', '/api/v1/risk/alerts/evaluate', {});
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json().businessDate).toBe('2026-10-08');
    expect(codes(await alertsOf(loans.grad))).toEqual([
      'first-missed-payment',
      'graduated-unemployed',
      'regional-unemployment',
    ]);
    expect(codes(await alertsOf(loans.dropping))).toEqual(['results-drop']);
    expect(codes(await alertsOf(loans.withdrawn))).toEqual(['study-withdrawal']);

    // The playbook: contact within 2 business days, as a task in customers due on the alert's due date.
    const first = (await alertsOf(loans.grad)).find((a) => a.ruleCode === 'first-missed-payment')!;
    expect(first.severity).toBe('medium');
    const detail = (await risk.request('GET', `/api/v1/risk/alerts/${first.id}`)).json();
    expect(detail.detail).toBe('first missed payment, 7 days past due');
    expect(detail.playbook).toHaveLength(1);
    expect(detail.playbook[0]).toMatchObject({ step: 'contact', status: 'open', dueDate: first.dueDate });
    const task = await findTask(deps.database.db, detail.playbook[0].taskId);
    expect(task?.customerId).toBe(customers.grad);
    expect(task?.title).toContain('Contact the borrower within 2 business days');
    expect(task?.dueDate).toBe(first.dueDate);
    const withdrawal = (await alertsOf(loans.withdrawn))[0]!;
    const wd = (await risk.request('GET', `/api/v1/risk/alerts/${withdrawal.id}`)).json();
    expect(wd.playbook.map((p: { step: string }) => p.step)).toEqual(['contact', 'hardship_offer']);

    // Deduplicated: the same evaluation again, and the next day's, raise nothing new.
    expect((await risk.request('POST', '/api/v1/risk/alerts/evaluate', {})).json().raised).toBe(0);
    await cobThrough('2026-10-09');
    const next = (await risk.request('POST', '/api/v1/risk/alerts/evaluate', {})).json();
    expect([next.businessDate, next.raised]).toEqual(['2026-10-09', 0]);
    expect(next.firing).toBeGreaterThanOrEqual(5);
  }, 180_000);

  it('regrades the next month and reports the migration matrix', async () => {
    const sept = septGrades;
    // The two good borrowers pay their November instalment too.
    await cobThrough('2026-10-31');
    await payDues(loans.dropping);
    await payDues(loans.withdrawn);
    await cobThrough('2026-11-05');
    expect(
      (await risk.request('POST', '/api/v1/risk/behaviour/reviews', { month: '2026-10' })).statusCode,
    ).toBe(200);
    const oct = await grades('2026-10');
    expect(oct.get(loans.grad)!.features).toMatchObject({ days_past_due: 35, paid_share_12m: 0 });
    expect(oct.get(loans.dropping)!.features.paid_share_12m).toBe(1);
    expect([
      oct.get(loans.grad)!.grade,
      oct.get(loans.dropping)!.grade,
      oct.get(loans.withdrawn)!.grade,
    ]).toEqual(['E', 'B', 'C']);

    const dash = (await risk.request('GET', '/api/v1/risk/behaviour/grades?month=2026-10')).json();
    expect(dash.previousMonth).toBe('2026-09');
    const G = ['A', 'B', 'C', 'D', 'E'];
    expect(dash.migration.grades).toEqual(G);
    // Expected: the three loans here (A → E, B → B, C → C) plus whatever the other loans did.
    const counts = G.map(() => G.map(() => 0));
    const dist = G.map(() => 0);
    for (const [id, o] of oct) {
      dist[G.indexOf(o.grade)]!++;
      const before = sept.get(id);
      if (before) counts[G.indexOf(before.grade)]![G.indexOf(o.grade)]!++;
    }
    expect(counts[0]![4]).toBeGreaterThanOrEqual(1);
    expect(dash.distribution).toEqual(G.map((grade, i) => ({ grade, loans: dist[i] })));
    expect(dash.migration.counts).toEqual(counts);
    const moves = [...oct].filter(([id]) => sept.has(id)).map(([id, o]) => [sept.get(id)!.grade, o.grade]);
    expect(dash.migration.downgraded).toBe(moves.filter(([a, b]) => a! < b!).length);
    expect(dash.migration.stable).toBe(moves.filter(([a, b]) => a === b).length);
    expect(dash.migration.downgraded).toBeGreaterThanOrEqual(1);
    const history = (await risk.request('GET', `/api/v1/risk/behaviour/loans/${loans.grad}`)).json().items;
    expect(history.map((h: { month: string; grade: string }) => `${h.month}:${h.grade}`)).toEqual([
      '2026-09:A',
      '2026-10:E',
    ]);
  }, 180_000);

  it('uses the points the lender configures', async () => {
    const card = (await risk.request('GET', '/api/v1/risk/behaviour/scorecard')).json();
    card.basePoints = 535; // 35 points more for everyone: the graduate moves from E (495) to D (530)
    expect(
      (await risk.request('PUT', '/api/v1/risk/behaviour/scorecard', { definition: card })).statusCode,
    ).toBe(200);
    await risk.request('POST', '/api/v1/risk/behaviour/reviews', { month: '2026-10' });
    const r = await risk.request('GET', `/api/v1/risk/behaviour/grades/2026-10/loans?grade=D`);
    const graduate = r.json().items.find((g: { loanId: string }) => g.loanId === loans.grad);
    expect([graduate?.score, graduate?.grade]).toEqual([530, 'D']);
    const bad = await risk.request('PUT', '/api/v1/risk/behaviour/scorecard', {
      definition: { ...card, features: [] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('definition.features');
    await risk.request('PUT', '/api/v1/risk/behaviour/scorecard', { definition: null });
  }, 180_000);

  it('escalates on days past due, works the queue and closes alerts with their outcome', async () => {
    // By 5 Nov the graduate has missed two instalments and is 35 days past due.
    const run = (await risk.request('POST', '/api/v1/risk/alerts/evaluate', {})).json();
    expect(run.businessDate).toBe('2026-11-05');
    expect(run.byRule).toEqual({ 'dpd-30': 1 });
    const dpd = (await alertsOf(loans.grad)).find((a) => a.ruleCode === 'dpd-30')!;
    expect([dpd.severity, dpd.tasks]).toEqual(['high', 2]);

    // The queue: high and critical first; filters by severity, owner and overdue.
    const high = (await risk.request('GET', '/api/v1/risk/alerts?status=open&severity=high,critical')).json();
    expect(high.items.map((a: Alert) => a.id)).toContain(dpd.id);
    expect(high.items.every((a: Alert) => ['high', 'critical'].includes(a.severity))).toBe(true);
    const overdue = (await risk.request('GET', '/api/v1/risk/alerts?overdue=true')).json();
    // Raised on 8 Oct with 2 business days: overdue by 6 Nov; the new dpd-30 alert is not.
    expect(overdue.items.map((a: Alert) => a.ruleCode)).toContain('first-missed-payment');
    expect(overdue.items.map((a: Alert) => a.id)).not.toContain(dpd.id);

    // The agent takes the alert, suspects fraud and refers it to legal, then closes it.
    const me = (await agent.request('GET', '/api/v1/auth/me')).json();
    const agentId = (me.user ?? me).id as string;
    const assigned = await agent.request('POST', `/api/v1/risk/alerts/${dpd.id}/assign`, {
      ownerId: agentId,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const mine = (await agent.request('GET', '/api/v1/risk/alerts?owner=me')).json();
    expect(mine.items.map((a: Alert) => a.id)).toEqual([dpd.id]);
    const referred = await agent.request('POST', `/api/v1/risk/alerts/${dpd.id}/steps`, {
      step: 'legal_referral',
    });
    expect(referred.statusCode, referred.body).toBe(200);
    const steps = referred.json().playbook;
    expect(steps.map((p: { step: string }) => p.step)).toEqual([
      'contact',
      'hardship_offer',
      'legal_referral',
    ]);
    expect(steps[2].assigneeId).toBe(agentId);
    const closed = await agent.request('POST', `/api/v1/risk/alerts/${dpd.id}/close`, {
      outcome: 'referred_legal',
      note: 'Forged employment letter',
    });
    expect(closed.json()).toMatchObject({
      status: 'closed',
      outcome: 'referred_legal',
      closedBy: expect.any(String),
    });
    const again = await agent.request('POST', `/api/v1/risk/alerts/${dpd.id}/close`, {
      outcome: 'false_alarm',
    });
    expect(again.statusCode).toBe(409);
    const badOutcome = await agent.request('POST', `/api/v1/risk/alerts/${dpd.id}/close`, {
      outcome: 'maybe',
    });
    expect(badOutcome.json().errors[0].field).toBe('outcome');

    // The signal keeps firing the next day: a closed alert is not raised again.
    await cobThrough('2026-11-06');
    const after = (await risk.request('POST', '/api/v1/risk/alerts/evaluate', {})).json();
    expect(after.byRule['dpd-30']).toBeUndefined();
    expect(codes(await alertsOf(loans.grad, 'closed'))).toEqual(['dpd-30']);

    const audit = await deps.database.query<{ action: string }>(
      `select action from audit_events where entity_id = $1 and action like 'risk.alert%' order by id`,
      [loans.grad],
    );
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'risk.alert_raised',
        'risk.alert_assigned',
        'risk.alert_step_legal_referral',
        'risk.alert_closed',
      ]),
    );
    const quality = (
      await risk.request('GET', '/api/v1/risk/alerts/quality?from=2026-10-01&to=2026-11-30')
    ).json();
    expect(quality).toMatchObject({ defaults: 0, alertsBeforeDefault: 0, outcomes: { referred_legal: 1 } });
    expect(quality.alerts).toBeGreaterThanOrEqual(6);
  }, 180_000);
});
