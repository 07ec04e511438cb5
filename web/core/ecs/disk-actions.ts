// ECS disk actions (../shared/spec/cloud-api.md §2.1, §2.2, §2.7, §2.8): CreateDisk (empty: Available on
// return; from a snapshot under the same data key: copy-on-write, Available; under a new key: Creating,
// re-encrypted in the background), DescribeDisks, ModifyDiskAttribute, DeleteDisk, AttachDisk, DetachDisk.
import { missingParameter } from '../api/codes';
import type { CallContext } from '../api/context';
import type { Params } from '../api/params';
import { DEFAULT_DISK_CATEGORY, FAMILIES_REFUSING_ENCRYPTED_DISKS, findCategory, findInstanceType, findRegion, type PerformanceLevel } from './catalogue';
import { ecsError } from './codes';
import type { EcsCore } from './ecs-core';
import { usableKey } from './encryption';
import { makeDisk, planDisk, type DiskSource } from './disk-plan';
import type { Hypervisor } from './hypervisor';
import type { DiskResource } from './ports';
import { diskView, hasTags, page, tagsOf } from './views';

export function regionOf(ctx: CallContext) {
  const region = findRegion(ctx.regionId);
  if (!region) throw ecsError('InvalidRegionId.NotFound', { regionId: ctx.regionId });
  return region;
}

export async function createDisk(core: EcsCore, ctx: CallContext, p: Params) {
  // Everything is checked before the first change (house style): reads, rules, limits, the key.
  const region = regionOf(ctx);
  const categoryName = (p.DiskCategory as string | undefined) ?? DEFAULT_DISK_CATEGORY;
  const category = findCategory(categoryName);
  if (!category) throw ecsError('InvalidDiskCategory.ValueNotSupported', { category: categoryName });
  const zoneId = (p.ZoneId as string | undefined) ?? '';
  if (!category.isZoneRedundant && !zoneId) throw missingParameter('ZoneId');
  if (zoneId && !region.Zones.includes(zoneId)) throw ecsError('InvalidZoneId.NotFound', { zoneId, regionId: region.RegionId });
  const source = p.SnapshotId !== undefined ? await snapshotSource(core, ctx, p.SnapshotId as string) : undefined;
  const plan = await planDisk(core, ctx, {
    category: categoryName, PerformanceLevel: p.PerformanceLevel as PerformanceLevel | undefined, Size: p.Size as number | undefined,
    Encrypted: p.Encrypted as boolean | undefined, KMSKeyId: p.KMSKeyId as string | undefined, zoneId, source, use: 'data',
  });
  const DiskId = core.newId('d');
  ctx.audit.resourceId = DiskId;
  const made = await makeDisk(core, ctx, plan, {
    DiskId, DiskName: (p.DiskName as string | undefined) ?? '', Description: (p.Description as string | undefined) ?? '', Type: 'data',
    InstanceId: '', Device: '', DeleteWithInstance: false, ImageId: '', Tags: tagsOf(p.Tag), readyStatus: 'Available',
  });
  ctx.audit.keyId = made.disk.key?.KMSKeyId;
  try {
    await core.commit(ctx, { putDisks: [made.disk] });
  } catch (error) {
    await made.discard();
    throw error;
  }
  made.start();
  return { DiskId };
}

/** A snapshot the caller may read (its own, or behind an image shared with it), ready, as a disk source. */
export async function snapshotSource(core: EcsCore, ctx: CallContext, snapshotId: string): Promise<DiskSource> {
  const { snapshot, isShared } = await core.readableSnapshot(ctx, snapshotId);
  if (snapshot.Status !== 'accomplished') throw ecsError('InvalidSnapshotId.NotReady', { snapshotId: snapshot.SnapshotId });
  return {
    storageSnapshotId: snapshot.storageSnapshotId, ...(snapshot.key ? { key: snapshot.key } : {}), SnapshotId: snapshot.SnapshotId, size: snapshot.SourceDiskSize,
    keySource: { label: `snapshot ${snapshot.SnapshotId}`, Encrypted: snapshot.Encrypted, key: snapshot.key, isShared },
  };
}

export async function describeDisks(core: EcsCore, ctx: CallContext, p: Params) {
  const ids = p.DiskIds as string[] | undefined;
  const filterTags = tagsOf(p.Tag);
  const disks = (await core.store.listDisks()).filter((d) => d.accountId === ctx.accountId && d.RegionId === ctx.regionId
    && (!ids || ids.includes(d.DiskId))
    && (p.ZoneId === undefined || d.ZoneId === p.ZoneId)
    && (p.Status === undefined || p.Status === 'All' || d.Status === p.Status)
    && (p.Category === undefined || p.Category === 'all' || d.Category === p.Category)
    && (p.DiskType === undefined || p.DiskType === 'all' || d.Type === p.DiskType)
    && (p.InstanceId === undefined || d.InstanceId === p.InstanceId)
    && (p.SnapshotId === undefined || d.SourceSnapshotId === p.SnapshotId)
    && (p.Encrypted === undefined || d.Encrypted === p.Encrypted)
    && (p.KMSKeyId === undefined || d.key?.KMSKeyId === p.KMSKeyId)
    && (p.DiskName === undefined || d.DiskName === p.DiskName)
    && hasTags(d.Tags, filterTags));
  const { items, ...paging } = page(disks, p);
  return { Disks: { Disk: items.map(diskView) }, ...paging };
}

