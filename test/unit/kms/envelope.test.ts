// Envelope encryption: context binding (T-13), tampered and foreign blobs (T-11, T-14), rotation
// (T-29, T-41), deletion at DeleteDate (T-36, T-37), and ECS's unwrap into the worker pool (T-35).
import { describe, expect, it } from 'vitest';
import { createKmsLab, rejectionOf, RecordingCipher } from '../../support/kms-harness';
import { additionalData, canonicalContext, HEADER_BYTES, parseBlob } from '../../../web/core/kms/blob';
import { findBrokenLink } from '../../../web/core/audit/audit-log';

const ecsRole = (accountId: string) => ({ type: 'assumed-role' as const, accountId, principalId: '300000000000:ecs', userName: 'AliyunECSDiskEncryptDefaultRole:ecs' });

function flip(blob: string, index: number): string {
  const bytes = Uint8Array.from(atob(blob), (c) => c.charCodeAt(0));
  bytes[index < 0 ? bytes.length + index : index] ^= 1;
  return btoa(String.fromCharCode(...bytes));
}

describe('encryption context (T-13)', () => {
  const ctx = { account: '1642381209784201', region: 'cn-hangzhou', lineage: 'd-1' };
  it('decrypts only under the exact context; order of pairs does not matter', async () => {
    const { kmsCall, newKey, auditStore } = await createKmsLab();
    const keyId = await newKey();
    const enc = await kmsCall('Encrypt', { KeyId: keyId, Plaintext: 'c2VjcmV0', EncryptionContext: ctx });
    const reordered = { lineage: 'd-1', region: 'cn-hangzhou', account: '1642381209784201' };
    await expect(kmsCall('Decrypt', { CiphertextBlob: enc.CiphertextBlob, EncryptionContext: reordered })).resolves.toMatchObject({ Plaintext: 'c2VjcmV0' });
    const wrong = [
      { ...ctx, lineage: 'd-2' }, { account: ctx.account, region: ctx.region, Lineage: 'd-1' }, { ...ctx, lineage: 'D-1' },
      { ...ctx, extra: 'x' }, { account: ctx.account, region: ctx.region }, {}, undefined,
    ];
    for (const EncryptionContext of wrong) {
      const e = await rejectionOf(kmsCall('Decrypt', { CiphertextBlob: enc.CiphertextBlob, EncryptionContext }));
      expect([e.Code, e.HttpStatus]).toEqual(['InvalidParameter', 400]);
    }
    const failures = auditStore.records.filter((r) => r.action === 'Decrypt' && r.outcome === 'Failure');
    expect(failures).toHaveLength(wrong.length);
    expect(failures[0]).toMatchObject({ keyId, errorCode: 'InvalidParameter' });
  });

  it('canonical form: sorted keys, JSON escaping, {} for none', () => {
    expect(canonicalContext({ b: '2', a: 'é"' })).toBe('{"a":"é\\"","b":"2"}');
    expect(canonicalContext(undefined)).toBe('{}');
  });
});

