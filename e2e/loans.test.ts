// Loan servicing in a real browser: a loan officer opens a loan for a demo customer (through the
// API: the test database has no demo loans), disburses it from the loan page, posts a payment,
// sees it among the payments and the principal drop, finds the loan in the list, and reads the
// page in 简体中文.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../packages/server/test/app-harness.ts';
import { launchBrowser, type Browser } from './browser.ts';
import { signIn, switchLanguage } from './session.ts';

type App = Awaited<ReturnType<typeof startTestApp>>;

/** Opens a loan for the first demo customer through the API, as the signed-in user. */
async function openLoan(
  page: Page,
  forCustomer?: string,
  disburse?: string,
): Promise<{ id: string; loanNumber: string }> {
  return page.evaluate(
    async ({ forCustomer, disburse }) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const customers = (await (await fetch('/api/v1/customers?limit=1')).json()) as {
        items: { id: string }[];
      };
      const res = await fetch('/api/v1/loans', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({
          customerId: forCustomer ?? customers.items[0]!.id,
          productCode: 'CN-BANK-LIVING',
          amount: '6000.00',
        }),
      });
      if (res.status !== 201) throw new Error(`open loan: ${res.status} ${await res.text()}`);
      const loan = (await res.json()) as { id: string; loanNumber: string };
      if (disburse) {
        const d = await fetch(`/api/v1/loans/${loan.id}/disbursements`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: JSON.stringify({ amount: disburse }),
        });
        if (d.status !== 201) throw new Error(`disburse: ${d.status} ${await d.text()}`);
      }
      return loan;
    },
    { forCustomer, disburse },
  );
}

