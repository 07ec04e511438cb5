// LockPort (core/ports.ts) over the Web Locks API (navigator.locks, W3C Web Locks): locks are held
// per origin across tabs and workers, so two tabs never interleave writes to one disk; plus a
// "who holds this now" query so the UI can show "in use in another tab" (reliability-cases T-20).
import { CloudError } from '../../core/errors';
import { DiskErrorCodes } from '../../core/disks/errors';
import type { LockPort } from '../../core/ports';

export interface LockHolders {
  /** Held by someone other than this WebLocks instance (another tab, worker or instance). */
  isHeldElsewhere: boolean;
  /** Modes held elsewhere, and how many requests wait. */
  heldElsewhere: ('exclusive' | 'shared')[];
  pending: number;
}

export interface WebLocksOptions {
  /** Prefixed to every name, so the lab's locks never meet another app's on the same origin. */
  prefix?: string;
  /** Defaults to navigator.locks; tests may pass another. */
  locks?: LockManager;
}

export const DEFAULT_LOCK_PREFIX = 'disk-encryption-lab:';

function lockManager(given: LockManager | undefined): LockManager {
  const locks = given ?? globalThis.navigator?.locks;
  if (!locks) {
    // Web Locks exists in every current browser, but only in secure contexts (https, localhost).
    throw new CloudError(DiskErrorCodes.storageUnavailable, { params: { reason: 'the Web Locks API (navigator.locks) is missing: open the lab over https or localhost' } });
  }
  return locks;
}

function checkName(name: string): void {
  if (typeof name !== 'string' || name.length === 0) throw new TypeError(`"name" expected a non-empty string, got ${String(name)}`);
  // The Web Locks spec reserves names starting with '-'; the prefix keeps ours clear of that too.
}

function checkMode(mode: string): void {
  if (mode !== 'exclusive' && mode !== 'shared') throw new TypeError(`"mode" expected 'exclusive' or 'shared', got ${String(mode)}`);
}

export class WebLocks implements LockPort {
  private readonly prefix: string;
  private readonly locks: LockManager;
  /** Locks this instance holds now, by full name → count per mode (shared may be held many times). */
  private readonly heldHere = new Map<string, { exclusive: number; shared: number }>();

  constructor(options: WebLocksOptions = {}) {
    this.prefix = options.prefix ?? DEFAULT_LOCK_PREFIX;
    this.locks = lockManager(options.locks);
  }

  /** Waits for the lock, then runs fn holding it; the lock is released when fn settles. */
  async withLock<T>(name: string, mode: 'exclusive' | 'shared', fn: () => Promise<T>, options: { signal?: AbortSignal } = {}): Promise<T> {
    checkName(name);
    checkMode(mode);
    const full = this.prefix + name;
    return this.locks.request(full, { mode, signal: options.signal }, () => this.holding(full, mode, fn)) as Promise<T>;
  }

  /** Runs fn only if the lock is free right now; otherwise rejects with DiskBusy at once (the
   *  "second writer gets DiskBusy" policy of T-20, for callers that must not wait). */
  async tryWithLock<T>(name: string, mode: 'exclusive' | 'shared', fn: () => Promise<T>, busyParams: { diskId: string } = { diskId: name }): Promise<T> {
    checkName(name);
    checkMode(mode);
    const full = this.prefix + name;
    const NOT_GRANTED = Symbol('not granted');
    const out = await this.locks.request(full, { mode, ifAvailable: true }, (lock) => (lock ? this.holding(full, mode, fn) : NOT_GRANTED));
    if (out === NOT_GRANTED) throw new CloudError(DiskErrorCodes.diskBusy, { params: busyParams });
    return out as T;
  }

  /** Whether anyone (this instance included) holds `name` now. */
  async isHeld(name: string): Promise<boolean> {
    checkName(name);
    const full = this.prefix + name;
    return ((await this.locks.query()).held ?? []).some((l) => l.name === full);
  }

  /** Who holds `name` now, apart from this instance: a snapshot that may change at once. */
  async holders(name: string): Promise<LockHolders> {
    checkName(name);
    const full = this.prefix + name;
    const state = await this.locks.query();
    const held = (state.held ?? []).filter((l) => l.name === full).map((l) => l.mode as 'exclusive' | 'shared');
    const mine = this.heldHere.get(full) ?? { exclusive: 0, shared: 0 };
    // query() lists every holder of the origin, this instance included; take ours out by mode.
    let ownExclusive = mine.exclusive;
    let ownShared = mine.shared;
    const elsewhere = held.filter((mode) => {
      if (mode === 'exclusive' && ownExclusive > 0) { ownExclusive--; return false; }
      if (mode === 'shared' && ownShared > 0) { ownShared--; return false; }
      return true;
    });
    const pending = (state.pending ?? []).filter((l) => l.name === full).length;
    return { isHeldElsewhere: elsewhere.length > 0, heldElsewhere: elsewhere, pending };
  }

  private async holding<T>(full: string, mode: 'exclusive' | 'shared', fn: () => Promise<T>): Promise<T> {
    const counts = this.heldHere.get(full) ?? { exclusive: 0, shared: 0 };
    counts[mode]++;
    this.heldHere.set(full, counts);
    try {
      return await fn();
    } finally {
      counts[mode]--;
      if (counts.exclusive === 0 && counts.shared === 0) this.heldHere.delete(full);
    }
  }
}
