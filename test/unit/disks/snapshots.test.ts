// Snapshots by reference counting (T-25, T-30): point-in-time, copy-on-write sharing that frees
// exactly the chunks nobody references, disks made from snapshots, a 20-deep chain with middle
// deletions, and deleteSessionDisks.
import { describe, expect, it } from 'vitest';
import { DiskService } from '../../../web/core/disks/disk-service';
import { pageLock } from '../../../web/core/disks/disk-context';
import { SECTOR_BYTES } from '../../../web/core/disks/types';
import { codeOf, expectBytes, makeLab, seededBytes, sha256 } from './helpers';

const CHUNK = 4096;
const PER = CHUNK / SECTOR_BYTES;
const CHUNKS = 8;

async function lab(isEncrypted = true) {
  const l = await makeLab();
  const handle = isEncrypted ? await l.cipher.generateSessionKey() : undefined;
  const disk = await l.service.createDisk({
    name: 'src', sizeBytes: CHUNKS * CHUNK, chunkBytes: CHUNK,
    encryption: handle ? { isEncrypted: true, handle, keySource: 'session' } : { isEncrypted: false },
  });
  const dev = await l.service.open(disk.id, handle);
  return { ...l, handle, disk, dev };
}

describe('snapshots', () => {
  it('are point-in-time: later writes to the disk never change the snapshot or a disk made from it', async () => {
    const { service, dev, disk, handle } = await lab();
    const v1 = seededBytes(CHUNKS * CHUNK, 1);
    await dev.write(0, v1);
    const snap = await service.createSnapshot(disk.id, 'v1');
    await dev.write(PER - 1, seededBytes(3 * CHUNK, 2));
    await dev.write(0, seededBytes(SECTOR_BYTES, 3));
    const restored = await service.createDiskFromSnapshot(snap.id, 'restored');
    const again = await service.createDiskFromSnapshot(snap.id, 'again');
    expectBytes(await (await service.open(restored.id, handle)).read(0, CHUNKS * PER), v1);
    // Restoring twice gives identical disks (T-25).
    expectBytes(await (await service.open(again.id, handle)).read(0, CHUNKS * PER), v1);
    expect(snap.encryption).toEqual(disk.encryption);
    expect(restored.encryption).toEqual(disk.encryption);
    expect(restored.sourceId).toBe(snap.id);
  });

  it('share every chunk until written: counts after snapshot, CoW write, disk from snapshot, and deletions free exactly the unreferenced chunks', async () => {
    const { service, store, dev, disk, handle } = await lab();
    await dev.write(0, seededBytes(4 * CHUNK, 1)); // chunks 0-3
    expect(store.chunkCount()).toBe(4);
    const snap = await service.createSnapshot(disk.id, 's');
    expect(store.chunkCount()).toBe(4); // shared, nothing copied
    expect((await service.chunkInfo(disk.id)).slice(0, 4).map((c) => c.refs)).toEqual([2, 2, 2, 2]);
    await dev.write(PER + 1, seededBytes(SECTOR_BYTES, 2)); // chunk 1: copy-on-write
    expect(store.chunkCount()).toBe(5);
    await dev.write(PER + 2, seededBytes(SECTOR_BYTES, 3)); // chunk 1 again: now unshared, in place
    expect(store.chunkCount()).toBe(5);
    const child = await service.createDiskFromSnapshot(snap.id, 'child');
    expect(store.chunkCount()).toBe(5);
    await (await service.open(child.id, handle)).write(0, seededBytes(SECTOR_BYTES, 4)); // chunk 0 CoW in child
    expect(store.chunkCount()).toBe(6);
    expect((await service.chunkInfo(disk.id)).slice(0, 4).map((c) => c.refs)).toEqual([2, 1, 3, 3]);
    await service.deleteSnapshot(snap.id); // its old chunk 1 is still the child's
    expect(store.chunkCount()).toBe(6);
    await service.deleteDisk(child.id); // frees the child's chunk 0 and the old chunk 1
    expect(store.chunkCount()).toBe(4);
    expect((await service.chunkInfo(disk.id)).slice(0, 4).map((c) => c.refs)).toEqual([1, 1, 1, 1]);
    await service.deleteDisk(disk.id);
    expect(store.chunkCount()).toBe(0);
    expect(store.dump()).toEqual({ disks: [], snapshots: [], chunks: [], refs: {} });
  });

  it('a 20-deep chain of snapshots with middle deletions: every remaining snapshot restores bit-exactly and only unique chunks are freed (T-30)', async () => {
    const { service, store, dev, disk, handle } = await lab();
    const model = new Uint8Array(CHUNKS * CHUNK);
    const snaps: { id: string; hash: string }[] = [];
    for (let i = 0; i < 20; i++) {
      const sector = (i * 11) % (CHUNKS * PER - 2);
      const data = seededBytes(2 * SECTOR_BYTES, 1000 + i);
      await dev.write(sector, data);
      model.set(data, sector * SECTOR_BYTES);
      const s = await service.createSnapshot(disk.id, `s${i}`);
      snaps.push({ id: s.id, hash: sha256(model) });
    }
    const referenced = async () => {
      const ids = new Set<string>();
      for (const d of await service.listDisks()) Object.values(d.chunks).forEach((c) => ids.add(c));
      for (const s of await service.listSnapshots()) Object.values(s.chunks).forEach((c) => ids.add(c));
      return ids.size;
    };
    for (const k of [10, 3, 15, 11, 1, 18, 9]) {
      await service.deleteSnapshot(snaps[k].id);
      snaps[k].id = '';
      // Exactly the chunks some disk or snapshot still names remain stored.
      expect(store.chunkCount()).toBe(await referenced());
    }
    for (const s of snaps.filter((x) => x.id)) {
      const d = await service.createDiskFromSnapshot(s.id, 'check');
      expect(sha256(await (await service.open(d.id, handle)).read(0, CHUNKS * PER))).toBe(s.hash);
      await service.deleteDisk(d.id);
    }
    expect(sha256(await dev.read(0, CHUNKS * PER))).toBe(sha256(model));
    for (const s of snaps.filter((x) => x.id)) await service.deleteSnapshot(s.id);
    await service.deleteDisk(disk.id);
    expect(store.chunkCount()).toBe(0);
  });

  it('a snapshot taken amid concurrent writes holds each write wholly or not at all (T-25)', async () => {
    const { service, dev, disk, handle } = await lab();
    const writes = Array.from({ length: 12 }, (_, i) => ({ sector: i * 3, data: new Uint8Array(2 * CHUNK).fill(i + 1) }));
    const pending = writes.slice(0, 6).map((w) => dev.write(w.sector, w.data));
    const snapPromise = service.createSnapshot(disk.id, 'mid');
    pending.push(...writes.slice(6).map((w) => dev.write(w.sector, w.data)));
    await Promise.all(pending);
    const snap = await snapPromise;
    const view = await (await service.open((await service.createDiskFromSnapshot(snap.id, 'v')).id, handle)).read(0, CHUNKS * PER);
    // Rebuild from a prefix of the writes: the snapshot must equal one of the prefixes.
    const prefixes = Array.from({ length: writes.length + 1 }, (_, n) => {
      const m = new Uint8Array(CHUNKS * CHUNK);
      for (const w of writes.slice(0, n)) m.set(w.data, w.sector * SECTOR_BYTES);
      return sha256(m);
    });
    expect(prefixes).toContain(sha256(view));
    // The disk lock is granted in arrival order: exactly the six writes asked for before it.
    expect(sha256(view)).toBe(prefixes[6]);
    expect(sha256(await dev.read(0, CHUNKS * PER))).toBe(prefixes[12]);
  });

  it('a snapshot of a plain disk is plain; a disk from it reads the same bytes', async () => {
    const { service, dev, disk } = await lab(false);
    await dev.write(5, seededBytes(CHUNK, 5));
    const snap = await service.createSnapshot(disk.id, 'p');
    expect(snap.encryption).toEqual({ isEncrypted: false });
    const d = await service.createDiskFromSnapshot(snap.id, 'pd');
    expectBytes(await (await service.open(d.id)).read(5, PER), seededBytes(CHUNK, 5));
  });

  it('a disk from a snapshot may be bigger (never smaller): the data stays, the new sectors read as zeros and can be written', async () => {
    const { service, store, dev, disk, handle } = await lab();
    const v1 = seededBytes(CHUNKS * CHUNK, 4);
    await dev.write(0, v1);
    const snap = await service.createSnapshot(disk.id, 'v1');
    const big = await service.createDiskFromSnapshot(snap.id, 'big', 2 * CHUNKS * CHUNK);
    expect(big.sizeBytes).toBe(2 * CHUNKS * CHUNK);
    const bigDev = await service.open(big.id, handle);
    expect(bigDev.sizeSectors).toBe(2 * CHUNKS * PER);
    expectBytes(await bigDev.read(0, CHUNKS * PER), v1);
    expectBytes(await bigDev.read(CHUNKS * PER, CHUNKS * PER), new Uint8Array(CHUNKS * CHUNK));
    const tail = seededBytes(CHUNK, 5);
    await bigDev.write(2 * CHUNKS * PER - PER, tail);
    expectBytes(await bigDev.read(2 * CHUNKS * PER - PER, PER), tail);
    const before = store.dump();
    expect(await codeOf(service.createDiskFromSnapshot(snap.id, 'small', CHUNK))).toBe('InvalidParameter.Size');
    expect(store.dump()).toEqual(before);
  });

  it('snapshot names are checked before anything is stored', async () => {
    const { service, store, disk } = await lab();
    const before = store.dump();
    expect(await codeOf(service.createSnapshot(disk.id, ''))).toBe('InvalidParameter.Name');
    expect(store.dump()).toEqual(before);
  });
});

