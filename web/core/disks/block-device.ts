// BlockDevice (api.ts): sector I/O on a sparse, chunked disk. Stored sectors of an encrypted disk
// are XTS-AES under its data key with the ABSOLUTE sector number as tweak (IEEE 1619), so chunks can
// be shared by a disk, its snapshots and their disks. A write is one store commit, under the disk's lock.
import { CloudError } from '../errors';
import type { DataKeyHandle } from '../ports';
import type { BlockDevice } from './api';
import { checkUsable, diskLock, loadDisk, readChunks, type DiskContext } from './disk-context';
import { DiskErrorCodes } from './errors';
import { sectorsPerChunk, spansOf, type ChunkSpan } from './layout';
import { cryptRuns } from './sector-crypt';
import { type ChunkRecord, type DiskRecord, SECTOR_BYTES } from './types';
import { checkRange, checkWrite } from './validate';

export function openBlockDevice(ctx: DiskContext, disk: DiskRecord, handle: DataKeyHandle | undefined): BlockDevice {
  const diskId = disk.id;
  const sizeSectors = disk.sizeBytes / SECTOR_BYTES;
  const isEncrypted = disk.encryption.isEncrypted;
  // A plain disk needs no key; a handle given for one is simply not used.
  const key = isEncrypted ? handle : undefined;

  function requireKey(): DataKeyHandle | undefined {
    if (isEncrypted && key === undefined) throw new CloudError(DiskErrorCodes.keyRequired, { params: { diskId } });
    return key;
  }

  return {
    diskId,
    sizeSectors,
    isEncrypted,
    async read(sector, count) {
      const range = checkRange(sector, count, sizeSectors);
      const k = requireKey();
      return ctx.locks.withLock(diskLock(diskId), 'shared', () => readSectors(ctx, diskId, range.sector, range.count, k));
    },
    async readPhysical(sector, count) {
      const range = checkRange(sector, count, sizeSectors);
      return ctx.locks.withLock(diskLock(diskId), 'shared', () => readSectors(ctx, diskId, range.sector, range.count, undefined));
    },
    async write(sector, data) {
      const range = checkWrite(sector, data, sizeSectors);
      const k = requireKey();
      // Our own copy at once: the caller may change its array while we wait for the lock.
      const payload = data.slice();
      await ctx.locks.withLock(diskLock(diskId), 'exclusive', () => writeSectors(ctx, diskId, range.sector, payload, k));
    },
    flush: () => ctx.store.flush(),
  };
}

/** Chunks fetched per IndexedDB read while the previous batch decrypts (reads are pipelined). */
export const READ_BATCH_BYTES = 4 << 20;

/** Reads `count` sectors: decrypted with `handle` when given (the guest view), else the stored bytes.
 *  Only the sectors asked for are decrypted — XTS sectors are independent — never whole chunks.
 *  A large read is fetched in batches of about READ_BATCH_BYTES, and batch k+1 is fetched while
 *  batch k decrypts in the workers, so IndexedDB and crypto overlap (the disk benchmark's reads were
 *  crypto-after-I/O before). The caller holds the disk's shared lock, so batches see one state. */
export async function readSectors(ctx: DiskContext, diskId: string, sector: number, count: number, handle: DataKeyHandle | undefined): Promise<Uint8Array> {
  const disk = await loadDisk(ctx, diskId);
  checkUsable(disk);
  const spans = spansOf(sector, count, disk.chunkBytes);
  const perBatch = Math.max(1, Math.floor(READ_BATCH_BYTES / disk.chunkBytes));
  const batches: ChunkSpan[][] = [];
  for (let i = 0; i < spans.length; i += perBatch) batches.push(spans.slice(i, i + perBatch));
  const out = new Uint8Array(count * SECTOR_BYTES); // never-written chunks stay zeros
  const fetch = (batch: ChunkSpan[]) => readChunks(ctx, disk, batch.map((s) => s.index), disk);
  let next = batches.length > 0 ? fetch(batches[0]) : undefined;
  const decrypting: Promise<void>[] = [];
  try {
    for (let b = 0; b < batches.length; b++) {
      const stored = await next!;
      next = b + 1 < batches.length ? fetch(batches[b + 1]) : undefined;
      if (handle === undefined) placeStored(batches[b], stored, out);
      else decrypting.push(decryptInto(ctx, handle, batches[b], stored, out));
    }
  } finally {
    // Settle everything started, so no decryption still writes into `out` after a failure.
    await Promise.allSettled([...decrypting, ...(next ? [next] : [])]);
  }
  await Promise.all(decrypting);
  return out;
}

/** The physical view: stored bytes copied into `out` as they are. */
function placeStored(batch: ChunkSpan[], stored: Map<number, Uint8Array>, out: Uint8Array): void {
  for (const span of batch) {
    const chunk = stored.get(span.index);
    if (chunk) out.set(chunk.subarray(span.chunkOffset, span.chunkOffset + span.count * SECTOR_BYTES), span.bufferOffset);
  }
}

/** The guest view of a batch: each span's stored bytes go to the pool as one segment — a whole chunk
 *  is transferred as it came from the store (its buffer is ours: stores copy on read), only a partial
 *  one is sliced — and the plaintext is copied into `out` once (before: three copies per byte).
 *  Consecutive spans make one run, so the pool spreads their segments over its workers. */
