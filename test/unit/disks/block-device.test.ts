// Block I/O on sparse chunked disks (issue 3): round trips at many offsets and lengths for plain and
// encrypted disks over several chunk sizes; sparse zeros; the physical view of an encrypted disk is
// node:crypto aes-256-xts of the guest view with the absolute sector as tweak (T-34), entropy > 7.9.
import { describe, expect, it } from 'vitest';
import { SECTOR_BYTES } from '../../../web/core/disks/types';
import { oracleXts } from '../xts-oracle';
import { codeOf, expectBytes, knownKey, makeLab, seededBytes } from './helpers';

const KiB = 1024;

/** A reference model: the disk as a flat array of guest bytes. */
async function roundTrips(chunkBytes: number, isEncrypted: boolean, sizeBytes: number): Promise<void> {
  const { service, cipher } = await makeLab();
  const handle = isEncrypted ? await cipher.generateSessionKey() : undefined;
  const disk = await service.createDisk({
    name: 'rt', sizeBytes, chunkBytes,
    encryption: handle ? { isEncrypted: true, handle, keySource: 'session' } : { isEncrypted: false },
  });
  const dev = await service.open(disk.id, handle);
  const size = sizeBytes / SECTOR_BYTES;
  const per = chunkBytes / SECTOR_BYTES;
  const model = new Uint8Array(sizeBytes);
  const cases: [number, number][] = [
    [0, 1], [per - 1, 1], [per, 1], [per - 1, 2], [per + 1, 3], [size - 1, 1], [2 * per - 3, per + 6],
    [0, per], [per, 2 * per], [size - per - 2, per + 2], [3, 5],
  ];
  let seed = 1;
  for (let i = 0; i < 12; i++) {
    const sector = (i * 7919 * 13) % size;
    cases.push([sector, 1 + ((i * 104729) % Math.min(3 * per, size - sector))]);
  }
  for (const [sector, count] of cases) {
    const data = seededBytes(count * SECTOR_BYTES, seed++);
    await dev.write(sector, data);
    model.set(data, sector * SECTOR_BYTES);
    // Read back exactly, then a window around it (neighbours unchanged), then everything.
    expectBytes(await dev.read(sector, count), data);
    const from = Math.max(0, sector - 2);
    const to = Math.min(size, sector + count + 2);
    expectBytes(await dev.read(from, to - from), model.subarray(from * SECTOR_BYTES, to * SECTOR_BYTES));
  }
  expectBytes(await dev.read(0, size), model);
}

describe('block device round trips', () => {
  for (const chunkBytes of [4 * KiB, 64 * KiB, 12 * KiB]) {
    for (const isEncrypted of [false, true]) {
      it(`${isEncrypted ? 'encrypted' : 'plain'} disk, ${chunkBytes / KiB} KiB chunks: every write reads back at sector 0, chunk edges ±1, last sector, spans and random offsets`, async () => {
        // The size is not a multiple of the chunk size: the last chunk is partial.
        await roundTrips(chunkBytes, isEncrypted, 11 * chunkBytes + 5 * SECTOR_BYTES);
      });
    }
  }

  it('the default chunk size (1 MiB) round-trips a multi-chunk write on an encrypted disk', async () => {
    const { service, cipher } = await makeLab();
    const handle = await cipher.generateSessionKey();
    const disk = await service.createDisk({ name: 'big', sizeBytes: 4 << 20, encryption: { isEncrypted: true, handle, keySource: 'session' } });
    expect(disk.chunkBytes).toBe(1 << 20);
    const dev = await service.open(disk.id, handle);
    const data = seededBytes((1 << 20) + 3 * SECTOR_BYTES, 9);
    await dev.write(2045, data);
    expectBytes(await dev.read(2045, data.length / SECTOR_BYTES), data);
    expectBytes(await dev.read(0, 2045), new Uint8Array(2045 * SECTOR_BYTES));
  });
});

