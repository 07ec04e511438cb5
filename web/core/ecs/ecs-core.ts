// Shared machinery of the lab's ECS block storage (../shared/spec/cloud-api.md §2): its ports (store,
// DiskService, KMS, RAM, pool, instances), one-at-a-time execution, commits that carry the audit
// record, resource ids, the identities ECS uses towards KMS (§8), and resource lookups with the cloud's codes.
import { draftOf, type CallContext } from '../api/context';
import type { AuditLog } from '../audit/audit-log';
import type { CallerIdentity } from '../audit/types';
import type { LabClock } from '../clock';
import type { DiskServiceApi } from '../disks/api';
import type { KmsService } from '../kms/kms-service';
import type { SectorCipher } from '../ports';
import { ECS_DISK_ENCRYPT_ROLE } from '../ram/roles';
import { ecsError } from './codes';
import { JobRunner } from './jobs';
import type { DiskResource, EcsChange, EcsStore, ImageResource, SnapshotResource } from './ports';

/** What ECS asks of the KMS (KmsService satisfies it): all calls are made as ECS or its role. */
export type KmsPort = Pick<KmsService, 'getOrCreateServiceKey' | 'generateWrappedDataKey' | 'unwrapIntoPool' | 'describeKeyForService' | 'tagKeyForService'>;

/** What ECS asks of RAM: may it assume AliyunECSDiskEncryptDefaultRole in this account (§3.1)? */
export interface RolePort {
  hasEcsDiskEncryptionRole(accountId: string): Promise<{ RoleId: string } | undefined>;
}

/** An instance as AttachDisk needs it (InstanceResource satisfies it; the store is the default port). */
export interface InstanceView {
  InstanceId: string;
  accountId: string;
  RegionId: string;
  ZoneId: string;
  InstanceType: string;
  Status: 'Pending' | 'Starting' | 'Running' | 'Stopping' | 'Stopped';
}

export interface InstancePort {
  getInstance(instanceId: string): Promise<InstanceView | undefined>;
}

/** The public image's disk contents (guest/image.ts buildGuestImage(), wired by main.tsx). */
export interface SectorWrite {
  sector: number;
  data: Uint8Array;
}

export interface EcsOptions {
  store: EcsStore;
  disks: DiskServiceApi;
  cipher: SectorCipher;
  kms: KmsPort;
  ram: RolePort;
  audit: AuditLog;
  clock: LabClock;
  /** Random lowercase letters and digits, `length` of them (resource ids). */
  randomId(length: number): string;
  publicImageContents(): SectorWrite[];
  /** Default: the store's instances (tests may give a fake). */
  instances?: InstancePort;
  /** The visible steps of instance transitions (Pending → Starting → Running, Stopping → Stopped), ms; default 400. */
  instanceStepMs?: number;
  /** DescribeInstanceVncUrl: the lab URL of an instance's console page; default the hash route alone. */
  vncUrl?(instanceId: string): string;
}

export const GIB = 1 << 30;
/** DiskService's largest disk is 2 TiB: bigger cloud disks are stored as 2 TiB sparse disks (the lab's scale). */
export const MAX_STORAGE_GIB = 2048;
export const ROLE_SESSION = 'ecs-disk-encryption';

/** ECS itself, towards KMS, for the service key (§8: `system`). */
export function ecsSystemCaller(accountId: string): CallerIdentity {
  return { type: 'system', accountId, principalId: 'ecs.aliyuncs.com', userName: 'Ecs' };
}

/** ECS's assumed role, towards KMS, for a CMK (§8). */
export function ecsRoleCaller(accountId: string, roleId: string): CallerIdentity {
  return { type: 'assumed-role', accountId, principalId: `${roleId}:${ROLE_SESSION}`, userName: `${ECS_DISK_ENCRYPT_ROLE}:${ROLE_SESSION}` };
}

export class EcsCore {
  readonly store: EcsStore;
  readonly disks: DiskServiceApi;
  readonly cipher: SectorCipher;
  readonly kms: KmsPort;
  readonly ram: RolePort;
  readonly audit: AuditLog;
  readonly clock: LabClock;
  readonly instances: InstancePort;
  readonly jobs = new JobRunner();
  private readonly randomId: (length: number) => string;
  readonly publicImageContents: () => SectorWrite[];
  readonly instanceStepMs: number;
  readonly vncUrl: (instanceId: string) => string;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(options: EcsOptions) {
    this.store = options.store;
    this.disks = options.disks;
    this.cipher = options.cipher;
    this.kms = options.kms;
    this.ram = options.ram;
    this.audit = options.audit;
    this.clock = options.clock;
    this.randomId = options.randomId;
    this.publicImageContents = options.publicImageContents;
    this.instances = options.instances ?? { getInstance: (instanceId) => this.store.getInstance(instanceId) };
    this.instanceStepMs = options.instanceStepMs ?? 400;
    this.vncUrl = options.vncUrl ?? ((instanceId) => `#/ecs/instances/${instanceId}/console`);
  }

