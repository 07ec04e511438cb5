// The crypto pool in Node over in-process fake workers (the real crypto API on MessageChannels):
// validation before sending, splitting and ordering, key provisioning and release in every worker,
// and crash recovery (WorkerLost, replacement, re-provisioning). Real workers: test/browser/pool.spec.ts.
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { CryptoPool } from '../../web/adapters/engine/pool';
import { planGroups } from '../../web/adapters/engine/pool-plan';
import { createNobleXts } from '../../web/adapters/engine/noble-xts';
import type { XtsKernel } from '../../web/adapters/engine/xts-types';
import { fakeWorkers, type FakeWorkerOptions } from './fake-workers';
import { concat, newKek, oracleXts, segmentsOf, wrapKey } from './xts-oracle';

const aad = new TextEncoder().encode('account=1;region=cn-hangzhou;lineage=d-pool');
const pools: CryptoPool[] = [];
afterEach(() => { for (const p of pools.splice(0)) p.terminate(); });

function newPool(size: number, options: FakeWorkerOptions & { watchdogMs?: number } = {}) {
  const fakes = fakeWorkers(options);
  const pool = new CryptoPool({ size, createWorker: fakes.create, watchdogMs: options.watchdogMs });
  pools.push(pool);
  return { pool, fakes };
}

async function loadRandomKey(pool: CryptoPool): Promise<{ handle: string; key: Uint8Array }> {
  const kek = await newKek();
  const key = new Uint8Array(randomBytes(64));
  return { handle: await pool.loadWrappedKey({ kek, blob: await wrapKey(kek, key, aad), aad }), key };
}

describe('planGroups', () => {
  it('splits at segment boundaries into contiguous groups balanced by bytes, with their first sectors', () => {
    const segs = [4096, 4096, 4096, 4096].map((n) => new ArrayBuffer(n));
    expect(planGroups(10n, 512, segs, 2)).toEqual([
      { start: 0, end: 2, firstSector: 10n, bytes: 8192 },
      { start: 2, end: 4, firstSector: 26n, bytes: 8192 },
    ]);
    const uneven = [8192, 512, 512, 512].map((n) => new ArrayBuffer(n));
    expect(planGroups(0n, 512, uneven, 2).map((g) => [g.start, g.end, g.firstSector])).toEqual([[0, 1, 0n], [1, 4, 16n]]);
    expect(planGroups(0n, 512, [new ArrayBuffer(512)], 4)).toHaveLength(1);
  });
});

