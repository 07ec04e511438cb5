// Incremental, point-in-time snapshots by reference counting (copy-on-write chunks): a snapshot
// freezes the disk's chunk map and adds one reference to every chunk; disks made from it share them.
// Same data key and lineage throughout (house-style "Where secrets may live"; cloud-api.md CreateSnapshot).
import { acquireDeltas, checkUsable, diskLock, loadDisk, loadSnapshot, releaseDeltas, snapshotLock, type DiskContext } from './disk-context';
import type { DiskRecord, SnapshotRecord } from './types';
import { checkName, grownSize } from './validate';

export async function createSnapshot(ctx: DiskContext, diskId: string, name: string): Promise<SnapshotRecord> {
  const snapshotName = checkName(name);
  return ctx.locks.withLock(diskLock(diskId), 'exclusive', async () => {
    const disk = await loadDisk(ctx, diskId);
    checkUsable(disk);
    const snapshot: SnapshotRecord = {
      id: ctx.newId('s'),
      name: snapshotName,
      sourceDiskId: disk.id,
      sizeBytes: disk.sizeBytes,
      chunkBytes: disk.chunkBytes,
      encryption: structuredClone(disk.encryption),
      chunks: { ...disk.chunks },
      createdAt: ctx.now().toISOString(),
    };
    // The disk's generation moves too: a writer that read the refs before this commit would
    // otherwise overwrite a now-shared chunk in place (its `expect` fails with DiskBusy instead).
    await ctx.store.commit({
      putSnapshots: [snapshot],
      putDisks: [{ ...disk, generation: disk.generation + 1 }],
      refDeltas: acquireDeltas(disk.chunks),
      expect: [{ diskId: disk.id, generation: disk.generation }],
    }, 'strict');
    return snapshot;
  });
}

export function deleteSnapshot(ctx: DiskContext, snapshotId: string): Promise<void> {
  return ctx.locks.withLock(snapshotLock(String(snapshotId)), 'exclusive', async () => {
    const snapshot = await loadSnapshot(ctx, snapshotId);
    // Frees exactly the chunks no disk or other snapshot names: the store deletes a chunk at 0 refs.
    await ctx.store.commit({ deleteSnapshots: [snapshot.id], refDeltas: releaseDeltas(snapshot.chunks) }, 'strict');
  });
}

export async function createDiskFromSnapshot(ctx: DiskContext, snapshotId: string, name: string, sizeBytes?: number): Promise<DiskRecord> {
  const diskName = checkName(name);
  return ctx.locks.withLock(snapshotLock(String(snapshotId)), 'shared', async () => {
    const snapshot = await loadSnapshot(ctx, snapshotId);
    const disk: DiskRecord = {
      id: ctx.newId('d'),
      name: diskName,
      sizeBytes: grownSize(snapshot.sizeBytes, sizeBytes),
      chunkBytes: snapshot.chunkBytes,
      encryption: structuredClone(snapshot.encryption),
      chunks: { ...snapshot.chunks },
      generation: 1,
      state: 'ok',
      createdAt: ctx.now().toISOString(),
      sourceId: snapshot.id,
    };
    await ctx.store.commit({ putDisks: [disk], refDeltas: acquireDeltas(snapshot.chunks) }, 'strict');
    return disk;
  });
}

export function deleteDisk(ctx: DiskContext, diskId: string): Promise<void> {
  return ctx.locks.withLock(diskLock(String(diskId)), 'exclusive', async () => {
    const disk = await loadDisk(ctx, diskId);
    // A lost disk may be deleted (that is how the user clears it); its missing chunks free as 0 refs.
    await ctx.store.commit({
      deleteDisks: [disk.id],
      refDeltas: releaseDeltas(disk.chunks),
      expect: [{ diskId: disk.id, generation: disk.generation }],
    }, 'strict');
  });
}

