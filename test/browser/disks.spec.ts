// DiskService on real IndexedDB, the real crypto pool and Web Locks in Chromium (harness.html): round
// trips at many offsets and lengths that survive a new connection, sparse reads, point-in-time
// snapshots with copy-on-write sharing and freeing, re-encrypting copies, and the lost state (T-24).
import { expect, test } from '@playwright/test';
import { openHarness } from '../support/harness-page';
import type { Harness } from '../../web/harness/main';

declare const harness: Harness;

let pageErrors: string[] = [];
let dbName = '';

test.beforeEach(async ({ page }, info) => {
  pageErrors = [];
  await openHarness(page, pageErrors);
  dbName = `test-disks-${info.testId}`;
  await page.evaluate((name) => harness.idb.deleteDb(name), dbName);
});
test.afterEach(async ({ page }) => {
  expect(pageErrors).toEqual([]);
  await page.evaluate((name) => harness.idb.deleteDb(name), dbName);
});

for (const isEncrypted of [true, false]) {
  test(`${isEncrypted ? 'encrypted' : 'plain'}: 60 writes at random offsets and lengths read back exactly, also through a new connection`, async ({ page }) => {
    const out = await page.evaluate(async ({ name, isEncrypted }) => {
      const rig = await harness.disks.createRig({ name });
      const handle = isEncrypted ? await rig.pool.generateSessionKey() : undefined;
      const sizeSectors = 8192; // 4 MiB in 64 KiB chunks: many writes straddle chunk edges
      const disk = await rig.service.createDisk({ name: 'rt', sizeBytes: sizeSectors * 512, chunkBytes: 65536, encryption: handle ? { isEncrypted: true, handle, keySource: 'session' } : { isEncrypted: false } });
      const dev = await rig.service.open(disk.id, handle);
      const model = new Uint8Array(sizeSectors * 512);
      let seed = 7;
      const rnd = (n: number) => { seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0; return seed % n; };
      const mismatches: string[] = [];
      for (let i = 1; i <= 60; i++) {
        const count = [1, 2, 7, 8, 127, 128, 129, 300, 1000][rnd(9)];
        const sector = i === 1 ? sizeSectors - count : rnd(sizeSectors - count + 1); // the last sector too
        const data = harness.disks.pattern(sector, count, i);
        await dev.write(sector, data);
        model.set(data, sector * 512);
        // A read of a different random range right after each write.
        const rs = rnd(sizeSectors - 64);
        const got = await dev.read(rs, 64);
        if (!got.every((b, k) => b === model[rs * 512 + k])) mismatches.push(`after write ${i}: sectors ${rs}+64`);
      }
      const whole = await dev.read(0, sizeSectors);
      const isWholeEqual = whole.every((b, k) => b === model[k]);
      const physical = await dev.readPhysical(0, sizeSectors);
      const physicalEqualsPlain = physical.every((b, k) => b === model[k]);
      rig.store.close();
      // A new connection (as after a reload): the same bytes come back from IndexedDB.
      const again = await harness.disks.createRig({ name, pool: rig.pool as never });
      const dev2 = await again.service.open(disk.id, handle);
      const isReopenedEqual = (await dev2.read(0, sizeSectors)).every((b, k) => b === model[k]);
      const problems = await harness.disks.audit(name);
      again.store.close();
      rig.pool.terminate();
      return { mismatches, isWholeEqual, physicalEqualsPlain, isReopenedEqual, problems };
    }, { name: dbName, isEncrypted });
    expect(out.mismatches).toEqual([]);
    expect(out.isWholeEqual).toBe(true);
    expect(out.physicalEqualsPlain).toBe(!isEncrypted);
    expect(out.isReopenedEqual).toBe(true);
    expect(out.problems).toEqual([]);
  });
}

