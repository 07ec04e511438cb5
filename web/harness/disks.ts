// The disk half of the browser test harness (window.harness.disks): DiskService wired as the app
// wires it — IdbDiskStore, the real crypto pool, Web Locks — plus a store audit (T-16: metadata
// consistent with the chunks, no orphans), sector patterns a test can verify, and SHA-256.
import { openDB } from 'idb';
import { DiskService } from '../core/disks/disk-service';
import type { SectorCipher } from '../core/ports';
import type { ChunkRecord, DiskRecord, SnapshotRecord } from '../core/disks/types';
import { IdbDiskStore, type StoreFault } from '../adapters/idb/disk-store';
import { WebLocks } from '../adapters/locks/web-locks';
import { CryptoPool } from '../adapters/engine/pool';

export interface LabRig {
  service: DiskService;
  store: IdbDiskStore;
  pool: SectorCipher & { terminate(): void };
  locks: WebLocks;
}

/** A DiskService over its own database `name`; pass `pool` to share one between rigs. */
async function createRig(options: { name: string; pool?: CryptoPool; poolSize?: number; fault?: StoreFault }): Promise<LabRig> {
  const store = await IdbDiskStore.open({ name: options.name, fault: options.fault });
  const pool = options.pool ?? new CryptoPool({ size: options.poolSize ?? 2 });
  // One lock prefix per database, so tests on different databases never wait for each other,
  // while two pages on the same database share the locks as two app tabs do.
  const locks = new WebLocks({ prefix: `${options.name}:` });
  return { service: new DiskService({ store, cipher: pool, locks }), store, pool, locks };
}

/** What is wrong in the store: maps naming missing chunks, reference counts that differ from the
 *  number of maps naming a chunk, chunks nobody references (orphans). Empty = consistent. */
async function audit(name: string): Promise<string[]> {
  const db = await openDB(name);
  try {
    const tx = db.transaction(['disks', 'snapshots', 'chunks', 'refs'], 'readonly');
    const [disks, snapshots, chunkIds, refKeys, refValues] = await Promise.all([
      tx.objectStore('disks').getAll() as Promise<DiskRecord[]>,
      tx.objectStore('snapshots').getAll() as Promise<SnapshotRecord[]>,
      tx.objectStore('chunks').getAllKeys(),
      tx.objectStore('refs').getAllKeys(),
      tx.objectStore('refs').getAll() as Promise<number[]>,
    ]);
    const expected = new Map<string, number>();
    const problems: string[] = [];
    const chunkSet = new Set(chunkIds.map(String));
    for (const owner of [...disks, ...snapshots]) {
      for (const [index, id] of Object.entries(owner.chunks)) {
        expected.set(id, (expected.get(id) ?? 0) + 1);
        if (!chunkSet.has(id)) problems.push(`${owner.id} chunk ${index} names missing ${id}`);
      }
    }
    const refs = new Map(refKeys.map((k, i) => [String(k), refValues[i]]));
    for (const [id, n] of expected) if (refs.get(id) !== n) problems.push(`refs of ${id}: stored ${refs.get(id)}, maps name it ${n}×`);
    for (const [id, n] of refs) if (!expected.has(id)) problems.push(`refs of ${id} = ${n} but no map names it`);
    for (const id of chunkSet) if (!expected.has(id)) problems.push(`orphan chunk ${id}`);
    return problems;
  } finally {
    db.close();
  }
}

/** Sector content that names its write: every 32-bit word = tag · 2^20 + sector (mod 2^32) XOR word index. */
function pattern(firstSector: number, sectors: number, tag: number): Uint8Array {
  const words = new Uint32Array(sectors * 128);
  for (let s = 0; s < sectors; s++) {
    const base = ((tag * 0x100000) + firstSector + s) >>> 0;
    for (let w = 0; w < 128; w++) words[s * 128 + w] = (base ^ (w * 0x9e3779b1)) >>> 0;
  }
  return new Uint8Array(words.buffer);
}

/** The tag each sector was written with (0 = zeros, never written; -1 = torn or foreign bytes). */
function tagsOf(bytes: Uint8Array, firstSector: number): number[] {
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const tags: number[] = [];
  for (let s = 0; s < bytes.byteLength / 512; s++) {
    const w0 = words[s * 128];
    const isZero = words.subarray(s * 128, s * 128 + 128).every((w) => w === 0);
    if (isZero) { tags.push(0); continue; }
    const tag = Math.floor(((w0 - ((firstSector + s) >>> 0)) >>> 0) / 0x100000);
    const expected = pattern(firstSector + s, 1, tag);
    const isWhole = bytes.subarray(s * 512, s * 512 + 512).every((b, i) => b === expected[i]);
    tags.push(isWhole ? tag : -1);
  }
  return tags;
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Chunk records by id straight from the database (no store, no service). */
async function rawChunks(name: string): Promise<ChunkRecord[]> {
  const db = await openDB(name);
  try {
    return (await db.getAll('chunks')) as ChunkRecord[];
  } finally {
    db.close();
  }
}

export const disksHarness = { createRig, audit, pattern, tagsOf, sha256, rawChunks };
