// The source document's way to encrypt an existing instance's system disk (issue 6 item 8; the OOS
// template ACS-ECS-BulkyEncryptSystemDisk, cloud-api.md §4), on a real guest: a file written inside an
// unencrypted instance → stop → CreateImage from the instance → CopyImage Encrypted under a CMK →
// ReplaceSystemDisk with the encrypted image → start: the guest boots from the new, encrypted system
// disk (a new disk id, the old one released) and the file is still there; its stored bytes are ciphertext.
import { expect, test, type Page } from '@playwright/test';
import { call } from '../support/lab-page';

test.use({ locale: 'en-US' });

const REGION = 'cn-hangzhou';

async function instanceStatus(page: Page, instanceId: string): Promise<string> {
  const r = await call(page, 'Ecs', 'DescribeInstanceStatus', { RegionId: REGION, InstanceId: [instanceId] });
  return (r.InstanceStatuses as { InstanceStatus: { Status: string }[] }).InstanceStatus[0]?.Status ?? '';
}

async function imageStatus(page: Page, imageId: string): Promise<string> {
  const r = await call(page, 'Ecs', 'DescribeImages', { RegionId: REGION, ImageId: imageId, Status: 'Creating,Available,CreateFailed' });
  return (r.Images as { Image: { Status: string }[] }).Image[0]?.Status ?? '';
}

async function systemDisk(page: Page, instanceId: string): Promise<{ DiskId: string; Encrypted: boolean; KMSKeyId: string }> {
  const r = await call(page, 'Ecs', 'DescribeDisks', { RegionId: REGION, InstanceId: instanceId, DiskType: 'system' });
  return (r.Disks as { Disk: { DiskId: string; Encrypted: boolean; KMSKeyId: string }[] }).Disk[0];
}

async function consoleText(page: Page, instanceId: string): Promise<string> {
  return ((await call(page, 'Lab', 'GetConsoleText', { InstanceId: instanceId })).Lines as string[]).join('\n');
}

/** Types a command through Lab.SendConsoleText (headless) and waits for its output. */
async function guest(page: Page, instanceId: string, command: string, output: string | RegExp): Promise<void> {
  await call(page, 'Lab', 'SendConsoleText', { InstanceId: instanceId, Text: `${command}\n` });
  await expect.poll(() => consoleText(page, instanceId), { timeout: 15_000 }).toMatch(output);
}

