// Storage health for the UI (reliability-cases T-24, T-27): whether the site's storage is persisted
// (exempt from eviction), asking for it, and usage against quota — the Storage Standard's
// navigator.storage.persisted(), persist() and estimate().

export interface StorageEstimateBytes {
  usageBytes: number;
  quotaBytes: number;
}

export interface StorageHealth {
  /** false when the browser offers no StorageManager (then the other fields are null). */
  isSupported: boolean;
  /** true: the browser will not evict the lab's data under storage pressure. */
  isPersisted: boolean | null;
  usageBytes: number | null;
  quotaBytes: number | null;
}

function storageManager(): StorageManager | undefined {
  return globalThis.navigator?.storage;
}

/** Asks the browser to keep the lab's data (Chromium decides by site engagement, without a prompt;
 *  Firefox asks the user). Resolves with the answer: true when storage is (now) persisted. */
export async function requestPersistence(): Promise<boolean> {
  const storage = storageManager();
  if (!storage?.persist) return false;
  return storage.persist();
}

/** false also where the browser has no StorageManager (nothing is promised there). */
export async function isPersisted(): Promise<boolean> {
  const storage = storageManager();
  if (!storage?.persisted) return false;
  return storage.persisted();
}

/** Usage and quota in bytes for this origin (all of its storage, not just the lab database). */
export async function estimate(): Promise<StorageEstimateBytes | undefined> {
  const storage = storageManager();
  if (!storage?.estimate) return undefined;
  const { usage, quota } = await storage.estimate();
  return { usageBytes: usage ?? 0, quotaBytes: quota ?? 0 };
}

/** The three calls as one object: the shape the UI's storage-status context takes. */
export const browserStorageHealth = { isPersisted, requestPersistence, estimate } as const;

/** Everything above in one call, for a status panel. */
export async function storageHealth(): Promise<StorageHealth> {
  if (!storageManager()) return { isSupported: false, isPersisted: null, usageBytes: null, quotaBytes: null };
  const [persisted, sizes] = await Promise.all([isPersisted(), estimate()]);
  return { isSupported: true, isPersisted: persisted, usageBytes: sizes?.usageBytes ?? null, quotaBytes: sizes?.quotaBytes ?? null };
}
