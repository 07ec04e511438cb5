// copy(): re-encryption through the cipher (plain → encrypted, key A → key B, encrypted → plain),
// the guest view's SHA-256 unchanged, sparse stays sparse, progress, cancellation that leaves nothing
// behind (OperationAborted), failure clean-up, and memory in flight that does not grow with the disk.
import { describe, expect, it } from 'vitest';
import { COPY_BATCH_BYTES } from '../../../web/core/disks/copy';
import { SECTOR_BYTES } from '../../../web/core/disks/types';
import { oracleXts } from '../xts-oracle';
import { codeOf, expectBytes, fingerprint, knownKey, makeLab, seededBytes, sha256 } from './helpers';

const KiB = 1024;
const MiB = 1 << 20;

async function filledDisk(l: Awaited<ReturnType<typeof makeLab>>, opts: { isEncrypted: boolean; sizeBytes: number; chunkBytes: number; key?: Uint8Array }) {
  const handle = opts.isEncrypted ? (opts.key ? await l.cipher.loadKnownKeyForTest(opts.key) : await l.cipher.generateSessionKey()) : undefined;
  const disk = await l.service.createDisk({
    name: 'src', sizeBytes: opts.sizeBytes, chunkBytes: opts.chunkBytes,
    encryption: handle ? { isEncrypted: true, handle, keySource: 'session' } : { isEncrypted: false },
  });
  const dev = await l.service.open(disk.id, handle);
  // Written in three places, leaving never-written chunks between them.
  const sectors = opts.sizeBytes / SECTOR_BYTES;
  await dev.write(0, seededBytes(opts.chunkBytes + 3 * SECTOR_BYTES, 1));
  await dev.write(Math.floor(sectors / 2), seededBytes(2 * SECTOR_BYTES, 2));
  await dev.write(sectors - 5, seededBytes(5 * SECTOR_BYTES, 3));
  return { disk, dev, handle, guest: await dev.read(0, sectors) };
}

