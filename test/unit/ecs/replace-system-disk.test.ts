// The system-disk conversion path of the source document (product.md; cloud-api.md §2.6, §4 OOS
// EncryptSystemDisk): CreateImage from the instance → CopyImage Encrypted → ReplaceSystemDisk with the
// encrypted image. The guest's sectors are the same after (files kept), stored as ciphertext, under a
// new disk id; the old disk is released. Also ReplaceSystemDisk re-encrypting under another key.
import { beforeEach, describe, expect, it } from 'vitest';
import type { EcsLab } from '../../support/ecs-harness';
import { rejectionOf } from '../../support/kms-harness';
import { sha256 } from '../disks/helpers';
import { disksOf, hda, instanceLab, run, sector, statusOf } from './instance-helpers';

let lab: EcsLab;
let cmk: string;
beforeEach(async () => {
  lab = await instanceLab();
  cmk = await lab.newKey();
  await lab.authorize();
});

const SECTORS = 256;

async function guestSectors(id: string): Promise<string> {
  const port = hda(lab, id);
  return sha256(Buffer.concat([await port.read(0, SECTORS), await port.read(5000, 4)]));
}

async function stop(id: string) {
  await lab.ecsCall('StopInstance', { InstanceId: id });
  await lab.settle();
}

async function start(id: string) {
  await lab.ecsCall('StartInstance', { InstanceId: id });
  await lab.settle();
}

describe('ReplaceSystemDisk with an encrypted image made from the instance', () => {
  it('keeps the files (same sectors), a new encrypted disk id, the old disk released, ciphertext stored, the key fetched at boot', async () => {
    const [id] = await run(lab);
    for (let i = 0; i < 4; i++) await hda(lab, id).write(5000 + i, sector(`a file written by the guest, part ${i}`));
    const before = await guestSectors(id);
    const oldDisk = (await disksOf(lab, id))[0];
    expect(oldDisk.Encrypted).toBe(false);

    const image = (await lab.ecsCall('CreateImage', { InstanceId: id, ImageName: 'before-encryption' })).ImageId as string;
    await lab.settle();
    const images = (await lab.ecsCall('DescribeImages', { ImageId: image })).Images as { Image: Record<string, unknown>[] };
    expect(images.Image[0]).toMatchObject({ Status: 'Available', Encrypted: false, Size: 40 });
    const snapshots = (await lab.ecsCall('DescribeSnapshots', { DiskId: oldDisk.DiskId })).Snapshots as { Snapshot: Record<string, unknown>[] };
    expect(snapshots.Snapshot[0]).toMatchObject({ Status: 'accomplished', Usage: 'image', SourceDiskType: 'system' });

    const encrypted = (await lab.ecsCall('CopyImage', { ImageId: image, DestinationRegionId: 'cn-hangzhou', Encrypted: true, KMSKeyId: cmk })).ImageId as string;
    await lab.settle();
    await stop(id);
    const oldStorage = (await lab.ecsStore.getDisk(oldDisk.DiskId as string))!.storageDiskId;
    // Omitting Encrypted keeps the encrypted image's key (the OOS template passes none).
    const newDiskId = (await lab.ecsCall('ReplaceSystemDisk', { InstanceId: id, ImageId: encrypted })).DiskId as string;
    expect(newDiskId).not.toBe(oldDisk.DiskId);
    expect(await lab.ecsStore.getDisk(oldDisk.DiskId as string)).toBeUndefined();
    expect(await lab.disks.getDisk(oldStorage)).toBeUndefined();
    const disks = await disksOf(lab, id);
    expect(disks).toHaveLength(1);
    expect(disks[0]).toMatchObject({ DiskId: newDiskId, Type: 'system', Device: '/dev/xvda', Encrypted: true, KMSKeyId: cmk, ImageId: encrypted, Status: 'In_use' });
    expect((await lab.ecsStore.getInstance(id))?.ImageId).toBe(encrypted);

    await start(id);
    expect(await statusOf(lab, id)).toBe('Running');
    expect(await guestSectors(id)).toBe(before);
    expect(lab.ecs.hypervisor.events(id).filter((e) => e.kind === 'key-fetched').at(-1)).toMatchObject({ keyId: cmk, diskId: newDiskId });
    // Stored as ciphertext: the physical view of the boot sector is not the guest's.
    await stop(id);
    const physical = await lab.readSectors(newDiskId, 0, 1, 'Physical');
    const guest = await lab.readSectors(newDiskId, 0, 1, 'Guest');
    expect([guest[510], guest[511]]).toEqual([0x55, 0xaa]);
    expect(sha256(physical)).not.toBe(sha256(guest));
  });

  it('under another key: the new disk is Creating while it is re-encrypted (StartInstance refused meanwhile), then boots with the same sectors', async () => {
    const [id] = await run(lab, { 'SystemDisk.Encrypted': true, 'SystemDisk.KMSKeyId': cmk });
    await hda(lab, id).write(5000, sector('re-keyed file'));
    const before = await guestSectors(id);
    await stop(id);
    const other = await lab.newKey();
    const image = (await lab.ecsCall('CreateImage', { InstanceId: id })).ImageId as string;
    await lab.settle();
    lab.ecs.jobs.pause();
    const diskId = (await lab.ecsCall('ReplaceSystemDisk', { InstanceId: id, ImageId: image, Encrypted: true, KMSKeyId: other })).DiskId as string;
    expect(await lab.disk(diskId)).toMatchObject({ Status: 'Creating', KMSKeyId: other });
    const notReady = await rejectionOf(lab.ecsCall('StartInstance', { InstanceId: id }));
    expect([notReady.Code, notReady.HttpStatus]).toEqual(['IncorrectDiskStatus', 403]);
    lab.ecs.jobs.resume();
    await lab.settle();
    expect(await lab.disk(diskId)).toMatchObject({ Status: 'In_use', KMSKeyId: other, Encrypted: true });
    await start(id);
    expect(await guestSectors(id)).toBe(before);
  });

  it('without ImageId the current image is used; the size rules and key rules apply; a Running instance is refused', async () => {
    const [id] = await run(lab);
    const running = await rejectionOf(lab.ecsCall('ReplaceSystemDisk', { InstanceId: id }));
    expect([running.Code, running.HttpStatus]).toEqual(['IncorrectInstanceStatus', 403]);
    await stop(id);
    const before = lab.snapshotState();
    for (const [params, code] of [
      [{ 'SystemDisk.Size': 10 }, 'InvalidDiskSize.TooSmall'],
      [{ KMSKeyId: cmk }, 'InvalidParameter.EncryptedIllegal'],
      [{ ImageId: 'm-doesnotexist000000' }, 'InvalidImageId.NotFound'],
    ] as const) {
      expect((await rejectionOf(lab.ecsCall('ReplaceSystemDisk', { InstanceId: id, ...params }))).Code).toBe(code);
      expect(lab.snapshotState()).toBe(before);
    }
    const diskId = (await lab.ecsCall('ReplaceSystemDisk', { InstanceId: id, 'SystemDisk.Size': 60, Encrypted: true })).DiskId as string;
    await lab.settle();
    expect(await lab.disk(diskId)).toMatchObject({ Size: 60, Encrypted: true, Status: 'In_use' });
    await start(id);
    const mbr = await hda(lab, id).read(0, 1);
    expect([mbr[510], mbr[511]]).toEqual([0x55, 0xaa]);
  });
});
