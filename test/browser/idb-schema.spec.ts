// The lab database schema in real Chromium: a database at every earlier version upgrades to the
// current one without losing data (v1 disks survive v2's KMS, audit, Lab, ECS and RAM stores); a newer
// version in another tab makes the older tab close and say "reload" (T-21); a stubborn one gives a clear blocked state.
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

test('a database at every earlier version upgrades to the current one (and to a simulated next one) with its data intact', async ({ page }, info) => {
  const out = await page.evaluate(async (prefix) => {
    const runs: { from: number; to: number; disk: string | undefined; stores: string[] }[] = [];
    // Today's list plus one simulated later step, so the loop also runs while only version 1 exists.
    const migrations = harness.idb.migrationsWith(1);
    const newest = migrations[migrations.length - 1].version;
    for (const to of [harness.idb.LAB_DB_VERSION, newest]) {
      for (let from = 1; from < to; from++) {
        const name = `${prefix}-${from}-${to}`;
        await harness.idb.deleteDb(name);
        const old = await harness.idb.openLabDb({ name, version: from, migrations });
        const store = harness.idb.storeOver(old);
        await store.commit({
          putDisks: [{ id: 'd-1', name: 'kept', sizeBytes: 4096, chunkBytes: 4096, encryption: { isEncrypted: false }, chunks: { 0: 'c-1' }, generation: 1, state: 'ok', createdAt: '2026-12-04T00:00:00.000Z' }],
          putChunks: [{ id: 'c-1', data: new Uint8Array(4096).fill(0x5a).buffer }],
          refDeltas: { 'c-1': 1 },
        }, 'strict');
        store.close();
        const db = await harness.idb.openLabDb({ name, version: to, migrations });
        const upgraded = harness.idb.storeOver(db);
        const disk = await upgraded.getDisk('d-1');
        const [chunk] = await upgraded.getChunks(['c-1']);
        runs.push({ from, to: db.version, disk: `${disk?.name}/${await upgraded.getRefs(['c-1'])}/${chunk && new Uint8Array(chunk.data)[4095]}`, stores: Array.from(db.objectStoreNames).sort() });
        upgraded.close();
        await harness.idb.deleteDb(name);
      }
    }
    return { current: harness.idb.LAB_DB_VERSION, newest, runs };
  }, `test-upgrade-${info.testId}`);
  // Every (from, to) pair below each target ran: (V-1) + V of them.
  expect(out.runs.length).toBe((out.current - 1) + (out.newest - 1));
  for (const run of out.runs) {
    expect(run.disk, `from ${run.from} to ${run.to}`).toBe('kept/1/90');
    expect(run.stores).toEqual(expect.arrayContaining(['chunks', 'disks', 'meta', 'refs', 'snapshots']));
  }
  expect(out.runs.at(-1)?.stores).toContain(`test-v${out.newest}`);
});

test('migrations out of order and versions outside 1…newest are refused before anything opens', async ({ page }) => {
  const out = await page.evaluate(async () => {
    const outOfOrder = [...harness.idb.MIGRATIONS, { ...harness.idb.MIGRATIONS[0], version: harness.idb.LAB_DB_VERSION + 4 }];
    const errors = await Promise.all([
      harness.idb.openLabDb({ name: 'test-never', migrations: outOfOrder }),
      ...[0, harness.idb.LAB_DB_VERSION + 1, 1.5].map((version) => harness.idb.openLabDb({ name: 'test-never', version })),
    ].map((p) => p.then(() => null, harness.idb.errorFacts)));
    return { errors, current: harness.idb.LAB_DB_VERSION, isCreated: (await indexedDB.databases()).some((d) => d.name === 'test-never') };
  });
  expect(out.errors.map((e) => e?.name)).toEqual(['Error', 'RangeError', 'RangeError', 'RangeError']);
  expect(out.errors[0]?.message).toBe(`"migrations" expected versions 1, 2, 3… in order, got ${out.current + 4} at position ${out.current}`);
  expect(out.errors[1]?.message).toMatch(/^"version" expected an integer from 1 to \d+, got 0$/);
  expect(out.isCreated).toBe(false);
});

