// IdbDiskStore on real IndexedDB in Chromium (harness.html): one transaction per commit, generation
// checks (DiskBusy), reference counts that free chunks, injected faults that roll a whole commit back
// (QuotaExceeded T-18, IOError T-23), fail-closed reads, flush, and StorageUnavailable.
import { expect, test } from '@playwright/test';
import { openHarness } from '../support/harness-page';
import type { Harness } from '../../web/harness/main';

declare const harness: Harness;

let pageErrors: string[] = [];
let dbName = '';

test.beforeEach(async ({ page }, info) => {
  pageErrors = [];
  await openHarness(page, pageErrors);
  dbName = `test-store-${info.testId}`;
  await page.evaluate((name) => harness.idb.deleteDb(name), dbName);
});
test.afterEach(() => { expect(pageErrors).toEqual([]); });

/** A disk record and chunk records with recognisable bytes, built in the page. */
const SETUP = `
  window.mk = {
    disk: (id, chunks, generation = 1) => ({ id, name: id, sizeBytes: 1 << 20, chunkBytes: 65536, encryption: { isEncrypted: false },
      chunks, generation, state: 'ok', createdAt: '2026-12-04T00:00:00.000Z' }),
    chunk: (id, fill) => ({ id, data: new Uint8Array(65536).fill(fill).buffer }),
    first: (rec) => rec ? new Uint8Array(rec.data)[0] : null,
  };`;

test('a commit lands disks, chunks and refs in one transaction; getChunks keeps order and reports missing ids', async ({ page }) => {
  await page.addScriptTag({ content: SETUP });
  const out = await page.evaluate(async (name) => {
    const mk = (window as any).mk;
    const store = await harness.idb.openStore({ name });
    await store.commit({ putDisks: [mk.disk('d-1', { 0: 'c-a', 3: 'c-b' })], putChunks: [mk.chunk('c-a', 1), mk.chunk('c-b', 2)], refDeltas: { 'c-a': 1, 'c-b': 1 } }, 'strict');
    const disk = await store.getDisk('d-1');
    const chunks = await store.getChunks(['c-b', 'nope', 'c-a', 'c-b']);
    const refs = await store.getRefs(['c-a', 'c-b', 'nope']);
    const list = (await store.listDisks()).map((d) => d.id);
    store.close();
    return { chunks: disk?.chunks, firsts: chunks.map(mk.first), refs, list };
  }, dbName);
  expect(out).toEqual({ chunks: { 0: 'c-a', 3: 'c-b' }, firsts: [2, null, 1, 2], refs: [1, 1, 0], list: ['d-1'] });
});

test('a stale expected generation rejects with DiskBusy and changes nothing', async ({ page }) => {
  await page.addScriptTag({ content: SETUP });
  const out = await page.evaluate(async (name) => {
    const mk = (window as any).mk;
    const store = await harness.idb.openStore({ name });
    await store.commit({ putDisks: [mk.disk('d-1', {}, 4)] }, 'strict');
    const before = await harness.idb.dump(name);
    const error = await store.commit({
      expect: [{ diskId: 'd-1', generation: 3 }],
      putDisks: [mk.disk('d-1', { 0: 'c-x' }, 5)], putChunks: [mk.chunk('c-x', 9)], refDeltas: { 'c-x': 1 },
    }, 'strict').then(() => null, harness.idb.errorFacts);
    const missing = await store.commit({ expect: [{ diskId: 'd-gone', generation: 1 }], putChunks: [mk.chunk('c-y', 1)] }, 'strict').then(() => null, harness.idb.errorFacts);
    const after = await harness.idb.dump(name);
    store.close();
    return { error, missing, isUnchanged: JSON.stringify(before) === JSON.stringify(after) };
  }, dbName);
  expect(out.error?.code).toBe('DiskBusy');
  expect(out.error?.message).toContain('d-1');
  expect(out.missing?.code).toBe('DiskBusy');
  expect(out.isUnchanged).toBe(true);
});

