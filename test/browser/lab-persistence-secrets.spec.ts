// T-31 / T-32 in the built app: after encrypted disks are created, written, snapshotted and copied
// under the service key and a CMK, every IndexedDB store of the origin, localStorage, sessionStorage,
// Cache Storage and OPFS are dumped and searched. See the test's comment for what "key-like" means.
import { expect, test, type Page } from '@playwright/test';
import { ECS_DISK_ENCRYPT_POLICY, ECS_DISK_ENCRYPT_ROLE, ECS_DISK_ENCRYPT_TRUST_POLICY } from '../../web/core/ram/roles';
import { call, openApp, settledDisk, settledSnapshot, toBase64 } from '../support/lab-page';

let pageErrors: string[] = [];

test.beforeEach(async ({ page }) => {
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await openApp(page);
});
test.afterEach(() => { expect(pageErrors).toEqual([]); });

interface ScanResult {
  stores: Record<string, number>;
  cryptoKeys: { path: string; extractable: boolean; algorithm: string }[];
  keyLikeBytes: string[];
  keyLikeStrings: string[];
  dekFound: string[];
  byteArrays: number;
}

/** Runs in the page: walks every record of every store of every database, and the other storages. */
async function scan(page: Page, dekBase64: string): Promise<ScanResult> {
  return page.evaluate(async (dekB64) => {
    const dek = Uint8Array.from(atob(dekB64), (c) => c.charCodeAt(0));
    const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    const b64 = (b: Uint8Array) => btoa(String.fromCharCode(...b));
    const reversed = dek.slice().reverse();
    const needles = [dek, reversed];
    const textNeedles = needles.flatMap((n) => [hex(n), hex(n).toUpperCase(), b64(n), b64(n).replace(/=+$/, '')]);
    const out: ScanResult = { stores: {}, cryptoKeys: [], keyLikeBytes: [], keyLikeStrings: [], dekFound: [], byteArrays: 0 };
    // SHA-256 digests (32 bytes as 64 hex digits) that are not keys: the audit chain and context hashes.
    const DIGEST_FIELDS = new Set(['hash', 'prevHash', 'encryptionContextHash']);
    const contains = (hay: Uint8Array, needle: Uint8Array) => {
      for (let i = hay.indexOf(needle[0]); i !== -1 && i <= hay.length - needle.length; i = hay.indexOf(needle[0], i + 1)) {
        let j = 1;
        while (j < needle.length && hay[i + j] === needle[j]) j++;
        if (j === needle.length) return true;
      }
      return false;
    };
    const decodesToKeySize = (s: string) => {
      if (/^[0-9a-fA-F]+$/.test(s) && (s.length === 64 || s.length === 128)) return true;
      if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(s) || s.length < 40 || s.length > 90) return false;
      const bytes = Math.floor((s.replace(/=+$/, '').length * 3) / 4);
      return bytes === 32 || bytes === 64;
    };
    const walk = (value: unknown, path: string, field: string, isChunkData: boolean): void => {
      if (value instanceof CryptoKey) {
        out.cryptoKeys.push({ path, extractable: value.extractable, algorithm: value.algorithm.name });
      } else if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
        const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
        out.byteArrays++;
        if ((bytes.length === 32 || bytes.length === 64) && !isChunkData) out.keyLikeBytes.push(`${path} (${bytes.length} bytes)`);
        if (needles.some((n) => contains(bytes, n))) out.dekFound.push(path);
      } else if (typeof value === 'string') {
        if (decodesToKeySize(value) && !DIGEST_FIELDS.has(field)) out.keyLikeStrings.push(`${path} = ${value.slice(0, 16)}…`);
        if (textNeedles.some((n) => value.includes(n))) out.dekFound.push(path);
      } else if (Array.isArray(value)) {
        value.forEach((v, i) => walk(v, `${path}[${i}]`, field, isChunkData));
      } else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`, k, isChunkData);
      }
    };
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(info.name!);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      for (const name of Array.from(db.objectStoreNames)) {
        const [keys, values] = await Promise.all(['getAllKeys', 'getAll'].map((m) => new Promise<unknown[]>((resolve, reject) => {
          const request = (db.transaction(name).objectStore(name) as unknown as Record<string, () => IDBRequest<unknown[]>>)[m]();
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        })));
        out.stores[`${info.name}/${name}`] = values.length;
        // Chunk data is ciphertext (sectors); its size is a whole chunk, never 32 or 64 bytes.
        values.forEach((v, i) => walk(v, `${info.name}/${name}[${JSON.stringify(keys[i])}]`, '', name === 'chunks'));
        keys.forEach((k, i) => walk(k, `${info.name}/${name}{key ${i}}`, 'key', false));
      }
      db.close();
    }
    for (const [label, storage] of [['localStorage', localStorage], ['sessionStorage', sessionStorage]] as const) {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i)!;
        walk(storage.getItem(key), `${label}[${key}]`, key, false);
      }
    }
    for (const cacheName of await caches.keys()) {
      const cache = await caches.open(cacheName);
      for (const request of await cache.keys()) walk(new Uint8Array(await (await cache.match(request))!.arrayBuffer()), `cache ${cacheName} ${request.url}`, '', false);
    }
    const visit = async (dir: FileSystemDirectoryHandle, path: string): Promise<void> => {
      for await (const [name, handle] of (dir as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()) {
        if (handle.kind === 'file') walk(new Uint8Array(await (await (handle as FileSystemFileHandle).getFile()).arrayBuffer()), `opfs ${path}/${name}`, '', false);
        else await visit(handle as FileSystemDirectoryHandle, `${path}/${name}`);
      }
    };
    await visit(await navigator.storage.getDirectory(), '');
    return out;
  }, dekBase64);
}

test('T-31/T-32: no store of the origin holds a raw key-like byte array or a known data key, and every stored CryptoKey is non-extractable', async ({ page }) => {
  // A data key whose plaintext we know: the public GenerateDataKey returns it to its caller (as the
  // cloud does). The lab must not keep it anywhere (raw, reversed, hex or Base64).
  const cmk = ((await call(page, 'Kms', 'CreateKey', {})).KeyMetadata as { KeyId: string }).KeyId;
  const dek = (await call(page, 'Kms', 'GenerateDataKey', { KeyId: cmk, KeySpec: 'AES_256' })).Plaintext as string;
  await call(page, 'Kms', 'Encrypt', { KeyId: cmk, Plaintext: dek }); // the DEK as a payload, too
  await call(page, 'Ram', 'CreateRole', { RoleName: ECS_DISK_ENCRYPT_ROLE, AssumeRolePolicyDocument: ECS_DISK_ENCRYPT_TRUST_POLICY });
  await call(page, 'Ram', 'AttachPolicyToRole', { PolicyType: 'System', PolicyName: ECS_DISK_ENCRYPT_POLICY, RoleName: ECS_DISK_ENCRYPT_ROLE });

  // Encrypted disks under the service key and the CMK, written, snapshotted and copied (re-encrypted).
  const pattern = toBase64(new Uint8Array(8192).map((_, i) => (i % 16) + 0x41));
  const serviceDisk = (await call(page, 'Ecs', 'CreateDisk', { ZoneId: 'cn-hangzhou-h', DiskCategory: 'cloud_essd', Size: 20, Encrypted: true })).DiskId as string;
  const cmkDisk = (await call(page, 'Ecs', 'CreateDisk', { ZoneId: 'cn-hangzhou-h', DiskCategory: 'cloud_essd', Size: 20, Encrypted: true, KMSKeyId: cmk })).DiskId as string;
  for (const diskId of [serviceDisk, cmkDisk]) await call(page, 'Lab', 'WriteDiskSectors', { DiskId: diskId, Sector: 0, DataBase64: pattern });
  const snapshot = (await call(page, 'Ecs', 'CreateSnapshot', { DiskId: serviceDisk })).SnapshotId as string;
  await settledSnapshot(page, snapshot);
  const copy = (await call(page, 'Ecs', 'CopySnapshot', { SnapshotId: snapshot, DestinationRegionId: 'cn-hangzhou', Encrypted: true, KMSKeyId: cmk })).SnapshotId as string;
  expect((await settledSnapshot(page, copy)).Status).toBe('accomplished');
  const fromCopy = (await call(page, 'Ecs', 'CreateDisk', { ZoneId: 'cn-hangzhou-h', DiskCategory: 'cloud_essd', SnapshotId: copy, Encrypted: true })).DiskId as string;
  await settledDisk(page, fromCopy);
  await page.reload();
  await page.waitForFunction(() => 'aliyunLab' in window);
  await call(page, 'Lab', 'ReadDiskSectors', { DiskId: fromCopy, Sector: 0, Count: 16, View: 'Guest' });

  // What is checked (the data keys of the disks live only inside the workers, so they cannot be
  // searched for by value): (1) every CryptoKey anywhere is non-extractable (T-32); (2) no record
  // holds an ArrayBuffer or typed array of 32 or 64 bytes (an AES-256 key or an XTS key pair) outside
  // chunk data, which is whole chunks of ciphertext; (3) no string is 64/128 hex digits or Base64 of
  // exactly 32/64 bytes, except the SHA-256 digests of the audit chain (hash, prevHash,
  // encryptionContextHash); wrapped data keys (CiphertextBlob) are longer, as they carry a header,
  // IV and tag; (4) the one data key whose plaintext we know is found nowhere in any encoding.
  const result = await scan(page, dek);
  expect(result.stores['disk-encryption-lab/kmsMaterial']).toBeGreaterThanOrEqual(2);
  expect(result.stores['disk-encryption-lab/chunks']).toBeGreaterThan(0);
  expect(result.cryptoKeys.length).toBeGreaterThanOrEqual(2);
  for (const key of result.cryptoKeys) expect(key, key.path).toMatchObject({ extractable: false });
  expect(result.cryptoKeys.every((k) => k.path.startsWith('disk-encryption-lab/kmsMaterial'))).toBe(true);
  expect(result.keyLikeBytes).toEqual([]);
  expect(result.keyLikeStrings).toEqual([]);
  expect(result.dekFound).toEqual([]);

  // The scan is not blind: a planted raw 32-byte array, an extractable key and the DEK in hex are found.
  await page.evaluate(async (dekB64) => {
    const dekBytes = Uint8Array.from(atob(dekB64), (c) => c.charCodeAt(0));
    const extractable = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt']);
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('scan-control', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('planted');
      open.onsuccess = () => {
        const tx = open.result.transaction('planted', 'readwrite');
        tx.objectStore('planted').put({ raw: new Uint8Array(32).fill(9), key: extractable, text: Array.from(dekBytes, (b) => b.toString(16).padStart(2, '0')).join('') }, 'p');
        tx.oncomplete = () => { open.result.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
      open.onerror = () => reject(open.error);
    });
  }, dek);
  const control = await scan(page, dek);
  expect(control.keyLikeBytes).toEqual(['scan-control/planted["p"].raw (32 bytes)']);
  expect(control.cryptoKeys.filter((k) => k.extractable).map((k) => k.path)).toEqual(['scan-control/planted["p"].key']);
  expect(control.dekFound).toEqual(['scan-control/planted["p"].text']);
});
