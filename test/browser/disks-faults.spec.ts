// Faults under DiskService on real IndexedDB (harness.html): a failure injected at any put of a
// write leaves every sector wholly old (T-23); a full quota is QuotaExceeded with the write rolled
// back and a retry that works (T-18); reloading the page in the middle of large writes (T-16).
import { expect, test } from '@playwright/test';
import { openHarness } from '../support/harness-page';
import type { Harness } from '../../web/harness/main';

declare const harness: Harness;

let pageErrors: string[] = [];
let dbName = '';

test.beforeEach(async ({ page }, info) => {
  pageErrors = [];
  await openHarness(page, pageErrors);
  dbName = `test-faults-${info.testId}`;
  await page.evaluate((name) => harness.idb.deleteDb(name), dbName);
});
test.afterEach(async ({ page }) => {
  expect(pageErrors).toEqual([]);
  await page.evaluate((name) => harness.idb.deleteDb(name), dbName);
});

for (const isEncrypted of [true, false]) {
  test(`${isEncrypted ? 'encrypted' : 'plain'}: a write failing at its 1st…6th put leaves every sector wholly old, in place and when allocating`, async ({ page }) => {
    const out = await page.evaluate(async ({ name, isEncrypted }) => {
      const rig = await harness.disks.createRig({ name });
      const handle = isEncrypted ? await rig.pool.generateSessionKey() : undefined;
      const disk = await rig.service.createDisk({ name: 'atomic', sizeBytes: 2 << 20, chunkBytes: 65536, encryption: handle ? { isEncrypted: true, handle, keySource: 'session' } : { isEncrypted: false } });
      const dev = await rig.service.open(disk.id, handle);
      await dev.write(0, harness.disks.pattern(0, 2048, 1)); // first MiB allocated; second never written
      const failures: { at: number; region: string; code?: string; tags: string; problems: string[] }[] = [];
      for (const [region, first] of [['in place', 100], ['allocating', 2048 + 100]] as const) {
        for (let at = 1; at <= 6; at++) {
          // 600 sectors from sector 100 of the region: 6 chunks, the first and last only partly.
          rig.store.setFaultForTest({ on: 'put', at, name: 'UnknownError' });
          const error = await dev.write(first, harness.disks.pattern(first, 600, 50 + at)).then(() => undefined, (e: { code?: string }) => e.code);
          rig.store.setFaultForTest(undefined);
          const tags = harness.disks.tagsOf(await dev.read(first - 100, 800), first - 100);
          failures.push({ at, region, code: error, tags: [...new Set(tags)].join(','), problems: await harness.disks.audit(name) });
        }
      }
      await dev.write(2048 + 100, harness.disks.pattern(2048 + 100, 600, 99));
      const retried = [...new Set(harness.disks.tagsOf(await dev.read(2048 + 100, 600), 2048 + 100))];
      rig.store.close();
      rig.pool.terminate();
      return { failures, retried };
    }, { name: dbName, isEncrypted });
    for (const f of out.failures) {
      expect(f.code, `${f.region}, put ${f.at}`).toBe('IOError');
      expect(f.tags, `${f.region}, put ${f.at}`).toBe(f.region === 'in place' ? '1' : '0');
      expect(f.problems).toEqual([]);
    }
    expect(out.retried).toEqual([99]);
  });
}

test('T-18: QuotaExceededError mid-write is QuotaExceeded; the write is rolled back, earlier data readable, and a retry after freeing space succeeds', async ({ page }) => {
  const out = await page.evaluate(async (name) => {
    const rig = await harness.disks.createRig({ name });
    const handle = await rig.pool.generateSessionKey();
    const disk = await rig.service.createDisk({ name: 'full', sizeBytes: 4 << 20, chunkBytes: 1 << 20, encryption: { isEncrypted: true, handle, keySource: 'session' } });
    const dev = await rig.service.open(disk.id, handle);
    await dev.write(0, harness.disks.pattern(0, 2048, 1));
    const scratch = await rig.service.createDisk({ name: 'scratch', sizeBytes: 1 << 20, chunkBytes: 1 << 20, encryption: { isEncrypted: false } });
    await (await rig.service.open(scratch.id)).write(0, harness.disks.pattern(0, 2048, 5));
    const before = { generation: (await rig.service.getDisk(disk.id))?.generation, dump: JSON.stringify(await harness.idb.dump(name)) };
    rig.store.setFaultForTest({ on: 'put', at: 2, name: 'QuotaExceededError', times: Infinity });
    const error = await dev.write(2048, harness.disks.pattern(2048, 4096, 2)).then(() => null, harness.idb.errorFacts);
    const isUnchanged = JSON.stringify(await harness.idb.dump(name)) === before.dump;
    const earlier = [...new Set(harness.disks.tagsOf(await dev.read(0, 2048), 0))];
    // The user frees space (deletes a disk), the quota is no longer exceeded, the retry works.
    rig.store.setFaultForTest(undefined);
    await rig.service.deleteDisk(scratch.id);
    await dev.write(2048, harness.disks.pattern(2048, 4096, 2));
    const after = [...new Set(harness.disks.tagsOf(await dev.read(0, 8192), 0))];
    const problems = await harness.disks.audit(name);
    rig.store.close();
    rig.pool.terminate();
    return { error, isUnchanged, earlier, after, problems };
  }, dbName);
  expect(out.error?.code).toBe('QuotaExceeded');
  expect(out.error?.message).toContain('delete disks or snapshots to free space');
  expect(out.isUnchanged).toBe(true);
  expect(out.earlier).toEqual([1]);
  expect(out.after).toEqual([1, 2, 0]); // the last MiB was never written
  expect(out.problems).toEqual([]);
});

