// Runs XTS over byte ranges through a SectorCipher (ports.ts). The pool transfers (detaches) the
// buffers it is given, so we hand it fresh copies and copy the results back into the caller's view;
// a range is cut into segments of at most SEGMENT_BYTES so the pool can spread it over its workers.
import type { DataKeyHandle, SectorCipher } from '../ports';
import { SECTOR_BYTES } from './types';

/** Small enough that a 1 MiB chunk keeps every worker of a small pool busy; big enough that per-call costs vanish. */
export const SEGMENT_BYTES = 256 << 10;

/** A run of consecutive sectors held in `bytes` (whole sectors), first sector `firstSector`. */
export interface SectorRun {
  firstSector: number;
  bytes: Uint8Array;
}

/** Encrypts or decrypts each run in place; runs are independent (XTS sectors are), so they go in parallel. */
export async function cryptRuns(cipher: SectorCipher, op: 'encrypt' | 'decrypt', handle: DataKeyHandle, runs: SectorRun[]): Promise<void> {
  await Promise.all(runs.map(async ({ firstSector, bytes }) => {
    if (bytes.length === 0) return;
    if (bytes.length % SECTOR_BYTES !== 0) throw new RangeError(`"bytes" expected whole ${SECTOR_BYTES}-byte sectors, got ${bytes.length}`);
    const segments: ArrayBuffer[] = [];
    for (let o = 0; o < bytes.length; o += SEGMENT_BYTES) segments.push(bytes.slice(o, o + SEGMENT_BYTES).buffer);
    const first = BigInt(firstSector);
    const out = op === 'encrypt'
      ? await cipher.encryptSectors(handle, first, SECTOR_BYTES, segments)
      : await cipher.decryptSectors(handle, first, SECTOR_BYTES, segments);
    let o = 0;
    for (const segment of out) {
      bytes.set(new Uint8Array(segment), o);
      o += segment.byteLength;
    }
    if (o !== bytes.length) throw new Error(`the cipher returned ${o} bytes for a run of ${bytes.length}`);
  }));
}