test('encrypting a running system: CreateImage → CopyImage Encrypted → ReplaceSystemDisk keeps the guest bootable and its files', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto('./');
  await page.waitForFunction(() => 'aliyunLab' in window);
  const images = await call(page, 'Ecs', 'DescribeImages', { RegionId: REGION, ImageOwnerAlias: 'system' });
  const publicImage = (images.Images as { Image: { ImageId: string }[] }).Image[0].ImageId;

  // An unencrypted instance; a file written from inside the guest.
  const run = await call(page, 'Ecs', 'RunInstances', {
    RegionId: REGION, ZoneId: 'cn-hangzhou-h', ImageId: publicImage, InstanceType: 'ecs.g7.large', 'SystemDisk.Category': 'cloud_essd', 'SystemDisk.Size': 20,
  });
  const id = (run.InstanceIdSets as { InstanceIdSet: string[] }).InstanceIdSet[0];
  await expect.poll(() => instanceStatus(page, id), { timeout: 30_000 }).toBe('Running');
  const before = await systemDisk(page, id);
  expect(before.Encrypted).toBe(false);
  await expect.poll(() => consoleText(page, id), { timeout: 20_000 }).toMatch(/lab@\S*:~\$/);
  await guest(page, id, 'write keep.txt written before encryption', /written/);

  // Stop, image of the instance, an encrypted copy under a CMK (ECS's role authorized first).
  await call(page, 'Ecs', 'StopInstance', { RegionId: REGION, InstanceId: id });
  await expect.poll(() => instanceStatus(page, id), { timeout: 15_000 }).toBe('Stopped');
  const plainImage = (await call(page, 'Ecs', 'CreateImage', { RegionId: REGION, InstanceId: id, ImageName: 'before-encryption' })).ImageId as string;
  await expect.poll(() => imageStatus(page, plainImage), { timeout: 30_000 }).toBe('Available');
  const cmk = ((await call(page, 'Kms', 'CreateKey', { Description: 'system disk key' })).KeyMetadata as { KeyId: string }).KeyId;
  await call(page, 'Ram', 'CreateRole', {
    RoleName: 'AliyunECSDiskEncryptDefaultRole',
    AssumeRolePolicyDocument: JSON.stringify({ Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: ['ecs.aliyuncs.com'] } }], Version: '1' }),
  });
  await call(page, 'Ram', 'AttachPolicyToRole', { PolicyType: 'System', PolicyName: 'AliyunECSDiskEncryptRolePolicy', RoleName: 'AliyunECSDiskEncryptDefaultRole' });
  const encryptedImage = (await call(page, 'Ecs', 'CopyImage', { RegionId: REGION, ImageId: plainImage, DestinationRegionId: REGION, Encrypted: true, KMSKeyId: cmk, DestinationImageName: 'encrypted' })).ImageId as string;
  await expect.poll(() => imageStatus(page, encryptedImage), { timeout: 60_000 }).toBe('Available');

  // ReplaceSystemDisk with the encrypted image: a new system disk under the CMK, the old one released.
  const replaced = await call(page, 'Ecs', 'ReplaceSystemDisk', { RegionId: REGION, InstanceId: id, ImageId: encryptedImage, Encrypted: true, KMSKeyId: cmk });
  const newDiskId = replaced.DiskId as string;
  expect(newDiskId).not.toBe(before.DiskId);
  await expect.poll(async () => (await systemDisk(page, id))?.DiskId, { timeout: 60_000 }).toBe(newDiskId);
  await expect.poll(async () => {
    const r = await call(page, 'Ecs', 'DescribeDisks', { RegionId: REGION, DiskIds: [newDiskId] });
    return (r.Disks as { Disk: { Status: string }[] }).Disk[0]?.Status;
  }, { timeout: 60_000 }).toBe('In_use');
  expect(await systemDisk(page, id)).toMatchObject({ DiskId: newDiskId, Encrypted: true, KMSKeyId: cmk });
  const old = await call(page, 'Ecs', 'DescribeDisks', { RegionId: REGION, DiskIds: [before.DiskId] });
  expect(old.TotalCount).toBe(0);

  // The new disk's stored bytes are ciphertext; the guest view is LabOS's boot sector.
  const physical = Buffer.from((await call(page, 'Lab', 'ReadDiskSectors', { DiskId: newDiskId, Sector: 0, Count: 1, View: 'Physical' })).DataBase64 as string, 'base64');
  const plain = Buffer.from((await call(page, 'Lab', 'ReadDiskSectors', { DiskId: newDiskId, Sector: 0, Count: 1, View: 'Guest' })).DataBase64 as string, 'base64');
  expect(plain.readUInt16LE(510)).toBe(0xaa55);
  expect(physical.equals(plain)).toBe(false);

  // Start: the guest boots from the encrypted disk (its key fetched from the KMS), and the file is there.
  await call(page, 'Ecs', 'StartInstance', { RegionId: REGION, InstanceId: id });
  await page.goto(`./#/ecs/instances/${id}/console`);
  const screen = page.getByTestId('vnc-screen');
  await expect(screen).toContainText(/lab@\S*:~\$/, { timeout: 20_000 });
  await expect(page.getByTestId('hypervisor-events').locator('[data-kind="key-fetched"]').first()).toContainText(cmk);
  await screen.focus();
  await page.keyboard.type('cat keep.txt', { delay: 15 });
  await page.keyboard.press('Enter');
  await expect(screen).toContainText('written before encryption');
  await expect.poll(() => instanceStatus(page, id), { timeout: 15_000 }).toBe('Running');
  await call(page, 'Ecs', 'DeleteInstance', { RegionId: REGION, InstanceId: id, Force: true });
});
