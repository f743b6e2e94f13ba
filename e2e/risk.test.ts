// The model lab in a real browser: a risk analyst uploads a training file (a bad one first: the
// server's error shows under the file field), trains a scorecard, reads AUC/KS, the bins and IV
// table and the ROC and KS charts, and validates it; a manager approves it (four eyes) and
// activates it as champion, then scores an application in the try-out form and sees the grade
// and reason codes. Set BURSAR_SCREENSHOT_DIR (e.g. docs/user-guide/img) to keep screenshots.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../packages/server/test/app-harness.ts';
import { launchBrowser, type Browser } from './browser.ts';

type App = Awaited<ReturnType<typeof startTestApp>>;

const SHOTS = process.env.BURSAR_SCREENSHOT_DIR;

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  for (const close of await page.locator('.mantine-Notification-closeButton').all()) await close.click();
  await page.waitForTimeout(600); // chart animations, notifications leaving
  // The whole page in one viewport, so the fixed navigation reaches the bottom.
  const viewport = page.viewportSize()!;
  const height: number = await page.evaluate('document.documentElement.scrollHeight');
  await page.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height) });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
  await page.setViewportSize(viewport);
}

/** A few hundred synthetic student applicants whose outcome depends on GPA, co-signer and income. */
function syntheticCsv(rows = 400, strayText = false): string {
  let seed = 20260;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const levels = ['vocational', 'associate', 'undergraduate', 'master'];
  const lines = ['applicant_id,gpa,monthly_income,cosigner,level,gender,outcome'];
  for (let i = 1; i <= rows; i++) {
    const gpa = 2 + rand() * 2;
    const income = Math.round(800 + rand() * 4000);
    const cosigner = rand() < 0.5 ? 'yes' : 'no';
    const level = levels[Math.floor(rand() * levels.length)]!;
    const gender = rand() < 0.5 ? 'female' : 'male';
    const logit =
      -1.4 -
      2.2 * (gpa - 3) +
      (cosigner === 'no' ? 0.9 : -0.4) -
      (income - 2800) / 1500 +
      (level === 'vocational' ? 0.4 : 0);
    const bad = rand() < 1 / (1 + Math.exp(-logit));
    const gpaCell = strayText && i === 7 ? 'abc' : gpa.toFixed(2);
    lines.push(
      `A${String(i).padStart(4, '0')},${gpaCell},${income},${cosigner},${level},${gender},${bad ? 'default' : 'repaid'}`,
    );
  }
  return lines.join('\n') + '\n';
}

