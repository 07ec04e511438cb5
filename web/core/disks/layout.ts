// Where sectors live: a disk is cut into chunks of chunkBytes (whole sectors); chunk index =
// sector × 512 / chunkBytes. Pure arithmetic, shared by block I/O, copy and the inspector.
import { SECTOR_BYTES } from './types';

/** The part of one chunk that an I/O range covers. */
export interface ChunkSpan {
  index: number;
  /** Absolute sector number of the span's first sector (the XTS tweak). */
  firstSector: number;
  count: number;
  /** Byte offset of the span within the I/O buffer. */
  bufferOffset: number;
  /** Byte offset of the span within its chunk. */
  chunkOffset: number;
  /** The span covers the whole chunk (a write needs none of the chunk's old bytes). */
  isWhole: boolean;
}

export function sectorsPerChunk(chunkBytes: number): number {
  return chunkBytes / SECTOR_BYTES;
}

/** Chunks on a disk; the last may reach past the disk's end (it is still stored whole). */
export function chunkCount(sizeBytes: number, chunkBytes: number): number {
  return Math.ceil(sizeBytes / chunkBytes);
}

/** Splits the sector range [sector, sector + count) at chunk boundaries, in order. */
export function spansOf(sector: number, count: number, chunkBytes: number): ChunkSpan[] {
  const per = sectorsPerChunk(chunkBytes);
  const spans: ChunkSpan[] = [];
  let s = sector;
  const end = sector + count;
  while (s < end) {
    const index = Math.floor(s / per);
    const chunkStart = index * per;
    const stop = Math.min(end, chunkStart + per);
    spans.push({
      index,
      firstSector: s,
      count: stop - s,
      bufferOffset: (s - sector) * SECTOR_BYTES,
      chunkOffset: (s - chunkStart) * SECTOR_BYTES,
      isWhole: stop - s === per,
    });
    s = stop;
  }
  return spans;
}
