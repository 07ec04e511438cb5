// The disk half of `npm run bench:disk`: DiskService over IdbDiskStore and the crypto pool, the same
// pattern as raw-idb.ts, on an encrypted disk (session key in the pool) and a plain one; and a
// re-encrypting copy whose memory the driver watches (performance.md "Disk" targets).
import { deleteDB } from 'idb';
import { DiskService } from '../core/disks/disk-service';
import type { SectorCipher } from '../core/ports';
import { IdbDiskStore } from '../adapters/idb/disk-store';
import { WebLocks } from '../adapters/locks/web-locks';
import { fillPattern, lcg, type DiskBenchResult, type Pattern } from './measure';
import { iops, rate } from './raw-idb';

const SECTOR = 512;

async function freshService(name: string, cipher: SectorCipher): Promise<{ service: DiskService; store: IdbDiskStore }> {
  await deleteDB(name);
  const store = await IdbDiskStore.open({ name });
  return { service: new DiskService({ store, cipher, locks: new WebLocks({ prefix: `${name}:` }) }), store };
}

/** Templates made before the clock starts: generating bytes is not what is measured. The disk
 *  copies what it is given, so one template serves many calls. */
export function templates(count: number, bytes: number): Uint8Array[] {
  return Array.from({ length: count }, (_, i) => {
    const t = new Uint8Array(bytes);
    fillPattern(t, i + 1);
    return t;
  });
}

export async function diskRun(p: Pattern, isEncrypted: boolean, cipher: SectorCipher, sources: Uint8Array[]): Promise<DiskBenchResult[]> {
  const impl = isEncrypted ? 'disk-encrypted' : 'disk-plain';
  const name = `bench-${impl}-${p.chunkBytes}`;
  const { service, store } = await freshService(name, cipher);
  const handle = isEncrypted ? await cipher.generateSessionKey() : undefined;
  const results: DiskBenchResult[] = [];
  try {
    const disk = await service.createDisk({
      name: impl,
      sizeBytes: p.seqBytes,
      chunkBytes: p.chunkBytes,
      encryption: handle ? { isEncrypted: true, handle, keySource: 'session' } : { isEncrypted: false },
    });
    const dev = await service.open(disk.id, handle);
    const ioSectors = p.ioBytes / SECTOR;
    const calls = p.seqBytes / p.ioBytes;

    let t0 = performance.now();
    for (let c = 0; c < calls; c++) await dev.write(c * ioSectors, sources[c % sources.length]);
    await dev.flush();
    results.push(rate(impl, 'seq-write', p, p.seqBytes, performance.now() - t0));

    let check = 0;
    t0 = performance.now();
    for (let c = 0; c < calls; c++) {
      const out = await dev.read(c * ioSectors, ioSectors);
      check ^= out[out.length - 1];
    }
    results.push(rate(impl, 'seq-read', p, p.seqBytes, performance.now() - t0, check));

    const blocks = p.regionBytes / 4096;
    const small = sources[0].subarray(0, 4096);
    let next = lcg(p.seed);
    t0 = performance.now();
    for (let i = 0; i < p.randomOps; i++) await dev.write((next() % blocks) * 8, small);
    await dev.flush();
    results.push(iops(impl, 'rand-write-4k', p, performance.now() - t0));

    next = lcg(p.seed + 1);
    t0 = performance.now();
    for (let i = 0; i < p.randomOps; i++) check ^= (await dev.read((next() % blocks) * 8, 8))[0];
    results.push(iops(impl, 'rand-read-4k', p, performance.now() - t0, check));
  } finally {
    if (handle) await cipher.releaseKey(handle);
    store.close();
    await deleteDB(name);
  }
  return results;
}

/** Writes `bytes` to an encrypted disk, then copies it under a new data key (the re-encryption
 *  path of CopySnapshot / encrypting an existing disk); the timed part is the copy. */
export async function copyRun(bytes: number, chunkBytes: number, ioBytes: number, cipher: SectorCipher, onPhase: (phase: string) => void): Promise<DiskBenchResult> {
  const name = 'bench-copy';
  const { service, store } = await freshService(name, cipher);
  const from = await cipher.generateSessionKey();
  const to = await cipher.generateSessionKey();
  try {
    onPhase('filling');
    const disk = await service.createDisk({ name: 'source', sizeBytes: bytes, chunkBytes, encryption: { isEncrypted: true, handle: from, keySource: 'session' } });
    const dev = await service.open(disk.id, from);
    const sources = templates(2, ioBytes);
    for (let c = 0; c < bytes / ioBytes; c++) await dev.write(c * (ioBytes / SECTOR), sources[c % 2]);
    await dev.flush();
    onPhase('copying');
    const t0 = performance.now();
    await service.copy({ source: { diskId: disk.id }, sourceHandle: from, target: { name: 'copy', encryption: { isEncrypted: true, handle: to, keySource: 'session' } } });
    const ms = performance.now() - t0;
    onPhase('done');
    return { env: 'chromium', impl: 'copy-reencrypt', op: 'copy', chunkBytes, ioBytes, bytes, mibps: bytes / (1 << 20) / (ms / 1000), ms };
  } finally {
    await cipher.releaseKey(from);
    await cipher.releaseKey(to);
    store.close();
    await deleteDB(name);
  }
}
