// DiskService: the disk layer (DiskServiceApi, api.ts) over a DiskStore, a SectorCipher and a LockPort
// (ports.ts) — sparse chunked disks, XTS-encrypted sectors, copy-on-write snapshots, re-encrypting
// copies (product.md "Disks", "Snapshots & images"; reliability-cases.md T-09…T-34). Framework-free.
import type { DataKeyHandle } from '../ports';
import type { BlockDevice, ChunkInfo, CopyOptions, CreateDiskOptions, DiskServiceApi } from './api';
import { openBlockDevice } from './block-device';
import { copyDisk, deleteInterruptedCopies } from './copy';
import {
  checkUsable, createContext, diskLock, loadDisk, pageLock, readChunks, sessionOwner, type DiskContext, type DiskServiceDeps,
} from './disk-context';
import { shannonEntropy } from './entropy';
import { chunkCount } from './layout';
import { createDiskFromSnapshot, createSnapshot, deleteDisk, deleteSnapshot } from './snapshots';
import type { DiskEncryption, DiskRecord, SnapshotRecord } from './types';
import { checkCreateOptions, checkHandle } from './validate';

export type { DiskServiceDeps } from './disk-context';

/** Chunk size of new disks unless they name one. 1 MiB: IndexedDB is fastest with large values
 *  (performance.md: ~264 MiB/s at 1 MiB vs ~40 at 64 KiB); to be confirmed by scripts/bench-disk.ts. */
export const DEFAULT_CHUNK_BYTES = 1 << 20;

/** Chunks whose bytes chunkInfo() holds at once (entropy is computed one batch at a time). */
const INFO_BATCH = 16;

export class DiskService implements DiskServiceApi {
  private readonly ctx: DiskContext;

  constructor(deps: DiskServiceDeps) {
    this.ctx = createContext(deps);
  }

  async createDisk(options: CreateDiskOptions): Promise<DiskRecord> {
    const o = checkCreateOptions(options, DEFAULT_CHUNK_BYTES);
    let encryption: DiskEncryption = { isEncrypted: false };
    if (o.encryption.isEncrypted) {
      const e = o.encryption;
      // The handle is not stored (keys never are); the caller keeps it to open the disk.
      encryption = { isEncrypted: true, lineageId: e.lineageId ?? this.ctx.newId('lin'), keySource: e.keySource };
      if (e.keySource === 'session') Object.assign(encryption, sessionOwner(this.ctx));
      if (e.wrappedKey) encryption.wrappedKey = structuredClone(e.wrappedKey);
    }
    const disk: DiskRecord = {
      id: this.ctx.newId('d'),
      name: o.name,
      sizeBytes: o.sizeBytes,
      chunkBytes: o.chunkBytes,
      encryption,
      chunks: {}, // sparse: nothing stored until written
      generation: 1,
      state: 'ok',
      createdAt: this.ctx.now().toISOString(),
    };
    await this.ctx.store.commit({ putDisks: [disk] }, 'strict');
    return disk;
  }

  async getDisk(id: string): Promise<DiskRecord | undefined> {
    return this.ctx.store.getDisk(id);
  }

  async listDisks(): Promise<DiskRecord[]> {
    return this.ctx.store.listDisks();
  }

  async deleteDisk(id: string): Promise<void> {
    return deleteDisk(this.ctx, id);
  }

  async open(diskId: string, handle?: DataKeyHandle): Promise<BlockDevice> {
    if (handle !== undefined) checkHandle(handle);
    const disk = await loadDisk(this.ctx, diskId);
    // An unfinished copy cannot be opened; a lost disk can (its reads fail with DiskLost).
    if (disk.isCopying) checkUsable(disk);
    return openBlockDevice(this.ctx, disk, handle);
  }

  async createSnapshot(diskId: string, name: string): Promise<SnapshotRecord> {
    return createSnapshot(this.ctx, diskId, name);
  }

  async getSnapshot(id: string): Promise<SnapshotRecord | undefined> {
    return this.ctx.store.getSnapshot(id);
  }

  async listSnapshots(): Promise<SnapshotRecord[]> {
    return this.ctx.store.listSnapshots();
  }

  async deleteSnapshot(id: string): Promise<void> {
    return deleteSnapshot(this.ctx, id);
  }

  async createDiskFromSnapshot(snapshotId: string, name: string, sizeBytes?: number): Promise<DiskRecord> {
    return createDiskFromSnapshot(this.ctx, snapshotId, name, sizeBytes);
  }

  async copy(options: CopyOptions): Promise<DiskRecord> {
    return copyDisk(this.ctx, options);
  }

  async chunkInfo(diskId: string): Promise<ChunkInfo[]> {
    return this.ctx.locks.withLock(diskLock(String(diskId)), 'shared', async () => {
      const disk = await loadDisk(this.ctx, diskId);
      checkUsable(disk);
      const infos: ChunkInfo[] = [];
      const total = chunkCount(disk.sizeBytes, disk.chunkBytes);
      for (let i = 0; i < total; i++) infos.push({ index: i, isAllocated: disk.chunks[i] !== undefined, entropy: 0, refs: 0 });
      const allocated = infos.filter((c) => c.isAllocated).map((c) => c.index);
      for (let b = 0; b < allocated.length; b += INFO_BATCH) {
        const indexes = allocated.slice(b, b + INFO_BATCH);
        const [bytes, refs] = await Promise.all([
          readChunks(this.ctx, disk, indexes, disk),
          this.ctx.store.getRefs(indexes.map((i) => disk.chunks[i])),
        ]);
        indexes.forEach((index, k) => {
          infos[index].entropy = shannonEntropy(bytes.get(index)!);
          infos[index].refs = refs[k];
        });
      }
      return infos;
    });
  }

  /** Deletes every disk and snapshot whose key was session-only (it died with the last page), and
   *  returns how many records went. Call it only when no other page of the lab is open. */
  async deleteSessionDisks(): Promise<number> {
    // A session key lives only in its page's pool: the disk is dead once that page is gone. A disk
    // whose owner page still holds its page lock (another open tab) is left alone.
    const alive = new Map<string, boolean>();
    const isOwnerAlive = async (owner: string | undefined) => {
      if (!owner) return false;
      if (!alive.has(owner)) alive.set(owner, await this.ctx.locks.isHeld(pageLock(owner)));
      return alive.get(owner)!;
    };
    const isDead = async (e: DiskEncryption) => e.isEncrypted && e.keySource === 'session' && !(await isOwnerAlive(e.ownerPageId));
    let count = 0;
    // Snapshots first: a disk's chunks are then freed by its own deletion, in the fewest commits.
    for (const snapshot of await this.ctx.store.listSnapshots()) {
      if (!(await isDead(snapshot.encryption))) continue;
      await deleteSnapshot(this.ctx, snapshot.id);
      count++;
    }
    for (const disk of await this.ctx.store.listDisks()) {
      if (!(await isDead(disk.encryption))) continue;
      await deleteDisk(this.ctx, disk.id);
      count++;
    }
    return count;
  }

  /** Deletes copy targets a closed page left unfinished (isCopying); returns how many. */
  async deleteInterruptedCopies(): Promise<number> {
    return deleteInterruptedCopies(this.ctx);
  }
}
