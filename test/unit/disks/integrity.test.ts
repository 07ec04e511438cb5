// Writes are atomic and guarded (reliability-cases.md T-16, T-19, T-20, T-23, T-24): a fault mid-commit
// leaves every sector wholly old; a generation that moved gives DiskBusy; a missing chunk marks the
// disk lost (DiskLost, never zeros); durability is strict for map changes, relaxed for in-place data.
import { describe, expect, it } from 'vitest';
import { SECTOR_BYTES } from '../../../web/core/disks/types';
import { codeOf, expectBytes, makeLab, seededBytes } from './helpers';

const CHUNK = 4096;
const PER = CHUNK / SECTOR_BYTES;

async function encryptedDisk(sizeChunks = 8) {
  const lab = await makeLab();
  const handle = await lab.cipher.generateSessionKey();
  const disk = await lab.service.createDisk({ name: 'i', sizeBytes: sizeChunks * CHUNK, chunkBytes: CHUNK, encryption: { isEncrypted: true, handle, keySource: 'session' } });
  const dev = await lab.service.open(disk.id, handle);
  return { ...lab, handle, disk, dev };
}

describe('atomic writes', () => {
  for (const afterChunkPuts of [0, 1, 2, 3]) {
    it(`a fault after ${afterChunkPuts} of the commit's chunk puts leaves every sector wholly old and the store identical`, async () => {
      const { dev, store } = await encryptedDisk();
      const old = seededBytes(8 * CHUNK, 1);
      await dev.write(0, old);
      const before = store.dump();
      store.failNextCommit('IOError', afterChunkPuts);
      // Spans 4 chunks, partly covering the first and last.
      expect(await codeOf(dev.write(PER - 3, seededBytes(3 * CHUNK, 2)))).toBe('IOError');
      expect(store.dump()).toEqual(before);
      expectBytes(await dev.read(0, 8 * PER), old);
    });
  }

  it('a fault while allocating new chunks on a sparse disk stores nothing', async () => {
    const { dev, store, disk, service } = await encryptedDisk();
    store.failNextCommit('QuotaExceeded', 1);
    expect(await codeOf(dev.write(1, seededBytes(3 * CHUNK, 2)))).toBe('QuotaExceeded');
    expect(store.chunkCount()).toBe(0);
    expect((await service.getDisk(disk.id))?.chunks).toEqual({});
    // Retry after the fault clears succeeds (T-18).
    await dev.write(1, seededBytes(3 * CHUNK, 2));
    expectBytes(await dev.read(1, 3 * PER), seededBytes(3 * CHUNK, 2));
  });

  it('a lost worker mid-write (cipher rejects) changes nothing and the error reaches the caller', async () => {
    const { dev, store, cipher } = await encryptedDisk();
    await dev.write(0, seededBytes(CHUNK, 1));
    const before = store.dump();
    cipher.failNextCall(Object.assign(new Error('crypto worker 0 stopped'), { code: 'WorkerLost' }));
    expect(await codeOf(dev.write(0, seededBytes(2 * CHUNK, 3)))).toBe('WorkerLost');
    expect(store.dump()).toEqual(before);
  });

  it('reads fail closed while storage is unavailable (T-23) and work again after', async () => {
    const { dev, store } = await encryptedDisk();
    await dev.write(0, seededBytes(CHUNK, 1));
    store.failReads('StorageUnavailable');
    expect(await codeOf(dev.read(0, PER))).toBe('StorageUnavailable');
    store.failReads(undefined);
    expectBytes(await dev.read(0, PER), seededBytes(CHUNK, 1));
  });
});

