// The engine diagnostics over fake workers: every IEEE 1619 known answer passes in both directions on
// every worker (and Key1 = Key2 is refused for encryption), a wrong kernel fails them, and the
// throughput measurement reports the four figures. Also: our vector copy equals the shared file.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngineDiagnostics, type XtsVector } from '../../web/adapters/engine/diagnostics';
import { CryptoPool } from '../../web/adapters/engine/pool';
import { fakeWorkers } from './fake-workers';

const copy = fileURLToPath(new URL('../../web/adapters/engine/xts-ieee1619.json', import.meta.url));
const shared = fileURLToPath(new URL('../../../shared/vectors/xts-ieee1619.json', import.meta.url));
const pools: CryptoPool[] = [];
afterEach(() => { for (const p of pools.splice(0)) p.terminate(); });

function newPool(size: number): CryptoPool {
  const pool = new CryptoPool({ size, createWorker: fakeWorkers().create });
  pools.push(pool);
  return pool;
}

describe('engine diagnostics', () => {
  it.runIf(existsSync(shared))('the bundled IEEE 1619 vectors are an exact copy of ../shared/vectors/xts-ieee1619.json', () => {
    expect(readFileSync(copy, 'utf8')).toBe(readFileSync(shared, 'utf8'));
  });

  it('runSelfTest passes every vector both ways on every worker, and checks that Key1 = Key2 cannot encrypt', async () => {
    const results = await createEngineDiagnostics(newPool(2)).runSelfTest();
    const vectors = JSON.parse(readFileSync(copy, 'utf8')) as XtsVector[];
    expect(results).toHaveLength(vectors.length * 2);
    expect(results.filter((r) => !r.isPassed)).toEqual([]);
    const equalHalves = vectors.find((v) => v.decryptOnly)!;
    expect(results.filter((r) => r.name === equalHalves.name).map((r) => [r.op, r.detail])).toEqual([
      ['decrypt', '2 of 2 workers'],
      ['encrypt', 'refused (Key1 = Key2), as IEEE 1619 requires'],
    ]);
  });

  it('a wrong known answer fails its checks and names the workers', async () => {
    const vectors = JSON.parse(readFileSync(copy, 'utf8')) as XtsVector[];
    const wrong = { ...vectors[0], ciphertext: `00${vectors[0].ciphertext.slice(2)}` };
    const results = await createEngineDiagnostics(newPool(2), { vectors: [wrong] }).runSelfTest();
    expect(results.map((r) => [r.op, r.isPassed])).toEqual([['encrypt', false], ['decrypt', false]]);
    expect(results[0].detail).toBe('worker 0: wrong output from byte 0; worker 1: wrong output from byte 0');
  });

  it('measureThroughput reports kernel and WebCrypto figures for both directions, with progress', async () => {
    const progress: number[] = [];
    const diagnostics = createEngineDiagnostics(newPool(2), { throughputBytes: 4 * 4096, reps: 1 });
    const results = await diagnostics.measureThroughput((done, total) => progress.push(done / total));
    expect(results.map((r) => [r.impl, r.op, r.bytes])).toEqual([
      ['kernel-pool', 'encrypt', 16384], ['kernel-pool', 'decrypt', 16384],
      ['webcrypto-aes-ctr', 'encrypt', 16384], ['webcrypto-aes-ctr', 'decrypt', 16384],
    ]);
    for (const r of results) expect(r.mibps).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(1);
  });
});
