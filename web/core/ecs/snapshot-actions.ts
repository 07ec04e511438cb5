// ECS snapshot actions (../shared/spec/cloud-api.md §2.4): CreateSnapshot (point in time, incremental,
// the disk's own data key and lineage; progressing → accomplished), DescribeSnapshots, DeleteSnapshot,
// CopySnapshot in-region or to another region (same key: chunks shared; a new key: re-encrypted).
import type { CallContext } from '../api/context';
import type { Params } from '../api/params';
import { ecsError } from './codes';
import type { EcsCore } from './ecs-core';
import { checkEncryptionLimits, chooseKey, kmsCallerFor, newWrappedKey, resolveChoice, tagForEcs, usableKey, type KeySource } from './encryption';
import { regionOf } from './disk-actions';
import { finishOrDiscard } from './disk-plan';
import type { SnapshotResource, WrappedKey } from './ports';
import { copyToSnapshot, shareSnapshot } from './storage';
import { hasTags, page, snapshotView, tagsOf } from './views';

export async function createSnapshot(core: EcsCore, ctx: CallContext, p: Params) {
  const disk = await core.ownDisk(ctx, p.DiskId as string);
  if (disk.Status !== 'Available' && disk.Status !== 'In_use') throw ecsError('IncorrectDiskStatus', { diskId: disk.DiskId, status: disk.Status });
  // §2.4, §2.7: snapshotting an encrypted disk calls KMS — ECS needs its role, and the key must be usable.
  if (disk.key) {
    await kmsCallerFor(core, disk.key.accountId, disk.key.isServiceKey);
    await usableKey(core, ctx, { accountId: disk.key.accountId, regionId: disk.key.regionId }, disk.key.KMSKeyId, 'InvalidOperation.KMSKeyIdNotFound');
  }
  const SnapshotId = core.newId('s');
  ctx.audit.resourceId = SnapshotId;
  ctx.audit.keyId = disk.key?.KMSKeyId;
  // The point in time is now: the storage snapshot shares the disk's chunks (copy-on-write).
  const storage = await core.disks.createSnapshot(disk.storageDiskId, SnapshotId);
  const snapshot: SnapshotResource = {
    SnapshotId, accountId: ctx.accountId, RegionId: ctx.regionId, SnapshotName: (p.SnapshotName as string | undefined) ?? '',
    Description: (p.Description as string | undefined) ?? '', Status: 'progressing', progressPercent: 0, SourceDiskSize: disk.Size,
    SourceDiskId: disk.DiskId, SourceDiskType: disk.Type, SourceDiskCategory: disk.Category, SourceSnapshotId: '', SourceRegionId: '',
    Encrypted: disk.Encrypted, ...(disk.key ? { key: disk.key } : {}), Usage: 'none', Tags: tagsOf(p.Tag), createdMs: core.now(), storageSnapshotId: storage.id,
  };
  try {
    await core.commit(ctx, { putSnapshots: [snapshot] });
  } catch (error) {
    await core.disks.deleteSnapshot(storage.id);
    throw error;
  }
  // The cloud uploads in the background: progressing → accomplished.
  core.jobs.start(SnapshotId, 'CreateSnapshot', async (report) => {
    report(100);
    await markAccomplished(core, SnapshotId, storage.id);
  }, () => markSnapshotFailed(core, SnapshotId));
  return { SnapshotId };
}

async function markAccomplished(core: EcsCore, snapshotId: string, storageSnapshotId: string): Promise<void> {
  await core.commitBackground({ putSnapshots: [{ ...(await mustGet(core, snapshotId)), Status: 'accomplished', progressPercent: 100, storageSnapshotId }] });
}

export async function markSnapshotFailed(core: EcsCore, snapshotId: string): Promise<void> {
  const current = await core.store.getSnapshot(snapshotId);
  if (current) await core.commitBackground({ putSnapshots: [{ ...current, Status: 'failed' }] });
}