async function signIn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${url}/login`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.getByTestId('main-nav').waitFor();
  await setLanguage(page, 'en');
}

async function setLanguage(page: Page, lang: 'en' | 'zh-CN'): Promise<void> {
  if ((await page.locator('html').getAttribute('lang')) === lang) return;
  await page.getByTestId('language-switch').click();
  await page.getByTestId(`language-${lang}`).click();
  await page.locator(`html[lang="${lang}"]`).waitFor({ state: 'attached' });
}

async function pick(page: Page, input: Locator, option: string): Promise<void> {
  await input.click();
  await page.getByRole('option', { name: option, exact: true }).first().click();
}

async function upload(page: Page, name: string, csv: string): Promise<void> {
  await page
    .locator('input[type="file"]')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByTestId('train-preview').waitFor();
}

async function confirmAction(page: Page, action: string): Promise<void> {
  await page.getByTestId(`model-${action}`).click();
  await page.getByTestId('action-confirm').click();
}

describe('model lab', () => {
  let app: App;
  let browser: Browser;

  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchBrowser({ locale: 'en-US', viewport: { width: 1366, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('trains, inspects, validates, approves, activates and scores a scorecard', async () => {
    const analyst = app.demoLogins.find((l) => l.role === 'risk_analyst')!;
    const manager = app.demoLogins.find((l) => l.role === 'manager')!;
    expect(analyst, 'the demo seed has a risk analyst').toBeDefined();
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));

    // The risk analyst opens the model lab from the navigation.
    await signIn(page, app.url, analyst.username, analyst.password);
    await page.getByTestId('main-nav').getByRole('link', { name: 'Model lab', exact: true }).click();
    await page.getByTestId('risk-models-empty').waitFor();
    await page.getByTestId('risk-train-new').click();

    // A stray text value in a numeric column: the server names the column under the file field.
    await upload(page, 'student-apps.csv', syntheticCsv(400, true));
    expect(await page.getByTestId('train-target').inputValue()).toBe('outcome');
    expect(await page.getByTestId('train-bad').inputValue()).toContain('default');
    await page.getByTestId('train-submit').click();
    await page.getByTestId('train-error').waitFor();
    await page
      .getByText(/column "gpa" is numeric but data row 7/)
      .first()
      .waitFor();

    // The clean file trains a draft and opens it.
    await upload(page, 'student-apps.csv', syntheticCsv(400));
    await pick(page, page.getByTestId('train-exclude'), 'applicant_id');
    await page.keyboard.press('Escape');
    await page.getByTestId('train-submit').click();
    await page.waitForURL(/\/risk\/models\/[0-9a-f-]{36}$/);
    const modelUrl = page.url();
    await page.getByTestId('metric-auc').waitFor();
    const auc = Number(await page.getByTestId('metric-auc').innerText());
    const ks = Number(await page.getByTestId('metric-ks').innerText());
    expect(auc).toBeGreaterThan(0.65);
    expect(auc).toBeLessThan(1);
    expect(ks).toBeGreaterThan(0.2);
    expect(await page.getByTestId('model-status').textContent()).toBe('Draft');

    // Bins and IV: every candidate feature with its IV; gpa is in the model, with its bins.
    await page.getByTestId('iv-row-gpa').waitFor();
    expect(await page.getByTestId('iv-table').innerText()).not.toContain('gender');
    expect(await page.getByTestId('iv-table').innerText()).not.toContain('applicant_id');
    await page.getByTestId('iv-row-gpa').click();
    expect(await page.getByTestId('iv-row-gpa').textContent()).toContain('Used');
    expect(await page.getByTestId('bins-table').locator('tbody tr').count()).toBeGreaterThan(1);
    await page.getByTestId('chart-bad-rate').locator('.recharts-bar-rectangle').first().waitFor();
    await shot(page, 'risk-bins-en');

    // Validation curves: ROC and KS lines are drawn.
    await page.getByTestId('model-tab-validation').click();
    await page.getByTestId('chart-roc').locator('.recharts-line-curve').first().waitFor();
    await page.getByTestId('chart-ks').locator('.recharts-line-curve').first().waitFor();
    await page.getByTestId('calibration-table').waitFor();
    await shot(page, 'risk-curves-en');

    // Training fairness: gender was set aside and reported on.
    await page.getByTestId('model-tab-fairness').click();
    expect(await page.getByTestId('training-fairness').innerText()).toContain('gender');

    // The analyst validates; approving is not offered to them.
    await confirmAction(page, 'validate');
    await expect.poll(() => page.getByTestId('model-status').textContent()).toBe('Validated');
    expect(await page.getByTestId('model-approve').count()).toBe(0);

    // The manager (someone else) approves and activates it as champion.
    await signIn(page, app.url, manager.username, manager.password);
    await page.goto(modelUrl);
    await confirmAction(page, 'approve');
    await expect.poll(() => page.getByTestId('model-status').textContent()).toBe('Approved');
    await page.getByTestId('model-champion').click();
    await expect.poll(() => page.getByTestId('model-status').textContent()).toBe('Active');
    expect(await page.getByTestId('model-role').textContent()).toBe('Champion');

    // Score an application with a weak profile: a low grade and reason codes.
    await page.getByTestId('model-try').click();
    await page.getByTestId('score-attr-gpa').waitFor();
    await page.getByTestId('score-attr-gpa').fill('2.1');
    await page.getByTestId('score-attr-monthly_income').fill('900');
    await pick(page, page.getByTestId('score-attr-cosigner'), 'no');
    await page.getByTestId('score-submit').click();
    await page.getByTestId('score-result').waitFor();
    expect(['D', 'E']).toContain(await page.getByTestId('score-grade').textContent());
    expect(await page.getByTestId('score-reason').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('score-reasons').innerText()).toContain('gpa');

    // A value the model cannot read is refused under its field.
    await page.getByTestId('score-attr-gpa').fill('high');
    await page.getByTestId('score-submit').click();
    await page.getByText('Enter a number').waitFor();

    // The same pages in 简体中文.
    await setLanguage(page, 'zh-CN');
    expect(await page.getByTestId('main-nav').getByRole('link', { name: '模型实验室' }).count()).toBe(1);
    await page.goto(modelUrl);
    await expect.poll(() => page.getByTestId('model-status').textContent()).toBe('已启用');
    await page.getByTestId('iv-row-gpa').waitFor();
    await shot(page, 'risk-bins-zh');
    await page.getByTestId('model-tab-validation').click();
    await page.getByTestId('chart-roc').locator('.recharts-line-curve').first().waitFor();
    expect(await page.getByText('ROC 曲线').count()).toBeGreaterThan(0);
    await shot(page, 'risk-curves-zh');
    await setLanguage(page, 'en');

    expect(errors).toEqual([]);
  });
});
