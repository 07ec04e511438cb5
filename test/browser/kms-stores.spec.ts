// The IndexedDB product stores in real Chromium (KMS, audit, Lab, ECS, RAM over the lab database):
// a change and its audit records land in one strict transaction or not at all (T-19, T-39), a record
// that does not follow the stored head is refused (AuditConflict), key material is only ever a
// non-extractable CryptoKey and goes with its records (T-32, T-37), clear() empties exactly its product.
import { expect, test } from '@playwright/test';
import { openHarness } from '../support/harness-page';
import type { AuditRecord } from '../../web/core/audit/types';
import type { Harness } from '../../web/harness/main';

declare const harness: Harness;

let pageErrors: string[] = [];

test.beforeEach(async ({ page }) => {
  pageErrors = [];
  await openHarness(page, pageErrors);
});
test.afterEach(() => { expect(pageErrors).toEqual([]); });

const PRODUCT_STORES = ['kmsKeys', 'kmsVersions', 'kmsAliases', 'kmsTokens', 'kmsMaterial', 'audit', 'labState', 'ecsDisks', 'ecsSnapshots', 'ecsImages', 'ecsDefaults', 'ecsInstances', 'ramRoles'];

test('T-19: every product change goes with its audit record in one readwrite transaction with durability strict', async ({ page }, info) => {
  const out = await page.evaluate(async (name) => {
    await harness.idb.deleteDb(name);
    const rig = await harness.lab.compose(name);
    harness.lab.recordTransactions();
    const call = (p: string, a: string, x: Record<string, unknown> = {}) => rig.lab.api.call(p, a, x);
    const keyId = ((await call('Kms', 'CreateKey')).KeyMetadata as { KeyId: string }).KeyId;
    await call('Kms', 'CreateAlias', { KeyId: keyId, AliasName: 'alias/t19' });
    await call('Kms', 'DisableKey', { KeyId: keyId });
    await call('Ram', 'CreateRole', { RoleName: 'T19Role', AssumeRolePolicyDocument: JSON.stringify({ Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: ['ecs.aliyuncs.com'] } }], Version: '1' }) });
    await call('Ecs', 'CreateDisk', { ZoneId: 'cn-hangzhou-h', DiskCategory: 'cloud_essd', Size: 20 });
    await call('Lab', 'AdvanceClock', { Seconds: 5 });
    const recorded = harness.lab.recorded();
    rig.pool.terminate();
    rig.db.close();
    await harness.idb.deleteDb(name);
    return recorded;
  }, `test-t19-${info.testId}`);
  const writes = out.filter((t) => t.mode === 'readwrite' && t.stores.some((s) => PRODUCT_STORES.includes(s)));
  expect(writes.length).toBeGreaterThan(5);
  for (const t of writes) expect(t, t.stores.join(',')).toMatchObject({ durability: 'strict' });
  // CreateKey: key, version, material and the record in one transaction; likewise for RAM and ECS.
  const has = (...stores: string[]) => writes.some((t) => stores.every((s) => t.stores.includes(s)));
  expect(has('kmsKeys', 'kmsVersions', 'kmsMaterial', 'audit')).toBe(true);
  expect(has('kmsAliases', 'audit')).toBe(true);
  expect(has('ramRoles', 'audit')).toBe(true);
  expect(has('ecsDisks', 'audit')).toBe(true);
});

