// Bad input changes nothing (reliability-cases.md T-09, T-10): every out-of-range sector, bad length
// and wrong type is rejected with its exact code before the first write, and the store is
// byte-identical afterwards.
import { describe, expect, it } from 'vitest';
import { MAX_IO_BYTES } from '../../../web/core/disks/errors';
import { SECTOR_BYTES } from '../../../web/core/disks/types';
import { codeOf, makeLab, seededBytes } from './helpers';

const SIZE_SECTORS = 64;

async function setUp() {
  const lab = await makeLab();
  const handle = await lab.cipher.generateSessionKey();
  const disk = await lab.service.createDisk({ name: 'v', sizeBytes: SIZE_SECTORS * SECTOR_BYTES, chunkBytes: 4096, encryption: { isEncrypted: true, handle, keySource: 'session' } });
  const dev = await lab.service.open(disk.id, handle);
  await dev.write(0, seededBytes(SIZE_SECTORS * SECTOR_BYTES, 1));
  return { ...lab, disk, dev, before: lab.store.dump() };
}

describe('bad sector numbers and lengths (T-09, T-10)', () => {
  const badSectors: [string, unknown][] = [
    ['= size', SIZE_SECTORS], ['size + 1', SIZE_SECTORS + 1], ['2^53', 2 ** 53], ['-1', -1], ['1.5', 1.5],
    ['NaN', NaN], ['Infinity', Infinity], ['a string', '3'], ['a bigint', 3n], ['undefined', undefined], ['null', null],
  ];
  for (const [label, sector] of badSectors) {
    it(`sector ${label}: read, readPhysical and write reject with InvalidParameter.Sector and change nothing`, async () => {
      const { dev, store, before } = await setUp();
      const s = sector as number;
      expect(await codeOf(dev.read(s, 1))).toBe('InvalidParameter.Sector');
      expect(await codeOf(dev.readPhysical(s, 1))).toBe('InvalidParameter.Sector');
      expect(await codeOf(dev.write(s, new Uint8Array(SECTOR_BYTES)))).toBe('InvalidParameter.Sector');
      expect(store.dump()).toEqual(before);
    });
  }

  const badWrites: [string, number, unknown][] = [
    ['straddling the end by one sector', SIZE_SECTORS - 1, new Uint8Array(2 * SECTOR_BYTES)],
    ['larger than the disk', 0, new Uint8Array((SIZE_SECTORS + 1) * SECTOR_BYTES)],
    ['not a multiple of 512', 0, new Uint8Array(SECTOR_BYTES + 1)],
    ['one byte short of a sector', 0, new Uint8Array(SECTOR_BYTES - 1)],
    ['empty', 0, new Uint8Array(0)],
    ['larger than the per-call maximum', 0, new Uint8Array(MAX_IO_BYTES + SECTOR_BYTES)],
  ];
  for (const [label, sector, data] of badWrites) {
    it(`a write ${label} rejects with InvalidParameter.Length: no partial write of the in-range part`, async () => {
      const { dev, store, before } = await setUp();
      expect(await codeOf(dev.write(sector, data as Uint8Array))).toBe('InvalidParameter.Length');
      expect(store.dump()).toEqual(before);
    });
  }

  for (const [label, data] of [['an ArrayBuffer', new ArrayBuffer(512)], ['an array of numbers', new Array(512).fill(0)], ['a string', 'x'.repeat(512)], ['null', null]] as const) {
    it(`a write of ${label} rejects with InvalidParameter.Data and changes nothing`, async () => {
      const { dev, store, before } = await setUp();
      expect(await codeOf(dev.write(0, data as unknown as Uint8Array))).toBe('InvalidParameter.Data');
      expect(store.dump()).toEqual(before);
    });
  }

  const badCounts: [string, number, unknown][] = [
    ['0', 0, 0], ['-1', 0, -1], ['1.5', 0, 1.5], ['NaN', 0, NaN], ['a string', 0, '1'],
    ['straddling the end', SIZE_SECTORS - 2, 3], ['past the per-call maximum', 0, MAX_IO_BYTES / SECTOR_BYTES + 1],
  ];
  for (const [label, sector, count] of badCounts) {
    it(`a read of count ${label} rejects with InvalidParameter.Length`, async () => {
      const { dev, store, before } = await setUp();
      expect(await codeOf(dev.read(sector, count as number))).toBe('InvalidParameter.Length');
      expect(await codeOf(dev.readPhysical(sector, count as number))).toBe('InvalidParameter.Length');
      expect(store.dump()).toEqual(before);
    });
  }

  it('the last sector and the whole disk are in range', async () => {
    const { dev } = await setUp();
    await dev.write(SIZE_SECTORS - 1, new Uint8Array(SECTOR_BYTES));
    expect((await dev.read(0, SIZE_SECTORS)).length).toBe(SIZE_SECTORS * SECTOR_BYTES);
  });
});

