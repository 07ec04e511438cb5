// RunInstances (../shared/spec/cloud-api.md §2.3, §5): every check first — zone, instance type, image,
// the system disk and DataDisk.N under the block-storage rules (disk-plan.ts) and the §5 limits — then,
// unless DryRun (→ DryRunOperation, nothing made), Amount instances with their disks in one commit.
// Each instance is Pending until its disks exist, then starts (keys fetched as ECS) and runs.
import { missingParameter } from '../api/codes';
import type { CallContext } from '../api/context';
import type { Params } from '../api/params';
import { FAMILIES_REFUSING_ENCRYPTED_DISKS, ZONES_WITHOUT_SYSTEM_DISK_ENCRYPTION, findInstanceType, type InstanceType, type PerformanceLevel } from './catalogue';
import { ecsError } from './codes';
import { regionOf, snapshotSource } from './disk-actions';
import { makeDisk, planDisk, type DiskPlan, type DiskSource, type MadeDisk } from './disk-plan';
import type { EcsCore } from './ecs-core';
import { KeyRefusal, attachedDisks, type Hypervisor } from './hypervisor';
import { ensurePublicImage, PUBLIC_IMAGE_ID, PUBLIC_IMAGE_SIZE_GIB } from './image-actions';
import type { DiskResource, ImageResource, InstanceResource } from './ports';
import { tagsOf } from './views';

/** RunInstances' lab default (the China site's newer default; cloud-api.md §2.3), for data disks too. */
export const DEFAULT_SYSTEM_DISK_CATEGORY = 'cloud_essd';

/** An image the caller may launch from, as a disk source (the public image is made on first use; in a
 *  dry run it is described without being made). */
export async function imageSource(core: EcsCore, ctx: CallContext, imageId: string, isDryRun = false): Promise<{ image: ImageResource; source: DiskSource }> {
  if (imageId === PUBLIC_IMAGE_ID) {
    const existing = await core.store.getImage(imageId, ctx.regionId);
    const image = existing ?? (isDryRun ? undefined : await ensurePublicImage(core, ctx.regionId));
    const label = `image ${imageId}`;
    return {
      image: image ?? { ImageId: imageId, OSName: 'LabOS 1.0 64-bit', Size: PUBLIC_IMAGE_SIZE_GIB } as ImageResource,
      source: { storageSnapshotId: image?.publicStorageSnapshotId ?? '', SnapshotId: '', size: image?.Size ?? PUBLIC_IMAGE_SIZE_GIB, keySource: { label, Encrypted: false, isShared: false } },
    };
  }
  const { image, isShared } = await core.visibleImage(ctx, imageId);
  if (image.Status !== 'Available') throw ecsError('IncorrectImageStatus', { imageId, status: image.Status });
  const snapshot = await core.store.getSnapshot(image.SnapshotId);
  if (!snapshot || snapshot.Status !== 'accomplished') throw ecsError('IncorrectImageStatus', { imageId, status: 'its snapshot is not ready' });
  return {
    image,
    source: {
      storageSnapshotId: snapshot.storageSnapshotId, ...(snapshot.key ? { key: snapshot.key } : {}), SnapshotId: snapshot.SnapshotId, size: image.Size,
      keySource: { label: `image ${imageId}`, Encrypted: image.Encrypted, key: snapshot.key, isShared },
    },
  };
}

/** §5: the seven families take no encrypted system disk and no encrypted data disk from a snapshot. */
export function checkFamily(type: InstanceType, what: string): void {
  if (FAMILIES_REFUSING_ENCRYPTED_DISKS.includes(type.InstanceTypeFamily)) {
    throw ecsError('InvalidInstanceType.NotSupportDiskCategory', { reason: `Instance family ${type.InstanceTypeFamily} does not support ${what}.` });
  }
}

export interface SystemDiskRequest {
  type: InstanceType;
  zoneId: string;
  source: DiskSource;
  category: string;
  PerformanceLevel?: PerformanceLevel;
  Size?: number;
  Encrypted?: boolean;
  KMSKeyId?: string;
  /** RunInstances: the two zones without system-disk encryption at creation. */
  isAtCreation: boolean;
  isDryRun: boolean;
}

