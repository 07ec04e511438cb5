// ECS background jobs across page loads, in real Chromium on the composed lab (harness.lab.compose:
// IdbDiskStore + pool + Web Locks under ECS, as main.tsx wires it): a page closed mid-job leaves no
// resource stuck at Creating/progressing, and a job still running in another tab is left alone.
import { expect, test, type Page } from '@playwright/test';
import { openHarness } from '../support/harness-page';
import type { Harness } from '../../web/harness/main';

declare const harness: Harness;

let pageErrors: string[] = [];

test.beforeEach(async ({ page }) => {
  pageErrors = [];
  await openHarness(page, pageErrors);
});
test.afterEach(() => { expect(pageErrors).toEqual([]); });

/** Composes the lab over `name` in `page` (kept in harness.state.rig) and returns its start-up report. */
async function compose(page: Page, name: string) {
  return page.evaluate(async (n) => {
    const rig = await harness.lab.compose(n);
    harness.state.rig = rig;
    return rig.lab.ready;
  }, name);
}

async function call(page: Page, product: string, action: string, params: Record<string, unknown> = {}) {
  return page.evaluate(([p, a, x]) => (harness.state.rig as Awaited<ReturnType<typeof harness.lab.compose>>).lab.api.call(p, a, x), [product, action, params] as const);
}

test('a page closed in the middle of jobs: at the next start-up copies are failed, unfinished disks deleted, complete snapshots and images finished, the disk layer consistent', async ({ page }, info) => {
  const name = `test-jobs-${info.testId}`;
  await page.evaluate((n) => harness.idb.deleteDb(n), name);
  await compose(page, name);
  const plain = (await call(page, 'Ecs', 'CreateDisk', { ZoneId: 'cn-hangzhou-h', DiskCategory: 'cloud_essd', Size: 20 })).DiskId as string;
  await call(page, 'Lab', 'WriteDiskSectors', { DiskId: plain, Sector: 0, DataBase64: Buffer.alloc(4096, 0x41).toString('base64') });
  const snapshot = (await call(page, 'Ecs', 'CreateSnapshot', { DiskId: plain })).SnapshotId as string;
  await page.evaluate(() => (harness.state.rig as Awaited<ReturnType<typeof harness.lab.compose>>).lab.ecs.jobs.idle());

  // Jobs started from now on never run in this page: it "closes" (reloads) with all four pending.
  await page.evaluate(() => (harness.state.rig as Awaited<ReturnType<typeof harness.lab.compose>>).lab.ecs.jobs.pause());
  const copy = (await call(page, 'Ecs', 'CopySnapshot', { SnapshotId: snapshot, DestinationRegionId: 'cn-hangzhou', Encrypted: true })).SnapshotId as string;
  const encryptedDisk = (await call(page, 'Ecs', 'CreateDisk', { ZoneId: 'cn-hangzhou-h', DiskCategory: 'cloud_essd', SnapshotId: snapshot, Encrypted: true })).DiskId as string;
  const image = (await call(page, 'Ecs', 'CreateImage', { SnapshotId: snapshot })).ImageId as string;
  const second = (await call(page, 'Ecs', 'CreateSnapshot', { DiskId: plain })).SnapshotId as string;
  const before = await call(page, 'Ecs', 'DescribeSnapshots', { SnapshotIds: [copy, second] });
  expect((before.Snapshots as { Snapshot: { Status: string }[] }).Snapshot.map((s) => s.Status)).toEqual(['progressing', 'progressing']);

  await page.reload();
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  const report = await compose(page, name);
  expect(report).toMatchObject({ deletedDisks: [encryptedDisk], failedSnapshots: [copy], completedSnapshots: [second], completedImages: [image], failedImages: [] });

  const snapshots = (await call(page, 'Ecs', 'DescribeSnapshots', {})).Snapshots as { Snapshot: { SnapshotId: string; Status: string }[] };
  expect(Object.fromEntries(snapshots.Snapshot.map((s) => [s.SnapshotId, s.Status]))).toEqual({ [snapshot]: 'accomplished', [copy]: 'failed', [second]: 'accomplished' });
  const disks = (await call(page, 'Ecs', 'DescribeDisks', {})).Disks as { Disk: { DiskId: string }[] };
  expect(disks.Disk.map((d) => d.DiskId)).toEqual([plain]);
  const images = (await call(page, 'Ecs', 'DescribeImages', { ImageOwnerAlias: 'self', Status: 'Available,Creating,CreateFailed' })).Images as { Image: { ImageId: string; Status: string }[] };
  expect(images.Image.map((i) => [i.ImageId, i.Status])).toEqual([[image, 'Available']]);
  // The disk layer is consistent (no orphan chunks, counts right) and the failed copy can be deleted.
  expect(await page.evaluate((n) => harness.disks.audit(n), name)).toEqual([]);
  await call(page, 'Ecs', 'DeleteSnapshot', { SnapshotId: copy });
  await page.evaluate(async (n) => {
    (harness.state.rig as Awaited<ReturnType<typeof harness.lab.compose>>).pool.terminate();
    (harness.state.rig as Awaited<ReturnType<typeof harness.lab.compose>>).db.close();
    await harness.idb.deleteDb(n);
  }, name);
});

test('a job still running in another tab is left alone by this tab\'s start-up, and finishes there', async ({ page, context }, info) => {
  const name = `test-jobs-tabs-${info.testId}`;
  await page.evaluate((n) => harness.idb.deleteDb(n), name);
  await compose(page, name);
  const disk = (await call(page, 'Ecs', 'CreateDisk', { ZoneId: 'cn-hangzhou-h', DiskCategory: 'cloud_essd', Size: 20 })).DiskId as string;
  const snapshot = (await call(page, 'Ecs', 'CreateSnapshot', { DiskId: disk })).SnapshotId as string;
  await page.evaluate(() => (harness.state.rig as Awaited<ReturnType<typeof harness.lab.compose>>).lab.ecs.jobs.idle());
  await page.evaluate(() => (harness.state.rig as Awaited<ReturnType<typeof harness.lab.compose>>).lab.ecs.jobs.pause());
  const copy = (await call(page, 'Ecs', 'CopySnapshot', { SnapshotId: snapshot, DestinationRegionId: 'cn-hangzhou', Encrypted: true })).SnapshotId as string;

  const other = await context.newPage();
  await openHarness(other, pageErrors);
  const report = await compose(other, name);
  expect(report).toMatchObject({ deletedDisks: [], failedSnapshots: [], completedSnapshots: [], failedImages: [], completedImages: [] });
  const status = async (p: Page) => ((await call(p, 'Ecs', 'DescribeSnapshots', { SnapshotIds: [copy] })).Snapshots as { Snapshot: { Status: string }[] }).Snapshot[0].Status;
  expect(await status(other)).toBe('progressing');

  await page.evaluate(async () => {
    const rig = harness.state.rig as Awaited<ReturnType<typeof harness.lab.compose>>;
    rig.lab.ecs.jobs.resume();
    await rig.lab.ecs.jobs.idle();
  });
  expect(await status(other)).toBe('accomplished');
  for (const p of [other, page]) {
    await p.evaluate(() => {
      (harness.state.rig as Awaited<ReturnType<typeof harness.lab.compose>>).pool.terminate();
      (harness.state.rig as Awaited<ReturnType<typeof harness.lab.compose>>).db.close();
    });
  }
  await page.evaluate((n) => harness.idb.deleteDb(n), name);
  await other.close();
});