test('a record that does not follow the stored head is refused with AuditConflict, and neither the change nor any record lands (KMS, ECS, RAM, audit)', async ({ page }, info) => {
  const out = await page.evaluate(async (name) => {
    await harness.idb.deleteDb(name);
    const { db, stores } = await harness.lab.openStores(name);
    const record = (seq: number, prevHash: string): AuditRecord => ({
      eventType: 'ApiCall', product: 'Kms', action: 'CreateKey', accountId: '1642381209784201', regionId: 'cn-hangzhou', requestId: `R-${seq}`,
      caller: { type: 'root-account', accountId: '1642381209784201', principalId: '1642381209784201', userName: 'root' }, outcome: 'Success',
      seq, eventId: `e-${seq}`, eventTime: '2026-12-04T15:30:00Z', prevHash, hash: `${String(seq).padStart(2, '0')}${'a'.repeat(62)}`,
    }) as unknown as AuditRecord;
    const first = record(1, '0'.repeat(64));
    await stores.audit.append([first]);
    const stale = record(2, 'f'.repeat(64)); // follows a head that is not the stored one
    const key = { keyId: 'k-1', accountId: '1642381209784201', regionId: 'cn-hangzhou', createdMs: 1 } as never;
    const disk = { DiskId: 'd-1', createdMs: 1 } as never;
    const role = { accountId: '1642381209784201', RoleName: 'R', createdMs: 1, policies: [] } as never;
    const codes = await Promise.all([
      stores.kms.commit({ putKeys: [key] }, [stale]),
      stores.ecs.commit({ putDisks: [disk] }, [stale]),
      stores.ram.commit({ putRoles: [role] }, [stale]),
      stores.audit.append([stale]),
      stores.kms.commit({ putKeys: [key] }, [record(1, '0'.repeat(64))]), // seq 1 again
    ].map((p) => p.then(() => 'written', (e: { code?: string }) => e.code)));
    const after = {
      key: await stores.kms.getKey('k-1'), disk: await stores.ecs.getDisk('d-1'), roles: await stores.ram.listRoles('1642381209784201'),
      records: (await stores.audit.list()).map((r) => r.seq), head: await stores.audit.head(),
    };
    // The right head is accepted, change and record together.
    await stores.kms.commit({ putKeys: [key] }, [record(2, first.hash)]);
    const accepted = { key: (await stores.kms.getKey('k-1'))?.keyId, records: (await stores.audit.list()).map((r) => r.seq) };
    db.close();
    await harness.idb.deleteDb(name);
    return { codes, after, accepted, firstHash: first.hash };
  }, `test-conflict-${info.testId}`);
  expect(out.codes).toEqual(['AuditConflict', 'AuditConflict', 'AuditConflict', 'AuditConflict', 'AuditConflict']);
  expect(out.after).toEqual({ key: undefined, disk: undefined, roles: [], records: [1], head: { seq: 1, hash: out.firstHash } });
  expect(out.accepted).toEqual({ key: 'k-1', records: [1, 2] });
});

test('a change that fails inside its transaction leaves no audit record, and an extractable CryptoKey is refused before anything is written', async ({ page }, info) => {
  const out = await page.evaluate(async (name) => {
    await harness.idb.deleteDb(name);
    const { db, stores } = await harness.lab.openStores(name);
    const record = { seq: 1, prevHash: '0'.repeat(64), hash: 'b'.repeat(64), requestId: 'R-1' } as never;
    // An alias record without aliasName: its key path cannot be evaluated, so the put fails (DataError).
    const badAlias = await stores.kms.commit({ putKeys: [{ keyId: 'k-1', accountId: 'a', regionId: 'r', createdMs: 1 } as never], putAliases: [{ accountId: 'a', regionId: 'r', keyId: 'k-1' } as never] }, [record])
      .then(() => 'written', (e: { code?: string; name?: string }) => e.code ?? e.name);
    const extractable = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt']);
    const leaky = await stores.kms.commit({ putKeys: [{ keyId: 'k-2', accountId: 'a', regionId: 'r', createdMs: 1 } as never], putMaterial: [{ id: 'v-2', key: extractable }] }, [record])
      .then(() => 'written', (e: Error) => `${e.name}: ${e.message}`);
    const after = { keys: (await stores.kms.listAllKeys()).length, records: (await stores.audit.list()).length, material: await stores.kms.getMaterial('v-2') };
    db.close();
    await harness.idb.deleteDb(name);
    return { badAlias, leaky, after };
  }, `test-atomic-${info.testId}`);
  expect(out.badAlias).toBe('IOError');
  expect(out.leaky).toBe('TypeError: "material v-2" expected a non-extractable CryptoKey');
  expect(out.after).toEqual({ keys: 0, records: 0, material: undefined });
});