describe('bad disk parameters', () => {
  const enc = { isEncrypted: false } as const;
  const badSizes: unknown[] = [0, -512, 511, 513, 1.5 * 512, NaN, 2 ** 53, 2 ** 42, '4096', undefined];
  for (const sizeBytes of badSizes) {
    it(`createDisk with sizeBytes ${String(sizeBytes)} rejects with InvalidParameter.Size and stores nothing`, async () => {
      const { service, store } = await makeLab();
      expect(await codeOf(service.createDisk({ name: 'x', sizeBytes: sizeBytes as number, encryption: enc }))).toBe('InvalidParameter.Size');
      expect(store.dump().disks).toEqual([]);
    });
  }

  for (const chunkBytes of [0, 512, 4095, 4096 + 100, 32 << 20, 1.5, NaN, '65536']) {
    it(`createDisk with chunkBytes ${String(chunkBytes)} rejects with InvalidParameter.ChunkSize`, async () => {
      const { service, store } = await makeLab();
      expect(await codeOf(service.createDisk({ name: 'x', sizeBytes: 65536, chunkBytes: chunkBytes as number, encryption: enc }))).toBe('InvalidParameter.ChunkSize');
      expect(store.dump().disks).toEqual([]);
    });
  }

  it('bad names and encryption settings reject with their codes', async () => {
    const { service, store } = await makeLab();
    expect(await codeOf(service.createDisk({ name: '', sizeBytes: 4096, encryption: enc }))).toBe('InvalidParameter.Name');
    expect(await codeOf(service.createDisk({ name: 'x'.repeat(129), sizeBytes: 4096, encryption: enc }))).toBe('InvalidParameter.Name');
    expect(await codeOf(service.createDisk({ name: 'x', sizeBytes: 4096, encryption: { isEncrypted: true, handle: '', keySource: 'session' } }))).toBe('InvalidParameter.Encryption');
    expect(await codeOf(service.createDisk({ name: 'x', sizeBytes: 4096, encryption: { isEncrypted: true, handle: 'h', keySource: 'kms' } }))).toBe('InvalidParameter.Encryption');
    expect(await codeOf(service.createDisk({ name: 'x', sizeBytes: 4096, encryption: null as never }))).toBe('InvalidParameter.Encryption');
    expect(store.dump().disks).toEqual([]);
  });

  it('unknown disk and snapshot ids reject with InvalidDiskId.NotFound / InvalidSnapshotId.NotFound', async () => {
    const { service } = await makeLab();
    expect(await codeOf(service.open('d-nope'))).toBe('InvalidDiskId.NotFound');
    expect(await codeOf(service.deleteDisk('d-nope'))).toBe('InvalidDiskId.NotFound');
    expect(await codeOf(service.createSnapshot('d-nope', 'snap'))).toBe('InvalidDiskId.NotFound');
    expect(await codeOf(service.chunkInfo('d-nope'))).toBe('InvalidDiskId.NotFound');
    expect(await codeOf(service.deleteSnapshot('s-nope'))).toBe('InvalidSnapshotId.NotFound');
    expect(await codeOf(service.createDiskFromSnapshot('s-nope', 'x'))).toBe('InvalidSnapshotId.NotFound');
    expect(await codeOf(service.copy({ source: { snapshotId: 's-nope' }, target: { name: 'x', encryption: { isEncrypted: false } } }))).toBe('InvalidSnapshotId.NotFound');
    expect(await codeOf(service.copy({ source: { diskId: 'd-nope' }, target: { name: 'x', encryption: { isEncrypted: false } } }))).toBe('InvalidDiskId.NotFound');
  });
});
