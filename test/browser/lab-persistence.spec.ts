// The lab API over IndexedDB in the built app (main.tsx's wiring, real pool and Web Locks), through
// window.aliyunLab: KMS keys and their non-extractable CryptoKeys survive a reload and still work
// (T-32), the audit trail survives with an intact chain and one record per call (T-39), the Lab clock
// and account persist and are shared by tabs, and an ECS conversion path survives a reload.
import { expect, test, type Page } from '@playwright/test';
import type { Harness } from '../../web/harness/main';
import { ECS_DISK_ENCRYPT_POLICY, ECS_DISK_ENCRYPT_ROLE, ECS_DISK_ENCRYPT_TRUST_POLICY } from '../../web/core/ram/roles';
import { call, callError, fromBase64, openApp, readStore, settledDisk, settledSnapshot, toBase64 } from '../support/lab-page';

declare const harness: Harness;

let pageErrors: string[] = [];

test.beforeEach(async ({ page }) => {
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await openApp(page);
});
test.afterEach(() => { expect(pageErrors).toEqual([]); });

const HELLO = toBase64(new TextEncoder().encode('hello, persistent lab'));

test('KMS keys survive a reload: the CryptoKeys are stored as non-extractable keys and still encrypt and decrypt', async ({ page }) => {
  const keyId = ((await call(page, 'Kms', 'CreateKey', { Description: 'persists' })).KeyMetadata as { KeyId: string }).KeyId;
  await call(page, 'Kms', 'CreateAlias', { KeyId: keyId, AliasName: 'alias/persists' });
  const blob = (await call(page, 'Kms', 'Encrypt', { KeyId: keyId, Plaintext: HELLO })).CiphertextBlob as string;

  await page.reload();
  await page.waitForFunction(() => 'aliyunLab' in window);
  const meta = (await call(page, 'Kms', 'DescribeKey', { KeyId: 'alias/persists' })).KeyMetadata as { KeyId: string; KeyState: string };
  expect(meta).toMatchObject({ KeyId: keyId, KeyState: 'Enabled' });
  expect((await call(page, 'Kms', 'Decrypt', { CiphertextBlob: blob })).Plaintext).toBe(HELLO);
  const again = (await call(page, 'Kms', 'Encrypt', { KeyId: 'alias/persists', Plaintext: HELLO })).CiphertextBlob as string;
  expect((await call(page, 'Kms', 'Decrypt', { CiphertextBlob: again })).Plaintext).toBe(HELLO);

  // T-32: every material record holds a CryptoKey, never bytes; none can be exported or wrapped.
  const material = await page.evaluate(() => new Promise<unknown[]>((resolve, reject) => {
    const open = indexedDB.open('disk-encryption-lab');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const request = open.result.transaction('kmsMaterial').objectStore('kmsMaterial').getAll();
      request.onerror = () => reject(request.error);
      request.onsuccess = async () => {
        open.result.close();
        const kek = await crypto.subtle.generateKey({ name: 'AES-KW', length: 256 }, false, ['wrapKey']);
        resolve(await Promise.all((request.result as { id: string; key: CryptoKey }[]).map(async ({ id, key }) => ({
          id,
          isCryptoKey: key instanceof CryptoKey,
          extractable: key.extractable,
          algorithm: key.algorithm.name,
          exportError: await crypto.subtle.exportKey('raw', key).then(() => 'exported!', (e: DOMException) => e.name),
          wrapError: await crypto.subtle.wrapKey('raw', key, kek, 'AES-KW').then(() => 'wrapped!', (e: DOMException) => e.name),
        }))));
      };
    };
  }));
  const versions = (await call(page, 'Kms', 'ListKeyVersions', { KeyId: keyId })).KeyVersions as { KeyVersion: { KeyVersionId: string }[] };
  expect(material.map((m) => (m as { id: string }).id)).toEqual(expect.arrayContaining(versions.KeyVersion.map((v) => v.KeyVersionId)));
  for (const m of material) {
    expect(m).toMatchObject({ isCryptoKey: true, extractable: false, exportError: 'InvalidAccessError', wrapError: 'InvalidAccessError' });
  }
});

