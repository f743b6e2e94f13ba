// Takes the loan servicing screenshots of the user guide (docs/user-guide/img/loans-*.png) from
// a throwaway demo app (with the demo loan book: this runs outside vitest), in English and
// 简体中文, and walks the student portal. Run after a web build:
//   npm run build -w @bursar/web && node --import tsx e2e/loans-screenshots.ts [outDir]
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { startTestApp } from '../packages/server/test/app-harness.ts';
import { launchBrowser } from './browser.ts';

const OUT = path.resolve(process.argv[2] ?? path.join(import.meta.dirname, '../docs/user-guide/img'));
mkdirSync(OUT, { recursive: true });

type Lang = 'en' | 'zh-CN';
const SUFFIX: Record<Lang, string> = { en: 'en', 'zh-CN': 'zh' };

async function shot(page: Page, name: string, lang: Lang): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.evaluate('window.scrollTo(0, 0)');
  await page.waitForTimeout(700); // let Mantine transitions and chart animations settle
  const file = path.join(OUT, `${name}-${SUFFIX[lang]}.png`);
  await page.screenshot({ path: file });
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

async function signIn(page: Page, url: string, username: string, password: string, lang: Lang): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${url}/login`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.getByTestId('main-nav').waitFor();
  if ((await page.locator('html').getAttribute('lang')) !== lang) {
    await page.getByTestId('language-switch').click();
    await page.getByTestId(`language-${lang}`).click();
    await page.locator(`html[lang="${lang}"]`).waitFor({ state: 'attached' });
  }
}

const app = await startTestApp();
const browser = await launchBrowser({ viewport: { width: 1440, height: 1000 } });
try {
  const page = await browser.context.newPage();
  page.on('pageerror', (err) => console.error('page error:', err.message));
  const manager = app.demoLogins.find((l) => l.role === 'manager')!;
  const student = app.demoLogins.find((l) => l.role === 'student')!;
  for (const lang of ['en', 'zh-CN'] as const) {
    await signIn(page, app.url, manager.username, manager.password, lang);
    await page.goto(`${app.url}/loans?state=repayment`);
    await page.getByTestId('loan-row').first().waitFor();
    await shot(page, 'loans-list', lang);
    await page.getByTestId('loan-link').first().click();
    await page.getByTestId('schedule-chart').waitFor();
    await shot(page, 'loans-loan', lang);

    await signIn(page, app.url, student.username, student.password, lang);
    await page.goto(`${app.url}/my-loans`);
    await page.getByTestId('my-loan').first().waitFor();
    await shot(page, 'loans-student', lang);
    await page.getByTestId('loan-link').first().click();
    await page.getByTestId('loan-summary').waitFor();
    await page.getByTestId('action-payment').click();
    await page.getByTestId('payment-amount').waitFor();
    await page.keyboard.press('Escape');
  }
} finally {
  await browser.close();
  await app.close();
}
