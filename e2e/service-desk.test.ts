// The service desk in a real browser: a student submits a complaint in the portal, an agent
// replies from the ticket view and resolves it, the student sees the reply in "My requests"
// and rates the service; the help centre's answer assistant finds the passage for a Chinese
// question.
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
  if ((await page.locator('html').getAttribute('lang')) !== 'en') {
    await page.getByTestId('language-switch').click();
    await page.getByTestId('language-en').click();
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
  }
}

describe('service desk', () => {
  let app: App;
  let browser: Browser;

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchBrowser({ locale: 'en-US' });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('a student complains, an agent replies and resolves, the student reads the reply and rates', async () => {
    const student = app.demoLogins.find((l) => l.role === 'student')!;
    const agent = app.demoLogins.find((l) => l.role === 'service_agent')!;
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));

    await signIn(page, app.url, student.username, student.password);
    await page.getByTestId('main-nav').getByRole('link', { name: 'My requests', exact: true }).click();
    await page.getByTestId('new-request').click();
    await page.getByTestId('request-type').click();
    await page.getByRole('option', { name: 'Complaint', exact: true }).click();
    await page.getByTestId('request-subject').fill('Charged twice this month');
    await page.getByTestId('request-body').fill('本月被重复扣款两次，请退还多扣的金额。');
    await page.getByTestId('submit-request').click();
    await page.waitForURL(/\/my-requests\/[0-9a-f-]{36}$/);
    const ticketId = page.url().split('/').pop()!;
    await page.getByRole('heading', { name: /Charged twice this month/ }).waitFor();
    await expect.poll(() => page.getByTestId('ticket-status').textContent()).toBe('New');

    await signIn(page, app.url, agent.username, agent.password);
    await page.getByTestId('main-nav').getByRole('link', { name: 'Service desk', exact: true }).click();
    await page.getByTestId('inbox').waitFor();
    await page.goto(`${app.url}/desk/tickets/${ticketId}`);
    await page.getByTestId('customer-context').waitFor();
    await page
      .getByTestId('reply-body')
      .fill('We are sorry: the duplicate debit of 50.00 has been refunded to your card.');
    await page.getByTestId('reply-after').click();
    await page.getByRole('option', { name: 'Resolved', exact: true }).click();
    await page.getByTestId('reply-summary').fill('Duplicate debit refunded');
    await page.getByTestId('send-reply').click();
    await expect.poll(() => page.getByTestId('ticket-status').first().textContent()).toBe('Resolved');

    await signIn(page, app.url, student.username, student.password);
    await page.goto(`${app.url}/my-requests/${ticketId}`);
    await page
      .getByTestId('entry-public')
      .filter({ hasText: 'duplicate debit of 50.00 has been refunded' })
      .waitFor();
    expect(await page.getByTestId('entry-internal').count()).toBe(0);
    await page.getByTestId('rate-4').click();
    await page.getByTestId('submit-rating').click();
    await page.getByTestId('rated').waitFor();
    expect(errors).toEqual([]);
  });

  it('the help centre answers a Chinese question with the passage and a link', async () => {
    const student = app.demoLogins.find((l) => l.role === 'student')!;
    const page = await browser.context.newPage();
    await signIn(page, app.url, student.username, student.password);
    await page.goto(`${app.url}/help`);
    await page.getByTestId('help-question').fill('逾期会影响征信吗');
    await page.getByRole('button', { name: 'Find answers' }).click();
    await page.getByTestId('answers').filter({ hasText: '征信系统' }).waitFor();
    await page.getByTestId('answers').getByRole('link').first().click();
    await page.waitForURL(/\/help\/articles\//);
  });
});