describe('durability', () => {
  it('new chunks and copy-on-write commit strict (map + refs + generation); in-place overwrites of unshared chunks commit relaxed without moving the generation', async () => {
    const { dev, store, service, disk } = await encryptedDisk();
    await dev.write(0, seededBytes(2 * CHUNK, 1));
    expect(store.counts).toMatchObject({ strict: 2, relaxed: 0 }); // createDisk + the write
    expect((await service.getDisk(disk.id))?.generation).toBe(2);
    await dev.write(3, seededBytes(SECTOR_BYTES * 10, 2)); // both chunks exist, unshared
    expect(store.counts).toMatchObject({ strict: 2, relaxed: 1 });
    expect((await service.getDisk(disk.id))?.generation).toBe(2);
    await service.createSnapshot(disk.id, 'snap');
    await dev.write(0, seededBytes(SECTOR_BYTES, 3)); // shared now: copy-on-write
    expect(store.counts).toMatchObject({ strict: 4, relaxed: 1 });
    await dev.flush();
    expect(store.counts.flush).toBe(1);
  });
});

describe('two writers (T-20)', () => {
  it('a write whose disk generation moved before its commit rejects with DiskBusy and changes nothing', async () => {
    const { dev, store, disk } = await encryptedDisk();
    await dev.write(0, seededBytes(CHUNK, 1));
    store.beforeNextCommit(() => store.tamperDisk(disk.id, (d) => { d.generation += 1; }));
    const before = store.dump().chunks;
    expect(await codeOf(dev.write(0, seededBytes(SECTOR_BYTES, 2)))).toBe('DiskBusy'); // in place, relaxed
    store.beforeNextCommit(() => store.tamperDisk(disk.id, (d) => { d.generation += 1; }));
    expect(await codeOf(dev.write(2 * PER, seededBytes(SECTOR_BYTES, 2)))).toBe('DiskBusy'); // new chunk, strict
    expect(store.dump().chunks).toEqual(before);
  });

  it('concurrent writes to the same and different sectors are serialised by the disk lock: no lost update, no torn sector', async () => {
    const { dev } = await encryptedDisk();
    const writes = Array.from({ length: 24 }, (_, i) => ({ sector: (i * 5) % (4 * PER), data: seededBytes(SECTOR_BYTES * (1 + (i % 3)), 100 + i) }));
    await Promise.all(writes.map((w) => dev.write(w.sector, w.data)));
    const model = new Uint8Array(8 * CHUNK);
    for (const w of writes) model.set(w.data, w.sector * SECTOR_BYTES); // lock order = call order (FIFO)
    expectBytes(await dev.read(0, 8 * PER), model);
  });
});

describe('lost state (T-24)', () => {
  it('a chunk missing from the store marks the disk lost: that read and every later one reject with DiskLost, never zeros', async () => {
    const { dev, store, service, disk } = await encryptedDisk();
    await dev.write(0, seededBytes(3 * CHUNK, 1));
    const chunks = (await service.getDisk(disk.id))!.chunks;
    store.evictChunk(chunks[1]);
    expectBytes(await dev.read(0, PER), seededBytes(CHUNK, 1)); // chunk 0 is still there
    expect(await codeOf(dev.read(0, 2 * PER))).toBe('DiskLost');
    expect((await service.getDisk(disk.id))?.state).toBe('lost');
    expect(await codeOf(dev.read(0, 1))).toBe('DiskLost');
    expect(await codeOf(dev.readPhysical(0, 1))).toBe('DiskLost');
    expect(await codeOf(dev.write(7 * PER, new Uint8Array(SECTOR_BYTES)))).toBe('DiskLost');
    expect(await codeOf(service.chunkInfo(disk.id))).toBe('DiskLost');
    expect(await codeOf(service.createSnapshot(disk.id, 's'))).toBe('DiskLost');
    // The user can still delete it; what remains of it is freed.
    await service.deleteDisk(disk.id);
    expect(store.chunkCount()).toBe(0);
  });

  it('a partial write into a chunk that went missing rejects with DiskLost and writes nothing', async () => {
    const { dev, store, service, disk } = await encryptedDisk();
    await dev.write(0, seededBytes(CHUNK, 1));
    store.evictChunk((await service.getDisk(disk.id))!.chunks[0]);
    expect(await codeOf(dev.write(1, seededBytes(SECTOR_BYTES, 2)))).toBe('DiskLost');
    expect(store.chunkCount()).toBe(0);
    expect((await service.getDisk(disk.id))?.state).toBe('lost');
  });
});
