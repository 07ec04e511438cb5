// Service key rules, alias rules, tags, BYOK (both OAEP hashes, token expiry, re-import, expiry of
// material), and the Lab product (clock, accounts, reset).
import { describe, expect, it } from 'vitest';
import { createKmsLab, rejectionOf } from '../../support/kms-harness';
import { importMaterial, material, wrapForImport } from '../../support/kms-byok';

const ACCOUNT = '1642381209784201';
const system = { type: 'system' as const, accountId: ACCOUNT, principalId: 'ecs.aliyuncs.com', userName: 'Ecs' };

describe('service key (alias/acs/ecs)', () => {
  it('is created once per account and region, with alias alias/acs/ecs and Creator Ecs', async () => {
    const { kms, kmsCall } = await createKmsLab();
    const a = await kms.getOrCreateServiceKey({ accountId: ACCOUNT, regionId: 'cn-hangzhou', caller: system });
    const b = await kms.getOrCreateServiceKey({ accountId: ACCOUNT, regionId: 'cn-hangzhou', caller: system });
    const c = await kms.getOrCreateServiceKey({ accountId: ACCOUNT, regionId: 'cn-beijing', caller: system });
    expect(b.KeyId).toBe(a.KeyId);
    expect(c.KeyId).not.toBe(a.KeyId);
    expect((await kmsCall('DescribeKey', { KeyId: 'alias/acs/ecs' })).KeyMetadata).toMatchObject({ KeyId: a.KeyId, Creator: 'Ecs', KeyState: 'Enabled' });
  });

  it('cannot be disabled or scheduled for deletion (Rejected.StateModifiedFailed, inferred) nor rotated (Forbidden.NoPermission, inferred)', async () => {
    const { kms, kmsCall } = await createKmsLab();
    const { KeyId } = await kms.getOrCreateServiceKey({ accountId: ACCOUNT, regionId: 'cn-hangzhou', caller: system });
    const cases: [string, Record<string, unknown>, string, number][] = [
      ['DisableKey', { KeyId }, 'Rejected.StateModifiedFailed', 409],
      ['ScheduleKeyDeletion', { KeyId, PendingWindowInDays: 7 }, 'Rejected.StateModifiedFailed', 409],
      ['UpdateRotationPolicy', { KeyId, EnableAutomaticRotation: true, RotationInterval: '30d' }, 'Forbidden.NoPermission', 403],
      ['CreateKeyVersion', { KeyId }, 'Forbidden.NoPermission', 403],
      ['SetDeletionProtection', { ProtectedResourceArn: `acs:kms:cn-hangzhou:${ACCOUNT}:key/${KeyId}`, EnableDeletionProtection: true }, 'Forbidden.NoPermission', 403],
    ];
    for (const [action, params, code, status] of cases) {
      const e = await rejectionOf(kmsCall(action, params));
      expect([action, e.Code, e.HttpStatus]).toEqual([action, code, status]);
    }
    expect((await kmsCall('DescribeKey', { KeyId })).KeyMetadata).toMatchObject({ KeyState: 'Enabled', AutomaticRotation: 'Disabled' });
    await expect(kmsCall('EnableKey', { KeyId })).resolves.toBeTruthy();
  });
});

