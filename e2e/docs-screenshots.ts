// Takes the user guide's screenshots (docs/user-guide/img/*.png) from a throwaway demo app
// in headless chromium, in English and 简体中文. Run after a web build:
//   npm run build -w @bursar/web && node --import tsx e2e/docs-screenshots.ts [outDir]
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
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

// A small file for the import wizard's dry run: one good row and two with errors.
const importCsv = path.join(mkdtempSync(path.join(os.tmpdir(), 'bursar-docs-')), 'students-2026.csv');
writeFileSync(
  importCsv,
  [
    'external_ref,legal_name,preferred_name,date_of_birth,national_id_type,national_id,school_name,school_country,level,start_date,expected_graduation_date,household_size,household_income,currency',
    'DOC-0001,周晓燕,Zhou Xiaoyan,2006-05-17,,,北京大学,CN,undergraduate,2026-09-01,2030-07-01,4,36000.00,CNY',
    'DOC-0002,,,2006-01-01,,,,,,,,,,',
    'DOC-0003,吴浩然,Wu Haoran,2036-01-01,cn_resident,110105200601010,,,,,,,,',
  ].join('\n') + '\n',
);

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

    // Customers: the list, a customer 360 with personal data revealed, the entry form
    await page.goto(`${app.url}/customers`);
    await page.getByTestId('customer-row').first().waitFor();
    await shot(page, 'customers-list', lang);
    await page.getByTestId('customer-search').fill('小明');
    await page.getByTestId('customer-row').first().waitFor();
    await page.waitForTimeout(800);
    await page.getByTestId('customer-row').first().getByRole('link').click();
    await page.getByTestId('section-profile').waitFor();
    await page.getByTestId('customer-reveal').click();
    await page.getByTestId('pii-revealed').waitFor();
    await shot(page, 'customer-360', lang, true);
    await page.getByTestId('override-economicStatus').click();
    await page.getByRole('dialog').waitFor();
    await shot(page, 'customer-override', lang);
    await page.keyboard.press('Escape');
    // The entry form, with its own checks shown under the fields
    await page.goto(`${app.url}/customers/new`);
    await page.getByTestId('cf-legal-name').fill('周晓燕');
    await page.getByTestId('cf-dob').fill('2036-05-17');
    await page.getByTestId('cf-start').fill('2026-09-01');
    await page.getByTestId('cf-grad').fill('2025-07-01');
    await page.getByTestId('cf-submit').click();
    await page.locator('.mantine-InputWrapper-error').first().waitFor();
    await shot(page, 'customer-form', lang);

    // Import wizard: a dry run with its row-level errors
    await page.goto(`${app.url}/imports`);
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('import-file').click();
    await (await chooser).setFiles(importCsv);
    await page.getByTestId('import-dry-run').click();
    await page.getByTestId('import-errors').waitFor();
    await shot(page, 'customers-import', lang, true);

    // Segment builder with a live count
    await page.goto(`${app.url}/segments/new`);
    await page.getByTestId('segment-name').fill(lang === 'en' ? 'Undergraduates in financial need' : '本科家庭经济困难学生');
    await page.getByTestId('cond-field').first().click();
    await page.getByRole('option').filter({ hasText: lang === 'en' ? 'Class: economic status' : '分类：经济状况' }).click();
    await page.getByTestId('cond-value').first().click();
    await page.getByRole('option').filter({ hasText: lang === 'en' ? 'Financial need' : '家庭经济困难' }).click();
    await page.getByTestId('add-group').first().click();
    await page.getByTestId('cond-field').nth(1).click();
    await page.getByRole('option').filter({ hasText: lang === 'en' ? 'Education level (current enrolment)' : '学历层次（当前学籍）' }).click();
    await page.getByTestId('cond-value').nth(1).click();
    await page.getByRole('option').filter({ hasText: lang === 'en' ? 'Undergraduate' : '本科' }).first().click();
    await page.getByTestId('segment-count').filter({ hasText: /\d/ }).waitFor();
    await shot(page, 'segment-builder', lang);

    // Schools
    await page.goto(`${app.url}/schools`);
    await page.getByTestId('school-search').fill(lang === 'en' ? 'Peking' : '北京');
    await page.waitForTimeout(800);
    await page.getByTestId('school-row').first().click();
    await page.getByRole('dialog').waitFor();
    await shot(page, 'schools', lang);
    await page.keyboard.press('Escape');

    // Loan products: the list, a definition, and a draft being edited
    await page.goto(`${app.url}/products`);
    await page.getByTestId('product-row-CN-NSL-HOME').waitFor();
    await shot(page, 'products', lang);
    await page.goto(`${app.url}/products/CN-NSL-HOME`);
    await page.getByTestId('definition-view').waitFor();
    await shot(page, 'product-definition', lang, true);
    await page.goto(`${app.url}/products/CN-BANK-TUITION`);
    await page.getByTestId('product-history').waitFor();
    if ((await page.getByTestId('product-new-version').count()) > 0) await page.getByTestId('product-new-version').click();
    await page.getByTestId('draft-rate').fill('150');
    await page.getByTestId('draft-save').click();
    await page.getByTestId('draft-error').waitFor();
    await shot(page, 'product-draft', lang);

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
  await phone.goto(`${app.url}/customers`);
  await phone.getByTestId('customer-row').first().getByRole('link').click();
  await phone.getByTestId('section-profile').waitFor();
  await shot(phone, 'mobile-customer-360', 'zh-CN');
} finally {
  await browser.close();
  await app.close();
}
