// copy(): streams a disk or snapshot into a new disk through the cipher — plaintext → encrypted,
// one data key → another (a new lineage), or encrypted → plaintext — the lab's CopySnapshot/CopyImage
// engine (cloud-api.md §2.4). Bounded memory: batches of chunks, each batch one commit; sparse stays sparse.
import { CloudError } from '../errors';
import type { DataKeyHandle } from '../ports';
import type { CopyOptions, NewDiskEncryption } from './api';
import {
  checkUsable, diskLock, loadDisk, loadSnapshot, readChunks, releaseDeltas, sessionOwner, snapshotLock, type DiskContext,
} from './disk-context';
import { DiskErrorCodes } from './errors';
import { sectorsPerChunk } from './layout';
import { cryptRuns, type SectorRun } from './sector-crypt';
import { type ChunkMap, type ChunkRecord, type DiskEncryption, type DiskRecord, SECTOR_BYTES } from './types';
import { checkChunkBytes, checkHandle, checkName, checkNewEncryption, grownSize } from './validate';

/** Target bytes per batch (one commit): what a copy holds at once is about 2× this, whatever the disk size. */
export const COPY_BATCH_BYTES = 8 << 20;

interface Source {
  id: string;
  sizeBytes: number;
  chunkBytes: number;
  encryption: DiskEncryption;
  chunks: ChunkMap;
  /** Set when the source is a disk: a missing chunk marks it lost. */
  disk?: DiskRecord;
}

function aborted(): CloudError {
  return new CloudError(DiskErrorCodes.operationAborted);
}

function checkCopyOptions(options: unknown): CopyOptions {
  if (typeof options !== 'object' || options === null) throw new CloudError(DiskErrorCodes.diskNotFound);
  const o = options as CopyOptions;
  const source = o.source as { diskId?: unknown; snapshotId?: unknown } | undefined;
  if (typeof source !== 'object' || source === null) throw new CloudError(DiskErrorCodes.diskNotFound);
  if ('snapshotId' in source) {
    if (typeof source.snapshotId !== 'string') throw new CloudError(DiskErrorCodes.snapshotNotFound);
  } else if (typeof source.diskId !== 'string') {
    throw new CloudError(DiskErrorCodes.diskNotFound);
  }
  if (typeof o.target !== 'object' || o.target === null) throw new CloudError(DiskErrorCodes.invalidName);
  checkName(o.target.name);
  if (o.target.chunkBytes !== undefined) checkChunkBytes(o.target.chunkBytes);
  checkNewEncryption(o.target.encryption);
  if (o.sourceHandle !== undefined) checkHandle(o.sourceHandle, 'sourceHandle');
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') throw new TypeError('"onProgress" expected a function');
  return o;
}

function targetEncryption(ctx: DiskContext, e: NewDiskEncryption): DiskEncryption {
  if (!e.isEncrypted) return { isEncrypted: false };
  // A new data key is a new lineage, unless the caller names one (e.g. its KMS context already bound it).
  const encryption: DiskEncryption = { isEncrypted: true, lineageId: e.lineageId ?? ctx.newId('lin'), keySource: e.keySource };
  if (e.keySource === 'session') Object.assign(encryption, sessionOwner(ctx));
  if (e.wrappedKey) encryption.wrappedKey = structuredClone(e.wrappedKey);
  return encryption;
}

export async function copyDisk(ctx: DiskContext, options: CopyOptions): Promise<DiskRecord> {
  const o = checkCopyOptions(options);
  if (o.signal?.aborted) throw aborted();
  const isSnapshot = 'snapshotId' in o.source;
  const sourceId = isSnapshot ? (o.source as { snapshotId: string }).snapshotId : (o.source as { diskId: string }).diskId;
  // Readers hold the source shared for the whole copy: a point-in-time copy, writers wait.
  return ctx.locks.withLock(isSnapshot ? snapshotLock(sourceId) : diskLock(sourceId), 'shared', async () => {
    let source: Source;
    if (isSnapshot) {
      source = await loadSnapshot(ctx, sourceId);
    } else {
      const disk = await loadDisk(ctx, sourceId);
      checkUsable(disk);
      source = { ...disk, disk };
    }
    if (source.encryption.isEncrypted && o.sourceHandle === undefined) {
      throw new CloudError(DiskErrorCodes.keyRequired, { params: { diskId: source.id } });
    }
    const target: DiskRecord = {
      id: ctx.newId('d'),
      name: o.target.name,
      sizeBytes: grownSize(source.sizeBytes, o.target.sizeBytes),
      chunkBytes: o.target.chunkBytes ?? source.chunkBytes,
      encryption: targetEncryption(ctx, o.target.encryption),
      chunks: {},
      generation: 1,
      state: 'ok',
      createdAt: ctx.now().toISOString(),
      sourceId: source.id,
      isCopying: true,
    };
    const targetKey = o.target.encryption.isEncrypted ? o.target.encryption.handle : undefined;
    return ctx.locks.withLock(diskLock(target.id), 'exclusive', async () => {
      await ctx.store.commit({ putDisks: [target] }, 'strict');
      try {
        return await fill(ctx, source, target, o.sourceHandle, targetKey, o);
      } catch (error) {
        await discard(ctx, target.id, error);
        throw o.signal?.aborted ? aborted() : error;
      }
    });
  });
}

/** Target chunk indexes that overlap at least one allocated source chunk, ascending. */
function allocatedTargets(source: Source, targetChunkBytes: number): number[] {
  const set = new Set<number>();
  for (const key of Object.keys(source.chunks)) {
    const s = Number(key);
    const start = s * source.chunkBytes;
    const end = Math.min(start + source.chunkBytes, source.sizeBytes);
    for (let t = Math.floor(start / targetChunkBytes); t * targetChunkBytes < end; t++) set.add(t);
  }
  return [...set].sort((a, b) => a - b);
}

