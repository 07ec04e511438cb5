// The crypto worker pool: SectorCipher (web/core/ports.ts) over N crypto workers running the XTS
// kernel (workers/crypto.worker.ts). Keys enter only wrapped and are unwrapped inside each worker
// (house-style "Where secrets may live"); a worker that dies is replaced and re-provisioned.
import { transfer, wrap, type Endpoint, type Remote } from 'comlink';
import type { DataKeyHandle, SectorCipher, WrappedDataKey } from '../../core/ports';
import type { CryptoApi } from '../../../workers/crypto-api';
import { asError, errorWithCode, installErrorTransfer, type CodedError } from '../../../workers/comlink-errors';
import { checkKek, checkSectorRun, checkWrappedKey, planGroups, type SegmentGroup } from './pool-plan';
import { checkUnits } from './xts-checks';

/** What the pool needs of a worker; tests pass MessagePort-backed fakes. */
export interface WorkerLike extends Endpoint {
  terminate(): void;
}

export interface CryptoPoolOptions {
  /** Number of workers; default navigator.hardwareConcurrency (at least 1). */
  size?: number;
  createWorker?: (index: number) => WorkerLike;
  /** A call unanswered for this long (plus 1 s per MiB it carries) counts as a lost worker. */
  watchdogMs?: number;
}

type Op = 'encrypt' | 'decrypt';
interface LoadedKey { kek: CryptoKey; blob: Uint8Array; aad: Uint8Array; isReady: boolean }
interface PendingCall { reject(error: Error): void; timer: ReturnType<typeof setTimeout> }

/** One started worker; a slot gets a new PoolWorker each time its worker is replaced. */
interface PoolWorker {
  index: number;
  worker: WorkerLike;
  remote: Remote<CryptoApi>;
  calls: Set<PendingCall>;
  inFlightBytes: number;
  isLost: boolean;
  hasAnswered: boolean;
  /** Settles (never rejects) when every key loaded at start-up is provisioned or has failed. */
  ready: Promise<void>;
  provisionErrors: Map<DataKeyHandle, Error>;
}

const MIB = 1 << 20;
const DEFAULT_WATCHDOG_MS = 15_000;
/** A slot whose workers keep dying before they ever answer is not restarted at once any more. */
const MAX_SILENT_LOSSES = 3;

function startCryptoWorker(): WorkerLike {
  // Vite bundles the worker because of this exact `new Worker(new URL(..., import.meta.url))` form.
  return new Worker(new URL('../../../workers/crypto.worker.ts', import.meta.url), { type: 'module', name: 'crypto' });
}

function defaultSize(): number {
  const n = globalThis.navigator?.hardwareConcurrency;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : 1;
}

function workerLost(index: number, reason: string): CodedError {
  return errorWithCode(
    'WorkerLost',
    `crypto worker ${index} stopped (${reason}); the buffers given to it in this call are lost (detached). ` +
      'A replacement worker is started with the loaded keys: retry with fresh buffers.',
  );
}

function describeEvent(event: Event): string {
  const message = (event as ErrorEvent).message;
  return typeof message === 'string' && message ? `${event.type}: ${message}` : `${event.type} event`;
}

function firstRejection(outcomes: PromiseSettledResult<unknown>[]): PromiseRejectedResult | undefined {
  return outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
}

export class CryptoPool implements SectorCipher {
  readonly workerCount: number;
  private readonly workers: (PoolWorker | null)[];
  private readonly silentLosses: number[];
  private readonly keys = new Map<DataKeyHandle, LoadedKey>();
  private readonly createWorker: (index: number) => WorkerLike;
  private readonly watchdogMs: number;
  private sessionKek: Promise<CryptoKey> | undefined;
  private isTerminated = false;

