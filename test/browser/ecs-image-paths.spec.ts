// Issue 5 in the real app (IndexedDB + crypto workers, through window.aliyunLab): the second
// conversion path — CreateImage → CopyImage Encrypted under a CMK → a disk from the encrypted image
// reads back the same bytes with different stored bytes — and sharing that image with the lab's
// second account, which then sees it as "others" and nothing else of the first account.
import { expect, test } from '@playwright/test';
import { call, openApp, settledDisk } from '../support/lab-page';

const ZONE = 'cn-hangzhou-h';
const SECTOR_TEXT = 'conversion path two: plain image to encrypted image '.repeat(10).slice(0, 512);
const b64 = (s: string) => Buffer.from(s.padEnd(512, '.')).toString('base64');

async function settledImage(page: import('@playwright/test').Page, imageId: string): Promise<Record<string, unknown>> {
  let image: Record<string, unknown> = {};
  await expect.poll(async () => {
    const r = await call(page, 'Ecs', 'DescribeImages', { ImageId: imageId, Status: 'Creating,Available,CreateFailed' });
    image = (r.Images as { Image: Record<string, unknown>[] }).Image[0];
    return image?.Status;
  }, { timeout: 30_000 }).toBe('Available');
  return image;
}

async function settledSnapshotDone(page: import('@playwright/test').Page, snapshotId: string) {
  await expect.poll(async () => {
    const r = await call(page, 'Ecs', 'DescribeSnapshots', { SnapshotIds: [snapshotId] });
    return (r.Snapshots as { Snapshot: { Status: string }[] }).Snapshot[0]?.Status;
  }, { timeout: 30_000 }).toBe('accomplished');
}

test('CopyImage Encrypted under a CMK, a disk from it reads the same plaintext over different stored bytes; the shared image is all the partner sees', async ({ page }) => {
  await openApp(page);
  await call(page, 'Lab', 'Reset');
  const { Accounts } = await call(page, 'Lab', 'ListAccounts') as unknown as { Accounts: { AccountId: string; Current: boolean }[] };
  const [main, partner] = Accounts;

  const plain = (await call(page, 'Ecs', 'CreateDisk', { ZoneId: ZONE, DiskCategory: 'cloud_essd', Size: 20 })).DiskId as string;
  await call(page, 'Lab', 'WriteDiskSectors', { DiskId: plain, Sector: 2048, DataBase64: b64(SECTOR_TEXT) });
  const snap = (await call(page, 'Ecs', 'CreateSnapshot', { DiskId: plain })).SnapshotId as string;
  await settledSnapshotDone(page, snap);
  const image = (await call(page, 'Ecs', 'CreateImage', { SnapshotId: snap, ImageName: 'plain-image' })).ImageId as string;
  await settledImage(page, image);

  const cmk = ((await call(page, 'Kms', 'CreateKey', { Description: 'image key' })).KeyMetadata as { KeyId: string }).KeyId;
  // A CMK needs the ECS service role (the console's authorize step does the same calls).
  await call(page, 'Ram', 'CreateRole', {
    RoleName: 'AliyunECSDiskEncryptDefaultRole',
    AssumeRolePolicyDocument: JSON.stringify({ Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: ['ecs.aliyuncs.com'] } }], Version: '1' }),
  });
  await call(page, 'Ram', 'AttachPolicyToRole', { PolicyType: 'System', PolicyName: 'AliyunECSDiskEncryptRolePolicy', RoleName: 'AliyunECSDiskEncryptDefaultRole' });
  const encrypted = (await call(page, 'Ecs', 'CopyImage', { ImageId: image, DestinationRegionId: 'cn-hangzhou', Encrypted: true, KMSKeyId: cmk })).ImageId as string;
  const ready = await settledImage(page, encrypted);
  expect(ready).toMatchObject({ Encrypted: true, KMSKeyId: cmk });
  const imageSnap = (ready.DiskDeviceMappings as { DiskDeviceMapping: { SnapshotId: string }[] }).DiskDeviceMapping[0].SnapshotId;
  const disk = (await call(page, 'Ecs', 'CreateDisk', { ZoneId: ZONE, DiskCategory: 'cloud_essd', SnapshotId: imageSnap, Encrypted: true })).DiskId as string;
  expect(await settledDisk(page, disk)).toMatchObject({ Encrypted: true, KMSKeyId: cmk });

  const read = async (diskId: string, view: string) => Buffer.from((await call(page, 'Lab', 'ReadDiskSectors', { DiskId: diskId, Sector: 2048, Count: 1, View: view })).DataBase64 as string, 'base64');
  expect((await read(disk, 'Guest')).toString()).toBe((await read(plain, 'Guest')).toString());
  expect((await read(disk, 'Guest')).toString()).toContain('conversion path two');
  expect((await read(disk, 'Physical')).toString()).not.toContain('conversion path two');
  expect((await read(plain, 'Physical')).toString()).toContain('conversion path two'); // the original stays plain

  await call(page, 'Ecs', 'ModifyImageSharePermission', { ImageId: encrypted, AddAccount: [partner.AccountId] });
  await call(page, 'Lab', 'SwitchAccount', { AccountId: partner.AccountId });
  const others = (await call(page, 'Ecs', 'DescribeImages', { ImageOwnerAlias: 'others' })).Images as { Image: Record<string, unknown>[] };
  expect(others.Image.map((i) => i.ImageId)).toEqual([encrypted]);
  expect(others.Image[0]).toMatchObject({ ImageOwnerAlias: 'others', Encrypted: true });
  expect(((await call(page, 'Ecs', 'DescribeDisks')).Disks as { Disk: unknown[] }).Disk).toEqual([]);
  expect(((await call(page, 'Ecs', 'DescribeSnapshots')).Snapshots as { Snapshot: unknown[] }).Snapshot).toEqual([]);
  await call(page, 'Lab', 'SwitchAccount', { AccountId: main.AccountId });
});
