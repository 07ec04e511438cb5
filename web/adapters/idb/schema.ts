// The lab's one IndexedDB database ("disk-encryption-lab"): its typed schema, the ordered list of
// migrations (each later issue appends one step and bumps the version), and openLabDb() with the
// blocked / versionchange / terminated handling of the IndexedDB spec §2.4 "upgrade" (idb 8 openDB).
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { AuditRecord } from '../../core/audit/types';
import { CloudError } from '../../core/errors';
import { DiskErrorCodes } from '../../core/disks/errors';
import type { ChunkRecord, DiskRecord, SnapshotRecord } from '../../core/disks/types';
import type { DefaultEncryption, DiskResource, ImageResource, InstanceResource, SnapshotResource } from '../../core/ecs/ports';
import type { AliasRecord, ImportTokenRecord, KeyRecord, MaterialRecord, VersionRecord } from '../../core/kms/ports';
import type { LabState } from '../../core/lab/lab-product';
import type { RoleRecord } from '../../core/ram/ports';

export const LAB_DB_NAME = 'disk-encryption-lab';

export interface LabDbSchema extends DBSchema {
  disks: { key: string; value: DiskRecord };
  snapshots: { key: string; value: SnapshotRecord };
  chunks: { key: string; value: ChunkRecord };
  /** Chunk id → how many disk/snapshot maps name it; absent means 0 (the chunk is gone too). */
  refs: { key: string; value: number };
  /** Small named values: 'flushCount' today; later issues add clock and counters. */
  meta: { key: string; value: unknown };
  // Version 2 (issues 4 and 5): the KMS, the audit trail, the Lab state, ECS and RAM.
  kmsKeys: { key: string; value: KeyRecord; indexes: { byAccountRegion: [string, string, number] } };
  kmsVersions: { key: string; value: VersionRecord; indexes: { byKey: [string, number] } };
  /** Keyed [accountId, regionId, aliasName]: one account+region's aliases are one key range, by name. */
  kmsAliases: { key: [string, string, string]; value: AliasRecord; indexes: { byKey: string } };
  kmsTokens: { key: string; value: ImportTokenRecord };
  /** Non-extractable CryptoKeys as they are (structured clone keeps them non-extractable), by version or token id. */
  kmsMaterial: { key: string; value: MaterialRecord };
  /** Append-only, keyed by seq: the head is the last key (one cursor step from the end). */
  audit: { key: number; value: AuditRecord };
  /** One record under LAB_STATE_KEY: clock offset and current account, shared by the lab's tabs. */
  labState: { key: string; value: LabState };
  ecsDisks: { key: string; value: DiskResource; indexes: { byCreated: number } };
  ecsSnapshots: { key: string; value: SnapshotResource; indexes: { byCreated: number } };
  /** Keyed [RegionId, ImageId]: the public image has one id in every region. */
  ecsImages: { key: [string, string]; value: ImageResource; indexes: { byCreated: number } };
  ecsDefaults: { key: [string, string]; value: DefaultEncryption };
  /** Keyed [accountId, RoleName lowercased] (out of line): role names compare case-insensitively. */
  ramRoles: { key: [string, string]; value: RoleRecord };
  // Version 3 (issue 6): ECS instances.
  ecsInstances: { key: string; value: InstanceResource; indexes: { byCreated: number } };
}

export const LAB_STATE_KEY = 'state';

/** Which stores each product owns: its clear() (Lab Reset) empties exactly these. */
export const PRODUCT_STORES = {
  kms: ['kmsKeys', 'kmsVersions', 'kmsAliases', 'kmsTokens', 'kmsMaterial'],
  audit: ['audit'],
  lab: ['labState'],
  ecs: ['ecsDisks', 'ecsSnapshots', 'ecsImages', 'ecsDefaults', 'ecsInstances'],
  ram: ['ramRoles'],
} as const;

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
  {
    version: 2,
    describe: 'issues 4 and 5: KMS (keys, versions, aliases, import tokens, CryptoKey material), audit trail, Lab state, ECS (disks, snapshots, images, default encryption), RAM roles',
    upgrade(db) {
      const keys = db.createObjectStore('kmsKeys', { keyPath: 'keyId' });
      keys.createIndex('byAccountRegion', ['accountId', 'regionId', 'createdMs']);
      db.createObjectStore('kmsVersions', { keyPath: 'keyVersionId' }).createIndex('byKey', ['keyId', 'createdMs']);
      db.createObjectStore('kmsAliases', { keyPath: ['accountId', 'regionId', 'aliasName'] }).createIndex('byKey', 'keyId');
      db.createObjectStore('kmsTokens', { keyPath: 'tokenId' });
      db.createObjectStore('kmsMaterial', { keyPath: 'id' });
      db.createObjectStore('audit', { keyPath: 'seq' });
      db.createObjectStore('labState');
      db.createObjectStore('ecsDisks', { keyPath: 'DiskId' }).createIndex('byCreated', 'createdMs');
      db.createObjectStore('ecsSnapshots', { keyPath: 'SnapshotId' }).createIndex('byCreated', 'createdMs');
      db.createObjectStore('ecsImages', { keyPath: ['RegionId', 'ImageId'] }).createIndex('byCreated', 'createdMs');
      db.createObjectStore('ecsDefaults', { keyPath: ['accountId', 'RegionId'] });
      db.createObjectStore('ramRoles');
    },
  },
  {
    version: 3,
    describe: 'issue 6: ECS instances (power state is never stored: data keys live only in the pool)',
    upgrade(db) {
      db.createObjectStore('ecsInstances', { keyPath: 'InstanceId' }).createIndex('byCreated', 'createdMs');
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
