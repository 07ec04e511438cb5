// One way to make a cloud disk (../shared/spec/cloud-api.md §2.1–2.3, §2.6, §5), shared by CreateDisk,
// RunInstances (system and data disks) and ReplaceSystemDisk: plan (every check, the key resolved,
// nothing changed — DryRun stops here), then make (the key tagged and wrapped, the storage made, or a
// re-encrypting copy started after the commit). A system disk from an image is made exactly like a
// disk from a snapshot: same key rules, same copy-on-write or re-encryption.
import { missingParameter } from '../api/codes';
import type { CallContext } from '../api/context';
import { DEFAULT_PERFORMANCE_LEVEL, findCategory, sizeRange, type DiskCategory, type PerformanceLevel } from './catalogue';
import { ecsError } from './codes';
import { storageBytes, type EcsCore } from './ecs-core';
import { checkEncryptionLimits, chooseKey, newWrappedKey, resolveChoice, tagForEcs, withDataKey, type KeyChoice, type KeySource, type UsableKey } from './encryption';
import type { DiskResource, WrappedKey } from './ports';
import { copyToDisk, storageEncryption } from './storage';

/** Where a new disk's data comes from: a snapshot, or an image (its snapshot, or the public image's storage). */
export interface DiskSource {
  storageSnapshotId: string;
  key?: WrappedKey;
  /** The ECS snapshot ('' for the public image). */
  SnapshotId: string;
  /** GiB. */
  size: number;
  keySource: KeySource;
}

/** A disk checked and its key resolved: nothing has changed yet. */
export interface DiskPlan {
  category: DiskCategory;
  level?: PerformanceLevel;
  /** GiB, as ECS reports it. */
  size: number;
  zoneId: string;
  source?: DiskSource;
  key?: UsableKey;
  /** The source's data key is kept: the new disk shares its chunks and lineage (no copy). */
  isSameKey: boolean;
}

export interface DiskRequest {
  category: string;
  PerformanceLevel?: PerformanceLevel;
  Size?: number;
  Encrypted?: boolean;
  KMSKeyId?: string;
  zoneId: string;
  source?: DiskSource;
  use: 'data' | 'system';
  /** RunInstances / ReplaceSystemDisk with DryRun: the service key is not made on first use. */
  isDryRun?: boolean;
  /** The caller's own limits (zone, instance family), told whether the disk will be encrypted, before any key is resolved. */
  limits?(isEncrypted: boolean): void;
}

/** The size rules: data disks max(snapshot, Size) (CreateDisk; RunInstances passes no Size with a
 *  snapshot); system disks ≥ the image, default max(40, image) (§2.1, §2.6). Pure. */
function sizeOf(category: DiskCategory, level: PerformanceLevel | undefined, r: DiskRequest): number {
  const range = sizeRange(category, r.use, level ?? DEFAULT_PERFORMANCE_LEVEL);
  if (!range) throw ecsError('InvalidSystemDiskCategory.ValueNotSupported', { category: category.DiskCategory });
  const sourceSize = r.source?.size ?? 0;
  const size = r.use === 'system'
    ? (r.Size ?? Math.max(40, sourceSize))
    : Math.max(sourceSize, r.Size ?? 0);
  const params = { size, category: category.DiskCategory + (level ? ` ${level}` : ''), min: Math.max(range.min, r.use === 'system' ? sourceSize : 0), max: range.max };
  if (size < params.min) throw ecsError('InvalidDiskSize.TooSmall', params);
  if (size > range.max) throw ecsError('InvalidDiskSize.NotSupported', params);
  return size;
}

/** The key a choice names, usable now; in a dry run the service key is not made (it is always usable). */
async function resolveKey(core: EcsCore, ctx: CallContext, choice: KeyChoice, source: KeySource | undefined, isDryRun: boolean): Promise<UsableKey | undefined> {
  const target = { accountId: ctx.accountId, regionId: ctx.regionId };
  if (isDryRun) {
    const defaults = choice.kind === 'account-default' ? await core.store.getDefault(ctx.accountId, ctx.regionId) : undefined;
    if (choice.kind === 'service' || (choice.kind === 'account-default' && !defaults?.KMSKeyId)) {
      return { KMSKeyId: '', isServiceKey: true, hasEcsTag: true, ...target };
    }
  }
  return resolveChoice(core, ctx, choice, target, source);
}

/** Every check of a new disk (category, size, key rules, §5 limits, the key usable). Changes nothing
 *  (but a first service key outside a dry run). */
