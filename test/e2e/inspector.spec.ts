// The disk inspector as a visitor uses it: create the demo disk (with its unencrypted twin), read
// the sample text in the guest view but not in the stored bytes, see high entropy for the encrypted
// disk and text-like entropy for the twin, move through sectors and chunks with the keyboard, switch
// to Japanese, delete a disk, and find the session-key disk gone after a reload.
import { expect, test, type Page } from '@playwright/test';

test.use({ locale: 'en-US' });

const MARKER = 'Disk Encryption Lab sample text';

async function dumpText(page: Page, view: 'guest' | 'physical'): Promise<string> {
  return (await page.getByTestId(`${view}-dump`).locator('.hexdump__ascii').allTextContents()).join('');
}

async function dumpHex(page: Page, view: 'guest' | 'physical'): Promise<string> {
  return (await page.getByTestId(`${view}-dump`).locator('.hexdump__hex').allTextContents()).join('');
}

test('demo disk: guest plaintext vs stored ciphertext, entropy, keyboard, Japanese, delete, gone after reload', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto('./#/inspector');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Disk inspector');
  await expect(page.getByRole('link', { name: 'Disk inspector' })).toHaveAttribute('aria-current', 'page');

  // A fresh profile has no disks; the demo note says where the key lives and when the disk goes.
  await expect(page.getByTestId('no-disks')).toBeVisible();
  await expect(page.getByText('lives only in this page')).toBeVisible();
  await page.getByLabel(/unencrypted twin/).check();
  await page.getByTestId('create-demo').click();

  const detail = page.getByTestId('disk-detail');
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText('demo-encrypted', { timeout: 30_000 });
  await expect(page.getByTestId('create-demo')).toBeEnabled({ timeout: 30_000 });
  await expect(page.getByTestId('disk-list').locator('[data-disk-name]')).toHaveCount(2);

  // Sector 0: the guest reads the sample text; the stored bytes do not contain it.
  await expect(page.getByTestId('sector-views')).toHaveAttribute('data-sector', '0');
  await expect.poll(() => dumpText(page, 'guest')).toContain(MARKER);
  expect(await dumpText(page, 'physical')).not.toContain('sample');
  const entropy = page.getByTestId('entropy-chart');
  await expect.poll(async () => Number(await entropy.getAttribute('data-mean'))).toBeGreaterThan(7.5);
  await expect(page.getByTestId('allocation-map').locator('[data-kind="allocated"]')).not.toHaveCount(0);
  await expect(page.getByTestId('allocation-map').locator('[data-kind="unwritten"]')).not.toHaveCount(0);
  await page.screenshot({ path: 'test-results/inspector-en.png', fullPage: true });
  const physical0 = await dumpHex(page, 'physical');
  const guest0 = await dumpHex(page, 'guest');

  // Keyboard: the sector input steps with the arrow keys. Sector 2 repeats sector 0's text, yet XTS
  // stores different bytes for it.
  const input = page.getByTestId('sector-input');
  await input.focus();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('sector-views')).toHaveAttribute('data-sector', '1');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('sector-views')).toHaveAttribute('data-sector', '2');
  await expect.poll(() => dumpHex(page, 'guest')).toBe(guest0);
  expect(await dumpHex(page, 'physical')).not.toBe(physical0);

  // Keyboard on the allocation map: the current chunk's cell is the tab stop; arrows move, Enter jumps.
  const current = page.getByTestId('allocation-map').locator('[aria-current="true"]');
  await current.focus();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sector-views')).toHaveAttribute('data-sector', '512');
  await expect(page.getByTestId('guest-text')).toContainText('ディスク暗号化ラボ');

  // The unencrypted twin stores the text as is: low entropy, text in the physical view.
  await page.getByTestId('disk-list').locator('[data-disk-name="demo-plain"]').click();
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText('demo-plain');
  await expect.poll(() => dumpText(page, 'physical')).toContain(MARKER);
  await expect.poll(async () => Number(await entropy.getAttribute('data-mean'))).toBeLessThan(6);

  // Japanese, then delete the twin with its confirmation.
  await page.getByRole('button', { name: '日本語' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ディスクインスペクター');
  await page.getByRole('button', { name: 'ディスクを削除' }).click();
  await page.getByRole('button', { name: '削除', exact: true }).click();
  await expect(page.getByTestId('disk-list').locator('[data-disk-name]')).toHaveCount(1);
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText('demo-encrypted');
  await expect.poll(() => dumpText(page, 'guest')).toContain(MARKER);
  await page.screenshot({ path: 'test-results/inspector-ja.png', fullPage: true });

  // Reload: the session key is gone, so the demo disk is deleted at start-up.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('ディスクインスペクター');
  await expect(page.getByTestId('no-disks')).toBeVisible();
  await expect(page.getByTestId('disk-list')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('page links, back and forward, and an unknown route showing About', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('About this lab');
  await page.getByRole('link', { name: 'Disk inspector' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Disk inspector');
  await expect(page).toHaveURL(/#\/inspector$/);
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('About this lab');
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Disk inspector');

  // The links are reachable and followed from the keyboard.
  const about = page.getByRole('link', { name: 'About', exact: true });
  await about.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('About this lab');

  await page.goto('./#/no-such-page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('About this lab');
});
