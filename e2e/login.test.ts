// The foundation's browser test: a demo admin signs in, sees English navigation, switches
// to 简体中文, sees the navigation translated (and kept after a reload, since the choice is
// saved on the user), and logs out back to the login page.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../packages/server/test/app-harness.ts';
import { launchBrowser, type Browser } from './browser.ts';

type App = Awaited<ReturnType<typeof startTestApp>>;

// Set BURSAR_SCREENSHOT_DIR (e.g. docs/user-guide/img) to keep screenshots of the run.
const SHOTS = process.env.BURSAR_SCREENSHOT_DIR;

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

async function navLabels(page: Page): Promise<string[]> {
  const nav = page.getByTestId('main-nav');
  await nav.waitFor();
  return (await nav.getByRole('link').allInnerTexts()).map((s) => s.trim());
}

describe('sign in, switch language, sign out', () => {
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

  it('works end to end in English and 简体中文', async () => {
    const admin = app.demoLogins.find((l) => l.role === 'admin');
    expect(admin, 'the demo seed has an admin').toBeDefined();
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));

    // Anonymous visitors land on the login page, in the browser's language.
    await page.goto(app.url);
    await page.waitForURL('**/login');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await shot(page, 'login-en');

    // A wrong password is refused with a translated problem.
    await page.getByLabel('Username').fill(admin!.username);
    await page.getByRole('textbox', { name: 'Password' }).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByTestId('login-error').innerText()).toContain('username or password is incorrect');

    await page.getByRole('textbox', { name: 'Password' }).fill(admin!.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => u.pathname === '/');

    // English navigation, only real pages, filtered by the admin's permissions.
    // (Compared on the pages these tests know, so a module adding its own page does not break it.)
    const en = ['Home', 'Customers', 'Segments', 'Import customers', 'Schools', 'Loan products', 'Repayment calculator', 'Users & roles', 'Audit trail', 'My account'];
    expect((await navLabels(page)).filter((l) => en.includes(l))).toEqual(en);
    expect(await page.getByTestId('user-display-name').innerText()).toBe(admin!.displayName);
    await page.getByTestId('welcome').waitFor();
    await shot(page, 'home-en');

    // Switch to 简体中文 in the header.
    await page.getByTestId('language-switch').click();
    await page.getByTestId('language-zh-CN').click();
    const zh = ['首页', '客户', '客群', '导入客户', '学校', '贷款产品', '还款计算器', '用户与角色', '审计日志', '我的账户'];
    await expect.poll(async () => (await navLabels(page)).filter((l) => zh.includes(l))).toEqual(zh);
    expect(await page.getByTestId('logout').innerText()).toContain('退出登录');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await shot(page, 'home-zh');

    // The choice is stored on the user: the server says so, and a reload keeps it.
    const me = await page.evaluate(async () => {
      const res = await fetch('/api/v1/auth/me', { credentials: 'same-origin' });
      return (await res.json()) as { user: { locale: string } };
    });
    expect(me.user.locale).toBe('zh-CN');
    await page.reload();
    await expect.poll(async () => (await navLabels(page)).filter((l) => zh.includes(l))).toEqual(zh);

    // Log out: back on the login page, still in Chinese.
    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');
    await page.getByRole('button', { name: '登录' }).waitFor();
    await shot(page, 'login-zh');

    // The session is gone on the server, too.
    const status = await page.evaluate(async () => (await fetch('/api/v1/auth/me')).status);
    expect(status).toBe(401);
    expect(errors).toEqual([]);
  });
});
