// What the simulated cloud (core) needs from outside, as interfaces only: adapters implement
// them (web/adapters), tests use in-memory twins. Core never imports an adapter.
import type { ChunkRecord, DiskRecord, SnapshotRecord, StoreChange } from './disks/types';

/** An opaque reference to a data key loaded into the crypto worker pool. */
export type DataKeyHandle = string;

/** A data key as it may travel on the main thread: wrapped, never plaintext.
 *  blob = 12-byte IV ‖ AES-256-GCM(ciphertext ‖ 16-byte tag) of the 32- or 64-byte data key,
 *  with `aad` (the encryption context: account, region, lineage) as additional data. */
export interface WrappedDataKey {
  kek: CryptoKey; // non-extractable AES-GCM key, usages ['decrypt'] at least
  blob: Uint8Array;
  aad: Uint8Array;
}

/** The sector cipher: XTS-AES over runs of consecutive sectors, in the crypto worker pool.
 *  A run is given as one or more buffers (segments) of whole sectors, consecutive in sector
 *  numbers; segments are transferred to workers (never copied) and come back transferred, so the
 *  caller's buffers are detached after the call. */
export interface SectorCipher {
  readonly workerCount: number;
  /** Unwraps inside every worker; the plaintext never reaches the calling thread. */
  loadWrappedKey(key: WrappedDataKey): Promise<DataKeyHandle>;
  /** A random 64-byte key made inside the pool, for tests and demos; lost on reload. */
  generateSessionKey(): Promise<DataKeyHandle>;
  /** A new 64-byte data key made inside a worker (halves redrawn until they differ), sealed there with
   *  AES-256-GCM under `kek` with `aad`; only IV ‖ ciphertext ‖ tag comes back (the KMS's path for
   *  GenerateDataKeyWithoutPlaintext on behalf of ECS, so the plaintext never exists on this thread). */
  generateWrappedKey(kek: CryptoKey, aad: Uint8Array): Promise<Uint8Array>;
  /** Zeroes the key in every worker. */
  releaseKey(handle: DataKeyHandle): Promise<void>;
  encryptSectors(handle: DataKeyHandle, firstSector: bigint, sectorSize: number, segments: ArrayBuffer[]): Promise<ArrayBuffer[]>;
  decryptSectors(handle: DataKeyHandle, firstSector: bigint, sectorSize: number, segments: ArrayBuffer[]): Promise<ArrayBuffer[]>;
}

/** One known-answer check run by the About page's live self-test. */
export interface SelfTestResult {
  name: string;
  op: 'encrypt' | 'decrypt';
  isPassed: boolean;
  detail?: string;
}

/** One figure of the About page's short throughput measurement. */
export interface ThroughputResult {
  impl: 'kernel-pool' | 'webcrypto-aes-ctr';
  op: 'encrypt' | 'decrypt';
  mibps: number;
  bytes: number;
}

/** What the About page needs: a self-test over the vectors in the pool, and a short measurement. */
export interface EngineDiagnostics {
  readonly workerCount: number;
  runSelfTest(): Promise<SelfTestResult[]>;
  measureThroughput(onProgress?: (done: number, total: number) => void): Promise<ThroughputResult[]>;
}

// ---- Block storage (virtual disks in IndexedDB) ----

/** Where disks, snapshots and chunks live: IndexedDB in the browser (adapters/idb), an in-memory
 *  twin in Node tests (adapters/memory). Every method either succeeds or throws a CloudError with a
 *  storage code (QuotaExceeded, StorageUnavailable, IOError, DiskBusy) and changes nothing. */
export interface DiskStore {
  getDisk(id: string): Promise<DiskRecord | undefined>;
  listDisks(): Promise<DiskRecord[]>;
  getSnapshot(id: string): Promise<SnapshotRecord | undefined>;
  listSnapshots(): Promise<SnapshotRecord[]>;
  /** Chunk records by id, in order; undefined where the store has none. */
  getChunks(ids: string[]): Promise<(ChunkRecord | undefined)[]>;
  /** Current reference counts (0 for unknown ids). */
  getRefs(ids: string[]): Promise<number[]>;
  /** Applies the change in one transaction. 'relaxed' is allowed only for changes that touch chunk
   *  data alone (no record, map, key or reference change); everything else is 'strict'. */
  commit(change: StoreChange, durability: 'strict' | 'relaxed'): Promise<void>;
  /** Makes every earlier commit durable (a strict, empty-ish transaction). */
  flush(): Promise<void>;
}

/** Exclusive/shared locks by name, across tabs (Web Locks in the browser, in-memory in Node). */
export interface LockPort {
  /** Runs `fn` holding the lock; 'exclusive' excludes everyone, 'shared' excludes exclusive holders. */
  withLock<T>(name: string, mode: 'exclusive' | 'shared', fn: () => Promise<T>): Promise<T>;
  /** Whether anyone (this page included) holds `name` right now: a snapshot that may change at once. */
  isHeld(name: string): Promise<boolean>;
}
