// Web Locks across two tabs (two pages of one browser context) and storage health, in real
// Chromium: an exclusive lock serialises the tabs, holders() tells "in use in another tab", a
// non-waiting attempt gets DiskBusy (T-20); persisted()/estimate() answers for the UI (T-24, T-27).
import { expect, test } from '@playwright/test';
import { openHarness } from '../support/harness-page';
import type { Harness } from '../../web/harness/main';

declare const harness: Harness;

let pageErrors: string[] = [];

test.beforeEach(async ({ page }) => {
  pageErrors = [];
  await openHarness(page, pageErrors);
});
test.afterEach(() => { expect(pageErrors).toEqual([]); });

test('an exclusive lock held in tab A: B sees it held elsewhere, a non-waiting try gets DiskBusy, and a waiting B runs after A releases', async ({ page, context }) => {
  const prefix = `test-${Date.now()}:`;
  // Tab A takes the lock and keeps it until told to let go.
  await page.evaluate((p) => {
    const locks = harness.idb.createLocks({ prefix: p });
    harness.state.locks = locks;
    harness.state.log = [];
    let release!: () => void;
    harness.state.release = () => release();
    harness.state.heldA = locks.withLock('disk-1', 'exclusive', async () => {
      (harness.state.log as string[]).push('A in');
      harness.state.selfView = await locks.holders('disk-1');
      await new Promise<void>((r) => { release = r; });
      (harness.state.log as string[]).push('A out');
    });
  }, prefix);
  await expect.poll(() => page.evaluate(() => (harness.state.log as string[]).length)).toBe(1);

  const pageB = await context.newPage();
  await openHarness(pageB, pageErrors);
  const b = await pageB.evaluate(async (p) => {
    const locks = harness.idb.createLocks({ prefix: p });
    harness.state.locks = locks;
    const seen = await locks.holders('disk-1');
    const other = await locks.holders('disk-2');
    const busy = await locks.tryWithLock('disk-1', 'exclusive', async () => 'ran', { diskId: 'disk-1' }).then((v) => v, harness.idb.errorFacts);
    const free = await locks.tryWithLock('disk-2', 'exclusive', async () => 'ran');
    harness.state.waiting = locks.withLock('disk-1', 'exclusive', async () => { harness.state.bRanAt = Date.now(); return 'B ran'; });
    return { seen, other, busy, free };
  }, prefix);
  expect(b.seen).toEqual({ isHeldElsewhere: true, heldElsewhere: ['exclusive'], pending: 0 });
  expect(b.other).toEqual({ isHeldElsewhere: false, heldElsewhere: [], pending: 0 });
  expect(b.busy).toMatchObject({ code: 'DiskBusy' });
  expect(b.free).toBe('ran');
  // A's own view does not count its own hold.
  expect(await page.evaluate(() => harness.state.selfView)).toEqual({ isHeldElsewhere: false, heldElsewhere: [], pending: 0 });
  expect(await pageB.evaluate(() => harness.state.bRanAt ?? null)).toBeNull();

  const releasedAt = await page.evaluate(async () => {
    const t = Date.now();
    (harness.state.release as () => void)();
    await harness.state.heldA;
    return t;
  });
  const result = await pageB.evaluate(async () => ({ value: await harness.state.waiting, at: harness.state.bRanAt as number }));
  expect(result.value).toBe('B ran');
  expect(result.at).toBeGreaterThanOrEqual(releasedAt);
  await pageB.close();
});

test('shared holders run together and exclude an exclusive one; bad names and modes are refused', async ({ page }) => {
  const out = await page.evaluate(async () => {
    const locks = harness.idb.createLocks({ prefix: `test-shared-${Date.now()}:` });
    const other = harness.idb.createLocks({ prefix: (locks as unknown as { prefix: string }).prefix });
    let inside = 0;
    let most = 0;
    const reader = () => locks.withLock('d', 'shared', async () => {
      inside++; most = Math.max(most, inside);
      await new Promise((r) => setTimeout(r, 50));
      inside--;
    });
    const readers = Promise.all([reader(), reader()]);
    await new Promise((r) => setTimeout(r, 10));
    const duringShared = await other.holders('d');
    const writerTry = await other.tryWithLock('d', 'exclusive', async () => 'ran').then((v) => v, (e) => e.code);
    await readers;
    const bad = await Promise.all([
      locks.withLock('', 'exclusive', async () => 1),
      locks.withLock('d', 'both' as 'shared', async () => 1),
    ].map((p) => p.then(() => null, harness.idb.errorFacts)));
    return { most, duringShared, writerTry, bad: bad.map((e) => e?.message) };
  });
  expect(out.most).toBe(2);
  expect(out.duringShared).toEqual({ isHeldElsewhere: true, heldElsewhere: ['shared', 'shared'], pending: 0 });
  expect(out.writerTry).toBe('DiskBusy');
  expect(out.bad).toEqual(['"name" expected a non-empty string, got ', `"mode" expected 'exclusive' or 'shared', got both`]);
});

test('storage health answers persisted, usage and quota; requestPersistence returns the browser\'s answer', async ({ page }) => {
  const out = await page.evaluate(async () => {
    const health = await harness.idb.storageHealth();
    const asked = await harness.idb.browserStorageHealth.requestPersistence();
    const after = await harness.idb.browserStorageHealth.isPersisted();
    return { health, asked, after };
  });
  expect(out.health.isSupported).toBe(true);
  expect(typeof out.health.isPersisted).toBe('boolean');
  expect(out.health.usageBytes).toBeGreaterThanOrEqual(0);
  expect(out.health.quotaBytes).toBeGreaterThan(0);
  expect(typeof out.asked).toBe('boolean');
  expect(out.after).toBe(out.asked);
});
