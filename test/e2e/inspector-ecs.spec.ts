// The inspector on an ECS disk: the guest view comes through the KMS the way the hypervisor gets it
// (Lab.ReadDiskSectors: the data key is unwrapped into the pool for the read), the physical view is
// the stored ciphertext, and the disk can only be deleted from ECS.
import { expect, test } from '@playwright/test';
import { call, openApp } from '../support/lab-page';

test.use({ locale: 'en-US' });

test('an encrypted ECS disk in the inspector: plaintext through the KMS beside the stored ciphertext, no delete here', async ({ page }) => {
  await openApp(page);
  await call(page, 'Lab', 'Reset');
  const text = 'written through the ECS API, read back by the inspector '.repeat(10).slice(0, 512);
  const diskId = (await call(page, 'Ecs', 'CreateDisk', { ZoneId: 'cn-hangzhou-h', DiskCategory: 'cloud_essd', Size: 20, Encrypted: true })).DiskId as string;
  await call(page, 'Lab', 'WriteDiskSectors', { DiskId: diskId, Sector: 0, DataBase64: Buffer.from(text).toString('base64') });

  // From the ECS disk page, "look inside" opens the inspector on this very disk.
  await page.goto(`./#/ecs/disks/${diskId}`);
  await page.getByTestId('peek-inspector').click();
  await expect(page).toHaveURL(new RegExp(`#/inspector\\?disk=${diskId}`));
  const detail = page.getByTestId('disk-detail');
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText(diskId);
  await expect(page.getByTestId('guest-text')).toContainText('read back by the inspector', { timeout: 15_000 });
  const physical = (await page.getByTestId('physical-dump').locator('.hexdump__ascii').allTextContents()).join('');
  expect(physical).not.toContain('inspector');
  await expect(page.getByTestId('ecs-managed')).toBeVisible();
  // The read went through the KMS as ECS: the audit trail has the Decrypt.
  await page.goto('./#/audit');
  await expect(page.getByTestId('audit-table').getByText('Decrypt', { exact: true }).first()).toBeVisible({ timeout: 10_000 });
});