export async function modifyDiskAttribute(core: EcsCore, ctx: CallContext, p: Params) {
  const disk = await core.ownDisk(ctx, p.DiskId as string);
  const next: DiskResource = {
    ...disk,
    ...(p.DiskName !== undefined ? { DiskName: p.DiskName as string } : {}),
    ...(p.Description !== undefined ? { Description: p.Description as string } : {}),
    ...(p.DeleteWithInstance !== undefined ? { DeleteWithInstance: p.DeleteWithInstance as boolean } : {}),
  };
  await core.commit(ctx, { putDisks: [next] });
  return {};
}

export async function deleteDisk(core: EcsCore, ctx: CallContext, p: Params) {
  const disk = await core.ownDisk(ctx, p.DiskId as string);
  if (disk.Status !== 'Available') throw ecsError('IncorrectDiskStatus', { diskId: disk.DiskId, status: disk.Status });
  await core.commit(ctx, { deleteDisks: [disk.DiskId] });
  // After the record is gone: a storage disk left by a failure here is invisible and harmless.
  await core.disks.deleteDisk(disk.storageDiskId);
  return {};
}

async function ownInstance(core: EcsCore, ctx: CallContext, instanceId: string) {
  const instance = await core.instances.getInstance(instanceId);
  if (!instance || instance.accountId !== ctx.accountId || instance.RegionId !== ctx.regionId) throw ecsError('InvalidInstanceId.NotFound', { instanceId });
  return instance;
}

/** §2.7 and the §5 family limit. A disk attached to a running machine appears at its next start (guest-boot.md). */
export async function attachDisk(core: EcsCore, ctx: CallContext, p: Params) {
  const disk = await core.ownDisk(ctx, p.DiskId as string);
  const instance = await ownInstance(core, ctx, p.InstanceId as string);
  if (disk.Status !== 'Available') throw ecsError('IncorrectDiskStatus', { diskId: disk.DiskId, status: disk.Status });
  if (instance.Status !== 'Running' && instance.Status !== 'Stopped') throw ecsError('IncorrectInstanceStatus', { instanceId: instance.InstanceId, status: instance.Status, reason: '' });
  if (disk.ZoneId && disk.ZoneId !== instance.ZoneId) throw ecsError('InvalidDiskId.ZoneMismatch', { diskId: disk.DiskId, diskZone: disk.ZoneId, instanceZone: instance.ZoneId });
  const family = findInstanceType(instance.InstanceType)?.InstanceTypeFamily ?? instance.InstanceType.split('.').slice(0, 2).join('.');
  if (disk.Encrypted && disk.SourceSnapshotId && FAMILIES_REFUSING_ENCRYPTED_DISKS.includes(family)) {
    throw ecsError('InvalidInstanceType.NotSupportDiskCategory', { reason: `Instance family ${family} does not support encrypted data disks created from snapshots (disk ${disk.DiskId}).` });
  }
  // Attaching an encrypted disk calls KMS (§2.7): a key that is not Enabled (or is gone) refuses it (T-35).
  if (disk.key) {
    ctx.audit.keyId = disk.key.KMSKeyId;
    await usableKey(core, ctx, { accountId: disk.key.accountId, regionId: disk.key.regionId }, disk.key.KMSKeyId, 'InvalidOperation.KMSKeyIdNotFound');
  }
  const used = new Set((await core.store.listDisks()).filter((d) => d.InstanceId === instance.InstanceId).map((d) => d.Device));
  const device = [...'bcdefghijklmnopq'].map((l) => `/dev/xvd${l}`).find((d) => !used.has(d)) ?? '';
  await core.commit(ctx, { putDisks: [{ ...disk, InstanceId: instance.InstanceId, Device: device, Status: 'In_use', DeleteWithInstance: (p.DeleteWithInstance as boolean | undefined) ?? disk.DeleteWithInstance }] });
  return {};
}

export async function detachDisk(core: EcsCore, ctx: CallContext, p: Params, hv?: Hypervisor) {
  const disk = await core.ownDisk(ctx, p.DiskId as string);
  const instance = await ownInstance(core, ctx, p.InstanceId as string);
  if (disk.InstanceId !== instance.InstanceId || disk.Status !== 'In_use') throw ecsError('IncorrectDiskStatus', { diskId: disk.DiskId, status: disk.Status });
  if (disk.Type === 'system' && instance.Status !== 'Stopped') throw ecsError('IncorrectInstanceStatus', { instanceId: instance.InstanceId, status: instance.Status, reason: ': detach a system disk only from a Stopped instance' });
  await core.commit(ctx, { putDisks: [{ ...disk, InstanceId: '', Device: '', Status: 'Available', DeleteWithInstance: (p.DeleteWithInstance as boolean | undefined) ?? disk.DeleteWithInstance }] });
  // A running machine loses the disk: its I/O is never answered again (its key goes at the next power-off).
  hv?.detachDisk(instance.InstanceId, disk.DiskId);
  return {};
}
