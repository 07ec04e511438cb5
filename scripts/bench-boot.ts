// npm run bench:boot [-- --json FILE] [--boots N]: how long an instance takes from StartInstance to the
// LabOS prompt, in headless Chromium on the built app, one run — for an encrypted system disk (its data
// key fetched from the KMS into the crypto workers at start) and an unencrypted one, N boots each
// (default 11, after one warm-up that loads the emulator), alternating so noise hits both alike: a boot
// is ~0.3 s and varies by ±60 ms, while the encrypted disk's own cost (KMS unwrap and audit record at
// start, the first window's decrypt) measured ~17 ms by phase, so few boots give a noisy ratio. The
// console page is open, as a person would watch it; the clock stops when the prompt is on the screen.
// Also the app's first-load size (gzip) with and without the lazily loaded emulator. Figures, never
// assertions: this machine is noisy (../shared/design/performance.md: prompt ≤ 1.5 s median, encrypted ≤ 1.1× plain).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
// @ts-expect-error plain ESM helpers without types
import { buildStaleness, DIST, runOrExit } from './setup.mjs';
// @ts-expect-error plain ESM helpers without types
import { serveStatic } from './serve.mjs';

const args = process.argv.slice(2);
const option = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const jsonFile = option('--json');
const boots = Number(option('--boots') ?? 11);
if (!Number.isInteger(boots) || boots < 1 || boots > 50) throw new Error(`"--boots" expected 1–50, got ${option('--boots')}`);
const REGION = 'cn-hangzhou';
const ZONE = 'cn-hangzhou-h';

type Lab = { aliyunLab: { call(product: string, action: string, params?: unknown): Promise<Record<string, unknown>> } };

function call(page: Page, product: string, action: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  return page.evaluate(([p, a, q]) => (window as unknown as Lab).aliyunLab.call(p as string, a as string, q), [product, action, params] as const);
}

async function status(page: Page, instanceId: string): Promise<string> {
  const r = await call(page, 'Ecs', 'DescribeInstanceStatus', { RegionId: REGION, InstanceId: [instanceId] });
  return (r.InstanceStatuses as { InstanceStatus: { Status: string }[] }).InstanceStatus[0]?.Status ?? '';
}

async function waitStatus(page: Page, instanceId: string, wanted: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while ((await status(page, instanceId)) !== wanted) {
    if (Date.now() > deadline) throw new Error(`${instanceId} did not reach ${wanted}`);
    await page.waitForTimeout(50);
  }
}

/** Stopped → StartInstance → the prompt on the open console's screen; milliseconds (in-page clock). */
async function bootOnce(page: Page, instanceId: string): Promise<number> {
  await waitStatus(page, instanceId, 'Stopped');
  return page.evaluate(async ([id, region]) => {
    const screen = document.querySelector('[data-testid="vnc-screen"]');
    if (!screen) throw new Error('the console page has no vnc-screen');
    const hasPrompt = () => /lab@\S*:~\$/.test(screen.textContent ?? '');
    if (hasPrompt()) throw new Error('a prompt is on the screen before the start');
    const started = performance.now();
    await (window as unknown as Lab).aliyunLab.call('Ecs', 'StartInstance', { RegionId: region, InstanceId: id });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => { observer.disconnect(); reject(new Error('no prompt within 30 s')); }, 30_000);
      const observer = new MutationObserver(() => {
        if (!hasPrompt()) return;
        clearTimeout(timer);
        observer.disconnect();
        resolve();
      });
      observer.observe(screen, { subtree: true, childList: true, characterData: true });
      if (hasPrompt()) { clearTimeout(timer); observer.disconnect(); resolve(); }
    });
    return performance.now() - started;
  }, [instanceId, REGION] as const);
}

