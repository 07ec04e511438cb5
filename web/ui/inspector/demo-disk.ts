// "Create demo disk": an 8 MiB disk under a session-only data key generated inside the worker pool,
// filled with sample text at some chunks (others never written), plus an optional unencrypted twin
// holding the same text. The plan is pure (unit-tested); running it goes through DiskServiceApi.
import type { DiskServiceApi } from '../../core/disks/api';
import type { DiskRecord } from '../../core/disks/types';
import { SECTOR_BYTES } from '../../core/disks/types';
import type { DataKeyHandle, SectorCipher } from '../../core/ports';
import { DEMO_PAGES } from './demo-text';

export const DEMO_SIZE_BYTES = 8 * 1024 * 1024;
/** 64 KiB chunks give 128 cells: a map a person can take in at a glance. */
export const DEMO_CHUNK_BYTES = 64 * 1024;

export interface DemoWrite {
  sector: number;
  data: Uint8Array;
}

/** Chunks filled with text (whole chunks), and one chunk of which only the first sectors are written. */
const EN_CHUNKS = [0, 1, 2, 9, 10, 33, 64, 65, 66, 100];
const JA_CHUNKS = [4, 5, 17, 48, 80, 81, 120];
const PARTIAL_CHUNK = { index: 24, sectors: 8 };

function fill(pages: Uint8Array[], sectors: number): Uint8Array {
  const data = new Uint8Array(sectors * SECTOR_BYTES);
  for (let s = 0; s < sectors; s++) data.set(pages[s % pages.length], s * SECTOR_BYTES);
  return data;
}

/** What the demo writes, in sector order: one write per chunk, never crossing a chunk boundary. */
export function demoPlan(chunkBytes = DEMO_CHUNK_BYTES): DemoWrite[] {
  const perChunk = chunkBytes / SECTOR_BYTES;
  const writes: DemoWrite[] = [
    ...EN_CHUNKS.map((index) => ({ sector: index * perChunk, data: fill(DEMO_PAGES.en, perChunk) })),
    ...JA_CHUNKS.map((index) => ({ sector: index * perChunk, data: fill(DEMO_PAGES.ja, perChunk) })),
    { sector: PARTIAL_CHUNK.index * perChunk, data: fill(DEMO_PAGES.en, PARTIAL_CHUNK.sectors) },
  ];
  return writes.sort((a, b) => a.sector - b.sector);
}

export interface DemoProgress {
  done: number;
  total: number;
}

export interface DemoResult {
  encrypted: DiskRecord;
  handle: DataKeyHandle;
  plain?: DiskRecord;
}

async function writePlan(disks: DiskServiceApi, disk: DiskRecord, handle: DataKeyHandle | undefined, plan: DemoWrite[], step: () => void) {
  const device = await disks.open(disk.id, handle);
  for (const { sector, data } of plan) {
    await device.write(sector, data.slice()); // a copy: the write may transfer (detach) its buffer
    step();
  }
  await device.flush();
}

/** Creates and fills the demo disk(s). `onKey` learns the session key as soon as its disk exists,
 *  so a failure half-way still leaves a disk the page can read and delete. */
export async function createDemoDisks(
  services: { disks: DiskServiceApi; cipher: SectorCipher },
  options: { withPlainTwin: boolean; onKey: (diskId: string, handle: DataKeyHandle) => void; onProgress: (p: DemoProgress) => void },
): Promise<DemoResult> {
  const { disks, cipher } = services;
  const plan = demoPlan();
  const total = plan.length * (options.withPlainTwin ? 2 : 1);
  let done = 0;
  const step = () => options.onProgress({ done: ++done, total });
  options.onProgress({ done, total });

  const handle = await cipher.generateSessionKey();
  let encrypted: DiskRecord;
  try {
    encrypted = await disks.createDisk({
      name: 'demo-encrypted',
      sizeBytes: DEMO_SIZE_BYTES,
      chunkBytes: DEMO_CHUNK_BYTES,
      encryption: { isEncrypted: true, handle, keySource: 'session' },
    });
  } catch (error) {
    await cipher.releaseKey(handle); // no disk uses it: zero it in the workers before reporting
    throw error;
  }
  options.onKey(encrypted.id, handle);
  await writePlan(disks, encrypted, handle, plan, step);

  if (!options.withPlainTwin) return { encrypted, handle };
  const plain = await disks.createDisk({
    name: 'demo-plain',
    sizeBytes: DEMO_SIZE_BYTES,
    chunkBytes: DEMO_CHUNK_BYTES,
    encryption: { isEncrypted: false },
  });
  await writePlan(disks, plain, undefined, plan, step);
  return { encrypted, handle, plain };
}