describe('aliases', () => {
  it('create, list (with AliasArn), list by key, update to another key, delete', async () => {
    const { kmsCall, newKey } = await createKmsLab();
    const a = await newKey();
    const b = await newKey();
    await kmsCall('CreateAlias', { AliasName: 'alias/app/one', KeyId: a });
    await kmsCall('CreateAlias', { AliasName: 'alias/two', KeyId: a });
    const list = await kmsCall('ListAliases');
    expect(list).toMatchObject({ TotalCount: 2, PageNumber: 1, PageSize: 10 });
    expect((list.Aliases as { Alias: unknown[] }).Alias[0]).toEqual({ AliasArn: `acs:kms:cn-hangzhou:${ACCOUNT}:alias/app/one`, AliasName: 'alias/app/one', KeyId: a });
    expect((await kmsCall('ListAliasesByKeyId', { KeyId: a })).TotalCount).toBe(2);
    await kmsCall('UpdateAlias', { AliasName: 'alias/two', KeyId: b });
    expect((await kmsCall('Encrypt', { KeyId: 'alias/two', Plaintext: 'AA==' })).KeyId).toBe(b);
    await kmsCall('DeleteAlias', { AliasName: 'alias/two' });
    expect((await rejectionOf(kmsCall('DeleteAlias', { AliasName: 'alias/two' }))).Code).toBe('Forbidden.AliasNotFound');
    expect((await rejectionOf(kmsCall('UpdateAlias', { AliasName: 'alias/none', KeyId: b }))).Code).toBe('Forbidden.AliasNotFound');
    expect((await kmsCall('ListAliasesByKeyId', { KeyId: b })).TotalCount).toBe(0);
  });

  it('names: alias/ prefix and 1–255 of [A-Za-z0-9_/-] (InvalidParameter), unique per account+region (AliasAlreadyExists), alias/acs/ reserved', async () => {
    const { kmsCall, newKey } = await createKmsLab();
    const a = await newKey();
    for (const AliasName of ['demo', 'alias/', 'alias/has space', `alias/${'x'.repeat(256)}`, 'alias/ü']) {
      expect((await rejectionOf(kmsCall('CreateAlias', { AliasName, KeyId: a }))).Code).toBe('InvalidParameter');
    }
    await expect(kmsCall('CreateAlias', { AliasName: `alias/${'x'.repeat(255)}`, KeyId: a })).resolves.toBeTruthy();
    await kmsCall('CreateAlias', { AliasName: 'alias/dup', KeyId: a });
    const dup = await rejectionOf(kmsCall('CreateAlias', { AliasName: 'alias/dup', KeyId: a }));
    expect([dup.Code, dup.HttpStatus]).toEqual(['AliasAlreadyExists', 400]);
    await expect(kmsCall('CreateAlias', { AliasName: 'alias/dup', KeyId: await newKey({ RegionId: 'cn-beijing' }), RegionId: 'cn-beijing' })).resolves.toBeTruthy();
    const reserved = await rejectionOf(kmsCall('CreateAlias', { AliasName: 'alias/acs/mine', KeyId: a }));
    expect([reserved.Code, reserved.HttpStatus]).toEqual(['InvalidParameter', 400]);
    expect(reserved.Message).toContain('reserved');
    expect((await rejectionOf(kmsCall('DeleteAlias', { AliasName: 'alias/acs/ecs' }))).Code).toBe('InvalidParameter');
    expect((await rejectionOf(kmsCall('CreateAlias', { AliasName: 'alias/x', KeyId: 'alias/dup' }))).Code).toBe('Unsupported.Alias');
  });
});

describe('tags', () => {
  it('TagResource adds and replaces, UntagResource removes, ListResourceTags returns {Tags: {Tag}}', async () => {
    const { kmsCall, newKey } = await createKmsLab();
    const keyId = await newKey({ Tags: [{ TagKey: 'env', TagValue: 'dev' }] });
    await kmsCall('TagResource', { KeyId: keyId, Tags: '[{"TagKey":"env","TagValue":"prod"},{"TagKey":"team","TagValue":"a"}]' });
    expect((await kmsCall('ListResourceTags', { KeyId: keyId })).Tags).toEqual({ Tag: [{ TagKey: 'env', TagValue: 'prod' }, { TagKey: 'team', TagValue: 'a' }] });
    await kmsCall('UntagResource', { KeyId: keyId, TagKeys: '["env"]' });
    expect((await kmsCall('ListResourceTags', { KeyId: keyId })).Tags).toEqual({ Tag: [{ TagKey: 'team', TagValue: 'a' }] });
  });

  it('reserved prefixes are InvalidParameter, more than 20 tags Rejected.LimitExceeded (inferred)', async () => {
    const { kmsCall, newKey } = await createKmsLab();
    const keyId = await newKey();
    for (const TagKey of ['aliyun:x', 'acs:ecs:disk-encryption', 'ACS:x', '']) {
      expect((await rejectionOf(kmsCall('TagResource', { KeyId: keyId, Tags: [{ TagKey, TagValue: 'v' }] }))).Code).toBe('InvalidParameter');
    }
    const many = Array.from({ length: 21 }, (_, i) => ({ TagKey: `k${i}`, TagValue: 'v' }));
    expect((await rejectionOf(kmsCall('TagResource', { KeyId: keyId, Tags: many }))).Code).toBe('Rejected.LimitExceeded');
    expect((await kmsCall('ListResourceTags', { KeyId: keyId })).Tags).toEqual({ Tag: [] });
  });
});

