// Shared by the disk benchmark's page (web/bench-disk/*) and its driver (scripts/bench-disk.ts):
// the I/O pattern, the result row, a seeded random and a cheap non-zero fill. No DOM, no Node.
export interface Pattern {
  chunkBytes: number;
  /** Bytes per sequential read/write call (and per raw-IDB transaction). */
  ioBytes: number;
  /** Sequential total; also the disk size. */
  seqBytes: number;
  /** Random 4 KiB ops land in the first regionBytes (≤ seqBytes, so every read hits data). */
  regionBytes: number;
  randomOps: number;
  seed: number;
}

export interface DiskBenchResult {
  env: 'chromium';
  /** 'disk-encrypted' | 'disk-plain' | 'raw-idb' | 'copy-reencrypt' */
  impl: string;
  /** 'seq-write' | 'seq-read' | 'rand-write-4k' | 'rand-read-4k' | 'copy' */
  op: string;
  chunkBytes: number;
  ioBytes: number;
  bytes: number;
  mibps: number;
  iops?: number;
  ms: number;
  /** Folded from the data read, so no engine can skip the reads. */
  check?: number;
  /** copy-reencrypt only: the peaks seen while it ran. */
  peakJsHeapBytes?: number;
  peakArrayBufferBytes?: number;
}

/** A 32-bit LCG (Numerical Recipes): reproducible offsets from a seed. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
}

/** Fills with bytes that differ per `tag` and per 4 KiB (never all zero), cheaply. */
export function fillPattern(data: Uint8Array, tag: number): void {
  const words = new Uint32Array(data.buffer, data.byteOffset, data.byteLength >>> 2);
  let x = (tag * 2654435761 + 1) >>> 0;
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5; // xorshift32
    words[i] = x >>> 0;
  }
}
