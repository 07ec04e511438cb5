// Transactions for the lab's product stores (KMS, audit, Lab, ECS, RAM) over the lab database: one
// read or one strict readwrite transaction per call, the audit append checked against the stored head
// inside the writer's own transaction (so a change never lands without its record), and errors mapped.
import type { IDBPTransaction } from 'idb';
import { checkContinues, GENESIS_HASH, type AuditHead, type AuditRecord } from '../../core/audit/types';
import { toStorageError } from './disk-store';
import type { LabDb, LabDbSchema, LabStoreName } from './schema';

/** A store is built over an open database, or over one still opening (the page renders meanwhile). */
export type DbSource = LabDb | Promise<LabDb>;

export type ReadTx<N extends LabStoreName[]> = IDBPTransaction<LabDbSchema, N, 'readonly'>;
export type WriteTx<N extends LabStoreName[]> = IDBPTransaction<LabDbSchema, N, 'readwrite'>;

/** AuditConflict (core/audit/types.ts) is a plain Error the AuditLog retries on: it must pass unchanged. */
function isAuditConflict(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'AuditConflict';
}

function abortUnlessFinished(tx: { abort(): void }): void {
  try {
    tx.abort();
  } catch (error) {
    // InvalidStateError: already committed or aborted by IndexedDB itself; nothing is left to undo.
    if (!(error instanceof DOMException && error.name === 'InvalidStateError')) throw error;
  }
}

async function openTx<N extends LabStoreName[], M extends 'readonly' | 'readwrite'>(source: DbSource, names: N, mode: M): Promise<IDBPTransaction<LabDbSchema, N, M>> {
  const db = await source;
  try {
    // Product state (keys, wrapped keys, states, records) is always committed 'strict' (T-19):
    // the commit resolves only once the browser has flushed it to disk.
    return db.transaction(names, mode, mode === 'readwrite' ? { durability: 'strict' } : undefined);
  } catch (error) {
    throw toStorageError(error);
  }
}

async function run<T, N extends LabStoreName[], M extends 'readonly' | 'readwrite'>(tx: IDBPTransaction<LabDbSchema, N, M>, body: (tx: IDBPTransaction<LabDbSchema, N, M>) => Promise<T>): Promise<T> {
  const done = tx.done;
  try {
    const value = await body(tx);
    await done;
    return value;
  } catch (error) {
    // Anything that went wrong — a failed request, an audit conflict, a refused record — aborts the
    // whole transaction, so none of the change remains.
    abortUnlessFinished(tx);
    await done.then(undefined, (doneError: unknown) => doneError); // its rejection says nothing new
    if (isAuditConflict(error)) throw error;
    throw toStorageError(error, tx.error);
  }
}

export async function readStores<T, N extends LabStoreName[]>(source: DbSource, names: N, body: (tx: ReadTx<N>) => Promise<T>): Promise<T> {
  return run(await openTx(source, names, 'readonly'), body);
}

/** One strict readwrite transaction over `names`; `body` queues its requests and awaits them. */
export async function writeStores<N extends LabStoreName[]>(source: DbSource, names: N, body: (tx: WriteTx<N>) => Promise<void>): Promise<void> {
  return run(await openTx(source, names, 'readwrite'), body);
}

/** The stored head of the audit trail: the record with the highest seq, one cursor step from the end. */
export async function readHead(tx: IDBPTransaction<LabDbSchema, LabStoreName[], 'readonly' | 'readwrite'>): Promise<AuditHead> {
  const cursor = await tx.objectStore('audit').openCursor(null, 'prev');
  return cursor ? { seq: cursor.value.seq, hash: cursor.value.hash } : { seq: 0, hash: GENESIS_HASH };
}

/** Inside a writer's transaction: throws AuditConflict (aborting everything) unless `records` follow
 *  the stored head, then queues them with add(), which also refuses an existing seq. */
export async function appendAudit(tx: IDBPTransaction<LabDbSchema, LabStoreName[], 'readwrite'>, records: AuditRecord[]): Promise<void> {
  if (records.length === 0) return;
  checkContinues(await readHead(tx), records);
  const store = tx.objectStore('audit');
  await queueRequests((requests) => { for (const r of records) requests.push(store.add(structuredClone(r))); });
}

/** Queues requests through `queue`, then awaits them all. A request that throws while being queued
 *  (DataError: a record without its key) aborts the transaction, and the requests queued before it
 *  then reject with AbortError: they are observed here so none becomes an unhandled rejection. */
export async function queueRequests(queue: (requests: Promise<unknown>[]) => void): Promise<void> {
  const requests: Promise<unknown>[] = [];
  try {
    queue(requests);
  } catch (error) {
    void Promise.allSettled(requests);
    throw error;
  }
  await Promise.all(requests);
}

/** The stores a commit touches, plus 'audit' when it carries records. */
export function scopeOf(names: Iterable<LabStoreName>, records: AuditRecord[]): LabStoreName[] {
  const scope = new Set(names);
  if (records.length) scope.add('audit');
  return [...scope];
}

/** Empties exactly `names` in one strict transaction (Lab Reset of one product). */
export function clearStores(source: DbSource, names: readonly LabStoreName[]): Promise<void> {
  return writeStores(source, [...names], async (tx) => {
    await Promise.all(names.map((name) => tx.objectStore(name).clear()));
  });
}
