// KMS through the router: CreateKey/DescribeKey/ListKeys shapes, envelope round trips, the service key.
import { describe, expect, it } from 'vitest';
import { createKmsLab, rejectionOf } from '../../support/kms-harness';
import { findBrokenLink } from '../../../web/core/audit/audit-log';

describe('kms basics', () => {
  it('CreateKey returns KeyMetadata with the reference fields and an uppercase RequestId', async () => {
    const { kmsCall } = await createKmsLab();
    const res = await kmsCall('CreateKey', { Description: 'demo' });
    expect(res.RequestId).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
    const md = res.KeyMetadata as Record<string, unknown>;
    expect(md).toMatchObject({
      KeySpec: 'Aliyun_AES_256', KeyState: 'Enabled', KeyUsage: 'ENCRYPT/DECRYPT', Origin: 'Aliyun_KMS', Description: 'demo',
      AutomaticRotation: 'Disabled', DeletionProtection: 'Disabled', Creator: '1642381209784201', ProtectionLevel: 'SOFTWARE',
      CreationDate: '2026-12-04T15:30:00Z', MaterialExpireTime: '',
    });
    expect(md.Arn).toBe(`acs:kms:cn-hangzhou:1642381209784201:key/${md.KeyId}`);
    expect(md.PrimaryKeyVersion).toMatch(/^[0-9a-f-]{36}$/);
    expect(md).not.toHaveProperty('DeleteDate');
    expect(md).not.toHaveProperty('NextRotationDate');
  });

  it('key material is a non-extractable AES-GCM CryptoKey and exportKey throws', async () => {
    const { kmsCall, store } = await createKmsLab();
    const md = (await kmsCall('CreateKey')).KeyMetadata as { PrimaryKeyVersion: string };
    const key = await store.getMaterial(md.PrimaryKeyVersion);
    expect(key?.extractable).toBe(false);
    expect(key?.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    await expect(crypto.subtle.exportKey('raw', key!)).rejects.toThrow();
  });

  it('Encrypt then Decrypt round-trips with KeyId (real id for an alias) and KeyVersionId', async () => {
    const { kmsCall, newKey } = await createKmsLab();
    const keyId = await newKey();
    await kmsCall('CreateAlias', { AliasName: 'alias/demo', KeyId: keyId });
    const enc = await kmsCall('Encrypt', { KeyId: 'alias/demo', Plaintext: 'aGVsbG8=' });
    expect(enc.KeyId).toBe(keyId);
    expect(enc.KeyVersionId).toMatch(/^[0-9a-f-]{36}$/);
    const dec = await kmsCall('Decrypt', { CiphertextBlob: enc.CiphertextBlob });
    expect(dec).toMatchObject({ KeyId: keyId, KeyVersionId: enc.KeyVersionId, Plaintext: 'aGVsbG8=' });
  });

  it('GenerateDataKey returns 32 bytes by default, 16 for AES_128, NumberOfBytes wins; WithoutPlaintext has no Plaintext', async () => {
    const { kmsCall, newKey } = await createKmsLab();
    const keyId = await newKey();
    const len = (b64: unknown) => atob(b64 as string).length;
    expect(len((await kmsCall('GenerateDataKey', { KeyId: keyId })).Plaintext)).toBe(32);
    expect(len((await kmsCall('GenerateDataKey', { KeyId: keyId, KeySpec: 'AES_128' })).Plaintext)).toBe(16);
    expect(len((await kmsCall('GenerateDataKey', { KeyId: keyId, KeySpec: 'AES_128', NumberOfBytes: '1024' })).Plaintext)).toBe(1024);
    const without = await kmsCall('GenerateDataKeyWithoutPlaintext', { KeyId: keyId, NumberOfBytes: 64 });
    expect(without).not.toHaveProperty('Plaintext');
    expect(without.KeyId).toBe(keyId);
    const dec = await kmsCall('Decrypt', { CiphertextBlob: without.CiphertextBlob });
    expect(len(dec.Plaintext)).toBe(64);
  });

  it('GenerateDataKey NumberOfBytes 0 and 1025 reject with InvalidParameter (400)', async () => {
    const { kmsCall, newKey } = await createKmsLab();
    const keyId = await newKey();
    for (const n of [0, 1025, '1.5', 'x']) {
      const e = await rejectionOf(kmsCall('GenerateDataKey', { KeyId: keyId, NumberOfBytes: n }));
      expect([e.Code, e.HttpStatus]).toEqual(['InvalidParameter', 400]);
    }
  });

  it('Encrypt over 6 KB rejects with InvalidParameter; exactly 6 KB succeeds', async () => {
    const { kmsCall, newKey } = await createKmsLab();
    const keyId = await newKey();
    const b64 = (n: number) => btoa(String.fromCharCode(...new Uint8Array(n)));
    await expect(kmsCall('Encrypt', { KeyId: keyId, Plaintext: b64(6144) })).resolves.toHaveProperty('CiphertextBlob');
    const e = await rejectionOf(kmsCall('Encrypt', { KeyId: keyId, Plaintext: b64(6145) }));
    expect(e.Code).toBe('InvalidParameter');
    expect((await rejectionOf(kmsCall('Encrypt', { KeyId: keyId, Plaintext: 'not base64!' }))).Code).toBe('InvalidParameter');
  });

  it('ListKeys pages with {Keys: {Key}}, TotalCount, PageNumber, PageSize', async () => {
    const { kmsCall, newKey } = await createKmsLab();
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await newKey());
    const first = await kmsCall('ListKeys');
    expect(first).toMatchObject({ TotalCount: 12, PageNumber: 1, PageSize: 10 });
    expect((first.Keys as { Key: { KeyId: string }[] }).Key.map((k) => k.KeyId)).toEqual(ids.slice(0, 10));
    const second = await kmsCall('ListKeys', { PageNumber: '2', PageSize: '10' });
    expect((second.Keys as { Key: { KeyId: string; KeyArn: string }[] }).Key.map((k) => k.KeyId)).toEqual(ids.slice(10));
    const beyond = await kmsCall('ListKeys', { PageNumber: 5 });
    expect((beyond.Keys as { Key: unknown[] }).Key).toEqual([]);
    expect((await rejectionOf(kmsCall('ListKeys', { PageSize: 101 }))).Code).toBe('InvalidParameter');
    expect((await rejectionOf(kmsCall('ListKeys', { PageNumber: 0 }))).Code).toBe('InvalidParameter');
  });

  it('keys are per account and region: another region or account answers Forbidden.KeyNotFound (404)', async () => {
    const { kmsCall, newKey, router } = await createKmsLab();
    const keyId = await newKey();
    const e = await rejectionOf(kmsCall('DescribeKey', { KeyId: keyId, RegionId: 'cn-shanghai' }));
    expect([e.Code, e.HttpStatus]).toEqual(['Forbidden.KeyNotFound', 404]);
    await router.call('Lab', 'SwitchAccount', { AccountId: '1976043571238805' });
    expect((await rejectionOf(kmsCall('DescribeKey', { KeyId: keyId }))).Code).toBe('Forbidden.KeyNotFound');
    expect((await kmsCall('ListKeys')).TotalCount).toBe(0);
  });

  it('an unknown key id, a malformed id and an unknown alias answer Forbidden.KeyNotFound / Forbidden.AliasNotFound (404)', async () => {
    const { kmsCall } = await createKmsLab();
    expect((await rejectionOf(kmsCall('DescribeKey', { KeyId: '00000000-0000-4000-8000-000000000000' }))).Code).toBe('Forbidden.KeyNotFound');
    expect((await rejectionOf(kmsCall('DescribeKey', { KeyId: 'nonsense' }))).Code).toBe('Forbidden.KeyNotFound');
    const e = await rejectionOf(kmsCall('DescribeKey', { KeyId: 'alias/none' }));
    expect([e.Code, e.HttpStatus]).toEqual(['Forbidden.AliasNotFound', 404]);
  });

  it('an alias where the action takes only a key id rejects with Unsupported.Alias (400)', async () => {
    const { kmsCall, newKey } = await createKmsLab();
    const keyId = await newKey();
    await kmsCall('CreateAlias', { AliasName: 'alias/a', KeyId: keyId });
    const e = await rejectionOf(kmsCall('DisableKey', { KeyId: 'alias/a' }));
    expect([e.Code, e.HttpStatus]).toEqual(['Unsupported.Alias', 400]);
    expect((await kmsCall('DescribeKey', { KeyId: keyId })).KeyMetadata).toMatchObject({ KeyState: 'Enabled' });
  });

  it('CreateKey with a documented but unsimulated KeySpec rejects with InvalidParameter; an unknown one too', async () => {
    const { kmsCall } = await createKmsLab();
    expect((await rejectionOf(kmsCall('CreateKey', { KeySpec: 'RSA_2048' }))).Code).toBe('InvalidParameter');
    expect((await rejectionOf(kmsCall('CreateKey', { KeySpec: 'AES_999' }))).Code).toBe('InvalidParameter');
    expect((await rejectionOf(kmsCall('CreateKey', { Origin: 'external' }))).Code).toBe('InvalidParameter');
    expect((await kmsCall('ListKeys')).TotalCount).toBe(0);
  });

  it('CreateKey beyond the key quota rejects with Rejected.LimitExceeded (400)', async () => {
    const { kmsCall, newKey } = await createKmsLab({ maxKeysPerRegion: 2 });
    await newKey();
    await newKey();
    const e = await rejectionOf(kmsCall('CreateKey'));
    expect([e.Code, e.HttpStatus]).toEqual(['Rejected.LimitExceeded', 400]);
  });

  it('CreateKey in a region without CMKs rejects with Forbidden.KmsServiceNotEnabled (403, inferred)', async () => {
    const { kmsCall } = await createKmsLab();
    const e = await rejectionOf(kmsCall('CreateKey', { RegionId: 'ap-southeast-7' }));
    expect([e.Code, e.HttpStatus]).toEqual(['Forbidden.KmsServiceNotEnabled', 403]);
  });

  it('every call, success or failure, leaves exactly one audit record and the chain is intact', async () => {
    const { kmsCall, newKey, auditStore } = await createKmsLab();
    const keyId = await newKey();
    await kmsCall('DescribeKey', { KeyId: keyId });
    await rejectionOf(kmsCall('DisableKey', { KeyId: 'alias/x' }));
    const enc = await kmsCall('Encrypt', { KeyId: keyId, Plaintext: 'AA==', EncryptionContext: { a: '1' } });
    const records = auditStore.records;
    expect(records.map((r) => [r.action, r.outcome, r.errorCode])).toEqual([
      ['CreateKey', 'Success', undefined], ['DescribeKey', 'Success', undefined], ['DisableKey', 'Failure', 'Unsupported.Alias'], ['Encrypt', 'Success', undefined],
    ]);
    expect(records[3]).toMatchObject({ keyId, keyVersionId: enc.KeyVersionId, requestId: enc.RequestId, product: 'Kms', eventType: 'ApiCall', accountId: '1642381209784201', regionId: 'cn-hangzhou' });
    expect(records[3].caller).toEqual({ type: 'root-account', accountId: '1642381209784201', principalId: '1642381209784201', userName: 'root' });
    expect(records[3].encryptionContextHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await findBrokenLink(records)).toBeUndefined();
    records[1].action = 'EnableKey';
    expect(await findBrokenLink(records)).toBe(2);
  });
});
