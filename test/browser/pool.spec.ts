// The crypto pool in real Chromium workers on the wasm kernel (harness.html): bytes identical to
// node:crypto aes-256-xts, buffers transferred, release, crash recovery with re-provisioned keys,
// no plaintext key on the main thread, and the About page's self-test on every worker.
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { openHarness } from '../support/harness-page';
import type { Harness } from '../../web/harness/main';
import { oracleXts } from '../unit/xts-oracle';

declare const harness: Harness;

let pageErrors: string[] = [];

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

test.beforeEach(async ({ page }) => {
  pageErrors = [];
  await openHarness(page, pageErrors);
});
test.afterEach(() => { expect(pageErrors).toEqual([]); });

test('2 workers produce node:crypto aes-256-xts bytes for random keys, 512/4096 sectors, sectors ≥ 2^32 and multi-segment runs', async ({ page }) => {
  const cases = [
    { sectorSize: 512, first: 0n, sizes: [512] },
    { sectorSize: 512, first: 255n, sizes: [1024, 512, 2048, 512] },
    { sectorSize: 512, first: 2n ** 32n - 1n, sizes: [4096, 4096] },
    { sectorSize: 4096, first: 2n ** 40n + 7n, sizes: [4096 * 4, 4096, 4096 * 2, 4096 * 3] },
    { sectorSize: 4096, first: 2n ** 63n, sizes: [65536, 65536] },
  ];
  for (const c of cases) {
    const key = new Uint8Array(randomBytes(64));
    const plain = new Uint8Array(randomBytes(c.sizes.reduce((a, b) => a + b, 0)));
    const out = await page.evaluate(async ({ keyHex, plainHex, sizes, sectorSize, first }) => {
      const pool = harness.createPool(2);
      const handle = await pool.loadWrappedKey(await harness.wrapTestKey(keyHex, '6c696e656167653d64'));
      const all = harness.fromHex(plainHex);
      let o = 0;
      const segments = sizes.map((n) => { const s = all.slice(o, o + n).buffer; o += n; return s; });
      const encrypted = await pool.encryptSectors(handle, BigInt(first), sectorSize, segments);
      const detached = segments.map((s) => s.byteLength);
      const cipherHex = encrypted.map((b) => harness.toHex(b)).join('');
      const decrypted = await pool.decryptSectors(handle, BigInt(first), sectorSize, encrypted);
      pool.terminate();
      return { cipherHex, detached, sizesBack: decrypted.map((b) => b.byteLength), plainBack: decrypted.map((b) => harness.toHex(b)).join('') };
    }, { keyHex: hex(key), plainHex: hex(plain), sizes: c.sizes, sectorSize: c.sectorSize, first: c.first.toString() });
    expect(out.cipherHex, `first sector ${c.first}, ${c.sectorSize}-byte sectors`).toBe(hex(oracleXts(true, key, c.first, c.sectorSize, plain)));
    expect(out.detached.every((n) => n === 0)).toBe(true);
    expect(out.sizesBack).toEqual(c.sizes);
    expect(out.plainBack).toBe(hex(plain));
  }
});

test('release zeroes the key in every worker: later use rejects with UnknownKeyHandle and keeps the buffer', async ({ page }) => {
  const out = await page.evaluate(async (keyHex) => {
    const pool = harness.createPool(2);
    const handle = await pool.loadWrappedKey(await harness.wrapTestKey(keyHex));
    const before = [await pool.handlesOnWorkerForTest(0), await pool.handlesOnWorkerForTest(1)];
    await pool.releaseKey(handle);
    const after = [await pool.handlesOnWorkerForTest(0), await pool.handlesOnWorkerForTest(1)];
    const buffer = new ArrayBuffer(512);
    const error = await pool.encryptSectors(handle, 0n, 512, [buffer]).then(() => null, (e: Error & { code?: string }) => ({ code: e.code, message: e.message }));
    pool.terminate();
    return { handle, before, after, error, kept: buffer.byteLength };
  }, hex(randomBytes(64)));
  expect(out.before).toEqual([[out.handle], [out.handle]]);
  expect(out.after).toEqual([[], []]);
  expect(out.error).toEqual({ code: 'UnknownKeyHandle', message: `"handle" ${out.handle} is not a loaded key (never loaded, or released)` });
  expect(out.kept).toBe(512);
});

test('a worker killed mid-call rejects with WorkerLost; the next call with the same handle succeeds on re-provisioned workers', async ({ page }) => {
  const key = new Uint8Array(randomBytes(64));
  const out = await page.evaluate(async (keyHex) => {
    const pool = harness.createPool(2);
    const handle = await pool.loadWrappedKey(await harness.wrapTestKey(keyHex));
    const segments = Array.from({ length: 32 }, () => new ArrayBuffer(1 << 20));
    const call = pool.encryptSectors(handle, 0n, 4096, segments);
    // The buffers are posted within this task; kill the worker in the next, before it can answer.
    await new Promise((r) => setTimeout(r, 0));
    const t0 = performance.now();
    pool.crashWorkerForTest(0);
    const error = await call.then(() => null, (e: Error & { code?: string }) => ({ code: e.code, message: e.message }));
    const ms = performance.now() - t0;
    const handles = await pool.handlesOnWorkerForTest(0);
    const next = await pool.encryptSectors(handle, 9n, 4096, [new ArrayBuffer(4096), new ArrayBuffer(8192)]);
    pool.terminate();
    return { error, ms, handle, handles, detached: segments.every((s) => s.byteLength === 0), nextHex: next.map((b) => harness.toHex(b)).join('') };
  }, hex(key));
  expect(out.error?.code).toBe('WorkerLost');
  expect(out.error?.message).toMatch(/crypto worker 0 stopped .*the buffers given to it in this call are lost/);
  expect(out.ms).toBeLessThan(5000);
  expect(out.detached).toBe(true);
  expect(out.handles).toEqual([out.handle]);
  expect(out.nextHex).toBe(hex(oracleXts(true, key, 9n, 4096, new Uint8Array(12288))));
});