describe('deleteSessionDisks', () => {
  it('deletes disks and snapshots with session keys, keeps plain and KMS ones, and frees their chunks', async () => {
    const { service, store, dev, disk, cipher } = await lab();
    await dev.write(0, seededBytes(2 * CHUNK, 1));
    await service.createSnapshot(disk.id, 'session snap');
    const plain = await service.createDisk({ name: 'plain', sizeBytes: CHUNK, chunkBytes: CHUNK, encryption: { isEncrypted: false } });
    await (await service.open(plain.id)).write(0, seededBytes(CHUNK, 2));
    const handle = await cipher.generateSessionKey();
    const kms = await service.createDisk({
      name: 'kms', sizeBytes: CHUNK, chunkBytes: CHUNK,
      encryption: { isEncrypted: true, handle, keySource: 'kms', wrappedKey: { keyId: 'key-1', ciphertextBlob: 'AAAA', encryptionContext: { lineage: 'x' } } },
    });
    expect(await service.deleteSessionDisks()).toBe(2);
    expect((await service.listDisks()).map((d) => d.id).sort()).toEqual([kms.id, plain.id].sort());
    expect(await service.listSnapshots()).toEqual([]);
    expect(store.chunkCount()).toBe(1);
    expect((await service.getDisk(kms.id))?.encryption).toMatchObject({ keySource: 'kms', wrappedKey: { keyId: 'key-1' } });
  });
});

