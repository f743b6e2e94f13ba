// Origination in a real browser, end to end: a student registers and applies (identity in the
// wizard, the rest saved as a draft), uploads the documents and submits; the school officer
// confirms enrolment; a manager approves (above the four-eyes amount); a risk analyst gives the
// second approval; the student consents, receives a one-time code (read from the outbox as staff)
// and signs; a loan officer pays the first tranche from the disbursement batch; and the student
// sees the loan in "My loans".
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../packages/server/test/app-harness.ts';
import { launchBrowser, type Browser } from './browser.ts';

type App = Awaited<ReturnType<typeof startTestApp>>;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const STUDENT = { username: 'chen.e2e', password: 'Correct-Horse-Battery-42' };

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

/** A staff API session from the test itself (the browser holds one user at a time). */
async function apiAs(url: string, username: string, password: string) {
  const r = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  return {
    get: async <T>(path: string): Promise<T> =>
      (await (await fetch(`${url}${path}`, { headers: { cookie } })).json()) as T,
    csrfToken,
    cookie,
  };
}

/** Same-origin fetch as the signed-in browser user. */
async function inPage<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      const res = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    { method, path, body },
  );
}

describe('origination from registration to disbursement', () => {
  let app: App;
  let browser: Browser;

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchBrowser({ locale: 'en-US' });
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('registers, applies, is confirmed, approved twice, signs, is paid and sees the loan', async () => {
    const login = (role: string) => app.demoLogins.find((l) => l.role === role)!;
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));

    // Register.
    await page.goto(`${app.url}/register`);
    await page.getByTestId('register-legalName').fill('陈同学');
    await page.getByTestId('register-email').fill('chen.e2e@example.cn');
    await page.getByTestId('register-dateOfBirth').fill('2007-05-04');
    await page.getByTestId('register-username').fill(STUDENT.username);
    await page.locator('input[type="password"]').fill(STUDENT.password);
    await page.getByTestId('register-submit').click();
    await page.getByTestId('registered').waitFor();

    // Apply: identity in the wizard.
    await signIn(page, app.url, STUDENT.username, STUDENT.password);
    await page.goto(`${app.url}/apply`);
    await page.getByTestId('start-application').click();
    await page.waitForURL(/\/apply\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    await page.getByTestId('legalName').fill('陈同学');
    await page.getByTestId('dateOfBirth').fill('2007-05-04');
    await page.getByTestId('nationalId').fill('110101200705040031');
    await page.getByTestId('phone').fill('13900139000');
    await page.getByTestId('email').fill('chen.e2e@example.cn');
    await page.getByTestId('next-step').click();
    await page.getByTestId('programme').waitFor();

    // The rest of the draft through the portal API, as the student (the school is the school officer's).
    const school = await apiAs(app.url, login('school_officer').username, login('school_officer').password);
    const schoolId = (await school.get<{ user: { schoolId: string } }>('/api/v1/auth/me')).user.schoolId;
    await inPage(page, 'PUT', `/api/v1/portal/applications/${id}/answers`, {
      school: {
        schoolId,
        level: 'undergraduate',
        programme: 'Economics 经济学',
        yearOfStudy: 1,
        startDate: '2026-09-01',
        expectedGraduationDate: '2030-06-30',
        academicResult: 'good',
      },
      household: { size: 4, annualIncomeMinor: 4_000_000, needs: ['low_income'] },
      related: { guardianName: '陈父' },
      purpose: {
        productCode: 'CN-BANK-TUITION',
        purpose: 'tuition',
        years: [
          { academicYear: '2026-2027', amountMinor: 3_000_000, payee: 'school' },
          { academicYear: '2027-2028', amountMinor: 3_000_000, payee: 'school' },
        ],
      },
    });
    await page.reload();
    for (let i = 0; i < 5; i++) await page.getByTestId('next-step').click();

    // Upload the three documents the checklist asks for.
    for (const label of ['ID document', 'Admission letter', 'Household need evidence']) {
      await page.getByTestId('document-kind').click();
      await page.getByRole('option', { name: label, exact: true }).click();
      await page
        .locator('input[type="file"]')
        .setInputFiles({ name: `${label}.pdf`, mimeType: 'application/pdf', buffer: PDF });
      await page.getByTestId('upload').click();
      await page.getByTestId('documents').getByText(`${label}.pdf`).waitFor();
    }
    await page.getByTestId('next-step').click();
    await page.getByTestId('submit-application').click();
    await page.getByTestId('track').waitFor();
    expect(await page.getByTestId('application-status').textContent()).toBe('Submitted');
    const number = (await page.locator('h2, h1').first().innerText()).match(/A\d{8}/)![0];

    // The school officer confirms enrolment.
    await signIn(page, app.url, login('school_officer').username, login('school_officer').password);
    await page.goto(`${app.url}/enrolment-checks`);
    await page
      .getByTestId('enrolment-check-row')
      .filter({ hasText: number })
      .getByTestId('confirm-enrolment')
      .click();
    await page.getByTestId('enrolment-check-row').filter({ hasText: number }).waitFor({ state: 'detached' });

    // A manager approves: 60,000 is above the four-eyes amount, so it waits for a second approver.
    await signIn(page, app.url, login('manager').username, login('manager').password);
    await page.goto(`${app.url}/applications/${id}`);
    await page.getByTestId('rules-fired').waitFor();
    await page.getByTestId('decide-approve').click();
    await page.getByTestId('application-status').filter({ hasText: 'Waiting for second approval' }).waitFor();

    // The risk analyst approves from the approval inbox.
    await signIn(page, app.url, login('risk_analyst').username, login('risk_analyst').password);
    await page.goto(`${app.url}/approvals`);
    await page.getByRole('link', { name: number }).click();
    await page.getByTestId('second-approve').click();
    await page.getByTestId('application-status').filter({ hasText: 'Approved' }).waitFor();

    // The student consents, gets a one-time code by email (read from the outbox as staff) and signs.
    await signIn(page, app.url, STUDENT.username, STUDENT.password);
    await page.goto(`${app.url}/apply/${id}`);
    await page.getByTestId('offer').waitFor();
    // The box ticks once the server has recorded the consent.
    await page.getByTestId('electronic-consent').click();
    await expect.poll(() => page.getByTestId('electronic-consent').isChecked()).toBe(true);
    await expect.poll(() => page.getByTestId('send-code').isEnabled()).toBe(true);
    await page.getByTestId('send-code').click();
    await page.getByText(/Code sent/).waitFor();
    const officer = await apiAs(app.url, login('loan_officer').username, login('loan_officer').password);
    const detail = await officer.get<{ customerId: string }>(`/api/v1/applications/${id}`);
    const messages = await officer.get<{ items: { subject: string | null; body: string }[] }>(
      `/api/v1/engagement/messages?customerId=${detail.customerId}`,
    );
    const code = /is (\d{6})\./.exec(
      messages.items.find((m) => m.subject?.startsWith('Signing code'))!.body,
    )![1]!;
    await page.getByTestId('code').locator('input').first().click();
    await page.keyboard.type(code);
    await page.getByTestId('sign').click();
    await page.getByTestId('contract-signed').waitFor();

    // A loan officer pays the first tranche from the batch page.
    await signIn(page, app.url, login('loan_officer').username, login('loan_officer').password);
    await page.goto(`${app.url}/disbursements`);
    await page
      .getByTestId('ready-tranche')
      .filter({ hasText: number })
      .filter({ hasText: '2026-2027' })
      .getByTestId('choose-tranche')
      .check();
    await page.getByTestId('pay-batch').click();
    await page.getByTestId('batch-result').filter({ hasText: '1 paid' }).waitFor();

    // The student sees the loan.
    await signIn(page, app.url, STUDENT.username, STUDENT.password);
    await page.goto(`${app.url}/my-loans`);
    await page.getByTestId('my-loan').first().waitFor();
    expect(await page.getByTestId('my-loan').count()).toBe(1);
    await page.goto(`${app.url}/apply/${id}`);
    await page.getByTestId('portal-loan-link').waitFor();
    expect(errors).toEqual([]);
  }, 300_000);
});
