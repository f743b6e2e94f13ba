// Customers and products in a real browser: a manager creates a customer with a Chinese name
// (the form checks it, the server classifies it, a second entry is flagged as a likely duplicate),
// finds it by part of the name, builds a segment and watches the live count; then drafts a loan
// product from a template, sees the server's field error under the field, fixes it and activates it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../packages/server/test/app-harness.ts';
import { launchBrowser, type Browser } from './browser.ts';

type App = Awaited<ReturnType<typeof startTestApp>>;

async function signIn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${url}/login`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.getByTestId('main-nav').waitFor();
  // The demo manager works in Chinese; these steps read the English labels.
  if ((await page.locator('html').getAttribute('lang')) !== 'en') {
    await page.getByTestId('language-switch').click();
    await page.getByTestId('language-en').click();
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
  }
}

async function pick(page: Page, input: ReturnType<Page['getByTestId']>, option: string | RegExp, type?: string): Promise<void> {
  await input.click();
  if (type) await input.fill(type);
  await page.getByRole('option', { name: option }).first().click();
}

describe('customers, segments and products', () => {
  let app: App;
  let browser: Browser;
  let manager: { username: string; password: string };

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchBrowser({ locale: 'en-US' });
    manager = app.demoLogins.find((l) => l.role === 'manager')!;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('creates a customer, sees the classification, and counts a segment', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await signIn(page, app.url, manager.username, manager.password);

    await page.getByTestId('main-nav').getByRole('link', { name: 'Customers', exact: true }).click();
    await page.getByTestId('customer-row').first().waitFor();
    await page.getByTestId('customer-new').click();

    // The form checks dates before sending: graduation before the start is refused in place.
    await page.getByTestId('cf-legal-name').fill('李雪梅');
    await page.getByTestId('cf-dob').fill('2005-03-14');
    await pick(page, page.getByTestId('cf-school'), /北京大学/, '北京大学');
    await pick(page, page.getByTestId('cf-level'), 'Undergraduate');
    await page.getByTestId('cf-start').fill('2025-09-01');
    await page.getByTestId('cf-grad').fill('2024-07-01');
    await page.getByTestId('cf-submit').click();
    await page.getByText('Graduation must be after the start date').waitFor();
    await page.getByTestId('cf-grad').fill('2029-07-01');
    // 20,000 a year for four people: 5,000 per person, under the CNY need threshold.
    await page.getByTestId('cf-hh-size').fill('4');
    await page.getByTestId('cf-hh-income').fill('20000');
    await page.getByTestId('cf-submit').click();

    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    const customerUrl = page.url();
    expect(await page.getByTestId('customer-name').innerText()).toBe('李雪梅');
    expect(await page.getByTestId('class-economicStatus').first().textContent()).toBe('Financial need');
    expect(await page.getByTestId('class-educationLevel').first().textContent()).toBe('Undergraduate');
    expect(await page.getByTestId('rule-economicStatus').innerText()).toContain('econ.low_income');
    await page.getByTestId('timeline-event').first().waitFor();

    // The same name and birth date again: a likely duplicate, with a link to the first record.
    await page.goto(`${app.url}/customers/new`);
    await page.getByTestId('cf-legal-name').fill('李雪梅');
    await page.getByTestId('cf-dob').fill('2005-03-14');
    await page.getByTestId('cf-submit').click();
    await page.getByTestId('duplicate-warning').waitFor();
    expect(await page.getByTestId('duplicate-candidate').first().getAttribute('href')).toBe(new URL(customerUrl).pathname);

    // Search by part of the Chinese name.
    await page.goto(`${app.url}/customers`);
    await page.getByTestId('customer-search').fill('雪梅');
    await expect.poll(() => page.getByTestId('customer-row').allInnerTexts()).toEqual([expect.stringContaining('李雪梅')]);

    // A segment: customers in financial need, then only undergraduates among them.
    await page.getByTestId('main-nav').getByRole('link', { name: 'Segments', exact: true }).click();
    await page.getByTestId('segment-new').click();
    await page.getByTestId('segment-name').fill('Undergraduates in financial need · 本科困难生');
    await pick(page, page.getByTestId('cond-field').first(), 'Class: economic status');
    await pick(page, page.getByTestId('cond-value').first(), 'Financial need');
    const count = async () => Number((await page.getByTestId('segment-count').innerText()).replace(/\D/g, '') || '-1');
    await expect.poll(count).toBeGreaterThan(0);
    const needy = await count();
    const api = await page.evaluate(async () => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const res = await fetch('/api/v1/segments/preview', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ rule: { field: 'class.economicStatus', op: 'eq', value: 'financial_need' } }),
      });
      return ((await res.json()) as { count: number }).count;
    });
    expect(needy).toBe(api);

    await page.getByTestId('add-condition').first().click();
    await pick(page, page.getByTestId('cond-field').nth(1), 'Education level (current enrolment)');
    await pick(page, page.getByTestId('cond-value').nth(1), 'Undergraduate');
    await expect.poll(count).not.toBe(needy);
    expect(await count()).toBeGreaterThan(0);
    expect(await count()).toBeLessThan(needy);

    await page.getByTestId('segment-save').click();
    await page.waitForURL(/\/segments\/[0-9a-f-]{36}$/);
    await page.getByTestId('segment-snapshot').click();
    await page.getByTestId('snapshot-row').first().waitFor();
    expect(errors).toEqual([]);
  });

  it('drafts a product from a template, shows a field error, and activates it', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await signIn(page, app.url, manager.username, manager.password);

    await page.getByTestId('main-nav').getByRole('link', { name: 'Loan products' }).click();
    await page.getByTestId('product-row-CN-BANK-TUITION').waitFor();
    await page.getByTestId('product-new-draft').click();
    await pick(page, page.getByTestId('template-select'), /^CN-BANK-TUITION/);
    await page.getByTestId('draft-code').fill('E2E-TUITION');
    await page.getByTestId('draft-create').click();
    await page.waitForURL('**/products/E2E-TUITION?version=1');
    await page.getByTestId('status-draft').first().waitFor();

    // 150 % is refused by the server, and the error shows under the rate field.
    await page.getByTestId('draft-rate').fill('150');
    await page.getByTestId('draft-save').click();
    await page.getByTestId('draft-error').waitFor();
    await page.getByText('must be between 0 and 1').waitFor();

    await page.getByTestId('draft-rate').fill('4.2');
    await page.getByTestId('draft-term').fill('48');
    await page.getByTestId('draft-save').click();
    await page.getByTestId('draft-error').waitFor({ state: 'detached' });
    await page.getByText('Draft saved').waitFor();

    await page.getByTestId('product-activate').click();
    await page.getByTestId('confirm-action').click();
    await page.getByTestId('status-active').first().waitFor();
    expect(await page.getByTestId('def-rate').innerText()).toContain('4.2 % fixed');
    expect(await page.getByTestId('product-history').locator('tbody tr').count()).toBe(1);

    // The list shows the new product as active.
    await page.getByRole('link', { name: 'All products' }).click();
    await page.getByTestId('product-row-E2E-TUITION').getByTestId('status-active').waitFor();
    expect(errors).toEqual([]);
  });
});
