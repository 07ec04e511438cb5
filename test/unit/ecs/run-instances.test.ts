// RunInstances' checks (issue 6 item 1; cloud-api.md §2.3, §5): DryRun both ways, every block-storage
// rule for SystemDisk.* and DataDisk.N.*, the §5 limits (families, zones, ESSD series, regions), the
// size rules, the key rules from an encrypted image, and the shared-image rule from the second account.
// Every refusal leaves every store unchanged (one digest before and after).
import { beforeAll, describe, expect, it } from 'vitest';
import { MAIN, PARTNER, type EcsLab } from '../../support/ecs-harness';
import { rejectionOf } from '../../support/kms-harness';
import { disksOf, instanceLab, launch, run, statusOf } from './instance-helpers';

type Case = [name: string, params: Record<string, unknown>, code: string, status: number];

let lab: EcsLab;
let cmk: string;
let disabled: string;
let encryptedImage: string;
let plainImage: string;
let encSnap: string;

beforeAll(async () => {
  lab = await instanceLab();
  cmk = await lab.newKey();
  disabled = await lab.newKey();
  await lab.kmsCall('DisableKey', { KeyId: disabled });
  await lab.authorize();
  // An image made from an instance, then its encrypted copy under the CMK (the conversion path).
  const [source] = await run(lab);
  plainImage = (await lab.ecsCall('CreateImage', { InstanceId: source, ImageName: 'from-instance' })).ImageId as string;
  await lab.settle();
  encryptedImage = (await lab.ecsCall('CopyImage', { ImageId: plainImage, DestinationRegionId: 'cn-hangzhou', Encrypted: true, KMSKeyId: cmk })).ImageId as string;
  const encDisk = (await lab.ecsCall('CreateDisk', { ZoneId: launch.ZoneId, DiskCategory: 'cloud_essd', Size: 20, Encrypted: true, KMSKeyId: cmk })).DiskId as string;
  encSnap = (await lab.ecsCall('CreateSnapshot', { DiskId: encDisk })).SnapshotId as string;
  await lab.settle();
  for (const region of ['cn-hongkong', 'ap-southeast-1', 'cn-nanjing', 'ap-southeast-7']) await lab.router.call('Ecs', 'DescribeImages', { RegionId: region });
  // The service key exists before the digests are taken (a first use would make it).
  await lab.ecsCall('CreateDisk', { ZoneId: launch.ZoneId, DiskCategory: 'cloud_essd', Size: 20, Encrypted: true });
});

async function expectCases(cases: Case[], region?: string) {
  for (const [name, params, code, status] of cases) {
    const before = lab.snapshotState();
    const error = await rejectionOf(lab.router.call('Ecs', 'RunInstances', { ...launch, ...(region ? { RegionId: region } : {}), ...params }));
    expect([name, error.Code, error.HttpStatus]).toEqual([name, code, status]);
    expect(lab.snapshotState(), name).toBe(before);
  }
}

describe('DryRun', () => {
  it('a request that would succeed → DryRunOperation (400), nothing made (not even a service key in a fresh lab)', async () => {
    const fresh = await instanceLab(5);
    const before = fresh.snapshotState();
    for (const params of [{}, { 'SystemDisk.Encrypted': true }, { DataDisk: [{ Size: 20, Encrypted: true }], Amount: 3 }]) {
      const error = await rejectionOf(fresh.ecsCall('RunInstances', { ...launch, ...params, DryRun: true }));
      expect([error.Code, error.HttpStatus]).toEqual(['DryRunOperation', 400]);
      expect(fresh.snapshotState()).toBe(before);
    }
    await expectCases([['encrypted under a CMK', { 'SystemDisk.Encrypted': true, 'SystemDisk.KMSKeyId': cmk, DryRun: true }, 'DryRunOperation', 400]]);
  });

  it('a request that would fail → its real error, with DryRun too', async () => {
    await expectCases([
      ['a disabled key', { 'SystemDisk.Encrypted': true, 'SystemDisk.KMSKeyId': disabled, DryRun: true }, 'InvalidParameter.KMSKeyId.CMKNotEnabled', 403],
      ['an unknown type', { InstanceType: 'ecs.nothing.large', DryRun: true }, 'InvalidInstanceType.ValueNotSupported', 400],
      ['a family limit', { InstanceType: 'ecs.ebmg5.24xlarge', 'SystemDisk.Encrypted': true, DryRun: true }, 'InvalidInstanceType.NotSupportDiskCategory', 403],
    ]);
  });
});

