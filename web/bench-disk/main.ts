// The page half of `npm run bench:disk` (driven by scripts/bench-disk.ts through Playwright): for
// every chunk size, raw IndexedDB, a plain disk and an encrypted disk on one pattern; then a
// re-encrypting copy, with the page's own heap peak (performance.memory, precise when enabled).
import { CryptoPool } from '../adapters/engine/pool';
import { copyRun, diskRun, templates } from './disk-bench';
import type { DiskBenchResult, Pattern } from './measure';
import { rawIdbRun } from './raw-idb';

const statusLine = document.getElementById('status')!;
/** Shown on the page and logged, so the driver can print progress. */
const status = {
  set textContent(text: string) {
    statusLine.textContent = text;
    console.log(`[bench-disk] ${text}`);
  },
};

export interface DiskBenchOptions {
  chunkSizes: number[];
  seqBytes: number;
  ioBytes: number;
  regionBytes: number;
  randomOps: number;
  copyBytes: number;
}

async function runDiskBench(o: DiskBenchOptions): Promise<DiskBenchResult[]> {
  const pool = new CryptoPool();
  const results: DiskBenchResult[] = [];
  try {
    const sources = templates(4, o.ioBytes);
    for (const chunkBytes of o.chunkSizes) {
      const p: Pattern = { chunkBytes, ioBytes: o.ioBytes, seqBytes: o.seqBytes, regionBytes: o.regionBytes, randomOps: o.randomOps, seed: 12345 };
      status.textContent = `raw IndexedDB, ${chunkBytes >> 10} KiB records…`;
      results.push(...await rawIdbRun(p));
      status.textContent = `plain disk, ${chunkBytes >> 10} KiB chunks…`;
      results.push(...await diskRun(p, false, pool, sources));
      status.textContent = `encrypted disk, ${chunkBytes >> 10} KiB chunks…`;
      results.push(...await diskRun(p, true, pool, sources));
    }
  } finally {
    pool.terminate();
  }
  status.textContent = 'done';
  return results;
}

type MemoryInfo = { usedJSHeapSize: number };

async function runCopyBench(o: { copyBytes: number; chunkBytes: number; ioBytes: number }): Promise<DiskBenchResult> {
  const pool = new CryptoPool();
  const memory = (performance as unknown as { memory?: MemoryInfo }).memory;
  let peak = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  try {
    const result = await copyRun(o.copyBytes, o.chunkBytes, o.ioBytes, pool, (phase) => {
      status.textContent = `copy: ${phase}…`;
      (globalThis as unknown as { benchPhase: string }).benchPhase = phase;
      if (phase === 'copying' && memory) timer = setInterval(() => { peak = Math.max(peak, memory.usedJSHeapSize); }, 20);
      if (phase === 'done') clearInterval(timer);
    });
    return memory ? { ...result, peakJsHeapBytes: peak } : result;
  } finally {
    clearInterval(timer);
    pool.terminate();
    status.textContent = 'done';
  }
}

Object.assign(globalThis, { runDiskBench, runCopyBench });
status.textContent = 'ready';
