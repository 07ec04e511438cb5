// npm run bench [-- --json FILE] [--rounds N] [--only node|chromium]: the XTS kernel side by side with its peers, in Node
// and in headless Chromium, in one run; prints medians (MiB/s) and the ratios that
// ../shared/design/performance.md sets targets for. Figures, never assertions: this machine is noisy.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { chromium } from 'playwright-core';
import { createKernel } from '../web/adapters/engine/kernel';
import { createNobleXts } from '../web/adapters/engine/noble-xts';
import { measure, xtsContenders, type BenchResult, type Contender } from '../web/bench/measure';
// @ts-expect-error plain ESM helpers without types
import { buildStaleness, DIST, runOrExit } from './setup.mjs';
// @ts-expect-error plain ESM helpers without types
import { serveStatic } from './serve.mjs';
// @ts-expect-error plain ESM helpers without types
import { ensureWasm } from './lib/ensure-wasm.mjs';

const MIB = 1 << 20;
const args = process.argv.slice(2);
const option = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const jsonFile = option('--json');
const rounds = Number(option('--rounds') ?? 7);
const only = option('--only'); // node | chromium: one half, for quick looks

function nodeCryptoXts(bytes: number, unit: number): Contender[] {
  const key = Buffer.alloc(64);
  for (let i = 0; i < 64; i++) key[i] = (i * 73 + 19) & 0xff;
  const tweak = Buffer.alloc(16);
  // One cipher object per data unit: XTS restarts its tweak chain at every sector.
  const run = (isEncrypt: boolean) => (d: Uint8Array) => {
    for (let o = 0, s = 1000; o < bytes; o += unit, s++) {
      tweak.writeUInt32LE(s, 0);
      const c = isEncrypt ? createCipheriv('aes-256-xts', key, tweak) : createDecipheriv('aes-256-xts', key, tweak);
      c.update(d.subarray(o, o + unit));
      c.final();
    }
  };
  return [
    { impl: 'node-crypto', op: 'encrypt', unit, bytes, run: run(true) },
    { impl: 'node-crypto', op: 'decrypt', unit, bytes, run: run(false) },
  ];
}

async function nodeRun(): Promise<BenchResult[]> {
  const kernel = await createKernel(readFileSync(ensureWasm()));
  return measure('node', [
    ...xtsContenders('kernel', kernel, 16 * MIB, [512, 4096]),
    ...xtsContenders('noble', createNobleXts(), 4 * MIB, [512, 4096]),
    ...nodeCryptoXts(16 * MIB, 4096),
  ], rounds);
}

async function chromiumRun(): Promise<BenchResult[]> {
  const stale = buildStaleness();
  if (stale) {
    console.log(`building (${stale})…`);
    await runOrExit('npm', ['run', 'build']);
  }
  if (!existsSync(`${DIST}/bench.html`)) throw new Error('dist/bench.html is missing after the build');
  const server = await serveStatic({ root: DIST, port: 0 });
  const port = (server.address() as { port: number }).port;
  const executablePath = process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => console.error('bench page error:', e.message));
    await page.goto(`http://127.0.0.1:${port}/bench.html`);
    await page.waitForFunction(() => 'runBench' in globalThis);
    return await page.evaluate(
      (o) => (globalThis as unknown as { runBench(o: object): Promise<BenchResult[]> }).runBench(o),
      { rounds, kernelMiB: 16, nobleMiB: 4, poolMiB: 32 },
    );
  } finally {
    await browser.close();
    server.close();
  }
}

function ratios(results: BenchResult[]): Record<string, number> {
  const get = (env: string, impl: string, op: string, unit: number) =>
    results.find((r) => r.env === env && r.impl === impl && r.op === op && r.unit === unit)?.mibps ?? NaN;
  const out: Record<string, number> = {};
  for (const env of ['node', 'chromium']) {
    out[`${env}.kernel_vs_noble.encrypt`] = get(env, 'kernel', 'encrypt', 4096) / get(env, 'noble', 'encrypt', 4096);
    out[`${env}.kernel_vs_noble.decrypt`] = get(env, 'kernel', 'decrypt', 4096) / get(env, 'noble', 'decrypt', 4096);
    out[`${env}.decrypt_vs_encrypt`] = get(env, 'kernel', 'decrypt', 4096) / get(env, 'kernel', 'encrypt', 4096);
    out[`${env}.unit512_vs_4096`] = get(env, 'kernel', 'encrypt', 512) / get(env, 'kernel', 'encrypt', 4096);
    out[`${env}.unit512_vs_4096.decrypt`] = get(env, 'kernel', 'decrypt', 512) / get(env, 'kernel', 'decrypt', 4096);
  }
  out['node.kernel_vs_node_crypto.encrypt'] = get('node', 'kernel', 'encrypt', 4096) / get('node', 'node-crypto', 'encrypt', 4096);
  out['chromium.kernel_vs_webcrypto_ctr'] = get('chromium', 'kernel', 'encrypt', 4096) / get('chromium', 'webcrypto-aes-ctr', 'encrypt', 0);
  const pool = results.filter((r) => r.env === 'chromium' && r.impl.startsWith('pool-'));
  const single = pool.find((r) => r.impl === 'pool-1-worker')?.mibps ?? NaN;
  const many = pool.find((r) => r.impl !== 'pool-1-worker')?.mibps ?? NaN;
  out['chromium.pool_vs_single'] = many / single;
  return out;
}

const TARGETS: Record<string, number> = {
  'chromium.kernel_vs_noble.encrypt': 3.5, 'chromium.kernel_vs_noble.decrypt': 3.5, 'chromium.decrypt_vs_encrypt': 0.85,
  'chromium.unit512_vs_4096': 0.85, 'chromium.pool_vs_single': 1.7, 'chromium.kernel_vs_webcrypto_ctr': 0.7,
};

console.log(`bench: ${rounds} rounds, medians; ${availableParallelism()} cores`);
const results = [
  ...(only === 'chromium' ? [] : await nodeRun()),
  ...(only === 'node' ? [] : await chromiumRun()),
];
console.log('\nenv       impl                  op       unit    MiB/s');
for (const r of results) {
  console.log(`${r.env.padEnd(9)} ${r.impl.padEnd(21)} ${r.op.padEnd(8)} ${String(r.unit || '-').padStart(5)} ${r.mibps.toFixed(1).padStart(8)}`);
}
const ratioTable = ratios(results);
console.log('\nratio                                   value   target');
for (const [k, v] of Object.entries(ratioTable)) {
  const target = TARGETS[k];
  const verdict = target === undefined ? '' : `≥ ${target} ${v >= target ? 'met' : 'NOT met'}${k.endsWith('webcrypto_ctr') ? ' (stretch)' : ''}`;
  console.log(`${k.padEnd(39)} ${v.toFixed(2).padStart(6)}   ${verdict}`);
}
if (jsonFile) {
  writeFileSync(jsonFile, `${JSON.stringify({ results, ratios: ratioTable }, null, 2)}\n`);
  console.log(`\nwrote ${jsonFile}`);
}
