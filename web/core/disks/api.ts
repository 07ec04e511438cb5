// The disk layer's public surface: what the UI (inspector), the hypervisor and ECS (later issues)
// call. Implemented by DiskService (disk-service.ts) over a DiskStore, a SectorCipher and a LockPort.
import type { DataKeyHandle } from '../ports';
import type { DiskEncryption, DiskRecord, SnapshotRecord } from './types';

/** How a new disk is encrypted: not at all, or under a data key already loaded into the pool. */
export type NewDiskEncryption =
  | { isEncrypted: false }
  | { isEncrypted: true; handle: DataKeyHandle; keySource: 'session' | 'kms'; lineageId?: string; wrappedKey?: Extract<DiskEncryption, { isEncrypted: true }>['wrappedKey'] };

export interface CreateDiskOptions {
  name: string;
  sizeBytes: number; // a whole number of 512-byte sectors, at least one
  chunkBytes?: number; // default: DEFAULT_CHUNK_BYTES (chosen by measurement, see disk-service.ts)
  encryption: NewDiskEncryption;
}

export interface CopyProgress { doneBytes: number; totalBytes: number }

export interface CopyOptions {
  source: { diskId: string } | { snapshotId: string };
  /** Required when the source is encrypted: its data key, loaded in the pool. */
  sourceHandle?: DataKeyHandle;
  /** chunkBytes defaults to the source's. */
  /** sizeBytes: bigger than the source's to grow the copy (default: the source's size). */
  target: { name: string; chunkBytes?: number; sizeBytes?: number; encryption: NewDiskEncryption };
  onProgress?: (p: CopyProgress) => void;
  signal?: AbortSignal;
}

/** One disk opened for I/O. Sector numbers are 512-byte logical sectors from 0. */
export interface BlockDevice {
  readonly diskId: string;
  readonly sizeSectors: number;
  readonly isEncrypted: boolean;
  /** The guest view: plaintext (decrypted with the handle given to open()). Never-written sectors read as zeros. */
  read(sector: number, count: number): Promise<Uint8Array>;
  /** Writes whole sectors atomically: all of them land, or none. */
  write(sector: number, data: Uint8Array): Promise<void>;
  /** The physical view: the stored bytes (ciphertext for an encrypted disk); zeros where never written. */
  readPhysical(sector: number, count: number): Promise<Uint8Array>;
  /** Makes every earlier write durable (the guest's sync, a stop, a snapshot). */
  flush(): Promise<void>;
}

/** Per-chunk facts for the inspector's allocation map and entropy chart. */
export interface ChunkInfo {
  index: number;
  isAllocated: boolean;
  /** Shannon entropy of the stored bytes, bits per byte (0…8); 0 when not allocated. */
  entropy: number;
  /** How many disks/snapshots share this chunk (copy-on-write), 0 when not allocated. */
  refs: number;
}

export interface DiskServiceApi {
  createDisk(options: CreateDiskOptions): Promise<DiskRecord>;
  getDisk(id: string): Promise<DiskRecord | undefined>;
  listDisks(): Promise<DiskRecord[]>;
  /** Deletes the disk and frees exactly the chunks nobody else references. */
  deleteDisk(id: string): Promise<void>;
  /** handle is required for an encrypted disk's guest view and writes; physical reads need none. */
  open(diskId: string, handle?: DataKeyHandle): Promise<BlockDevice>;
  /** Point-in-time, incremental: shares every chunk with the disk until the disk writes it. */
  createSnapshot(diskId: string, name: string): Promise<SnapshotRecord>;
  getSnapshot(id: string): Promise<SnapshotRecord | undefined>;
  listSnapshots(): Promise<SnapshotRecord[]>;
  deleteSnapshot(id: string): Promise<void>;
  /** A disk that shares the snapshot's chunks (same encryption and lineage) until written; `sizeBytes`
   *  may make it bigger than the snapshot (never smaller), the new sectors reading as zeros. */
  createDiskFromSnapshot(snapshotId: string, name: string, sizeBytes?: number): Promise<DiskRecord>;
  /** Streams a disk or snapshot into a new disk through the pool: plaintext → encrypted, or one data
   *  key → another. Progress, cancellation (OperationAborted, nothing left behind), bounded memory.
   *  The target exists with isCopying set until the copy completes. */
  copy(options: CopyOptions): Promise<DiskRecord>;
  chunkInfo(diskId: string): Promise<ChunkInfo[]>;
  /** Deletes disks (and their snapshots) whose key was session-only: nothing can read them after a reload. */
  deleteSessionDisks(): Promise<number>;
  /** Deletes copy targets left unfinished (isCopying) by a page closed mid-copy; waits for copies still running. */
  deleteInterruptedCopies(): Promise<number>;
}
