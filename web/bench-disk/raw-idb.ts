// The raw-IndexedDB baseline of `npm run bench:disk`: the same I/O pattern as the disk benchmark
// (sequential calls of ioBytes, random 4 KiB at queue depth 1) on plain records of the chunk size,
// no disk layer and no crypto — the ceiling the disk layer can at best reach (performance.md).
import { deleteDB, openDB, type IDBPDatabase } from 'idb';
import { fillPattern, lcg, type DiskBenchResult, type Pattern } from './measure';

const STORE = 'records';

async function freshDb(name: string): Promise<IDBPDatabase> {
  await deleteDB(name);
  return openDB(name, 1, { upgrade(db) { db.createObjectStore(STORE); } });
}

/** Sequential write and read, then random 4 KiB writes (read-modify-write of the record holding
 *  them, as a chunked disk must) and reads, on records of `chunkBytes`. */
export async function rawIdbRun(p: Pattern): Promise<DiskBenchResult[]> {
  const name = `bench-raw-${p.chunkBytes}`;
  const db = await freshDb(name);
  const perCall = p.ioBytes / p.chunkBytes;
  const calls = p.seqBytes / p.ioBytes;
  const results: DiskBenchResult[] = [];
  try {
    let t0 = performance.now();
    for (let c = 0; c < calls; c++) {
      // One transaction per call, strict: what a disk's first write of new chunks commits.
      const tx = db.transaction(STORE, 'readwrite', { durability: 'strict' });
      const puts: Promise<unknown>[] = [];
      for (let r = 0; r < perCall; r++) {
        const data = new Uint8Array(p.chunkBytes);
        fillPattern(data, c * perCall + r);
        puts.push(tx.store.put(data.buffer, c * perCall + r));
      }
      await Promise.all([...puts, tx.done]);
    }
    results.push(rate('raw-idb', 'seq-write', p, p.seqBytes, performance.now() - t0));

    t0 = performance.now();
    let check = 0;
    for (let c = 0; c < calls; c++) {
      const tx = db.transaction(STORE, 'readonly');
      const got = await Promise.all(Array.from({ length: perCall }, (_, r) => tx.store.get(c * perCall + r) as Promise<ArrayBuffer>));
      const out = new Uint8Array(p.ioBytes); // the caller's buffer, as a disk read returns one
      got.forEach((b, r) => out.set(new Uint8Array(b), r * p.chunkBytes));
      check ^= out[out.length - 1];
      await tx.done;
    }
    results.push(rate('raw-idb', 'seq-read', p, p.seqBytes, performance.now() - t0, check));

    const records = p.regionBytes / p.chunkBytes;
    const perRecord = p.chunkBytes / 4096;
    let next = lcg(p.seed);
    t0 = performance.now();
    for (let i = 0; i < p.randomOps; i++) {
      const block = next() % (records * perRecord);
      const key = Math.floor(block / perRecord);
      // In place and relaxed, as the disk overwrites an unshared chunk.
      const tx = db.transaction(STORE, 'readwrite', { durability: 'relaxed' });
      const old = new Uint8Array((await tx.store.get(key)) as ArrayBuffer);
      old.fill(i & 0xff, (block % perRecord) * 4096, (block % perRecord + 1) * 4096);
      await Promise.all([tx.store.put(old.buffer, key), tx.done]);
    }
    results.push(iops('raw-idb', 'rand-write-4k', p, performance.now() - t0));

    next = lcg(p.seed + 1);
    t0 = performance.now();
    for (let i = 0; i < p.randomOps; i++) {
      const block = next() % (records * perRecord);
      const key = Math.floor(block / perRecord);
      const record = (await db.get(STORE, key)) as ArrayBuffer;
      check ^= new Uint8Array(record, (block % perRecord) * 4096, 4096)[0];
    }
    results.push(iops('raw-idb', 'rand-read-4k', p, performance.now() - t0, check));
  } finally {
    db.close();
    await deleteDB(name);
  }
  return results;
}

export function rate(impl: string, op: string, p: Pattern, bytes: number, ms: number, check = 0): DiskBenchResult {
  return { env: 'chromium', impl, op, chunkBytes: p.chunkBytes, ioBytes: p.ioBytes, bytes, mibps: bytes / (1 << 20) / (ms / 1000), ms, check };
}

export function iops(impl: string, op: string, p: Pattern, ms: number, check = 0): DiskBenchResult {
  return { env: 'chromium', impl, op, chunkBytes: p.chunkBytes, ioBytes: 4096, bytes: p.randomOps * 4096, iops: p.randomOps / (ms / 1000), mibps: (p.randomOps * 4096) / (1 << 20) / (ms / 1000), ms, check };
}