test('refDeltas reaching 0 delete the chunk in the same commit; a count below 0 is IOError and changes nothing', async ({ page }) => {
  await page.addScriptTag({ content: SETUP });
  const out = await page.evaluate(async (name) => {
    const mk = (window as any).mk;
    const store = await harness.idb.openStore({ name });
    await store.commit({ putChunks: [mk.chunk('c-a', 1), mk.chunk('c-b', 2)], refDeltas: { 'c-a': 2, 'c-b': 1 } }, 'strict');
    await store.commit({ refDeltas: { 'c-a': -1, 'c-b': -1 } }, 'strict');
    const afterOne = { refs: await store.getRefs(['c-a', 'c-b']), chunks: (await store.getChunks(['c-a', 'c-b'])).map(mk.first) };
    const before = await harness.idb.dump(name);
    const error = await store.commit({ refDeltas: { 'c-a': -2 }, putDisks: [mk.disk('d-1', {})] }, 'strict').then(() => null, harness.idb.errorFacts);
    const isUnchanged = JSON.stringify(before) === JSON.stringify(await harness.idb.dump(name));
    store.close();
    return { afterOne, error, isUnchanged };
  }, dbName);
  expect(out.afterOne).toEqual({ refs: [1, 0], chunks: [1, null] });
  expect(out.error?.code).toBe('IOError');
  expect(out.isUnchanged).toBe(true);
});

test("'relaxed' is refused for record, map or reference changes before anything is written; chunk data alone may use it", async ({ page }) => {
  await page.addScriptTag({ content: SETUP });
  const out = await page.evaluate(async (name) => {
    const mk = (window as any).mk;
    const store = await harness.idb.openStore({ name });
    const refused = await Promise.all([
      store.commit({ putDisks: [mk.disk('d-1', {})] }, 'relaxed'),
      store.commit({ putChunks: [mk.chunk('c-a', 1)], refDeltas: { 'c-a': 1 } }, 'relaxed'),
      store.commit({ deleteSnapshots: ['s-1'] }, 'relaxed'),
      store.commit({ putChunks: [mk.chunk('c-a', 1)] }, 'eventually' as 'strict'),
    ].map((p) => p.then(() => null, harness.idb.errorFacts)));
    const empty = await harness.idb.dump(name);
    await store.commit({ putChunks: [mk.chunk('c-a', 7)] }, 'relaxed');
    await store.flush();
    await store.flush();
    const first = mk.first((await store.getChunks(['c-a']))[0]);
    const flushes = await store.flushCount();
    store.close();
    return { refused, empty, first, flushes };
  }, dbName);
  expect(out.refused.map((e) => e?.name)).toEqual(['TypeError', 'TypeError', 'TypeError', 'TypeError']);
  expect(out.refused[0]?.message).toContain("'relaxed' is allowed only for changes to chunk data alone");
  expect(Object.values(out.empty).every((records) => records.length === 0)).toBe(true);
  expect(out.first).toBe(7);
  expect(out.flushes).toBe(2);
});