async function fill(ctx: DiskContext, source: Source, target: DiskRecord, sourceKey: DataKeyHandle | undefined,
  targetKey: DataKeyHandle | undefined, o: CopyOptions): Promise<DiskRecord> {
  const tc = target.chunkBytes;
  const perTarget = sectorsPerChunk(tc);
  const perSource = sectorsPerChunk(source.chunkBytes);
  const sizeSectors = source.sizeBytes / SECTOR_BYTES;
  const batchChunks = Math.max(1, Math.floor(Math.max(COPY_BATCH_BYTES, source.chunkBytes) / tc));
  const indexes = allocatedTargets(source, tc);
  const sourceKeyForRead = source.encryption.isEncrypted ? sourceKey : undefined;
  let record = target;

  for (let b = 0; b < indexes.length; b += batchChunks) {
    if (o.signal?.aborted) throw aborted();
    const batch = indexes.slice(b, b + batchChunks);
    const firstSector = batch[0] * perTarget;
    const endSector = Math.min((batch[batch.length - 1] + 1) * perTarget, sizeSectors);
    const sourceIndexes: number[] = [];
    for (let s = Math.floor(firstSector / perSource); s * perSource < endSector; s++) sourceIndexes.push(s);
    const stored = await readChunks(ctx, source, sourceIndexes, source.disk);

    // Each target chunk's guest bytes: zeros, with every allocated source piece placed (and decrypted).
    const plains = new Map<number, Uint8Array>();
    const decryptRuns: SectorRun[] = [];
    for (const t of batch) {
      const plain = new Uint8Array(tc);
      const tStart = t * perTarget;
      const tEnd = Math.min(tStart + perTarget, sizeSectors);
      for (let s = Math.floor(tStart / perSource); s * perSource < tEnd; s++) {
        const chunk = stored.get(s);
        if (!chunk) continue; // never written: zeros
        const from = Math.max(tStart, s * perSource);
        const to = Math.min(tEnd, (s + 1) * perSource);
        const into = plain.subarray((from - tStart) * SECTOR_BYTES, (to - tStart) * SECTOR_BYTES);
        into.set(chunk.subarray((from - s * perSource) * SECTOR_BYTES, (to - s * perSource) * SECTOR_BYTES));
        decryptRuns.push({ firstSector: from, bytes: into });
      }
      plains.set(t, plain);
    }
    stored.clear();
    if (sourceKeyForRead !== undefined) await cryptRuns(ctx.cipher, 'decrypt', sourceKeyForRead, decryptRuns);
    // Whole target chunks, each sector under its absolute number; the tail past the disk's end is zeros.
    if (targetKey !== undefined) {
      await cryptRuns(ctx.cipher, 'encrypt', targetKey, batch.map((t) => ({ firstSector: t * perTarget, bytes: plains.get(t)! })));
    }
    if (o.signal?.aborted) throw aborted();

    const chunks = { ...record.chunks };
    const refDeltas: Record<string, number> = {};
    const putChunks: ChunkRecord[] = batch.map((t) => {
      const id = ctx.newId('c');
      chunks[t] = id;
      refDeltas[id] = 1;
      return { id, data: plains.get(t)!.buffer as ArrayBuffer };
    });
    const next = { ...record, chunks, generation: record.generation + 1 };
    await ctx.store.commit({ putChunks, putDisks: [next], refDeltas, expect: [{ diskId: record.id, generation: record.generation }] }, 'strict');
    record = next;
    o.onProgress?.({ doneBytes: Math.min(endSector * SECTOR_BYTES, source.sizeBytes), totalBytes: source.sizeBytes });
  }

  if (o.signal?.aborted) throw aborted();
  const done: DiskRecord = { ...record, generation: record.generation + 1 };
  delete done.isCopying;
  await ctx.store.commit({ putDisks: [done], expect: [{ diskId: record.id, generation: record.generation }] }, 'strict');
  o.onProgress?.({ doneBytes: source.sizeBytes, totalBytes: source.sizeBytes });
  return done;
}

/** Deletes an unfinished copy target with every chunk it wrote. If that fails too, the first error
 *  still goes to the caller, carrying this one as `cleanupError`; deleteInterruptedCopies() removes the rest later. */
async function discard(ctx: DiskContext, targetId: string, original: unknown): Promise<void> {
  try {
    const disk = await ctx.store.getDisk(targetId);
    if (!disk) return;
    await ctx.store.commit({ deleteDisks: [disk.id], refDeltas: releaseDeltas(disk.chunks) }, 'strict');
  } catch (cleanupError) {
    if (typeof original !== 'object' || original === null) throw cleanupError;
    Object.assign(original, { cleanupError });
  }
}

/** Removes copy targets left unfinished by a page that closed mid-copy. A copy still running (in this
 *  or another tab) holds its target's lock, so we wait for it and then find the disk complete. */
export async function deleteInterruptedCopies(ctx: DiskContext): Promise<number> {
  let count = 0;
  for (const listed of await ctx.store.listDisks()) {
    if (!listed.isCopying) continue;
    await ctx.locks.withLock(diskLock(listed.id), 'exclusive', async () => {
      const disk = await ctx.store.getDisk(listed.id);
      if (!disk?.isCopying) return;
      await ctx.store.commit({ deleteDisks: [disk.id], refDeltas: releaseDeltas(disk.chunks) }, 'strict');
      count++;
    });
  }
  return count;
}
