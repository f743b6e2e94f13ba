// Portfolio risk in a real browser: a manager boards two legacy loans (one 45 days behind)
// through the API, opens the portfolio dashboard, sees PAR30, drills down to the loan behind it
// and on to its loan page; then adds a risk to the register with a KRI bound to PAR30 and sees
// it turn red (PAR30 is far above 10 %), and reads the dashboard in 简体中文.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../packages/server/test/app-harness.ts';
import { launchBrowser, type Browser } from './browser.ts';
import { signIn, switchLanguage } from './session.ts';

type App = Awaited<ReturnType<typeof startTestApp>>;

/** Boards a loan 45 days past due and a current one for two demo customers, through the API. */
async function boardLoans(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
    const customers = (await (await fetch('/api/v1/customers?limit=2')).json()) as {
      items: { id: string }[];
    };
    const cob = (await (await fetch('/api/v1/cob')).json()) as { openBusinessDate: string };
    const day = (offset: number) => {
      const d = new Date(`${cob.openBusinessDate}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + offset);
      return d.toISOString().slice(0, 10);
    };
    const header =
      'loan_number,customer_id,product_code,currency,opened_on,commitment,principal,principal_due,interest_due,interest_accrued,oldest_due_date,next_due_date,instalments_remaining';
    const rows = [
      `E2E-LATE-1,${customers.items[0]!.id},CN-BANK-TUITION,CNY,${day(-400)},20000.00,14000.00,900.00,120.00,0,${day(-45)},${day(20)},30`,
      `E2E-GOOD-1,${customers.items[1]!.id},CN-BANK-TUITION,CNY,${day(-400)},20000.00,6000.00,0,0,0,,${day(20)},30`,
    ];
    const res = await fetch('/api/v1/loans/boarding', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
      body: JSON.stringify({ csv: [header, ...rows].join('\n') }),
    });
    if (res.status !== 201) throw new Error(`boarding: ${res.status} ${await res.text()}`);
    return 'E2E-LATE-1';
  });
}

describe('portfolio risk pages', () => {
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

  it('shows PAR30, drills down to the loans behind it, and adds a risk with a live KRI', async () => {
    const manager = app.demoLogins.find((l) => l.role === 'manager')!;
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await signIn(page, app.url, manager.username, manager.password);
    const lateLoan = await boardLoans(page);

    await page.getByTestId('main-nav').getByRole('link', { name: 'Portfolio risk', exact: true }).click();
    await page.getByTestId('kpi-par30').waitFor();
    // The book may hold other demo loans: the figure shown is the API's PAR30, which counts ours.
    const par30 = await page.evaluate(async () => {
      const d = (await (await fetch('/api/v1/risk/portfolio')).json()) as {
        par30: { ratio: number; balanceAtRisk: number };
      };
      return d.par30;
    });
    expect(par30.balanceAtRisk).toBeGreaterThanOrEqual(1_400_000);
    const par30Text = `${(par30.ratio * 100).toFixed(2)} %`;
    expect(await page.getByTestId('kpi-par30').innerText()).toBe(par30Text);
    await page.getByTestId('chart-buckets').waitFor();
    await page.getByTestId('provisions-five-tier').waitFor();
    expect(await page.getByTestId('portfolio-export-xlsx').getAttribute('href')).toContain('format=xlsx');

    await page.getByTestId('kpi-par30-drill').click();
    await page.waitForURL(/\/portfolio\/at-risk\?days=30/);
    const links = page.getByTestId('at-risk-loan-link');
    await links.first().waitFor();
    expect(await links.allInnerTexts()).toContain(lateLoan);
    await links.filter({ hasText: lateLoan }).click();
    await page.waitForURL(/\/loans\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('loan-number').innerText()).toContain(lateLoan);

    // The register: a new credit risk with a KRI on PAR30 (amber 5 %, red 10 %).
    await page.getByTestId('main-nav').getByRole('link', { name: 'Risk register', exact: true }).click();
    await page.getByTestId('heat-map').waitFor();
    await page.getByTestId('risk-new').click();
    await page.getByTestId('risk-title').fill('Arrears on boarded legacy loans');
    await page.getByTestId('risk-owner').fill('王经理');
    await page.getByTestId('risk-likelihood').fill('5');
    await page.getByTestId('risk-impact').fill('3');
    await page.getByTestId('risk-save').click();
    await page.waitForURL(/\/portfolio\/register\/[0-9a-f-]{36}$/);
    const row = page.getByTestId('kri-row');
    await row.first().waitFor();
    expect(await row.first().getByTestId('kri-value').innerText()).toBe(par30Text);
    // textContent: the badge shows its label in capitals through CSS.
    expect(await row.first().getByTestId('kri-status').textContent()).toBe('Red');

    // Back on the register, the risk sits alone in the heat map's likelihood 5 × impact 3 cell.
    await page.getByTestId('portfolio-tab-register').click();
    await page.getByTestId('register-row').filter({ hasText: 'Arrears on boarded legacy loans' }).waitFor();
    expect(await page.getByTestId('heat-5-3').innerText()).toBe('1');

    await page.getByTestId('portfolio-tab-portfolio').click();
    await switchLanguage(page, 'zh-CN');
    await page.getByText('五级分类').first().waitFor();
    await page.getByText('关注').first().waitFor();
    expect(errors).toEqual([]);
  });
});
