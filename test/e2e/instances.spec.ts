// The instance pages end to end (issue 6 item 6), as a person uses them: launch an instance from the
// console with an encrypted ESSD system disk under a new CMK (a dry run first; authorize ECS when asked),
// see it Running with every disk's encryption, disable the key (the running instance is warned about,
// not stopped), stop it (whatever the key state), be refused a start while the key is disabled, enable
// it, attach and detach a data disk, replace the system disk, start, and release it — each result checked
// through window.aliyunLab. The form's limits and account default; a shared encrypted image from the other account.
// Then Japanese, and a narrow screen.
import { expect, test, type Page } from '@playwright/test';
import { call } from '../support/lab-page';

test.use({ locale: 'en-US' });

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/instances-${name}.png`, fullPage: true });

type Described = { Instances: { Instance: { InstanceId: string; Status: string }[] }; TotalCount: number };
type DiskList = { Disks: { Disk: { DiskId: string; Type: string; Encrypted: boolean; KMSKeyId: string; Category: string; DeleteWithInstance: boolean }[] } };

async function instanceStatus(page: Page, instanceId: string): Promise<string | undefined> {
  const r = (await call(page, 'Ecs', 'DescribeInstances', { InstanceIds: [instanceId] })) as unknown as Described;
  return r.Instances.Instance[0]?.Status;
}

async function disksOf(page: Page, instanceId: string) {
  return ((await call(page, 'Ecs', 'DescribeDisks', { InstanceId: instanceId })) as unknown as DiskList).Disks.Disk;
}

test('instances: dry run, launch with a CMK-encrypted ESSD system disk, disable the key, stop, refused start, replace the system disk, start, release', async ({ page }) => {
  test.setTimeout(120_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto('./#/ecs/instances');
  await expect(page.getByTestId('no-instances')).toBeVisible();
  const keyId = ((await call(page, 'Kms', 'CreateKey', { Description: 'instances e2e' })).KeyMetadata as { KeyId: string }).KeyId;

  // The form: the public LabOS image, ESSD, Encrypted under the new CMK, and a data disk left unencrypted.
  await page.getByTestId('open-launch').click();
  const form = page.getByTestId('launch-form');
  await expect(form.getByTestId('launch-image')).toContainText('LabOS');
  await form.getByTestId('launch-name').fill('faq-test');
  const system = form.getByTestId('system-disk');
  await expect(system.getByTestId('disk-category')).toHaveValue('cloud_essd');
  await system.getByTestId('disk-encrypted').check();
  await expect(system.getByTestId('key-rule')).toHaveAttribute('data-rule', 'service-key');
  // The seven families are listed but disabled once the system disk is encrypted, with the reason.
  await expect(form.getByTestId('launch-type').locator('option[value="ecs.ebmg5.24xlarge"]')).toBeDisabled();
  await expect(form.getByTestId('launch-type').locator('option[value="ecs.ebmg5.24xlarge"]')).toContainText('cannot take an encrypted system disk');
  await system.getByTestId('key-select').selectOption(keyId);
  await form.getByTestId('add-data-disk').check();
  await form.getByTestId('data-disk').getByTestId('disk-size').fill('20');
  await shot(page, 'launch-form-en');

  // Dry run before the role exists: the real error (KMSUnauthorized) and the authorize step; authorize,
  // and the dry run is sent again: it would succeed, and nothing was created.
  await form.getByTestId('launch-dry-run').click();
  await expect(form.getByTestId('launch-error')).toHaveAttribute('data-code', 'InvalidParameter.KMSKeyId.KMSUnauthorized');
  await expect(form.getByTestId('authorize-step')).toBeVisible();
  await form.getByTestId('authorize').click();
  await expect(form.getByTestId('dry-run-ok')).toBeVisible();
  await expect(form.getByTestId('launch-error')).toHaveCount(0);
  expect(((await call(page, 'Ecs', 'DescribeInstances')) as unknown as Described).TotalCount).toBe(0);

  // Launch for real: the new id links to the instance.
  await form.getByTestId('launch-submit').click();
  const launched = page.getByTestId('instances-launched');
  await expect(launched).toBeVisible();
  const instanceId = (await launched.getAttribute('data-ids'))!.trim();
  expect(instanceId).toMatch(/^i-[a-z0-9]{18}$/);
  const row = page.getByTestId('instance-table').locator(`tr[data-instance-id="${instanceId}"]`);
  await expect(row.getByTestId('status')).toHaveAttribute('data-status', 'Running', { timeout: 30_000 });
  await expect(row.getByTestId('system-disk-cell').getByTestId('encrypted')).toHaveAttribute('data-key-id', keyId);
  await expect(row.getByTestId('data-disks-cell').getByTestId('not-encrypted')).toBeVisible();
  await shot(page, 'list-en');

  const disks = await disksOf(page, instanceId);
  const systemDisk = disks.find((d) => d.Type === 'system')!;
  expect(systemDisk).toMatchObject({ Encrypted: true, KMSKeyId: keyId, Category: 'cloud_essd' });
  expect(disks.find((d) => d.Type === 'data')).toMatchObject({ Encrypted: false, DeleteWithInstance: true });

  // The detail page: Running, the key's meaning, both disks.
  await launched.getByRole('link', { name: instanceId }).click();
  const detail = page.getByTestId('instance-detail');
  await expect(detail.getByTestId('instance-id')).toHaveText(instanceId);
  await expect(detail.getByTestId('instance-status')).toHaveAttribute('data-status', 'Running');
  await expect(detail.getByTestId('keys-in-memory')).toBeVisible();
  const diskRows = detail.getByTestId('instance-disks');
  await expect(diskRows.locator(`tr[data-disk-id="${systemDisk.DiskId}"]`).getByTestId('encrypted')).toHaveAttribute('data-key-id', keyId);
  await expect(diskRows.getByTestId('look-inside')).toHaveCount(0); // only while Stopped
  await expect(detail.getByTestId('replace-needs-stopped')).toBeVisible();

  // Disabling the key does not stop the instance; the page warns that it will not boot again.
  await call(page, 'Kms', 'DisableKey', { KeyId: keyId });
  await expect(detail.getByTestId('boot-warning')).toHaveAttribute('data-health', 'unreadable');
  await expect(detail.getByTestId('instance-status')).toHaveAttribute('data-status', 'Running');
  await expect(diskRows.locator(`tr[data-disk-id="${systemDisk.DiskId}"]`).getByTestId('key-health')).toHaveAttribute('data-health', 'unreadable');
  await shot(page, 'detail-disabled-en');

  // Stop works whatever the key state; Start is refused while the key is disabled, and nothing changes.
  await detail.getByTestId('stop-instance').click();
  await expect(detail.getByTestId('instance-status')).toHaveAttribute('data-status', 'Stopped', { timeout: 30_000 });
  expect(await instanceStatus(page, instanceId)).toBe('Stopped');
  await detail.getByTestId('start-instance').click();
  await expect(detail.getByTestId('instance-action-error')).toHaveAttribute('data-code', 'InvalidParameter.KMSKeyId.CMKNotEnabled');
  expect(await instanceStatus(page, instanceId)).toBe('Stopped');
  await call(page, 'Kms', 'EnableKey', { KeyId: keyId });
  await expect(detail.getByTestId('boot-warning')).toHaveCount(0);
  await expect(diskRows.getByTestId('look-inside').first()).toBeVisible();

  // Attach an Available data disk of the zone, then detach it again (it stays, Available).
  const zoneId = (((await call(page, 'Ecs', 'DescribeInstances', { InstanceIds: [instanceId] })) as unknown as { Instances: { Instance: { ZoneId: string }[] } }).Instances.Instance[0]).ZoneId;
  const spare = (await call(page, 'Ecs', 'CreateDisk', { ZoneId: zoneId, DiskCategory: 'cloud_essd', Size: 20, DiskName: 'spare-disk' })).DiskId as string;
  const attach = detail.getByTestId('attach-disk-form');
  await expect(attach.getByTestId('attach-disk-select')).toHaveValue(spare);
  await attach.getByTestId('attach-disk').click();
  await expect(diskRows.locator(`tr[data-disk-id="${spare}"]`)).toBeVisible();
  expect((await disksOf(page, instanceId)).map((d) => d.DiskId)).toContain(spare);
  await diskRows.locator(`tr[data-disk-id="${spare}"]`).getByTestId('detach-disk').click();
  await expect(diskRows.locator(`tr[data-disk-id="${spare}"]`)).toHaveCount(0);
  expect((await disksOf(page, instanceId)).map((d) => d.DiskId)).not.toContain(spare);

  // ReplaceSystemDisk (Stopped): the same image, encrypted under the service key this time.
  const replace = detail.getByTestId('replace-system-disk-form');
  await expect(replace.getByTestId('replace-image')).toHaveValue(/labos/);
  await replace.getByTestId('replace-disk').getByTestId('disk-encrypted').check();
  await expect(replace.getByTestId('key-rule')).toHaveAttribute('data-rule', 'service-key');
  await shot(page, 'detail-stopped-en');
  await replace.getByTestId('replace-submit').click();
  const replaced = replace.getByTestId('replace-done');
  await expect(replaced).toBeVisible();
  const newDiskId = (await replaced.getAttribute('data-disk-id'))!;
  expect(newDiskId).not.toBe(systemDisk.DiskId);
  const serviceKeyId = ((await call(page, 'Kms', 'DescribeKey', { KeyId: 'alias/acs/ecs' })).KeyMetadata as { KeyId: string }).KeyId;
  const afterReplace = await disksOf(page, instanceId);
  expect(afterReplace.find((d) => d.Type === 'system')).toMatchObject({ DiskId: newDiskId, Encrypted: true, KMSKeyId: serviceKeyId });
  expect(((await call(page, 'Ecs', 'DescribeDisks', { DiskIds: [systemDisk.DiskId] })).Disks as { Disk: unknown[] }).Disk).toEqual([]);
  await expect(diskRows.locator(`tr[data-disk-id="${newDiskId}"]`).getByTestId('encrypted')).toHaveAttribute('data-key-id', serviceKeyId);

  // Start again.
  await detail.getByTestId('start-instance').click();
  await expect(detail.getByTestId('instance-status')).toHaveAttribute('data-status', 'Running', { timeout: 30_000 });
  expect(await instanceStatus(page, instanceId)).toBe('Running');

  // The VNC URL is the lab's console page for this instance.
  await detail.getByTestId('get-vnc-url').click();
  await expect(detail.getByTestId('vnc-url')).toHaveValue(new RegExp(`#/ecs/instances/${instanceId}/console$`));
  await expect(detail.getByTestId('open-console')).toHaveAttribute('href', `#/ecs/instances/${instanceId}/console`);

  // Japanese, and a narrow screen.
  await page.getByRole('button', { name: '日本語' }).click();
  await expect(detail.getByTestId('power-panel')).toContainText('電源');
  await shot(page, 'detail-ja');
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'detail-narrow-ja');
  await page.goto('./#/ecs/instances');
  await expect(page.getByTestId('instance-table').locator(`tr[data-instance-id="${instanceId}"]`)).toBeVisible();
  await shot(page, 'list-narrow-ja');
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot(page, 'list-ja');
  await page.getByRole('button', { name: 'English' }).click();

  // Release: the confirmation names both disks (they go with it); Running needs Force.
  await page.goto(`./#/ecs/instances/${instanceId}`);
  await detail.getByTestId('delete-instance').click();
  const confirm = detail.getByTestId('delete-instance-confirm');
  await expect(confirm.getByTestId('disks-released').locator('li')).toHaveCount(2);
  await expect(confirm.getByTestId('disks-released')).toContainText(newDiskId);
  await confirm.getByTestId('delete-force').check();
  await shot(page, 'delete-confirm-en');
  await confirm.getByTestId('confirm-delete-instance').click();
  await expect(page.getByTestId('instance-list')).toBeVisible();
  await expect(page.getByTestId('no-instances')).toBeVisible();
  expect(((await call(page, 'Ecs', 'DescribeInstances')) as unknown as Described).TotalCount).toBe(0);
  expect(((await call(page, 'Ecs', 'DescribeDisks', { DiskIds: afterReplace.map((d) => d.DiskId) })).Disks as { Disk: unknown[] }).Disk).toEqual([]);
  expect(pageErrors).toEqual([]);
});