test('T-21: a newer version opened in tab B makes tab A close and call onVersionChange; B upgrades and the data survives', async ({ page, context }, info) => {
  const name = `test-t21-${info.testId}`;
  await page.evaluate((n) => harness.idb.deleteDb(n), name);
  await page.evaluate(async (n) => {
    const events: unknown[] = [];
    harness.state.events = events;
    const db = await harness.idb.openLabDb({ name: n, onVersionChange: (e) => events.push({ type: 'versionchange', ...e }), onBlocked: () => events.push({ type: 'blocked' }) });
    const store = harness.idb.storeOver(db);
    harness.state.store = store;
    await store.commit({ putChunks: [{ id: 'c-1', data: new Uint8Array(512).fill(7).buffer }], refDeltas: { 'c-1': 1 } }, 'strict');
  }, name);

  const pageB = await context.newPage();
  await openHarness(pageB, pageErrors);
  const b = await pageB.evaluate(async (n) => {
    let blocked = 0;
    const migrations = harness.idb.migrationsWith(1);
    const db = await harness.idb.openLabDb({ name: n, migrations, onBlocked: () => blocked++ });
    const store = harness.idb.storeOver(db);
    const [chunk] = await store.getChunks(['c-1']);
    const out = { version: db.version, stores: Array.from(db.objectStoreNames), blocked, first: chunk && new Uint8Array(chunk.data)[0] };
    store.close();
    return out;
  }, name);
  const next = await page.evaluate(() => harness.idb.LAB_DB_VERSION + 1);
  expect(b.version).toBe(next);
  expect(b.stores).toContain(`test-v${next}`);
  expect(b.blocked).toBeLessThanOrEqual(1); // "blocked at most transiently"
  expect(b.first).toBe(7);

  const a = await page.evaluate(async () => {
    const store = harness.state.store as ReturnType<typeof harness.idb.storeOver>;
    const error = await store.getChunks(['c-1']).then(() => null, harness.idb.errorFacts);
    return { events: harness.state.events, error };
  });
  expect(a.events).toEqual([{ type: 'versionchange', oldVersion: next - 1, newVersion: next }]);
  expect(a.error?.code).toBe('StorageUnavailable');
  expect(a.error?.message).toContain('reload');
  await pageB.evaluate((n) => harness.idb.deleteDb(n), name);
  await pageB.close();
});

test('T-21: an older tab that never closes gives tab B a clear StorageUnavailable after the timeout, and B opens once it is gone', async ({ page, context }, info) => {
  const name = `test-t21-stubborn-${info.testId}`;
  await page.evaluate(async (n) => {
    await harness.idb.deleteDb(n);
    (await harness.idb.openLabDb({ name: n })).close();
    harness.state.stubborn = await harness.idb.holdStubbornConnection(n);
  }, name);
  const pageB = await context.newPage();
  await openHarness(pageB, pageErrors);
  const current = await page.evaluate(() => harness.idb.LAB_DB_VERSION);
  const first = await pageB.evaluate(async (n) => {
    const blocked: unknown[] = [];
    const t0 = performance.now();
    const error = await harness.idb.openLabDb({ name: n, migrations: harness.idb.migrationsWith(1), blockedTimeoutMs: 500, onBlocked: (e) => blocked.push(e) })
      .then(() => null, harness.idb.errorFacts);
    return { error, blocked, ms: performance.now() - t0 };
  }, name);
  expect(first.error?.code).toBe('StorageUnavailable');
  expect(first.error?.message).toContain(`another tab keeps version ${current} of the lab open`);
  expect(first.blocked).toEqual([{ currentVersion: current, requestedVersion: current + 1 }]);
  expect(first.ms).toBeLessThan(5000);

  await page.evaluate(() => (harness.state.stubborn as IDBDatabase).close());
  const second = await pageB.evaluate(async (n) => {
    const db = await harness.idb.openLabDb({ name: n, migrations: harness.idb.migrationsWith(1), blockedTimeoutMs: 2000 });
    const version = db.version;
    db.close();
    await harness.idb.deleteDb(n);
    return version;
  }, name);
  expect(second).toBe(current + 1);
  await pageB.close();
});

