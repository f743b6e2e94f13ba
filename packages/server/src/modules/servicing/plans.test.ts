// Due-date adjustment, LPR repricing, China's state repayment, income-driven plans with
// recertification and forgiveness, and the collections case routes: one timeline from
// Tuesday 1 September 2026 through the 2026 National Day holiday (1–7 October).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../deps.ts';
import { DEMO_PASSWORD, session, testApp, type Session } from '../../../test/http-client.ts';
import { openTestDeps, type TestDeps } from '../../../test/test-deps.ts';
import { createUser } from '../identity/index.ts';
import { loanDetail, STAFF_ACCESS } from './loans.service.ts';
import { decideRecertification, requestRecertification } from './plans.service.ts';
import { recordBenchmarkRate } from './repricing.service.ts';
import * as repo from './servicing.repository.ts';
import {
  assertBooksSound,
  cobThrough,
  installProducts,
  loanRow,
  newLoan,
  OPS,
} from './servicing-test-kit.ts';
import {
  applyStateRepayment,
  decideStateRepayment,
  postStateRepaymentYear,
} from './state-repayment.service.ts';

let deps: TestDeps;
let app: FastifyInstance;
let manager: Session;
const ids: Record<string, string> = {};

async function setLoan(id: string, patch: Partial<repo.NewLoanRow>) {
  await repo.updateLoan(deps.database.db, id, patch);
}
async function events(type: string, loanId: string) {
  return deps.database.query<{ payload: Record<string, unknown> }>(
    `select payload from servicing_events where type = $1 and loan_id = $2 order by id`,
    [type, loanId],
  );
}

beforeAll(async () => {
  deps = await openTestDeps();
  deps.setNow(new Date('2026-09-01T02:00:00Z'));
  await installProducts(deps);
  await createUser(deps, SYSTEM_ACTOR, {
    username: 'planmanager',
    displayName: 'Plan Manager',
    email: 'pm@demo.example',
    password: DEMO_PASSWORD,
    roles: ['manager'],
    locale: 'en',
  });
  app = (await testApp(deps)).app;
  manager = session(app);
  await manager.login('planmanager', DEMO_PASSWORD);
  // Monthly loans opened 1 September: the first due date is 1 October (a National Day holiday).
  ids.following = (await newLoan(deps, { amount: '12000.00' })).id;
  ids.none = (await newLoan(deps, { amount: '12000.00' })).id;
  await setLoan(ids.following, { dueDateRule: 'following' });
  // Due Sunday 4 October, which `preceding` moves back to Wednesday 30 September.
  ids.preceding = (await newLoan(deps, { amount: '12000.00' })).id;
  await setLoan(ids.preceding, {
    dueDateRule: 'preceding',
    firstDueDate: '2026-10-04',
    nextDueDate: '2026-10-04',
  });
}, 300_000);
afterAll(async () => {
  await app?.close();
  await deps?.dispose();
});

