// The allocation map's pure part: what kind of cell a chunk is (never written, allocated, shared
// with a snapshot), sector ↔ chunk arithmetic, and the next allocated chunk. Unit-tested in Node.
import type { ChunkInfo } from '../../core/disks/api';
import { SECTOR_BYTES } from '../../core/disks/types';

export type CellKind = 'unwritten' | 'allocated' | 'shared';

export function cellKind(info: ChunkInfo): CellKind {
  if (!info.isAllocated) return 'unwritten';
  return info.refs > 1 ? 'shared' : 'allocated';
}

export function cellClass(info: ChunkInfo, isCurrent = false): string {
  return `alloc-cell alloc-cell--${cellKind(info)}${isCurrent ? ' alloc-cell--current' : ''}`;
}

export function sectorsPerChunk(chunkBytes: number): number {
  if (!Number.isInteger(chunkBytes / SECTOR_BYTES) || chunkBytes <= 0) {
    throw new Error(`"chunkBytes" expected a positive multiple of ${SECTOR_BYTES}, got ${chunkBytes}`);
  }
  return chunkBytes / SECTOR_BYTES;
}

export function chunkOfSector(sector: number, chunkBytes: number): number {
  return Math.floor(sector / sectorsPerChunk(chunkBytes));
}

export function firstSectorOfChunk(index: number, chunkBytes: number): number {
  return index * sectorsPerChunk(chunkBytes);
}

/** The first allocated chunk after `currentChunk`, or undefined when there is none. */
export function nextAllocatedChunk(infos: readonly ChunkInfo[], currentChunk: number): number | undefined {
  return infos.find((info) => info.index > currentChunk && info.isAllocated)?.index;
}

/** A sector number from user input, clamped into the disk; undefined when it is not a number. */
export function clampSector(value: number, sizeSectors: number): number | undefined {
  if (!Number.isFinite(value)) return undefined;
  return Math.min(Math.max(0, Math.trunc(value)), Math.max(0, sizeSectors - 1));
}

/** Mean entropy of the allocated chunks (bits per byte), undefined when none is allocated. */
export function meanAllocatedEntropy(infos: readonly ChunkInfo[]): number | undefined {
  const allocated = infos.filter((info) => info.isAllocated);
  if (allocated.length === 0) return undefined;
  return allocated.reduce((sum, info) => sum + info.entropy, 0) / allocated.length;
}