describe('the block-storage rules for SystemDisk.* and DataDisk.N.*', () => {
  it('keys, categories, sizes, references', async () => {
    await expectCases([
      ['SystemDisk.KMSKeyId without Encrypted', { 'SystemDisk.KMSKeyId': cmk }, 'InvalidParameter.EncryptedIllegal', 400],
      ['a disabled system-disk key', { 'SystemDisk.Encrypted': true, 'SystemDisk.KMSKeyId': disabled }, 'InvalidParameter.KMSKeyId.CMKNotEnabled', 403],
      ['an unknown key', { 'SystemDisk.Encrypted': true, 'SystemDisk.KMSKeyId': '0b7e1c2a-1111-4222-8333-944455556666' }, 'InvalidParameter.KMSKeyId.NotFound', 404],
      ['a disabled data-disk key', { DataDisk: [{ Size: 20, Encrypted: true, KMSKeyId: disabled }] }, 'InvalidParameter.KMSKeyId.CMKNotEnabled', 403],
      ['DataDisk KMSKeyId without Encrypted', { DataDisk: [{ Size: 20, KMSKeyId: cmk }] }, 'InvalidParameter.EncryptedIllegal', 400],
      ['unencrypted data disk from an encrypted snapshot', { DataDisk: [{ SnapshotId: encSnap, Encrypted: false }] }, 'InvalidParameter.Encrypted', 400],
      ['Encrypted omitted from an encrypted snapshot', { DataDisk: [{ SnapshotId: encSnap }] }, 'InvalidEncrypted.NotMatchSnapshot', 403],
      ['an encrypted ultra data disk from a snapshot', { DataDisk: [{ SnapshotId: encSnap, Encrypted: true, Category: 'cloud_efficiency' }] }, 'NotSupportSnapshotEncrypted.DiskCategory', 403],
      ['a data disk without Size', { DataDisk: [{ Category: 'cloud_essd' }] }, 'MissingParameter', 400],
      ['an unknown data-disk category', { DataDisk: [{ Size: 20, Category: 'cloud_floppy' }] }, 'InvalidDiskCategory.ValueNotSupported', 400],
      ['a system disk smaller than the image', { 'SystemDisk.Size': 10 }, 'InvalidDiskSize.TooSmall', 403],
      ['a system disk above 2,048 GiB', { 'SystemDisk.Size': 3000 }, 'InvalidDiskSize.NotSupported', 400],
      ['a PL2 system disk below 461 GiB', { 'SystemDisk.PerformanceLevel': 'PL2', 'SystemDisk.Size': 100 }, 'InvalidDiskSize.TooSmall', 403],
      ['a category that cannot be a system disk', { 'SystemDisk.Category': 'cloud_regional_disk_auto' }, 'InvalidSystemDiskCategory.ValueNotSupported', 400],
      ['ESSD Entry system disk on ecs.g7', { 'SystemDisk.Category': 'cloud_essd_entry' }, 'InvalidInstanceType.NotSupportDiskCategory', 403],
      ['an unknown image', { ImageId: 'm-doesnotexist000000' }, 'InvalidImageId.NotFound', 404],
      ['an unknown zone', { ZoneId: 'cn-hangzhou-z' }, 'InvalidZoneId.NotFound', 404],
      ['a missing ImageId', { ImageId: undefined }, 'MissingParameter', 400],
      ['17 data disks', { DataDisk: Array.from({ length: 17 }, () => ({ Size: 20 })) }, 'InvalidParameter', 400],
    ]);
  });

  it('from an own encrypted image: Encrypted=false refused; omitted keeps the image\'s key; another key re-encrypts', async () => {
    await expectCases([['Encrypted=false from an encrypted image', { ImageId: encryptedImage, 'SystemDisk.Encrypted': false }, 'InvalidParameter.Encrypted', 400]]);
    const [kept] = await run(lab, { ImageId: encryptedImage });
    expect((await disksOf(lab, kept))[0]).toMatchObject({ Encrypted: true, KMSKeyId: cmk, ImageId: encryptedImage });
    const [serviceKeyed] = await run(lab, { ImageId: encryptedImage, 'SystemDisk.Encrypted': true, 'SystemDisk.KMSKeyId': 'alias/acs/ecs' });
    const disk = (await disksOf(lab, serviceKeyed))[0];
    expect(disk.Encrypted).toBe(true);
    expect(disk.KMSKeyId).not.toBe(cmk);
    expect(await statusOf(lab, serviceKeyed)).toBe('Running');
  });

  it('data disks from snapshots take the snapshot\'s size (§2.3: Size ignored) and key', async () => {
    const [id] = await run(lab, { DataDisk: [{ SnapshotId: encSnap, Encrypted: true, Size: 500 }] });
    expect((await disksOf(lab, id))[1]).toMatchObject({ Size: 20, Encrypted: true, KMSKeyId: cmk, SourceSnapshotId: encSnap, Status: 'In_use' });
  });
});