test('an uncaught error inside a worker (its error event) counts as a crash and the pool recovers', async ({ page }) => {
  const out = await page.evaluate(async (keyHex) => {
    const { pool, workers } = harness.createPoolWithWorkers(1);
    const handle = await pool.loadWrappedKey(await harness.wrapTestKey(keyHex));
    const first = workers[0];
    // A message Comlink cannot read throws inside the worker's listener: an uncaught error. It is
    // handled before the 16 MiB call posted next, so its error event arrives while that call runs.
    first.postMessage({ id: 'x', type: 'APPLY', path: [], argumentList: [null] });
    const call = pool.encryptSectors(handle, 0n, 4096, Array.from({ length: 16 }, () => new ArrayBuffer(1 << 20)));
    const error = await call.then(() => 'resolved', (e: Error & { code?: string }) => e.code);
    const next = await pool.encryptSectors(handle, 0n, 512, [new ArrayBuffer(512)]);
    pool.terminate();
    return { error, isReplaced: workers[0] !== first, nextBytes: next[0].byteLength };
  }, hex(randomBytes(64)));
  expect(out).toEqual({ error: 'WorkerLost', isReplaced: true, nextBytes: 512 });
});

test('a session key stays inside the workers: the page gets a handle, and no 32/64-byte binary ever leaves a worker', async ({ page }) => {
  const out = await page.evaluate(async () => {
    const { pool, workers } = harness.createPoolWithWorkers(2);
    const binaries: number[] = [];
    const scan = (value: unknown, depth: number): void => {
      if (depth > 6 || value === null || typeof value !== 'object') return;
      if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) { binaries.push(value.byteLength); return; }
      for (const inner of Object.values(value)) scan(inner, depth + 1);
    };
    const watch = (w: Worker) => w.addEventListener('message', (e) => scan(e.data, 0));
    // Both workers start synchronously here; listen to them before any key exists.
    const started = Promise.all([pool.handlesOnWorkerForTest(0), pool.handlesOnWorkerForTest(1)]);
    workers.forEach(watch);
    await started;
    const handle = await pool.generateSessionKey();
    const out = await pool.encryptSectors(handle, 0n, 512, [new ArrayBuffer(512), new ArrayBuffer(512)]);
    const back = await pool.decryptSectors(handle, 0n, 512, out);
    pool.terminate();
    return { handle, binaries, isZero: back.every((b) => new Uint8Array(b).every((x) => x === 0)) };
  });
  expect(out.handle).toMatch(/^dk-[0-9a-f-]{36}$/);
  // Only the 92-byte wrapped blob and the 512-byte sectors come back; never a 32- or 64-byte key.
  expect(out.binaries.filter((n) => n === 32 || n === 64)).toEqual([]);
  expect(out.binaries).toContain(92);
  expect(out.isZero).toBe(true);
});

test('the engine self-test passes every IEEE 1619 vector both ways on every worker, and the measurement reports MiB/s', async ({ page }) => {
  const out = await page.evaluate(async () => {
    const pool = harness.createPool(2);
    const diagnostics = harness.createDiagnostics(pool, { throughputBytes: 2 << 20, reps: 1 });
    const results = await diagnostics.runSelfTest();
    const throughput = await diagnostics.measureThroughput();
    pool.terminate();
    return { results, throughput };
  });
  expect(out.results.length).toBeGreaterThanOrEqual(19);
  expect(out.results.filter((r) => !r.isPassed)).toEqual([]);
  expect(out.throughput.map((r) => `${r.impl}/${r.op}`)).toEqual(['kernel-pool/encrypt', 'kernel-pool/decrypt', 'webcrypto-aes-ctr/encrypt', 'webcrypto-aes-ctr/decrypt']);
  for (const r of out.throughput) expect(r.mibps).toBeGreaterThan(0);
});

test('generateWrappedKey: a worker makes and seals a 64-byte key under a non-extractable KEK; only the 92-byte blob comes back, and it loads in every worker', async ({ page }) => {
  const result = await page.evaluate(async () => {
    const pool = harness.createPool(2);
    try {
      const kek = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
      const aad = new TextEncoder().encode('account|region|lineage');
      const blob = await pool.generateWrappedKey(kek, aad);
      const handle = await pool.loadWrappedKey({ kek, blob, aad });
      const plain = new Uint8Array(2 * 1024 * 1024).map((_, i) => i & 0xff);
      const [a, b] = await pool.encryptSectors(handle, 7n, 4096, [plain.slice(0, 1 << 20).buffer, plain.slice(1 << 20).buffer]);
      const back = await pool.decryptSectors(handle, 7n, 4096, [a, b]);
      const joined = new Uint8Array([...new Uint8Array(back[0]), ...new Uint8Array(back[1])]);
      const wrongAad = await pool.loadWrappedKey({ kek, blob, aad: new TextEncoder().encode('another lineage') }).then(() => 'loaded', (e: { code?: string }) => e.code);
      return { length: blob.length, same: joined.every((v, i) => v === plain[i]), wrongAad, handles: await Promise.all([0, 1].map((i) => pool.handlesOnWorkerForTest(i))) };
    } finally {
      pool.terminate();
    }
  });
  expect(result.length).toBe(12 + 64 + 16);
  expect(result.same).toBe(true);
  expect(result.wrongAad).toBe('InvalidCiphertext');
  for (const handles of result.handles) expect(handles.filter((h) => h.startsWith('gen-'))).toEqual([]); // the throwaway handle is released
});
