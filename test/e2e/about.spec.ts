// The About page as a visitor meets it: the engine self-test passes on its own, the language
// switch turns the page Japanese (and <html lang> with it), and Measure fills the throughput table.
import { expect, test } from '@playwright/test';

test.use({ locale: 'en-US' });

test('the self-test passes, the page switches to Japanese, and Measure shows positive MiB/s', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto('./');

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('About this lab');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  const summary = page.getByTestId('selftest-summary');
  await expect(summary).toHaveAttribute('data-status', /running|passed/);
  await expect(summary).toHaveAttribute('data-status', 'passed', { timeout: 45_000 });
  await expect(summary).toContainText(/All \d+ checks passed/);

  await page.getByRole('button', { name: '日本語' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('このラボについて');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('button', { name: '日本語' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.brand__name')).toHaveText('ディスク暗号化ラボ');

  await page.getByRole('button', { name: '測定' }).click();
  const table = page.getByTestId('throughput-table');
  await expect(table).toBeVisible({ timeout: 45_000 });
  for (const cell of ['kernel', 'native']) {
    const texts = await table.locator(`td[data-cell="${cell}"]`).allTextContents();
    expect(texts).toHaveLength(2);
    for (const text of texts) expect(Number(text.replace(/[^\d.]/g, ''))).toBeGreaterThan(0);
  }
  await page.screenshot({ path: 'test-results/about-ja.png', fullPage: true });

  // The choice persists across a reload.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('このラボについて');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('About this lab');
  await page.screenshot({ path: 'test-results/about-en.png', fullPage: true });

  expect(pageErrors).toEqual([]);
});

test('the language switch works from the keyboard', async ({ page }) => {
  await page.goto('./');
  const japanese = page.getByRole('button', { name: '日本語' });
  await japanese.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(japanese).toBeFocused();
});
