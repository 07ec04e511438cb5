// The crypto worker's API as a plain object over an XtsKernel: unwraps data keys (AES-256-GCM,
// WebCrypto) inside the worker and runs XTS (IEEE 1619) over transferred sector buffers. No worker
// globals, so Node tests drive it directly. house-style "Where secrets may live": plaintext keys exist only here.
import { transfer } from 'comlink';
import type { KeySlot, XtsKernel } from '../web/adapters/engine/xts-types';
import { MAX_TWEAK } from '../web/adapters/engine/xts-types';
import { checkSectorSize, halvesEqual } from '../web/adapters/engine/xts-checks';
import { asError, errorWithCode } from './comlink-errors';

export const IV_BYTES = 12;
export const TAG_BYTES = 16;
export const GENERATED_KEY_BYTES = 64;

export interface CryptoApi {
  /** Unwraps `blob` (12-byte IV ‖ AES-GCM ciphertext ‖ 16-byte tag, `aad` as additional data) with
   *  `kek` and loads the 32/64-byte key under `handle`; the plaintext is zeroed at once. Loading a
   *  handle again replaces its key (a replacement worker may be provisioned twice). */
  loadWrapped(handle: string, kek: CryptoKey, blob: Uint8Array, aad: Uint8Array): Promise<void>;
  /** Draws a 64-byte key (halves distinct), loads it under `handle`, returns only the wrapped blob. */
  generateWrapped(handle: string, kek: CryptoKey, aad: Uint8Array): Promise<Uint8Array>;
  /** Zeroes the key schedule; returns whether `handle` was loaded (releasing twice is harmless). */
  release(handle: string): Promise<boolean>;
  /** Processes `buffers` in place as consecutive sectors from `firstSector`; returns them transferred. */
  encrypt(handle: string, firstSector: bigint, sectorSize: number, buffers: ArrayBuffer[]): Promise<ArrayBuffer[]>;
  decrypt(handle: string, firstSector: bigint, sectorSize: number, buffers: ArrayBuffer[]): Promise<ArrayBuffer[]>;
  /** Raw data units with an arbitrary 128-bit tweak, for the known-answer self-test. */
  encryptUnits(handle: string, firstUnit: bigint, unitSize: number, buffer: ArrayBuffer): Promise<ArrayBuffer>;
  decryptUnits(handle: string, firstUnit: bigint, unitSize: number, buffer: ArrayBuffer): Promise<ArrayBuffer>;
  /** The handles loaded in this worker (never key bytes), for tests and diagnostics. */
  listHandles(): Promise<string[]>;
}

export interface CryptoApiOptions {
  /** Fills bytes with randomness; tests inject one to check the equal-halves redraw. */
  fillRandom?: (bytes: Uint8Array<ArrayBuffer>) => void;
}

function checkHandleArgument(handle: unknown): asserts handle is string {
  if (typeof handle !== 'string' || handle.length === 0) {
    throw new TypeError(`"handle" expected a non-empty string, got ${typeof handle}`);
  }
}

function checkKek(kek: unknown, usage: KeyUsage): asserts kek is CryptoKey {
  const key = kek as CryptoKey | null;
  if (typeof key !== 'object' || key === null || typeof key.algorithm !== 'object' || !Array.isArray(key.usages)) {
    throw new TypeError('"kek" expected a CryptoKey');
  }
  if (key.algorithm.name !== 'AES-GCM') throw new TypeError(`"kek" expected an AES-GCM CryptoKey, got ${key.algorithm.name}`);
  if (!key.usages.includes(usage)) throw new TypeError(`"kek" expected usage "${usage}", has [${key.usages.join(', ')}]`);
}

function checkBytes(name: string, value: unknown): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) throw new TypeError(`"${name}" expected Uint8Array`);
}

function checkBlob(blob: unknown): asserts blob is Uint8Array {
  checkBytes('blob', blob);
  const keyBytes = blob.length - IV_BYTES - TAG_BYTES;
  if (keyBytes !== 32 && keyBytes !== 64) {
    throw new RangeError(`"blob" expected ${IV_BYTES + 32 + TAG_BYTES} or ${IV_BYTES + 64 + TAG_BYTES} bytes (IV ‖ 32- or 64-byte key ‖ tag), got ${blob.length}`);
  }
}

