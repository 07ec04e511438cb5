// Opens the test-harness page (web/harness.html) for a browser test and collects the page's uncaught
// errors into `pageErrors`, which each spec checks is still empty after every test.
import { expect, type Page } from '@playwright/test';

export async function openHarness(page: Page, pageErrors: string[]): Promise<void> {
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto('./harness.html');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
}