/** A system disk from an image, checked and its key resolved (RunInstances, ReplaceSystemDisk). */
export async function planSystemDisk(core: EcsCore, ctx: CallContext, r: SystemDiskRequest): Promise<DiskPlan> {
  const families = r.category === 'cloud_essd_entry' ? ['ecs.u1', 'ecs.e'] : undefined;
  if (families && !families.includes(r.type.InstanceTypeFamily)) {
    throw ecsError('InvalidInstanceType.NotSupportDiskCategory', { reason: `${r.category} can be a system disk only with ${families.join(' or ')}, not ${r.type.InstanceTypeFamily}.` });
  }
  return planDisk(core, ctx, {
    category: r.category, PerformanceLevel: r.PerformanceLevel, Size: r.Size, Encrypted: r.Encrypted, KMSKeyId: r.KMSKeyId, zoneId: r.zoneId,
    source: r.source, use: 'system', isDryRun: r.isDryRun,
    limits: (isEncrypted) => {
      if (!isEncrypted) return;
      if (r.isAtCreation && ZONES_WITHOUT_SYSTEM_DISK_ENCRYPTION.includes(r.zoneId)) throw ecsError('NotSupportSnapshotEncrypted.ZoneId', { zoneId: r.zoneId });
      checkFamily(r.type, 'encrypted system disks');
    },
  });
}

interface DataDiskParams {
  Category?: string; Size?: number; SnapshotId?: string; Encrypted?: boolean; KMSKeyId?: string; PerformanceLevel?: PerformanceLevel;
  DeleteWithInstance?: boolean; DiskName?: string; Description?: string;
}

interface RunPlan {
  type: InstanceType;
  zoneId: string;
  image: ImageResource;
  system: DiskPlan;
  data: { plan: DiskPlan; spec: DataDiskParams }[];
}

/** Every check of RunInstances; the same for a DryRun. Changes nothing (but a first service key or
 *  public image outside a dry run). */
async function planRun(core: EcsCore, ctx: CallContext, p: Params, isDryRun: boolean): Promise<RunPlan> {
  const region = regionOf(ctx);
  const zoneId = p.ZoneId as string;
  if (!region.Zones.includes(zoneId)) throw ecsError('InvalidZoneId.NotFound', { zoneId, regionId: region.RegionId });
  const type = findInstanceType(p.InstanceType as string);
  if (!type) throw ecsError('InvalidInstanceType.ValueNotSupported', { instanceType: p.InstanceType as string });
  const { image, source } = await imageSource(core, ctx, p.ImageId as string, isDryRun);
  const system = await planSystemDisk(core, ctx, {
    type, zoneId, source, category: (p['SystemDisk.Category'] as string | undefined) ?? DEFAULT_SYSTEM_DISK_CATEGORY,
    PerformanceLevel: p['SystemDisk.PerformanceLevel'] as PerformanceLevel | undefined, Size: p['SystemDisk.Size'] as number | undefined,
    Encrypted: p['SystemDisk.Encrypted'] as boolean | undefined, KMSKeyId: p['SystemDisk.KMSKeyId'] as string | undefined, isAtCreation: true, isDryRun,
  });
  const data: RunPlan['data'] = [];
  for (const [i, spec] of ((p.DataDisk as DataDiskParams[] | undefined) ?? []).entries()) {
    const dataSource = spec.SnapshotId !== undefined ? await snapshotSource(core, ctx, spec.SnapshotId) : undefined;
    if (!dataSource && spec.Size === undefined) throw missingParameter(`DataDisk.${i + 1}.Size`);
    const plan = await planDisk(core, ctx, {
      category: spec.Category ?? DEFAULT_SYSTEM_DISK_CATEGORY, PerformanceLevel: spec.PerformanceLevel,
      // §2.3: with a SnapshotId the Size is ignored, the snapshot's size is used.
      Size: dataSource ? undefined : spec.Size, Encrypted: spec.Encrypted, KMSKeyId: spec.KMSKeyId, zoneId, source: dataSource, use: 'data', isDryRun,
      limits: (isEncrypted) => { if (isEncrypted && dataSource) checkFamily(type, 'encrypted data disks created from snapshots'); },
    });
    data.push({ plan, spec });
  }
  return { type, zoneId, image, system, data };
}