test('T-32/T-37: key material is stored as the CryptoKey itself, non-extractable and usable after a new connection; deleting it removes its records', async ({ page }, info) => {
  const out = await page.evaluate(async (name) => {
    await harness.idb.deleteDb(name);
    let { db, stores } = await harness.lab.openStores(name);
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const iv = new Uint8Array(12);
    const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode('kept'));
    await stores.kms.commit({ putMaterial: [{ id: 'v-1', key }, { id: 'v-2', key }] }, []);
    db.close();
    ({ db, stores } = await harness.lab.openStores(name));
    const stored = await stores.kms.getMaterial('v-1');
    const opened = stored && new TextDecoder().decode(await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, stored, sealed));
    const exportError = stored && await crypto.subtle.exportKey('raw', stored).then(() => 'exported!', (e: DOMException) => e.name);
    await stores.kms.commit({ deleteMaterial: ['v-1', 'v-2'] }, []);
    const left = (await harness.idb.dump(name)).kmsMaterial;
    const gone = await stores.kms.getMaterial('v-1');
    db.close();
    await harness.idb.deleteDb(name);
    return { isCryptoKey: stored instanceof CryptoKey, extractable: stored?.extractable, opened, exportError, left, gone };
  }, `test-material-${info.testId}`);
  expect(out).toEqual({ isCryptoKey: true, extractable: false, opened: 'kept', exportError: 'InvalidAccessError', left: [], gone: undefined });
});

test('clear() empties exactly its own product\'s stores, and Lab Reset empties KMS, audit, ECS, RAM and the disks', async ({ page }, info) => {
  const out = await page.evaluate(async (name) => {
    await harness.idb.deleteDb(name);
    const rig = await harness.lab.compose(name);
    const call = (p: string, a: string, x: Record<string, unknown> = {}) => rig.lab.api.call(p, a, x);
    const fill = async () => {
      await call('Kms', 'CreateKey');
      await call('Ram', 'CreateRole', { RoleName: 'ResetRole', AssumeRolePolicyDocument: JSON.stringify({ Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: ['ecs.aliyuncs.com'] } }], Version: '1' }) });
      const diskId = (await call('Ecs', 'CreateDisk', { ZoneId: 'cn-hangzhou-h', DiskCategory: 'cloud_essd', Size: 20, Encrypted: true })).DiskId as string;
      await call('Lab', 'WriteDiskSectors', { DiskId: diskId, Sector: 0, DataBase64: btoa('x'.repeat(512)) });
      await call('Ecs', 'CreateSnapshot', { DiskId: diskId });
      await rig.lab.ecs.jobs.idle();
      await call('Lab', 'AdvanceClock', { Seconds: 1 });
    };
    const counts = async () => Object.fromEntries(Object.entries(await harness.idb.dump(name)).map(([store, rows]) => [store, rows.length]));
    await fill();
    const full = await counts();
    const afterClear: Record<string, Record<string, number>> = {};
    for (const product of ['kms', 'ram', 'ecs', 'labState', 'audit'] as const) {
      await rig.stores[product].clear();
      afterClear[product] = await counts();
    }
    await fill();
    await call('Lab', 'Reset');
    const afterReset = await counts();
    const records = await rig.stores.audit.list();
    rig.pool.terminate();
    rig.db.close();
    await harness.idb.deleteDb(name);
    return { full, afterClear, afterReset, resetRecords: records.map((r) => `${r.product}.${r.action}`) };
  }, `test-clear-${info.testId}`);
  for (const [store, n] of Object.entries(out.full)) {
    if (!['kmsTokens', 'kmsAliases', 'ecsImages', 'ecsDefaults', 'ecsInstances', 'meta'].includes(store)) expect(n, `filled ${store}`).toBeGreaterThan(0);
  }
  const emptied = { kms: ['kmsKeys', 'kmsVersions', 'kmsAliases', 'kmsTokens', 'kmsMaterial'], ram: ['ramRoles'], ecs: ['ecsDisks', 'ecsSnapshots', 'ecsImages', 'ecsDefaults', 'ecsInstances'], labState: ['labState'], audit: ['audit'] };
  let cleared: string[] = [];
  for (const [product, stores] of Object.entries(emptied)) {
    cleared = [...cleared, ...stores];
    for (const [store, n] of Object.entries(out.afterClear[product])) {
      expect(n, `${store} after clearing ${product}`).toBe(cleared.includes(store) ? 0 : out.full[store]);
    }
  }
  // Reset: an empty lab, as on a first visit — only its own record and the saved Lab state remain.
  for (const [store, n] of Object.entries(out.afterReset)) {
    const expected = store === 'audit' || store === 'labState' ? 1 : store === 'meta' ? out.afterReset.meta : 0;
    expect(n, `${store} after Reset`).toBe(expected);
  }
  expect(out.resetRecords).toEqual(['Lab.Reset']);
});
