// LabStateStore (core/lab/lab-product.ts) over the lab database: the clock offset, the current
// account and the current region in one record, shared by every tab of the lab (each call reads it afresh: compose-lab.ts).
import type { LabState, LabStateStore } from '../../core/lab/lab-product';
import { LAB_STATE_KEY, PRODUCT_STORES } from './schema';
import { clearStores, readStores, writeStores, type DbSource } from './transact';

export class IdbLabStateStore implements LabStateStore {
  constructor(private readonly db: DbSource) {}

  load(): Promise<LabState | undefined> {
    return readStores(this.db, ['labState'], (tx) => tx.objectStore('labState').get(LAB_STATE_KEY));
  }

  async save(state: LabState): Promise<void> {
    if (!Number.isSafeInteger(state?.clockOffsetMs) || typeof state.currentAccountId !== 'string'
      || (state.currentRegionId !== undefined && typeof state.currentRegionId !== 'string')) {
      throw new TypeError('"state" expected {clockOffsetMs: safe integer, currentAccountId: string, currentRegionId?: string}');
    }
    const record: LabState = { clockOffsetMs: state.clockOffsetMs, currentAccountId: state.currentAccountId };
    if (state.currentRegionId !== undefined) record.currentRegionId = state.currentRegionId;
    await writeStores(this.db, ['labState'], async (tx) => {
      await tx.objectStore('labState').put(record, LAB_STATE_KEY);
    });
  }

  clear(): Promise<void> {
    return clearStores(this.db, PRODUCT_STORES.lab);
  }
}