export async function planDisk(core: EcsCore, ctx: CallContext, r: DiskRequest): Promise<DiskPlan> {
  const category = findCategory(r.category);
  if (!category) throw ecsError(r.use === 'system' ? 'InvalidSystemDiskCategory.ValueNotSupported' : 'InvalidDiskCategory.ValueNotSupported', { category: r.category });
  if (r.use === 'data' && !r.source && r.Size === undefined) throw missingParameter('Size');
  const level = category.DiskCategory === 'cloud_essd' ? (r.PerformanceLevel ?? DEFAULT_PERFORMANCE_LEVEL) : undefined;
  const size = sizeOf(category, level, r);
  const defaults = await core.store.getDefault(ctx.accountId, ctx.regionId);
  const keySource = r.source?.keySource;
  const choice = chooseKey(ctx, { Encrypted: r.Encrypted, KMSKeyId: r.KMSKeyId, source: keySource, mode: r.use === 'system' ? 'image' : 'disk', isCrossRegion: false, defaults, regionId: ctx.regionId });
  // A system disk always comes from an image: the ESSD-series rule of disks from snapshots applies.
  if (choice.kind !== 'none') checkEncryptionLimits(ctx.regionId, { category: category.DiskCategory, isFromSnapshot: Boolean(r.source) || r.use === 'system' });
  r.limits?.(choice.kind !== 'none');
  const key = await resolveKey(core, ctx, choice, keySource, r.isDryRun ?? false);
  const isSameKey = Boolean(r.source && r.source.key?.KMSKeyId === key?.KMSKeyId);
  return { category, ...(level ? { level } : {}), size, zoneId: category.isZoneRedundant ? '' : r.zoneId, ...(r.source ? { source: r.source } : {}), ...(key ? { key } : {}), isSameKey };
}

/** The ECS fields of a new disk that the caller chooses. */
export type DiskFields = Pick<DiskResource, 'DiskId' | 'DiskName' | 'Description' | 'Type' | 'InstanceId' | 'Device' | 'DeleteWithInstance' | 'ImageId' | 'Tags'> & { readyStatus: 'Available' | 'In_use' };

/** A disk made from a plan, not yet committed. `start` (after the commit) begins a re-encrypting copy;
 *  `discard` (if the commit fails) removes storage made here. */
export interface MadeDisk {
  disk: DiskResource;
  start(): void;
  discard(): Promise<void>;
}

/** Tags and wraps the key, then makes the storage (empty, or sharing the source's chunks when the data
 *  key stays) — or leaves the disk Creating for a copy under a new data key. */
export async function makeDisk(core: EcsCore, ctx: CallContext, plan: DiskPlan, fields: DiskFields): Promise<MadeDisk> {
  const { key, source } = plan;
  if (key) await tagForEcs(core, ctx, key);
  const wrapped: WrappedKey | undefined = !key ? undefined : plan.isSameKey ? source!.key : await newWrappedKey(core, ctx, key);
  const { readyStatus, ...rest } = fields;
  const disk: DiskResource = {
    ...rest, accountId: ctx.accountId, RegionId: ctx.regionId, ZoneId: plan.zoneId, Category: plan.category.DiskCategory, Size: plan.size,
    ...(plan.level ? { PerformanceLevel: plan.level } : {}), Encrypted: Boolean(wrapped), ...(wrapped ? { key: wrapped } : {}),
    Status: readyStatus, SourceSnapshotId: source?.SnapshotId ?? '', createdMs: core.now(), storageDiskId: '',
  };
  if (source && !plan.isSameKey) {
    // A new data key: the data is re-encrypted through the pool in the background (Creating → ready).
    return {
      disk: { ...disk, Status: 'Creating' },
      start: () => startDiskCopy(core, ctx, disk.DiskId, source, wrapped, storageBytes(plan.size)),
      discard: async () => undefined,
    };
  }
  const storage = source
    ? await core.disks.createDiskFromSnapshot(source.storageSnapshotId, disk.DiskId, storageBytes(plan.size))
    : wrapped
      ? await withDataKey(core, ctx, wrapped, (handle) => core.disks.createDisk({ name: disk.DiskId, sizeBytes: storageBytes(plan.size), encryption: storageEncryption(wrapped, handle) }))
      : await core.disks.createDisk({ name: disk.DiskId, sizeBytes: storageBytes(plan.size), encryption: { isEncrypted: false } });
  return { disk: { ...disk, storageDiskId: storage.id }, start: () => undefined, discard: () => core.disks.deleteDisk(storage.id) };
}

/** A disk asked bigger than its source is that big (DiskService grows it; the new sectors read as zeros). */
function startDiskCopy(core: EcsCore, ctx: CallContext, diskId: string, source: DiskSource, target: WrappedKey | undefined, sizeBytes: number): void {
  core.jobs.start(diskId, 'CreateDisk', async (report) => {
    const storageDiskId = await copyToDisk(core, ctx, { storageSnapshotId: source.storageSnapshotId, name: diskId, source: source.key, target, sizeBytes, onProgress: report });
    await finishOrDiscard(core, storageDiskId, async () => {
      const current = await core.store.getDisk(diskId);
      if (!current) throw new Error(`"disk" ${diskId} vanished while it was being created`);
      await core.store.commit({ putDisks: [{ ...current, Status: current.InstanceId ? 'In_use' : 'Available', storageDiskId }] }, []);
    });
  }, () => core.commitBackground({ deleteDisks: [diskId] }));
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