test('launch form: a dry run that would succeed creates nothing; limits disable what they rule out; account-level default encryption forces Encrypted', async ({ page }) => {
  await page.goto('./#/ecs/instances?launch=1');
  const form = page.getByTestId('launch-form');
  await expect(form.getByTestId('launch-image')).toContainText('LabOS');
  await form.getByTestId('launch-dry-run').click();
  await expect(form.getByTestId('dry-run-ok')).toBeVisible();
  expect(((await call(page, 'Ecs', 'DescribeInstances')) as unknown as Described).TotalCount).toBe(0);

  // A non-ESSD system disk cannot be encrypted: the checkbox is disabled with the reason.
  const system = form.getByTestId('system-disk');
  await system.getByTestId('disk-category').selectOption('cloud_ssd');
  await expect(form.getByTestId('dry-run-ok')).toHaveCount(0); // a changed form has not been tried
  await expect(system.getByTestId('disk-encrypted')).toBeDisabled();
  await expect(system.getByTestId('encryption-limit')).toContainText('ESSD series');
  await system.getByTestId('disk-category').selectOption('cloud_essd');

  // Account-level default encryption: the form forces Encrypted, with the account default key's rule.
  await call(page, 'Ecs', 'EnableDiskEncryptionByDefault');
  await page.getByTestId('launch-form').getByRole('button', { name: 'Cancel' }).click();
  await page.getByTestId('open-launch').click();
  const forced = page.getByTestId('launch-form').getByTestId('system-disk');
  await expect(forced.getByTestId('key-rule')).toHaveAttribute('data-rule', 'account-default');
  await expect(forced.getByTestId('disk-encrypted')).toBeChecked();
  await expect(forced.getByTestId('disk-encrypted')).toBeDisabled();

  // Zones without system-disk encryption at creation (cn-hongkong-d, ap-southeast-1a) are covered by
  // test/unit/ui-instances.test.ts: switching the region in the built app needs the lab state to keep it.
  await shot(page, 'launch-limits-en');
});