describe('deleteSessionDisks with several pages open', () => {
  it('keeps the session disks of a page that still holds its page lock, and deletes those of closed pages', async () => {
    const { store, locks, cipher } = await makeLab();
    const pageA = new DiskService({ store, cipher, locks, pageId: 'page-a' });
    const pageB = new DiskService({ store, cipher, locks, pageId: 'page-b' });
    const make = async (service: DiskService, name: string) => service.createDisk({
      name, sizeBytes: CHUNK, chunkBytes: CHUNK, encryption: { isEncrypted: true, handle: await cipher.generateSessionKey(), keySource: 'session' },
    });
    let closeA!: () => void;
    const aOpen = locks.withLock(pageLock('page-a'), 'exclusive', () => new Promise<void>((r) => { closeA = r; }));
    await new Promise((r) => setTimeout(r, 0));
    const ofA = await make(pageA, 'of a live page');
    const ofClosed = await make(new DiskService({ store, cipher, locks, pageId: 'page-gone' }), 'of a closed page');
    const legacy = await make(new DiskService({ store, cipher, locks }), 'with no owner');
    expect(ofA.encryption).toMatchObject({ keySource: 'session', ownerPageId: 'page-a' });
    expect(await pageB.deleteSessionDisks()).toBe(2);
    expect((await pageB.listDisks()).map((d) => d.id)).toEqual([ofA.id]);
    expect(legacy.encryption).not.toHaveProperty('ownerPageId');
    closeA();
    await aOpen;
    expect(await pageB.deleteSessionDisks()).toBe(1);
    expect(await pageB.listDisks()).toEqual([]);
    void ofClosed;
  });
});
