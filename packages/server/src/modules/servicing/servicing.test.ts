import { formatMoney } from '@bursar/core';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../deps.ts';
import { DEMO_PASSWORD, session, testApp, type Session } from '../../../test/http-client.ts';
import { openTestDeps, type TestDeps, seedTestDemo } from '../../../test/test-deps.ts';
import { createUser } from '../identity/index.ts';
import { closeBusinessDay } from './cob.service.ts';
import { changeLoanState, loanDetail, reconcile, STAFF_ACCESS, trialBalance } from './loans.service.ts';
import { postCustomerPayment, reversePayment } from './payments.service.ts';
import * as repo from './servicing.repository.ts';
import {
  assertBooksSound,
  cobThrough,
  installProducts,
  loanRow,
  newLoan,
  OPS,
  pay,
} from './servicing-test-kit.ts';

let deps: TestDeps;
let app: FastifyInstance;
let manager: Session;

beforeAll(async () => {
  deps = await openTestDeps();
  await seedTestDemo(deps);
  await installProducts(deps);
  app = (await testApp(deps)).app;
  manager = session(app);
  await manager.login('manager', DEMO_PASSWORD);
});
afterAll(async () => {
  await app.close();
  await deps.dispose();
});

describe('ledger and disbursement', () => {
  it('disburses tranches with the product’s origination fee in balanced journals', async () => {
    const loan = await newLoan(deps, {
      productCode: 'US-DIRECT-UNSUB',
      amount: '7500.00',
      studyEndDate: '2028-06-30',
      disburse: ['3750.00', '3750.00'],
    });
    expect(loan.state).toBe('in_school');
    expect(loan.principal).toBe(750_000);
    const journals = await repo.journalsOfLoan(deps.database.db, loan.id, { limit: 10, offset: 0 });
    const disb = journals.filter((j) => j.kind === 'disbursement');
    expect(disb).toHaveLength(2);
    // 1.057 % of 3,750.00 = 39.6375 → 39.64 (half-up)
    expect(disb[0]!.lines).toEqual(
      expect.arrayContaining([
        { account: '1100', amount: 375000, currency: 'USD' },
        { account: '1300', amount: -371036, currency: 'USD' },
        { account: '4300', amount: -3964, currency: 'USD' },
      ]),
    );
    const tb = await trialBalance(deps);
    expect(tb.totals.every((t) => t.balanced)).toBe(true);
    await assertBooksSound(deps);
  });

  it('refuses an unbalanced journal and any change to a posted one', async () => {
    const [j] = await deps.database.query<{ id: number }>(
      `insert into journals (business_date, kind, description) values ('2026-09-01', 'test', 'test') returning id`,
    );
    await expect(
      deps.database.query(
        `insert into journal_lines (journal_id, account_code, currency, amount) values ($1, '1100', 'CNY', 100), ($1, '4100', 'CNY', -99)`,
        [j!.id],
      ),
    ).rejects.toThrow(/does not balance/);
    const [line] = await deps.database.query<{ id: number }>(`select id from journal_lines limit 1`);
    await expect(
      deps.database.query(`update journal_lines set amount = amount + 1 where id = $1`, [line!.id]),
    ).rejects.toThrow(/immutable/);
    await expect(deps.database.query(`delete from journal_lines where id = $1`, [line!.id])).rejects.toThrow(
      /immutable/,
    );
  });

  it('refuses to disburse past the commitment, naming the field', async () => {
    const loan = await newLoan(deps, { amount: '1000.00' });
    const res = await manager.request('POST', `/api/v1/loans/${loan.id}/disbursements`, { amount: '0.01' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('amount');
  });
});

describe('close of business and payments', () => {
  let loanId: string;

  it('bills the first instalment with exactly the schedule’s interest', async () => {
    const loan = await newLoan(deps, { amount: '30000.00' });
    loanId = loan.id;
    expect(loan.state).toBe('repayment');
    expect(loan.nextDueDate).toBe('2026-10-01');
    await cobThrough(deps, '2026-09-30');
    const after = await loanRow(deps, loanId);
    const schedule = (await repo.scheduleOf(deps.database.db, loanId))!.schedule as {
      installments: { principal: string; interest: string }[];
    };
    const [bill] = await repo.billsOf(deps.database.db, loanId);
    expect(bill!.interest / 100).toBe(Number(schedule.installments[0]!.interest));
    expect(bill!.principal / 100).toBe(Number(schedule.installments[0]!.principal));
    expect(after.interestDue).toBe(bill!.interest);
    expect(after.principalDue).toBe(bill!.principal);
    expect(after.nextDueDate).toBe('2026-11-01');
    await assertBooksSound(deps);
  });

  it('ages an unpaid instalment into buckets and charges penalty interest', async () => {
    // The National Day week is closed; the next business date after 30 Sept is 8 Oct.
    await cobThrough(deps, '2026-10-08');
    const l = await loanRow(deps, loanId);
    expect(l.oldestDueDate).toBe('2026-10-01');
    expect(l.daysPastDue).toBe(7);
    expect(l.bucket).toBe('1-29');
    expect(l.penaltyDue).toBeGreaterThan(0);
    const events = await deps.database.query<{ type: string }>(
      `select type from servicing_events where loan_id = $1`,
      [loanId],
    );
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['delinquency.bucket_changed', 'payment.missed']),
    );
    await assertBooksSound(deps);
  });

  it('allocates penalties, fees, interest, then principal, and cures the arrears', async () => {
    const before = await loanRow(deps, loanId);
    const due = before.penaltyDue + before.feesDue + before.interestDue + before.principalDue;
    const p = await pay(deps, loanId, formatMoney(due, 'CNY'));
    expect(p.allocation.penalty).toBe(formatMoney(before.penaltyDue, 'CNY'));
    expect(p.allocation.interest).toBe(formatMoney(before.interestDue, 'CNY'));
    expect(p.allocation.principal).toBe(formatMoney(before.principalDue, 'CNY'));
    const l = await loanRow(deps, loanId);
    expect([l.daysPastDue, l.bucket, l.oldestDueDate, l.principalDue, l.interestDue, l.penaltyDue]).toEqual([
      0,
      'current',
      null,
      0,
      0,
      0,
    ]);
    await assertBooksSound(deps);
  });

  it('replays the same idempotency key and refuses it for a different amount', async () => {
    const key = `idem-${randomUUID()}`;
    const first = await manager.request('POST', `/api/v1/loans/${loanId}/payments`, {
      amount: '10.00',
      currency: 'CNY',
      channel: 'card',
      idempotencyKey: key,
    });
    expect(first.statusCode).toBe(201);
    const again = await manager.request('POST', `/api/v1/loans/${loanId}/payments`, {
      amount: '10.00',
      currency: 'CNY',
      channel: 'card',
      idempotencyKey: key,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(again.json().replayed).toBe(true);
    const clash = await manager.request('POST', `/api/v1/loans/${loanId}/payments`, {
      amount: '11.00',
      currency: 'CNY',
      channel: 'card',
      idempotencyKey: key,
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.headers['content-type']).toContain('application/problem+json');
    expect(clash.json().errors.map((e: { field: string }) => e.field)).toEqual(['amount']);
    const n = await deps.database.query<{ n: number }>(
      `select count(*)::int as n from payments where idempotency_key = $1`,
      [key],
    );
    expect(n[0]!.n).toBe(1);
  });

  it('refuses bad payments naming the field, posting nothing', async () => {
    const count = async () =>
      (await deps.database.query<{ n: number }>(`select count(*)::int as n from journals`))[0]!.n;
    const before = await count();
    const base = { currency: 'CNY', channel: 'card', idempotencyKey: `bad-${randomUUID()}` };
    const neg = await manager.request('POST', `/api/v1/loans/${loanId}/payments`, {
      ...base,
      amount: '-5.00',
    });
    expect([neg.statusCode, neg.json().errors[0].field]).toEqual([400, 'amount']);
    const cur = await manager.request('POST', `/api/v1/loans/${loanId}/payments`, {
      ...base,
      amount: '5.00',
      currency: 'XYZ',
    });
    expect([cur.statusCode, cur.json().errors[0].field]).toEqual([400, 'currency']);
    const wrong = await manager.request('POST', `/api/v1/loans/${loanId}/payments`, {
      ...base,
      amount: '5.00',
      currency: 'USD',
    });
    expect([wrong.statusCode, wrong.json().errors[0].field]).toEqual([400, 'currency']);
    const closed = await newLoan(deps, { amount: '100.00' });
    await pay(deps, closed.id, '100.00');
    expect((await loanRow(deps, closed.id)).state).toBe('paid_off');
    await changeLoanState(deps, OPS, closed.id, 'closed', 'settled');
    const toClosed = await manager.request('POST', `/api/v1/loans/${closed.id}/payments`, {
      ...base,
      amount: '5.00',
    });
    expect(toClosed.statusCode).toBe(409);
    expect(toClosed.json().errors[0].field).toBe('loanId');
    expect(await count()).toBe(before + 2); // the settling payment and its disbursement... only the payment here
  });

  it('reverses a payment and restores the loan exactly', async () => {
    const before = await loanDetail(deps, STAFF_ACCESS, loanId);
    const p = await pay(deps, loanId, '5000.00', { prepayment: 'shorter-term' });
    const mid = await loanRow(deps, loanId);
    expect(mid.instalmentsTotal).toBeLessThan(60);
    await reversePayment(deps, OPS, p.id, 'bounced');
    const after = await loanDetail(deps, STAFF_ACCESS, loanId);
    expect(after.loan).toEqual(before.loan);
    expect(after.bills).toEqual(before.bills);
    await expect(reversePayment(deps, OPS, p.id, 'again')).rejects.toThrow(/already reversed/);
    await assertBooksSound(deps);
  });

  it('turns an overpayment into a lower payment, a shorter term, or a credit balance', async () => {
    const a = await newLoan(deps, { amount: '12000.00' });
    const b = await newLoan(deps, { amount: '12000.00' });
    const c = await newLoan(deps, { amount: '12000.00' });
    await pay(deps, a.id, '3000.00', { prepayment: 'lower-payment' });
    await pay(deps, b.id, '3000.00', { prepayment: 'shorter-term' });
    await pay(deps, c.id, '3000.00', { prepayment: 'credit' });
    const [la, lb, lc] = [await loanRow(deps, a.id), await loanRow(deps, b.id), await loanRow(deps, c.id)];
    expect(la.levelPayment).toBeLessThan(a.levelPayment);
    expect(la.instalmentsTotal).toBe(a.instalmentsTotal);
    expect(lb.levelPayment).toBe(b.levelPayment);
    expect(lb.instalmentsTotal).toBeLessThan(b.instalmentsTotal);
    expect([lc.creditBalance, lc.principal]).toEqual([300_000, c.principal]);
    await assertBooksSound(deps);
  });

  it('splits a borrower’s payment: dues oldest first, then the highest rate', async () => {
    const customerId = randomUUID();
    const low = await newLoan(deps, {
      customerId,
      amount: '5000.00',
      productCode: 'CN-BANK-ENTREPRENEURSHIP',
    });
    const high = await newLoan(deps, { customerId, amount: '5000.00', productCode: 'CN-BANK-LIVING' });
    const r = await postCustomerPayment(deps, OPS, STAFF_ACCESS, {
      customerId,
      amount: '1000.00',
      currency: 'CNY',
      channel: 'bank_transfer',
      idempotencyKey: `split-${randomUUID()}`,
    });
    expect(r.payments).toHaveLength(1);
    expect(r.payments[0]!.loanId).toBe(high.id);
    expect((await loanRow(deps, low.id)).principal).toBe(low.principal);
    const directed = await postCustomerPayment(deps, OPS, STAFF_ACCESS, {
      customerId,
      amount: '300.00',
      currency: 'CNY',
      channel: 'bank_transfer',
      idempotencyKey: `split-${randomUUID()}`,
      allocations: [
        { loanId: low.id, amount: '100.00' },
        { loanId: high.id, amount: '200.00' },
      ],
    });
    expect(directed.payments.map((p) => p.amount).sort()).toEqual(['100.00', '200.00']);
    await assertBooksSound(deps);
  });
});

describe('close of business runs', () => {
  it('is idempotent per date, refuses to skip dates, and resumes a stopped run', async () => {
    const open = (await repo.readState(deps.database.db))!.businessDate;
    const again = await closeBusinessDay(deps, '2026-09-01');
    expect(again.alreadyClosed).toBe(true);
    const res = await manager.request('POST', '/api/v1/cob/runs', { date: '2026-12-01' });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0].field).toBe('date');
    await expect(closeBusinessDay(deps, open, { stopAfter: 'accrue-bill' })).rejects.toThrow(/stopped/);
    const run = await repo.findCobRun(deps.database.db, open);
    expect(run!.status).toBe('running');
    const resumed = await closeBusinessDay(deps, open);
    expect(resumed.stepsRun).toEqual(['penalties-fees', 'delinquency', 'defaults', 'plans', 'notices']);
    await assertBooksSound(deps);
  });
});

describe('students and relief', () => {
  let student: Session;
  let own: string;
  let other: string;

  beforeAll(async () => {
    const customerId = randomUUID();
    await createUser(deps, SYSTEM_ACTOR, {
      username: 'loanstudent',
      displayName: '王同学',
      email: 'ls@demo.example',
      password: DEMO_PASSWORD,
      roles: ['student'],
      locale: 'zh-CN',
      customerId,
    });
    own = (await newLoan(deps, { customerId, amount: '8000.00' })).id;
    other = (await newLoan(deps, { amount: '8000.00' })).id;
    student = session(app);
    await student.login('loanstudent', DEMO_PASSWORD);
  });

  it('lets a student see and pay only their own loans, through the simulated channel', async () => {
    const list = (await student.request('GET', '/api/v1/loans')).json();
    expect(list.items.map((l: { id: string }) => l.id)).toEqual([own]);
    expect((await student.request('GET', `/api/v1/loans/${other}`)).statusCode).toBe(404);
    expect((await student.request('GET', `/api/v1/loans/${own}`)).statusCode).toBe(200);
    const pay1 = {
      amount: '10.00',
      currency: 'CNY',
      channel: 'simulated',
      idempotencyKey: `stu-${randomUUID()}`,
    };
    expect((await student.request('POST', `/api/v1/loans/${other}/payments`, pay1)).statusCode).toBe(404);
    expect(
      (await student.request('POST', `/api/v1/loans/${own}/payments`, { ...pay1, channel: 'card' }))
        .statusCode,
    ).toBe(400);
    expect((await student.request('POST', `/api/v1/loans/${own}/payments`, pay1)).statusCode).toBe(201);
    expect(
      (
        await student.request('POST', `/api/v1/payments/00000000-0000-4000-8000-000000000000/reversal`, {
          reason: 'x',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('lets a student request deferment with a preview; a manager approves; due dates move', async () => {
    const before = await loanRow(deps, own);
    // The preview files nothing: same schedule as the request, no request on the loan yet.
    const dry = await student.request('POST', `/api/v1/loans/${own}/hardship-requests/preview`, {
      kind: 'deferment',
      reason: 'unemployment',
      endDate: '2027-03-31',
    });
    expect(dry.statusCode).toBe(200);
    expect(dry.json().preview.firstDueDateAfter > '2027-03-31').toBe(true);
    expect(
      (await student.request('GET', `/api/v1/loans/${own}/hardship-requests`)).json().items,
    ).toHaveLength(0);
    const req = await student.request('POST', `/api/v1/loans/${own}/hardship-requests`, {
      kind: 'deferment',
      reason: 'unemployment',
      endDate: '2027-03-31',
    });
    expect(req.statusCode).toBe(201);
    const body = req.json();
    expect(body.preview.firstDueDateAfter > '2027-03-31').toBe(true);
    expect(body.preview.schedule.installments.length).toBeGreaterThan(0);
    expect(body.preview).toEqual(dry.json().preview);
    expect(
      (
        await student.request('POST', `/api/v1/hardship-requests/${body.id}/decision`, {
          decision: 'approve',
        })
      ).statusCode,
    ).toBe(403);
    const ok = await manager.request('POST', `/api/v1/hardship-requests/${body.id}/decision`, {
      decision: 'approve',
      note: '证明已核实',
    });
    expect(ok.statusCode).toBe(200);
    const l = await loanRow(deps, own);
    expect(l.state).toBe('deferment');
    expect(l.nextDueDate).toBeNull();
    expect(l.firstDueDate! > before.firstDueDate!).toBe(true);
    await assertBooksSound(deps);
  });

  it('puts late loans in the collections queue and records promises to pay', async () => {
    const q = await manager.request('GET', '/api/v1/collections/queue');
    expect(q.statusCode).toBe(200);
    const late = q.json().items[0];
    if (late) {
      const res = await manager.request('POST', `/api/v1/loans/${late.loanId}/collection-actions`, {
        kind: 'promise',
        channel: 'phone',
        promisedAmount: '100.00',
        promisedDate: '2027-12-01',
      });
      expect(res.statusCode).toBe(201);
    }
    const bad = await manager.request('POST', `/api/v1/loans/${own}/collection-actions`, {
      kind: 'promise',
      promisedAmount: '-1',
    });
    expect(bad.statusCode).toBe(400);
  });

  it('reports a reconciled book', async () => {
    const r = await reconcile(deps);
    expect(r.ok).toBe(true);
    expect(r.loansChecked).toBeGreaterThan(5);
  });
});
