// Hands the disk layer (DiskServiceApi), the sector cipher (for session keys) and the page's
// session-key ring to the UI. Only main.tsx provides it; components never import adapters.
import { createContext, createSignal, useContext, type ParentProps } from 'solid-js';
import type { DiskServiceApi } from '../core/disks/api';
import type { DataKeyHandle, SectorCipher } from '../core/ports';

/** Which disks have their data key loaded in this page: disk id → pool handle (never key bytes). */
export interface SessionKeys {
  get(diskId: string): DataKeyHandle | undefined;
  set(diskId: string, handle: DataKeyHandle): void;
  /** Forgets the disk's handle and returns it, so the caller can release it in the pool. */
  forget(diskId: string): DataKeyHandle | undefined;
}

export interface DiskLab {
  disks: DiskServiceApi;
  cipher: SectorCipher;
  keys: SessionKeys;
  /** Whether another tab (or worker) holds the disk's lock right now; a snapshot that may change at once. */
  isInUseElsewhere(diskId: string): Promise<boolean>;
}

const DiskLabContext = createContext<DiskLab>();

function createSessionKeys(): SessionKeys {
  const [handles, setHandles] = createSignal<ReadonlyMap<string, DataKeyHandle>>(new Map());
  return {
    get: (diskId) => handles().get(diskId),
    set(diskId, handle) {
      setHandles((map) => new Map(map).set(diskId, handle));
    },
    forget(diskId) {
      const handle = handles().get(diskId);
      setHandles((map) => {
        const next = new Map(map);
        next.delete(diskId);
        return next;
      });
      return handle;
    },
  };
}

export function DiskLabProvider(props: ParentProps<Omit<DiskLab, 'keys'>>) {
  // The key ring lives as long as the page, not the inspector: leaving and coming back keeps the keys.
  const lab: DiskLab = {
    disks: props.disks,
    cipher: props.cipher,
    isInUseElsewhere: props.isInUseElsewhere,
    keys: createSessionKeys(),
  };
  return <DiskLabContext.Provider value={lab}>{props.children}</DiskLabContext.Provider>;
}

export function useDiskLab(): DiskLab {
  const lab = useContext(DiskLabContext);
  if (!lab) throw new Error('useDiskLab() expected to be called inside <DiskLabProvider>');
  return lab;
}

/** Whether the disk layer is wired (the inspector is offered only then). */
export function hasDiskLab(): boolean {
  return useContext(DiskLabContext) !== undefined;
}