// A public test key (never a real one): after a reload the page wraps it again and loads the same
// data key, so the guest view of what the previous page wrote can be checked.
const TEST_KEY = '2718281828459045235360287471352662497757247093699959574966967627' + '3141592653589793238462643383279502884197169399375105820974944592';
const UNIT_SECTORS = 65536; // one write call = 32 MiB = one commit = one transaction unit
const UNITS = 2; // 64 MiB per round

test('T-16: reloading the page at random points of 64 MiB writes leaves every 32 MiB write wholly old or wholly new, metadata consistent, no orphans', async ({ page }) => {
  test.setTimeout(240_000);
  const setUp = async (tag: number | null) => page.evaluate(async ({ name, key, tag, units, unitSectors }) => {
    const rig = await harness.disks.createRig({ name });
    const handle = await rig.pool.loadWrappedKey(await harness.wrapTestKey(key));
    let diskId = (await rig.service.listDisks())[0]?.id;
    if (!diskId) {
      diskId = (await rig.service.createDisk({ name: 't16', sizeBytes: units * unitSectors * 512, chunkBytes: 1 << 20, encryption: { isEncrypted: true, handle, keySource: 'session' } })).id;
    }
    const dev = await rig.service.open(diskId, handle);
    // What the previous page left: the distinct tags in each unit (-1 = a torn sector).
    const units_: number[][] = [];
    for (let u = 0; u < units; u++) {
      const tags = harness.disks.tagsOf(await dev.read(u * unitSectors, unitSectors), u * unitSectors);
      units_.push([...new Set(tags)]);
    }
    const problems = await harness.disks.audit(name);
    if (tag !== null) {
      // Start the next round and return at once: the test reloads while it runs.
      const writing = (async () => {
        for (let u = 0; u < units; u++) await dev.write(u * unitSectors, harness.disks.pattern(u * unitSectors, unitSectors, tag));
        harness.state.isRoundDone = true;
      })();
      harness.state.writing = writing.catch((e: Error) => { harness.state.writeError = e.message; });
    }
    return { units: units_, problems };
  }, { name: dbName, key: TEST_KEY, tag, units: UNITS, unitSectors: UNIT_SECTORS });

  // Round 1 completes: every unit holds tag 1.
  await setUp(1);
  await page.waitForFunction(() => harness.state.isRoundDone === true, undefined, { timeout: 60_000 });
  let previous = Array<number>(UNITS).fill(1);
  let seed = 16;
  const outcomes: string[] = [];
  for (let round = 2; round <= 9; round++) {
    const state = await setUp(round);
    if (round > 2) outcomes.push(state.units.map((t) => t.join('|')).join(' '));
    // Checked against what the previous round could have left (its tag or the one before).
    expect(state.problems, `round ${round}`).toEqual([]);
    state.units.forEach((tags, u) => {
      expect(tags.length, `round ${round - 1}, unit ${u}: one tag for the whole unit, got ${tags}`).toBe(1);
      expect([previous[u], round - 1], `round ${round - 1}, unit ${u}`).toContain(tags[0]);
    });
    previous = state.units.map((t) => t[0]);
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    await page.waitForTimeout(seed % 900); // a 64 MiB round takes ~1 s here: most reloads land inside it
    await page.reload();
    await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  }
  const last = await setUp(null);
  expect(last.problems).toEqual([]);
  last.units.forEach((tags, u) => {
    expect(tags.length).toBe(1);
    expect([previous[u], 9]).toContain(tags[0]);
  });
  outcomes.push(last.units.map((t) => t.join('|')).join(' '));
  test.info().annotations.push({ type: 'T-16 unit tags after each reload', description: outcomes.join(' ; ') });
});