describe('LPR repricing', () => {
  it('reprices floating loans on their repricing day from the recorded LPR, exactly and audited', async () => {
    // A national loan (LPR − 60 bp, equal principal) and an annuity tuition loan made floating.
    const nsl = await newLoan(deps, {
      productCode: 'CN-NSL-HOME',
      amount: '16000.00',
      studyEndDate: '2026-06-30',
    });
    expect(nsl.state).toBe('grace');
    expect(nsl.rateBenchmark).toBe('CN-LPR-5Y');
    expect(nsl.nextRepricingDate).toBe('2027-01-01');
    expect(`${nsl.rateNum}/${nsl.rateDen}`).toBe('29/1000'); // 3.5 % − 0.6 %
    const annuity = await newLoan(deps, { amount: '24000.00' });
    await setLoan(annuity.id, {
      rateBenchmark: 'CN-LPR-5Y',
      rateSpreadBp: 45,
      repricing: 'annual-anniversary',
    });
    for (const id of [nsl.id, annuity.id]) await setLoan(id, { nextRepricingDate: '2026-09-03' });
    await recordBenchmarkRate(deps, OPS, {
      benchmark: 'CN-LPR-5Y',
      effectiveFrom: '2026-09-02',
      rate: '0.0340',
    });
    const paymentBefore = (await loanRow(deps, annuity.id)).levelPayment;

    await cobThrough(deps, '2026-09-03');
    const n = await loanRow(deps, nsl.id);
    expect(`${n.rateNum}/${n.rateDen}`).toBe('28/1000'); // 3.4 % − 0.6 %
    expect(n.nextRepricingDate).toBe('2027-09-03');
    const a = await loanRow(deps, annuity.id);
    expect(a.rateNum / a.rateDen).toBeCloseTo(0.0385, 10); // 3.4 % + 0.45 %
    expect(a.levelPayment).toBeLessThan(paymentBefore); // 3.95 % → 3.85 %: the engine recomputed it
    const detail = await loanDetail(deps, STAFF_ACCESS, nsl.id);
    expect(detail.rateHistory).toEqual([
      expect.objectContaining({ benchmarkRate: '0.034', spreadBp: -60, oldRate: '0.029', newRate: '0.028' }),
    ]);
    expect(await events('loan.repriced', nsl.id)).toHaveLength(1);
    const [audit] = await deps.database.query<{ n: number }>(
      `select count(*)::int as n from audit_events where action = 'loans.repriced' and entity_id = '2026-09-03'`,
    );
    expect(audit!.n).toBe(1);
    await assertBooksSound(deps);
    ids.nsl = nsl.id;
  });

  it('lists the series with recorded values over the held history, and records through the API', async () => {
    const res = await manager.request('POST', '/api/v1/benchmark-rates', {
      benchmark: 'CN-LPR-5Y',
      effectiveFrom: '2026-09-21',
      rate: 'abc',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('rate');
    const list = (await manager.request('GET', '/api/v1/benchmark-rates')).json().items;
    expect(list[0]).toMatchObject({ effectiveFrom: '2026-09-02', rate: '0.034', recorded: true });
    expect(
      list.some(
        (r: { effectiveFrom: string; recorded: boolean }) => r.effectiveFrom === '2025-05-20' && !r.recorded,
      ),
    ).toBe(true);
  });
});

describe('state repayment (代偿)', () => {
  it('approves an application and posts a year of the state’s share through the state_subsidy channel', async () => {
    const app1 = await applyStateRepayment(deps, OPS, STAFF_ACCESS, ids.nsl!, {
      employer: '青海省某县中学',
      region: '青海省 (西部)',
      serviceStart: '2025-07-01',
      studyLevel: 'undergraduate',
      evidence: 'employment contract and county education bureau certificate',
    });
    expect(app1.status).toBe('requested');
    await expect(
      applyStateRepayment(deps, OPS, STAFF_ACCESS, ids.nsl!, {
        employer: 'x',
        region: 'y',
        serviceStart: '2025-07-01',
        studyLevel: 'undergraduate',
        evidence: 'z',
      }),
    ).rejects.toMatchObject({ status: 409 });
    const approved = await decideStateRepayment(deps, OPS, app1.id, 'approve', 'verified');
    expect(approved.nextPaymentOn).toBe('2026-07-01');
    const owedBefore = (await loanRow(deps, ids.nsl!)).principal;
    const year1 = await postStateRepaymentYear(deps, OPS, app1.id);
    expect(year1.payment).toMatchObject({
      channel: 'state_subsidy',
      idempotencyKey: `state-repayment:${app1.id}:1`,
    });
    expect(year1.application.yearsPaid).toBe(1);
    expect(year1.application.nextPaymentOn).toBe('2027-07-01');
    const after = await loanRow(deps, ids.nsl!);
    // A third of what was owed (interest accrued first, then principal).
    expect(owedBefore - after.principal).toBeGreaterThan(0);
    await expect(postStateRepaymentYear(deps, OPS, app1.id)).rejects.toMatchObject({ status: 409 });
    const [clearing] = await deps.database.query<{ amount: string }>(
      `select sum(amount)::text as amount from journal_lines where account_code = '1215' and loan_id = $1`,
      [ids.nsl],
    );
    expect(Number(clearing!.amount)).toBeGreaterThan(0);
    await assertBooksSound(deps);
  });
});

describe('income-driven repayment and forgiveness', () => {
  it('approves a plan with a recomputed payment; a lapsed recertification reverts to the standard payment', async () => {
    ids.idr = (await newLoan(deps, { productCode: 'US-DIRECT-UNSUB', amount: '20000.00' })).id;
    ids.lapse = (await newLoan(deps, { productCode: 'US-DIRECT-UNSUB', amount: '20000.00' })).id;
    const zero = await requestRecertification(deps, OPS, STAFF_ACCESS, ids.idr, {
      plan: 'IBR-new',
      annualIncome: '15000.00',
      familySize: 1,
    });
    expect(zero.preview).toMatchObject({ monthlyPayment: '0.00', plan: 'IBR-new' });
    await decideRecertification(deps, OPS, zero.id, 'approve', undefined);
    const some = await requestRecertification(deps, OPS, STAFF_ACCESS, ids.lapse, {
      plan: 'PAYE',
      annualIncome: '40000.00',
      familySize: 1,
    });
    // PAYE: 10 % of (40,000 − 150 % × 15,960) / 12 = 133.83
    expect(some.monthlyPayment).toBe('133.83');
    const decided = await decideRecertification(deps, OPS, some.id, 'approve', 'income documented');
    expect(decided.loan.plan).toMatchObject({
      repaymentPlan: 'PAYE',
      recertifyBy: '2027-09-04',
      forgivenessProgramme: 'idr',
      forgiveAfterPayments: 240,
    });
    const lapse = await loanRow(deps, ids.lapse);
    expect(lapse.levelPayment).toBe(13383);
    expect(lapse.standardPayment).toBeGreaterThan(13383);
    await setLoan(ids.lapse, { recertifyBy: '2026-09-07' });
    await expect(
      requestRecertification(deps, OPS, STAFF_ACCESS, ids.lapse, {
        plan: 'UK-PLAN-2',
        annualIncome: '1.00',
        familySize: 1,
      }),
    ).rejects.toMatchObject({ status: 400 });

    await cobThrough(deps, '2026-09-08');
    const reverted = await loanRow(deps, ids.lapse);
    expect(reverted.levelPayment).toBe(lapse.standardPayment);
    expect(reverted.recertifyBy).toBeNull();
    expect(await events('idr.recertification_missed', ids.lapse)).toHaveLength(1);
  });

  it('counts a $0 income-driven bill as a qualifying payment and forgives when the count is met', async () => {
    await setLoan(ids.idr!, { qualifyingPayments: 239 });
    const before = await loanRow(deps, ids.idr!);
    expect(before.state).toBe('repayment');
    // Disbursed on 4 September, first due 4 October: the close of 30 September (next business date 8 October) bills it ($0) and forgives.
    await cobThrough(deps, '2026-09-30');
    const l = await loanRow(deps, ids.idr!);
    expect(l.qualifyingPayments).toBe(240);
    expect(l.state).toBe('forgiven');
    expect(l.principal).toBe(0);
    expect(l.interestAccrued).toBe(0);
    const bills = await repo.billsOf(deps.database.db, ids.idr!);
    expect(bills.map((b) => [b.dueDate, b.principal, b.interest])).toEqual([['2026-10-04', 0, 0]]);
    const journals = await repo.journalsOfLoan(deps.database.db, ids.idr!, { limit: 20, offset: 0 });
    const forgiveness = journals.find((j) => j.kind === 'forgiveness')!;
    const debit = forgiveness.lines.find((x) => x.account === '5200')!;
    expect(debit.amount).toBe(l.chargedOffAmount);
    expect(l.chargedOffAmount).toBeGreaterThan(before.principal); // principal and the unpaid interest
    expect(forgiveness.lines.reduce((s, x) => s + Number(x.amount), 0)).toBe(0);
    const history = await repo.stateHistoryOf(deps.database.db, ids.idr!);
    expect(history.at(-1)).toMatchObject({ toState: 'forgiven' });
    await assertBooksSound(deps);
  });
});

describe('due dates on business days', () => {
  it('bills a holiday due date by the loan’s rule and counts days past due from the adjusted day', async () => {
    const bill = async (id: string) => (await repo.billsOf(deps.database.db, id))[0]!;
    // Closed through 30 September above: `none` and `following` billed 1 October, `preceding` 30 September.
    expect((await bill(ids.none!)).dueDate).toBe('2026-10-01');
    expect((await bill(ids.following!)).dueDate).toBe('2026-10-08');
    const early = await bill(ids.preceding!);
    expect(early.dueDate).toBe('2026-09-30');
    // Interest runs to the contractual date either way: the same as the schedule's first instalment.
    for (const id of [ids.none!, ids.following!]) {
      const b = await bill(id);
      expect(b.interest).toBe((await bill(ids.none!)).interest);
    }
    // `preceding` bills on 30 September with interest to 4 October: three days more than 1 October's.
    expect(early.interest).toBeGreaterThan((await bill(ids.none!)).interest);
    const view = (await loanDetail(deps, STAFF_ACCESS, ids.following!)).loan.repayment;
    expect(view).toMatchObject({
      nextDueDate: '2026-11-01',
      nextPaymentDate: '2026-11-02',
      dueDateRule: 'following',
    });

    await cobThrough(deps, '2026-10-09');
    expect((await loanRow(deps, ids.none!)).daysPastDue).toBe(8);
    expect((await loanRow(deps, ids.following!)).daysPastDue).toBe(1);
    expect((await loanRow(deps, ids.preceding!)).daysPastDue).toBe(9);
    await assertBooksSound(deps);
  });
});

describe('collections workspace routes', () => {
  it('lists promises for follow-up and runs a legal case with documents', async () => {
    const loanId = ids.none!;
    const promise = await manager.request('POST', `/api/v1/loans/${loanId}/collection-actions`, {
      kind: 'promise',
      channel: 'phone',
      promisedAmount: '100.00',
      promisedDate: '2026-10-15',
    });
    expect(promise.statusCode).toBe(201);
    const due = (
      await manager.request('GET', '/api/v1/collections/promises?status=open&dueBy=2026-10-15')
    ).json();
    expect(due.items).toEqual([
      expect.objectContaining({ loanId, promisedAmount: '100.00', status: 'open' }),
    ]);
    expect(
      (await manager.request('GET', '/api/v1/collections/promises?dueBy=2026-10-14')).json().items,
    ).toEqual([]);

    const opened = await manager.request('POST', `/api/v1/loans/${loanId}/legal-cases`, {
      ground: 'malicious-default',
      summary: 'No contact for 60 days after moving',
    });
    expect(opened.statusCode).toBe(201);
    const caseId = opened.json().id as string;
    const dup = await manager.request('POST', `/api/v1/loans/${loanId}/legal-cases`, {
      ground: 'fraud',
      summary: 'x',
    });
    expect(dup.statusCode).toBe(409);
    const bad = await manager.request('POST', `/api/v1/legal-cases/${caseId}/status`, {
      status: 'enforcement',
    });
    expect(bad.statusCode).toBe(409);
    expect(
      (await manager.request('POST', `/api/v1/legal-cases/${caseId}/status`, { status: 'filed' })).statusCode,
    ).toBe(200);
    const text = '起诉状 / statement of claim';
    const up = await manager.request('POST', `/api/v1/legal-cases/${caseId}/documents`, {
      fileName: '起诉状.txt',
      contentType: 'text/plain',
      contentBase64: Buffer.from(text).toString('base64'),
    });
    expect(up.statusCode).toBe(201);
    const doc = up.json().items[0];
    const got = await manager.request('GET', `/api/v1/legal-cases/${caseId}/documents/${doc.id}`);
    expect(got.body).toBe(text);
    const detail = (await manager.request('GET', `/api/v1/legal-cases/${caseId}`)).json();
    expect(detail).toMatchObject({ status: 'filed', nextStatuses: ['judgment', 'settled', 'closed'] });
    expect(detail.documents).toHaveLength(1);
    const actions = (await manager.request('GET', `/api/v1/loans/${loanId}/collection-actions`)).json().items;
    expect(actions.some((a: { kind: string }) => a.kind === 'legal-referral')).toBe(true);
    const list = (await manager.request('GET', '/api/v1/loans?limit=5')).json();
    expect(list.items[0]).toHaveProperty('customerName');
    expect(list.items[0].plan).toHaveProperty('qualifyingPayments');
    const queue = (await manager.request('GET', '/api/v1/collections/queue?bucket=1-29')).json().items;
    expect(queue.length).toBeGreaterThan(0);
    expect(queue.every((q: { bucket: string }) => q.bucket === '1-29')).toBe(true);
  });

  it('refuses a document of an unknown type, naming the field', async () => {
    const [c] = await deps.database.query<{ id: string }>(`select id from legal_cases limit 1`);
    const res = await manager.request('POST', `/api/v1/legal-cases/${c!.id}/documents`, {
      fileName: 'x.exe',
      contentType: 'application/x-msdownload',
      contentBase64: Buffer.from('MZ').toString('base64'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('contentType');
  });
});
