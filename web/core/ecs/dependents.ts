// "What depends on this key" (product.md "Production guidance"; cloud-api.md §6 "Deleted key"): every
// disk, snapshot and image whose data key a KMS key wraps, and the account defaults naming it — the
// query F's KMS console shows before DisableKey / ScheduleKeyDeletion (instances join next issue).
import type { EcsStore } from './ports';

export interface KeyDependents {
  KeyId: string;
  Disks: { DiskId: string; accountId: string; RegionId: string; Status: string; InstanceId: string }[];
  Snapshots: { SnapshotId: string; accountId: string; RegionId: string; Status: string }[];
  Images: { ImageId: string; accountId: string; RegionId: string; Status: string; sharedWith: string[] }[];
  /** Regions whose account-level default encryption names this key. */
  DefaultFor: { accountId: string; RegionId: string }[];
  /** How many resources become unreadable if the key is disabled, unrecoverable if it is deleted. */
  total: number;
}

export async function keyDependents(store: EcsStore, keyId: string): Promise<KeyDependents> {
  const [disks, snapshots, images, defaults] = await Promise.all([store.listDisks(), store.listSnapshots(), store.listImages(), store.listDefaults()]);
  const result: KeyDependents = {
    KeyId: keyId,
    Disks: disks.filter((d) => d.key?.KMSKeyId === keyId).map((d) => ({ DiskId: d.DiskId, accountId: d.accountId, RegionId: d.RegionId, Status: d.Status, InstanceId: d.InstanceId })),
    Snapshots: snapshots.filter((s) => s.key?.KMSKeyId === keyId).map((s) => ({ SnapshotId: s.SnapshotId, accountId: s.accountId, RegionId: s.RegionId, Status: s.Status })),
    Images: images.filter((i) => i.KMSKeyId === keyId).map((i) => ({ ImageId: i.ImageId, accountId: i.accountId, RegionId: i.RegionId, Status: i.Status, sharedWith: [...i.sharedWith] })),
    DefaultFor: defaults.filter((d) => d.KMSKeyId === keyId).map((d) => ({ accountId: d.accountId, RegionId: d.RegionId })),
    total: 0,
  };
  result.total = result.Disks.length + result.Snapshots.length + result.Images.length;
  return result;
}