describe('CiphertextBlob format and tampering (T-11, T-14)', () => {
  it('the blob is version ‖ key id ‖ version id ‖ IV ‖ ciphertext ‖ tag', async () => {
    const { kmsCall, newKey } = await createKmsLab();
    const keyId = await newKey();
    const enc = await kmsCall('GenerateDataKeyWithoutPlaintext', { KeyId: keyId, NumberOfBytes: 64 });
    const parsed = parseBlob(enc.CiphertextBlob as string);
    if (typeof parsed === 'string') throw new Error(parsed);
    expect(parsed).toMatchObject({ keyId, keyVersionId: enc.KeyVersionId });
    expect(parsed.header[0]).toBe(1);
    expect(parsed.wrapped.length).toBe(12 + 64 + 16);
    expect(atob(enc.CiphertextBlob as string).length).toBe(HEADER_BYTES + 92);
  });

  it('a flipped bit anywhere, a truncated or extended blob, or non-Base64 is refused with InvalidParameter and decrypts nothing', async () => {
    const { kmsCall, newKey } = await createKmsLab();
    const keyId = await newKey();
    const blob = (await kmsCall('Encrypt', { KeyId: keyId, Plaintext: 'AAECAwQFBgc=' })).CiphertextBlob as string;
    const bad = [flip(blob, 0), flip(blob, 5), flip(blob, 40), flip(blob, HEADER_BYTES), flip(blob, HEADER_BYTES + 13), flip(blob, -1),
      btoa(atob(blob).slice(0, 60)), btoa(atob(blob).slice(0, -1)), btoa(atob(blob) + 'x'), 'not-base64', ''];
    for (const CiphertextBlob of bad) {
      const e = await rejectionOf(kmsCall('Decrypt', { CiphertextBlob }));
      // A bit flipped inside the key id names another (unknown) key: Forbidden.KeyNotFound; '' is missing.
      expect(['InvalidParameter', 'Forbidden.KeyNotFound', 'MissingParameter']).toContain(e.Code);
      expect(e).not.toHaveProperty('Plaintext');
    }
    expect((await rejectionOf(kmsCall('Decrypt', { CiphertextBlob: flip(blob, -1) }))).Code).toBe('InvalidParameter');
  });

  it('a blob moved to another key (cut and paste of the header) fails to decrypt', async () => {
    const { kmsCall, newKey } = await createKmsLab();
    const a = await newKey();
    const b = await newKey();
    const blobA = atob((await kmsCall('Encrypt', { KeyId: a, Plaintext: 'AA==' })).CiphertextBlob as string);
    const blobB = atob((await kmsCall('Encrypt', { KeyId: b, Plaintext: 'AA==' })).CiphertextBlob as string);
    const moved = btoa(blobB.slice(0, HEADER_BYTES) + blobA.slice(HEADER_BYTES));
    expect((await rejectionOf(kmsCall('Decrypt', { CiphertextBlob: moved }))).Code).toBe('InvalidParameter');
  });

  it('a blob of another account is Forbidden.KeyNotFound there (no existence oracle)', async () => {
    const { kmsCall, newKey, router } = await createKmsLab();
    const blob = (await kmsCall('Encrypt', { KeyId: await newKey(), Plaintext: 'AA==' })).CiphertextBlob;
    await router.call('Lab', 'SwitchAccount', { AccountId: '1976043571238805' });
    expect((await rejectionOf(kmsCall('Decrypt', { CiphertextBlob: blob }))).Code).toBe('Forbidden.KeyNotFound');
  });
});