test('QuotaExceededError at the 3rd put of a commit: QuotaExceeded, the whole commit rolled back, earlier data readable, a retry succeeds (T-18)', async ({ page }) => {
  await page.addScriptTag({ content: SETUP });
  const out = await page.evaluate(async (name) => {
    const mk = (window as any).mk;
    const store = await harness.idb.openStore({ name });
    await store.commit({ putDisks: [mk.disk('d-1', { 0: 'c-old' }, 1)], putChunks: [mk.chunk('c-old', 1)], refDeltas: { 'c-old': 1 } }, 'strict');
    const before = await harness.idb.dump(name);
    const change = {
      expect: [{ diskId: 'd-1', generation: 1 }],
      putDisks: [mk.disk('d-1', { 0: 'c-new', 1: 'c-new2' }, 2)],
      putChunks: [mk.chunk('c-new', 5), mk.chunk('c-new2', 6)],
      refDeltas: { 'c-old': -1, 'c-new': 1, 'c-new2': 1 },
    };
    store.setFaultForTest({ on: 'put', at: 3, name: 'QuotaExceededError' });
    const error = await store.commit(change, 'strict').then(() => null, harness.idb.errorFacts);
    const isUnchanged = JSON.stringify(before) === JSON.stringify(await harness.idb.dump(name));
    const oldFirst = mk.first((await store.getChunks(['c-old']))[0]);
    await store.commit(change, 'strict');
    const after = { disk: (await store.getDisk('d-1'))?.generation, chunks: (await store.getChunks(['c-old', 'c-new', 'c-new2'])).map(mk.first), refs: await store.getRefs(['c-old', 'c-new', 'c-new2']) };
    store.close();
    return { error, isUnchanged, oldFirst, after };
  }, dbName);
  expect(out.error?.code).toBe('QuotaExceeded');
  expect(out.error?.message).toMatch(/storage quota/);
  expect(out.isUnchanged).toBe(true);
  expect(out.oldFirst).toBe(1);
  expect(out.after).toEqual({ disk: 2, chunks: [null, 5, 6], refs: [0, 1, 1] });
});

test('UnknownError mid-commit is IOError and rolls back; a failing read rejects (never zeros) until the fault is removed (T-23)', async ({ page }) => {
  await page.addScriptTag({ content: SETUP });
  const out = await page.evaluate(async (name) => {
    const mk = (window as any).mk;
    const store = await harness.idb.openStore({ name });
    await store.commit({ putChunks: [mk.chunk('c-a', 3)], refDeltas: { 'c-a': 1 } }, 'strict');
    const before = await harness.idb.dump(name);
    store.setFaultForTest({ on: 'put', at: 2, name: 'UnknownError' });
    const write = await store.commit({ putChunks: [mk.chunk('c-a', 4), mk.chunk('c-b', 4)], refDeltas: { 'c-b': 1 } }, 'strict').then(() => null, harness.idb.errorFacts);
    const isUnchanged = JSON.stringify(before) === JSON.stringify(await harness.idb.dump(name));
    store.setFaultForTest({ on: 'get', name: 'UnknownError', times: 2 });
    const reads = await Promise.all([store.getChunks(['c-a']), store.getDisk('d-1')].map((p) => p.then(() => null, harness.idb.errorFacts)));
    const retry = mk.first((await store.getChunks(['c-a']))[0]);
    store.close();
    return { write, isUnchanged, reads, retry };
  }, dbName);
  expect(out.write?.code).toBe('IOError');
  expect(out.write?.message).toContain('UnknownError');
  expect(out.isUnchanged).toBe(true);
  expect(out.reads.map((e) => e?.code)).toEqual(['IOError', 'IOError']);
  expect(out.retry).toBe(3);
});

test('a closed connection and a missing indexedDB are StorageUnavailable', async ({ page }) => {
  const out = await page.evaluate(async (name) => {
    const store = await harness.idb.openStore({ name });
    store.close();
    const closedRead = await store.getDisk('x').then(() => null, harness.idb.errorFacts);
    const closedWrite = await store.flush().then(() => null, harness.idb.errorFacts);
    // Window attributes are own properties of the global: replace it, as a browser without IndexedDB would look.
    const saved = Object.getOwnPropertyDescriptor(window, 'indexedDB')!;
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
    const missing = await harness.idb.openStore({ name }).then(() => null, harness.idb.errorFacts);
    Object.defineProperty(window, 'indexedDB', saved);
    const reopened = await harness.idb.openStore({ name });
    const flushed = await reopened.flush().then(() => 'ok');
    reopened.close();
    return { closedRead, closedWrite, missing, flushed };
  }, dbName);
  expect(out.closedRead?.code).toBe('StorageUnavailable');
  expect(out.closedWrite?.code).toBe('StorageUnavailable');
  expect(out.missing?.code).toBe('StorageUnavailable');
  expect(out.missing?.message).toContain('no IndexedDB');
  expect(out.flushed).toBe('ok');
});