test('sparse: a new disk stores nothing and reads zeros; a write allocates exactly the chunks it touches', async ({ page }) => {
  const out = await page.evaluate(async (name) => {
    const rig = await harness.disks.createRig({ name });
    const handle = await rig.pool.generateSessionKey();
    const disk = await rig.service.createDisk({ name: 'sparse', sizeBytes: 64 << 20, chunkBytes: 1 << 20, encryption: { isEncrypted: true, handle, keySource: 'session' } });
    const dev = await rig.service.open(disk.id, handle);
    const empty = await dev.read(0, 2048);
    const emptyPhysical = await dev.readPhysical(100000, 64);
    const chunksBefore = (await harness.disks.rawChunks(name)).length;
    await dev.write(2047, harness.disks.pattern(2047, 2, 1)); // straddles chunks 0 and 1
    await dev.write(130000, harness.disks.pattern(130000, 1, 2)); // chunk 63, the last
    const info = await rig.service.chunkInfo(disk.id);
    const around = await dev.read(2040, 16); // zeros, the written sectors, zeros
    const tags = harness.disks.tagsOf(around, 2040);
    const stored = (await harness.disks.rawChunks(name)).map((c) => c.data.byteLength);
    const problems = await harness.disks.audit(name);
    rig.store.close();
    rig.pool.terminate();
    return {
      isEmptyZero: empty.every((b) => b === 0) && emptyPhysical.every((b) => b === 0), chunksBefore, stored, tags, problems,
      allocated: info.filter((c) => c.isAllocated).map((c) => `${c.index}:${c.refs}:${c.entropy > 7 ? 'high' : 'low'}`),
    };
  }, dbName);
  expect(out.isEmptyZero).toBe(true);
  expect(out.chunksBefore).toBe(0);
  // Encrypted zeros look random: a partly written chunk is stored wholly as ciphertext.
  expect(out.allocated).toEqual(['0:1:high', '1:1:high', '63:1:high']);
  expect(out.stored).toEqual([1 << 20, 1 << 20, 1 << 20]);
  expect(out.tags).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0]);
  expect(out.problems).toEqual([]);
});

test('snapshots on real IndexedDB: point in time, chunks shared until written (refs 2), freed exactly when the last owner goes', async ({ page }) => {
  const out = await page.evaluate(async (name) => {
    const rig = await harness.disks.createRig({ name });
    const handle = await rig.pool.generateSessionKey();
    const disk = await rig.service.createDisk({ name: 'src', sizeBytes: 1 << 20, chunkBytes: 65536, encryption: { isEncrypted: true, handle, keySource: 'session' } });
    const dev = await rig.service.open(disk.id, handle);
    await dev.write(0, harness.disks.pattern(0, 2048, 1)); // all 16 chunks
    const snap = await rig.service.createSnapshot(disk.id, 'snap');
    const sharedRefs = (await rig.service.chunkInfo(disk.id)).map((c) => c.refs);
    await dev.write(128, harness.disks.pattern(128, 128, 2)); // chunk 1 only, whole
    await dev.write(1000, harness.disks.pattern(1000, 1, 3)); // part of chunk 7
    const afterRefs = (await rig.service.chunkInfo(disk.id)).map((c) => c.refs);
    const fromSnap = await rig.service.createDiskFromSnapshot(snap.id, 'restored');
    const restored = await rig.service.open(fromSnap.id, handle);
    const snapTags = harness.disks.tagsOf(await restored.read(0, 2048), 0);
    const diskTags = harness.disks.tagsOf(await dev.read(0, 2048), 0);
    const chunksWithAll = (await harness.disks.rawChunks(name)).length;
    const auditAll = await harness.disks.audit(name);
    await rig.service.deleteSnapshot(snap.id);
    const chunksAfterSnapDelete = (await harness.disks.rawChunks(name)).length; // the restored disk still names them
    await rig.service.deleteDisk(fromSnap.id);
    const chunksAfterRestoredDelete = (await harness.disks.rawChunks(name)).length;
    await rig.service.deleteDisk(disk.id);
    const chunksAtEnd = (await harness.disks.rawChunks(name)).length;
    const auditEnd = await harness.disks.audit(name);
    rig.store.close();
    rig.pool.terminate();
    const summary = (tags: number[]) => [...new Set(tags)].map((t) => `${t}×${tags.filter((x) => x === t).length}`).join(' ');
    return { sharedRefs, afterRefs, snap: summary(snapTags), disk: summary(diskTags), chunksWithAll, auditAll, chunksAfterSnapDelete, chunksAfterRestoredDelete, chunksAtEnd, auditEnd };
  }, dbName);
  expect(out.sharedRefs).toEqual(Array(16).fill(2));
  expect(out.afterRefs).toEqual(out.sharedRefs.map((_, i) => (i === 1 || i === 7 ? 1 : 2)));
  expect(out.snap).toBe('1×2048');
  expect(out.disk).toBe('1×1919 2×128 3×1');
  expect(out.chunksWithAll).toBe(18); // 16 shared + 2 copied on write
  expect(out.auditAll).toEqual([]);
  expect(out.chunksAfterSnapDelete).toBe(18);
  expect(out.chunksAfterRestoredDelete).toBe(16); // the disk's own 16 (14 formerly shared + 2 new)
  expect(out.chunksAtEnd).toBe(0);
  expect(out.auditEnd).toEqual([]);
});