async function stop(page: Page, instanceId: string): Promise<void> {
  await waitStatus(page, instanceId, 'Running');
  await call(page, 'Ecs', 'StopInstance', { RegionId: REGION, InstanceId: instanceId, ForceStop: true });
  await waitStatus(page, instanceId, 'Stopped');
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** gzip sizes of the built app: what index.html loads at first, and the emulator loaded later. */
function bundleSizes(): { firstLoadGzipBytes: number; emulatorGzipBytes: number; files: Record<string, number> } {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const assets = join(DIST, 'assets');
  const gz = (file: string) => gzipSync(readFileSync(join(assets, file)), { level: 9 }).length;
  const files: Record<string, number> = {};
  // First load: the entry script and style sheet, and every module it preloads.
  const firstLoad = [...html.matchAll(/(?:src|href)="\.?\/?assets\/([^"]+)"/g)].map((m) => m[1]);
  let firstLoadGzipBytes = 0;
  for (const file of new Set(firstLoad)) { files[file] = gz(file); firstLoadGzipBytes += files[file]; }
  let emulatorGzipBytes = 0;
  for (const file of readdirSync(assets).filter((f) => /^(libv86|v86)/.test(f))) { files[file] = gz(file); emulatorGzipBytes += files[file]; }
  return { firstLoadGzipBytes, emulatorGzipBytes, files };
}

async function chromiumRun() {
  const stale = buildStaleness();
  if (stale) {
    console.log(`building (${stale})…`);
    await runOrExit('npm', ['run', 'build']);
  }
  const server = await serveStatic({ root: DIST, port: 0 });
  const port = (server.address() as { port: number }).port;
  const executablePath = process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  const profile = mkdtempSync(join(tmpdir(), 'bench-boot-profile-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = browser.pages()[0] ?? await browser.newPage();
    page.on('pageerror', (e) => console.error('bench page error:', e.message));
    // tsx (esbuild keepNames) wraps named functions in __name(); the functions sent to the page need it there.
    await page.addInitScript('globalThis.__name = (f) => f;');
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => 'aliyunLab' in window);
    const images = await call(page, 'Ecs', 'DescribeImages', { RegionId: REGION, ImageOwnerAlias: 'system' });
    const imageId = (images.Images as { Image: { ImageId: string }[] }).Image[0].ImageId;
    const launch = async (isEncrypted: boolean) => {
      const r = await call(page, 'Ecs', 'RunInstances', {
        RegionId: REGION, ZoneId: ZONE, ImageId: imageId, InstanceType: 'ecs.g7.large', InstanceName: isEncrypted ? 'bench-encrypted' : 'bench-plain',
        'SystemDisk.Category': 'cloud_essd', 'SystemDisk.Size': 20, 'SystemDisk.Encrypted': isEncrypted,
      });
      const id = (r.InstanceIdSets as { InstanceIdSet: string[] }).InstanceIdSet[0];
      await stop(page, id);
      return id;
    };
    const kinds = { encrypted: await launch(true), plain: await launch(false) };
    const times: Record<keyof typeof kinds, number[]> = { encrypted: [], plain: [] };
    for (let round = -1; round < boots; round++) {
      for (const kind of (round % 2 ? ['encrypted', 'plain'] : ['plain', 'encrypted']) as (keyof typeof kinds)[]) {
        const id = kinds[kind];
        await page.goto(`http://127.0.0.1:${port}/#/ecs/instances/${id}/console`);
        await page.waitForSelector('[data-testid="vnc-screen"]');
        const ms = await bootOnce(page, id);
        if (round >= 0) times[kind].push(ms);
        console.log(`  ${round < 0 ? 'warm-up' : `boot ${round + 1}`} ${kind.padEnd(9)} ${ms.toFixed(0)} ms`);
        await stop(page, id);
      }
    }
    return times;
  } finally {
    await browser.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

console.log(`bench:boot: StartInstance → prompt on the console, ${boots} boots each (after a warm-up); ${availableParallelism()} cores`);
const times = await chromiumRun();
const results = (['encrypted', 'plain'] as const).map((kind) => ({ systemDisk: kind, boots: times[kind].map((t) => Math.round(t)), medianMs: Math.round(median(times[kind])) }));
const ratio = median(times.encrypted) / median(times.plain);
const sizes = bundleSizes();
console.log('\nsystem disk   median ms   boots (ms)');
for (const r of results) console.log(`${r.systemDisk.padEnd(13)} ${String(r.medianMs).padStart(9)}   ${r.boots.join(', ')}`);
console.log(`\nratio boot_enc_vs_plain ${ratio.toFixed(2)}   target ≤ 1.1 ${ratio <= 1.1 ? 'met' : 'NOT met'}`);
for (const r of results) console.log(`prompt median (${r.systemDisk}) ${r.medianMs} ms   target ≤ 1500 ${r.medianMs <= 1500 ? 'met' : 'NOT met'}`);
const kb = (n: number) => `${(n / 1000).toFixed(1)} kB`;
console.log(`\nfirst load (gzip): ${kb(sizes.firstLoadGzipBytes)} without the emulator; ${kb(sizes.firstLoadGzipBytes + sizes.emulatorGzipBytes)} with it (emulator ${kb(sizes.emulatorGzipBytes)}, loaded only when a machine first runs)`);
if (jsonFile) {
  writeFileSync(jsonFile, `${JSON.stringify({ results, ratios: { boot_enc_vs_plain: ratio }, medians: Object.fromEntries(results.map((r) => [r.systemDisk, r.medianMs])), bundle: sizes }, null, 2)}\n`);
  console.log(`\nwrote ${jsonFile}`);
}
