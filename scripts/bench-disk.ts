// npm run bench:disk [-- --json FILE] [--quick] [--chunks 65536,262144,1048576] [--copy-mib N] [--copy-only]: the disk
// layer in headless Chromium, one run — sequential and random 4 KiB I/O on an encrypted disk, a plain
// disk and raw IndexedDB at each chunk size, then the peak memory of a re-encrypting copy. Prints
// figures and the ratios performance.md sets targets for. Figures, never assertions: this machine is noisy.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { DiskBenchResult } from '../web/bench-disk/measure';
// @ts-expect-error plain ESM helpers without types
import { buildStaleness, DIST, runOrExit } from './setup.mjs';
// @ts-expect-error plain ESM helpers without types
import { serveStatic } from './serve.mjs';

const KIB = 1024;
const MIB = 1 << 20;
const args = process.argv.slice(2);
const option = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const jsonFile = option('--json');
const isQuick = args.includes('--quick');
const isCopyOnly = args.includes('--copy-only'); // just the re-encrypting copy and its memory
const chunkSizes = (option('--chunks') ?? `${64 * KIB},${256 * KIB},${MIB}`).split(',').map(Number);
const copyBytes = Number(option('--copy-mib') ?? (isQuick ? 64 : 1024)) * MIB;
const options = isQuick
  ? { chunkSizes, seqBytes: 32 * MIB, ioBytes: 8 * MIB, regionBytes: 32 * MIB, randomOps: 200, copyBytes }
  : { chunkSizes, seqBytes: 256 * MIB, ioBytes: 16 * MIB, regionBytes: 256 * MIB, randomOps: 2000, copyBytes };
/** The chunk size the unsuffixed ratios speak for: DiskService's default. */
const DEFAULT_CHUNK = MIB;

for (const c of chunkSizes) {
  if (!Number.isInteger(c) || c < 4096 || c % 4096 !== 0 || options.ioBytes % c !== 0) {
    throw new Error(`"--chunks" expected multiples of 4096 that divide ${options.ioBytes}, got ${c}`);
  }
}

interface CopyMemory { peakHeapUsedBytes: number; peakBackingStoreBytes: number | null; samples: number }

