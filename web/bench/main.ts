// The Chromium half of `npm run bench` (driven by scripts/bench.ts through Playwright): runs the
// kernel contenders in a worker, then the crypto pool with one worker against all of them.
import { wrap } from 'comlink';
import { CryptoPool } from '../adapters/engine/pool';
import { median, type BenchResult } from './measure';

const MIB = 1 << 20;
const status = document.getElementById('status')!;

async function poolRate(size: number, rounds: number, totalMiB: number): Promise<number> {
  const pool = new CryptoPool({ size });
  try {
    const handle = await pool.generateSessionKey();
    let segments = Array.from({ length: totalMiB }, () => new ArrayBuffer(MIB));
    segments = await pool.encryptSectors(handle, 0n, 4096, segments); // warm-up: starts every worker
    const rates: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const t0 = performance.now();
      segments = await pool.encryptSectors(handle, BigInt(r) << 20n, 4096, segments);
      rates.push(totalMiB / ((performance.now() - t0) / 1000));
    }
    return median(rates);
  } finally {
    pool.terminate();
  }
}

async function runBench(opts: { rounds: number; kernelMiB: number; nobleMiB: number; poolMiB: number }): Promise<BenchResult[]> {
  status.textContent = 'measuring kernels…';
  const worker = new Worker(new URL('../../workers/bench.worker.ts', import.meta.url), { type: 'module', name: 'bench' });
  const remote = wrap<{ run(r: number, k: number, n: number): Promise<BenchResult[]> }>(worker);
  const results = await remote.run(opts.rounds, opts.kernelMiB, opts.nobleMiB);
  worker.terminate();
  status.textContent = 'measuring the pool…';
  const all = navigator.hardwareConcurrency || 1;
  const single = await poolRate(1, opts.rounds, opts.poolMiB);
  const many = await poolRate(all, opts.rounds, opts.poolMiB);
  results.push({ env: 'chromium', impl: 'pool-1-worker', op: 'encrypt', unit: 4096, mibps: single });
  results.push({ env: 'chromium', impl: `pool-${all}-workers`, op: 'encrypt', unit: 4096, mibps: many });
  status.textContent = 'done';
  return results;
}

(globalThis as unknown as { runBench: typeof runBench }).runBench = runBench;
status.textContent = 'ready';