test('version 1 → 2 keeps the disks written at version 1 and adds the KMS, audit, Lab, ECS and RAM stores with their keys and indexes', async ({ page }, info) => {
  const out = await page.evaluate(async (name) => {
    await harness.idb.deleteDb(name);
    const v1 = harness.idb.storeOver(await harness.idb.openLabDb({ name, version: 1 }));
    await v1.commit({
      putDisks: [{ id: 'd-v1', name: 'from v1', sizeBytes: 8192, chunkBytes: 4096, encryption: { isEncrypted: false }, chunks: { 0: 'c-a', 1: 'c-b' }, generation: 3, state: 'ok', createdAt: '2026-12-04T00:00:00.000Z' }],
      putSnapshots: [{ id: 's-v1', name: 'snap', sourceDiskId: 'd-v1', sizeBytes: 8192, chunkBytes: 4096, encryption: { isEncrypted: false }, chunks: { 0: 'c-a' }, createdAt: '2026-12-04T00:00:00.000Z' }],
      putChunks: [{ id: 'c-a', data: new Uint8Array(4096).fill(1).buffer }, { id: 'c-b', data: new Uint8Array(4096).fill(2).buffer }],
      refDeltas: { 'c-a': 2, 'c-b': 1 },
    }, 'strict');
    const before = await harness.idb.dump(name);
    v1.close();
    const db = await harness.idb.openLabDb({ name });
    const shape: Record<string, { keyPath: unknown; indexes: Record<string, unknown> }> = {};
    const tx = (db as unknown as IDBDatabase).transaction(Array.from(db.objectStoreNames), 'readonly');
    for (const storeName of Array.from(db.objectStoreNames)) {
      const store = tx.objectStore(storeName);
      shape[storeName] = { keyPath: store.keyPath, indexes: Object.fromEntries(Array.from(store.indexNames).map((i) => [i, store.index(i).keyPath])) };
    }
    const version = db.version;
    db.close();
    const after = await harness.idb.dump(name);
    await harness.idb.deleteDb(name);
    return { version, shape, before, after };
  }, `test-v1-v2-${info.testId}`);
  expect(out.version).toBeGreaterThanOrEqual(2);
  // Every v1 record is still there, byte for byte (chunk data as a digest).
  for (const store of ['disks', 'snapshots', 'chunks', 'refs', 'meta']) expect(out.after[store], store).toEqual(out.before[store]);
  expect(out.shape).toMatchObject({
    kmsKeys: { keyPath: 'keyId', indexes: { byAccountRegion: ['accountId', 'regionId', 'createdMs'] } },
    kmsVersions: { keyPath: 'keyVersionId', indexes: { byKey: ['keyId', 'createdMs'] } },
    kmsAliases: { keyPath: ['accountId', 'regionId', 'aliasName'], indexes: { byKey: 'keyId' } },
    kmsTokens: { keyPath: 'tokenId' },
    kmsMaterial: { keyPath: 'id' },
    audit: { keyPath: 'seq' },
    labState: { keyPath: null },
    ecsDisks: { keyPath: 'DiskId', indexes: { byCreated: 'createdMs' } },
    ecsSnapshots: { keyPath: 'SnapshotId', indexes: { byCreated: 'createdMs' } },
    ecsImages: { keyPath: ['RegionId', 'ImageId'], indexes: { byCreated: 'createdMs' } },
    ecsDefaults: { keyPath: ['accountId', 'RegionId'] },
    ramRoles: { keyPath: null },
    ecsInstances: { keyPath: 'InstanceId', indexes: { byCreated: 'createdMs' } },
  });
  for (const store of Object.keys(out.shape).filter((s) => !['disks', 'snapshots', 'chunks', 'refs', 'meta'].includes(s))) expect(out.after[store], store).toEqual([]);
});

test('version 2 → 3 keeps the ECS records of version 2 and adds ecsInstances; the ECS store puts, lists oldest first and deletes instances', async ({ page }, info) => {
  const out = await page.evaluate(async (name) => {
    await harness.idb.deleteDb(name);
    const v2 = await harness.idb.openLabDb({ name, version: 2 });
    await v2.put('ecsDefaults', { accountId: '1642381209784201', RegionId: 'cn-hangzhou', Encrypted: true });
    v2.close();
    const { db, stores } = await harness.lab.openStores(name);
    const kept = await stores.ecs.getDefault('1642381209784201', 'cn-hangzhou');
    const instance = (id: string, createdMs: number) => ({
      InstanceId: id, accountId: '1642381209784201', RegionId: 'cn-hangzhou', ZoneId: 'cn-hangzhou-h', InstanceName: id, HostName: id, Description: '',
      InstanceType: 'ecs.g7.large', ImageId: 'm-1', OSName: 'LabOS', Status: 'Running' as const, bootCount: 1, createdMs, startedMs: createdMs, Tags: [],
    });
    await stores.ecs.commit({ putInstances: [instance('i-later', 20), instance('i-first', 10)] }, []);
    const listed = (await stores.ecs.listInstances()).map((i) => i.InstanceId);
    const one = await stores.ecs.getInstance('i-first');
    await stores.ecs.commit({ deleteInstances: ['i-first'] }, []);
    const afterDelete = (await stores.ecs.listInstances()).map((i) => i.InstanceId);
    await stores.ecs.clear();
    const afterClear = await stores.ecs.listInstances();
    const version = db.version;
    db.close();
    await harness.idb.deleteDb(name);
    return { version, kept, listed, status: one?.Status, afterDelete, afterClear };
  }, `test-v2-v3-${info.testId}`);
  expect(out.version).toBeGreaterThanOrEqual(3);
  expect(out.kept).toMatchObject({ Encrypted: true });
  expect(out.listed).toEqual(['i-first', 'i-later']);
  expect(out.status).toBe('Running');
  expect(out.afterDelete).toEqual(['i-later']);
  expect(out.afterClear).toEqual([]);
});
