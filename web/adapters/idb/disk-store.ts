// DiskStore (core/ports.ts) over the lab's IndexedDB database (schema.ts): every commit is ONE
// readwrite transaction, so a change lands whole or not at all (IndexedDB §2.7, "transaction
// lifecycle"); failures become CloudErrors with the storage codes of core/disks/errors.ts.
import { isCloudError, CloudError } from '../../core/errors';
import { DiskErrorCodes } from '../../core/disks/errors';
import type { DiskStore } from '../../core/ports';
import type { ChunkRecord, DiskRecord, SnapshotRecord, StoreChange } from '../../core/disks/types';
import type { IDBPTransaction } from 'idb';
import { openLabDb, type LabDb, type LabDbSchema, type LabStoreName, type OpenLabDbOptions } from './schema';

type ReadTx = IDBPTransaction<LabDbSchema, LabStoreName[], 'readonly'>;
type WriteTx = IDBPTransaction<LabDbSchema, LabStoreName[], 'readwrite'>;

/** A test-only fault: makes a request fail as IndexedDB would, so atomicity can be tested in a
 *  real browser (Chromium offers no small quota to run into). In the spirit of cryptsetup's
 *  error_writes / error_reads targets (reliability-cases.md T-18, T-23). */
export interface StoreFault {
  /** 'put': the `at`-th put (1-based, counted from when the fault was set) aborts its whole
   *  transaction with `name`. 'get': every read transaction fails with `name`. */
  on: 'put' | 'get';
  at?: number;
  /** The DOMException name IndexedDB would report: 'QuotaExceededError', 'UnknownError', … */
  name: string;
  /** How many failures before the fault clears itself (default 1; Infinity = until cleared). */
  times?: number;
}

export interface IdbDiskStoreOptions {
  fault?: StoreFault;
}

const FLUSH_COUNT_KEY = 'flushCount';

/** Maps whatever IndexedDB threw (or the transaction's own error) to the storage codes. */
export function toStorageError(error: unknown, txError?: DOMException | null): CloudError {
  if (isCloudError(error)) return error;
  const names = [txError?.name, error instanceof DOMException || error instanceof Error ? error.name : undefined];
  // Chromium reports a full quota on the transaction (abort) while requests may show AbortError.
  if (names.includes('QuotaExceededError')) {
    return new CloudError(DiskErrorCodes.quotaExceeded, { cause: txError?.name === 'QuotaExceededError' ? txError : error });
  }
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (names.includes('InvalidStateError')) {
    // The connection is closed: another tab upgraded the lab (versionchange) or the browser ended it.
    return new CloudError(DiskErrorCodes.storageUnavailable, {
      params: { reason: `the database connection is closed (the lab was updated in another tab, or site data was cleared); reload the page (${detail})` },
      cause: error,
    });
  }
  const reason = txError && txError !== error ? `${detail}; transaction: ${txError.name}: ${txError.message}` : detail;
  return new CloudError(DiskErrorCodes.ioError, { params: { reason }, cause: error });
}

/** Aborts a transaction unless it has already finished or is aborting (then nothing is left to undo). */
function abortUnlessFinished(tx: IDBTransaction | { abort(): void }): void {
  try {
    tx.abort();
  } catch (error) {
    // InvalidStateError: IndexedDB aborted it already (a failed request) or it committed; rethrow
    // anything else, which would be a bug here.
    if (!(error instanceof DOMException && error.name === 'InvalidStateError')) throw error;
  }
}

function hasRecordChanges(change: StoreChange): boolean {
  return !!(change.putDisks?.length || change.deleteDisks?.length || change.putSnapshots?.length
    || change.deleteSnapshots?.length || (change.refDeltas && Object.keys(change.refDeltas).length));
}

function storesOf(change: StoreChange): LabStoreName[] {
  const names = new Set<LabStoreName>();
  if (change.putDisks?.length || change.deleteDisks?.length || change.expect?.length) names.add('disks');
  if (change.putSnapshots?.length || change.deleteSnapshots?.length) names.add('snapshots');
  if (change.putChunks?.length || change.deleteChunks?.length) names.add('chunks');
  if (change.refDeltas && Object.keys(change.refDeltas).length) { names.add('refs'); names.add('chunks'); }
  return [...names];
}