export async function runInstances(core: EcsCore, hv: Hypervisor, ctx: CallContext, p: Params) {
  const isDryRun = p.DryRun === true;
  const plan = await planRun(core, ctx, p, isDryRun);
  if (isDryRun) throw ecsError('DryRunOperation');
  const amount = (p.Amount as number | undefined) ?? 1;
  const made: MadeDisk[] = [];
  const instances: InstanceResource[] = [];
  try {
    for (let n = 0; n < amount; n++) {
      const InstanceId = core.newId('i');
      instances.push({
        InstanceId, accountId: ctx.accountId, RegionId: ctx.regionId, ZoneId: plan.zoneId,
        InstanceName: (p.InstanceName as string | undefined) ?? InstanceId, HostName: (p.HostName as string | undefined) ?? InstanceId,
        Description: (p.Description as string | undefined) ?? '', InstanceType: plan.type.InstanceTypeId, ImageId: plan.image.ImageId, OSName: plan.image.OSName,
        Status: 'Pending', bootCount: 0, createdMs: core.now(), startedMs: 0, Tags: tagsOf(p.Tag),
      });
      made.push(await makeDisk(core, ctx, plan.system, {
        DiskId: core.newId('d'), DiskName: (p['SystemDisk.DiskName'] as string | undefined) ?? '', Description: (p['SystemDisk.Description'] as string | undefined) ?? '',
        Type: 'system', InstanceId, Device: '/dev/xvda', DeleteWithInstance: true, ImageId: plan.image.ImageId, Tags: [], readyStatus: 'In_use',
      }));
      for (const [i, { plan: diskPlan, spec }] of plan.data.entries()) {
        made.push(await makeDisk(core, ctx, diskPlan, {
          DiskId: core.newId('d'), DiskName: spec.DiskName ?? '', Description: spec.Description ?? '', Type: 'data', InstanceId,
          Device: `/dev/xvd${'bcdefghijklmnopq'[i]}`, DeleteWithInstance: spec.DeleteWithInstance ?? true, ImageId: '', Tags: [], readyStatus: 'In_use',
        }));
      }
    }
    ctx.audit.resourceId = instances.map((i) => i.InstanceId).join(',');
    ctx.audit.keyId = plan.system.key?.KMSKeyId || undefined;
    await core.commit(ctx, { putInstances: instances, putDisks: made.map((m) => m.disk) });
  } catch (error) {
    for (const m of made) await m.discard();
    throw error;
  }
  for (const m of made) m.start();
  for (const instance of instances) {
    const creating = made.filter((m) => m.disk.InstanceId === instance.InstanceId && m.disk.Status === 'Creating').map((m) => m.disk.DiskId);
    startFirstBoot(core, hv, instance.InstanceId, creating);
  }
  return { InstanceIdSets: { InstanceIdSet: instances.map((i) => i.InstanceId) } };
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Pending → (its disks made) → Starting, keys fetched as ECS → Running. A refused key leaves it
 *  Stopped (it never ran); a disk whose creation failed takes the instance and its disks with it. */
function startFirstBoot(core: EcsCore, hv: Hypervisor, instanceId: string, creatingDiskIds: string[]): void {
  core.jobs.start(instanceId, 'RunInstances', async () => {
    for (const diskId of creatingDiskIds) await core.jobs.whenDone(diskId);
    await delay(core.instanceStepMs);
    const isStarted = await core.exclusive(async () => {
      const instance = await core.store.getInstance(instanceId);
      if (instance?.Status !== 'Pending') return false;
      const disks = attachedDisks(await core.store.listDisks(), instanceId);
      if (creatingDiskIds.some((id) => !disks.some((d) => d.DiskId === id)) || disks.some((d) => d.Status !== 'In_use')) {
        throw new Error(`a disk of ${instanceId} could not be created`);
      }
      const next: InstanceResource = { ...instance, Status: 'Starting', bootCount: instance.bootCount + 1, startedMs: core.now() };
      try {
        const prepared = await hv.prepare(next, 'RunInstances');
        await core.store.commit({ putInstances: [next] }, []);
        await hv.start(next, prepared, 'RunInstances');
        return true;
      } catch (error) {
        if (!(error instanceof KeyRefusal)) throw error;
        await core.store.commit({ putInstances: [{ ...instance, Status: 'Stopped' }] }, []);
        return false;
      }
    });
    if (!isStarted) return;
    await delay(core.instanceStepMs);
    await core.exclusive(async () => {
      const current = await core.store.getInstance(instanceId);
      if (current?.Status === 'Starting') await core.store.commit({ putInstances: [{ ...current, Status: 'Running' }] }, []);
    });
  }, () => discardFailedInstance(core, instanceId));
}

/** A RunInstances that could not make its disks leaves nothing behind (the instance and every disk made for it). */
async function discardFailedInstance(core: EcsCore, instanceId: string): Promise<void> {
  const disks: DiskResource[] = await core.exclusive(async () => {
    const list = attachedDisks(await core.store.listDisks(), instanceId);
    await core.store.commit({ deleteInstances: [instanceId], deleteDisks: list.map((d) => d.DiskId) }, []);
    return list;
  });
  for (const disk of disks) if (disk.storageDiskId) await core.disks.deleteDisk(disk.storageDiskId);
}