async function decryptInto(ctx: DiskContext, handle: DataKeyHandle, batch: ChunkSpan[], stored: Map<number, Uint8Array>, out: Uint8Array): Promise<void> {
  const runs: { firstSector: number; spans: ChunkSpan[]; segments: ArrayBuffer[] }[] = [];
  for (const span of batch) {
    const chunk = stored.get(span.index);
    if (!chunk) continue;
    const bytes = span.count * SECTOR_BYTES;
    const isWholeBuffer = span.chunkOffset === 0 && chunk.byteOffset === 0 && chunk.buffer.byteLength === bytes;
    const segment = isWholeBuffer ? (chunk.buffer as ArrayBuffer) : chunk.slice(span.chunkOffset, span.chunkOffset + bytes).buffer;
    const last = runs[runs.length - 1];
    const lastSpan = last?.spans[last.spans.length - 1];
    if (last && lastSpan && lastSpan.firstSector + lastSpan.count === span.firstSector) {
      last.spans.push(span);
      last.segments.push(segment);
    } else {
      runs.push({ firstSector: span.firstSector, spans: [span], segments: [segment] });
    }
  }
  await Promise.all(runs.map(async (run) => {
    const plain = await ctx.cipher.decryptSectors(handle, BigInt(run.firstSector), SECTOR_BYTES, run.segments);
    run.spans.forEach((span, k) => out.set(new Uint8Array(plain[k]), span.bufferOffset));
  }));
}

/** Writes whole sectors in ONE commit. Chunks the write covers only partly are read first and
 *  patched at the ciphertext level (only new sectors are encrypted). Copy-on-write: a chunk shared
 *  with a snapshot or another disk (refs > 1) gets a new id; an unshared one is overwritten in place. */
async function writeSectors(ctx: DiskContext, diskId: string, sector: number, payload: Uint8Array, handle: DataKeyHandle | undefined): Promise<void> {
  const disk = await loadDisk(ctx, diskId);
  checkUsable(disk);
  const { chunkBytes } = disk;
  const spans = spansOf(sector, payload.length / SECTOR_BYTES, chunkBytes);
  const allocated = spans.filter((s) => disk.chunks[s.index] !== undefined);
  const refList = await ctx.store.getRefs(allocated.map((s) => disk.chunks[s.index]));
  const refs = new Map(allocated.map((s, k) => [s.index, refList[k]]));
  const old = await readChunks(ctx, disk, allocated.filter((s) => !s.isWhole).map((s) => s.index), disk);

  // Per span: the new chunk buffer, and the bytes to encrypt (a run) before they are placed in it.
  const plans = spans.map((span) => {
    const bytes = span.count * SECTOR_BYTES;
    const piece = payload.subarray(span.bufferOffset, span.bufferOffset + bytes);
    const previous = old.get(span.index);
    if (span.isWhole) {
      const chunk = piece.slice();
      return { span, chunk, run: { firstSector: span.firstSector, bytes: chunk }, patch: undefined };
    }
    if (previous) {
      const patch = piece.slice();
      return { span, chunk: previous, run: { firstSector: span.firstSector, bytes: patch }, patch };
    }
    // A new chunk only partly written: its other sectors must read back as zeros, so for an encrypted
    // disk the whole chunk (zeros + data) is encrypted, each sector under its absolute number.
    const chunk = new Uint8Array(chunkBytes);
    chunk.set(piece, span.chunkOffset);
    const chunkStart = span.index * sectorsPerChunk(chunkBytes);
    return { span, chunk, run: { firstSector: chunkStart, bytes: chunk }, patch: undefined };
  });
  if (handle !== undefined) await cryptRuns(ctx.cipher, 'encrypt', handle, plans.map((p) => p.run));

  const chunks = { ...disk.chunks };
  const refDeltas: Record<string, number> = {};
  const putChunks: ChunkRecord[] = [];
  let isMapChanged = false;
  for (const { span, chunk, patch } of plans) {
    if (patch) chunk.set(patch, span.chunkOffset);
    const current = disk.chunks[span.index];
    let id = current;
    if (current === undefined || (refs.get(span.index) ?? 0) > 1) {
      id = ctx.newId('c');
      chunks[span.index] = id;
      refDeltas[id] = 1;
      if (current !== undefined) refDeltas[current] = (refDeltas[current] ?? 0) - 1;
      isMapChanged = true;
    }
    putChunks.push({ id, data: chunk.buffer as ArrayBuffer });
  }
  const expect = [{ diskId, generation: disk.generation }];
  if (!isMapChanged) {
    // Chunk data alone: may be relaxed (bulk data, reliability-cases.md T-19). `expect` still guards
    // against a snapshot taken meanwhile, which bumps the generation when it starts sharing these chunks.
    await ctx.store.commit({ putChunks, expect }, 'relaxed');
    return;
  }
  await ctx.store.commit({
    putChunks,
    putDisks: [{ ...disk, chunks, generation: disk.generation + 1 }],
    refDeltas,
    expect,
  }, 'strict');
}
