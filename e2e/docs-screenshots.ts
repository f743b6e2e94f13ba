// Takes the user guide's screenshots (docs/user-guide/img/*.png) from a throwaway demo app
// in headless chromium, in English and 简体中文. Run after a web build:
//   npm run build -w @bursar/web && node --import tsx e2e/docs-screenshots.ts [outDir]
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startTestApp } from '../packages/server/test/app-harness.ts';
import { launchBrowser } from './browser.ts';

const OUT = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '../docs/user-guide/img'));
mkdirSync(OUT, { recursive: true });

type Lang = 'en' | 'zh-CN';
const SUFFIX: Record<Lang, string> = { en: 'en', 'zh-CN': 'zh' };

async function shot(page: Page, name: string, lang: Lang, fullPage = false): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.evaluate('window.scrollTo(0, 0)');
  await page.waitForTimeout(500); // let Mantine transitions and chart animations settle
  const file = path.join(OUT, `${name}-${SUFFIX[lang]}.png`);
  await page.screenshot({ path: file, fullPage });
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

async function setLocale(page: Page, locale: Lang): Promise<void> {
  await page.getByTestId('language-switch').click();
  await page.getByTestId(`language-${locale}`).click();
  await page.locator(`html[lang="${locale}"]`).waitFor({ state: 'attached' });
}

const app = await startTestApp();
const browser = await launchBrowser({ locale: 'en-US', viewport: { width: 1366, height: 900 } });
try {
  const admin = app.demoLogins.find((l) => l.role === 'admin');
  if (!admin) throw new Error('no demo admin');
  const page = await browser.context.newPage();

  for (const lang of ['en', 'zh-CN'] as const) {
    await page.goto(`${app.url}/login`);
    await page.getByTestId('language-switch').waitFor();
    if ((await page.locator('html').getAttribute('lang')) !== lang) await setLocale(page, lang);
    await shot(page, 'login', lang);

    await page.locator('input[name="username"]').fill(admin.username);
    await page.locator('input[name="password"]').fill(admin.password);
    await page.locator('button[type="submit"]').click();
    await page.getByTestId('main-nav').waitFor();
    if ((await page.locator('html').getAttribute('lang')) !== lang) await setLocale(page, lang);
    await shot(page, 'home', lang);

    await page.getByTestId('language-switch').click();
    await shot(page, 'language-switch', lang);
    await page.keyboard.press('Escape');

    // My account, with the authenticator enrolment opened
    await page.goto(`${app.url}/account`);
    await page.getByTestId('totp-setup').click();
    await page.getByTestId('totp-secret').waitFor();
    await shot(page, 'account', lang);

    // Users & roles, then the create dialog
    await page.goto(`${app.url}/admin/users`);
    await page.getByTestId('user-row-admin').waitFor();
    await shot(page, 'users', lang);
    await page.getByRole('button', { name: lang === 'en' ? 'Create user' : '新建用户' }).first().click();
    await page.getByRole('dialog').waitFor();
    await shot(page, 'users-create', lang);
    await page.keyboard.press('Escape');

    // Audit trail: expand a row and verify the chain
    await page.goto(`${app.url}/audit`);
    await page.getByTestId('audit-row').first().waitFor();
    await page.getByTestId('audit-row').nth(1).click();
    await page.getByTestId('audit-verify').click();
    await page.getByTestId('verify-result').waitFor();
    await shot(page, 'audit', lang);

    // Calculator: a schedule, then the income-driven comparison
    await page.goto(`${app.url}/calculator`);
    await page.getByTestId('calc-submit').click();
    await page.getByTestId('calc-table').waitFor();
    await shot(page, 'calculator-schedule', lang, true);
    await page.getByTestId('tab-income-driven').click();
    await page.getByTestId('idr-submit').click();
    await page.getByTestId('idr-table').waitFor();
    await shot(page, 'calculator-income-driven', lang, true);

    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');
  }

  // A phone-sized view of the navigation
  const phone = await browser.context.newPage();
  await phone.setViewportSize({ width: 390, height: 780 });
  await phone.goto(`${app.url}/login`);
  await phone.locator('input[name="username"]').fill(admin.username);
  await phone.locator('input[name="password"]').fill(admin.password);
  await phone.locator('button[type="submit"]').click();
  await phone.getByRole('button', { name: /navigation|导航/ }).click();
  await shot(phone, 'mobile-nav', 'zh-CN');
} finally {
  await browser.close();
  await app.close();
}
