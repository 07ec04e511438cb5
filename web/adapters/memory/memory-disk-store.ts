// DiskStore (core/ports.ts) in memory: the IndexedDB store's twin for Node tests and throwaway
// sandboxes, with the same transaction semantics (a commit lands whole or not at all) and fault
// injection for the reliability cases (../shared/design/reliability-cases.md T-16, T-18, T-23, T-24).
import { CloudError } from '../../core/errors';
import { DiskErrorCodes } from '../../core/disks/errors';
import type { DiskStore } from '../../core/ports';
import type { ChunkRecord, DiskRecord, SnapshotRecord, StoreChange } from '../../core/disks/types';

export interface MemoryDiskStoreOptions {
  /** Total stored chunk bytes allowed; a commit that would exceed it fails with QuotaExceeded. */
  quotaBytes?: number;
}

/** A deep copy of everything stored, for "byte-identical afterwards" assertions. */
export interface MemoryStoreDump {
  disks: DiskRecord[];
  snapshots: SnapshotRecord[];
  chunks: { id: string; data: Uint8Array }[];
  refs: Record<string, number>;
}

interface State {
  disks: Map<string, DiskRecord>;
  snapshots: Map<string, SnapshotRecord>;
  chunks: Map<string, Uint8Array>;
  refs: Map<string, number>;
}

interface PendingFault {
  code: string;
  /** Fail once this many chunks of the commit have been staged (0: before any). */
  afterChunkPuts: number;
}

type Hook = () => void | Promise<void>;

const copyRecord = <T>(record: T): T => structuredClone(record);

function isRecordChange(change: StoreChange): boolean {
  return Boolean(change.putDisks?.length || change.deleteDisks?.length || change.putSnapshots?.length
    || change.deleteSnapshots?.length || change.deleteChunks?.length
    || Object.keys(change.refDeltas ?? {}).length);
}

export class MemoryDiskStore implements DiskStore {
  private state: State = { disks: new Map(), snapshots: new Map(), chunks: new Map(), refs: new Map() };
  private readonly quotaBytes: number;
  private faults: PendingFault[] = [];
  private readFault: string | undefined;
  private beforeCommitHooks: Hook[] = [];
  /** Commits that landed, by durability; flush() calls. */
  readonly counts = { strict: 0, relaxed: 0, failed: 0, flush: 0 };

  constructor(options: MemoryDiskStoreOptions = {}) {
    this.quotaBytes = options.quotaBytes ?? Infinity;
  }

  async getDisk(id: string): Promise<DiskRecord | undefined> {
    await this.read();
    const disk = this.state.disks.get(id);
    return disk && copyRecord(disk);
  }

  async listDisks(): Promise<DiskRecord[]> {
    await this.read();
    return [...this.state.disks.values()].map(copyRecord);
  }

  async getSnapshot(id: string): Promise<SnapshotRecord | undefined> {
    await this.read();
    const snapshot = this.state.snapshots.get(id);
    return snapshot && copyRecord(snapshot);
  }

  async listSnapshots(): Promise<SnapshotRecord[]> {
    await this.read();
    return [...this.state.snapshots.values()].map(copyRecord);
  }

  async getChunks(ids: string[]): Promise<(ChunkRecord | undefined)[]> {
    await this.read();
    // Copies: a caller that changes (or transfers) the bytes it got must not change the store.
    return ids.map((id) => {
      const data = this.state.chunks.get(id);
      return data && { id, data: data.slice().buffer };
    });
  }

  async getRefs(ids: string[]): Promise<number[]> {
    await this.read();
    return ids.map((id) => this.state.refs.get(id) ?? 0);
  }

  async commit(change: StoreChange, durability: 'strict' | 'relaxed'): Promise<void> {
    if (durability !== 'strict' && durability !== 'relaxed') throw new TypeError(`"durability" expected 'strict' or 'relaxed', got ${String(durability)}`);
    // Relaxed transactions may be lost on power failure: only bulk chunk data may use them (T-19).
    if (durability === 'relaxed' && isRecordChange(change)) {
      throw new TypeError('"durability" relaxed is allowed only for changes that put chunk data alone (no record, map or reference change)');
    }
    // Copy the caller's bytes now: the caller may reuse or transfer its buffers after we return.
    const puts = (change.putChunks ?? []).map((c) => ({ id: c.id, data: new Uint8Array(c.data.slice(0)) }));
    const hooks = this.beforeCommitHooks;
    this.beforeCommitHooks = [];
    for (const hook of hooks) await hook();
    await Promise.resolve(); // a commit is asynchronous, as an IndexedDB transaction is
    try {
      this.state = this.apply(this.state, change, puts);
    } catch (error) {
      this.counts.failed++;
      throw error;
    }
    this.counts[durability]++;
  }

  async flush(): Promise<void> {
    await this.read();
    this.counts.flush++;
  }

  // ---- test controls ----

