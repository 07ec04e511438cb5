// The source document's conversion paths end to end on real data (issue 5 items 2, 6, 7, 10): an
// unencrypted data disk → snapshot → CopySnapshot(Encrypted) → disk from the copy; and CreateImage →
// CopyImage(Encrypted) → disk from the encrypted image. The guest view is byte-identical (SHA-256),
// stored chunks are ciphertext (entropy > 7.9 bits/byte), the original stays untouched and unencrypted.
import { beforeEach, describe, expect, it } from 'vitest';
import { buildGuestImage } from '../../../guest/image';
import { createEcsLab, ZONE, type EcsLab } from '../../support/ecs-harness';
import { rejectionOf } from '../../support/kms-harness';
import { sha256 } from '../disks/helpers';

let lab: EcsLab;
beforeEach(async () => { lab = await createEcsLab(); });

const MIB_SECTORS = 2048;
const SECTORS = 3 * MIB_SECTORS;

/** Low-entropy, recognisable text: plaintext is easy to tell from ciphertext. */
function textData(sectors: number): Uint8Array {
  const line = new TextEncoder().encode('The quick brown fox jumps over the lazy disk. 0123456789\n');
  const out = new Uint8Array(sectors * 512);
  for (let i = 0; i < out.length; i++) out[i] = line[i % line.length];
  return out;
}

async function plainDiskWithData(): Promise<{ diskId: string; data: Uint8Array }> {
  const diskId = (await lab.ecsCall('CreateDisk', { ZoneId: ZONE, DiskCategory: 'cloud_essd', Size: 20 })).DiskId as string;
  const data = textData(SECTORS);
  for (let s = 0; s < SECTORS; s += MIB_SECTORS) await lab.writeSectors(diskId, s, data.subarray(s * 512, (s + MIB_SECTORS) * 512));
  return { diskId, data };
}

async function guestSha(diskId: string): Promise<string> {
  const parts: Uint8Array[] = [];
  for (let s = 0; s < SECTORS; s += MIB_SECTORS) parts.push(await lab.readSectors(diskId, s, MIB_SECTORS, 'Guest'));
  return sha256(Buffer.concat(parts));
}

async function storedEntropies(diskId: string): Promise<number[]> {
  const disk = await lab.ecsStore.getDisk(diskId);
  return (await lab.disks.chunkInfo(disk!.storageDiskId)).filter((c) => c.isAllocated).map((c) => c.entropy);
}

async function expectOriginalUntouched(diskId: string, data: Uint8Array) {
  expect(await lab.disk(diskId)).toMatchObject({ Encrypted: false, KMSKeyId: '' });
  expect(await guestSha(diskId)).toBe(sha256(data));
  expect(sha256(await lab.readSectors(diskId, 0, MIB_SECTORS, 'Physical'))).toBe(sha256(data.subarray(0, MIB_SECTORS * 512)));
  for (const e of await storedEntropies(diskId)) expect(e).toBeLessThan(6);
}