describe('versions and rotation (T-29, T-41)', () => {
  it('CreateKeyVersion makes a new primary: new ciphertext uses it, every older version still decrypts', async () => {
    const { kmsCall, newKey } = await createKmsLab();
    const keyId = await newKey();
    const blobs: { blob: string; version: string }[] = [];
    for (let i = 0; i < 5; i++) {
      const enc = await kmsCall('Encrypt', { KeyId: keyId, Plaintext: btoa(`m${i}`) });
      blobs.push({ blob: enc.CiphertextBlob as string, version: enc.KeyVersionId as string });
      const v = (await kmsCall('CreateKeyVersion', { KeyId: keyId })).KeyVersion as { KeyVersionId: string };
      expect((await kmsCall('DescribeKey', { KeyId: keyId })).KeyMetadata).toMatchObject({ PrimaryKeyVersion: v.KeyVersionId });
      expect((await kmsCall('Encrypt', { KeyId: keyId, Plaintext: 'AA==' })).KeyVersionId).toBe(v.KeyVersionId);
    }
    expect(new Set(blobs.map((b) => b.version)).size).toBe(5);
    for (const [i, { blob, version }] of blobs.entries()) {
      expect(await kmsCall('Decrypt', { CiphertextBlob: blob })).toMatchObject({ KeyVersionId: version, Plaintext: btoa(`m${i}`) });
    }
    const list = await kmsCall('ListKeyVersions', { KeyId: keyId, PageSize: 100 });
    expect(list.TotalCount).toBe(6);
    const first = (list.KeyVersions as { KeyVersion: { KeyVersionId: string }[] }).KeyVersion[0];
    expect((await kmsCall('DescribeKeyVersion', { KeyId: keyId, KeyVersionId: first.KeyVersionId })).KeyVersion).toMatchObject({ KeyId: keyId, CreationDate: '2026-12-04T15:30:00Z' });
    expect((await rejectionOf(kmsCall('DescribeKeyVersion', { KeyId: keyId, KeyVersionId: 'nope' }))).Code).toBe('Forbidden.KeyNotFound');
  });

  it('automatic rotation happens on the lab clock: AdvanceClock past RotationInterval makes one version per interval', async () => {
    const { kmsCall, newKey, router, auditStore } = await createKmsLab();
    const keyId = await newKey({ EnableAutomaticRotation: true, RotationInterval: '7d' });
    const md0 = (await kmsCall('DescribeKey', { KeyId: keyId })).KeyMetadata as Record<string, string>;
    expect(md0).toMatchObject({ AutomaticRotation: 'Enabled', NextRotationDate: '2026-12-11T15:30:00Z', LastRotationDate: '2026-12-04T15:30:00Z' });
    const old = (await kmsCall('Encrypt', { KeyId: keyId, Plaintext: 'AA==' })).CiphertextBlob;
    await router.call('Lab', 'AdvanceClock', { Days: 15 });
    const md1 = (await kmsCall('DescribeKey', { KeyId: keyId })).KeyMetadata as Record<string, string>;
    expect(md1).toMatchObject({ LastRotationDate: '2026-12-18T15:30:00Z', NextRotationDate: '2026-12-25T15:30:00Z' });
    expect(md1.PrimaryKeyVersion).not.toBe(md0.PrimaryKeyVersion);
    expect((await kmsCall('ListKeyVersions', { KeyId: keyId })).TotalCount).toBe(3);
    await expect(kmsCall('Decrypt', { CiphertextBlob: old })).resolves.toMatchObject({ KeyVersionId: md0.PrimaryKeyVersion });
    expect(auditStore.records.filter((r) => r.action === 'RotateKey').map((r) => [r.eventType, r.caller.type])).toEqual([['AliyunServiceEvent', 'system'], ['AliyunServiceEvent', 'system']]);
  });

  it('rotation is Suspended while the key is disabled', async () => {
    const { kmsCall, newKey, router } = await createKmsLab();
    const keyId = await newKey({ EnableAutomaticRotation: true, RotationInterval: '7d' });
    await kmsCall('DisableKey', { KeyId: keyId });
    await router.call('Lab', 'AdvanceClock', { Days: 8 });
    expect((await kmsCall('DescribeKey', { KeyId: keyId })).KeyMetadata).toMatchObject({ AutomaticRotation: 'Suspended' });
    expect((await kmsCall('ListKeyVersions', { KeyId: keyId })).TotalCount).toBe(1);
  });

  it('RotationInterval outside 7d–365d rejects with InvalidParameter; rotation without interval with MissingParameter', async () => {
    const { kmsCall } = await createKmsLab();
    for (const RotationInterval of ['6d', '366d', '604799s', '7x', '-7d']) {
      expect((await rejectionOf(kmsCall('CreateKey', { EnableAutomaticRotation: true, RotationInterval }))).Code).toBe('InvalidParameter');
    }
    expect((await rejectionOf(kmsCall('CreateKey', { EnableAutomaticRotation: true }))).Code).toBe('MissingParameter');
    expect((await kmsCall('CreateKey', { EnableAutomaticRotation: true, RotationInterval: '365d' })).KeyMetadata).toMatchObject({ RotationInterval: '31536000s' });
    expect((await kmsCall('ListKeys')).TotalCount).toBe(1);
  });
});