function checkChange(change: StoreChange, durability: string): void {
  if (typeof change !== 'object' || change === null) throw new TypeError('"change" expected a StoreChange object');
  if (durability !== 'strict' && durability !== 'relaxed') throw new TypeError(`"durability" expected 'strict' or 'relaxed', got ${String(durability)}`);
  // A relaxed commit may be lost on power loss; losing chunk bytes alone leaves the old (consistent)
  // bytes, but losing a map or a reference count would leave metadata out of step with the data.
  if (durability === 'relaxed' && hasRecordChanges(change)) {
    throw new TypeError('"durability" \'relaxed\' is allowed only for changes to chunk data alone; this change touches disks, snapshots or refDeltas: use \'strict\'');
  }
  for (const [id, delta] of Object.entries(change.refDeltas ?? {})) {
    if (!Number.isSafeInteger(delta)) throw new TypeError(`"refDeltas.${id}" expected a safe integer, got ${String(delta)}`);
  }
  for (const chunk of change.putChunks ?? []) {
    if (typeof chunk?.id !== 'string' || !(chunk.data instanceof ArrayBuffer)) throw new TypeError('"putChunks" expected {id: string, data: ArrayBuffer} records');
  }
}

export class IdbDiskStore implements DiskStore {
  private fault: (StoreFault & { putsLeft: number; timesLeft: number }) | undefined;

  constructor(readonly db: LabDb, options: IdbDiskStoreOptions = {}) {
    this.setFaultForTest(options.fault);
  }

  /** Opens the lab database (schema.ts) and a store over it. */
  static async open(options: OpenLabDbOptions & IdbDiskStoreOptions = {}): Promise<IdbDiskStore> {
    return new IdbDiskStore(await openLabDb(options), options);
  }

  /** Test hook: arms (or with undefined, clears) an injected failure. */
  setFaultForTest(fault: StoreFault | undefined): void {
    this.fault = fault && { ...fault, putsLeft: fault.at ?? 1, timesLeft: fault.times ?? 1 };
  }

  close(): void {
    this.db.close();
  }

  getDisk(id: string): Promise<DiskRecord | undefined> {
    return this.read('disks', async (tx) => tx.objectStore('disks').get(id));
  }

  listDisks(): Promise<DiskRecord[]> {
    return this.read('disks', async (tx) => tx.objectStore('disks').getAll());
  }

  getSnapshot(id: string): Promise<SnapshotRecord | undefined> {
    return this.read('snapshots', async (tx) => tx.objectStore('snapshots').get(id));
  }

  listSnapshots(): Promise<SnapshotRecord[]> {
    return this.read('snapshots', async (tx) => tx.objectStore('snapshots').getAll());
  }

  getChunks(ids: string[]): Promise<(ChunkRecord | undefined)[]> {
    const unique = [...new Set(ids)];
    return this.read('chunks', async (tx) => {
      const store = tx.objectStore('chunks');
      const found = await Promise.all(unique.map((id) => store.get(id)));
      const byId = new Map(unique.map((id, i) => [id, found[i]]));
      return ids.map((id) => byId.get(id));
    });
  }

  getRefs(ids: string[]): Promise<number[]> {
    return this.read('refs', async (tx) => {
      const store = tx.objectStore('refs');
      return (await Promise.all(ids.map((id) => store.get(id)))).map((n) => n ?? 0);
    });
  }

  async commit(change: StoreChange, durability: 'strict' | 'relaxed'): Promise<void> {
    checkChange(change, durability);
    const names = storesOf(change);
    if (names.length === 0) return;
    await this.write(names, durability, async (tx) => {
      const disks = names.includes('disks') ? tx.objectStore('disks') : undefined;
      const refs = names.includes('refs') ? tx.objectStore('refs') : undefined;
      const refIds = Object.keys(change.refDeltas ?? {});
      // Reads first (generation checks, current counts), then every write queued in one go.
      const [found, counts] = await Promise.all([
        Promise.all((change.expect ?? []).map((e) => disks!.get(e.diskId))),
        Promise.all(refIds.map((id) => refs!.get(id))),
      ]);
      (change.expect ?? []).forEach((e, i) => {
        if (found[i]?.generation !== e.generation) {
          throw new CloudError(DiskErrorCodes.diskBusy, { params: { diskId: e.diskId } });
        }
      });
      const nextCounts = refIds.map((id, i) => {
        const next = (counts[i] ?? 0) + change.refDeltas![id];
        if (next < 0) {
          throw new CloudError(DiskErrorCodes.ioError, { params: { reason: `the reference count of chunk ${id} would fall below 0 (${counts[i] ?? 0} ${change.refDeltas![id]}); nothing was changed` } });
        }
        return next;
      });
      const requests: Promise<unknown>[] = [];
      try {
        for (const d of change.putDisks ?? []) requests.push(this.put(tx, 'disks', d));
        for (const id of change.deleteDisks ?? []) requests.push(tx.objectStore('disks').delete(id));
        for (const s of change.putSnapshots ?? []) requests.push(this.put(tx, 'snapshots', s));
        for (const id of change.deleteSnapshots ?? []) requests.push(tx.objectStore('snapshots').delete(id));
        for (const c of change.putChunks ?? []) requests.push(this.put(tx, 'chunks', c));
        for (const id of change.deleteChunks ?? []) requests.push(tx.objectStore('chunks').delete(id));
        refIds.forEach((id, i) => {
          if (nextCounts[i] === 0) {
            // Last reference gone: the chunk goes in the same transaction, so no orphan can remain.
            requests.push(refs!.delete(id), tx.objectStore('chunks').delete(id));
          } else {
            requests.push(this.put(tx, 'refs', nextCounts[i], id));
          }
        });
      } catch (error) {
        // Queuing stopped half-way (an injected fault aborted the transaction): the requests already
        // queued now reject with AbortError; observe them so they are not unhandled rejections.
        void Promise.allSettled(requests);
        throw error;
      }
      await Promise.all(requests);
    });
  }

