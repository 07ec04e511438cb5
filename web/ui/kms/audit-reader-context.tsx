// Hands the audit trail (issue 4 item 8) to the console read-only: the router records every call
// but offers no action that lists records, so the UI reads them through this port, which main.tsx
// provides over the audit store (e.g. `{ list: () => auditStore.list() }`). Without it the audit
// pages say the trail is not connected.
import { createContext, useContext, type ParentProps } from 'solid-js';
import type { AuditRecord } from '../../core/audit/types';

export interface AuditReader {
  /** Every record of the trail, oldest first (seq 1, 2, …), as stored (with prevHash and hash). */
  list(): Promise<AuditRecord[]>;
}

const AuditReaderContext = createContext<AuditReader>();

export function AuditReaderProvider(props: ParentProps<{ reader: AuditReader }>) {
  return <AuditReaderContext.Provider value={props.reader}>{props.children}</AuditReaderContext.Provider>;
}

/** The reader, or undefined when main.tsx provides none. */
export function useAuditReader(): AuditReader | undefined {
  return useContext(AuditReaderContext);
}
