// T-20 in real Chromium: two tabs (two pages of one browser context, one database, Web Locks)
// writing the same disk — interleaved sectors of the same chunks and the very same sectors — and
// two different disks at once: no lost update, no torn sector, metadata consistent.
import { expect, test, type Page } from '@playwright/test';
import { openHarness } from '../support/harness-page';
import type { Harness } from '../../web/harness/main';

declare const harness: Harness;

let pageErrors: string[] = [];

// A public test key: both tabs wrap it and load the same data key, as two tabs of one lab would.
const TEST_KEY = '00112233445566778899aabbccddeeff'.repeat(2) + 'ffeeddccbbaa99887766554433221100'.repeat(2);

/** Opens the rig in a page: the same database and key in every tab. */
async function rigIn(page: Page, name: string): Promise<void> {
  await page.evaluate(async ({ name, key }) => {
    const rig = await harness.disks.createRig({ name, poolSize: 1 });
    harness.state.rig = rig;
    harness.state.handle = await rig.pool.loadWrappedKey(await harness.wrapTestKey(key));
  }, { name, key: TEST_KEY });
}

test('two tabs writing interleaved sectors of the same chunks, the same sectors, and different disks: no lost update, no torn sector', async ({ page, context }, info) => {
  test.setTimeout(120_000);
  pageErrors = [];
  const name = `test-tabs-${info.testId}`;
  await openHarness(page, pageErrors);
  await page.evaluate((n) => harness.idb.deleteDb(n), name);
  const pageB = await context.newPage();
  await openHarness(pageB, pageErrors);
  await rigIn(page, name);
  await rigIn(pageB, name);
  const ids = await page.evaluate(async () => {
    const rig = harness.state.rig as Awaited<ReturnType<typeof harness.disks.createRig>>;
    const handle = harness.state.handle as string;
    const make = async (n: string) => (await rig.service.createDisk({ name: n, sizeBytes: 1 << 20, chunkBytes: 65536, encryption: { isEncrypted: true, handle, keySource: 'session' } })).id;
    return { shared: await make('shared'), ownA: await make('own-a'), ownB: await make('own-b') };
  });

  // Each tab: 1-sector writes to its own parity of sectors 0…255 (chunks 0 and 1, read-modify-write
  // of chunks the other tab changes too), 64-sector writes over the same range 512…575, and 8-sector
  // writes to its own disk. A lost update shows as a sector of the other tab's parity left at zero.
  const run = (p: Page, parity: number, tag: number, own: string) => p.evaluate(async ({ parity, tag, shared, own }) => {
    const rig = harness.state.rig as Awaited<ReturnType<typeof harness.disks.createRig>>;
    const handle = harness.state.handle as string;
    const dev = await rig.service.open(shared, handle);
    const mine = await rig.service.open(own, handle);
    const errors: string[] = [];
    for (let i = 0; i < 128; i++) {
      const sector = 2 * i + parity;
      const jobs = [dev.write(sector, harness.disks.pattern(sector, 1, tag))];
      if (i % 8 === 0) jobs.push(dev.write(512, harness.disks.pattern(512, 64, tag * 100 + i)));
      jobs.push(mine.write(i * 8, harness.disks.pattern(i * 8, 8, tag)));
      for (const r of await Promise.allSettled(jobs)) if (r.status === 'rejected') errors.push(String((r.reason as { code?: string }).code ?? r.reason));
    }
    return errors;
  }, { parity, tag, shared: ids.shared, own });
  const [errorsA, errorsB] = await Promise.all([run(page, 0, 1, ids.ownA), run(pageB, 1, 2, ids.ownB)]);
  expect(errorsA).toEqual([]);
  expect(errorsB).toEqual([]);

  const out = await pageB.evaluate(async ({ ids, name }) => {
    const rig = harness.state.rig as Awaited<ReturnType<typeof harness.disks.createRig>>;
    const handle = harness.state.handle as string;
    const shared = await rig.service.open(ids.shared, handle);
    const interleaved = harness.disks.tagsOf(await shared.read(0, 256), 0);
    const same = harness.disks.tagsOf(await shared.read(512, 64), 512);
    const a = harness.disks.tagsOf(await (await rig.service.open(ids.ownA, handle)).read(0, 1024), 0);
    const b = harness.disks.tagsOf(await (await rig.service.open(ids.ownB, handle)).read(0, 1024), 0);
    return { interleaved, same: [...new Set(same)], a: [...new Set(a)], b: [...new Set(b)], problems: await harness.disks.audit(name) };
  }, { ids, name });
  expect(out.interleaved).toEqual(Array.from({ length: 256 }, (_, s) => (s % 2 === 0 ? 1 : 2)));
  // The same 64 sectors: wholly one write's content (one tag, a whole write), never a mix or torn.
  expect(out.same.length).toBe(1);
  expect([100 + 120, 200 + 120]).toContain(out.same[0]);
  expect(out.a).toEqual([1]);
  expect(out.b).toEqual([2]);
  expect(out.problems).toEqual([]);
  expect(pageErrors).toEqual([]);
  await page.evaluate((n) => { (harness.state.rig as { store: { close(): void } }).store.close(); return n; }, name);
  await pageB.evaluate((n) => { (harness.state.rig as { store: { close(): void } }).store.close(); return harness.idb.deleteDb(n); }, name);
  await pageB.close();
});
