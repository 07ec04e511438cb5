// The hypervisor's read cache (web/core/ecs/read-cache.ts): it answers exactly what the device holds
// through any mix of reads and writes, fetches each window once, writes through (flushed) before it
// resolves, keeps at most MAX windows, clamps the last window to the disk, and forgets all on clear().
import { describe, expect, it } from 'vitest';
import { cachedReader } from '../../../web/core/ecs/read-cache';

const SECTOR = 512;

function fakeDevice(sizeSectors: number) {
  const bytes = new Uint8Array(sizeSectors * SECTOR);
  const log: string[] = [];
  return {
    bytes, log, sizeSectors,
    async read(sector: number, count: number) {
      if (sector < 0 || count < 1 || sector + count > sizeSectors) throw new RangeError(`bad range ${sector}+${count}`);
      log.push(`read ${sector}+${count}`);
      await new Promise((r) => setImmediate(r));
      return bytes.slice(sector * SECTOR, (sector + count) * SECTOR);
    },
    async write(sector: number, data: Uint8Array) {
      log.push(`write ${sector}+${data.length / SECTOR}`);
      await new Promise((r) => setImmediate(r));
      bytes.set(data, sector * SECTOR);
    },
    async flush() { log.push('flush'); },
  };
}

/** A deterministic pseudo-random generator (xorshift32). */
function rng(seed: number) {
  let x = seed;
  return () => {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

describe('the hypervisor read cache', () => {
  it('answers what the device holds through 2,000 random reads and writes (concurrent, unawaited), fetching each window once while it stays cached', async () => {
    const device = fakeDevice(100);
    for (let i = 0; i < device.bytes.length; i++) device.bytes[i] = (i * 7) & 255;
    const reference = device.bytes.slice();
    const cache = cachedReader(device, 16, 4);
    const random = rng(42);
    const pending: Promise<void>[] = [];
    for (let op = 0; op < 2000; op++) {
      const sector = Math.floor(random() * 100);
      const count = 1 + Math.floor(random() * Math.min(40, 100 - sector));
      if (random() < 0.3) {
        const data = new Uint8Array(count * SECTOR).map(() => Math.floor(random() * 256));
        reference.set(data, sector * SECTOR);
        pending.push(cache.write(sector, data));
      } else {
        const expected = reference.slice(sector * SECTOR, (sector + count) * SECTOR);
        pending.push(cache.read(sector, count).then((got) => { expect(Buffer.compare(got, expected), `read ${sector}+${count}`).toBe(0); }));
      }
    }
    await Promise.all(pending);
    expect(Buffer.compare(device.bytes, reference)).toBe(0);
    expect(cache.deviceReads).toBeLessThan(1400);
  });

  it('reads a window once; a write goes through and is flushed before it resolves, and later reads see it without another fetch', async () => {
    const device = fakeDevice(64);
    const cache = cachedReader(device, 16, 4);
    expect(await cache.read(1, 1)).toEqual(new Uint8Array(SECTOR));
    await cache.read(3, 10);
    expect(device.log).toEqual(['read 0+16']);
    const data = new Uint8Array(2 * SECTOR).fill(9);
    await cache.write(15, data); // spans windows 0 and 1; window 1 is not cached
    expect(device.log.slice(1)).toEqual(['write 15+2', 'flush']);
    expect(device.bytes.subarray(15 * SECTOR, 17 * SECTOR)).toEqual(data);
    expect(await cache.read(15, 1)).toEqual(data.subarray(0, SECTOR));
    expect(device.log.length).toBe(3);
    expect(await cache.read(16, 1)).toEqual(data.subarray(SECTOR));
    expect(device.log.at(-1)).toBe('read 16+16');
  });

  it('keeps at most the given number of windows (least recently used goes), clamps the last window, and forgets everything on clear()', async () => {
    const device = fakeDevice(40); // windows of 16: 0–15, 16–31, 32–39
    const cache = cachedReader(device, 16, 2);
    await cache.read(0, 1);
    await cache.read(16, 1);
    await cache.read(0, 1); // window 0 used again: window 1 is now the oldest
    await cache.read(39, 1);
    expect(device.log).toEqual(['read 0+16', 'read 16+16', 'read 32+8']);
    await cache.read(0, 1);
    expect(device.log.length).toBe(3);
    await cache.read(17, 1); // window 1 was dropped
    expect(device.log.at(-1)).toBe('read 16+16');
    cache.clear();
    await cache.read(0, 1);
    expect(device.log.at(-1)).toBe('read 0+16');
  });

  it('leaves a bad range to the device, which reports it', async () => {
    const cache = cachedReader(fakeDevice(32), 16, 2);
    await expect(cache.read(30, 4)).rejects.toThrow(RangeError);
    await expect(cache.read(-1, 1)).rejects.toThrow(RangeError);
  });
});
