// In-process stand-ins for crypto workers: the real crypto API exposed over a MessageChannel, so
// the pool's transfer, error and crash handling run in Node. `terminate` closes the channel, which
// leaves in-flight calls unanswered, as a terminated worker does.
import { expose, type Endpoint } from 'comlink';
import { createCryptoApi, type CryptoApi } from '../../workers/crypto-api';
import { installErrorTransfer } from '../../workers/comlink-errors';
import { createNobleXts } from '../../web/adapters/engine/noble-xts';
import type { WorkerLike } from '../../web/adapters/engine/pool';
import type { XtsKernel } from '../../web/adapters/engine/xts-types';

export interface FakeWorker extends WorkerLike {
  index: number;
  api: CryptoApi;
  calls: string[];
  isTerminated: boolean;
  /** Makes the worker's `error` event fire, as an uncaught exception inside a worker does. */
  fail(message: string): void;
}

export interface FakeWorkerOptions {
  /** Delays the answer to encrypt/decrypt, to crash a worker mid-call. */
  delayMs?: number;
  /** Never answers sector calls (a hung worker). */
  isSilent?: boolean;
  /** The kernel of the n-th started worker (0-based); default the @noble/ciphers peer. */
  kernel?: (startedBefore: number) => XtsKernel;
}

export function fakeWorkers(options: FakeWorkerOptions = {}) {
  installErrorTransfer();
  const started: FakeWorker[] = [];
  const create = (index: number): WorkerLike => {
    const { port1, port2 } = new MessageChannel();
    const real = createCryptoApi(options.kernel?.(started.length) ?? createNobleXts());
    const calls: string[] = [];
    const hold = <T>(value: T): Promise<T> => {
      if (options.isSilent) return new Promise<T>(() => undefined);
      return new Promise<T>((resolve) => setTimeout(() => resolve(value), options.delayMs ?? 0));
    };
    const api: CryptoApi = {
      ...real,
      loadWrapped: (...a) => { calls.push('loadWrapped'); return real.loadWrapped(...a); },
      generateWrapped: (...a) => { calls.push('generateWrapped'); return real.generateWrapped(...a); },
      release: (...a) => { calls.push('release'); return real.release(...a); },
      encrypt: async (...a) => { calls.push('encrypt'); return hold(await real.encrypt(...a)); },
      decrypt: async (...a) => { calls.push('decrypt'); return hold(await real.decrypt(...a)); },
    };
    expose(api, port2 as unknown as Endpoint);
    const fake = Object.assign(port1 as unknown as WorkerLike, {
      index, api, calls, isTerminated: false,
      terminate() { fake.isTerminated = true; port1.close(); port2.close(); },
      fail(message: string) { port1.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message })); },
    }) as FakeWorker;
    started.push(fake);
    return fake;
  };
  return { create, started };
}