async function chromiumRun(): Promise<{ results: DiskBenchResult[]; copy: DiskBenchResult; memory: CopyMemory }> {
  const stale = buildStaleness();
  if (stale) {
    console.log(`building (${stale})…`);
    await runOrExit('npm', ['run', 'build']);
  }
  if (!existsSync(`${DIST}/bench-disk.html`)) throw new Error('dist/bench-disk.html is missing after the build');
  const server = await serveStatic({ root: DIST, port: 0 });
  const port = (server.address() as { port: number }).port;
  const executablePath = process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  // A persistent profile on disk, as a visitor's browser has: Playwright's default contexts are
  // off-the-record, whose IndexedDB lives in memory under a small quota (a 1 GiB copy hits it).
  const profile = mkdtempSync(join(tmpdir(), 'bench-disk-profile-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run', '--enable-precise-memory-info'],
  });
  try {
    const page = browser.pages()[0] ?? await browser.newPage();
    page.on('pageerror', (e) => console.error('bench page error:', e.message));
    page.on('console', (m) => {
      if (m.text().startsWith('[bench-disk]')) console.log(`  ${m.text().slice(13)}`);
      else if (m.type() === 'error' && !m.text().includes('404')) console.error('bench page:', m.text()); // 404: favicon
    });
    page.on('crash', () => console.error('bench page crashed (out of memory?)'));
    await page.goto(`http://127.0.0.1:${port}/bench-disk.html`);
    await page.waitForFunction(() => 'runDiskBench' in globalThis);
    page.setDefaultTimeout(0);
    const results = isCopyOnly ? [] : await page.evaluate(
      (o) => (globalThis as unknown as { runDiskBench(o: object): Promise<DiskBenchResult[]> }).runDiskBench(o),
      options,
    );
    // The copy's memory, watched from outside over CDP: the JS heap AND ArrayBuffer backing stores
    // (chunk buffers live there, not in the heap), sampled only while the copy itself runs.
    const cdp = await browser.newCDPSession(page);
    const memory: CopyMemory = { peakHeapUsedBytes: 0, peakBackingStoreBytes: null, samples: 0 };
    let isWatching = true;
    let watchError: unknown;
    const watching = (async () => {
      while (isWatching) {
        const phase = await page.evaluate(() => (globalThis as unknown as { benchPhase?: string }).benchPhase);
        if (phase === 'copying') {
          const usage = await cdp.send('Runtime.getHeapUsage') as { usedSize: number; backingStorageSize?: number };
          memory.peakHeapUsedBytes = Math.max(memory.peakHeapUsedBytes, usage.usedSize);
          if (typeof usage.backingStorageSize === 'number') memory.peakBackingStoreBytes = Math.max(memory.peakBackingStoreBytes ?? 0, usage.backingStorageSize);
          memory.samples++;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    })().catch((error: unknown) => { watchError = error; });
    let copy: DiskBenchResult;
    try {
      copy = await page.evaluate(
        (o) => (globalThis as unknown as { runCopyBench(o: object): Promise<DiskBenchResult> }).runCopyBench(o),
        { copyBytes: options.copyBytes, chunkBytes: DEFAULT_CHUNK, ioBytes: options.ioBytes },
      );
    } finally {
      // Stop sampling before the browser closes, so a failed copy reports its own error.
      isWatching = false;
      await watching;
    }
    if (watchError) console.error('memory sampling stopped early:', watchError);
    return { results, copy: { ...copy, peakArrayBufferBytes: memory.peakBackingStoreBytes ?? undefined }, memory };
  } finally {
    await browser.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

function ratios(results: DiskBenchResult[]): Record<string, number> {
  const get = (impl: string, op: string, chunk: number) => {
    const r = results.find((x) => x.impl === impl && x.op === op && x.chunkBytes === chunk);
    return (r?.iops ?? r?.mibps) ?? NaN;
  };
  const out: Record<string, number> = {};
  const pairs: [string, string, string, string][] = [
    ['seq_write_enc_vs_plain', 'seq-write', 'disk-encrypted', 'disk-plain'],
    ['seq_read_enc_vs_plain', 'seq-read', 'disk-encrypted', 'disk-plain'],
    ['rand_write_enc_vs_plain', 'rand-write-4k', 'disk-encrypted', 'disk-plain'],
    ['rand_read_enc_vs_plain', 'rand-read-4k', 'disk-encrypted', 'disk-plain'],
    ['seq_write_plain_vs_raw', 'seq-write', 'disk-plain', 'raw-idb'],
    ['seq_read_plain_vs_raw', 'seq-read', 'disk-plain', 'raw-idb'],
    ['rand_write_plain_vs_raw', 'rand-write-4k', 'disk-plain', 'raw-idb'],
    ['rand_read_plain_vs_raw', 'rand-read-4k', 'disk-plain', 'raw-idb'],
  ];
  for (const chunk of chunkSizes) {
    for (const [key, op, a, b] of pairs) {
      const v = get(a, op, chunk) / get(b, op, chunk);
      out[`${key}.${chunk / KIB}k`] = v;
      if (chunk === DEFAULT_CHUNK) out[key] = v;
    }
  }
  return out;
}

const TARGETS: Record<string, number> = { seq_write_enc_vs_plain: 0.8, seq_read_enc_vs_plain: 0.8 };

console.log(`bench:disk${isQuick ? ' (quick)' : ''}: ${options.seqBytes / MIB} MiB sequential in ${options.ioBytes / MIB} MiB calls, ` +
  `${options.randomOps} random 4 KiB ops over ${options.regionBytes / MIB} MiB, chunks ${chunkSizes.map((c) => `${c / KIB} KiB`).join(' / ')}, ` +
  `copy ${options.copyBytes / MIB} MiB; ${availableParallelism()} cores`);
const { results, copy, memory } = await chromiumRun();
console.log('\nimpl              op              chunk     MiB/s      IOPS');
for (const r of results) {
  console.log(`${r.impl.padEnd(17)} ${r.op.padEnd(14)} ${`${r.chunkBytes / KIB}K`.padStart(6)} ${r.mibps.toFixed(1).padStart(9)} ${r.iops === undefined ? '' : r.iops.toFixed(0).padStart(9)}`);
}
const ratioTable = results.length ? ratios(results) : {};
if (results.length) console.log('\nratio                                value   target');
for (const [k, v] of Object.entries(ratioTable)) {
  const target = TARGETS[k];
  console.log(`${k.padEnd(36)} ${v.toFixed(2).padStart(6)}   ${target === undefined ? '' : `≥ ${target} ${v >= target ? 'met' : 'NOT met'}`}`);
}
const mib = (n: number | undefined) => (n === undefined ? 'n/a' : `${(n / MIB).toFixed(1)} MiB`);
console.log(`\ncopy with re-encryption, ${copy.bytes / MIB} MiB, ${copy.chunkBytes / KIB} KiB chunks: ${copy.mibps.toFixed(1)} MiB/s; ` +
  `peak JS heap ${mib(memory.peakHeapUsedBytes)} (CDP, ${memory.samples} samples), in-page ${mib(copy.peakJsHeapBytes)}, ` +
  `peak ArrayBuffer backing stores ${mib(copy.peakArrayBufferBytes)}`);
if (jsonFile) {
  writeFileSync(jsonFile, `${JSON.stringify({ results: [...results, copy], ratios: ratioTable, copyMemory: memory }, null, 2)}\n`);
  console.log(`\nwrote ${jsonFile}`);
}