describe('sparse disks', () => {
  it('a new disk reads zeros everywhere, guest and physical, and stores nothing', async () => {
    const { service, store, cipher } = await makeLab();
    const handle = await cipher.generateSessionKey();
    const disk = await service.createDisk({ name: 's', sizeBytes: 256 * KiB, chunkBytes: 16 * KiB, encryption: { isEncrypted: true, handle, keySource: 'session' } });
    const dev = await service.open(disk.id, handle);
    expectBytes(await dev.read(0, 512), new Uint8Array(256 * KiB));
    expectBytes(await dev.readPhysical(0, 512), new Uint8Array(256 * KiB));
    expect(store.chunkCount()).toBe(0);
  });

  it('a write allocates only the chunks it touches; the rest of a new chunk reads as zeros', async () => {
    const { service, store, cipher } = await makeLab();
    const handle = await cipher.generateSessionKey();
    const disk = await service.createDisk({ name: 's', sizeBytes: 256 * KiB, chunkBytes: 16 * KiB, encryption: { isEncrypted: true, handle, keySource: 'session' } });
    const dev = await service.open(disk.id, handle);
    await dev.write(100, seededBytes(SECTOR_BYTES, 1)); // chunk 3 only
    expect(store.chunkCount()).toBe(1);
    expect(Object.keys((await service.getDisk(disk.id))!.chunks)).toEqual(['3']);
    const chunk = await dev.read(96, 32);
    expectBytes(chunk.subarray(0, 4 * SECTOR_BYTES), new Uint8Array(4 * SECTOR_BYTES));
    expectBytes(chunk.subarray(5 * SECTOR_BYTES), new Uint8Array(27 * SECTOR_BYTES));
    const info = await service.chunkInfo(disk.id);
    expect(info.map((c) => c.isAllocated)).toEqual(Array.from({ length: 16 }, (_, i) => i === 3));
    expect(info[0]).toEqual({ index: 0, isAllocated: false, entropy: 0, refs: 0 });
    expect(info[3].refs).toBe(1);
  });
});

