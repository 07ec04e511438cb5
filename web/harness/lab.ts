// The lab-API half of the browser test harness (window.harness.lab): the IndexedDB product stores
// (KMS, audit, Lab, ECS, RAM) over a test database, the whole lab composed as main.tsx composes it
// (IdbDiskStore + pool + Web Locks under ECS), and a recorder of the transactions pages open (T-19).
import { IdbDiskStore } from '../adapters/idb/disk-store';
import { idbLabStores, type IdbLabStores } from '../adapters/idb/lab-stores';
import { openLabDb, type LabDb } from '../adapters/idb/schema';
import { CryptoPool } from '../adapters/engine/pool';
import { WebLocks } from '../adapters/locks/web-locks';
import { composeLab, type ComposedLab } from '../compose-lab';
import { AuditLog, findBrokenLink } from '../core/audit/audit-log';
import { createLabClock } from '../core/clock';
import { DiskService } from '../core/disks/disk-service';

export interface TransactionRecord {
  stores: string[];
  mode: string;
  durability: string | undefined;
}

export interface LabRigHandle {
  db: LabDb;
  stores: IdbLabStores;
  lab: ComposedLab;
  disks: DiskService;
  pool: CryptoPool;
}

const recorded: TransactionRecord[] = [];
let isRecording = false;

export const labHarness = {
  /** The product stores over database `name` (created at the current version). */
  async openStores(name: string): Promise<{ db: LabDb; stores: IdbLabStores }> {
    const db = await openLabDb({ name });
    return { db, stores: idbLabStores(db) };
  },
  /** An AuditLog over `stores.audit` (seals records the stores' commits then take). */
  auditLog: (stores: IdbLabStores) => new AuditLog(stores.audit, createLabClock(), () => crypto.randomUUID()),
  findBrokenLink,
  /** The lab composed as main.tsx does, over database `name`, with start-up clean-up done. */
  async compose(name: string, options: { poolSize?: number } = {}): Promise<LabRigHandle> {
    const db = await openLabDb({ name });
    const pool = new CryptoPool({ size: options.poolSize ?? 2 });
    const locks = new WebLocks({ prefix: `${name}:` });
    const disks = new DiskService({ store: new IdbDiskStore(db), cipher: pool, locks });
    const disksReady = disks.deleteInterruptedCopies();
    const lab = composeLab({ stores: idbLabStores(db), disks, cipher: pool, locks, disksReady });
    await lab.ready;
    return { db, stores: idbLabStores(db), lab, disks, pool };
  },
  /** From now on, every transaction any connection of this page opens is recorded. */
  recordTransactions(): TransactionRecord[] {
    recorded.length = 0;
    if (!isRecording) {
      isRecording = true;
      const original = IDBDatabase.prototype.transaction;
      IDBDatabase.prototype.transaction = function (this: IDBDatabase, names: string | string[], mode?: IDBTransactionMode, options?: IDBTransactionOptions) {
        recorded.push({ stores: [names].flat().sort(), mode: mode ?? 'readonly', durability: options?.durability });
        return original.call(this, names, mode, options);
      } as typeof original;
    }
    return recorded;
  },
  recorded: () => recorded.map((r) => ({ ...r })),
};