async function mustGet(core: EcsCore, snapshotId: string): Promise<SnapshotResource> {
  const s = await core.store.getSnapshot(snapshotId);
  if (!s) throw new Error(`"snapshot" ${snapshotId} vanished while it was being made`);
  return s;
}

export async function describeSnapshots(core: EcsCore, ctx: CallContext, p: Params) {
  const ids = p.SnapshotIds as string[] | undefined;
  const filterTags = tagsOf(p.Tag);
  const list = (await core.store.listSnapshots()).filter((s) => s.accountId === ctx.accountId && s.RegionId === ctx.regionId
    && (!ids || ids.includes(s.SnapshotId))
    && (p.DiskId === undefined || s.SourceDiskId === p.DiskId)
    && (p.Status === undefined || p.Status === 'all' || s.Status === p.Status)
    && (p.SnapshotName === undefined || s.SnapshotName === p.SnapshotName)
    && (p.SourceDiskType === undefined || s.SourceDiskType === (p.SourceDiskType as string).toLowerCase())
    && (p.Usage === undefined || s.Usage === p.Usage)
    && (p.Encrypted === undefined || s.Encrypted === p.Encrypted)
    && (p.KMSKeyId === undefined || s.key?.KMSKeyId === p.KMSKeyId)
    && hasTags(s.Tags, filterTags));
  const { items, ...paging } = page(list, p);
  return { Snapshots: { Snapshot: items.map((s) => snapshotView(core, s)) }, ...paging };
}

export async function deleteSnapshot(core: EcsCore, ctx: CallContext, p: Params) {
  const snapshot = await core.ownSnapshot(ctx, p.SnapshotId as string);
  if (snapshot.Status === 'progressing') throw ecsError('InvalidSnapshotId.NotReady', { snapshotId: snapshot.SnapshotId });
  const images = (await core.store.listImages()).filter((i) => i.SnapshotId === snapshot.SnapshotId);
  if (images.length) throw ecsError('SnapshotCreatedImage', { snapshotId: snapshot.SnapshotId, images: images.map((i) => i.ImageId).join(', ') });
  await core.commit(ctx, { deleteSnapshots: [snapshot.SnapshotId] });
  if (snapshot.storageSnapshotId) await core.disks.deleteSnapshot(snapshot.storageSnapshotId);
  return {};
}

/** What a snapshot copy (CopySnapshot, CopyImage) will be: checked and its key resolved, nothing changed yet. */
export interface CopyPlan {
  target: { accountId: string; regionId: string };
  source: SnapshotResource;
  key?: Awaited<ReturnType<typeof resolveChoice>>;
  isSameKey: boolean;
}

export async function planCopy(core: EcsCore, ctx: CallContext, o: {
  source: SnapshotResource; sourceLabel: string; isShared: boolean; destinationRegionId: string; Encrypted?: boolean; KMSKeyId?: string;
}): Promise<CopyPlan> {
  const target = { accountId: ctx.accountId, regionId: o.destinationRegionId };
  const keySource: KeySource = { label: o.sourceLabel, Encrypted: o.source.Encrypted, key: o.source.key, isShared: o.isShared };
  const defaults = await core.store.getDefault(target.accountId, target.regionId);
  const choice = chooseKey(ctx, {
    Encrypted: o.Encrypted, KMSKeyId: o.KMSKeyId, source: keySource, mode: 'copy', isCrossRegion: o.destinationRegionId !== o.source.RegionId, defaults, regionId: target.regionId,
  });
  if (choice.kind !== 'none') checkEncryptionLimits(target.regionId, { isFromSnapshot: true });
  const key = await resolveChoice(core, ctx, choice, target, keySource);
  // Reading an encrypted source needs its key usable (the owner's role for a CMK), checked now.
  if (o.source.key && key?.KMSKeyId !== o.source.key.KMSKeyId) await resolveChoice(core, ctx, { kind: 'source' }, target, keySource);
  return { target, source: o.source, key, isSameKey: o.source.key?.KMSKeyId === key?.KMSKeyId };
}

