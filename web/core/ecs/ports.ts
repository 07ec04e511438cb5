// ECS block-storage resources as the cloud describes them (../shared/spec/cloud-api.md §2): disks
// (d-…), snapshots (s-…), images (m-…), image share permissions and account-level default encryption
// per account+region (§2.9); each resource names the DiskService record underneath. EcsStore commits
// a change with its audit record in one transaction (as the KMS store does); memory/ has the twin.
import type { AuditRecord } from '../audit/types';
import type { PerformanceLevel } from './catalogue';
import type { InstanceStatus } from './instance-ports';

/** The wrapped data key kept with an encrypted resource: never plaintext (house-style "Where secrets may live"). */
export interface WrappedKey {
  /** The KMS key that wraps the data key (real id, never an alias). */
  KMSKeyId: string;
  CiphertextBlob: string;
  /** Names account, region and lineage; bound to the blob as AES-GCM additional data. */
  EncryptionContext: Record<string, string>;
  /** A disk, its snapshots and the disks made from them share it (§2.4, §6). */
  lineageId: string;
  /** Account and region of the key (the lineage's owner), needed to unwrap for a sharee's copy. */
  accountId: string;
  regionId: string;
  /** The service key (ECS itself calls KMS) or a CMK (ECS's assumed role calls KMS). */
  isServiceKey: boolean;
}

export interface Tag {
  Key: string;
  Value: string;
}

export type DiskStatus = 'Creating' | 'Available' | 'Attaching' | 'In_use' | 'Detaching' | 'ReIniting';

export interface DiskResource {
  DiskId: string;
  accountId: string;
  RegionId: string;
  /** Empty for a zone-redundant Regional ESSD. */
  ZoneId: string;
  DiskName: string;
  Description: string;
  Category: string;
  /** GiB. */
  Size: number;
  /** ESSD only. */
  PerformanceLevel?: PerformanceLevel;
  Encrypted: boolean;
  /** The wrapped data key (encrypted disks). */
  key?: WrappedKey;
  Status: DiskStatus;
  /** 'system' when it is an instance's system disk, else 'data'. */
  Type: 'system' | 'data';
  InstanceId: string;
  Device: string;
  DeleteWithInstance: boolean;
  SourceSnapshotId: string;
  /** The image a system disk was made from. */
  ImageId: string;
  Tags: Tag[];
  createdMs: number;
  /** The DiskService disk underneath. */
  storageDiskId: string;
}

export type SnapshotStatus = 'progressing' | 'accomplished' | 'failed';

export interface SnapshotResource {
  SnapshotId: string;
  accountId: string;
  RegionId: string;
  SnapshotName: string;
  Description: string;
  Status: SnapshotStatus;
  /** 0–100; live progress of a running copy comes from the job runner. */
  progressPercent: number;
  /** GiB, the source disk's size. */
  SourceDiskSize: number;
  SourceDiskId: string;
  SourceDiskType: 'system' | 'data';
  SourceDiskCategory: string;
  /** CopySnapshot: the snapshot and region copied from. */
  SourceSnapshotId: string;
  SourceRegionId: string;
  Encrypted: boolean;
  key?: WrappedKey;
  /** 'image' when it backs an image (CopyImage made it, or CreateImage used it); 'none' otherwise. */
  Usage: 'none' | 'image';
  /** Set when an image copy made this snapshot for itself: deleted with that image. */
  ownerImageId?: string;
  Tags: Tag[];
  createdMs: number;
  /** The DiskService snapshot underneath; empty until a copy finishes. */
  storageSnapshotId: string;
}

export type ImageStatus = 'Creating' | 'Available' | 'CreateFailed';

export interface ImageResource {
  ImageId: string;
  /** The owner; '' for the public (system) image. */
  accountId: string;
  RegionId: string;
  ImageName: string;
  Description: string;
  ImageOwnerAlias: 'system' | 'self';
  Status: ImageStatus;
  progressPercent: number;
  /** GiB. */
  Size: number;
  OSName: string;
  Platform: string;
  Architecture: 'x86_64';
  /** The system-disk snapshot the image is made of ('' for the public image). */
  SnapshotId: string;
  /** The public image only: the DiskService snapshot holding the guest (shared by every region). */
  publicStorageSnapshotId?: string;
  Encrypted: boolean;
  KMSKeyId?: string;
  /** Accounts this image is shared with (ModifyImageSharePermission). */
  sharedWith: string[];
  /** CopyImage: where it came from. */
  SourceImageId: string;
  SourceRegionId: string;
  Tags: Tag[];
  createdMs: number;
}

/** Account-level EBS default encryption of one account in one region (§2.9). */
export interface DefaultEncryption {
  accountId: string;
  RegionId: string;
  Encrypted: boolean;
  /** Undefined: the region's service key (the default, and after ResetDiskDefaultKMSKeyId). */
  KMSKeyId?: string;
}

/** An instance (§2.3, §2.7; issue 6). Its disks point at it (DiskResource.InstanceId); the power state
 *  (which data keys are in the pool) is the hypervisor's, in memory, never stored. */
export interface InstanceResource {
  /** 'i-' + 18 lowercase letters and digits. */
  InstanceId: string;
  accountId: string;
  RegionId: string;
  ZoneId: string;
  InstanceName: string;
  /** Default: the InstanceId. The guest gets it from the hypervisor (metadata), never from its disk. */
  HostName: string;
  Description: string;
  InstanceType: string;
  /** The image the instance (or its last ReplaceSystemDisk) started from. */
  ImageId: string;
  /** From the image when the instance was made (the image may be deleted later). */
  OSName: string;
  Status: InstanceStatus;
  /** +1 at each API start or reboot and at RunInstances' first start: a host compares it with its
   *  PowerState.bootCount to see a reboot it did not make (another tab). */
  bootCount: number;
  createdMs: number;
  /** The last API start (0: never started). */
  startedMs: number;
  Tags: Tag[];
}

/** One atomic change: all of it lands (with its audit records), or none of it. */
export interface EcsChange {
  putDisks?: DiskResource[];
  deleteDisks?: string[];
  putSnapshots?: SnapshotResource[];
  deleteSnapshots?: string[];
  putImages?: ImageResource[];
  /** Images are keyed by ImageId + RegionId (a public image has one id in every region). */
  deleteImages?: { ImageId: string; RegionId: string }[];
  putDefaults?: DefaultEncryption[];
  putInstances?: InstanceResource[];
  deleteInstances?: string[];
}

export interface EcsStore {
  getDisk(diskId: string): Promise<DiskResource | undefined>;
  /** Every disk of every account (filters are applied by the caller), oldest first. */
  listDisks(): Promise<DiskResource[]>;
  getSnapshot(snapshotId: string): Promise<SnapshotResource | undefined>;
  listSnapshots(): Promise<SnapshotResource[]>;
  getImage(imageId: string, regionId: string): Promise<ImageResource | undefined>;
  listImages(): Promise<ImageResource[]>;
  getDefault(accountId: string, regionId: string): Promise<DefaultEncryption | undefined>;
  listDefaults(): Promise<DefaultEncryption[]>;
  getInstance(instanceId: string): Promise<InstanceResource | undefined>;
  /** Every instance of every account, oldest first. */
  listInstances(): Promise<InstanceResource[]>;
  /** Applies `change` and appends `audit` in one transaction; throws AuditConflict (writing nothing)
   *  unless audit[0] follows the audit store's head. An empty `audit` is allowed (background jobs). */
  commit(change: EcsChange, audit: AuditRecord[]): Promise<void>;
  /** Lab Reset. */
  clear(): Promise<void>;
}
