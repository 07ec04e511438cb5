// Errors crossing a Comlink channel keep their code, class and cause once installErrorTransfer runs
// (Comlink 4 alone sends only name, message and stack).
import { MessageChannel } from 'node:worker_threads';
import { expose, wrap, type Endpoint } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { errorWithCode, installErrorTransfer } from '../../workers/comlink-errors';

const ports: { close(): void }[] = [];
afterEach(() => { for (const p of ports.splice(0)) p.close(); });

function connect<T extends object>(api: T) {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  expose(api, port2 as unknown as Endpoint);
  return wrap<T>(port1 as unknown as Endpoint);
}

describe('comlink error transfer', () => {
  it('a rejected call keeps code, class and cause across the channel', async () => {
    installErrorTransfer();
    const remote = connect({
      coded: async (): Promise<void> => { throw errorWithCode('WorkerLost', 'gone', new TypeError('inner')); },
      range: async (): Promise<void> => { throw new RangeError('"sectorSize" expected 512 or 4096, got 7'); },
      plain: async (): Promise<void> => { throw 'a string'; },
    });
    const coded = await remote.coded().catch((e: unknown) => e);
    expect(coded).toBeInstanceOf(Error);
    expect(coded).toMatchObject({ code: 'WorkerLost', message: 'gone' });
    expect((coded as Error).cause).toMatchObject({ name: 'TypeError', message: 'inner' });
    await expect(remote.range()).rejects.toBeInstanceOf(RangeError);
    await expect(remote.range()).rejects.toThrow(/"sectorSize"/);
    await expect(remote.plain()).rejects.toBe('a string');
  });
});