test('the audit trail survives a reload with an intact hash chain and exactly one record per call', async ({ page, context }) => {
  const requestIds: string[] = [];
  const keyId = ((await call(page, 'Kms', 'CreateKey', {})).KeyMetadata as { KeyId: string }).KeyId;
  requestIds.push(...(await Promise.all([
    call(page, 'Kms', 'DescribeKey', { KeyId: keyId }),
    call(page, 'Kms', 'Encrypt', { KeyId: keyId, Plaintext: HELLO }),
    call(page, 'Lab', 'GetClock'),
  ])).map((r) => r.RequestId));
  requestIds.push((await callError(page, 'Kms', 'DescribeKey', { KeyId: '00000000-0000-4000-8000-000000000000' })).RequestId);
  requestIds.push((await call(page, 'Kms', 'DisableKey', { KeyId: keyId })).RequestId);
  requestIds.push((await callError(page, 'Kms', 'Encrypt', { KeyId: keyId, Plaintext: HELLO })).RequestId);

  await page.reload();
  await page.waitForFunction(() => 'aliyunLab' in window);
  const records = await readStore(page, 'audit') as { requestId: string; seq: number; outcome: string; errorCode?: string }[];
  for (const id of requestIds) expect(records.filter((r) => r.requestId === id), `records of ${id}`).toHaveLength(1);
  expect(records.find((r) => r.requestId === requestIds.at(-1))).toMatchObject({ outcome: 'Failure', errorCode: 'Rejected.Disabled' });
  expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i + 1));

  // The chain is checked with the audit module itself, on the harness page of the same origin.
  const checker = await context.newPage();
  await checker.goto('./harness.html');
  await expect(checker.locator('body')).toHaveAttribute('data-ready', 'true');
  const broken = await checker.evaluate((stored) => harness.lab.findBrokenLink(stored as never), records);
  expect(broken).toBeUndefined();
  const tampered = records.map((r, i) => (i === 1 ? { ...r, outcome: 'Success' === r.outcome ? 'Failure' : 'Success' } : r));
  expect(await checker.evaluate((stored) => harness.lab.findBrokenLink(stored as never), tampered)).toBe(2);
  await checker.close();
});

test('Lab AdvanceClock and SwitchAccount persist across a reload, and another tab sees them on its next call', async ({ page, context }) => {
  const before = Date.parse((await call(page, 'Lab', 'GetClock')).Now as string);
  const advanced = Date.parse((await call(page, 'Lab', 'AdvanceClock', { Days: 3 })).Now as string);
  expect(advanced - before).toBeGreaterThanOrEqual(3 * 86_400_000 - 2000);
  const partner = ((await call(page, 'Lab', 'ListAccounts')).Accounts as { AccountId: string }[])[1].AccountId;
  await call(page, 'Lab', 'SwitchAccount', { AccountId: partner });

  const other = await context.newPage();
  await openApp(other);
  await page.reload();
  await page.waitForFunction(() => 'aliyunLab' in window);
  for (const p of [page, other]) {
    const now = Date.parse((await call(p, 'Lab', 'GetClock')).Now as string);
    expect(now - advanced).toBeGreaterThanOrEqual(-1000);
    expect(now - advanced).toBeLessThan(60_000);
    expect(((await call(p, 'Lab', 'ListAccounts')).Accounts as { AccountId: string; Current: boolean }[]).find((a) => a.Current)?.AccountId).toBe(partner);
  }
  // A change made in one open tab is what the other reads on its next call (no stale copy).
  await call(other, 'Lab', 'AdvanceClock', { Hours: 5 });
  const seen = Date.parse((await call(page, 'Lab', 'GetClock')).Now as string);
  expect(seen - advanced).toBeGreaterThanOrEqual(5 * 3_600_000 - 1000);
  await call(page, 'Lab', 'Reset');
  const reset = Date.parse((await call(other, 'Lab', 'GetClock')).Now as string);
  expect(Math.abs(reset - Date.now())).toBeLessThan(60_000);
  await other.close();
});