describe('loan servicing pages', () => {
  let app: App;
  let browser: Browser;
  let loan: { id: string; loanNumber: string };

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchBrowser({ locale: 'en-US' });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('disburses, posts a payment, shows it and the lower balance, in English and Chinese', async () => {
    const officer = app.demoLogins.find((l) => l.role === 'loan_officer')!;
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await signIn(page, app.url, officer.username, officer.password);

    loan = await openLoan(page);
    await page.getByTestId('main-nav').getByRole('link', { name: 'Loans', exact: true }).click();
    await page.getByTestId('loan-link').filter({ hasText: loan.loanNumber }).click();
    await page.waitForURL(new RegExp(`/loans/${loan.id}$`));
    expect(await page.getByTestId('loan-number').innerText()).toBe(`Loan ${loan.loanNumber}`);

    // Disburse the whole commitment from the loan page.
    await page.getByTestId('action-disburse').click();
    await page.getByTestId('disburse-amount').fill('6000.00');
    await page.getByTestId('disburse-submit').click();
    await page.getByTestId('loan-principal').filter({ hasText: '6,000.00 CNY' }).waitFor();
    await page.getByTestId('schedule-table').waitFor();

    // Post a payment; nothing is due yet, so it prepays principal.
    await page.getByTestId('action-payment').click();
    await page.getByTestId('payment-amount').fill('500.00');
    await page.getByTestId('payment-submit').click();
    await page.getByTestId('loan-principal').filter({ hasText: '5,500.00 CNY' }).waitFor();
    await page.getByTestId('tab-payments').click();
    const row = page.getByTestId('payment-row').first();
    await row.waitFor();
    expect(await row.getByTestId('payment-amount-cell').innerText()).toBe('500.00 CNY');
    expect(await row.textContent()).toContain('Posted');

    // The same page in Chinese.
    await switchLanguage(page, 'zh-CN');
    await page
      .getByTestId('loan-number')
      .filter({ hasText: `贷款 ${loan.loanNumber}` })
      .waitFor();
    await page.getByRole('tab', { name: '还款计划' }).waitFor();
    await page.getByRole('heading', { name: '贷款记录' }).waitFor();
    expect(await page.getByTestId('loan-state').first().innerText()).toBe('还款期');
    await page.getByTestId('main-nav').getByRole('link', { name: '贷款', exact: true }).click();
    await page.getByRole('heading', { name: '贷款', exact: true }).waitFor();
    expect(await page.getByTestId('loans-total').innerText()).toMatch(/共 \d+ 笔贷款/);
    // Back to English for the next run of this profile.
    await switchLanguage(page, 'en');
    expect(errors).toEqual([]);
  }, 60_000);

  it('requests a deferment with its preview, reverses the payment, and approves the request (four eyes)', async () => {
    const officer = app.demoLogins.find((l) => l.role === 'loan_officer')!;
    const manager = app.demoLogins.find((l) => l.role === 'manager')!;
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));

    // The officer asks for six months' deferment and sees the new schedule before anything changes.
    await signIn(page, app.url, officer.username, officer.password);
    await page.goto(`${app.url}/loans/${loan.id}`);
    await page.getByTestId('action-hardship').click();
    const end = new Date(Date.now() + 183 * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('hardship-end').fill(end);
    await page.getByTestId('hardship-preview-button').click();
    await page.getByTestId('hardship-preview').getByTestId('schedule-table').waitFor();
    await page.getByTestId('hardship-submit').click();
    await page.getByTestId('hardship-pending').waitFor();
    await page.getByTestId('hardship-preview').getByTestId('schedule-table').waitFor();
    await page.getByTestId('hardship-close').click();

    // A manager reverses the payment (with a reason): the principal comes back.
    await signIn(page, app.url, manager.username, manager.password);
    await page.goto(`${app.url}/loans/${loan.id}`);
    await page.getByTestId('tab-payments').click();
    await page.getByTestId('payment-reverse').click();
    await page.getByTestId('reverse-reason').fill('Bounced by the bank');
    await page.getByTestId('reverse-submit').click();
    await page.getByTestId('loan-principal').filter({ hasText: '6,000.00 CNY' }).waitFor();
    expect(await page.getByTestId('payment-row').first().textContent()).toContain('Reversed');

    // ... and approves the officer's request from the queue: the loan moves to deferment.
    await page.getByTestId('main-nav').getByRole('link', { name: 'Relief approvals', exact: true }).click();
    const request = page.getByTestId('hardship-request').first();
    await request.getByTestId('hardship-preview').waitFor();
    await request.getByTestId('hardship-approve').click();
    await page.getByTestId('decision-note').fill('Evidence of unemployment seen');
    await page.getByTestId('decision-submit').click();
    await page.getByText('No requests here.').waitFor();
    await page.goto(`${app.url}/loans/${loan.id}`);
    expect(await page.getByTestId('loan-state').first().textContent()).toBe('Deferment');

    // Journals (ledger.read), a payoff quote and a statement PDF.
    await page.getByRole('tab', { name: 'Journals' }).click();
    await page.getByTestId('journals-table').waitFor();
    await page.getByTestId('action-payoff').click();
    await page.getByTestId('payoff-quote').waitFor();
    expect(await page.getByTestId('payoff-quote').innerText()).toContain('6,000.00 CNY');
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'Documents' }).click();
    const href = await page.getByTestId('statement-link').first().getAttribute('href');
    const pdf = await page.request.get(`${app.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');

    // The customer 360 lists the loan.
    await page.getByTestId('loan-customer').click();
    await page
      .getByTestId('section-loans')
      .getByTestId('loan-link')
      .filter({ hasText: loan.loanNumber })
      .waitFor();
    expect(errors).toEqual([]);
  }, 60_000);

  it('a student sees their loan, pays through the simulated channel and asks for a deferment', async () => {
    const officer = app.demoLogins.find((l) => l.role === 'loan_officer')!;
    const student = app.demoLogins.find((l) => l.role === 'student')!;
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));

    await signIn(page, app.url, student.username, student.password);
    const customerId = await page.evaluate(async () => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { user: { customerId: string } };
      return me.user.customerId;
    });
    await signIn(page, app.url, officer.username, officer.password);
    const own = await openLoan(page, customerId, '6000.00');

    await signIn(page, app.url, student.username, student.password);
    await page.getByTestId('main-nav').getByRole('link', { name: 'My loans', exact: true }).click();
    await page.getByTestId('my-loan').filter({ hasText: own.loanNumber }).getByTestId('loan-link').click();
    await page.getByTestId('schedule-table').waitFor();
    await page.getByTestId('action-payment').click();
    expect(await page.getByTestId('payment-channel').count()).toBe(0); // always the simulated channel
    await page.getByTestId('payment-amount').fill('100.00');
    await page.getByTestId('payment-submit').click();
    await page.getByTestId('loan-principal').filter({ hasText: '5,900.00 CNY' }).waitFor();

    await page.getByTestId('action-hardship').click();
    const end = new Date(Date.now() + 120 * 86_400_000).toISOString().slice(0, 10);
    await page.getByTestId('hardship-end').fill(end);
    await page.getByTestId('hardship-preview-button').click();
    await page.getByTestId('hardship-preview').getByTestId('schedule-table').waitFor();
    await page.getByTestId('hardship-submit').click();
    await page.getByTestId('hardship-preview').waitFor();
    await page.getByTestId('hardship-close').click();
    expect(errors).toEqual([]);
  }, 60_000);
});