describe('limits of §5 at RunInstances', () => {
  it('the seven families refuse an encrypted system disk and an encrypted data disk from a snapshot; not an unencrypted one, nor an empty encrypted data disk', async () => {
    await expectCases([
      ['ecs.ebmg5 with an encrypted system disk', { InstanceType: 'ecs.ebmg5.24xlarge', 'SystemDisk.Encrypted': true }, 'InvalidInstanceType.NotSupportDiskCategory', 403],
      ['ecs.scch5 with an encrypted system disk from an encrypted image', { InstanceType: 'ecs.scch5.16xlarge', ImageId: encryptedImage }, 'InvalidInstanceType.NotSupportDiskCategory', 403],
      ['ecs.ebmhfg5 with an encrypted data disk from a snapshot', { InstanceType: 'ecs.ebmhfg5.2xlarge', DataDisk: [{ SnapshotId: encSnap, Encrypted: true }] }, 'InvalidInstanceType.NotSupportDiskCategory', 403],
    ]);
    const [id] = await run(lab, { InstanceType: 'ecs.ebmg5.24xlarge', DataDisk: [{ Size: 20, Encrypted: true }] });
    expect((await disksOf(lab, id)).map((d) => d.Encrypted)).toEqual([false, true]);
  });

  it('system-disk encryption at creation is refused in cn-hongkong-d and ap-southeast-1a (other zones work)', async () => {
    await expectCases([['cn-hongkong-d', { ZoneId: 'cn-hongkong-d', 'SystemDisk.Encrypted': true }, 'NotSupportSnapshotEncrypted.ZoneId', 400]], 'cn-hongkong');
    await expectCases([['ap-southeast-1a', { ZoneId: 'ap-southeast-1a', 'SystemDisk.Encrypted': true }, 'NotSupportSnapshotEncrypted.ZoneId', 400]], 'ap-southeast-1');
    const r = await lab.router.call('Ecs', 'RunInstances', { ...launch, RegionId: 'cn-hongkong', ZoneId: 'cn-hongkong-b', 'SystemDisk.Encrypted': true });
    expect((r.InstanceIdSets as { InstanceIdSet: string[] }).InstanceIdSet).toHaveLength(1);
    // An unencrypted system disk there is fine.
    await lab.router.call('Ecs', 'RunInstances', { ...launch, RegionId: 'cn-hongkong', ZoneId: 'cn-hongkong-d' });
    await lab.settle();
  });

  it('encrypted system disks only in the ESSD series', async () => {
    await expectCases([
      ['an encrypted ultra system disk', { 'SystemDisk.Category': 'cloud_efficiency', 'SystemDisk.Encrypted': true }, 'NotSupportSnapshotEncrypted.DiskCategory', 403],
      ['an encrypted standard SSD system disk', { 'SystemDisk.Category': 'cloud_ssd', 'SystemDisk.Encrypted': true }, 'NotSupportSnapshotEncrypted.DiskCategory', 403],
      ['an encrypted basic system disk', { 'SystemDisk.Category': 'cloud', 'SystemDisk.Encrypted': true }, 'NotSupportSnapshotEncrypted.DiskCategory', 403],
    ]);
    for (const category of ['cloud_auto', 'cloud_essd']) {
      const [id] = await run(lab, { 'SystemDisk.Category': category, 'SystemDisk.Encrypted': true });
      expect((await disksOf(lab, id))[0]).toMatchObject({ Category: category, Encrypted: true });
    }
    const [entry] = await run(lab, { InstanceType: 'ecs.u1-c1m2.large', 'SystemDisk.Category': 'cloud_essd_entry', 'SystemDisk.Encrypted': true });
    expect((await disksOf(lab, entry))[0]).toMatchObject({ Category: 'cloud_essd_entry', Encrypted: true });
    const [ultra] = await run(lab, { 'SystemDisk.Category': 'cloud_efficiency' });
    expect((await disksOf(lab, ultra))[0]).toMatchObject({ Category: 'cloud_efficiency', Encrypted: false });
  });

  it('regions: no encrypted disks in cn-nanjing; the service key only in ap-southeast-7', async () => {
    await expectCases([['cn-nanjing', { ZoneId: 'cn-nanjing-a', 'SystemDisk.Encrypted': true }, 'NotSupportSnapshotEncrypted.RegionId', 400]], 'cn-nanjing');
    await expectCases([['a CMK in ap-southeast-7', { ZoneId: 'ap-southeast-7a', 'SystemDisk.Encrypted': true, 'SystemDisk.KMSKeyId': cmk }, 'InvalidRegion.NotSupport', 403]], 'ap-southeast-7');
    const r = await lab.router.call('Ecs', 'RunInstances', { ...launch, RegionId: 'ap-southeast-7', ZoneId: 'ap-southeast-7a', 'SystemDisk.Encrypted': true });
    expect((r.InstanceIdSets as { InstanceIdSet: string[] }).InstanceIdSet).toHaveLength(1);
    await lab.settle();
  });

  it('account-level default encryption: Encrypted=false refused, omitted → encrypted', async () => {
    await lab.ecsCall('EnableDiskEncryptionByDefault');
    try {
      await expectCases([['unencrypted system disk', { 'SystemDisk.Encrypted': false }, 'InvalidEncrypted.NotMatchDiskDefaultEncryption', 403]]);
      const [id] = await run(lab);
      expect((await disksOf(lab, id))[0]).toMatchObject({ Encrypted: true });
    } finally {
      await lab.ecsCall('DisableDiskEncryptionByDefault');
    }
  });
});

