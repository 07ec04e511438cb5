// The inspector with other tabs around: a disk whose lock another tab holds shows "in use in another
// tab" until it is released; another tab upgrading the lab database brings up the reload banner;
// and asking for persistent storage shows the browser's answer.
import { expect, test } from '@playwright/test';

test.use({ locale: 'en-US' });

test('a disk locked in another tab shows as in use there, and clears when released', async ({ page, context }) => {
  await page.goto('./#/inspector');
  await page.getByLabel(/unencrypted twin/).check();
  await page.getByTestId('create-demo').click();
  await expect(page.getByTestId('create-demo')).toBeEnabled({ timeout: 30_000 });
  await page.getByTestId('disk-list').locator('[data-disk-name="demo-plain"]').click();
  const detail = page.getByTestId('disk-detail');
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText('demo-plain');
  const diskId = await detail.getAttribute('data-disk-id');

  // The other tab is the lab's About page (the plain twin survives its start-up; session disks would not).
  const other = await context.newPage();
  await other.goto('./#/about');
  await other.evaluate((name) => {
    void navigator.locks.request(name, { mode: 'exclusive' }, () => new Promise<void>((release) => {
      (window as unknown as { releaseDisk: () => void }).releaseDisk = release;
    }));
  }, `disk-encryption-lab:disk:${diskId}`);

  await expect(page.getByTestId('disk-in-use')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('disk-list').getByText('In use in another tab')).toBeVisible();
  await page.screenshot({ path: 'test-results/inspector-in-use.png' });
  await other.evaluate(() => (window as unknown as { releaseDisk: () => void }).releaseDisk());
  await expect(page.getByTestId('disk-in-use')).toHaveCount(0, { timeout: 10_000 });
});

test('another tab upgrading the database shows the reload banner', async ({ page, context }) => {
  await page.goto('./#/inspector');
  await expect(page.getByTestId('no-disks')).toBeVisible();
  const other = await context.newPage();
  await other.goto('./#/about');
  await other.evaluate(() => new Promise<void>((resolve, reject) => {
    const probe = indexedDB.open('disk-encryption-lab');
    probe.onsuccess = () => {
      const version = probe.result.version;
      probe.result.close();
      const upgrade = indexedDB.open('disk-encryption-lab', version + 1);
      upgrade.onsuccess = () => { upgrade.result.close(); resolve(); };
      upgrade.onerror = () => reject(upgrade.error);
    };
    probe.onerror = () => reject(probe.error);
  }));
  const banner = page.getByTestId('db-banner');
  await expect(banner).toHaveAttribute('data-status', 'upgraded');
  await expect(banner).toContainText('updated in another tab');
  await expect(banner.getByRole('button', { name: 'Reload' })).toBeVisible();
  await page.screenshot({ path: 'test-results/inspector-banner.png' });
});

test('asking for persistent storage shows the browser’s answer and the space used', async ({ page }) => {
  await page.goto('./#/inspector');
  const panel = page.getByTestId('storage-health');
  await expect(panel.getByTestId('storage-usage')).toContainText(/used of .* available/);
  const ask = panel.getByRole('button', { name: 'Ask to keep data' });
  if (await ask.isVisible()) {
    await ask.click();
    await expect(panel.getByRole('status')).toContainText(/The browser (agreed|declined)/);
  } else {
    await expect(panel.getByTestId('storage-persisted')).toHaveAttribute('data-persisted', 'true');
  }
});

test('a second tab keeps the first tab’s session-key demo disk; once that tab closes, the next start-up deletes it', async ({ page, context }) => {
  await page.goto('./#/inspector');
  await page.getByTestId('create-demo').click();
  await expect(page.getByTestId('create-demo')).toBeEnabled({ timeout: 30_000 });
  await expect(page.getByTestId('disk-list').locator('[data-disk-name="demo-encrypted"]')).toBeVisible();

  const second = await context.newPage();
  await second.goto('./#/inspector');
  await expect(second.getByTestId('disk-list').locator('[data-disk-name="demo-encrypted"]')).toBeVisible({ timeout: 15_000 });
  // The first tab can still read its disk: its key is alive in its own pool.
  await page.getByTestId('disk-list').locator('[data-disk-name="demo-encrypted"]').click();
  await expect(page.getByTestId('guest-text')).toContainText(/\w{4,}/, { timeout: 15_000 });

  await page.close();
  const third = await context.newPage();
  await third.goto('./#/inspector');
  await expect(third.getByTestId('no-disks')).toBeVisible({ timeout: 15_000 });
  await second.close();
});
