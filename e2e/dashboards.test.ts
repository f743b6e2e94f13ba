// The management dashboard in a real browser: a manager opens it on the demo portfolio, reads
// PAR30, and drills down to the list of loans behind it: exactly the loans 30+ days past due or in
// default (checked against the book through the API), page by page, each linked to its loan page;
// then reads the dashboard in 简体中文.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../packages/server/test/app-harness.ts';
import { launchBrowser, type Browser } from './browser.ts';
import { signIn, switchLanguage } from './session.ts';

type App = Awaited<ReturnType<typeof startTestApp>>;

describe('management dashboard', () => {
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

  it('drills down from PAR30 to exactly the loans behind it', async () => {
    const manager = app.demoLogins.find((l) => l.role === 'manager')!;
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await signIn(page, app.url, manager.username, manager.password);

    // The loans in PAR30 straight from the live book: open, and 30+ days past due or in default.
    const expected = await page.evaluate(async () => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
      // The demo book may be all current: board one legacy loan 45 days behind so PAR30 has a loan.
      const customers = (await (await fetch('/api/v1/customers?limit=1')).json()) as {
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
      const row = `E2E-DASH-LATE,${customers.items[0]!.id},CN-BANK-TUITION,CNY,${day(-400)},20000.00,14000.00,900.00,120.00,0,${day(-45)},${day(20)},30`;
      const boarded = await fetch('/api/v1/loans/boarding', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ csv: [header, row].join('\n') }),
      });
      if (boarded.status !== 201) throw new Error(`boarding: ${boarded.status}`);
      await fetch('/api/v1/analytics/dashboard/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: '{}',
      });
      const loans: string[] = [];
      let after: string | null = null;
      do {
        const r = (await (
          await fetch(
            `/api/v1/analytics/dashboard/drill?metric=par30&limit=200${after ? `&after=${after}` : ''}`,
          )
        ).json()) as { items: { loanNumber: string }[]; next: string | null };
        loans.push(...r.items.map((i) => i.loanNumber));
        after = r.next;
      } while (after);
      const book = (await (await fetch('/api/v1/loans?limit=500')).json()) as {
        items: { loanNumber: string; state: string; delinquency: { daysPastDue: number } }[];
      };
      return { loans, book: book.items };
    });
    const open = ['in_school', 'grace', 'repayment', 'deferment', 'forbearance', 'default'];
    const fromBook = expected.book
      .filter((l) => open.includes(l.state) && (l.delinquency.daysPastDue >= 30 || l.state === 'default'))
      .map((l) => l.loanNumber)
      .sort();
    if (expected.book.length < 500) expect(expected.loans.slice().sort()).toEqual(fromBook);
    expect(expected.loans).toContain('E2E-DASH-LATE');

    await page
      .getByTestId('main-nav')
      .getByRole('link', { name: 'Management dashboard', exact: true })
      .click();
    await page.getByTestId('fig-par30').waitFor();
    await expect
      .poll(() => page.getByTestId('fig-par30').textContent())
      .toContain(`${expected.loans.length} of`);

    await page.getByTestId('fig-par30-drill').click();
    await page.getByTestId('drill-loans').waitFor();
    const seen: string[] = [];
    for (;;) {
      await page.getByTestId('drill-loan-link').first().waitFor();
      seen.push(...(await page.getByTestId('drill-loan-link').allTextContents()));
      const next = page.getByTestId('drill-next');
      if (await next.isDisabled()) break;
      const first = await page.getByTestId('drill-loan-link').first().textContent();
      await next.click();
      await expect.poll(() => page.getByTestId('drill-loan-link').first().textContent()).not.toBe(first);
    }
    expect(seen).toEqual(expected.loans);

    // A row links to its loan page.
    await page.getByTestId('drill-back').click();
    await page.getByTestId('fig-par30-drill').click();
    await page.getByTestId('drill-loan-link').first().click();
    await page.waitForURL(/\/loans\/[0-9a-f-]{36}$/);

    // 简体中文
    await page.goto(`${app.url}/dashboards`);
    await switchLanguage(page, 'zh-CN');
    await page.getByText('PAR30 风险贷款率').waitFor();
    expect(errors).toEqual([]);
  }, 300_000);
});