describe('copy', () => {
  it('a copy may be bigger than its source: the same data, zeros after it, re-encrypted under the new key', async () => {
    const l = await makeLab();
    const { disk, guest } = await filledDisk(l, { isEncrypted: false, sizeBytes: 64 * KiB, chunkBytes: 4 * KiB });
    const handle = await l.cipher.loadKnownKeyForTest(knownKey(78));
    const copy = await l.service.copy({ source: { diskId: disk.id }, target: { name: 'big', sizeBytes: 128 * KiB, encryption: { isEncrypted: true, handle, keySource: 'session' } } });
    expect(copy.sizeBytes).toBe(128 * KiB);
    const dev = await l.service.open(copy.id, handle);
    expect(sha256(await dev.read(0, 128))).toBe(sha256(guest));
    expectBytes(await dev.read(128, 128), new Uint8Array(64 * KiB));
    expect(await codeOf(l.service.copy({ source: { diskId: disk.id }, target: { name: 'small', sizeBytes: 32 * KiB, encryption: { isEncrypted: false } } }))).toBe('InvalidParameter.Size');
    expect((await l.service.listDisks()).map((d) => d.name).sort()).toEqual(['big', disk.name].sort());
  });

  it('plain → encrypted: the guest view is identical (SHA-256), stored bytes are XTS under the new key, and never-written chunks stay unallocated', async () => {
    const l = await makeLab();
    const { disk, guest } = await filledDisk(l, { isEncrypted: false, sizeBytes: 64 * KiB, chunkBytes: 4 * KiB });
    const key = knownKey(77);
    const handle = await l.cipher.loadKnownKeyForTest(key);
    const copy = await l.service.copy({ source: { diskId: disk.id }, target: { name: 'enc', encryption: { isEncrypted: true, handle, keySource: 'session' } } });
    expect(copy.isCopying).toBeUndefined();
    expect(copy.sourceId).toBe(disk.id);
    expect(copy.encryption).toMatchObject({ isEncrypted: true, keySource: 'session' });
    const dev = await l.service.open(copy.id, handle);
    expect(sha256(await dev.read(0, 128))).toBe(sha256(guest));
    const physical = await dev.readPhysical(0, 128);
    for (const [index] of Object.entries(copy.chunks)) {
      const c = Number(index);
      expectBytes(physical.subarray(c * 4 * KiB, (c + 1) * 4 * KiB), oracleXts(true, key, BigInt(c * 8), SECTOR_BYTES, guest.subarray(c * 4 * KiB, (c + 1) * 4 * KiB)));
    }
    expect(Object.keys(copy.chunks).sort()).toEqual(Object.keys((await l.service.getDisk(disk.id))!.chunks).sort());
    expect(Object.keys(copy.chunks).length).toBeLessThan(16);
  });

  it('key A → key B gives a new lineage; encrypted → plain works too; the source is untouched', async () => {
    const l = await makeLab();
    const { disk, guest, handle: keyA } = await filledDisk(l, { isEncrypted: true, sizeBytes: 96 * KiB, chunkBytes: 8 * KiB });
    const sourceRecord = await l.service.getDisk(disk.id);
    const keyB = await l.cipher.generateSessionKey();
    const b = await l.service.copy({ source: { diskId: disk.id }, sourceHandle: keyA, target: { name: 'b', encryption: { isEncrypted: true, handle: keyB, keySource: 'session' } } });
    expect(b.encryption.isEncrypted && disk.encryption.isEncrypted && b.encryption.lineageId !== disk.encryption.lineageId).toBe(true);
    expect(sha256(await (await l.service.open(b.id, keyB)).read(0, 192))).toBe(sha256(guest));
    // Different key: the stored bytes differ chunk by chunk.
    const srcPhysical = await (await l.service.open(disk.id)).readPhysical(0, 16);
    expect(sha256(await (await l.service.open(b.id)).readPhysical(0, 16))).not.toBe(sha256(srcPhysical));
    const plain = await l.service.copy({ source: { diskId: b.id }, sourceHandle: keyB, target: { name: 'p', encryption: { isEncrypted: false } } });
    expect(sha256(await (await l.service.open(plain.id)).readPhysical(0, 192))).toBe(sha256(guest));
    expect(await l.service.getDisk(disk.id)).toEqual(sourceRecord);
  });

  it('from a snapshot, and into another chunk size (4 KiB → 12 KiB and 64 KiB → 4 KiB)', async () => {
    for (const [from, to] of [[4 * KiB, 12 * KiB], [64 * KiB, 4 * KiB]]) {
      const l = await makeLab();
      const { disk, guest, handle, dev } = await filledDisk(l, { isEncrypted: true, sizeBytes: 4 * 64 * KiB + 7 * SECTOR_BYTES, chunkBytes: from });
      const snap = await l.service.createSnapshot(disk.id, 's');
      await dev.write(0, seededBytes(SECTOR_BYTES, 99)); // after the snapshot: not in the copy
      const keyB = await l.cipher.generateSessionKey();
      const copy = await l.service.copy({ source: { snapshotId: snap.id }, sourceHandle: handle, target: { name: 'c', chunkBytes: to, encryption: { isEncrypted: true, handle: keyB, keySource: 'session' } } });
      expect(copy.chunkBytes).toBe(to);
      expect(copy.sourceId).toBe(snap.id);
      expect(sha256(await (await l.service.open(copy.id, keyB)).read(0, guest.length / SECTOR_BYTES))).toBe(sha256(guest));
    }
  });

  it('reports progress up to the total, in order', async () => {
    const l = await makeLab();
    const handle = await l.cipher.generateSessionKey();
    const disk = await l.service.createDisk({ name: 'p', sizeBytes: 32 * MiB, chunkBytes: MiB, encryption: { isEncrypted: false } });
    await (await l.service.open(disk.id)).write(0, new Uint8Array(32 * MiB).fill(1));
    const seen: number[] = [];
    await l.service.copy({ source: { diskId: disk.id }, target: { name: 'c', encryption: { isEncrypted: true, handle, keySource: 'session' } }, onProgress: (p) => { expect(p.totalBytes).toBe(32 * MiB); seen.push(p.doneBytes); } });
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(seen.at(-1)).toBe(32 * MiB);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
  });

  it('cancellation rejects with OperationAborted and leaves nothing behind', async () => {
    const l = await makeLab();
    const { disk, handle } = await filledDisk(l, { isEncrypted: true, sizeBytes: 4 * MiB, chunkBytes: 4 * KiB });
    await (await l.service.open(disk.id, handle)).write(0, seededBytes(4 * MiB, 5));
    const before = fingerprint(l.store);
    const keyB = await l.cipher.generateSessionKey();
    const controller = new AbortController();
    const done: number[] = [];
    const result = l.service.copy({
      source: { diskId: disk.id }, sourceHandle: handle, signal: controller.signal,
      target: { name: 'c', chunkBytes: 4 * KiB, encryption: { isEncrypted: true, handle: keyB, keySource: 'session' } },
      onProgress: (p) => { done.push(p.doneBytes); controller.abort(); },
    });
    expect(await codeOf(result)).toBe('OperationAborted');
    expect(done.length).toBe(1); // one batch landed before the abort, and was removed
    expect(fingerprint(l.store)).toBe(before);
    expect(l.locks.heldNames()).toEqual([]);
    // Already aborted: nothing starts.
    expect(await codeOf(l.service.copy({ source: { diskId: disk.id }, sourceHandle: handle, signal: controller.signal, target: { name: 'c', encryption: { isEncrypted: false } } }))).toBe('OperationAborted');
    expect(fingerprint(l.store)).toBe(before);
  });

  it('a storage failure mid-copy deletes the partial target and rejects with the storage code', async () => {
    const l = await makeLab();
    const { disk } = await filledDisk(l, { isEncrypted: false, sizeBytes: 32 * MiB, chunkBytes: MiB });
    await (await l.service.open(disk.id)).write(0, new Uint8Array(32 * MiB).fill(3));
    const before = fingerprint(l.store);
    const handle = await l.cipher.generateSessionKey();
    let batches = 0;
    const result = l.service.copy({ source: { diskId: disk.id }, target: { name: 'c', encryption: { isEncrypted: true, handle, keySource: 'session' } }, onProgress: () => { if (++batches === 2) l.store.failNextCommit('QuotaExceeded', 1); } });
    expect(await codeOf(result)).toBe('QuotaExceeded');
    expect(fingerprint(l.store)).toBe(before);
  });

  it('an encrypted source without sourceHandle rejects with KeyRequired before anything is stored', async () => {
    const l = await makeLab();
    const { disk } = await filledDisk(l, { isEncrypted: true, sizeBytes: 64 * KiB, chunkBytes: 4 * KiB });
    const before = fingerprint(l.store);
    expect(await codeOf(l.service.copy({ source: { diskId: disk.id }, target: { name: 'c', encryption: { isEncrypted: false } } }))).toBe('KeyRequired');
    expect(fingerprint(l.store)).toBe(before);
  });

  it('memory in flight is bounded by the batch size, not the disk size', async () => {
    const peaks: number[] = [];
    for (const sizeBytes of [16 * MiB, 64 * MiB]) {
      const l = await makeLab();
      const keyA = await l.cipher.generateSessionKey();
      const disk = await l.service.createDisk({ name: 'm', sizeBytes, chunkBytes: MiB, encryption: { isEncrypted: true, handle: keyA, keySource: 'session' } });
      const dev = await l.service.open(disk.id, keyA);
      for (let s = 0; s < sizeBytes / SECTOR_BYTES; s += 16 * MiB / SECTOR_BYTES) await dev.write(s, new Uint8Array(16 * MiB).fill(s & 0xff));
      l.cipher.stats.maxBytesInFlight = 0;
      const keyB = await l.cipher.generateSessionKey();
      const copy = await l.service.copy({ source: { diskId: disk.id }, sourceHandle: keyA, target: { name: 'c', encryption: { isEncrypted: true, handle: keyB, keySource: 'session' } } });
      expect(Object.keys(copy.chunks).length).toBe(sizeBytes / MiB);
      peaks.push(l.cipher.stats.maxBytesInFlight);
    }
    expect(peaks[0]).toBeLessThanOrEqual(COPY_BATCH_BYTES);
    expect(peaks[1]).toBe(peaks[0]);
  });
});

describe('deleteInterruptedCopies', () => {
  it('removes a copy target a closed page left with isCopying, with its chunks; leaves finished disks', async () => {
    const l = await makeLab();
    const done = await l.service.createDisk({ name: 'ok', sizeBytes: 8 * KiB, chunkBytes: 4 * KiB, encryption: { isEncrypted: false } });
    // What a page closed mid-copy leaves: a target with isCopying and one committed batch.
    await l.store.commit({
      putDisks: [{ ...done, id: 'd-orphan', name: 'half', isCopying: true, sourceId: done.id, chunks: { 0: 'c-orphan' } }],
      putChunks: [{ id: 'c-orphan', data: new ArrayBuffer(4 * KiB) }], refDeltas: { 'c-orphan': 1 },
    }, 'strict');
    expect(await codeOf(l.service.open('d-orphan'))).toBe('DiskBusy');
    expect(await l.service.deleteInterruptedCopies()).toBe(1);
    expect((await l.service.listDisks()).map((d) => d.id)).toEqual([done.id]);
    expect(l.store.chunkCount()).toBe(0);
  });
});
