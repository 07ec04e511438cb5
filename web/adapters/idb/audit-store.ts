// AuditStore (core/audit/types.ts) over the lab database: append-only records keyed by seq, so the
// head is one cursor step from the end; an append that does not follow the stored head is refused
// (AuditConflict) inside its own transaction. Product stores append through transact.ts the same way.
import type { AuditHead, AuditRecord, AuditStore } from '../../core/audit/types';
import { PRODUCT_STORES, type LabStoreName } from './schema';
import { appendAudit, clearStores, readHead, readStores, writeStores, type DbSource } from './transact';

export class IdbAuditStore implements AuditStore {
  constructor(private readonly db: DbSource) {}

  head(): Promise<AuditHead> {
    return readStores(this.db, ['audit'] as LabStoreName[], (tx) => readHead(tx));
  }

  async append(records: AuditRecord[]): Promise<void> {
    if (!Array.isArray(records)) throw new TypeError('"records" expected an array of audit records');
    if (records.length === 0) return;
    await writeStores(this.db, ['audit'] as LabStoreName[], (tx) => appendAudit(tx, records));
  }

  /** Every record, oldest first (the key order is seq order). */
  list(): Promise<AuditRecord[]> {
    return readStores(this.db, ['audit'], (tx) => tx.objectStore('audit').getAll());
  }

  /** Lab Reset only. */
  clear(): Promise<void> {
    return clearStores(this.db, PRODUCT_STORES.audit);
  }
}
