// ECS disk actions (../shared/spec/cloud-api.md §2.1, §2.2, §2.7, §2.8): CreateDisk (empty: Available on
// return; from a snapshot under the same data key: copy-on-write, Available; under a new key: Creating,
// re-encrypted in the background), DescribeDisks, ModifyDiskAttribute, DeleteDisk, AttachDisk, DetachDisk.
import { missingParameter } from '../api/codes';
import type { CallContext } from '../api/context';
import type { Params } from '../api/params';
import { DEFAULT_DISK_CATEGORY, DEFAULT_PERFORMANCE_LEVEL, FAMILIES_REFUSING_ENCRYPTED_DISKS, findCategory, findInstanceType, findRegion, sizeRange, type PerformanceLevel } from './catalogue';
import { ecsError } from './codes';
import { storageBytes, type EcsCore } from './ecs-core';
import { checkEncryptionLimits, chooseKey, newWrappedKey, resolveChoice, tagForEcs, withDataKey, type KeySource } from './encryption';
import type { DiskResource, WrappedKey } from './ports';
import { copyToDisk, storageEncryption } from './storage';
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
  const level = category.DiskCategory === 'cloud_essd' ? ((p.PerformanceLevel as PerformanceLevel | undefined) ?? DEFAULT_PERFORMANCE_LEVEL) : undefined;
  const from = p.SnapshotId !== undefined ? await core.readableSnapshot(ctx, p.SnapshotId as string) : undefined;
  const snapshot = from?.snapshot;
  if (snapshot && snapshot.Status !== 'accomplished') throw ecsError('InvalidSnapshotId.NotReady', { snapshotId: snapshot.SnapshotId });
  if (!snapshot && p.Size === undefined) throw missingParameter('Size');
  const size = Math.max(snapshot?.SourceDiskSize ?? 0, (p.Size as number | undefined) ?? 0);
  const range = sizeRange(category, 'data', level ?? DEFAULT_PERFORMANCE_LEVEL)!;
  const sizeParams = { size, category: category.DiskCategory + (level ? ` ${level}` : ''), min: range.min, max: range.max };
  if (size < range.min) throw ecsError('InvalidDiskSize.TooSmall', sizeParams);
  if (size > range.max) throw ecsError('InvalidDiskSize.NotSupported', sizeParams);

  const source: KeySource | undefined = snapshot && { label: `snapshot ${snapshot.SnapshotId}`, Encrypted: snapshot.Encrypted, key: snapshot.key, isShared: from!.isShared };
  const defaults = await core.store.getDefault(ctx.accountId, ctx.regionId);
  const choice = chooseKey(ctx, { Encrypted: p.Encrypted as boolean | undefined, KMSKeyId: p.KMSKeyId as string | undefined, source, mode: 'disk', isCrossRegion: false, defaults, regionId: ctx.regionId });
  if (choice.kind !== 'none') checkEncryptionLimits(ctx.regionId, { category: category.DiskCategory, isFromSnapshot: Boolean(snapshot) });
  const target = { accountId: ctx.accountId, regionId: ctx.regionId };
  const key = await resolveChoice(core, ctx, choice, target, source);
  // Same data key (the snapshot's key kept, or no key at all): the new disk shares the snapshot's chunks and lineage.
  const isSameKey = Boolean(snapshot && snapshot.key?.KMSKeyId === key?.KMSKeyId);

  if (key) await tagForEcs(core, ctx, key);
  const wrapped: WrappedKey | undefined = !key ? undefined : isSameKey ? snapshot!.key : await newWrappedKey(core, ctx, key);
  const disk: DiskResource = {
    DiskId: core.newId('d'), accountId: ctx.accountId, RegionId: ctx.regionId, ZoneId: zoneId,
    DiskName: (p.DiskName as string | undefined) ?? '', Description: (p.Description as string | undefined) ?? '', Category: category.DiskCategory,
    Size: size, ...(level ? { PerformanceLevel: level } : {}), Encrypted: Boolean(wrapped), ...(wrapped ? { key: wrapped } : {}),
    Status: 'Available', Type: 'data', InstanceId: '', Device: '', DeleteWithInstance: false, SourceSnapshotId: snapshot?.SnapshotId ?? '', ImageId: '',
    Tags: tagsOf(p.Tag), createdMs: core.now(), storageDiskId: '',
  };
  ctx.audit.resourceId = disk.DiskId;
  ctx.audit.keyId = wrapped?.KMSKeyId;

  if (snapshot && !isSameKey) {
    // A new data key: the data is re-encrypted through the pool in the background (Creating → Available).
    await core.commit(ctx, { putDisks: [{ ...disk, Status: 'Creating' }] });
    core.jobs.start(disk.DiskId, 'CreateDisk', async (report) => {
      const storageDiskId = await copyToDisk(core, ctx, { storageSnapshotId: snapshot.storageSnapshotId, name: disk.DiskId, source: snapshot.key, target: wrapped, onProgress: report });
      await finishOrDiscard(core, storageDiskId, async () => {
        const current = await core.store.getDisk(disk.DiskId);
        if (!current) throw new Error(`"disk" ${disk.DiskId} vanished while it was being created`);
        await core.store.commit({ putDisks: [{ ...current, Status: 'Available', storageDiskId }] }, []);
      });
    }, () => core.commitBackground({ deleteDisks: [disk.DiskId] }));
    return { DiskId: disk.DiskId };
  }

  const storage = snapshot
    ? await core.disks.createDiskFromSnapshot(snapshot.storageSnapshotId, disk.DiskId)
    : wrapped
      ? await withDataKey(core, ctx, wrapped, (handle) => core.disks.createDisk({ name: disk.DiskId, sizeBytes: storageBytes(size), encryption: storageEncryption(wrapped, handle) }))
      : await core.disks.createDisk({ name: disk.DiskId, sizeBytes: storageBytes(size), encryption: { isEncrypted: false } });
  try {
    await core.commit(ctx, { putDisks: [{ ...disk, storageDiskId: storage.id }] });
  } catch (error) {
    await core.disks.deleteDisk(storage.id);
    throw error;
  }
  return { DiskId: disk.DiskId };
}