describe('deletion (T-36, T-37)', () => {
  it('PendingWindowInDays outside 7–366 rejects with InvalidParameter and changes nothing', async () => {
    const { kmsCall, newKey } = await createKmsLab();
    const keyId = await newKey();
    for (const PendingWindowInDays of [6, 367, 0, '7.5']) {
      expect((await rejectionOf(kmsCall('ScheduleKeyDeletion', { KeyId: keyId, PendingWindowInDays }))).Code).toBe('InvalidParameter');
    }
    expect((await rejectionOf(kmsCall('ScheduleKeyDeletion', { KeyId: keyId }))).Code).toBe('MissingParameter');
    expect((await kmsCall('DescribeKey', { KeyId: keyId })).KeyMetadata).toMatchObject({ KeyState: 'Enabled' });
  });

  it('at DeleteDate the key, its versions, aliases and CryptoKey records are gone for good', async () => {
    const lab = await createKmsLab();
    const { kmsCall, newKey, router, store } = lab;
    const keyId = await newKey();
    await kmsCall('CreateKeyVersion', { KeyId: keyId });
    await kmsCall('CreateAlias', { AliasName: 'alias/doomed', KeyId: keyId });
    const blob = (await kmsCall('Encrypt', { KeyId: keyId, Plaintext: 'AA==' })).CiphertextBlob;
    await kmsCall('ScheduleKeyDeletion', { KeyId: keyId, PendingWindowInDays: 7 });
    await router.call('Lab', 'AdvanceClock', { Days: 6, Hours: 23 });
    expect((await kmsCall('DescribeKey', { KeyId: keyId })).KeyMetadata).toMatchObject({ KeyState: 'PendingDeletion' });
    expect((await rejectionOf(kmsCall('Decrypt', { CiphertextBlob: blob }))).Code).toBe('Rejected.PendingDeletion');
    const now = await router.call('Lab', 'AdvanceClock', { Hours: 1 });
    expect(now.Now).toBe('2026-12-11T15:30:00Z');
    expect(store.keys.size).toBe(0);
    expect(store.versions.size).toBe(0);
    expect(store.aliases.size).toBe(0);
    expect(store.material.size).toBe(0);
    expect((await rejectionOf(kmsCall('DescribeKey', { KeyId: keyId }))).Code).toBe('Forbidden.KeyNotFound');
    expect((await rejectionOf(kmsCall('Decrypt', { CiphertextBlob: blob }))).Code).toBe('Forbidden.KeyNotFound');
    expect((await rejectionOf(kmsCall('DescribeKey', { KeyId: 'alias/doomed' }))).Code).toBe('Forbidden.AliasNotFound');
    expect(lab.auditStore.records.find((r) => r.action === 'DeleteKey')).toMatchObject({ keyId, eventType: 'AliyunServiceEvent', outcome: 'Success' });
    expect(await findBrokenLink(lab.auditStore.records)).toBeUndefined();
  });

  it('deletion also happens when real time passes (the lab clock runs), at the next KMS call', async () => {
    const { kmsCall, newKey, clock, store } = await createKmsLab();
    const keyId = await newKey();
    await kmsCall('ScheduleKeyDeletion', { KeyId: keyId, PendingWindowInDays: 7 });
    clock.tickReal(7 * 86_400_000);
    expect((await kmsCall('ListKeys')).TotalCount).toBe(0);
    expect(store.material.size).toBe(0);
  });

  it('a protected key cannot be scheduled for deletion (Rejected.StateModifiedFailed, inferred) until protection is removed', async () => {
    const { kmsCall, newKey } = await createKmsLab();
    const keyId = await newKey();
    const arn = `acs:kms:cn-hangzhou:1642381209784201:key/${keyId}`;
    await kmsCall('SetDeletionProtection', { ProtectedResourceArn: arn, EnableDeletionProtection: true, DeletionProtectionDescription: 'prod' });
    expect((await kmsCall('DescribeKey', { KeyId: keyId })).KeyMetadata).toMatchObject({ DeletionProtection: 'Enabled', DeletionProtectionDescription: 'prod' });
    const e = await rejectionOf(kmsCall('ScheduleKeyDeletion', { KeyId: keyId, PendingWindowInDays: 7 }));
    expect([e.Code, e.HttpStatus]).toEqual(['Rejected.StateModifiedFailed', 409]);
    await kmsCall('SetDeletionProtection', { ProtectedResourceArn: arn, EnableDeletionProtection: 'false' });
    await expect(kmsCall('ScheduleKeyDeletion', { KeyId: keyId, PendingWindowInDays: 7 })).resolves.toBeTruthy();
    expect((await rejectionOf(kmsCall('SetDeletionProtection', { ProtectedResourceArn: 'key/x', EnableDeletionProtection: true }))).Code).toBe('InvalidParameter');
    expect((await rejectionOf(kmsCall('SetDeletionProtection', { ProtectedResourceArn: arn.replace('cn-hangzhou', 'cn-beijing'), EnableDeletionProtection: true }))).Code).toBe('Forbidden.KeyNotFound');
  });
});