describe('physical view', () => {
  for (const chunkBytes of [4 * KiB, 64 * KiB]) {
    it(`encrypted, ${chunkBytes / KiB} KiB chunks: stored bytes are aes-256-xts (node:crypto) of the guest bytes with the absolute sector as tweak`, async () => {
      const { service, cipher } = await makeLab();
      const key = knownKey(42);
      const handle = await cipher.loadKnownKeyForTest(key);
      const sizeBytes = 8 * chunkBytes;
      const disk = await service.createDisk({ name: 'p', sizeBytes, chunkBytes, encryption: { isEncrypted: true, handle, keySource: 'session' } });
      const dev = await service.open(disk.id, handle);
      await dev.write(3, seededBytes(chunkBytes * 2, 5));
      await dev.write(chunkBytes / SECTOR_BYTES * 5, seededBytes(SECTOR_BYTES * 2, 6));
      const sectors = sizeBytes / SECTOR_BYTES;
      const guest = await dev.read(0, sectors);
      const physical = await dev.readPhysical(0, sectors);
      const allocated = Object.keys((await service.getDisk(disk.id))!.chunks).map(Number);
      const per = chunkBytes / SECTOR_BYTES;
      for (let c = 0; c < 8; c++) {
        const range = [c * chunkBytes, (c + 1) * chunkBytes] as const;
        if (allocated.includes(c)) {
          expectBytes(physical.subarray(...range), oracleXts(true, key, BigInt(c * per), SECTOR_BYTES, guest.subarray(...range)));
        } else {
          expectBytes(physical.subarray(...range), new Uint8Array(chunkBytes));
        }
      }
      for (const info of await service.chunkInfo(disk.id)) {
        if (info.isAllocated) expect(info.entropy).toBeGreaterThan(7.9);
      }
    });
  }

  it('plaintext never reaches the stored bytes: zeros, a repeating 16-byte block and ASCII text all store as distinct-block ciphertext (T-34)', async () => {
    const { service, cipher, store } = await makeLab();
    const handle = await cipher.generateSessionKey();
    const disk = await service.createDisk({ name: 't', sizeBytes: 64 * KiB, chunkBytes: 16 * KiB, encryption: { isEncrypted: true, handle, keySource: 'session' } });
    const dev = await service.open(disk.id, handle);
    const text = new TextEncoder().encode('The quick brown fox jumps over the lazy dog. '.repeat(400)).subarray(0, 16 * KiB);
    const block = new Uint8Array(16 * KiB).map((_, i) => i % 16);
    await dev.write(0, new Uint8Array(16 * KiB));
    await dev.write(32, block);
    await dev.write(64, text);
    for (const { data } of store.dump().chunks) {
      for (let s = 0; s < data.length; s += SECTOR_BYTES) {
        const blocks = new Set<string>();
        for (let b = 0; b < SECTOR_BYTES; b += 16) blocks.add(Buffer.from(data.subarray(s + b, s + b + 16)).toString('hex'));
        expect(blocks.size).toBe(SECTOR_BYTES / 16);
      }
      expect(Buffer.from(data).includes(Buffer.from('quick brown'))).toBe(false);
    }
  });

  it('plain disk: the physical view equals the guest view', async () => {
    const { service } = await makeLab();
    const disk = await service.createDisk({ name: 'p', sizeBytes: 64 * KiB, chunkBytes: 8 * KiB, encryption: { isEncrypted: false } });
    const dev = await service.open(disk.id);
    await dev.write(7, seededBytes(20 * SECTOR_BYTES, 3));
    expectBytes(await dev.readPhysical(0, 128), await dev.read(0, 128));
  });

  it('a flipped stored bit garbles only its own sector (XTS, T-12)', async () => {
    const { service, cipher, store } = await makeLab();
    const handle = await cipher.generateSessionKey();
    const disk = await service.createDisk({ name: 'x', sizeBytes: 16 * KiB, chunkBytes: 16 * KiB, encryption: { isEncrypted: true, handle, keySource: 'session' } });
    const dev = await service.open(disk.id, handle);
    const data = seededBytes(16 * KiB, 8);
    await dev.write(0, data);
    store.tamperChunk((await service.getDisk(disk.id))!.chunks[0], (bytes) => { bytes[5 * SECTOR_BYTES + 100] ^= 1; });
    const read = await dev.read(0, 32);
    expectBytes(read.subarray(0, 5 * SECTOR_BYTES), data.subarray(0, 5 * SECTOR_BYTES));
    expectBytes(read.subarray(6 * SECTOR_BYTES), data.subarray(6 * SECTOR_BYTES));
    expect(read.subarray(5 * SECTOR_BYTES, 6 * SECTOR_BYTES)).not.toEqual(data.subarray(5 * SECTOR_BYTES, 6 * SECTOR_BYTES));
  });

  it('physical reads of an encrypted disk need no key; guest reads and writes without one reject with KeyRequired', async () => {
    const { service, cipher } = await makeLab();
    const handle = await cipher.generateSessionKey();
    const disk = await service.createDisk({ name: 'k', sizeBytes: 16 * KiB, chunkBytes: 8 * KiB, encryption: { isEncrypted: true, handle, keySource: 'session' } });
    await (await service.open(disk.id, handle)).write(0, seededBytes(SECTOR_BYTES, 1));
    const dev = await service.open(disk.id);
    expect((await dev.readPhysical(0, 1)).length).toBe(SECTOR_BYTES);
    expect(await codeOf(dev.read(0, 1))).toBe('KeyRequired');
    expect(await codeOf(dev.write(0, new Uint8Array(SECTOR_BYTES)))).toBe('KeyRequired');
  });

  it('the caller\'s buffer is neither detached nor aliased by a write', async () => {
    const { service, cipher } = await makeLab();
    const handle = await cipher.generateSessionKey();
    const disk = await service.createDisk({ name: 'a', sizeBytes: 16 * KiB, chunkBytes: 8 * KiB, encryption: { isEncrypted: true, handle, keySource: 'session' } });
    const dev = await service.open(disk.id, handle);
    const data = seededBytes(4 * KiB, 2);
    const copy = data.slice();
    await dev.write(4, data);
    expectBytes(data, copy);
    data.fill(0);
    expectBytes(await dev.read(4, 8), copy);
  });
});

describe('pipelined reads', () => {
  it('a read spanning several fetch batches returns every byte, encrypted and plain, and a lost chunk in a later batch is DiskLost', async () => {
    const { service, cipher, store } = await makeLab();
    const size = 10 << 20; // 160 chunks of 64 KiB: three batches of READ_BATCH_BYTES
    const data = seededBytes(size - (1 << 20), 77);
    for (const isEncrypted of [true, false]) {
      const handle = isEncrypted ? await cipher.generateSessionKey() : undefined;
      const disk = await service.createDisk({
        name: `pipe-${isEncrypted}`, sizeBytes: size, chunkBytes: 64 << 10,
        encryption: handle ? { isEncrypted: true, handle, keySource: 'session' } : { isEncrypted: false },
      });
      const dev = await service.open(disk.id, handle);
      await dev.write(2048, data); // leaves the first MiB never written
      const all = await dev.read(0, size / 512);
      expectBytes(all.subarray(0, 1 << 20), new Uint8Array(1 << 20), 'never written');
      expectBytes(all.subarray(1 << 20), data, 'written');
      if (isEncrypted) {
        const chunkId = (await service.getDisk(disk.id))!.chunks[150];
        store.evictChunk(chunkId);
        expect(await codeOf(dev.read(0, size / 512))).toBe('DiskLost');
      }
    }
  });
});
