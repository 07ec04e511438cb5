// The data paths under ECS resources, on the DiskService (core/disks): copy-on-write snapshot copies
// when the data key stays, and re-encrypting copies through the worker pool when it changes (a new
// KMS key always means a new data key, house-style.md). Handles live only for the copy.
import type { CallContext } from '../api/context';
import type { NewDiskEncryption } from '../disks/api';
import type { DataKeyHandle } from '../ports';
import type { EcsCore } from './ecs-core';
import { withDataKey } from './encryption';
import type { WrappedKey } from './ports';

/** The DiskService encryption of a new storage disk under `key` (loaded as `handle`). */
export function storageEncryption(key: WrappedKey | undefined, handle: DataKeyHandle | undefined): NewDiskEncryption {
  if (!key || handle === undefined) return { isEncrypted: false };
  return {
    isEncrypted: true, handle, keySource: 'kms', lineageId: key.lineageId,
    wrappedKey: { keyId: key.KMSKeyId, ciphertextBlob: key.CiphertextBlob, encryptionContext: { ...key.EncryptionContext } },
  };
}

/** Runs `fn` with the handles of `source` and `target` (either may be absent), releasing both after. */
async function withKeys<T>(core: EcsCore, ctx: CallContext, source: WrappedKey | undefined, target: WrappedKey | undefined,
  fn: (sourceHandle: DataKeyHandle | undefined, targetHandle: DataKeyHandle | undefined) => Promise<T>): Promise<T> {
  const withTarget = (sourceHandle: DataKeyHandle | undefined) => (target ? withDataKey(core, ctx, target, (t) => fn(sourceHandle, t)) : fn(sourceHandle, undefined));
  return source ? withDataKey(core, ctx, source, withTarget) : withTarget(undefined);
}

/** A new storage snapshot sharing every chunk of `storageSnapshotId` (same data key and lineage). */
export async function shareSnapshot(core: EcsCore, storageSnapshotId: string, name: string): Promise<string> {
  const disk = await core.disks.createDiskFromSnapshot(storageSnapshotId, name);
  try {
    return (await core.disks.createSnapshot(disk.id, name)).id;
  } finally {
    await core.disks.deleteDisk(disk.id);
  }
}

/** A storage disk holding `storageSnapshotId`'s guest data under `target` (or plaintext), re-encrypted
 *  through the pool; `source` is the snapshot's own wrapped key when it is encrypted. */
export async function copyToDisk(core: EcsCore, ctx: CallContext, o: {
  storageSnapshotId: string; name: string; source?: WrappedKey; target?: WrappedKey; onProgress?: (percent: number) => void;
  /** Bigger than the source's storage to grow the copy (default: the source's size). */
  sizeBytes?: number;
}): Promise<string> {
  return withKeys(core, ctx, o.source, o.target, async (sourceHandle, targetHandle) => {
    const disk = await core.disks.copy({
      source: { snapshotId: o.storageSnapshotId },
      sourceHandle,
      target: { name: o.name, ...(o.sizeBytes !== undefined ? { sizeBytes: o.sizeBytes } : {}), encryption: storageEncryption(o.target, targetHandle) },
      onProgress: (p) => o.onProgress?.(p.totalBytes ? (p.doneBytes / p.totalBytes) * 100 : 100),
    });
    return disk.id;
  });
}

/** Like copyToDisk, but the result is a storage snapshot (the copy's disk is removed; its chunks stay). */
export async function copyToSnapshot(core: EcsCore, ctx: CallContext, o: Parameters<typeof copyToDisk>[2]): Promise<string> {
  const diskId = await copyToDisk(core, ctx, o);
  try {
    return (await core.disks.createSnapshot(diskId, o.name)).id;
  } finally {
    await core.disks.deleteDisk(diskId);
  }
}