describe('unwrap into the worker pool (ECS path, T-35)', () => {
  it('hands the pool the version\'s non-extractable CryptoKey, IV ‖ ciphertext ‖ tag and the AAD; audited as Decrypt by the caller', async () => {
    const { kms, auditStore } = await createKmsLab();
    const account = '1642381209784201';
    const caller = ecsRole(account);
    const { KeyId } = await kms.getOrCreateServiceKey({ accountId: account, regionId: 'cn-hangzhou', caller: { ...caller, type: 'system' } });
    const context = { account, region: 'cn-hangzhou', lineage: 'lin-1' };
    const wrapped = await kms.generateWrappedDataKey({ accountId: account, regionId: 'cn-hangzhou', caller, keyId: KeyId, numberOfBytes: 64, encryptionContext: context });
    expect(wrapped).not.toHaveProperty('Plaintext');
    const cipher = new RecordingCipher();
    const result = await kms.unwrapIntoPool({ accountId: account, regionId: 'cn-hangzhou', caller, ciphertextBlob: wrapped.CiphertextBlob, encryptionContext: context, cipher });
    expect(result).toMatchObject({ KeyId, KeyVersionId: wrapped.KeyVersionId });
    expect(result).not.toHaveProperty('Plaintext');
    const [load] = cipher.loads;
    expect(load.kek.extractable).toBe(false);
    expect(load.kek.algorithm).toMatchObject({ name: 'AES-GCM' });
    const parsed = parseBlob(wrapped.CiphertextBlob);
    if (typeof parsed === 'string') throw new Error(parsed);
    expect(load.blob).toEqual(parsed.wrapped);
    expect(load.aad).toEqual(additionalData(parsed.header, context));
    const key = cipher.keys.get(result.handle)!;
    expect(key.length).toBe(64);
    expect(key.subarray(0, 32)).not.toEqual(key.subarray(32));
    const record = auditStore.records.at(-1)!;
    expect(record).toMatchObject({ action: 'Decrypt', product: 'Kms', outcome: 'Success', keyId: KeyId, keyVersionId: wrapped.KeyVersionId, requestId: result.RequestId });
    expect(record.caller).toEqual(caller);
  });

  it('a disabled key refuses the unwrap with Rejected.Disabled before the pool is asked; a wrong lineage fails in the pool', async () => {
    const { kms, kmsCall, newKey, auditStore } = await createKmsLab();
    const account = '1642381209784201';
    const caller = ecsRole(account);
    const keyId = await newKey();
    const context = { lineage: 'lin-1' };
    const { CiphertextBlob } = await kms.generateWrappedDataKey({ accountId: account, regionId: 'cn-hangzhou', caller, keyId, numberOfBytes: 64, encryptionContext: context });
    const cipher = new RecordingCipher();
    const moved = await rejectionOf(kms.unwrapIntoPool({ accountId: account, regionId: 'cn-hangzhou', caller, ciphertextBlob: CiphertextBlob, encryptionContext: { lineage: 'lin-2' }, cipher }));
    expect(moved.code).toBe('InvalidParameter');
    await kmsCall('DisableKey', { KeyId: keyId });
    cipher.loads.length = 0;
    const e = await rejectionOf(kms.unwrapIntoPool({ accountId: account, regionId: 'cn-hangzhou', caller, ciphertextBlob: CiphertextBlob, encryptionContext: context, cipher }));
    expect([e.code, (e as unknown as { httpStatus: number }).httpStatus]).toEqual(['Rejected.Disabled', 409]);
    expect(cipher.loads).toHaveLength(0);
    expect(auditStore.records.at(-1)).toMatchObject({ action: 'Decrypt', outcome: 'Failure', errorCode: 'Rejected.Disabled', keyId });
    await kmsCall('EnableKey', { KeyId: keyId });
    await expect(kms.unwrapIntoPool({ accountId: account, regionId: 'cn-hangzhou', caller, ciphertextBlob: CiphertextBlob, encryptionContext: context, cipher })).resolves.toHaveProperty('handle');
  });

  it('fails closed: if the Decrypt record cannot be written, the handle is released and the call fails', async () => {
    const { kms, newKey, auditStore } = await createKmsLab();
    const account = '1642381209784201';
    const caller = ecsRole(account);
    const keyId = await newKey();
    const { CiphertextBlob } = await kms.generateWrappedDataKey({ accountId: account, regionId: 'cn-hangzhou', caller, keyId, numberOfBytes: 32, encryptionContext: {} });
    const cipher = new RecordingCipher();
    auditStore.failWith = new Error('disk full');
    const e = await rejectionOf(kms.unwrapIntoPool({ accountId: account, regionId: 'cn-hangzhou', caller, ciphertextBlob: CiphertextBlob, encryptionContext: {}, cipher }));
    expect(e.code).toBe('InternalFailure');
    expect(cipher.keys.size).toBe(0);
    expect(cipher.released).toHaveLength(1);
  });
});