describe('the shared-image rule (§2.3, NOTICE-2024)', () => {
  it('from the second account, a shared encrypted image needs Encrypted=true and the sharee\'s own key; then it runs', async () => {
    await lab.ecsCall('ModifyImageSharePermission', { ImageId: encryptedImage, AddAccount: [PARTNER] });
    await lab.switchTo(PARTNER);
    try {
      await expectCases([
        ['Encrypted omitted', { ImageId: encryptedImage }, 'InvalidParam.EncryptedMismatch', 400],
        ['Encrypted=false', { ImageId: encryptedImage, 'SystemDisk.Encrypted': false }, 'InvalidParam.EncryptedMismatch', 400],
        ['the owner\'s key', { ImageId: encryptedImage, 'SystemDisk.Encrypted': true, 'SystemDisk.KMSKeyId': cmk }, 'InvalidParam.EncryptedMismatch', 400],
      ]);
      const [id] = await run(lab, { ImageId: encryptedImage, 'SystemDisk.Encrypted': true });
      expect(await statusOf(lab, id)).toBe('Running');
      const system = (await disksOf(lab, id))[0];
      expect(system.Encrypted).toBe(true);
      expect(system.KMSKeyId).not.toBe(cmk);
      const mbr = await (lab.ecs.hypervisor.state(id) as { disks: { read(s: number, c: number): Promise<Uint8Array> }[] }).disks[0].read(0, 1);
      expect([mbr[510], mbr[511]]).toEqual([0x55, 0xaa]);
    } finally {
      await lab.switchTo(MAIN);
    }
  });
});