describe('bring your own key (BYOK)', () => {
  for (const algorithm of ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] as const) {
    it(`imports 32-byte material wrapped with ${algorithm}; the key becomes Enabled and its material non-extractable`, async () => {
      const lab = await createKmsLab();
      const keyId = await lab.newKey({ Origin: 'EXTERNAL' });
      const md = (await lab.kmsCall('DescribeKey', { KeyId: keyId })).KeyMetadata as { KeyState: string; PrimaryKeyVersion: string };
      expect(md.KeyState).toBe('PendingImport');
      const params = await lab.kmsCall('GetParametersForImport', { KeyId: keyId, WrappingAlgorithm: algorithm, WrappingKeySpec: 'RSA_2048' });
      expect(params).toMatchObject({ KeyId: keyId, TokenExpireTime: '2026-12-05T15:30:00Z' });
      await importMaterial(lab, keyId, material(1), algorithm);
      expect((await lab.kmsCall('DescribeKey', { KeyId: keyId })).KeyMetadata).toMatchObject({ KeyState: 'Enabled', Origin: 'EXTERNAL' });
      expect((await lab.store.getMaterial(md.PrimaryKeyVersion))?.extractable).toBe(false);
      const enc = await lab.kmsCall('Encrypt', { KeyId: keyId, Plaintext: 'aGk=' });
      await expect(lab.kmsCall('Decrypt', { CiphertextBlob: enc.CiphertextBlob })).resolves.toMatchObject({ Plaintext: 'aGk=' });
    });
  }

  it('bad imports are refused and change nothing (T-08): wrong hash, 31/33/16 bytes, bad token, expired token, other material', async () => {
    const lab = await createKmsLab();
    const keyId = await lab.newKey({ Origin: 'EXTERNAL' });
    const p = await lab.kmsCall('GetParametersForImport', { KeyId: keyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' });
    const attempt = async (EncryptedKeyMaterial: string, ImportToken = p.ImportToken) => rejectionOf(lab.kmsCall('ImportKeyMaterial', { KeyId: keyId, EncryptedKeyMaterial, ImportToken }));
    expect((await attempt(await wrapForImport(p.PublicKey as string, material(1), 'SHA-1'))).Code).toBe('InvalidKeyMaterial');
    for (const n of [31, 33, 16]) expect((await attempt(await wrapForImport(p.PublicKey as string, material(1, n), 'SHA-256'))).Code).toBe('InvalidKeyMaterial');
    expect((await attempt('AAAA')).Code).toBe('InvalidKeyMaterial');
    expect((await attempt('!!')).Code).toBe('InvalidParameter');
    expect((await attempt(await wrapForImport(p.PublicKey as string, material(1), 'SHA-256'), 'bogus')).Code).toBe('InvalidImportToken');
    expect((await lab.kmsCall('DescribeKey', { KeyId: keyId })).KeyMetadata).toMatchObject({ KeyState: 'PendingImport' });
    await lab.router.call('Lab', 'AdvanceClock', { Hours: 24 });
    const expired = await attempt(await wrapForImport(p.PublicKey as string, material(1), 'SHA-256'));
    expect([expired.Code, expired.HttpStatus]).toEqual(['ExpiredImportToken', 400]);
    await importMaterial(lab, keyId, material(1));
    const other = await rejectionOf(importMaterial(lab, keyId, material(2)));
    expect(other.Code).toBe('InvalidKeyMaterial');
    expect(other.Message).toContain('only the material imported before');
    const wrongAlg = await rejectionOf(lab.kmsCall('GetParametersForImport', { KeyId: keyId, WrappingAlgorithm: 'RSAES_PKCS1_V1_5', WrappingKeySpec: 'RSA_2048' }));
    expect(wrongAlg.Code).toBe('InvalidParameter');
    const normal = await lab.newKey();
    expect((await rejectionOf(lab.kmsCall('GetParametersForImport', { KeyId: normal, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }))).Code).toBe('Unsupported.Origin');
    expect((await rejectionOf(lab.kmsCall('CreateKey', { Origin: 'EXTERNAL', EnableAutomaticRotation: true, RotationInterval: '30d' }))).Code).toBe('Unsupported.Origin');
  });

  it('DeleteKeyMaterial → PendingImport; re-importing the same material restores old ciphertext', async () => {
    const lab = await createKmsLab();
    const keyId = await lab.newKey({ Origin: 'EXTERNAL' });
    await importMaterial(lab, keyId, material(9));
    const blob = (await lab.kmsCall('Encrypt', { KeyId: keyId, Plaintext: 'AQI=' })).CiphertextBlob;
    await lab.kmsCall('DeleteKeyMaterial', { KeyId: keyId });
    expect((await lab.kmsCall('DescribeKey', { KeyId: keyId })).KeyMetadata).toMatchObject({ KeyState: 'PendingImport' });
    expect((await rejectionOf(lab.kmsCall('Decrypt', { CiphertextBlob: blob }))).Code).toBe('Rejected.PendingImport');
    await importMaterial(lab, keyId, material(9));
    await expect(lab.kmsCall('Decrypt', { CiphertextBlob: blob })).resolves.toMatchObject({ Plaintext: 'AQI=' });
  });

  it('KeyMaterialExpireUnix: in the past is InvalidParameter; at expiry the key becomes PendingImport', async () => {
    const lab = await createKmsLab();
    const keyId = await lab.newKey({ Origin: 'EXTERNAL' });
    const nowUnix = Math.floor(lab.clock.nowMs() / 1000);
    expect((await rejectionOf(importMaterial(lab, keyId, material(3), 'RSAES_OAEP_SHA_256', { KeyMaterialExpireUnix: nowUnix - 1 }))).Code).toBe('InvalidParameter');
    await importMaterial(lab, keyId, material(3), 'RSAES_OAEP_SHA_256', { KeyMaterialExpireUnix: nowUnix + 3600 });
    expect((await lab.kmsCall('DescribeKey', { KeyId: keyId })).KeyMetadata).toMatchObject({ KeyState: 'Enabled', MaterialExpireTime: '2026-12-04T16:30:00Z' });
    await lab.router.call('Lab', 'AdvanceClock', { Seconds: 3600 });
    expect((await lab.kmsCall('DescribeKey', { KeyId: keyId })).KeyMetadata).toMatchObject({ KeyState: 'PendingImport', MaterialExpireTime: '' });
  });
});

describe('Lab product', () => {
  it('GetClock / AdvanceClock return Now in ISO 8601 UTC; AdvanceClock needs at least one non-negative integer', async () => {
    const { router } = await createKmsLab();
    expect(await router.call('lab', 'GetClock')).toMatchObject({ Now: '2026-12-04T15:30:00Z' });
    expect(await router.call('Lab', 'AdvanceClock', { Days: '1', Hours: 2, Seconds: 3 })).toMatchObject({ Now: '2026-12-05T17:30:03Z' });
    expect((await rejectionOf(router.call('Lab', 'AdvanceClock', {}))).Code).toBe('MissingParameter');
    expect((await rejectionOf(router.call('Lab', 'AdvanceClock', { Days: -1 }))).Code).toBe('InvalidParameter');
  });

  it('ListAccounts has two 16-digit accounts; SwitchAccount changes the current one', async () => {
    const { router } = await createKmsLab();
    const list = await router.call('Lab', 'ListAccounts');
    expect(list.Accounts).toEqual([
      { AccountId: '1642381209784201', AccountName: 'lab-main', Current: true },
      { AccountId: '1976043571238805', AccountName: 'lab-partner', Current: false },
    ]);
    expect(await router.call('Lab', 'SwitchAccount', { AccountId: '1976043571238805' })).toMatchObject({ AccountId: '1976043571238805' });
    expect(((await router.call('Lab', 'ListAccounts')).Accounts as { Current: boolean }[])[1].Current).toBe(true);
    expect((await rejectionOf(router.call('Lab', 'SwitchAccount', { AccountId: '1234567890123456' }))).Code).toBe('InvalidParameter');
  });

  it('Reset empties keys, material and audit trail, and sets the clock back', async () => {
    const lab = await createKmsLab();
    await lab.newKey();
    await lab.router.call('Lab', 'AdvanceClock', { Days: 3 });
    await lab.router.call('Lab', 'Reset');
    expect(lab.store.keys.size + lab.store.material.size).toBe(0);
    expect(lab.auditStore.records.map((r) => r.action)).toEqual(['Reset']);
    expect(await lab.router.call('Lab', 'GetClock')).toMatchObject({ Now: '2026-12-04T15:30:00Z' });
  });

  it('a read-only call whose audit record cannot be written still answers and reports it', async () => {
    const lab = await createKmsLab();
    lab.auditStore.failWith = new Error('quota');
    await expect(lab.kmsCall('ListKeys')).resolves.toMatchObject({ TotalCount: 0 });
    expect(lab.auditFailures).toHaveLength(1);
    expect((await rejectionOf(lab.kmsCall('CreateKey'))).Code).toBe('InternalFailure');
    lab.auditStore.failWith = undefined;
    expect((await lab.kmsCall('ListKeys')).TotalCount).toBe(0);
  });
});
