// Sharing an image with the lab's second account (issue 5 item 7), the describe actions' filters and
// paging (§2.8), lifecycle (modify, delete), the catalogue actions, keyDependents (the KMS console's
// "what depends on this key"), and background failures marking their resource failed.
import { beforeEach, describe, expect, it } from 'vitest';
import { createEcsLab, MAIN, PARTNER, ZONE, type EcsLab } from '../../support/ecs-harness';
import { rejectionOf } from '../../support/kms-harness';

let lab: EcsLab;
beforeEach(async () => { lab = await createEcsLab(); });

const essd = { ZoneId: ZONE, DiskCategory: 'cloud_essd', Size: 20 };
type Images = { Image: Record<string, unknown>[] };

async function encryptedImage(cmk: string) {
  const disk = (await lab.ecsCall('CreateDisk', { ...essd, Encrypted: true, KMSKeyId: cmk })).DiskId as string;
  await lab.writeSectors(disk, 0, new Uint8Array(1024).fill(0x5a));
  const snap = (await lab.ecsCall('CreateSnapshot', { DiskId: disk })).SnapshotId as string;
  await lab.settle();
  const image = (await lab.ecsCall('CreateImage', { SnapshotId: snap, ImageName: 'shared-image' })).ImageId as string;
  await lab.settle();
  return { disk, snap, image };
}

describe('sharing an image with the second account', () => {
  it('the partner sees only the shared image (ImageOwnerAlias others), nothing else of the owner; unsharing hides it again', async () => {
    const cmk = await lab.newKey();
    await lab.authorize();
    const { disk, snap, image } = await encryptedImage(cmk);
    await lab.ecsCall('ModifyImageSharePermission', { ImageId: image, AddAccount: [PARTNER] });
    const perms = await lab.ecsCall('DescribeImageSharePermission', { ImageId: image });
    expect(perms.Accounts).toEqual({ Account: [{ AliyunId: PARTNER }] });
    expect(((await lab.ecsCall('DescribeImages', { ImageId: image })).Images as Images).Image[0]).toMatchObject({ ImageOwnerAlias: 'self', IsSelfShared: 'True' });

    await lab.switchTo(PARTNER);
    const seen = ((await lab.ecsCall('DescribeImages', { ImageOwnerAlias: 'others' })).Images as Images).Image;
    expect(seen.map((i) => i.ImageId)).toEqual([image]);
    expect(seen[0]).toMatchObject({ ImageOwnerAlias: 'others', ImageOwnerId: MAIN, Encrypted: true });
    expect(((await lab.ecsCall('DescribeDisks')).Disks as { Disk: unknown[] }).Disk).toEqual([]);
    expect(((await lab.ecsCall('DescribeSnapshots')).Snapshots as { Snapshot: unknown[] }).Snapshot).toEqual([]);
    expect((await rejectionOf(lab.ecsCall('DeleteImage', { ImageId: image }))).Code).toBe('InvalidImageId.NotFound');
    expect((await rejectionOf(lab.ecsCall('DescribeImageSharePermission', { ImageId: image }))).Code).toBe('InvalidImageId.NotFound');
    expect((await rejectionOf(lab.ecsCall('CreateSnapshot', { DiskId: disk }))).Code).toBe('InvalidDiskId.NotFound');

    // CopyImage of a shared encrypted image: the sharee's own key, Encrypted=true (NOTICE-2024).
    const mismatch = await rejectionOf(lab.ecsCall('CopyImage', { ImageId: image, DestinationRegionId: 'cn-hangzhou' }));
    expect([mismatch.Code, mismatch.HttpStatus]).toEqual(['InvalidParam.EncryptedMismatch', 400]);
    const start = (await lab.audit.list()).length;
    const copy = (await lab.ecsCall('CopyImage', { ImageId: image, DestinationRegionId: 'cn-hangzhou', Encrypted: true })).ImageId as string;
    await lab.settle();
    const mine = ((await lab.ecsCall('DescribeImages', { ImageId: copy })).Images as Images).Image[0];
    const partnerServiceKey = ((await lab.kmsCall('DescribeKey', { KeyId: 'alias/acs/ecs' })).KeyMetadata as { KeyId: string }).KeyId;
    expect(mine).toMatchObject({ ImageOwnerAlias: 'self', Encrypted: true, KMSKeyId: partnerServiceKey, Status: 'Available' });
    // The owner's data key was unwrapped in the owner's account by the owner's ECS role.
    const decrypts = (await lab.audit.list()).slice(start).filter((r) => r.product === 'Kms' && r.action === 'Decrypt');
    expect(decrypts.find((r) => r.keyId === cmk)).toMatchObject({ accountId: MAIN, caller: { type: 'assumed-role', accountId: MAIN } });
    const snapOfCopy = (mine.DiskDeviceMappings as { DiskDeviceMapping: { SnapshotId: string }[] }).DiskDeviceMapping[0].SnapshotId;
    const partnerDisk = (await lab.ecsCall('CreateDisk', { ...essd, SnapshotId: snapOfCopy, Encrypted: true })).DiskId as string;
    expect(Buffer.from(await lab.readSectors(partnerDisk, 0, 2, 'Guest'))).toEqual(Buffer.alloc(1024, 0x5a));

    await lab.switchTo(MAIN);
    expect(snap).toMatch(/^s-/);
    await lab.ecsCall('ModifyImageSharePermission', { ImageId: image, RemoveAccount: [PARTNER] });
    await lab.switchTo(PARTNER);
    expect(((await lab.ecsCall('DescribeImages', { ImageOwnerAlias: 'others' })).Images as Images).Image).toEqual([]);
  });
});