/** Starts the copy: the new snapshot is committed as progressing (with `extra` in the same change) and
 *  filled in the background; `onDone` adds to the final change (e.g. the image becoming Available). */
export async function startCopy(core: EcsCore, ctx: CallContext, plan: CopyPlan, snapshot: Omit<SnapshotResource, 'key' | 'Encrypted' | 'storageSnapshotId' | 'Status' | 'progressPercent'>,
  extra: Parameters<EcsCore['commit']>[1], onDone: (change: Parameters<EcsCore['commit']>[1]) => Promise<void>, onFail: () => Promise<void>): Promise<SnapshotResource> {
  if (plan.key) await tagForEcs(core, ctx, plan.key);
  const wrapped: WrappedKey | undefined = !plan.key ? undefined : plan.isSameKey ? plan.source.key : await newWrappedKey(core, ctx, plan.key);
  const record: SnapshotResource = { ...snapshot, Status: 'progressing', progressPercent: 0, Encrypted: Boolean(wrapped), ...(wrapped ? { key: wrapped } : {}), storageSnapshotId: '' };
  ctx.audit.keyId = wrapped?.KMSKeyId;
  await core.commit(ctx, { ...extra, putSnapshots: [...(extra.putSnapshots ?? []), record] });
  const sourceStorage = plan.source.storageSnapshotId;
  core.jobs.start(record.SnapshotId, ctx.action, async (report) => {
    const storageSnapshotId = plan.isSameKey
      ? await shareSnapshot(core, sourceStorage, record.SnapshotId)
      : await copyToSnapshot(core, ctx, { storageSnapshotId: sourceStorage, name: record.SnapshotId, source: plan.source.key, target: wrapped, onProgress: report });
    await finishOrDiscard(core, storageSnapshotId, async () => {
      const change: Parameters<EcsCore['commit']>[1] = { putSnapshots: [{ ...(await mustGet(core, record.SnapshotId)), Status: 'accomplished', progressPercent: 100, storageSnapshotId }] };
      await onDone(change);
      await core.store.commit(change, []);
    }, true);
  }, onFail);
  return record;
}

export async function copySnapshot(core: EcsCore, ctx: CallContext, p: Params) {
  regionOf(ctx);
  const source = await core.ownSnapshot(ctx, p.SnapshotId as string);
  if (source.Status !== 'accomplished') throw ecsError('InvalidSnapshotId.NotReady', { snapshotId: source.SnapshotId });
  const destinationRegionId = p.DestinationRegionId as string;
  const plan = await planCopy(core, ctx, {
    source, sourceLabel: `snapshot ${source.SnapshotId}`, isShared: false, destinationRegionId, Encrypted: p.Encrypted as boolean | undefined, KMSKeyId: p.KMSKeyId as string | undefined,
  });
  const SnapshotId = core.newId('s');
  ctx.audit.resourceId = SnapshotId;
  await startCopy(core, ctx, plan, {
    SnapshotId, accountId: ctx.accountId, RegionId: destinationRegionId, SnapshotName: (p.DestinationSnapshotName as string | undefined) ?? '',
    Description: (p.DestinationSnapshotDescription as string | undefined) ?? '', SourceDiskSize: source.SourceDiskSize, SourceDiskId: source.SourceDiskId,
    SourceDiskType: source.SourceDiskType, SourceDiskCategory: source.SourceDiskCategory, SourceSnapshotId: source.SnapshotId, SourceRegionId: source.RegionId,
    Usage: 'none', Tags: tagsOf(p.Tag), createdMs: core.now(),
  }, {}, async () => undefined, () => markSnapshotFailed(core, SnapshotId));
  return { SnapshotId };
}
