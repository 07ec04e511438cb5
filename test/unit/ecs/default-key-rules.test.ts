// Which key a new encrypted disk gets (product.md "Creating encrypted disks"; cloud-api.md §2.2–2.3,
// §2.9; issue 5 item 4): snapshot's key, sharee's own key for shared images, account default key,
// service key — and a user-chosen key in each case. Every rule error leaves every store unchanged.
import { beforeEach, describe, expect, it } from 'vitest';
import { createEcsLab, PARTNER, ZONE, type EcsLab } from '../../support/ecs-harness';
import { rejectionOf } from '../../support/kms-harness';

let lab: EcsLab;
beforeEach(async () => { lab = await createEcsLab(); });

const essd = { ZoneId: ZONE, DiskCategory: 'cloud_essd', Size: 20 };

async function serviceKeyId(): Promise<string> {
  const r = await lab.kmsCall('DescribeKey', { KeyId: 'alias/acs/ecs' });
  return (r.KeyMetadata as { KeyId: string }).KeyId;
}

async function newDisk(params: Record<string, unknown> = {}) {
  return (await lab.ecsCall('CreateDisk', { ...essd, ...params })).DiskId as string;
}

async function snapshotOf(diskId: string) {
  const id = (await lab.ecsCall('CreateSnapshot', { DiskId: diskId })).SnapshotId as string;
  await lab.settle();
  return id;
}

async function expectRefused(promise: Promise<unknown>, code: string, status: number, before: string) {
  const error = await rejectionOf(promise);
  expect([error.Code, error.HttpStatus]).toEqual([code, status]);
  await lab.settle();
  expect(lab.snapshotState()).toBe(before);
}

describe('default key rules', () => {
  it('an encrypted empty disk with no key gets the service key alias/acs/ecs, created on first use, shown as KMSKeyId', async () => {
    const diskId = await newDisk({ Encrypted: true });
    const disk = await lab.disk(diskId);
    expect(disk).toMatchObject({ Encrypted: true, Status: 'Available', KMSKeyId: await serviceKeyId() });
  });

  it('an unencrypted disk by default; KMSKeyId of a chosen CMK once the role is there', async () => {
    expect(await lab.disk(await newDisk())).toMatchObject({ Encrypted: false, KMSKeyId: '' });
    const cmk = await lab.newKey();
    await lab.authorize();
    expect(await lab.disk(await newDisk({ Encrypted: true, KMSKeyId: cmk }))).toMatchObject({ Encrypted: true, KMSKeyId: cmk });
  });

  it('from an own encrypted snapshot the disk keeps the snapshot key and shares its lineage (no copy)', async () => {
    const cmk = await lab.newKey();
    await lab.authorize();
    const source = await newDisk({ Encrypted: true, KMSKeyId: cmk });
    const snap = await snapshotOf(source);
    const diskId = await newDisk({ SnapshotId: snap, Encrypted: true });
    expect(await lab.disk(diskId)).toMatchObject({ Encrypted: true, KMSKeyId: cmk, Status: 'Available', SourceSnapshotId: snap });
    const [a, b] = [await lab.ecsStore.getDisk(source), await lab.ecsStore.getDisk(diskId)];
    expect(b!.key).toEqual(a!.key);
  });

  it('from an own encrypted snapshot another key may be chosen: a new data key, new lineage, Creating then Available', async () => {
    const source = await newDisk({ Encrypted: true });
    const snap = await snapshotOf(source);
    const cmk = await lab.newKey();
    await lab.authorize();
    lab.ecs.jobs.pause();
    const diskId = await newDisk({ SnapshotId: snap, Encrypted: true, KMSKeyId: cmk });
    expect((await lab.disk(diskId)).Status).toBe('Creating');
    lab.ecs.jobs.resume();
    await lab.settle();
    expect(await lab.disk(diskId)).toMatchObject({ Status: 'Available', KMSKeyId: cmk });
    const [a, b] = [await lab.ecsStore.getDisk(source), await lab.ecsStore.getDisk(diskId)];
    expect(b!.key!.lineageId).not.toBe(a!.key!.lineageId);
    expect(b!.key!.CiphertextBlob).not.toBe(a!.key!.CiphertextBlob);
  });

  it('with account-level default encryption on: the account default key (service key, or the key set by ModifyDiskDefaultKMSKeyId)', async () => {
    await lab.ecsCall('EnableDiskEncryptionByDefault');
    expect(await lab.disk(await newDisk())).toMatchObject({ Encrypted: true, KMSKeyId: await serviceKeyId() });
    const cmk = await lab.newKey();
    await lab.authorize();
    await lab.ecsCall('ModifyDiskDefaultKMSKeyId', { KMSKeyId: cmk });
    expect(await lab.disk(await newDisk())).toMatchObject({ Encrypted: true, KMSKeyId: cmk });
    expect(await lab.disk(await newDisk({ Encrypted: true }))).toMatchObject({ KMSKeyId: cmk });
    const other = await lab.newKey();
    expect(await lab.disk(await newDisk({ Encrypted: true, KMSKeyId: other }))).toMatchObject({ KMSKeyId: other });
  });

  it('from an own encrypted snapshot the snapshot key wins over the account default key', async () => {
    const source = await newDisk({ Encrypted: true });
    const snap = await snapshotOf(source);
    const cmk = await lab.newKey();
    await lab.authorize();
    await lab.ecsCall('EnableDiskEncryptionByDefault');
    await lab.ecsCall('ModifyDiskDefaultKMSKeyId', { KMSKeyId: cmk });
    expect(await lab.disk(await newDisk({ SnapshotId: snap }))).toMatchObject({ KMSKeyId: await serviceKeyId() });
  });

  it('from a shared encrypted image\'s snapshot: Encrypted=true required, the sharee\'s service key by default, or its own CMK', async () => {
    const cmk = await lab.newKey();
    await lab.authorize();
    const snap = await snapshotOf(await newDisk({ Encrypted: true, KMSKeyId: cmk }));
    const imageId = (await lab.ecsCall('CreateImage', { SnapshotId: snap })).ImageId as string;
    await lab.settle();
    await lab.ecsCall('ModifyImageSharePermission', { ImageId: imageId, AddAccount: [PARTNER] });
    await lab.switchTo(PARTNER);
    let before = lab.snapshotState();
    await expectRefused(lab.ecsCall('CreateDisk', { ...essd, SnapshotId: snap }), 'InvalidParam.EncryptedMismatch', 400, before);
    await expectRefused(lab.ecsCall('CreateDisk', { ...essd, SnapshotId: snap, Encrypted: true, KMSKeyId: cmk }), 'InvalidParam.EncryptedMismatch', 400, before);
    const diskId = await newDisk({ SnapshotId: snap, Encrypted: true });
    await lab.settle();
    expect(await lab.disk(diskId)).toMatchObject({ Encrypted: true, Status: 'Available', KMSKeyId: await serviceKeyId() });
    const own = await lab.newKey();
    await lab.authorize();
    before = lab.snapshotState();
    const second = await newDisk({ SnapshotId: snap, Encrypted: true, KMSKeyId: own });
    await lab.settle();
    expect(await lab.disk(second)).toMatchObject({ KMSKeyId: own, Status: 'Available' });
    expect(before).not.toBe(lab.snapshotState());
  });
});