async function authorize(page: Page): Promise<void> {
  await call(page, 'Ram', 'CreateRole', { RoleName: ECS_DISK_ENCRYPT_ROLE, AssumeRolePolicyDocument: ECS_DISK_ENCRYPT_TRUST_POLICY });
  await call(page, 'Ram', 'AttachPolicyToRole', { PolicyType: 'System', PolicyName: ECS_DISK_ENCRYPT_POLICY, RoleName: ECS_DISK_ENCRYPT_ROLE });
}

test('ECS: an encrypted disk (service key) → CreateSnapshot → CopySnapshot under a CMK → CreateDisk from the copy, on the real pool, survives a reload', async ({ page }) => {
  const data = new Uint8Array(64 * 1024).map((_, i) => (i * 7 + (i >> 9)) & 0xff);
  const source = (await call(page, 'Ecs', 'CreateDisk', { ZoneId: 'cn-hangzhou-h', DiskCategory: 'cloud_essd', Size: 20, Encrypted: true })).DiskId as string;
  await call(page, 'Lab', 'WriteDiskSectors', { DiskId: source, Sector: 2048, DataBase64: toBase64(data) });
  const snapshotId = (await call(page, 'Ecs', 'CreateSnapshot', { DiskId: source })).SnapshotId as string;
  expect((await settledSnapshot(page, snapshotId)).Status).toBe('accomplished');

  const cmk = ((await call(page, 'Kms', 'CreateKey', { Description: 'copy target' })).KeyMetadata as { KeyId: string }).KeyId;
  await authorize(page);
  const copyId = (await call(page, 'Ecs', 'CopySnapshot', { SnapshotId: snapshotId, DestinationRegionId: 'cn-hangzhou', Encrypted: true, KMSKeyId: cmk })).SnapshotId as string;
  expect(await settledSnapshot(page, copyId)).toMatchObject({ Status: 'accomplished', Encrypted: true, KMSKeyId: cmk });
  const copyDisk = (await call(page, 'Ecs', 'CreateDisk', { ZoneId: 'cn-hangzhou-h', DiskCategory: 'cloud_essd', SnapshotId: copyId, Encrypted: true })).DiskId as string;
  expect(await settledDisk(page, copyDisk)).toMatchObject({ Status: 'Available', Encrypted: true, KMSKeyId: cmk });

  const read = async (diskId: string, view: 'Guest' | 'Physical') =>
    fromBase64((await call(page, 'Lab', 'ReadDiskSectors', { DiskId: diskId, Sector: 2048, Count: 128, View: view })).DataBase64 as string);
  for (const round of ['before reload', 'after reload']) {
    if (round === 'after reload') {
      await page.reload();
      await page.waitForFunction(() => 'aliyunLab' in window);
    }
    expect(Buffer.from(await read(copyDisk, 'Guest')).equals(Buffer.from(data)), round).toBe(true);
    expect(Buffer.from(await read(source, 'Guest')).equals(Buffer.from(data)), round).toBe(true);
    const [a, b] = [await read(source, 'Physical'), await read(copyDisk, 'Physical')];
    expect(Buffer.from(a).equals(Buffer.from(data)), `${round}: stored bytes are ciphertext`).toBe(false);
    expect(Buffer.from(a).equals(Buffer.from(b)), `${round}: a new key means new ciphertext`).toBe(false);
  }
  const disks = (await call(page, 'Ecs', 'DescribeDisks', {})).Disks as { Disk: { DiskId: string; Status: string }[] };
  expect(disks.Disk.map((d) => d.DiskId).sort()).toEqual([source, copyDisk].sort());
  expect(disks.Disk.every((d) => d.Status === 'Available')).toBe(true);
});
