// Hands the browser-storage facts to the UI: persistence and quota (StorageHealth, implemented over
// navigator.storage by the idb adapter) and the database connection's state as a signal that
// main.tsx sets from openLabDb's blocked / versionchange / terminated callbacks.
import { createContext, useContext, type Accessor, type ParentProps } from 'solid-js';

export interface StorageEstimateBytes {
  usageBytes: number;
  quotaBytes: number;
}

export interface StorageHealth {
  /** Whether the browser already promised not to evict this site's data. */
  isPersisted(): Promise<boolean>;
  /** Asks for that promise (navigator.storage.persist()); resolves to the browser's answer. */
  requestPersistence(): Promise<boolean>;
  /** Space used and the quota, or undefined where the browser does not say. */
  estimate(): Promise<StorageEstimateBytes | undefined>;
}

/** 'blocked': an older version is open in another tab; 'upgraded': another tab opened a newer
 *  version, so this page's connection is closed; 'terminated': the browser closed it. */
export type DatabaseStatus = 'opening' | 'open' | 'blocked' | 'upgraded' | 'terminated' | 'failed';

export interface StorageStatus {
  health: StorageHealth;
  database: Accessor<DatabaseStatus>;
}

const StorageStatusContext = createContext<StorageStatus>();

export function StorageStatusProvider(props: ParentProps<StorageStatus>) {
  const value: StorageStatus = { health: props.health, database: () => props.database() };
  return <StorageStatusContext.Provider value={value}>{props.children}</StorageStatusContext.Provider>;
}

export function useStorageStatus(): StorageStatus {
  const status = useContext(StorageStatusContext);
  if (!status) throw new Error('useStorageStatus() expected to be called inside <StorageStatusProvider>');
  return status;
}

export function hasStorageStatus(): boolean {
  return useContext(StorageStatusContext) !== undefined;
}
