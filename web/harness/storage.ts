// The storage half of the browser test harness (window.harness.idb / .locks / .storage): the lab
// database, IdbDiskStore with its fault hook, Web Locks and storage health, for test/browser/idb*
// and disks* specs. Tests use their own database names, never the app's.
import { deleteDB, openDB } from 'idb';
import { IdbDiskStore, type IdbDiskStoreOptions } from '../adapters/idb/disk-store';
import { LAB_DB_VERSION, MIGRATIONS, openLabDb, type LabDb, type Migration, type OpenLabDbOptions } from '../adapters/idb/schema';
import { browserStorageHealth, storageHealth } from '../adapters/idb/storage-health';
import { WebLocks, type WebLocksOptions } from '../adapters/locks/web-locks';

/** A JSON-safe picture of an error, as tests compare it. */
export interface ErrorFacts {
  code?: string;
  name: string;
  message: string;
  causeName?: string;
}

export function errorFacts(error: unknown): ErrorFacts {
  const e = error as Error & { code?: string; cause?: { name?: string } };
  return { code: e?.code, name: e?.name ?? typeof error, message: e?.message ?? String(error), causeName: e?.cause?.name };
}

/** Every record of every store, with chunk data as a short digest: to compare "before" and "after". */
async function dump(name: string): Promise<Record<string, [string, unknown][]>> {
  const db = await openDB(name);
  try {
    const out: Record<string, [string, unknown][]> = {};
    for (const store of Array.from(db.objectStoreNames)) {
      const tx = db.transaction(store, 'readonly');
      const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
      out[store] = keys.map((k, i) => [String(k), digestable(values[i])]);
    }
    return out;
  } finally {
    db.close();
  }
}

function digestable(value: unknown): unknown {
  if (value && typeof value === 'object' && 'data' in value && (value as { data: unknown }).data instanceof ArrayBuffer) {
    const data = new Uint8Array((value as { data: ArrayBuffer }).data);
    let h = 2166136261; // FNV-1a: enough to tell test patterns apart
    for (const b of data) h = Math.imul(h ^ b, 16777619) >>> 0;
    return { ...(value as object), data: `${data.length}:${h.toString(16)}` };
  }
  return value;
}

export const storageHarness = {
  LAB_DB_VERSION,
  MIGRATIONS,
  openLabDb: (options: OpenLabDbOptions) => openLabDb(options),
  /** Migrations 1…version of the real list plus `extra` fake steps after it (upgrade tests). */
  migrationsWith(extra: number): Migration[] {
    const fake = Array.from({ length: extra }, (_, i): Migration => ({
      version: LAB_DB_VERSION + i + 1,
      describe: `test step ${LAB_DB_VERSION + i + 1}`,
      upgrade(db) {
        (db as unknown as IDBDatabase).createObjectStore(`test-v${LAB_DB_VERSION + i + 1}`);
      },
    }));
    return [...MIGRATIONS, ...fake];
  },
  openStore: (options: OpenLabDbOptions & IdbDiskStoreOptions) => IdbDiskStore.open(options),
  storeOver: (db: LabDb, options?: IdbDiskStoreOptions) => new IdbDiskStore(db, options),
  deleteDb: (name: string) => deleteDB(name),
  dump,
  /** Opens a plain connection that ignores versionchange: an old tab that never closes (T-21). */
  async holdStubbornConnection(name: string): Promise<IDBDatabase> {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  },
  /** Removes chunk records behind the store's back, as eviction or cleared site data would (T-24). */
  async deleteChunksBehindTheBack(name: string, ids: string[]): Promise<void> {
    const db = await openDB(name);
    try {
      const tx = db.transaction('chunks', 'readwrite');
      await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
    } finally {
      db.close();
    }
  },
  createLocks: (options?: WebLocksOptions) => new WebLocks(options),
  storageHealth,
  browserStorageHealth,
  errorFacts,
};
