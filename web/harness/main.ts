// The browser test harness page (harness.html, built into dist next to the app): hands the crypto
// pool and diagnostics, and the storage adapters (storage.ts), to Playwright (test/browser) as
// window.harness, and the lab API over IndexedDB (lab.ts). Only public test keys enter here.
import type { WrappedDataKey } from '../core/ports';
import { createEngineDiagnostics, fromHex, type DiagnosticsOptions } from '../adapters/engine/diagnostics';
import { CryptoPool, type WorkerLike } from '../adapters/engine/pool';
import { wrapPublicTestKey } from '../adapters/engine/public-test-key';
import { disksHarness } from './disks';
import { labHarness } from './lab';
import { storageHarness } from './storage';

export interface Harness {
  /** A pool on the app's own worker factory. */
  createPool(size?: number): CryptoPool;
  /** A pool whose workers the test can reach: to watch their messages or make them fail. */
  createPoolWithWorkers(size: number): { pool: CryptoPool; workers: Worker[] };
  createDiagnostics(pool: CryptoPool, options?: DiagnosticsOptions): ReturnType<typeof createEngineDiagnostics>;
  /** Wraps a PUBLIC test key under a fresh non-extractable KEK (see public-test-key.ts). */
  wrapTestKey(keyHex: string, aadHex?: string): Promise<WrappedDataKey>;
  fromHex(hex: string): Uint8Array<ArrayBuffer>;
  toHex(bytes: ArrayBuffer | Uint8Array): string;
  /** Scratch space that survives between page.evaluate calls of one test. */
  state: Record<string, unknown>;
  /** IndexedDB schema and store, Web Locks, storage health (storage.ts). */
  idb: typeof storageHarness;
  /** DiskService over IdbDiskStore + pool + Web Locks, audit, sector patterns (disks.ts). */
  disks: typeof disksHarness;
  /** The lab API's IndexedDB stores and the composed lab over a test database (lab.ts). */
  lab: typeof labHarness;
}

declare global {
  interface Window {
    harness: Harness;
  }
}

function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  return Array.from(view, (b) => b.toString(16).padStart(2, '0')).join('');
}

window.harness = {
  createPool: (size) => new CryptoPool({ size }),
  createPoolWithWorkers(size) {
    const workers: Worker[] = [];
    const createWorker = (index: number): WorkerLike => {
      const worker = new Worker(new URL('../../workers/crypto.worker.ts', import.meta.url), { type: 'module', name: 'crypto' });
      workers[index] = worker; // a replacement takes its slot's place
      return worker;
    };
    return { pool: new CryptoPool({ size, createWorker }), workers };
  },
  createDiagnostics: (pool, options) => createEngineDiagnostics(pool, options),
  wrapTestKey: (keyHex, aadHex = '') => wrapPublicTestKey(fromHex(keyHex), fromHex(aadHex)),
  fromHex,
  toHex,
  state: {},
  idb: storageHarness,
  disks: disksHarness,
  lab: labHarness,
};
document.body.dataset.ready = 'true';