  now(): number {
    return this.clock.nowMs();
  }

  /** d-…, s-…, m-…, i-… (20 characters, as the cloud's), lin-… for lineages. */
  newId(prefix: 'd' | 's' | 'm' | 'i' | 'lin'): string {
    return `${prefix}-${this.randomId(prefix === 'lin' ? 16 : 18)}`;
  }

  /** Runs `fn` after every earlier ECS operation has finished (checks then writes stay consistent). */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Writes `change` and the call's success record in one store transaction. */
  async commit(ctx: CallContext, change: EcsChange): Promise<void> {
    await this.audit.commitWith(draftOf(ctx), (record) => this.store.commit(change, [record]));
    ctx.isRecorded = true;
  }

  /** A background job's change (no call record: the call that started it was recorded). */
  commitBackground(change: EcsChange): Promise<void> {
    return this.exclusive(() => this.store.commit(change, []));
  }

  /** The caller's own disk in the call's region, or InvalidDiskId.NotFound. */
  async ownDisk(ctx: CallContext, diskId: string): Promise<DiskResource> {
    ctx.audit.resourceId = diskId;
    const disk = await this.store.getDisk(diskId);
    if (!disk || disk.accountId !== ctx.accountId || disk.RegionId !== ctx.regionId) throw ecsError('InvalidDiskId.NotFound');
    return disk;
  }

  /** The caller's own snapshot in the call's region, or InvalidSnapshotId.NotFound. */
  async ownSnapshot(ctx: CallContext, snapshotId: string): Promise<SnapshotResource> {
    ctx.audit.resourceId = snapshotId;
    const snapshot = await this.store.getSnapshot(snapshotId);
    if (!snapshot || snapshot.accountId !== ctx.accountId || snapshot.RegionId !== ctx.regionId) throw ecsError('InvalidSnapshotId.NotFound');
    return snapshot;
  }

  /** A snapshot the caller may read: its own, or one an image shared with it is made of. */
  async readableSnapshot(ctx: CallContext, snapshotId: string): Promise<{ snapshot: SnapshotResource; isShared: boolean }> {
    ctx.audit.resourceId = snapshotId;
    const snapshot = await this.store.getSnapshot(snapshotId);
    if (snapshot && snapshot.RegionId === ctx.regionId) {
      if (snapshot.accountId === ctx.accountId) return { snapshot, isShared: false };
      const images = await this.store.listImages();
      if (images.some((i) => i.SnapshotId === snapshotId && i.RegionId === ctx.regionId && i.sharedWith.includes(ctx.accountId))) return { snapshot, isShared: true };
    }
    throw ecsError('InvalidSnapshotId.NotFound');
  }

  /** An image the caller may see: its own, shared with it, or public. */
  async visibleImage(ctx: CallContext, imageId: string): Promise<{ image: ImageResource; isShared: boolean }> {
    ctx.audit.resourceId = imageId;
    const image = await this.store.getImage(imageId, ctx.regionId);
    if (image && (image.accountId === ctx.accountId || image.ImageOwnerAlias === 'system' || image.sharedWith.includes(ctx.accountId))) {
      return { image, isShared: image.ImageOwnerAlias !== 'system' && image.accountId !== ctx.accountId };
    }
    throw ecsError('InvalidImageId.NotFound', { imageId, regionId: ctx.regionId });
  }

  /** The caller's own image (public and shared images cannot be changed), or InvalidImageId.NotFound. */
  async ownImage(ctx: CallContext, imageId: string): Promise<ImageResource> {
    const { image } = await this.visibleImage(ctx, imageId);
    if (image.accountId !== ctx.accountId || image.ImageOwnerAlias === 'system') throw ecsError('InvalidImageId.NotFound', { imageId, regionId: ctx.regionId });
    return image;
  }

  /** Live progress of a running job, else the stored one. */
  progressOf(resourceId: string, stored: number): number {
    return this.jobs.progress(resourceId) ?? stored;
  }
}

/** Size in GiB → bytes of the sparse DiskService disk underneath. */
export function storageBytes(sizeGib: number): number {
  return Math.min(sizeGib, MAX_STORAGE_GIB) * GIB;
}
