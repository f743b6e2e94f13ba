import { formatMoney } from '@bursar/core';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, session, testApp, type Session } from '../../../test/http-client.ts';
import { openTestDeps, type TestDeps, seedTestDemo } from '../../../test/test-deps.ts';
import { changeLoanState, payoffQuote, STAFF_ACCESS } from './loans.service.ts';
import { assertBooksSound, installProducts, loanRow, newLoan, OPS } from './servicing-test-kit.ts';

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

const HEADER =
  'loan_number,customer_id,product_code,currency,opened_on,commitment,principal,principal_due,interest_due,interest_accrued,oldest_due_date,next_due_date,instalments_remaining';

describe('loan boarding', () => {
  it('boards legacy loans with balances and arrears, reconciled to the ledger', async () => {
    const csv = [
      HEADER,
      `LEG-001,${randomUUID()},CN-BANK-TUITION,CNY,2025-03-01,30000.00,24000.00,0,0,12.34,,2026-10-01,42`,
      `LEG-002,${randomUUID()},CN-BANK-TUITION,CNY,2025-01-15,20000.00,15000.00,350.00,52.10,8.00,2026-07-15,2026-09-15,40`,
    ].join('\n');
    const res = await manager.request('POST', '/api/v1/loans/boarding', { csv });
    expect(res.statusCode).toBe(201);
    expect(res.json().imported).toBe(2);
    expect(res.json().totals[0]).toMatchObject({ currency: 'CNY', principal: '39000.00', reconciled: true });
    const late = (await manager.request('GET', '/api/v1/loans?state=repayment&limit=500'))
      .json()
      .items.find((l: { loanNumber: string }) => l.loanNumber === 'LEG-002');
    expect(late.delinquency).toMatchObject({ oldestDueDate: '2026-07-15', bucket: '30-59' });
    await assertBooksSound(deps);
  });

  it('refuses a file with bad rows, naming row and column, and writes nothing', async () => {
    const csv = [
      HEADER,
      `LEG-101,${randomUUID()},CN-BANK-TUITION,CNY,2025-03-01,30000.00,-5.00,0,0,0,,2026-10-01,42`,
      `LEG-102,not-a-uuid,NO-SUCH,CNY,2025-03-01,1.00,1.00,0,0,0,,2026-10-01,1`,
    ].join('\n');
    const res = await manager.request('POST', '/api/v1/loans/boarding', { csv });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['rows.2.principal', 'rows.3.product_code']));
    const [n] = await deps.database.query<{ n: number }>(
      `select count(*)::int as n from loans where loan_number like 'LEG-1%'`,
    );
    expect(n!.n).toBe(0);
  });
});

describe('payoff and relief', () => {
  it('quotes a payoff with interest accrued to the date', async () => {
    const loan = await newLoan(deps, { amount: '10000.00' });
    const q = await payoffQuote(deps, STAFF_ACCESS, loan.id, '2026-09-11');
    // 10,000 × 3.95 % × 10/360 = 10.97
    expect(q).toMatchObject({ principal: '10000.00', interest: '10.97', total: '10010.97' });
  });

  it('discharges a loan, writing its balances off against relief expense', async () => {
    const loan = await newLoan(deps, { amount: '5000.00' });
    await changeLoanState(deps, OPS, loan.id, 'discharged', 'total and permanent disability');
    const l = await loanRow(deps, loan.id);
    expect([l.state, l.principal, l.chargedOffAmount]).toEqual(['discharged', 0, 500_000]);
    await assertBooksSound(deps);
  });
});

describe('bank statements and suspense', () => {
  it('matches lines by reference and amount, parks the rest in suspense, and never books a line twice', async () => {
    const loan = await newLoan(deps, { amount: '6000.00' });
    const statement = [
      'transaction_id,value_date,amount,currency,reference',
      `TX-1,2026-09-01,${formatMoney(loan.levelPayment, 'CNY')},CNY,"repayment ${loan.loanNumber}"`,
      'TX-2,2026-09-01,123.45,CNY,no idea',
      `TX-3,2026-09-01,1.00,CNY,${loan.loanNumber} partial`,
    ].join('\n');
    const first = await manager.request('POST', '/api/v1/payments/statements', { csv: statement });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ lines: 3, matched: 1, suspense: 2, duplicates: 0 });
    const again = (await manager.request('POST', '/api/v1/payments/statements', { csv: statement })).json();
    expect(again).toMatchObject({ matched: 0, suspense: 0, duplicates: 3 });
    const queue = (await manager.request('GET', '/api/v1/payments/suspense?status=open')).json().items;
    const item = queue.find((i: { bankTransactionId: string }) => i.bankTransactionId === 'TX-3');
    const matched = await manager.request('POST', `/api/v1/payments/suspense/${item.id}/match`, {
      loanId: loan.id,
    });
    expect(matched.statusCode).toBe(200);
    expect(matched.json().item.status).toBe('matched');
    const [s] = await deps.database.query<{ b: string }>(
      `select coalesce(sum(amount), 0)::text as b from journal_lines where account_code = '2200'`,
    );
    expect(s!.b).toBe('-12345');
    await assertBooksSound(deps);
  });
});

