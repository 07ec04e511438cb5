// Test-only SectorCipher: the crypto worker's own API (workers/crypto-api.ts) over the wasm kernel,
// run in-process. It keeps the pool's contract — segments checked as the pool does and detached
// from the caller — and counts the bytes in flight so tests can bound a caller's memory.
import { randomBytes } from 'node:crypto';
import type { DataKeyHandle, SectorCipher, WrappedDataKey } from '../../web/core/ports';
import { checkSectorRun } from '../../web/adapters/engine/pool-plan';
import { createCryptoApi, IV_BYTES } from '../../workers/crypto-api';
import { loadTestKernel } from './kernel-fixtures';

export interface InlineCipher extends SectorCipher {
  /** Loads a KNOWN key under a new handle, so tests can check stored bytes against node:crypto. */
  loadKnownKeyForTest(key: Uint8Array): Promise<DataKeyHandle>;
  /** Bytes handed to encrypt/decrypt calls that have not returned yet: now and the most ever. */
  readonly stats: { bytesInFlight: number; maxBytesInFlight: number; calls: number; bytes: number };
  /** The next cipher call rejects with this error (a lost worker), after detaching its buffers as the pool would. */
  failNextCall(error: Error): void;
}

let kernelPromise: ReturnType<typeof loadTestKernel> | undefined;

async function wrapForTest(kek: CryptoKey, key: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
  const iv = new Uint8Array(randomBytes(IV_BYTES));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad.slice() }, kek, key.slice()));
  const blob = new Uint8Array(IV_BYTES + sealed.length);
  blob.set(iv);
  blob.set(sealed, IV_BYTES);
  return blob;
}

/** Moves the caller's buffers out (they read as detached, byteLength 0), as postMessage transfer does. */
function takeOver(segments: ArrayBuffer[]): ArrayBuffer[] {
  return segments.map((s) => structuredClone(s, { transfer: [s] }));
}

export async function createInlineCipher(): Promise<InlineCipher> {
  kernelPromise ??= loadTestKernel();
  const api = createCryptoApi(await kernelPromise);
  const kek = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const stats = { bytesInFlight: 0, maxBytesInFlight: 0, calls: 0, bytes: 0 };
  let nextFailure: Error | undefined;
  let counter = 0;
  const newHandle = () => `inline-${++counter}-${Math.random().toString(16).slice(2, 10)}`;

  async function run(isEncrypt: boolean, handle: DataKeyHandle, firstSector: bigint, sectorSize: number, segments: ArrayBuffer[]): Promise<ArrayBuffer[]> {
    const bytes = checkSectorRun(firstSector, sectorSize, segments);
    const mine = takeOver(segments);
    stats.calls++;
    stats.bytes += bytes;
    stats.bytesInFlight += bytes;
    stats.maxBytesInFlight = Math.max(stats.maxBytesInFlight, stats.bytesInFlight);
    try {
      // A macrotask, as a worker round trip is: concurrent calls really overlap in flight.
      await new Promise((resolve) => setImmediate(resolve));
      if (nextFailure) {
        const error = nextFailure;
        nextFailure = undefined;
        throw error;
      }
      return isEncrypt ? await api.encrypt(handle, firstSector, sectorSize, mine) : await api.decrypt(handle, firstSector, sectorSize, mine);
    } finally {
      stats.bytesInFlight -= bytes;
    }
  }

  return {
    workerCount: 1,
    stats,
    async loadWrappedKey(key: WrappedDataKey) {
      const handle = newHandle();
      await api.loadWrapped(handle, key.kek, key.blob.slice(), key.aad.slice());
      return handle;
    },
    async generateSessionKey() {
      const handle = newHandle();
      const aad = new TextEncoder().encode(`disk-encryption-lab/session-key/${handle}`);
      await api.generateWrapped(handle, kek, aad);
      return handle;
    },
    async generateWrappedKey(kekOfCaller: CryptoKey, aad: Uint8Array) {
      const handle = newHandle();
      try {
        return await api.generateWrapped(handle, kekOfCaller, aad.slice());
      } finally {
        await api.release(handle);
      }
    },
    async loadKnownKeyForTest(key: Uint8Array) {
      const handle = newHandle();
      const aad = new TextEncoder().encode(`test/known-key/${handle}`);
      await api.loadWrapped(handle, kek, await wrapForTest(kek, key, aad), aad);
      return handle;
    },
    async releaseKey(handle: DataKeyHandle) {
      await api.release(handle);
    },
    encryptSectors: (handle, firstSector, sectorSize, segments) => run(true, handle, firstSector, sectorSize, segments),
    decryptSectors: (handle, firstSector, sectorSize, segments) => run(false, handle, firstSector, sectorSize, segments),
    failNextCall(error: Error) {
      nextFailure = error;
    },
  };
}