test('an encrypted image shared by the other account: the form forces Encrypted with your own key, and the instance gets it', async ({ page }) => {
  test.setTimeout(120_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto('./#/ecs/instances');
  const { Accounts } = await call(page, 'Lab', 'ListAccounts') as unknown as { Accounts: { AccountId: string }[] };
  const [owner, partner] = Accounts;
  const publicImage = ((await call(page, 'Ecs', 'DescribeImages', { ImageOwnerAlias: 'system' })).Images as { Image: { ImageId: string }[] }).Image[0].ImageId;
  const source = ((await call(page, 'Ecs', 'RunInstances', {
    ZoneId: 'cn-hangzhou-h', ImageId: publicImage, InstanceType: 'ecs.g7.large', 'SystemDisk.Category': 'cloud_essd',
  })).InstanceIdSets as { InstanceIdSet: string[] }).InstanceIdSet[0];
  await expect.poll(() => instanceStatus(page, source), { timeout: 30_000 }).toBe('Running');

  // CreateImage from the instance, on its page.
  await page.goto(`./#/ecs/instances/${source}`);
  const imageForm = page.getByTestId('create-image-form');
  await imageForm.getByTestId('image-name').fill('from-instance');
  await imageForm.getByTestId('create-image').click();
  const plainImage = (await imageForm.getByTestId('image-started').getAttribute('data-image-id'))!;
  const imageStatus = async (imageId: string) => ((await call(page, 'Ecs', 'DescribeImages', { ImageId: imageId, Status: 'Creating,Available,CreateFailed' }))
    .Images as { Image: { Status: string }[] }).Image[0]?.Status;
  await expect.poll(() => imageStatus(plainImage), { timeout: 30_000 }).toBe('Available');

  // An encrypted copy (the owner's service key), shared with the partner account.
  const encryptedImage = (await call(page, 'Ecs', 'CopyImage', { ImageId: plainImage, DestinationRegionId: 'cn-hangzhou', DestinationImageName: 'shared-encrypted', Encrypted: true })).ImageId as string;
  await expect.poll(() => imageStatus(encryptedImage), { timeout: 30_000 }).toBe('Available');
  await call(page, 'Ecs', 'ModifyImageSharePermission', { ImageId: encryptedImage, AddAccount: [partner.AccountId] });
  await call(page, 'Lab', 'SwitchAccount', { AccountId: partner.AccountId });
  expect(((await call(page, 'Lab', 'ListAccounts')).Accounts as { AccountId: string; Current: boolean }[]).find((a) => a.Current)?.AccountId).toBe(partner.AccountId);

  // The partner's launch form: the shared image forces encryption under the partner's own key.
  await page.goto('./#/ecs/instances?launch=1');
  const form = page.getByTestId('launch-form');
  await expect(form.getByTestId('launch-image').locator(`option[value="${encryptedImage}"]`)).toContainText('Shared with you');
  await form.getByTestId('launch-image').selectOption(encryptedImage);
  const system = form.getByTestId('system-disk');
  await expect(system.getByTestId('key-rule')).toHaveAttribute('data-rule', 'shared-service-key');
  await expect(system.getByTestId('key-rule')).toContainText('shared by another account');
  await expect(system.getByTestId('disk-encrypted')).toBeChecked();
  await expect(system.getByTestId('disk-encrypted')).toBeDisabled();
  await shot(page, 'launch-shared-en');
  await form.getByTestId('launch-submit').click();
  const instanceId = (await page.getByTestId('instances-launched').getAttribute('data-ids'))!.trim();
  const partnerServiceKey = ((await call(page, 'Kms', 'DescribeKey', { KeyId: 'alias/acs/ecs' })).KeyMetadata as { KeyId: string }).KeyId;
  const systemDisk = (await disksOf(page, instanceId)).find((d) => d.Type === 'system');
  expect(systemDisk).toMatchObject({ Encrypted: true, KMSKeyId: partnerServiceKey });
  await expect(page.getByTestId('instance-table').locator(`tr[data-instance-id="${instanceId}"]`).getByTestId('system-disk-cell').getByTestId('encrypted'))
    .toHaveAttribute('data-key-id', partnerServiceKey);
  await call(page, 'Lab', 'SwitchAccount', { AccountId: owner.AccountId });
  expect(pageErrors).toEqual([]);
});