describe('documents', () => {
  it('renders the monthly statement, payoff quote and interest-paid statement as PDFs with Chinese', async () => {
    const loan = await newLoan(deps, { amount: '3000.00' });
    const st = await manager.request('GET', `/api/v1/loans/${loan.id}/statements/2026-09`);
    expect(st.statusCode).toBe(200);
    expect(st.headers['content-type']).toContain('application/pdf');
    expect(st.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(st.rawPayload.toString('latin1')).toContain('NotoSansSC');
    const q = await manager.request('GET', `/api/v1/loans/${loan.id}/payoff-quote.pdf?asOf=2026-09-30`);
    expect(q.statusCode).toBe(200);
    const ip = await manager.request('GET', `/api/v1/loans/${loan.id}/interest-paid/2026`);
    expect(ip.json()).toMatchObject({ year: 2026, currency: 'CNY', form1098E: false });
    expect((await manager.request('GET', `/api/v1/loans/${loan.id}/statements/2026-13`)).statusCode).toBe(
      400,
    );
  });
});

describe('national student loan lifecycle', () => {
  it('accrues the state subsidy in school, then bills the borrower’s grace interest on 20 December', async () => {
    const { cobThrough } = await import('./servicing-test-kit.ts');
    const loan = await newLoan(deps, {
      productCode: 'CN-NSL-HOME',
      amount: '16000.00',
      studyEndDate: '2026-09-15',
      yearsOfStudy: 4,
      disburse: '8000.00',
    });
    expect([loan.state, loan.interestMode]).toEqual(['in_school', 'subsidy']);
    await cobThrough(deps, '2026-09-16');
    const grace = await loanRow(deps, loan.id);
    expect([grace.state, grace.interestMode, grace.nextDueDate]).toEqual(['grace', 'borrower', '2026-12-20']);
    // 8,000 × (3.50 % − 0.60 %) × 15 days / 360 = 9.67 paid by the state for 1–15 September
    expect(grace.subsidyAccrued).toBe(967);
    await cobThrough(deps, '2026-12-18');
    const billed = await loanRow(deps, loan.id);
    // Grace interest 16 September – 19 December: 95 days → 8,000 × 2.9 % × 95 / 360 = 61.22
    expect([billed.interestDue, billed.principalDue, billed.nextDueDate]).toEqual([6122, 0, '2027-12-20']);
    await assertBooksSound(deps);
  });
});

describe('mass relief', () => {
  it('previews and then waives a cohort’s interest in one audited operation', async () => {
    const { cobThrough } = await import('./servicing-test-kit.ts');
    const a = await newLoan(deps, { productCode: 'CN-BANK-ENTREPRENEURSHIP', amount: '9000.00' });
    await cobThrough(
      deps,
      (await deps.database.query<{ d: string }>(`select business_date::text as d from servicing_state`))[0]!
        .d,
    );
    const body = {
      action: 'waive-interest',
      filter: { productCode: 'CN-BANK-ENTREPRENEURSHIP' },
      reason: '2026 graduates relief',
      apply: false,
    };
    const preview = await manager.request('POST', '/api/v1/relief/mass', body);
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ applied: false, loans: 1 });
    expect((await loanRow(deps, a.id)).interestAccrued).toBeGreaterThan(0);
    const applied = await manager.request('POST', '/api/v1/relief/mass', { ...body, apply: true });
    expect(applied.json()).toMatchObject({ applied: true, loans: 1 });
    const l = await loanRow(deps, a.id);
    expect([l.interestAccrued, l.interestDue, l.interestAccruedNum]).toEqual([0, 0, '0']);
    const audit = await deps.database.query(
      `select 1 from audit_events where action = 'servicing.mass_relief'`,
    );
    expect(audit).toHaveLength(1);
    await assertBooksSound(deps);
  });
});

describe('relief ending', () => {
  it('returns a deferred loan to repayment after the end date, with billing resumed after it', async () => {
    const { cobThrough } = await import('./servicing-test-kit.ts');
    const { requestHardship, decideHardship } = await import('./relief.service.ts');
    const loan = await newLoan(deps, { productCode: 'US-DIRECT-UNSUB', amount: '5500.00' });
    const open = (
      await deps.database.query<{ d: string }>(`select business_date::text as d from servicing_state`)
    )[0]!.d;
    const req = await requestHardship(deps, OPS, STAFF_ACCESS, loan.id, {
      kind: 'deferment',
      reason: 'unemployment',
      endDate: '2027-01-15',
    });
    await decideHardship(deps, { ...OPS, actorId: randomUUID() }, req.id, 'approve', undefined);
    expect((await loanRow(deps, loan.id)).state).toBe('deferment');
    expect(open <= '2027-01-15').toBe(true);
    await cobThrough(deps, '2027-01-19');
    const l = await loanRow(deps, loan.id);
    expect(l.state).toBe('repayment');
    expect(l.nextDueDate! > '2027-01-15').toBe(true);
    // US unsubsidised loans capitalise interest at the end of deferment.
    expect(l.principal).toBeGreaterThan(550_000);
    await assertBooksSound(deps);
  });
});