describe('describe filters, paging, lifecycle', () => {
  it('DescribeDisks filters by Encrypted, KMSKeyId, DiskType, InstanceId, DiskIds and pages', async () => {
    const cmk = await lab.newKey();
    await lab.authorize();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await lab.ecsCall('CreateDisk', essd)).DiskId as string);
    const enc = (await lab.ecsCall('CreateDisk', { ...essd, Encrypted: true, KMSKeyId: cmk, DiskName: 'secret', Tag: [{ Key: 'env', Value: 'lab' }] })).DiskId as string;
    const list = async (p: Record<string, unknown>) => ((await lab.ecsCall('DescribeDisks', p)).Disks as { Disk: { DiskId: string }[] }).Disk.map((d) => d.DiskId);
    expect(await list({ Encrypted: true })).toEqual([enc]);
    expect(await list({ Encrypted: false })).toEqual(ids);
    expect(await list({ KMSKeyId: cmk })).toEqual([enc]);
    expect(await list({ DiskType: 'system' })).toEqual([]);
    expect(await list({ DiskType: 'data', InstanceId: '' })).toHaveLength(4);
    expect(await list({ DiskIds: JSON.stringify([ids[1], enc]) })).toEqual([ids[1], enc]);
    expect(await list({ Tag: [{ Key: 'env', Value: 'lab' }] })).toEqual([enc]);
    const paged = await lab.ecsCall('DescribeDisks', { PageSize: 3, PageNumber: 2 });
    expect(paged).toMatchObject({ TotalCount: 4, PageNumber: 2, PageSize: 3 });
    expect((paged.Disks as { Disk: unknown[] }).Disk).toHaveLength(1);
    expect((await rejectionOf(lab.ecsCall('DescribeDisks', { DiskIds: 'not json' }))).Code).toBe('InvalidParameter');
  });

  it('ModifyDiskAttribute renames; DeleteDisk frees its storage; DeleteImage removes the snapshot a copy made for it', async () => {
    const disk = (await lab.ecsCall('CreateDisk', essd)).DiskId as string;
    await lab.ecsCall('ModifyDiskAttribute', { DiskId: disk, DiskName: 'renamed', Description: 'a lab disk' });
    expect(await lab.disk(disk)).toMatchObject({ DiskName: 'renamed', Description: 'a lab disk', Encrypted: false });
    await lab.writeSectors(disk, 0, new Uint8Array(512).fill(1));
    const snap = (await lab.ecsCall('CreateSnapshot', { DiskId: disk })).SnapshotId as string;
    await lab.settle();
    const image = (await lab.ecsCall('CreateImage', { SnapshotId: snap })).ImageId as string;
    await lab.settle();
    const copy = (await lab.ecsCall('CopyImage', { ImageId: image, DestinationRegionId: 'cn-hangzhou', Encrypted: true })).ImageId as string;
    await lab.settle();
    const copySnap = (await lab.ecsStore.listSnapshots()).find((s) => s.ownerImageId === copy)!;
    await lab.ecsCall('DeleteImage', { ImageId: copy });
    expect(await lab.ecsStore.getSnapshot(copySnap.SnapshotId)).toBeUndefined();
    expect(await lab.disks.getSnapshot(copySnap.storageSnapshotId)).toBeUndefined();
    await lab.ecsCall('DeleteImage', { ImageId: image });
    expect((await lab.snapshot(snap)).Usage).toBe('none');
    await lab.ecsCall('DeleteSnapshot', { SnapshotId: snap });
    const storage = (await lab.ecsStore.getDisk(disk))!.storageDiskId;
    await lab.ecsCall('DeleteDisk', { DiskId: disk });
    expect(await lab.disks.getDisk(storage)).toBeUndefined();
    expect(lab.diskStore.dump().chunks).toEqual([]);
    expect((await rejectionOf(lab.ecsCall('DeleteDisk', { DiskId: disk }))).Code).toBe('InvalidDiskId.NotFound');
  });

  it('the catalogue actions: regions (with their encryption limits), zones, instance types', async () => {
    const regions = ((await lab.ecsCall('DescribeRegions', { AcceptLanguage: 'ja' })).Regions as { Region: Record<string, unknown>[] }).Region;
    expect(regions.find((r) => r.RegionId === 'cn-nanjing')).toMatchObject({ EncryptionSupported: false });
    expect(regions.find((r) => r.RegionId === 'cn-fuzhou')).toMatchObject({ EncryptionSupported: true, CmkSupported: false });
    expect(regions.find((r) => r.RegionId === 'ap-northeast-1')!.LocalName).toBe('日本 (東京)');
    const zones = ((await lab.ecsCall('DescribeZones')).Zones as { Zone: { ZoneId: string }[] }).Zone.map((z) => z.ZoneId);
    expect(zones).toContain('cn-hangzhou-h');
    const types = ((await lab.ecsCall('DescribeInstanceTypes', { InstanceTypeFamily: 'ecs.ebmg5' })).InstanceTypes as { InstanceType: { InstanceTypeId: string }[] }).InstanceType;
    expect(types.map((t) => t.InstanceTypeId)).toEqual(['ecs.ebmg5.24xlarge']);
  });
});

