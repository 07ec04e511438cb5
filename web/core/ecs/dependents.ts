// "What depends on this key" (product.md "Production guidance"; cloud-api.md §6 "Deleted key"): every
// disk, snapshot and image whose data key a KMS key wraps, the instances with such a disk attached
// (they keep running, but will not boot again while the key is refused), and the account defaults
// naming it — the query the KMS console shows before DisableKey / ScheduleKeyDeletion.
import type { EcsStore } from './ports';

export interface KeyDependents {
  KeyId: string;
  Disks: { DiskId: string; accountId: string; RegionId: string; Status: string; InstanceId: string }[];
  Snapshots: { SnapshotId: string; accountId: string; RegionId: string; Status: string }[];
  Images: { ImageId: string; accountId: string; RegionId: string; Status: string; sharedWith: string[] }[];
  /** Instances with a disk under the key attached, system disk or data disk. */
  Instances: { InstanceId: string; InstanceName: string; accountId: string; RegionId: string; Status: string }[];
  /** Regions whose account-level default encryption names this key. */
  DefaultFor: { accountId: string; RegionId: string }[];
  /** How many disks, snapshots and images become unreadable if the key is disabled, unrecoverable if it is deleted. */
  total: number;
}

export async function keyDependents(store: EcsStore, keyId: string): Promise<KeyDependents> {
  const [disks, snapshots, images, defaults, instances] = await Promise.all([store.listDisks(), store.listSnapshots(), store.listImages(), store.listDefaults(), store.listInstances()]);
  const withKey = new Set(disks.filter((d) => d.key?.KMSKeyId === keyId && d.InstanceId).map((d) => d.InstanceId));
  const result: KeyDependents = {
    KeyId: keyId,
    Disks: disks.filter((d) => d.key?.KMSKeyId === keyId).map((d) => ({ DiskId: d.DiskId, accountId: d.accountId, RegionId: d.RegionId, Status: d.Status, InstanceId: d.InstanceId })),
    Snapshots: snapshots.filter((s) => s.key?.KMSKeyId === keyId).map((s) => ({ SnapshotId: s.SnapshotId, accountId: s.accountId, RegionId: s.RegionId, Status: s.Status })),
    Images: images.filter((i) => i.KMSKeyId === keyId).map((i) => ({ ImageId: i.ImageId, accountId: i.accountId, RegionId: i.RegionId, Status: i.Status, sharedWith: [...i.sharedWith] })),
    Instances: instances.filter((i) => withKey.has(i.InstanceId)).map((i) => ({ InstanceId: i.InstanceId, InstanceName: i.InstanceName, accountId: i.accountId, RegionId: i.RegionId, Status: i.Status })),
    DefaultFor: defaults.filter((d) => d.KMSKeyId === keyId).map((d) => ({ accountId: d.accountId, RegionId: d.RegionId })),
    total: 0,
  };
  result.total = result.Disks.length + result.Snapshots.length + result.Images.length;
  return result;
}
