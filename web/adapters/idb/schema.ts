// The lab's one IndexedDB database ("disk-encryption-lab"): its typed schema, the ordered list of
// migrations (each later issue appends one step and bumps the version), and openLabDb() with the
// blocked / versionchange / terminated handling of the IndexedDB spec §2.4 "upgrade" (idb 8 openDB).
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { CloudError } from '../../core/errors';
import { DiskErrorCodes } from '../../core/disks/errors';
import type { ChunkRecord, DiskRecord, SnapshotRecord } from '../../core/disks/types';

export const LAB_DB_NAME = 'disk-encryption-lab';

export interface LabDbSchema extends DBSchema {
  disks: { key: string; value: DiskRecord };
  snapshots: { key: string; value: SnapshotRecord };
  chunks: { key: string; value: ChunkRecord };
  /** Chunk id → how many disk/snapshot maps name it; absent means 0 (the chunk is gone too). */
  refs: { key: string; value: number };
  /** Small named values: 'flushCount' today; later issues add clock and counters. */
  meta: { key: string; value: unknown };
}

export type LabDb = IDBPDatabase<LabDbSchema>;
export type LabStoreName = StoreNames<LabDbSchema>;
export type UpgradeTransaction = IDBPTransaction<LabDbSchema, LabStoreName[], 'versionchange'>;

/** One schema step: what version `version` adds to version `version - 1`. Steps only ever add
 *  (stores, indexes, data rewrites); a step is never edited once released, so a database at any
 *  earlier version reaches the current one by running the missing steps in order. */
export interface Migration {
  version: number;
  describe: string;
  upgrade(db: LabDb, tx: UpgradeTransaction): void | Promise<void>;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    describe: 'issue 3: disks, snapshots, chunks, chunk reference counts, meta',
    upgrade(db) {
      db.createObjectStore('disks', { keyPath: 'id' });
      db.createObjectStore('snapshots', { keyPath: 'id' });
      db.createObjectStore('chunks', { keyPath: 'id' });
      db.createObjectStore('refs');
      db.createObjectStore('meta');
    },
  },
];

export const LAB_DB_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

/** How long an open may wait for other tabs to close an older connection before it gives up. */
const DEFAULT_BLOCKED_TIMEOUT_MS = 10_000;

export interface OpenLabDbOptions {
  /** Database name; tests use their own so they never touch the app's data. */
  name?: string;
  /** Open at this version, running migrations up to it only (upgrade tests); default the newest. */
  version?: number;
  /** Replaces MIGRATIONS (tests: simulate a newer release with an extra step). */
  migrations?: readonly Migration[];
  /** Another tab holds an older version open; this open waits for it (show "close other tabs"). */
  onBlocked?(info: { currentVersion: number; requestedVersion: number }): void;
  /** After this long blocked, the open rejects with StorageUnavailable instead of waiting forever. */
  blockedTimeoutMs?: number;
  /** A newer version wants to open in another tab: this connection has already been closed, so
   *  the app should say "the lab was updated in another tab — reload". Nothing is lost: every
   *  write is a committed transaction, and later calls fail with StorageUnavailable. */
  onVersionChange?(info: { oldVersion: number; newVersion: number | null }): void;
  /** The browser closed the connection abnormally (site data cleared, storage failure). */
  onTerminated?(): void;
}

function unavailable(reason: string, cause?: unknown): CloudError {
  return new CloudError(DiskErrorCodes.storageUnavailable, { params: { reason }, cause });
}

function checkMigrations(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`"migrations" expected versions 1, 2, 3… in order, got ${m.version} at position ${i}`);
  });
}

/** Opens (creating or upgrading) the lab database. Rejects with StorageUnavailable when IndexedDB is
 *  missing (some private modes), the open fails, or other tabs block an upgrade past the timeout. */
export async function openLabDb(options: OpenLabDbOptions = {}): Promise<LabDb> {
  const migrations = options.migrations ?? MIGRATIONS;
  checkMigrations(migrations);
  const newest = migrations[migrations.length - 1]?.version ?? 0;
  const version = options.version ?? newest;
  if (!Number.isInteger(version) || version < 1 || version > newest) {
    throw new RangeError(`"version" expected an integer from 1 to ${newest}, got ${version}`);
  }
  if (typeof globalThis.indexedDB === 'undefined' || globalThis.indexedDB === null) {
    throw unavailable('this browser (or its private mode) offers no IndexedDB');
  }
  const name = options.name ?? LAB_DB_NAME;
  const blockedTimeoutMs = options.blockedTimeoutMs ?? DEFAULT_BLOCKED_TIMEOUT_MS;

  return new Promise<LabDb>((resolve, reject) => {
    let isGivenUp = false;
    let blockedTimer: ReturnType<typeof setTimeout> | undefined;
    const opening = openDB<LabDbSchema>(name, version, {
      async upgrade(db, oldVersion, newVersion, tx) {
        // Runs once, inside the versionchange transaction: all steps land together or none do.
        for (const m of migrations) {
          if (m.version > oldVersion && m.version <= (newVersion ?? version)) await m.upgrade(db, tx);
        }
      },
      blocked(currentVersion) {
        options.onBlocked?.({ currentVersion, requestedVersion: version });
        blockedTimer ??= setTimeout(() => {
          isGivenUp = true;
          reject(unavailable(`another tab keeps version ${currentVersion} of the lab open, so version ${version} cannot open; close the other lab tabs and reload`));
        }, blockedTimeoutMs);
      },
      blocking(currentVersion, blockedVersion, event) {
        // Close at once so the other tab's upgrade can run; this tab's state is all committed.
        (event.target as IDBDatabase).close();
        options.onVersionChange?.({ oldVersion: currentVersion, newVersion: blockedVersion });
      },
      terminated() {
        options.onTerminated?.();
      },
    });
    opening.then(
      (opened) => {
        clearTimeout(blockedTimer);
        // Given up while blocked, the request still completes later: close what nobody will use.
        if (isGivenUp) opened.close();
        else resolve(opened);
      },
      (error: unknown) => {
        clearTimeout(blockedTimer);
        const reason = error instanceof DOMException && error.name === 'VersionError'
          ? `the stored lab database is newer (this page asked for version ${version}); reload to get the newer lab`
          : `opening the database failed (${error instanceof Error ? `${error.name}: ${error.message}` : String(error)})`;
        reject(unavailable(reason, error));
      },
    );
  });
}