/** Checks a run of buffers before the first byte is touched; returns the sector count. */
function checkRun(firstSector: unknown, sectorSize: number, buffers: unknown): bigint {
  if (typeof firstSector !== 'bigint' || firstSector < 0n) {
    throw new RangeError(`"firstSector" expected a bigint ≥ 0, got ${String(firstSector)}`);
  }
  checkSectorSize(sectorSize);
  if (!Array.isArray(buffers) || buffers.length === 0) throw new TypeError('"buffers" expected a non-empty array of ArrayBuffers');
  let sectors = 0n;
  buffers.forEach((buffer: unknown, i) => {
    if (!(buffer instanceof ArrayBuffer)) throw new TypeError(`"buffers[${i}]" expected ArrayBuffer`);
    if (buffer.byteLength === 0 || buffer.byteLength % sectorSize !== 0) {
      throw new RangeError(`"buffers[${i}]" expected a non-zero whole number of ${sectorSize}-byte sectors, got ${buffer.byteLength} bytes`);
    }
    sectors += BigInt(buffer.byteLength / sectorSize);
  });
  if (firstSector + sectors - 1n > MAX_TWEAK) throw new RangeError('"firstSector" + sector count overflows 2^128');
  return sectors;
}

function defaultFillRandom(bytes: Uint8Array<ArrayBuffer>): void {
  crypto.getRandomValues(bytes);
}

