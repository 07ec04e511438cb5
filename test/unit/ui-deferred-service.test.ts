// The deferred service lets the inspector call the disk layer before IndexedDB has opened.
import { describe, expect, it } from 'vitest';
import { deferredService } from '../../web/ui/deferred-service';

interface Counter {
  add(n: number): Promise<number>;
}

describe('deferred service', () => {
  it('waits for the service, then calls the method on it with its arguments', async () => {
    let open!: (c: Counter) => void;
    const service = deferredService<Counter>(new Promise((resolve) => (open = resolve)));
    const pending = service.add(2);
    let total = 40;
    open({ add: async (n) => (total += n) });
    await expect(pending).resolves.toBe(42);
  });

  it('rejects every call with the start-up error when the service never starts', async () => {
    const failure = Object.assign(new Error('no IndexedDB'), { code: 'StorageUnavailable' });
    const ready = Promise.reject(failure);
    ready.catch((error: unknown) => console.debug('expected:', (error as Error).message));
    const service = deferredService<Counter>(ready);
    await expect(service.add(1)).rejects.toMatchObject({ code: 'StorageUnavailable' });
  });

  it('is not mistaken for a promise', async () => {
    const service = deferredService<Counter>(Promise.resolve({ add: async (n: number) => n }));
    expect((service as unknown as { then?: unknown }).then).toBeUndefined();
    await expect(Promise.resolve(service)).resolves.toBe(service);
  });
});