describe('keyDependents and background failures', () => {
  it('lists every disk, snapshot and image under a key (and the defaults naming it)', async () => {
    const cmk = await lab.newKey();
    await lab.authorize();
    const { disk, snap, image } = await encryptedImage(cmk);
    await lab.ecsCall('ModifyDiskDefaultKMSKeyId', { KMSKeyId: cmk });
    await lab.ecsCall('CreateDisk', essd);
    const deps = await lab.ecs.keyDependents(cmk);
    expect(deps.Disks.map((d) => d.DiskId)).toEqual([disk]);
    expect(deps.Snapshots.map((s) => s.SnapshotId)).toEqual([snap]);
    expect(deps.Images.map((i) => i.ImageId)).toEqual([image]);
    expect(deps.DefaultFor).toEqual([{ accountId: MAIN, RegionId: 'cn-hangzhou' }]);
    expect(deps.total).toBe(3);
    expect((await lab.ecs.keyDependents(await lab.newKey())).total).toBe(0);
  });

  it('a re-encrypting copy whose source key is disabled before it runs fails: the snapshot is marked failed, nothing half-made remains', async () => {
    const cmk = await lab.newKey();
    await lab.authorize();
    const disk = (await lab.ecsCall('CreateDisk', { ...essd, Encrypted: true, KMSKeyId: cmk })).DiskId as string;
    await lab.writeSectors(disk, 0, new Uint8Array(512).fill(3));
    const snap = (await lab.ecsCall('CreateSnapshot', { DiskId: disk })).SnapshotId as string;
    await lab.settle();
    const other = await lab.newKey();
    const storageBefore = lab.diskStore.dump();
    lab.ecs.jobs.pause();
    // A new key: the source must be decrypted in the background, under a key disabled meanwhile.
    const copy = (await lab.ecsCall('CopySnapshot', { SnapshotId: snap, DestinationRegionId: 'cn-hangzhou', Encrypted: true, KMSKeyId: other })).SnapshotId as string;
    await lab.kmsCall('DisableKey', { KeyId: cmk });
    lab.ecs.jobs.resume();
    await lab.settle();
    expect((await lab.snapshot(copy)).Status).toBe('failed');
    expect(lab.ecs.jobs.failures.map((x) => (x.error as { code?: string }).code)).toEqual(['InvalidParameter.KMSKeyId.CMKNotEnabled']);
    const after = lab.diskStore.dump();
    expect(after.disks).toEqual(storageBefore.disks);
    expect(after.snapshots).toEqual(storageBefore.snapshots);
  });
});

