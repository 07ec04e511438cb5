// The Web Lock `lab-instance:<InstanceId>` (issue 6 contract): held by the one tab that runs an
// instance's emulator, so another tab can say "running in another tab" and take over once it is free.
// Over WebLocks (adapters/locks), which adds the lab's prefix to the name like every other lab lock.
import { DiskErrorCodes } from '../../core/disks/errors';
import { isCloudError } from '../../core/errors';
import type { WebLocks } from '../locks/web-locks';

export type ReleaseLock = () => void;

export interface InstanceLockPort {
  /** The lock if it is free right now (its release function), or undefined when another tab holds it. */
  tryTake(instanceId: string): Promise<ReleaseLock | undefined>;
  /** Waits until the lock is free and takes it; rejects with the signal's reason once `signal` aborts. */
  waitFor(instanceId: string, signal: AbortSignal): Promise<ReleaseLock>;
}

export const instanceLockName = (instanceId: string): string => `lab-instance:${instanceId}`;

export function instanceLocks(locks: Pick<WebLocks, 'tryWithLock' | 'withLock'>): InstanceLockPort {
  // A lock is held while the callback's promise is pending: `held` stays pending until released.
  const holder = (granted: (release: ReleaseLock) => void) => {
    let release!: ReleaseLock;
    const held = new Promise<void>((resolve) => (release = resolve));
    return async () => {
      granted(release);
      await held;
    };
  };
  return {
    tryTake: (instanceId) => new Promise((resolve, reject) => {
      locks.tryWithLock(instanceLockName(instanceId), 'exclusive', holder(resolve)).catch((error: unknown) => {
        if (isCloudError(error) && error.code === DiskErrorCodes.diskBusy) resolve(undefined); // held elsewhere
        else reject(error);
      });
    }),
    waitFor: (instanceId, signal) => new Promise((resolve, reject) => {
      locks.withLock(instanceLockName(instanceId), 'exclusive', holder(resolve), { signal }).catch(reject);
    }),
  };
}