  constructor(options: CryptoPoolOptions = {}) {
    const size = options.size ?? defaultSize();
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`"size" expected an integer ≥ 1, got ${size}`);
    installErrorTransfer();
    this.workerCount = size;
    this.workers = new Array<PoolWorker | null>(size).fill(null);
    this.silentLosses = new Array<number>(size).fill(0);
    this.createWorker = options.createWorker ?? startCryptoWorker;
    this.watchdogMs = options.watchdogMs ?? DEFAULT_WATCHDOG_MS;
  }

  async loadWrappedKey(key: WrappedDataKey): Promise<DataKeyHandle> {
    this.checkOpen();
    checkWrappedKey(key);
    const handle = `dk-${crypto.randomUUID()}`;
    // Copies: the caller may reuse its arrays, and re-provisioning needs these exact bytes later.
    await this.loadEverywhere(handle, { kek: key.kek, blob: key.blob.slice(), aad: key.aad.slice(), isReady: false }, -1);
    return handle;
  }

  async generateSessionKey(): Promise<DataKeyHandle> {
    this.checkOpen();
    const kek = await this.getSessionKek();
    const handle = `dk-${crypto.randomUUID()}`;
    const aad = new TextEncoder().encode(`disk-encryption-lab/session-key/${handle}`);
    const first = this.byLoad()[0];
    const worker = await this.readyWorker(first);
    // Only the wrapped blob comes back; the other workers unwrap it like any loaded key.
    const blob = await this.track(worker, () => worker.remote.generateWrapped(handle, kek, aad), 0);
    await this.loadEverywhere(handle, { kek, blob, aad, isReady: false }, first);
    return handle;
  }

  async generateWrappedKey(kek: CryptoKey, aad: Uint8Array): Promise<Uint8Array> {
    this.checkOpen();
    checkKek(kek, 'encrypt');
    if (!(aad instanceof Uint8Array)) throw new TypeError('"aad" expected Uint8Array');
    const worker = await this.readyWorker(this.byLoad()[0]);
    // The worker makes, seals and (briefly) loads the key under a throwaway handle; only the sealed
    // blob comes back, and the handle is released (zeroed) at once: nobody here uses that key.
    const handle = `gen-${crypto.randomUUID()}`;
    try {
      return await this.track(worker, () => worker.remote.generateWrapped(handle, kek, aad), 0);
    } finally {
      if (!worker.isLost) await this.track(worker, () => worker.remote.release(handle), 0);
    }
  }

  async releaseKey(handle: DataKeyHandle): Promise<void> {
    this.checkOpen();
    this.checkLoaded(handle);
    this.keys.delete(handle);
    await this.releaseEverywhere(handle);
  }

  encryptSectors(handle: DataKeyHandle, firstSector: bigint, sectorSize: number, segments: ArrayBuffer[]): Promise<ArrayBuffer[]> {
    return this.runSectors('encrypt', handle, firstSector, sectorSize, segments);
  }

  decryptSectors(handle: DataKeyHandle, firstSector: bigint, sectorSize: number, segments: ArrayBuffer[]): Promise<ArrayBuffer[]> {
    return this.runSectors('decrypt', handle, firstSector, sectorSize, segments);
  }

  /** Raw XTS data units on one chosen worker, for the known-answer self-test (any 128-bit tweak). */
  async runUnitsOnWorker(index: number, op: Op, handle: DataKeyHandle, firstUnit: bigint, unitSize: number, buffer: ArrayBuffer): Promise<ArrayBuffer> {
    this.checkOpen();
    this.checkIndex(index);
    this.checkLoaded(handle);
    if (!(buffer instanceof ArrayBuffer) || buffer.byteLength === 0) throw new TypeError('"buffer" expected a non-empty ArrayBuffer');
    checkUnits(firstUnit, unitSize, new Uint8Array(buffer));
    const worker = await this.readyWorker(index);
    this.checkLoaded(handle);
    const send = transfer(buffer, [buffer]);
    return this.track(worker, () => (op === 'encrypt'
      ? worker.remote.encryptUnits(handle, firstUnit, unitSize, send)
      : worker.remote.decryptUnits(handle, firstUnit, unitSize, send)), buffer.byteLength);
  }

  /** Test hook: terminates worker `index` as a crash would (its calls reject with WorkerLost). */
  crashWorkerForTest(index: number): void {
    this.checkIndex(index);
    const worker = this.workers[index];
    if (!worker) throw new RangeError(`"index" worker ${index} is not running`);
    this.lose(worker, 'terminated by crashWorkerForTest');
  }

  /** Test hook: the handles loaded inside worker `index` (names only, never key bytes). */
  async handlesOnWorkerForTest(index: number): Promise<string[]> {
    this.checkIndex(index);
    const worker = await this.readyWorker(index);
    return this.track(worker, () => worker.remote.listHandles(), 0);
  }

  /** Stops every worker (their memory, keys included, goes with them); later calls reject. */
  terminate(): void {
    if (this.isTerminated) return;
    this.isTerminated = true;
    this.keys.clear();
    this.workers.forEach((worker, i) => {
      if (!worker) return;
      this.stop(worker, () => errorWithCode('PoolTerminated', 'the crypto pool was terminated; the buffers given to it are lost'));
      this.workers[i] = null;
    });
  }

  private async runSectors(op: Op, handle: DataKeyHandle, firstSector: bigint, sectorSize: number, segments: ArrayBuffer[]): Promise<ArrayBuffer[]> {
    this.checkOpen();
    this.checkLoaded(handle);
    checkSectorRun(firstSector, sectorSize, segments);
    const groups = planGroups(firstSector, sectorSize, segments, this.workerCount);
    const order = this.byLoad();
    // allSettled, not all: when the caller sees a failure, no part of its call is still running.
    const outcomes = await Promise.allSettled(groups.map((group, k) => this.runGroup(order[k], op, handle, sectorSize, group, segments)));
    const failure = firstRejection(outcomes);
    if (failure) throw failure.reason;
    return outcomes.flatMap((o) => (o as PromiseFulfilledResult<ArrayBuffer[]>).value);
  }

  private async runGroup(index: number, op: Op, handle: DataKeyHandle, sectorSize: number, group: SegmentGroup, segments: ArrayBuffer[]): Promise<ArrayBuffer[]> {
    const worker = await this.readyWorker(index);
    // Checked again after the wait, while the buffers are still the caller's.
    this.checkLoaded(handle);
    const provisionError = worker.provisionErrors.get(handle);
    if (provisionError) {
      throw new Error(`crypto worker ${index} could not reload key ${handle} after a restart: ${provisionError.message}`, { cause: provisionError });
    }
    const buffers = transfer(segments.slice(group.start, group.end), segments.slice(group.start, group.end));
    return this.track(worker, () => worker.remote[op](handle, group.firstSector, sectorSize, buffers), group.bytes);
  }

  /** Loads into every worker but `skip`; on any failure the key is released everywhere. */
  private async loadEverywhere(handle: DataKeyHandle, key: LoadedKey, skip: number): Promise<void> {
    // Registered first, so a worker replaced while this runs is provisioned with it too.
    this.keys.set(handle, key);
    const targets = this.workers.map((_, i) => i).filter((i) => i !== skip);
    const outcomes = await Promise.allSettled(targets.map(async (i) => {
      const worker = await this.readyWorker(i);
      await this.track(worker, () => worker.remote.loadWrapped(handle, key.kek, key.blob, key.aad), 0);
    }));
    const failure = firstRejection(outcomes);
    if (failure || this.isTerminated) {
      this.keys.delete(handle);
      await this.releaseEverywhere(handle);
      throw failure ? failure.reason : errorWithCode('PoolTerminated', 'the crypto pool was terminated');
    }
    key.isReady = true;
  }

  private async releaseEverywhere(handle: DataKeyHandle): Promise<void> {
    await Promise.all(this.workers.map(async (worker) => {
      if (!worker) return;
      await worker.ready;
      worker.provisionErrors.delete(handle);
      await this.releaseIn(worker, handle);
    }));
  }

  private async releaseIn(worker: PoolWorker, handle: DataKeyHandle): Promise<void> {
    if (worker.isLost) return; // its memory, and the key in it, went with it
    try {
      await this.track(worker, () => worker.remote.release(handle), 0);
    } catch (thrown) {
      const error = asError(thrown);
      if (error.code === 'WorkerLost') return;
      // The key may still sit in that worker: stopping it is the surest way to drop it.
      this.lose(worker, `it could not release key ${handle}: ${error.message}`);
    }
  }

  /** The running worker in slot `index`, started (and provisioned) if needed. */
  private async readyWorker(index: number): Promise<PoolWorker> {
    for (let attempt = 0; attempt < MAX_SILENT_LOSSES; attempt++) {
      this.checkOpen();
      const worker = this.workers[index] ?? this.spawn(index);
      await worker.ready;
      if (!worker.isLost) return worker;
    }
    throw workerLost(index, `it stopped ${MAX_SILENT_LOSSES} times while its keys were loading`);
  }

  private spawn(index: number): PoolWorker {
    const endpoint = this.createWorker(index);
    const worker: PoolWorker = {
      index, worker: endpoint, remote: wrap<CryptoApi>(endpoint), calls: new Set(), inFlightBytes: 0,
      isLost: false, hasAnswered: false, ready: Promise.resolve(), provisionErrors: new Map(),
    };
    const onFailure = (event: Event): void => {
      event.preventDefault(); // handled here: reported through the rejected calls
      this.lose(worker, describeEvent(event));
    };
    endpoint.addEventListener('error', onFailure as EventListener);
    endpoint.addEventListener('messageerror', onFailure as EventListener);
    this.workers[index] = worker;
    worker.ready = this.provision(worker);
    return worker;
  }

  /** Re-unwraps every loaded key inside a new worker, from its kek + blob + aad. */
  private async provision(worker: PoolWorker): Promise<void> {
    for (const [handle, key] of [...this.keys]) {
      if (worker.isLost) return;
      if (!this.keys.has(handle)) continue;
      try {
        await this.track(worker, () => worker.remote.loadWrapped(handle, key.kek, key.blob, key.aad), 0);
      } catch (thrown) {
        // Reported by the next call that needs this key on this worker (runGroup).
        worker.provisionErrors.set(handle, asError(thrown));
        continue;
      }
      if (!this.keys.has(handle)) await this.releaseIn(worker, handle); // released while loading here
    }
  }

  /** Sends one call, rejecting it with WorkerLost if the worker stops or stays silent too long. */
  private track<T>(worker: PoolWorker, send: () => Promise<T>, bytes: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (worker.isLost) { reject(workerLost(worker.index, 'it had already stopped')); return; }
      const limit = this.watchdogMs + Math.ceil(bytes / MIB) * 1000;
      const call: PendingCall = { reject, timer: setTimeout(() => this.lose(worker, `no answer within ${limit} ms`), limit) };
      worker.calls.add(call);
      worker.inFlightBytes += bytes;
      const settle = (): boolean => {
        clearTimeout(call.timer);
        if (!worker.calls.delete(call)) return false; // already rejected as lost
        worker.inFlightBytes -= bytes;
        worker.hasAnswered = true;
        this.silentLosses[worker.index] = 0;
        return true;
      };
      send().then(
        (value) => { if (settle()) resolve(value); },
        (thrown: unknown) => {
          if (!settle()) return;
          const error = asError(thrown);
          if (error.code !== 'KernelTrap') { reject(error); return; }
          // A trapped kernel is untrusted state: answer as for a crash, and replace the worker.
          const reason = `its XTS kernel trapped: ${error.message}`;
          reject(Object.assign(workerLost(worker.index, reason), { cause: error }));
          this.lose(worker, reason);
        },
      );
    });
  }

  /** A crashed or silent worker: reject its calls, and replace it at once (re-provisioned). */
  private lose(worker: PoolWorker, reason: string): void {
    if (worker.isLost) return;
    this.stop(worker, () => workerLost(worker.index, reason));
    if (this.workers[worker.index] !== worker || this.isTerminated) return;
    this.workers[worker.index] = null;
    const losses = worker.hasAnswered ? 1 : this.silentLosses[worker.index] + 1;
    this.silentLosses[worker.index] = losses;
    // A slot whose workers die before answering anything (a broken build) waits for the next call.
    if (losses <= MAX_SILENT_LOSSES) this.spawn(worker.index);
  }

  private stop(worker: PoolWorker, error: () => Error): void {
    worker.isLost = true;
    worker.worker.terminate();
    for (const call of worker.calls) {
      clearTimeout(call.timer);
      call.reject(error());
    }
    worker.calls.clear();
    worker.inFlightBytes = 0;
  }

  private async getSessionKek(): Promise<CryptoKey> {
    // One per pool, never extractable: the main thread can wrap with it but never read it.
    this.sessionKek ??= crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    try {
      return await this.sessionKek;
    } catch (thrown) {
      this.sessionKek = undefined; // let the next call try again
      throw new Error(`could not create the session key-encryption key: ${asError(thrown).message}`, { cause: thrown });
    }
  }

  /** Slot indices, least bytes in flight first, so concurrent callers spread over the pool. */
  private byLoad(): number[] {
    const load = (i: number) => this.workers[i]?.inFlightBytes ?? 0;
    return this.workers.map((_, i) => i).sort((a, b) => load(a) - load(b) || a - b);
  }

  private checkOpen(): void {
    if (this.isTerminated) throw errorWithCode('PoolTerminated', 'the crypto pool was terminated');
  }

  private checkIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.workerCount) {
      throw new RangeError(`"index" expected an integer in 0 … ${this.workerCount - 1}, got ${index}`);
    }
  }

  private checkLoaded(handle: DataKeyHandle): void {
    if (typeof handle !== 'string') throw new TypeError(`"handle" expected a string, got ${typeof handle}`);
    if (!this.keys.get(handle)?.isReady) {
      throw errorWithCode('UnknownKeyHandle', `"handle" ${handle} is not a loaded key (never loaded, or released)`);
    }
  }
}