describe('encryption rule errors change nothing', () => {
  it('KMSKeyId without Encrypted=true → InvalidParameter.EncryptedIllegal (400)', async () => {
    const cmk = await lab.newKey();
    await lab.authorize();
    await expectRefused(lab.ecsCall('CreateDisk', { ...essd, KMSKeyId: cmk }), 'InvalidParameter.EncryptedIllegal', 400, lab.snapshotState());
  });

  it('an unencrypted disk from an encrypted snapshot: Encrypted=false → InvalidParameter.Encrypted (400), omitted → InvalidEncrypted.NotMatchSnapshot (403)', async () => {
    const snap = await snapshotOf(await newDisk({ Encrypted: true }));
    const before = lab.snapshotState();
    await expectRefused(lab.ecsCall('CreateDisk', { ...essd, SnapshotId: snap, Encrypted: false }), 'InvalidParameter.Encrypted', 400, before);
    await expectRefused(lab.ecsCall('CreateDisk', { ...essd, SnapshotId: snap }), 'InvalidEncrypted.NotMatchSnapshot', 403, before);
  });

  it('default encryption on: Encrypted=false → InvalidEncrypted.NotMatchDiskDefaultEncryption (403); existing disks unchanged', async () => {
    const plain = await newDisk();
    await lab.ecsCall('EnableDiskEncryptionByDefault');
    await expectRefused(lab.ecsCall('CreateDisk', { ...essd, Encrypted: false }), 'InvalidEncrypted.NotMatchDiskDefaultEncryption', 403, lab.snapshotState());
    expect((await lab.disk(plain)).Encrypted).toBe(false);
    await lab.ecsCall('DisableDiskEncryptionByDefault');
    expect((await lab.disk(await newDisk({ Encrypted: false }))).Encrypted).toBe(false);
  });
});

describe('encryption can never be removed', () => {
  it('a snapshot of an encrypted disk is encrypted (progressing → accomplished); copies with Encrypted=false stay encrypted under the same key', async () => {
    const diskId = await newDisk({ Encrypted: true });
    lab.ecs.jobs.pause();
    const snap = (await lab.ecsCall('CreateSnapshot', { DiskId: diskId })).SnapshotId as string;
    expect(await lab.snapshot(snap)).toMatchObject({ Status: 'progressing', Progress: '0%', Encrypted: true });
    lab.ecs.jobs.resume();
    await lab.settle();
    expect(await lab.snapshot(snap)).toMatchObject({ Status: 'accomplished', Progress: '100%' });
    const copy = (await lab.ecsCall('CopySnapshot', { SnapshotId: snap, DestinationRegionId: 'cn-hangzhou', Encrypted: false })).SnapshotId as string;
    await lab.settle();
    const [s, c] = [await lab.ecsStore.getSnapshot(snap), await lab.ecsStore.getSnapshot(copy)];
    expect(c).toMatchObject({ Encrypted: true, Status: 'accomplished' });
    expect(c!.key).toEqual(s!.key);
    // No action takes encryption off a disk: ModifyDiskAttribute has no such parameter.
    const error = await rejectionOf(lab.ecsCall('ModifyDiskAttribute', { DiskId: diskId, Encrypted: false }));
    expect(error.Code).toBe('InvalidParameter');
    expect((await lab.disk(diskId)).Encrypted).toBe(true);
  });
});
