// Signing in through the login page and switching the interface language, for browser tests.
import type { Page } from 'playwright-core';

export async function switchLanguage(page: Page, lang: 'en' | 'zh-CN'): Promise<void> {
  await page.getByTestId('language-switch').click();
  await page.getByTestId(`language-${lang}`).click();
  await page.locator(`html[lang="${lang}"]`).waitFor({ state: 'attached' });
}

/** Sign in as a fresh session and make sure the interface is in English. */
export async function signIn(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${url}/login`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await page.getByTestId('main-nav').waitFor();
  if ((await page.locator('html').getAttribute('lang')) !== 'en') await switchLanguage(page, 'en');
}