/** Commits a background result under the ECS lock; if that fails, the storage it made is deleted. */
export async function finishOrDiscard(core: EcsCore, storageDiskId: string, commit: () => Promise<void>, isSnapshot = false): Promise<void> {
  try {
    await core.exclusive(commit);
  } catch (error) {
    await (isSnapshot ? core.disks.deleteSnapshot(storageDiskId) : core.disks.deleteDisk(storageDiskId));
    throw error;
  }
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

/** §2.7 and the §5 family limit; the instance service (next issue) adds the hypervisor side. */
export async function attachDisk(core: EcsCore, ctx: CallContext, p: Params) {
  const disk = await core.ownDisk(ctx, p.DiskId as string);
  const instance = await ownInstance(core, ctx, p.InstanceId as string);
  if (disk.Status !== 'Available') throw ecsError('IncorrectDiskStatus', { diskId: disk.DiskId, status: disk.Status });
  if (instance.Status !== 'Running' && instance.Status !== 'Stopped') throw ecsError('IncorrectInstanceStatus', { instanceId: instance.InstanceId });
  if (disk.ZoneId && disk.ZoneId !== instance.ZoneId) throw ecsError('InvalidDiskId.ZoneMismatch', { diskId: disk.DiskId, diskZone: disk.ZoneId, instanceZone: instance.ZoneId });
  const family = findInstanceType(instance.InstanceType)?.InstanceTypeFamily ?? instance.InstanceType.split('.').slice(0, 2).join('.');
  if (disk.Encrypted && disk.SourceSnapshotId && FAMILIES_REFUSING_ENCRYPTED_DISKS.includes(family)) {
    throw ecsError('InvalidInstanceType.NotSupportDiskCategory', { reason: `Instance family ${family} does not support encrypted data disks created from snapshots (disk ${disk.DiskId}).` });
  }
  const used = new Set((await core.store.listDisks()).filter((d) => d.InstanceId === instance.InstanceId).map((d) => d.Device));
  const device = [...'bcdefghijklmnopq'].map((l) => `/dev/xvd${l}`).find((d) => !used.has(d)) ?? '';
  await core.commit(ctx, { putDisks: [{ ...disk, InstanceId: instance.InstanceId, Device: device, Status: 'In_use', DeleteWithInstance: (p.DeleteWithInstance as boolean | undefined) ?? disk.DeleteWithInstance }] });
  return {};
}

export async function detachDisk(core: EcsCore, ctx: CallContext, p: Params) {
  const disk = await core.ownDisk(ctx, p.DiskId as string);
  const instance = await ownInstance(core, ctx, p.InstanceId as string);
  if (disk.InstanceId !== instance.InstanceId || disk.Status !== 'In_use') throw ecsError('IncorrectDiskStatus', { diskId: disk.DiskId, status: disk.Status });
  if (disk.Type === 'system' && instance.Status !== 'Stopped') throw ecsError('IncorrectInstanceStatus', { instanceId: instance.InstanceId });
  await core.commit(ctx, { putDisks: [{ ...disk, InstanceId: '', Device: '', Status: 'Available', DeleteWithInstance: (p.DeleteWithInstance as boolean | undefined) ?? disk.DeleteWithInstance }] });
  return {};
}
