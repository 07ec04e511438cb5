// The block-storage model shared by the disk service (core/disks), its stores (adapters/idb,
// adapters/memory) and the UI: disks, snapshots and chunks as they are persisted. Cloud resources
// (ECS disks, snapshots, images) are built on these records in later issues.

/** Logical sector size of every lab disk. */
export const SECTOR_BYTES = 512;

/** How a disk's data key is held. The disk layer never sees plaintext keys: it is given a pool
 *  handle by whoever opens the disk (the inspector's demo, the hypervisor, ECS copies). */
export type DiskEncryption =
  | { isEncrypted: false }
  | {
      isEncrypted: true;
      /** All disks and snapshots that share one data key share its lineage id (house-style.md). */
      lineageId: string;
      /** 'session': a key generated inside the pool for this page only (demo, tests): lost on reload,
       *  so such a disk is deleted at the next start. 'kms': wrapped by a KMS key (later issues). */
      keySource: 'session' | 'kms';
      /** For 'session': the page whose pool holds the key (it holds the lock pageLock(id) while open),
       *  so start-up in another tab never deletes a disk that a live page can still read. */
      ownerPageId?: string;
      /** The wrapped data key (KMS CiphertextBlob, Base64) and its encryption context; absent for 'session'. */
      wrappedKey?: { keyId: string; ciphertextBlob: string; encryptionContext: Record<string, string> };
    };

/** Allocation map: chunk index → chunk record id. An index that is absent was never written (reads zeros). */
export type ChunkMap = Record<number, string>;

export interface DiskRecord {
  id: string;
  name: string;
  sizeBytes: number; // a whole number of sectors
  chunkBytes: number; // a whole number of sectors; the unit of storage and of copy-on-write
  encryption: DiskEncryption;
  chunks: ChunkMap;
  /** Bumped by every committed change; a commit that expects another generation fails (two writers). */
  generation: number;
  /** 'lost': the map names a chunk the store no longer has (evicted or cleared site data). */
  state: 'ok' | 'lost';
  createdAt: string; // ISO 8601
  /** Where the disk came from, for lineage views: a snapshot id, or a disk/snapshot it was copied from. */
  sourceId?: string;
  /** Set while copy() is still writing this disk (it names the source in sourceId); such a disk cannot
   *  be opened, and one left behind by a closed page is removed by deleteInterruptedCopies(). */
  isCopying?: boolean;
}

export interface SnapshotRecord {
  id: string;
  name: string;
  sourceDiskId: string;
  sizeBytes: number;
  chunkBytes: number;
  encryption: DiskEncryption; // the source's, unchanged: same data key, same lineage
  chunks: ChunkMap; // frozen at creation; shares chunk records with the disk until it writes
  createdAt: string;
}

export interface ChunkRecord {
  id: string;
  /** Exactly chunkBytes of stored bytes (ciphertext for an encrypted disk). */
  data: ArrayBuffer;
}

/** One atomic change to the store: all of it lands, or none of it. */
export interface StoreChange {
  putDisks?: DiskRecord[];
  deleteDisks?: string[];
  putSnapshots?: SnapshotRecord[];
  deleteSnapshots?: string[];
  putChunks?: ChunkRecord[];
  deleteChunks?: string[];
  /** Reference-count changes; a chunk whose count reaches 0 is deleted in the same transaction. */
  refDeltas?: Record<string, number>;
  /** Abort (DiskBusy) unless the stored disk still has this generation: guards against another tab. */
  expect?: { diskId: string; generation: number }[];
}
