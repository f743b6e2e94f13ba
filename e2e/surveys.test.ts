// A respondent answers a survey from the signed link in their invitation on a phone-sized screen,
// without signing in: partial answers survive a reload, the keyboard moves along a scale, skip
// logic shows the detractor question, and the submitted detractor answer opens a follow-up
// ticket at the service desk, which the closed-loop board shows to staff.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../packages/server/test/app-harness.ts';
import { launchBrowser, type Browser } from './browser.ts';

type App = Awaited<ReturnType<typeof startTestApp>>;

/** A signed-in API client (session cookie and CSRF token), for the staff side of the test. */
async function apiSession(url: string, username: string, password: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${url}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    expect(r.status, `${method} ${path}`).toBeLessThan(300);
    return (await r.json()) as T;
  };
}

describe('the public survey page', () => {
  let app: App;
  let browser: Browser;
  let failShot: Page | null = null;

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchBrowser({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
  }, 900_000);

  afterAll(async () => {
    // A picture of where it stopped, for whoever reads a failure.
    await failShot?.screenshot({ path: '/tmp/surveys-e2e-last.png', fullPage: true }).catch(() => undefined);
    await browser?.close();
    await app?.close();
  });

  it('answers from a signed link on a phone, and a detractor answer opens a ticket', async () => {
    const manager = app.demoLogins.find((l) => l.role === 'manager')!;
    const staff = await apiSession(app.url, manager.username, manager.password);
    type Wave = { id: string; code: string };
    const waves = (await staff<{ items: Wave[] }>('GET', '/api/v1/surveys/waves')).items;
    const open = waves.find((w) => w.code === 'after-ticket')!;
    const spring = waves.find((w) => w.code === 'spring-2026')!;
    const customerId = (
      await staff<{ items: { customerId: string }[] }>(
        'GET',
        `/api/v1/surveys/waves/${spring.id}/invitations`,
      )
    ).items[0]!.customerId;
    const invited = await staff<{ invited: boolean }>(
      'POST',
      `/api/v1/surveys/waves/${open.id}/invitations`,
      { customerId, mode: 'portal' },
    );
    expect(invited.invited).toBe(true);

    // The link is in the invitation the outbox wrote for the customer.
    const messages = (
      await staff<{ items: { sourceKind: string; body: string }[] }>(
        'GET',
        `/api/v1/engagement/messages?customerId=${customerId}`,
      )
    ).items;
    const body = messages.find((m) => m.sourceKind === 'survey-invitation')!.body;
    const path = /\/s\/[A-Za-z0-9._-]+/.exec(body)![0];

    const page = await browser.context.newPage();
    failShot = page;
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    // A busy machine serves the app slowly: wait longer than the default 30 s.
    page.setDefaultTimeout(120_000);
    await page.goto(`${app.url}${path}`, { waitUntil: 'domcontentloaded' });
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('学生贷款满意度调查');

    // Keyboard: focus the first point of the first scale and move with the arrow keys.
    const first = page.locator('[data-question="application_1"] input[type="radio"]');
    await first.nth(0).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => first.nth(2).isChecked()).toBe(true);

    // Switch to English and answer the rest: middling items, overall 4 (not low), NPS 4 (a detractor).
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { name: 'Application convenience' }).waitFor();
    const dims = ['application', 'approval', 'pricing', 'staff', 'repayment', 'platform'];
    for (const d of dims)
      for (let i = 1; i <= 3; i++) {
        if (d === 'application' && i === 1) continue;
        await page.locator(`[data-question="${d}_${i}"] input[value="${d === 'platform' ? 2 : 3}"]`).check();
      }
    await page.locator('[data-question="overall"] input[value="4"]').check();
    // The reason question appears only for detractors (skip logic).
    expect(await page.locator('[data-question="main_issue"]').count()).toBe(0);
    await page.locator('[data-question="nps"] input[value="4"]').check();
    await page.locator('[data-question="main_issue"]').waitFor();
    await page.locator('[data-question="main_issue"]').getByLabel('Online platform experience').check();
    await page.getByLabel('What should we do better?').fill('The app keeps crashing when I log in');

    // Answers are saved as the respondent goes: a reload keeps them.
    // Wait until the server holds the draft with the last answer, then reload.
    await expect
      .poll(
        () =>
          fetch(`${app.url}/api/v1/surveys${path}`).then(
            async (r) => ((await r.json()) as { answers: Record<string, unknown> }).answers.comment,
          ),
        { timeout: 60_000 },
      )
      .toBe('The app keeps crashing when I log in');
    await page.reload();
    await page.locator('[data-question="comment"] textarea').waitFor();
    expect(await page.locator('[data-question="nps"] input[value="4"]').isChecked()).toBe(true);
    expect(await page.locator('[data-question="comment"] textarea').inputValue()).toBe(
      'The app keeps crashing when I log in',
    );

    // Nothing sticks out sideways on a 390-pixel screen.
    const width: number = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);

    await page.getByRole('button', { name: /Submit|提交/ }).click();
    await page.getByRole('status').waitFor();
    expect(await page.getByRole('status').innerText()).toMatch(/Thank you|感谢/);

    // One response per invitation: the link now only thanks.
    await page.reload();
    await page.getByRole('status').waitFor();

    // The detractor opened a follow-up ticket at the service desk.
    const followUps = (
      await staff<{
        items: { customerId: string; waveId: string; reason: string; ticketReference: string | null }[];
      }>('GET', '/api/v1/surveys/follow-ups')
    ).items;
    // (The demo's earlier waves may hold follow-ups for the same customer: look at this wave's.)
    const mine = followUps.find((f) => f.customerId === customerId && f.waveId === open.id);
    expect(mine?.reason).toBe('detractor');
    expect(mine?.ticketReference).toBeTruthy();
    expect(errors).toEqual([]);
  }, 300_000);
});
