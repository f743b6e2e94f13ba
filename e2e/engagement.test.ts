// Engagement in a real browser: a loan officer writes to the demo student from the customer
// page's consent centre (template, language and channel picked, previewed as rendered for the
// student, sent); the dispatcher delivers it to the portal; the student reads it in the inbox and
// switches marketing messages in the communication preferences. A manager's template with an
// unknown variable is refused with the field error; fixed, it is saved and put in use; and the
// journeys page reads in 简体中文.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp } from '../packages/server/test/app-harness.ts';
import { launchBrowser, type Browser } from './browser.ts';
import { signIn, switchLanguage } from './session.ts';

type App = Awaited<ReturnType<typeof startTestApp>>;

/** Picks an option of a Mantine select by its label. */
async function pick(page: Page, testId: string, option: string | RegExp): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option }).click();
}

describe('engagement pages', () => {
  let app: App;
  let browser: Browser;

  // Seeding every module's demo data takes a while on a busy machine: more than the default hook timeout.
  beforeAll(async () => {
    app = await startTestApp();
    browser = await launchBrowser({ locale: 'en-US' });
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('an officer writes to a student with a preview; the student reads it and changes a preference', async () => {
    const officer = app.demoLogins.find((l) => l.role === 'loan_officer')!;
    const student = app.demoLogins.find((l) => l.role === 'student')!;
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));

    await signIn(page, app.url, student.username, student.password);
    const customerId = await page.evaluate(async () => {
      const me = (await (await fetch('/api/v1/auth/me')).json()) as { user: { customerId: string } };
      return me.user.customerId;
    });

    // The officer opens the student's customer page: the consent centre shows what may be sent.
    await signIn(page, app.url, officer.username, officer.password);
    await page.goto(`${app.url}/customers/${customerId}`);
    const section = page.getByTestId('section-engagement');
    await section.getByTestId('preferences-matrix').waitFor();
    // Badges show in capitals (CSS): read their text, not what is rendered.
    expect(await section.getByTestId('consent-service').textContent()).toContain('given');

    // … and writes from there: template in English, to the portal, previewed for this student.
    await section.getByTestId('customer-compose').click();
    await page.waitForURL(/\/engagement\/compose\?customerId=/);
    await pick(page, 'compose-template', /graduation-congrats/);
    await pick(page, 'compose-language', 'English');
    await pick(page, 'compose-channel', 'Portal inbox');
    await page.getByTestId('compose-preview').click();
    const preview = page.getByTestId('compose-preview-card');
    await preview.waitFor();
    expect(await preview.getByTestId('compose-would-send').textContent()).toBe(
      'Would go out by Portal inbox',
    );
    const subject = await preview.getByTestId('compose-preview-subject').innerText();
    expect(subject).toMatch(/^Congratulations on your graduation, \S/);
    expect(subject).not.toContain('{{');
    expect(await preview.getByTestId('compose-preview-body').innerText()).toContain(
      'Congratulations on finishing at',
    );
    await page.getByTestId('compose-send').click();
    const result = page.getByTestId('compose-result');
    await result.waitFor();
    expect(await result.getByTestId('status-badge').textContent()).toBe('Queued');

    // The message list shows it; its delivery history starts with "Queued".
    await result.getByRole('link').click();
    const detail = page.getByTestId('message-detail');
    await detail.waitFor();
    expect(await detail.getByTestId('message-history').textContent()).toContain('Queued');

    // The student finds it in the portal inbox once the dispatcher has delivered it (every few seconds).
    await signIn(page, app.url, student.username, student.password);
    await page.getByTestId('main-nav').getByRole('link', { name: 'Inbox', exact: true }).click();
    const item = page.getByTestId('inbox-item').filter({ hasText: subject });
    for (let i = 0; i < 30 && (await item.count()) === 0; i++) {
      await page.waitForTimeout(1000);
      await page.reload();
      await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    }
    await item.getByTestId('inbox-unread').waitFor();
    await item.getByTestId('inbox-open').click();
    expect(await item.getByTestId('inbox-body').innerText()).toContain('Congratulations on finishing at');
    await item.getByTestId('inbox-unread').waitFor({ state: 'detached' });

    // … and switches marketing messages over (on, or off if they were on); the choice is kept.
    await page
      .getByTestId('main-nav')
      .getByRole('link', { name: 'Communication preferences', exact: true })
      .click();
    const marketing = page.getByTestId('pref-marketing');
    await page.getByTestId('preferences-matrix').waitFor();
    const wanted = !(await marketing.isChecked());
    await marketing.setChecked(wanted, { force: true });
    await page.getByTestId('pref-save').click();
    await page
      .getByTestId('consent-marketing')
      .getByText(wanted ? 'given' : 'withdrawn')
      .waitFor();
    await page.reload();
    await page.getByTestId('preferences-matrix').waitFor();
    expect(await page.getByTestId('pref-marketing').isChecked()).toBe(wanted);
    expect(errors).toEqual([]);
  }, 240_000);

  it('refuses a template with an unknown variable at save, then saves and uses it; journeys in Chinese', async () => {
    const manager = app.demoLogins.find((l) => l.role === 'manager')!;
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await signIn(page, app.url, manager.username, manager.password);

    await page.getByTestId('main-nav').getByRole('link', { name: 'Templates', exact: true }).click();
    await page.getByTestId('template-new').click();
    await page.getByTestId('template-code').fill('exam-good-luck');
    await page.getByTestId('template-purpose').fill('greeting');
    await page.getByTestId('template-name').fill('Good luck in the exams');
    await page.getByTestId('template-subject').fill('Good luck, {{customer.name}}');
    await page.getByTestId('template-body').fill('Dear {{customer.nickname}}, good luck in your exams!');
    await page.getByTestId('template-save').click();
    await page.getByText('unknown variable {{customer.nickname}}').waitFor();
    expect(page.url()).toMatch(/\/engagement\/templates\/new$/);

    await page
      .getByTestId('template-body')
      .fill('Dear {{customer.name}}, good luck in your exams at {{school.name}}!');
    await page.getByTestId('template-save').click();
    await page.waitForURL(/\/engagement\/templates\/exam-good-luck\/en$/);
    const version = page.getByTestId('template-version').first();
    expect(await version.getByTestId('templateStatus-badge').textContent()).toBe('Draft');
    await version.getByTestId('template-activate').click();
    await version.getByTestId('templateStatus-badge').getByText('In use').waitFor();

    // The journeys page in Chinese: built-in journeys with their switches.
    await page.getByTestId('main-nav').getByRole('link', { name: 'Journeys', exact: true }).click();
    await page.getByTestId('journey-row').first().waitFor();
    await switchLanguage(page, 'zh-CN');
    await page.getByRole('heading', { name: '客户旅程', exact: true }).waitFor();
    await page.getByRole('columnheader', { name: '对照组比例' }).waitFor();
    expect(await page.getByTestId('journey-row').first().innerText()).toContain('内置');
    await page.getByTestId('main-nav').getByRole('link', { name: '消息模板', exact: true }).click();
    await page
      .getByTestId('template-row')
      .filter({ hasText: 'exam-good-luck' })
      .getByText('使用中')
      .waitFor();
    await switchLanguage(page, 'en');
    expect(errors).toEqual([]);
  }, 240_000);
});