describe('DescribePrice and the default key actions', () => {
  it('an encrypted disk costs exactly what an unencrypted one does (illustrative prices)', async () => {
    const ask = async (encrypted: boolean) => (await lab.ecsCall('DescribePrice', {
      ResourceType: 'disk', 'DataDisk.1.Category': 'cloud_essd', 'DataDisk.1.Size': 100, 'DataDisk.1.PerformanceLevel': 'PL1', 'DataDisk.1.Encrypted': encrypted,
    })).PriceInfo as { Price: { TradePrice: number }; Notes: { EncryptionCost: number; KmsKeyUseCost: number } };
    const [plain, encrypted] = [await ask(false), await ask(true)];
    expect(encrypted.Price.TradePrice).toBe(plain.Price.TradePrice);
    expect(plain.Price.TradePrice).toBeGreaterThan(0);
    expect([encrypted.Notes.EncryptionCost, encrypted.Notes.KmsKeyUseCost]).toEqual([0, 0]);
    expect((await rejectionOf(lab.ecsCall('DescribePrice', { 'DataDisk.1.Category': 'cloud', 'DataDisk.1.Size': 3000 }))).Code).toBe('InvalidDiskSize.NotSupported');
  });

  it('Describe/Modify/ResetDiskDefaultKMSKeyId: the service key until a CMK is set, and again after Reset', async () => {
    const serviceKey = (await lab.ecsCall('DescribeDiskDefaultKMSKeyId')).KMSKeyId;
    expect(((await lab.kmsCall('DescribeKey', { KeyId: 'alias/acs/ecs' })).KeyMetadata as { KeyId: string }).KeyId).toBe(serviceKey);
    expect((await lab.ecsCall('DescribeDiskEncryptionByDefaultStatus')).Encrypted).toBe(false);
    const cmk = await lab.newKey();
    await lab.authorize();
    expect((await lab.ecsCall('ModifyDiskDefaultKMSKeyId', { KMSKeyId: cmk })).KMSKeyId).toBe(cmk);
    expect((await lab.ecsCall('DescribeDiskDefaultKMSKeyId')).KMSKeyId).toBe(cmk);
    expect((await lab.ecsCall('ResetDiskDefaultKMSKeyId')).KMSKeyId).toBe(serviceKey);
    expect((await lab.ecsCall('DescribeDiskDefaultKMSKeyId')).KMSKeyId).toBe(serviceKey);
    // Per region: Shanghai's default is its own service key.
    const shanghai = (await lab.router.call('Ecs', 'DescribeDiskDefaultKMSKeyId', { RegionId: 'cn-shanghai' })).KMSKeyId;
    expect(shanghai).not.toBe(serviceKey);
  });
});