  /** The next commit fails with `code` (a storage code) after staging `afterChunkPuts` chunk puts, changing nothing. */
  failNextCommit(code: string = DiskErrorCodes.ioError, afterChunkPuts = 0): void {
    this.faults.push({ code, afterChunkPuts });
  }

  /** Every read fails with `code` until cleared with undefined (T-23: reads fail closed). */
  failReads(code: string | undefined): void {
    this.readFault = code;
  }

  /** Runs `hook` just before the next commit is applied: another tab's change landing first (T-20). */
  beforeNextCommit(hook: Hook): void {
    this.beforeCommitHooks.push(hook);
  }

  /** Removes a chunk's bytes but keeps everything naming it, as evicted site data would (T-24). */
  evictChunk(id: string): void {
    this.state.chunks.delete(id);
  }

  /** Changes a stored disk record directly (another writer), bumping nothing unless `mutate` does. */
  tamperDisk(id: string, mutate: (disk: DiskRecord) => void): void {
    const disk = this.state.disks.get(id);
    if (!disk) throw new Error(`"id" ${id} is not a stored disk`);
    mutate(disk);
  }

  /** Flips stored bytes of a chunk in place (T-12). */
  tamperChunk(id: string, mutate: (data: Uint8Array) => void): void {
    const data = this.state.chunks.get(id);
    if (!data) throw new Error(`"id" ${id} is not a stored chunk`);
    mutate(data);
  }

  chunkCount(): number {
    return this.state.chunks.size;
  }

  storedBytes(): number {
    let bytes = 0;
    for (const data of this.state.chunks.values()) bytes += data.byteLength;
    return bytes;
  }

  dump(): MemoryStoreDump {
    const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    return {
      disks: [...this.state.disks.values()].map(copyRecord).sort(byId),
      snapshots: [...this.state.snapshots.values()].map(copyRecord).sort(byId),
      chunks: [...this.state.chunks.entries()].map(([id, data]) => ({ id, data: data.slice() })).sort(byId),
      refs: Object.fromEntries([...this.state.refs.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
    };
  }

  // ---- internals ----

  private async read(): Promise<void> {
    await Promise.resolve();
    if (this.readFault) throw new CloudError(this.readFault, { params: { reason: 'injected read fault' } });
  }

  /** Builds the next state on copies of the maps; the caller swaps it in only if nothing threw. */
  private apply(current: State, change: StoreChange, puts: { id: string; data: Uint8Array }[]): State {
    const fault = this.faults.shift();
    const fail = (code: string, reason: string, diskId = ''): never => {
      throw new CloudError(code, { params: { reason, diskId } });
    };
    for (const { diskId, generation } of change.expect ?? []) {
      const stored = current.disks.get(diskId);
      if (!stored || stored.generation !== generation) fail(DiskErrorCodes.diskBusy, 'generation moved', diskId);
    }
    const next: State = {
      disks: new Map(current.disks),
      snapshots: new Map(current.snapshots),
      chunks: new Map(current.chunks),
      refs: new Map(current.refs),
    };
    for (const disk of change.putDisks ?? []) next.disks.set(disk.id, copyRecord(disk));
    for (const id of change.deleteDisks ?? []) next.disks.delete(id);
    for (const snapshot of change.putSnapshots ?? []) next.snapshots.set(snapshot.id, copyRecord(snapshot));
    for (const id of change.deleteSnapshots ?? []) next.snapshots.delete(id);
    puts.forEach((chunk, i) => {
      if (fault && i === fault.afterChunkPuts) fail(fault.code, `injected fault after ${i} chunk puts`);
      next.chunks.set(chunk.id, chunk.data);
    });
    if (fault) fail(fault.code, `injected fault after ${puts.length} chunk puts`);
    for (const id of change.deleteChunks ?? []) {
      next.chunks.delete(id);
      next.refs.delete(id);
    }
    for (const [id, delta] of Object.entries(change.refDeltas ?? {})) {
      if (!Number.isInteger(delta)) throw new TypeError(`"refDeltas.${id}" expected an integer, got ${delta}`);
      const count = (next.refs.get(id) ?? 0) + delta;
      // A negative count is a double free in the caller: refuse the whole commit rather than hide it.
      if (count < 0) throw new Error(`"refDeltas.${id}" would take the reference count to ${count}`);
      if (count === 0) {
        next.refs.delete(id);
        next.chunks.delete(id);
      } else {
        next.refs.set(id, count);
      }
    }
    // A chunk stored with no reference could never be freed: a bug in the caller, refuse it.
    for (const { id } of puts) {
      if (next.chunks.has(id) && !next.refs.has(id)) throw new Error(`"putChunks" ${id} would be stored with no reference`);
    }
    let bytes = 0;
    for (const data of next.chunks.values()) bytes += data.byteLength;
    if (bytes > this.quotaBytes) fail(DiskErrorCodes.quotaExceeded, 'quota');
    return next;
  }
}
