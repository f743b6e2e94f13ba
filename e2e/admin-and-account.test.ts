// The admin pages and the account page in a real browser: an admin creates a user (the
// server's field errors show on the form), the user enrols an authenticator and then signs
// in with the TOTP step; the audit trail shows what happened and its chain verifies; the
// calculator reproduces the contract's published figure (15,000 at 8 % over 60 months: 304.15).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../packages/server/test/app-harness.ts';
import { totpCode } from '../packages/server/src/security/totp.ts';
import { launchBrowser, type Browser } from './browser.ts';

type App = Awaited<ReturnType<typeof startTestApp>>;

const NEW_USER = {
  username: 'e2e.officer',
  displayName: '测试 信贷员 Test Officer',
  password: 'a-long-e2e-passphrase-1',
};

async function signIn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.context().clearCookies(); // each test signs in afresh in the one browser profile
  await page.goto(`${url}/login`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
}

async function typeCode(page: Page, code: string): Promise<void> {
  await page.locator('.mantine-PinInput-input').first().click();
  await page.keyboard.type(code);
}

describe('admin, account and calculator pages', () => {
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

  it('creates a user, who enrols TOTP and signs in with it', async () => {
    const admin = app.demoLogins.find((l) => l.role === 'admin')!;
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));

    await signIn(page, app.url, admin.username, admin.password);
    await page.getByTestId('main-nav').getByRole('link', { name: 'Users & roles' }).click();
    await page.getByTestId('user-row-admin').waitFor();

    // A taken username comes back as a 409 problem naming the field; the form shows it.
    await page.getByRole('button', { name: 'Create user' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Username' }).fill('admin');
    await dialog.getByRole('textbox', { name: 'Display name' }).fill(NEW_USER.displayName);
    await dialog.getByRole('textbox', { name: 'Initial password' }).fill(NEW_USER.password);
    await dialog.getByLabel('Roles').click();
    await page.getByRole('option', { name: 'Loan officer' }).click();
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await expect.poll(() => dialog.getByRole('alert').innerText()).toContain('That username is taken.');
    await expect
      .poll(() => dialog.locator('.mantine-InputWrapper-error').first().innerText())
      .toContain('taken');

    await dialog.getByRole('textbox', { name: 'Username' }).fill(NEW_USER.username);
    await dialog.getByRole('button', { name: 'Create user' }).click();
    await page.getByTestId(`user-row-${NEW_USER.username}`).waitFor();
    await dialog.waitFor({ state: 'hidden' });

    // Search finds the new user by a Chinese fragment of the name.
    await page.getByRole('textbox', { name: 'Search users' }).fill('信贷员');
    await expect.poll(() => page.locator('[data-testid^="user-row-"]').count()).toBe(1);

    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');

    // The new user enrols an authenticator on the account page.
    await signIn(page, app.url, NEW_USER.username, NEW_USER.password);
    await page.getByTestId('main-nav').waitFor();
    expect(await page.getByTestId('main-nav').getByRole('link').allInnerTexts()).toEqual([
      'Home',
      'Customers',
      'Schools',
      'Loan products',
      'Applications',
      'Disbursements',
      'Origination funnel',
      'Verify a contract',
      'Loans',
      'Messages',
      'Templates',
      'Journeys',
      'Tasks & contacts',
      'Service desk',
      'Surveys',
      'Closed loop',
      'My training',
      'Prospects',
      'Campus events',
      'Campaigns',
      'Account changes',
      'Repayment calculator',
      'My account',
    ]);
    await page.getByTestId('main-nav').getByRole('link', { name: 'My account' }).click();
    await page.getByTestId('totp-setup').click();
    const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s+/g, '');
    expect(await page.getByTestId('totp-url').innerText()).toMatch(/^otpauth:\/\/totp\//);
    await typeCode(page, totpCode(secret, Date.now()));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await expect.poll(() => page.getByTestId('totp-status').innerText()).toBe('ON');
    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');

    // Signing in now asks for the code, and a wrong one is refused in words.
    await signIn(page, app.url, NEW_USER.username, NEW_USER.password);
    await page.getByText('Enter the 6-digit code from your authenticator app.').waitFor();
    await typeCode(page, '000000');
    await expect.poll(() => page.getByTestId('login-error').innerText()).toContain('That code is not valid');
    await typeCode(page, totpCode(secret, Date.now() + 30_000));
    await page.getByTestId('main-nav').waitFor();
    expect(await page.getByTestId('user-display-name').innerText()).toBe(NEW_USER.displayName);
    expect(errors).toEqual([]);
  });

  it('shows the audit trail, expands a row and verifies the chain', async () => {
    const auditor = app.demoLogins.find((l) => l.role === 'compliance_auditor')!;
    const page = await browser.context.newPage();
    await signIn(page, app.url, auditor.username, auditor.password);
    await page.getByTestId('main-nav').getByRole('link', { name: 'Audit trail' }).click();
    await page.getByTestId('audit-row').first().waitFor();

    // Filter by action: only user creations.
    await page.getByRole('textbox', { name: 'Action' }).fill('user.created');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect
      .poll(async () => [
        ...new Set(await page.getByTestId('audit-row').locator('td:nth-child(5)').allInnerTexts()),
      ])
      .toEqual(['user.created']);
    await page.getByTestId('audit-row').first().click();
    await page.getByText('After', { exact: true }).first().waitFor();

    const href = await page.getByTestId('audit-export').getAttribute('href');
    expect(href).toBe('/api/v1/audit/events.csv?action=user.created');
    const csv = await page.evaluate(async (h) => (await fetch(h!)).text(), href);
    expect(csv.split('\n')[0]).toContain('action');

    await page.getByTestId('audit-verify').click();
    await expect.poll(() => page.getByTestId('verify-result').innerText()).toContain('The chain is intact');
  });

  it('computes a repayment schedule to the cent', async () => {
    const student = app.demoLogins.find((l) => l.role === 'student')!;
    const page = await browser.context.newPage();
    await signIn(page, app.url, student.username, student.password);
    await page.getByTestId('main-nav').locator('a[href="/calculator"]').click();
    await page.getByTestId('calc-submit').waitFor();

    const principal = page.getByTestId('calc-principal');
    await principal.fill('15000');
    await page.getByTestId('calc-rate').fill('8');
    await page.getByTestId('calc-currency').click();
    await page.getByRole('option', { name: 'USD' }).click();
    await page.getByTestId('calc-submit').click();
    await expect.poll(() => page.getByTestId('calc-payment').innerText()).toBe('304.15 USD');
    expect(await page.getByTestId('calc-table').locator('tbody tr').count()).toBe(60);
    expect(await page.locator('.recharts-line').count()).toBeGreaterThan(0);

    await page.getByTestId('tab-income-driven').click();
    await page.getByTestId('idr-submit').click();
    await page.getByTestId('idr-row-PAYE').waitFor();
    expect(await page.getByTestId('idr-table').locator('tbody tr').count()).toBe(7);
  });
});
