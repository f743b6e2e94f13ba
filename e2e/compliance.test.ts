// The compliance dashboard in a real browser: a compliance officer (the demo auditor) opens the
// dashboard, sees a credit-reporting dispute close to its 30-day deadline in the at-risk list,
// resolves it from the dispute page before the deadline, and sees it leave the at-risk list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../packages/server/test/app-harness.ts';
import { launchBrowser, type Browser } from './browser.ts';
import { signIn } from './session.ts';

type App = Awaited<ReturnType<typeof startTestApp>>;

/** A signed-in API client (cookie + CSRF token), for setting up data the way staff would. */
async function apiAs(url: string, username: string, password: string) {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(login.status).toBe(200);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
}

describe('compliance dashboard', () => {
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

  it('a compliance officer resolves an at-risk dispute before its deadline and it leaves the at-risk list', async () => {
    const officer = app.demoLogins.find((l) => l.role === 'loan_officer')!;
    const auditor = app.demoLogins.find((l) => l.role === 'compliance_auditor')!;
    // A loan on the book, and a bureau dispute received 27 days ago: three days left on its clock.
    const asOfficer = await apiAs(app.url, officer.username, officer.password);
    const customers = await asOfficer<{ items: { id: string }[] }>('GET', '/customers?limit=1');
    const loan = await asOfficer<{ id: string }>('POST', '/loans', {
      customerId: customers.items[0]!.id,
      productCode: 'CN-BANK-TUITION',
      amount: '9000.00',
    });
    await asOfficer('POST', `/loans/${loan.id}/disbursements`, { amount: '9000.00' });
    const asAuditor = await apiAs(app.url, auditor.username, auditor.password);
    const dispute = await asAuditor<{ id: string; reference: string; atRisk: boolean }>(
      'POST',
      '/compliance/disputes',
      {
        loanId: loan.id,
        reason: 'payment-history',
        description: 'ACDV: consumer says the July payment was on time',
        bureauReference: 'ACDV-E2E-0001',
        receivedAt: new Date(Date.now() - 27 * 86_400_000).toISOString(),
      },
    );
    expect(dispute.atRisk).toBe(true);

    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await signIn(page, app.url, auditor.username, auditor.password);
    await page.getByTestId('main-nav').getByRole('link', { name: 'Compliance', exact: true }).click();
    await page.waitForURL(/\/compliance$/);
    const item = page.locator(`[data-testid="at-risk-item"][data-id="${dispute.id}"]`);
    await item.waitFor();
    await page.getByTestId('section-disputes').waitFor();

    await item.getByRole('link', { name: new RegExp(dispute.reference) }).click();
    await page.waitForURL(new RegExp(`/compliance/disputes/${dispute.id}$`));
    await expect.poll(() => page.getByTestId('dispute-clock').textContent()).toMatch(/days left/);
    await page.getByTestId('resolve-outcome').click();
    await page.getByRole('option', { name: 'Corrected', exact: true }).click();
    await page
      .getByTestId('resolve-resolution')
      .fill('July payment found in suspense and applied; history corrected.');
    await page.getByTestId('resolve-submit').click();
    await page.getByTestId('dispute-outcome').waitFor();
    expect(await page.getByTestId('dispute-outcome').textContent()).toMatch(
      /Corrected.*awaiting the next bureau file/,
    );

    await page.getByTestId('main-nav').getByRole('link', { name: 'Compliance', exact: true }).click();
    await page.waitForURL(/\/compliance$/);
    await page.getByTestId('at-risk').waitFor();
    await page.getByTestId('section-disputes').waitFor();
    await expect.poll(() => item.count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
