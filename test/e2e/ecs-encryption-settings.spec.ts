// The block storage encryption settings page end to end (issue 5 items 8 and 14; cloud-api.md §2.9):
// turning account-level default encryption on and off from the page, what it does to new disks (an
// unencrypted one is refused, the create form forces encryption and names the rule), existing disks
// unchanged, a CMK as the default key (the authorize step first), reset to the service key, the
// limit shown in a region without disk encryption, and the page in Japanese.
import { expect, test, type Page } from '@playwright/test';
import { call, callError } from '../support/lab-page';

test.use({ locale: 'en-US' });

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/ecs-settings-${name}.png`, fullPage: true });

async function diskCount(page: Page): Promise<number> {
  return (await call(page, 'Ecs', 'DescribeDisks', { RegionId: 'cn-hangzhou', PageSize: 100 })).TotalCount as number;
}

test('encryption settings: toggle default encryption, its effect on new disks, a CMK default after authorizing, reset, limits, Japanese', async ({ page }) => {
  test.setTimeout(90_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto('./#/ecs/encryption');
  await page.waitForFunction(() => 'aliyunLab' in window);
  const settings = page.getByTestId('ecs-encryption-settings');
  await expect(settings.getByTestId('default-status')).toHaveAttribute('data-on', 'false');
  await expect(settings.getByTestId('default-key')).toHaveText('alias/acs/ecs');

  // An unencrypted disk made while it is off stays as it is.
  const before = (await call(page, 'Ecs', 'CreateDisk', { RegionId: 'cn-hangzhou', ZoneId: 'cn-hangzhou-h', DiskCategory: 'cloud_essd', Size: 20 })).DiskId as string;

  // On: the page says so, and so does the API.
  await settings.getByTestId('toggle-default').click();
  await expect(settings.getByTestId('default-status')).toHaveAttribute('data-on', 'true');
  expect((await call(page, 'Ecs', 'DescribeDiskEncryptionByDefaultStatus', { RegionId: 'cn-hangzhou' })).Encrypted).toBe(true);
  await shot(page, 'on-en');

  // An explicitly unencrypted disk is refused and nothing is created; an unspecified one is encrypted.
  const count = await diskCount(page);
  const refused = await callError(page, 'Ecs', 'CreateDisk', { RegionId: 'cn-hangzhou', ZoneId: 'cn-hangzhou-h', DiskCategory: 'cloud_essd', Size: 20, Encrypted: false });
  expect([refused.Code, refused.HttpStatus]).toEqual(['InvalidEncrypted.NotMatchDiskDefaultEncryption', 403]);
  expect(await diskCount(page)).toBe(count);
  const serviceKey = (await call(page, 'Ecs', 'DescribeDiskDefaultKMSKeyId', { RegionId: 'cn-hangzhou' })).KMSKeyId as string;
  const implicit = (await call(page, 'Ecs', 'CreateDisk', { RegionId: 'cn-hangzhou', ZoneId: 'cn-hangzhou-h', DiskCategory: 'cloud_essd', Size: 20 })).DiskId as string;
  const disks = ((await call(page, 'Ecs', 'DescribeDisks', { RegionId: 'cn-hangzhou', DiskIds: [before, implicit] })).Disks as { Disk: { DiskId: string; Encrypted: boolean; KMSKeyId: string }[] }).Disk;
  expect(disks.find((d) => d.DiskId === before)).toMatchObject({ Encrypted: false, KMSKeyId: '' });
  expect(disks.find((d) => d.DiskId === implicit)).toMatchObject({ Encrypted: true, KMSKeyId: serviceKey });

  // The create form follows the setting: encryption forced, the rule named.
  await page.goto('./#/ecs/disks');
  await page.getByTestId('open-create-disk').click();
  const form = page.getByTestId('create-disk-form');
  await expect(form.getByTestId('encrypted-checkbox')).toBeChecked();
  await expect(form.getByTestId('encrypted-checkbox')).toBeDisabled();
  await expect(form.getByTestId('key-rule')).toHaveAttribute('data-rule', 'account-default');

  // A CMK as the default key: ECS's role is missing, so the page offers to authorize, then saves.
  const cmk = ((await call(page, 'Kms', 'CreateKey', { Description: 'default key for the region' })).KeyMetadata as { KeyId: string }).KeyId;
  await page.goto('./#/ecs/encryption');
  await expect(settings.getByTestId('default-status')).toHaveAttribute('data-on', 'true');
  await expect(settings.getByTestId('default-key-select').locator(`option[value="${cmk}"]`)).toHaveCount(1);
  await settings.getByTestId('default-key-select').selectOption(cmk);
  await settings.getByTestId('save-default-key').click();
  await expect(settings.getByTestId('settings-error')).toHaveAttribute('data-code', 'InvalidParameter.KMSKeyId.KMSUnauthorized');
  await expect(settings.getByTestId('authorize-step')).toBeVisible();
  expect((await call(page, 'Ecs', 'DescribeDiskDefaultKMSKeyId', { RegionId: 'cn-hangzhou' })).KMSKeyId).toBe(serviceKey);
  await settings.getByTestId('authorize').click();
  await expect(settings.getByTestId('authorize-step')).toHaveCount(0);
  await expect(settings.getByTestId('default-key')).toContainText(cmk);
  expect((await call(page, 'Ecs', 'DescribeDiskDefaultKMSKeyId', { RegionId: 'cn-hangzhou' })).KMSKeyId).toBe(cmk);
  const underCmk = (await call(page, 'Ecs', 'CreateDisk', { RegionId: 'cn-hangzhou', ZoneId: 'cn-hangzhou-h', DiskCategory: 'cloud_essd', Size: 20 })).DiskId as string;
  const cmkDisk = ((await call(page, 'Ecs', 'DescribeDisks', { RegionId: 'cn-hangzhou', DiskIds: [underCmk] })).Disks as { Disk: { KMSKeyId: string }[] }).Disk[0];
  expect(cmkDisk.KMSKeyId).toBe(cmk);

  // Reset: back to the service key. Off: unencrypted disks are allowed again; existing ones stay encrypted.
  await settings.getByTestId('reset-default-key').click();
  await expect(settings.getByTestId('default-key')).toHaveText('alias/acs/ecs');
  await settings.getByTestId('toggle-default').click();
  await expect(settings.getByTestId('default-status')).toHaveAttribute('data-on', 'false');
  const plain = (await call(page, 'Ecs', 'CreateDisk', { RegionId: 'cn-hangzhou', ZoneId: 'cn-hangzhou-h', DiskCategory: 'cloud_essd', Size: 20, Encrypted: false })).DiskId as string;
  const after = ((await call(page, 'Ecs', 'DescribeDisks', { RegionId: 'cn-hangzhou', DiskIds: [plain, underCmk] })).Disks as { Disk: { DiskId: string; Encrypted: boolean }[] }).Disk;
  expect(after.find((d) => d.DiskId === plain)?.Encrypted).toBe(false);
  expect(after.find((d) => d.DiskId === underCmk)?.Encrypted).toBe(true);

  // A region without disk encryption: the page states the limit instead of the controls.
  await call(page, 'Lab', 'SwitchRegion', { RegionId: 'cn-nanjing' });
  await page.goto('./#/ecs/encryption');
  await expect(settings.getByTestId('encryption-limit')).toBeVisible();
  await expect(settings.getByTestId('toggle-default')).toHaveCount(0);
  const nanjing = await callError(page, 'Ecs', 'EnableDiskEncryptionByDefault', { RegionId: 'cn-nanjing' });
  expect(nanjing.Code).toBe('Abs.InvalidAction.RegionNotSupport');
  await call(page, 'Lab', 'SwitchRegion', { RegionId: 'cn-hangzhou' });

  // Japanese.
  await page.getByRole('button', { name: '日本語' }).click();
  await expect(settings.getByTestId('default-status')).toHaveText('無効');
  await shot(page, 'off-ja');
  expect(pageErrors).toEqual([]);
});

test('the header region chooser switches the lab region, and the choice survives a reload', async ({ page }) => {
  await page.goto('./#/ecs/encryption');
  await page.waitForFunction(() => 'aliyunLab' in window);
  const settings = page.getByTestId('ecs-encryption-settings');
  await expect(settings.getByTestId('default-status')).toBeVisible();
  await page.getByTestId('region-select').selectOption('cn-nanjing');
  await expect(settings.getByTestId('encryption-limit')).toBeVisible();
  expect((await call(page, 'Lab', 'GetRegion')).RegionId).toBe('cn-nanjing');
  await page.reload();
  await expect(page.getByTestId('region-select')).toHaveValue('cn-nanjing');
  await expect(settings.getByTestId('encryption-limit')).toBeVisible();
  expect((await call(page, 'Lab', 'GetRegion')).RegionId).toBe('cn-nanjing');
  await page.getByTestId('region-select').selectOption('cn-hangzhou');
  await expect(settings.getByTestId('default-status')).toBeVisible();
});