/** `kernel` may still be instantiating: calls wait for it, and a failed instantiation rejects each call. */
export function createCryptoApi(kernel: XtsKernel | Promise<XtsKernel>, options: CryptoApiOptions = {}): CryptoApi {
  const fillRandom = options.fillRandom ?? defaultFillRandom;
  const slots = new Map<string, KeySlot>();
  // Bumped by release: a load still unwrapping when its handle is released must not install the key.
  const epochs = new Map<string, number>();
  let readyKernel: XtsKernel | undefined;
  let kernelError: Error | undefined;
  const kernelPromise = Promise.resolve(kernel).then(
    (k) => { readyKernel = k; return k; },
    (error: unknown) => {
      kernelError = errorWithCode('KernelUnavailable', `the XTS kernel failed to start: ${asError(error).message}`, error);
      return undefined;
    },
  );

  // Set once the kernel traps: its memory is no longer trusted, so every later call refuses too.
  let trap: Error | undefined;

  async function getKernel(): Promise<XtsKernel> {
    if (trap) throw trap;
    const k = readyKernel ?? (await kernelPromise);
    if (!k) throw kernelError ?? new Error('the XTS kernel failed to start');
    return k;
  }

  /** Runs a kernel call; a wasm trap becomes KernelTrap, which the pool answers by replacing this worker. */
  function guarded<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      if (!(error instanceof WebAssembly.RuntimeError)) throw error;
      trap = errorWithCode('KernelTrap', `the XTS kernel trapped (${error.message}); this worker's kernel state is no longer trusted`, error);
      throw trap;
    }
  }

  function slotOf(handle: string): KeySlot {
    const slot = slots.get(handle);
    if (slot === undefined) throw errorWithCode('UnknownKeyHandle', `"handle" ${handle} is not a loaded key (never loaded, or released)`);
    return slot;
  }

  /** Loads `key` under `handle` unless released meanwhile; zeroes `key` in every case. */
  function install(k: XtsKernel, handle: string, epoch: number, key: Uint8Array): void {
    try {
      if ((epochs.get(handle) ?? 0) !== epoch) throw errorWithCode('UnknownKeyHandle', `"handle" ${handle} was released while its key was loading`);
      const slot = guarded(() => k.loadKey(key));
      const old = slots.get(handle);
      slots.set(handle, slot);
      if (old !== undefined) guarded(() => k.releaseKey(old));
    } finally {
      key.fill(0);
    }
  }

  async function runSectors(isEncrypt: boolean, handle: string, firstSector: bigint, sectorSize: number, buffers: ArrayBuffer[]): Promise<ArrayBuffer[]> {
    checkHandleArgument(handle);
    checkRun(firstSector, sectorSize, buffers);
    const k = await getKernel();
    const slot = slotOf(handle);
    let sector = firstSector;
    for (const buffer of buffers) {
      const data = new Uint8Array(buffer);
      const at = sector;
      guarded(() => (isEncrypt ? k.encryptSectors(slot, at, sectorSize, data) : k.decryptSectors(slot, at, sectorSize, data)));
      sector += BigInt(buffer.byteLength / sectorSize);
    }
    return transfer(buffers, buffers);
  }

  async function runUnits(isEncrypt: boolean, handle: string, firstUnit: bigint, unitSize: number, buffer: ArrayBuffer): Promise<ArrayBuffer> {
    checkHandleArgument(handle);
    if (!(buffer instanceof ArrayBuffer)) throw new TypeError('"buffer" expected ArrayBuffer');
    const k = await getKernel();
    const slot = slotOf(handle);
    const data = new Uint8Array(buffer);
    // The kernel checks firstUnit, unitSize and length before it writes.
    guarded(() => (isEncrypt ? k.encryptUnits(slot, firstUnit, unitSize, data) : k.decryptUnits(slot, firstUnit, unitSize, data)));
    return transfer(buffer, [buffer]);
  }

  return {
    async loadWrapped(handle, kek, blob, aad) {
      checkHandleArgument(handle);
      checkKek(kek, 'decrypt');
      checkBlob(blob);
      checkBytes('aad', aad);
      const epoch = epochs.get(handle) ?? 0;
      const k = await getKernel();
      let plain: ArrayBuffer;
      try {
        plain = await crypto.subtle.decrypt(
          { name: 'AES-GCM', iv: blob.slice(0, IV_BYTES), additionalData: aad.slice(), tagLength: TAG_BYTES * 8 },
          kek,
          blob.slice(IV_BYTES),
        );
      } catch (error) {
        throw errorWithCode('InvalidCiphertext', `"blob" did not unwrap under "kek" with this "aad" (wrong key, wrong context or tampered blob): ${asError(error).message}`, error);
      }
      const key = new Uint8Array(plain);
      if (key.length !== 32 && key.length !== 64) {
        key.fill(0);
        throw new RangeError(`"blob" unwrapped to ${key.length} bytes, expected 32 or 64`);
      }
      install(k, handle, epoch, key);
    },

    async generateWrapped(handle, kek, aad) {
      checkHandleArgument(handle);
      checkKek(kek, 'encrypt');
      checkBytes('aad', aad);
      const epoch = epochs.get(handle) ?? 0;
      const k = await getKernel();
      const key = new Uint8Array(GENERATED_KEY_BYTES);
      try {
        // XTS refuses Key1 = Key2 (IEEE 1619 §5.1); ECS asks again in that case, and so do we.
        do fillRandom(key); while (halvesEqual(key));
        const iv = new Uint8Array(IV_BYTES);
        fillRandom(iv);
        let sealed: ArrayBuffer;
        try {
          sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad.slice(), tagLength: TAG_BYTES * 8 }, kek, key);
        } catch (error) {
          throw new Error(`"kek" could not wrap the generated key: ${asError(error).message}`, { cause: error });
        }
        const blob = new Uint8Array(IV_BYTES + sealed.byteLength);
        blob.set(iv, 0);
        blob.set(new Uint8Array(sealed), IV_BYTES);
        install(k, handle, epoch, key);
        return transfer(blob, [blob.buffer]);
      } finally {
        key.fill(0);
      }
    },

    async release(handle) {
      checkHandleArgument(handle);
      epochs.set(handle, (epochs.get(handle) ?? 0) + 1);
      const slot = slots.get(handle);
      if (slot === undefined) return false;
      slots.delete(handle);
      const k = await getKernel();
      guarded(() => k.releaseKey(slot));
      return true;
    },

    encrypt: (handle, firstSector, sectorSize, buffers) => runSectors(true, handle, firstSector, sectorSize, buffers),
    decrypt: (handle, firstSector, sectorSize, buffers) => runSectors(false, handle, firstSector, sectorSize, buffers),
    encryptUnits: (handle, firstUnit, unitSize, buffer) => runUnits(true, handle, firstUnit, unitSize, buffer),
    decryptUnits: (handle, firstUnit, unitSize, buffer) => runUnits(false, handle, firstUnit, unitSize, buffer),
    listHandles: async () => [...slots.keys()],
  };
}