describe('CryptoPool over fake workers', () => {
  it('starts no worker until a key is loaded', async () => {
    const { pool, fakes } = newPool(2);
    expect(fakes.started).toHaveLength(0);
    await loadRandomKey(pool);
    expect(fakes.started).toHaveLength(2);
  });

  it('a multi-segment run is spread over both workers, matches node:crypto and comes back in order, transferred', async () => {
    const { pool, fakes } = newPool(2);
    const { handle, key } = await loadRandomKey(pool);
    const { buffers, plain } = segmentsOf([4096, 8192, 4096, 4096]);
    const first = 2n ** 32n + 3n;
    const out = await pool.encryptSectors(handle, first, 4096, buffers);
    expect(buffers.every((b) => b.byteLength === 0)).toBe(true);
    expect(out.map((b) => b.byteLength)).toEqual([4096, 8192, 4096, 4096]);
    expect(concat(out)).toEqual(oracleXts(true, key, first, 4096, plain));
    expect(fakes.started.map((w) => w.calls.filter((c) => c === 'encrypt').length)).toEqual([1, 1]);
    expect(concat(await pool.decryptSectors(handle, first, 4096, out))).toEqual(plain);
  });

  it('bad runs are refused by name before any buffer moves', async () => {
    const { pool, fakes } = newPool(2);
    const { handle } = await loadRandomKey(pool);
    const a = new ArrayBuffer(512);
    const cases: [Promise<unknown>, RegExp][] = [
      [pool.encryptSectors(handle, 0n, 1024, [a]), /"sectorSize" expected 512 or 4096/],
      [pool.encryptSectors(handle, 0n, 512, [a, new ArrayBuffer(700)]), /"segments\[1\]" expected a non-zero whole number/],
      [pool.encryptSectors(handle, 0n, 512, []), /"segments" expected a non-empty array/],
      [pool.encryptSectors(handle, 0n, 512, [a, a]), /"segments\[1\]" is the same ArrayBuffer/],
      [pool.encryptSectors(handle, -1n, 512, [a]), /"firstSector" expected a bigint ≥ 0/],
      [pool.encryptSectors(handle, 5 as unknown as bigint, 512, [a]), /"firstSector" expected a bigint/],
      [pool.encryptSectors(handle, 2n ** 128n - 1n, 512, [a, new ArrayBuffer(512)]), /overflows 2\^128/],
      [pool.encryptSectors('dk-nope', 0n, 512, [a]), /"handle" dk-nope is not a loaded key/],
    ];
    for (const [call, message] of cases) await expect(call).rejects.toThrow(message);
    expect(a.byteLength).toBe(512);
    expect(fakes.started.flatMap((w) => w.calls).filter((c) => c === 'encrypt')).toHaveLength(0);
  });

  it('loadWrappedKey refuses an extractable kek and a wrong-size blob; a wrong AAD rejects InvalidCiphertext and loads nothing', async () => {
    const { pool } = newPool(2);
    const extractable = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
    await expect(pool.loadWrappedKey({ kek: extractable, blob: new Uint8Array(92), aad })).rejects.toThrow(/"kek" expected a non-extractable/);
    const kek = await newKek();
    await expect(pool.loadWrappedKey({ kek, blob: new Uint8Array(50), aad })).rejects.toThrow(/"blob" expected 60 or 92 bytes/);
    const blob = await wrapKey(kek, new Uint8Array(randomBytes(64)), aad);
    await expect(pool.loadWrappedKey({ kek, blob, aad: new Uint8Array([1]) })).rejects.toMatchObject({ code: 'InvalidCiphertext' });
    expect(await pool.handlesOnWorkerForTest(0)).toEqual([]);
    expect(await pool.handlesOnWorkerForTest(1)).toEqual([]);
  });

  it('generateSessionKey generates in one worker and unwraps the blob in the others', async () => {
    const { pool, fakes } = newPool(3);
    const handle = await pool.generateSessionKey();
    expect(handle).toMatch(/^dk-/);
    expect(fakes.started.map((w) => w.calls.filter((c) => c === 'generateWrapped').length).sort()).toEqual([0, 0, 1]);
    for (let i = 0; i < 3; i++) expect(await pool.handlesOnWorkerForTest(i)).toEqual([handle]);
    const { buffers, plain } = segmentsOf([512, 512, 512]);
    const out = await pool.encryptSectors(handle, 0n, 512, buffers);
    expect(concat(await pool.decryptSectors(handle, 0n, 512, out))).toEqual(plain);
  });

  it('releaseKey drops the key in every worker; later use rejects UnknownKeyHandle without taking the buffers', async () => {
    const { pool } = newPool(2);
    const { handle } = await loadRandomKey(pool);
    await pool.releaseKey(handle);
    expect(await pool.handlesOnWorkerForTest(0)).toEqual([]);
    expect(await pool.handlesOnWorkerForTest(1)).toEqual([]);
    const a = new ArrayBuffer(512);
    await expect(pool.encryptSectors(handle, 0n, 512, [a])).rejects.toMatchObject({ code: 'UnknownKeyHandle' });
    expect(a.byteLength).toBe(512);
    await expect(pool.releaseKey(handle)).rejects.toMatchObject({ code: 'UnknownKeyHandle' });
  });

  it('a worker crashed mid-call rejects it with WorkerLost at once; the replacement has the keys and the next call works', async () => {
    const { pool, fakes } = newPool(2, { delayMs: 300 });
    const { handle, key } = await loadRandomKey(pool);
    const other = await loadRandomKey(pool);
    const call = pool.encryptSectors(handle, 0n, 512, segmentsOf([512, 512]).buffers);
    await new Promise((r) => setTimeout(r, 20));
    const t0 = Date.now();
    pool.crashWorkerForTest(0);
    await expect(call).rejects.toMatchObject({ code: 'WorkerLost', message: expect.stringMatching(/crypto worker 0 stopped.*buffers given to it.*lost/) });
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(fakes.started).toHaveLength(3);
    expect(fakes.started[0].isTerminated).toBe(true);
    expect((await pool.handlesOnWorkerForTest(0)).sort()).toEqual([handle, other.handle].sort());
    const { buffers, plain } = segmentsOf([512, 512]);
    expect(concat(await pool.encryptSectors(handle, 7n, 512, buffers))).toEqual(oracleXts(true, key, 7n, 512, plain));
  });

  it('a worker error event counts as a crash: WorkerLost, then a re-provisioned replacement', async () => {
    const { pool, fakes } = newPool(1, { delayMs: 300 });
    const { handle } = await loadRandomKey(pool);
    const call = pool.decryptSectors(handle, 0n, 4096, [new ArrayBuffer(4096)]);
    await new Promise((r) => setTimeout(r, 20));
    fakes.started[0].fail('Uncaught RuntimeError: unreachable');
    await expect(call).rejects.toMatchObject({ code: 'WorkerLost', message: expect.stringContaining('unreachable') });
    expect(await pool.handlesOnWorkerForTest(0)).toEqual([handle]);
    expect((await pool.decryptSectors(handle, 0n, 4096, [new ArrayBuffer(4096)]))[0].byteLength).toBe(4096);
  });

  it('a wasm trap inside a worker rejects with WorkerLost (cause KernelTrap) and the worker is replaced', async () => {
    const trapping = (): XtsKernel => ({
      ...createNobleXts(),
      encryptSectors: () => { throw new WebAssembly.RuntimeError('unreachable'); },
    });
    const { pool, fakes } = newPool(1, { kernel: (n) => (n === 0 ? trapping() : createNobleXts()) });
    const { handle, key } = await loadRandomKey(pool);
    const error = await pool.encryptSectors(handle, 0n, 512, [new ArrayBuffer(512)]).catch((e: unknown) => e as Error & { code?: string });
    expect(error).toMatchObject({ code: 'WorkerLost', message: expect.stringContaining('trapped'), cause: { code: 'KernelTrap' } });
    expect(fakes.started).toHaveLength(2);
    const { buffers, plain } = segmentsOf([512]);
    expect(concat(await pool.encryptSectors(handle, 3n, 512, buffers))).toEqual(oracleXts(true, key, 3n, 512, plain));
  });

  it('a worker that stays silent past the watchdog is treated as lost', async () => {
    const { pool } = newPool(1, { isSilent: true, watchdogMs: 100 });
    const { handle } = await loadRandomKey(pool);
    await expect(pool.encryptSectors(handle, 0n, 512, [new ArrayBuffer(512)])).rejects.toMatchObject({ code: 'WorkerLost', message: expect.stringContaining('no answer within') });
  });

  it('terminate stops every worker and refuses later calls with PoolTerminated', async () => {
    const { pool, fakes } = newPool(2);
    const { handle } = await loadRandomKey(pool);
    pool.terminate();
    expect(fakes.started.every((w) => w.isTerminated)).toBe(true);
    await expect(pool.encryptSectors(handle, 0n, 512, [new ArrayBuffer(512)])).rejects.toMatchObject({ code: 'PoolTerminated' });
  });
});