describe('conversion paths', () => {
  it('data disk → snapshot → CopySnapshot Encrypted (progressing → accomplished) → disk from the copy: same bytes, ciphertext stored', async () => {
    const { diskId, data } = await plainDiskWithData();
    const snap = (await lab.ecsCall('CreateSnapshot', { DiskId: diskId, SnapshotName: 'before-encryption' })).SnapshotId as string;
    await lab.settle();
    lab.ecs.jobs.pause();
    const copy = (await lab.ecsCall('CopySnapshot', { SnapshotId: snap, DestinationRegionId: 'cn-hangzhou', Encrypted: true })).SnapshotId as string;
    expect(await lab.snapshot(copy)).toMatchObject({ Status: 'progressing', Progress: '0%', Encrypted: true, SourceSnapshotId: snap });
    // Not ready yet: cannot be used.
    const notReady = await rejectionOf(lab.ecsCall('CreateDisk', { ZoneId: ZONE, DiskCategory: 'cloud_essd', SnapshotId: copy, Encrypted: true }));
    expect([notReady.Code, notReady.HttpStatus]).toEqual(['InvalidSnapshotId.NotReady', 403]);
    lab.ecs.jobs.resume();
    await lab.settle();
    expect(await lab.snapshot(copy)).toMatchObject({ Status: 'accomplished', Progress: '100%' });
    const encrypted = (await lab.ecsCall('CreateDisk', { ZoneId: ZONE, DiskCategory: 'cloud_essd', SnapshotId: copy, Encrypted: true })).DiskId as string;
    await lab.settle();
    expect(await lab.disk(encrypted)).toMatchObject({ Encrypted: true, Status: 'Available' });
    expect(await guestSha(encrypted)).toBe(sha256(data));
    const entropies = await storedEntropies(encrypted);
    expect(entropies.length).toBeGreaterThanOrEqual(3);
    for (const e of entropies) expect(e).toBeGreaterThan(7.9);
    expect(sha256(await lab.readSectors(encrypted, 0, MIB_SECTORS, 'Physical'))).not.toBe(sha256(data.subarray(0, MIB_SECTORS * 512)));
    await expectOriginalUntouched(diskId, data);
  });

  it('CreateImage → CopyImage Encrypted under a CMK (Creating → Available) → disk from the encrypted image: same bytes', async () => {
    const { diskId, data } = await plainDiskWithData();
    const snap = (await lab.ecsCall('CreateSnapshot', { DiskId: diskId })).SnapshotId as string;
    await lab.settle();
    const image = (await lab.ecsCall('CreateImage', { SnapshotId: snap, ImageName: 'plain-image' })).ImageId as string;
    await lab.settle();
    const cmk = await lab.newKey();
    await lab.authorize();
    lab.ecs.jobs.pause();
    const copy = (await lab.ecsCall('CopyImage', { ImageId: image, DestinationRegionId: 'cn-hangzhou', Encrypted: true, KMSKeyId: cmk })).ImageId as string;
    const creating = ((await lab.ecsCall('DescribeImages', { ImageId: copy, Status: 'Creating' })).Images as { Image: Record<string, unknown>[] }).Image[0];
    expect(creating).toMatchObject({ Status: 'Creating', Encrypted: true, KMSKeyId: cmk, ImageOwnerAlias: 'self' });
    const busy = await rejectionOf(lab.ecsCall('CopyImage', { ImageId: copy, DestinationRegionId: 'cn-hangzhou' }));
    expect([busy.Code, busy.HttpStatus]).toEqual(['IncorrectImageStatus', 403]);
    lab.ecs.jobs.resume();
    await lab.settle();
    const ready = ((await lab.ecsCall('DescribeImages', { ImageId: copy })).Images as { Image: { Status: string; DiskDeviceMappings: { DiskDeviceMapping: { SnapshotId: string }[] } }[] }).Image[0];
    expect(ready.Status).toBe('Available');
    const imageSnapshot = ready.DiskDeviceMappings.DiskDeviceMapping[0].SnapshotId;
    expect(await lab.snapshot(imageSnapshot)).toMatchObject({ Encrypted: true, KMSKeyId: cmk, Usage: 'image' });
    const disk = (await lab.ecsCall('CreateDisk', { ZoneId: ZONE, DiskCategory: 'cloud_essd', SnapshotId: imageSnapshot, Encrypted: true })).DiskId as string;
    expect(await lab.disk(disk)).toMatchObject({ Encrypted: true, KMSKeyId: cmk });
    expect(await guestSha(disk)).toBe(sha256(data));
    for (const e of await storedEntropies(disk)) expect(e).toBeGreaterThan(7.9);
    await expectOriginalUntouched(diskId, data);
    // The source image is still unencrypted (CopyImage rule 1: no key, no encryption).
    const plainCopy = (await lab.ecsCall('CopyImage', { ImageId: image, DestinationRegionId: 'cn-hangzhou' })).ImageId as string;
    await lab.settle();
    expect(((await lab.ecsCall('DescribeImages', { ImageId: plainCopy })).Images as { Image: { Encrypted: boolean }[] }).Image[0].Encrypted).toBe(false);
  });

  it('CopyImage rules 3 and 4: encrypted + no key keeps the key (same lineage); encrypted + new key re-keys (new data key)', async () => {
    const { diskId, data } = await plainDiskWithData();
    const snap = (await lab.ecsCall('CreateSnapshot', { DiskId: diskId })).SnapshotId as string;
    await lab.settle();
    const image = (await lab.ecsCall('CreateImage', { SnapshotId: snap })).ImageId as string;
    await lab.settle();
    const encrypted = (await lab.ecsCall('CopyImage', { ImageId: image, DestinationRegionId: 'cn-hangzhou', Encrypted: true })).ImageId as string;
    await lab.settle();
    const kept = (await lab.ecsCall('CopyImage', { ImageId: encrypted, DestinationRegionId: 'cn-hangzhou' })).ImageId as string;
    const cmk = await lab.newKey();
    await lab.authorize();
    const rekeyed = (await lab.ecsCall('CopyImage', { ImageId: encrypted, DestinationRegionId: 'cn-hangzhou', Encrypted: true, KMSKeyId: cmk })).ImageId as string;
    await lab.settle();
    const snapOf = async (imageId: string) => (await lab.ecsStore.listSnapshots()).find((s) => s.ownerImageId === imageId)!;
    const [a, b, c] = [await snapOf(encrypted), await snapOf(kept), await snapOf(rekeyed)];
    expect(b.key).toEqual(a.key);
    expect(c.key!.KMSKeyId).toBe(cmk);
    expect(c.key!.lineageId).not.toBe(a.key!.lineageId);
    const disk = (await lab.ecsCall('CreateDisk', { ZoneId: ZONE, DiskCategory: 'cloud_auto', SnapshotId: c.SnapshotId, Encrypted: true })).DiskId as string;
    expect(await guestSha(disk)).toBe(sha256(data));
  });

  it('CopySnapshot to another region uses that region\'s key (a new lineage); the copy\'s disk reads the same bytes there', async () => {
    const { diskId, data } = await plainDiskWithData();
    const snap = (await lab.ecsCall('CreateSnapshot', { DiskId: diskId })).SnapshotId as string;
    await lab.settle();
    const local = (await lab.ecsCall('CopySnapshot', { SnapshotId: snap, DestinationRegionId: 'cn-hangzhou', Encrypted: true })).SnapshotId as string;
    await lab.settle();
    const remote = (await lab.ecsCall('CopySnapshot', { SnapshotId: local, DestinationRegionId: 'cn-shanghai' })).SnapshotId as string;
    await lab.settle();
    const [l, r] = [await lab.ecsStore.getSnapshot(local), await lab.ecsStore.getSnapshot(remote)];
    expect(r).toMatchObject({ RegionId: 'cn-shanghai', Encrypted: true, Status: 'accomplished', SourceRegionId: 'cn-hangzhou' });
    expect(r!.key!.regionId).toBe('cn-shanghai');
    expect(r!.key!.KMSKeyId).not.toBe(l!.key!.KMSKeyId);
    const disk = (await lab.router.call('Ecs', 'CreateDisk', { RegionId: 'cn-shanghai', ZoneId: 'cn-shanghai-b', DiskCategory: 'cloud_essd', SnapshotId: remote, Encrypted: true })).DiskId as string;
    const parts: Uint8Array[] = [];
    for (let s = 0; s < SECTORS; s += MIB_SECTORS) {
      const res = await lab.router.call('Lab', 'ReadDiskSectors', { RegionId: 'cn-shanghai', DiskId: disk, Sector: s, Count: MIB_SECTORS, View: 'Guest' });
      parts.push(new Uint8Array(Buffer.from(res.DataBase64 as string, 'base64')));
    }
    expect(sha256(Buffer.concat(parts))).toBe(sha256(data));
  });

  it('a disabled key refuses the guest view with CMKNotEnabled (the physical view still reads); a re-keyed copy stays readable', async () => {
    const cmk = await lab.newKey();
    await lab.authorize();
    const diskId = (await lab.ecsCall('CreateDisk', { ZoneId: ZONE, DiskCategory: 'cloud_essd', Size: 20, Encrypted: true, KMSKeyId: cmk })).DiskId as string;
    const data = textData(8);
    await lab.writeSectors(diskId, 0, data);
    const snap = (await lab.ecsCall('CreateSnapshot', { DiskId: diskId })).SnapshotId as string;
    await lab.settle();
    const copy = (await lab.ecsCall('CopySnapshot', { SnapshotId: snap, DestinationRegionId: 'cn-hangzhou', Encrypted: true, KMSKeyId: await lab.newKey() })).SnapshotId as string;
    await lab.settle();
    const other = (await lab.ecsCall('CreateDisk', { ZoneId: ZONE, DiskCategory: 'cloud_essd', SnapshotId: copy, Encrypted: true })).DiskId as string;
    await lab.kmsCall('DisableKey', { KeyId: cmk });
    const error = await rejectionOf(lab.readSectors(diskId, 0, 8, 'Guest'));
    expect([error.Code, error.HttpStatus]).toEqual(['InvalidParameter.KMSKeyId.CMKNotEnabled', 403]);
    expect((await lab.readSectors(diskId, 0, 8, 'Physical')).length).toBe(4096);
    expect(sha256(await lab.readSectors(other, 0, 8, 'Guest'))).toBe(sha256(data));
  });
});

describe('the public LabOS image', () => {
  it('is listed as a system image in every region, and its disk holds buildGuestImage()', async () => {
    const images = (await lab.ecsCall('DescribeImages', { ImageOwnerAlias: 'system' })).Images as { Image: Record<string, unknown>[] };
    expect(images.Image).toHaveLength(1);
    expect(images.Image[0]).toMatchObject({ ImageOwnerAlias: 'system', IsPublic: true, Encrypted: false, Status: 'Available' });
    const image = await lab.ecs.publicImage('cn-shanghai');
    const disk = await lab.disks.createDiskFromSnapshot(image.publicStorageSnapshotId!, 'check');
    const device = await lab.disks.open(disk.id);
    for (const write of buildGuestImage()) {
      expect(sha256(await device.read(write.sector, write.data.length / 512))).toBe(sha256(write.data));
    }
    expect((await lab.ecs.publicImage('cn-hangzhou')).publicStorageSnapshotId).toBe(image.publicStorageSnapshotId);
  });
});
