// What every disk-layer module shares: the ports (store, cipher, locks), the clock and id source,
// lock names, and the lookups that turn "missing" into the exact CloudError (errors.ts) —
// including the lost state (reliability-cases.md T-24): a chunk the map names but the store lacks.
import { CloudError, isCloudError } from '../errors';
import type { DiskStore, LockPort, SectorCipher } from '../ports';
import { DiskErrorCodes } from './errors';
import type { ChunkMap, DiskRecord, SnapshotRecord } from './types';

export interface DiskServiceDeps {
  store: DiskStore;
  cipher: SectorCipher;
  locks: LockPort;
  /** Default: the system clock. */
  now?: () => Date;
  /** New ids for disks ('d'), snapshots ('s'), chunks ('c') and lineages ('lin'); default random. */
  newId?: (prefix: string) => string;
  /** This page's id: session-key disks it creates are marked as its own (see pageLock). */
  pageId?: string;
}

export interface DiskContext {
  store: DiskStore;
  cipher: SectorCipher;
  locks: LockPort;
  now(): Date;
  newId(prefix: string): string;
  pageId: string | undefined;
}

function randomId(prefix: string): string {
  const bytes = new Uint8Array(10);
  globalThis.crypto.getRandomValues(bytes);
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function createContext(deps: DiskServiceDeps): DiskContext {
  const { store, cipher, locks } = deps;
  if (!store || !cipher || !locks) throw new TypeError('"deps" expected { store, cipher, locks }');
  return { store, cipher, locks, now: deps.now ?? (() => new Date()), newId: deps.newId ?? randomId, pageId: deps.pageId };
}

/** Held by a page for its whole life (main.tsx): a session-key disk whose owner holds it is alive. */
export const pageLock = (pageId: string): string => `page:${pageId}`;

/** The encryption record of a new disk under a session key: owned by this page. */
export function sessionOwner(ctx: DiskContext): { ownerPageId?: string } {
  return ctx.pageId ? { ownerPageId: ctx.pageId } : {};
}

/** Web Locks names: writers of a disk hold it exclusively, readers shared (T-20). */
export const diskLock = (id: string): string => `disk:${id}`;
export const snapshotLock = (id: string): string => `snapshot:${id}`;

export function diskNotFound(): CloudError {
  return new CloudError(DiskErrorCodes.diskNotFound);
}

export function diskLost(diskId: string, chunk: string | number): CloudError {
  return new CloudError(DiskErrorCodes.diskLost, { params: { diskId, chunk } });
}

export async function loadDisk(ctx: DiskContext, id: unknown): Promise<DiskRecord> {
  if (typeof id !== 'string' || id.length === 0) throw diskNotFound();
  const disk = await ctx.store.getDisk(id);
  if (!disk) throw diskNotFound();
  return disk;
}

export async function loadSnapshot(ctx: DiskContext, id: unknown): Promise<SnapshotRecord> {
  const snapshot = typeof id === 'string' && id.length > 0 ? await ctx.store.getSnapshot(id) : undefined;
  if (!snapshot) throw new CloudError(DiskErrorCodes.snapshotNotFound);
  return snapshot;
}

/** A disk fit for I/O: not lost (every read of a lost disk fails), not a copy still being written. */
export function checkUsable(disk: DiskRecord): void {
  if (disk.state === 'lost') throw diskLost(disk.id, 'unknown');
  if (disk.isCopying) throw new CloudError(DiskErrorCodes.diskBusy, { params: { diskId: disk.id } });
}

/** Records the lost state (strict, one commit) so every later read fails too. */
export async function markLost(ctx: DiskContext, disk: DiskRecord): Promise<void> {
  try {
    await ctx.store.commit({
      putDisks: [{ ...disk, state: 'lost', generation: disk.generation + 1 }],
      expect: [{ diskId: disk.id, generation: disk.generation }],
    }, 'strict');
  } catch (error) {
    // Another reader may have marked it first; anything else is a real failure.
    if (!isCloudError(error) || error.code !== DiskErrorCodes.diskBusy) throw error;
    const now = await ctx.store.getDisk(disk.id);
    if (now?.state !== 'lost') throw error;
  }
}

/** The stored bytes of the chunks `map` names at `indexes` (index → bytes, own copies). A chunk the
 *  store lacks is never read as zeros: the disk is marked lost (when `disk` is given) and DiskLost thrown. */
export async function readChunks(ctx: DiskContext, owner: { id: string; chunks: ChunkMap }, indexes: number[], disk?: DiskRecord): Promise<Map<number, Uint8Array>> {
  const wanted = indexes.filter((i) => owner.chunks[i] !== undefined);
  const records = await ctx.store.getChunks(wanted.map((i) => owner.chunks[i]));
  const out = new Map<number, Uint8Array>();
  for (let k = 0; k < wanted.length; k++) {
    const record = records[k];
    if (!record) {
      if (disk) await markLost(ctx, disk);
      throw diskLost(owner.id, wanted[k]);
    }
    out.set(wanted[k], new Uint8Array(record.data));
  }
  return out;
}

/** refDeltas of −1 for every chunk a map names (a map may name one chunk at several indexes only by bug; count them all). */
export function releaseDeltas(chunks: ChunkMap, deltas: Record<string, number> = {}): Record<string, number> {
  for (const id of Object.values(chunks)) deltas[id] = (deltas[id] ?? 0) - 1;
  return deltas;
}

export function acquireDeltas(chunks: ChunkMap, deltas: Record<string, number> = {}): Record<string, number> {
  for (const id of Object.values(chunks)) deltas[id] = (deltas[id] ?? 0) + 1;
  return deltas;
}
