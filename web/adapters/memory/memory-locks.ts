// LockPort (core/ports.ts) in memory: named exclusive/shared locks granted strictly in arrival
// order (FIFO), like the Web Locks API's default queue, so tests see the browser's ordering.
import type { LockPort } from '../../core/ports';

interface Waiter {
  mode: 'exclusive' | 'shared';
  grant: () => void;
}

interface LockState {
  holders: number;
  mode: 'exclusive' | 'shared' | undefined;
  queue: Waiter[];
}

export class MemoryLocks implements LockPort {
  private readonly locks = new Map<string, LockState>();
  /** Most holders of one name at once, for tests that check serialisation. */
  maxConcurrentHolders = 0;

  async withLock<T>(name: string, mode: 'exclusive' | 'shared', fn: () => Promise<T>): Promise<T> {
    if (typeof name !== 'string' || name.length === 0) throw new TypeError('"name" expected a non-empty string');
    if (mode !== 'exclusive' && mode !== 'shared') throw new TypeError(`"mode" expected 'exclusive' or 'shared', got ${String(mode)}`);
    await this.acquire(name, mode);
    try {
      return await fn();
    } finally {
      this.release(name);
    }
  }

  async isHeld(name: string): Promise<boolean> {
    return (this.locks.get(name)?.holders ?? 0) > 0;
  }

  /** Names currently held or waited for (a test checks that nothing is left locked). */
  heldNames(): string[] {
    return [...this.locks.keys()];
  }

  private acquire(name: string, mode: 'exclusive' | 'shared'): Promise<void> {
    let state = this.locks.get(name);
    if (!state) {
      state = { holders: 0, mode: undefined, queue: [] };
      this.locks.set(name, state);
    }
    const lock = state;
    return new Promise<void>((resolve) => {
      lock.queue.push({ mode, grant: resolve });
      this.pump(lock);
    });
  }

  private release(name: string): void {
    const state = this.locks.get(name);
    if (!state) throw new Error(`lock "${name}" released but not held`);
    state.holders--;
    if (state.holders === 0) state.mode = undefined;
    this.pump(state);
    if (state.holders === 0 && state.queue.length === 0) this.locks.delete(name);
  }

  /** Grants from the head of the queue while compatible; a shared request never overtakes an exclusive one. */
  private pump(state: LockState): void {
    while (state.queue.length > 0) {
      const head = state.queue[0];
      const isCompatible = state.holders === 0 || (state.mode === 'shared' && head.mode === 'shared');
      if (!isCompatible) return;
      state.queue.shift();
      state.holders++;
      state.mode = head.mode;
      this.maxConcurrentHolders = Math.max(this.maxConcurrentHolders, state.holders);
      head.grant();
    }
  }
}