  /** A strict transaction over meta AND chunks. Two facts make it a barrier for every earlier
   *  relaxed commit: readwrite transactions with overlapping scopes commit in the order they were
   *  created (IndexedDB §2.7.2), so this one commits after every earlier chunk write; and browsers
   *  keep one ordered log per database (Chromium: LevelDB's write-ahead log), so the sync that a
   *  strict commit waits for also writes every earlier entry of that log to disk. */
  async flush(): Promise<void> {
    await this.write(['meta', 'chunks'], 'strict', async (tx) => {
      const meta = tx.objectStore('meta');
      const count = await meta.get(FLUSH_COUNT_KEY);
      await this.put(tx, 'meta', (typeof count === 'number' ? count : 0) + 1, FLUSH_COUNT_KEY);
    });
  }

  /** How many flushes this database has seen (diagnostics and tests). */
  flushCount(): Promise<number> {
    return this.read('meta', async (tx) => {
      const n = await tx.objectStore('meta').get(FLUSH_COUNT_KEY);
      return typeof n === 'number' ? n : 0;
    });
  }

  private async read<T>(name: LabStoreName, body: (tx: ReadTx) => Promise<T>): Promise<T> {
    const fault = this.fault;
    if (fault?.on === 'get') {
      this.spend(fault);
      // Fail closed: a read that cannot reach its data rejects, it never returns zeros.
      throw toStorageError(new DOMException('injected read fault (test)', fault.name));
    }
    let tx: ReadTx;
    try {
      tx = this.db.transaction([name], 'readonly');
    } catch (error) {
      throw toStorageError(error);
    }
    const done = tx.done;
    try {
      const value = await body(tx);
      await done;
      return value;
    } catch (error) {
      abortUnlessFinished(tx);
      // The transaction's own rejection carries no news beyond `error`; take it as a value.
      await done.then(undefined, (doneError: unknown) => doneError);
      throw toStorageError(error, tx.error);
    }
  }

  private async write(names: LabStoreName[], durability: 'strict' | 'relaxed', body: (tx: WriteTx) => Promise<void>): Promise<void> {
    let tx: WriteTx;
    try {
      tx = this.db.transaction(names, 'readwrite', { durability });
    } catch (error) {
      throw toStorageError(error);
    }
    const done = tx.done;
    try {
      await body(tx);
      await done;
    } catch (error) {
      // Anything that went wrong — a failed request, a generation mismatch, an injected fault —
      // aborts the whole transaction, so none of this change remains.
      abortUnlessFinished(tx);
      await done.then(undefined, (doneError: unknown) => doneError);
      throw toStorageError(error, tx.error);
    }
  }

  private put(tx: WriteTx, name: LabStoreName, value: unknown, key?: string): Promise<unknown> {
    const fault = this.fault;
    if (fault?.on === 'put' && --fault.putsLeft <= 0) {
      this.spend(fault);
      fault.putsLeft = fault.at ?? 1;
      // As a full disk does: the transaction aborts with the error, undoing its earlier requests.
      abortUnlessFinished(tx);
      throw new DOMException('injected write fault (test)', fault.name);
    }
    // The typed store API cannot express "one of five stores"; records were checked by the caller.
    const store = tx.objectStore(name) as unknown as { put(value: unknown, key?: string): Promise<unknown> };
    return key === undefined ? store.put(value) : store.put(value, key);
  }

  private spend(fault: NonNullable<IdbDiskStore['fault']>): void {
    if (--fault.timesLeft <= 0) this.fault = undefined;
  }
}
