/**
 * Signing in to the staff console in a browser test with the local runtime's demo form, then reading the console
 * in one language. Waits until the page is in that language (`document.documentElement.lang`), not only until the
 * picker shows it: the language's catalogue comes by a fetch of its own (functions/web/browser/i18n.ts).
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Language } from '../../functions/domain/vocabulary';

export async function signInWithDemoForm(page: Page, baseUrl: string, userId: string, language: Language = 'en'): Promise<void> {
  await page.goto(`${baseUrl}/staff`);
  await page.locator('#demo-user').waitFor({ state: 'visible' });
  await page.locator('#demo-user').selectOption(userId);
  await page.locator('#demo-form button[type="submit"]').click();
  await page.locator('.staff-bar').waitFor({ state: 'visible' });
  await chooseConsoleLanguage(page, language);
}

/** Picks the console's language and waits until the page shows it. */
export async function chooseConsoleLanguage(page: Page, language: Language): Promise<void> {
  await page.locator('#console-language').selectOption(language);
  await expect.poll(() => page.evaluate<string>('document.documentElement.lang')).toBe(language);
}