test('a re-encrypting copy keeps the guest view (same SHA-256) under a different ciphertext; plain → encrypted too', async ({ page }) => {
  const out = await page.evaluate(async (name) => {
    const rig = await harness.disks.createRig({ name });
    const a = await rig.pool.generateSessionKey();
    const b = await rig.pool.generateSessionKey();
    const src = await rig.service.createDisk({ name: 'src', sizeBytes: 16 << 20, chunkBytes: 1 << 20, encryption: { isEncrypted: true, handle: a, keySource: 'session' } });
    const dev = await rig.service.open(src.id, a);
    for (let i = 0; i < 5; i++) await dev.write(i * 6000 + 17, harness.disks.pattern(i * 6000 + 17, 700, i + 1)); // sparse, unaligned
    const before = await harness.disks.sha256(await dev.read(0, 32768));
    const progress: number[] = [];
    const copy = await rig.service.copy({ source: { diskId: src.id }, sourceHandle: a, target: { name: 'copy', encryption: { isEncrypted: true, handle: b, keySource: 'session' } }, onProgress: (p) => progress.push(p.doneBytes) });
    const copied = await rig.service.open(copy.id, b);
    const after = await harness.disks.sha256(await copied.read(0, 32768));
    const physicalSame = (await harness.disks.sha256(await dev.readPhysical(0, 32768))) === (await harness.disks.sha256(await copied.readPhysical(0, 32768)));
    const lineageDiffers = (copy.encryption as { lineageId: string }).lineageId !== (src.encryption as { lineageId: string }).lineageId;
    const plain = await rig.service.createDisk({ name: 'plain', sizeBytes: 1 << 20, chunkBytes: 65536, encryption: { isEncrypted: false } });
    const plainDev = await rig.service.open(plain.id);
    await plainDev.write(5, harness.disks.pattern(5, 300, 9));
    const plainHash = await harness.disks.sha256(await plainDev.read(0, 2048));
    const enc = await rig.service.copy({ source: { diskId: plain.id }, target: { name: 'enc', encryption: { isEncrypted: true, handle: b, keySource: 'session' } } });
    const encDev = await rig.service.open(enc.id, b);
    const encHash = await harness.disks.sha256(await encDev.read(0, 2048));
    const encPhysicalHash = await harness.disks.sha256(await encDev.readPhysical(0, 2048));
    const problems = await harness.disks.audit(name);
    rig.store.close();
    rig.pool.terminate();
    return { before, after, physicalSame, lineageDiffers, isCopying: copy.isCopying ?? false, progressEnd: progress.at(-1), plainHash, encHash, encPhysicalDiffers: encPhysicalHash !== plainHash, problems };
  }, dbName);
  expect(out.after).toBe(out.before);
  expect(out.physicalSame).toBe(false);
  expect(out.lineageDiffers).toBe(true);
  expect(out.isCopying).toBe(false);
  expect(out.progressEnd).toBe(16 << 20);
  expect(out.encHash).toBe(out.plainHash);
  expect(out.encPhysicalDiffers).toBe(true);
  expect(out.problems).toEqual([]);
});

test('T-24: chunks deleted behind the store\'s back make the disk lost: reads reject with DiskLost (never zeros), and the state persists', async ({ page }) => {
  const out = await page.evaluate(async (name) => {
    const rig = await harness.disks.createRig({ name });
    const handle = await rig.pool.generateSessionKey();
    const disk = await rig.service.createDisk({ name: 'victim', sizeBytes: 1 << 20, chunkBytes: 65536, encryption: { isEncrypted: true, handle, keySource: 'session' } });
    const dev = await rig.service.open(disk.id, handle);
    await dev.write(0, harness.disks.pattern(0, 256, 1)); // chunks 0 and 1
    const stored = await rig.service.getDisk(disk.id);
    await harness.idb.deleteChunksBehindTheBack(name, [stored!.chunks[1]]);
    const intact = harness.disks.tagsOf(await dev.read(0, 128), 0).every((t) => t === 1); // chunk 0 still there
    const lostRead = await dev.read(100, 100).then(() => null, harness.idb.errorFacts);
    const state = (await rig.service.getDisk(disk.id))?.state;
    const anyRead = await dev.read(0, 1).then(() => null, harness.idb.errorFacts);
    const physical = await dev.readPhysical(128, 1).then(() => null, harness.idb.errorFacts);
    rig.store.close();
    rig.pool.terminate();
    return { intact, lostRead, state, anyRead, physical };
  }, dbName);
  expect(out.intact).toBe(true);
  expect(out.lostRead?.code).toBe('DiskLost');
  expect(out.state).toBe('lost');
  expect(out.anyRead?.code).toBe('DiskLost');
  expect(out.physical?.code).toBe('DiskLost');
});