describe('data keys made inside the pool (ECS path)', () => {
  it('the pool makes and seals the 64-byte key; the CiphertextBlob unwraps to exactly that key, and the call is audited as GenerateDataKeyWithoutPlaintext', async () => {
    const { kms, auditStore } = await createKmsLab();
    const account = '1642381209784201';
    const caller = ecsRole(account);
    const { KeyId } = await kms.getOrCreateServiceKey({ accountId: account, regionId: 'cn-hangzhou', caller: { ...caller, type: 'system' } });
    const context = { account, region: 'cn-hangzhou', lineage: 'lin-2' };
    const cipher = new RecordingCipher();
    const wrapped = await kms.generateWrappedDataKey({ accountId: account, regionId: 'cn-hangzhou', caller, keyId: KeyId, numberOfBytes: 64, encryptionContext: context, cipher });
    expect(cipher.generated).toHaveLength(1);
    expect(wrapped).not.toHaveProperty('Plaintext');
    const { handle } = await kms.unwrapIntoPool({ accountId: account, regionId: 'cn-hangzhou', caller, ciphertextBlob: wrapped.CiphertextBlob, encryptionContext: context, cipher });
    expect(cipher.keys.get(handle)).toEqual(cipher.generated[0]);
    const records = await auditStore.list();
    expect(records.some((r) => r.action === 'GenerateDataKeyWithoutPlaintext' && r.outcome === 'Success' && r.keyId === KeyId)).toBe(true);
  });

  it('refuses anything but a 64-byte key on that path, before the pool is asked', async () => {
    const { kms } = await createKmsLab();
    const account = '1642381209784201';
    const caller = ecsRole(account);
    const { KeyId } = await kms.getOrCreateServiceKey({ accountId: account, regionId: 'cn-hangzhou', caller: { ...caller, type: 'system' } });
    const cipher = new RecordingCipher();
    await expect(kms.generateWrappedDataKey({ accountId: account, regionId: 'cn-hangzhou', caller, keyId: KeyId, numberOfBytes: 32, encryptionContext: {}, cipher })).rejects.toBeTruthy();
    expect(cipher.generated).toHaveLength(0);
  });
});
