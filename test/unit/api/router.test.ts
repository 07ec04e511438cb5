// The action router: products case-insensitive, parameters as wire strings or JS values, dotted
// names and nested values alike, RegionId default and validation, RequestId on every answer.
import { describe, expect, it } from 'vitest';
import { createKmsLab, rejectionOf } from '../../support/kms-harness';
import { parseParams, type ParamSchema } from '../../../web/core/api/params';
import '../../../web/core/api/codes';

describe('action router', () => {
  it('products are case-insensitive: Kms, kms, KMS', async () => {
    const { router } = await createKmsLab();
    for (const p of ['Kms', 'kms', 'KMS']) await expect(router.call(p, 'ListKeys')).resolves.toMatchObject({ TotalCount: 0 });
  });

  it('an unknown product or action rejects with InvalidAction.NotFound (404) and a RequestId, and is audited', async () => {
    const { router, auditStore } = await createKmsLab();
    const e1 = await rejectionOf(router.call('Nope', 'ListKeys'));
    expect([e1.Code, e1.HttpStatus]).toEqual(['InvalidAction.NotFound', 404]);
    expect(e1.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    const e2 = await rejectionOf(router.call('kms', 'listkeys'));
    expect(e2.Message).toContain('did you mean ListKeys');
    expect(auditStore.records.map((r) => r.errorCode)).toEqual(['InvalidAction.NotFound', 'InvalidAction.NotFound']);
  });

  it('errors reject with {Code, HttpStatus, Message, RequestId}', async () => {
    const { kmsCall } = await createKmsLab();
    const e = await rejectionOf(kmsCall('DescribeKey', {}));
    expect(e).toMatchObject({ Code: 'MissingParameter', HttpStatus: 400 });
    expect(e.Message).toContain('KeyId');
    expect(e.RequestId).toMatch(/^[0-9A-F-]{36}$/);
  });

  it('wire strings and JS values validate the same: "true"/true, "7"/7, JSON text/object', async () => {
    const { kmsCall } = await createKmsLab();
    const a = (await kmsCall('CreateKey', { EnableAutomaticRotation: 'true', RotationInterval: '7d', Tags: '[{"TagKey":"env","TagValue":"lab"}]' })).KeyMetadata;
    const b = (await kmsCall('CreateKey', { EnableAutomaticRotation: true, RotationInterval: '604800s', Tags: [{ TagKey: 'env', TagValue: 'lab' }] })).KeyMetadata;
    expect(a).toMatchObject({ AutomaticRotation: 'Enabled', RotationInterval: '604800s' });
    expect(b).toMatchObject({ AutomaticRotation: 'Enabled', RotationInterval: '604800s' });
    const keyId = (a as { KeyId: string }).KeyId;
    const c1 = await kmsCall('Encrypt', { KeyId: keyId, Plaintext: 'AA==', EncryptionContext: '{"b":"2","a":"1"}' });
    await expect(kmsCall('Decrypt', { CiphertextBlob: c1.CiphertextBlob, EncryptionContext: { a: '1', b: '2' } })).resolves.toMatchObject({ Plaintext: 'AA==' });
  });

  it('bad values reject with InvalidParameter: wrong types, NaN, 1.5, 2^53+1, BigInt, bad JSON, non-string context values', async () => {
    const { kmsCall } = await createKmsLab();
    for (const PageSize of [NaN, 1.5, -1, 2 ** 53 + 1, '9007199254740993', 10n, 'ten', true, {}]) {
      expect((await rejectionOf(kmsCall('ListKeys', { PageSize }))).Code).toBe('InvalidParameter');
    }
    expect((await rejectionOf(kmsCall('CreateKey', { EnableAutomaticRotation: 'yes' }))).Code).toBe('InvalidParameter');
    expect((await rejectionOf(kmsCall('CreateKey', { Tags: '[{' }))).Code).toBe('InvalidParameter');
    expect((await rejectionOf(kmsCall('CreateKey', { Description: 7 }))).Code).toBe('InvalidParameter');
    const keyId = ((await kmsCall('CreateKey')).KeyMetadata as { KeyId: string }).KeyId;
    expect((await rejectionOf(kmsCall('Encrypt', { KeyId: keyId, Plaintext: 'AA==', EncryptionContext: { a: 1 } }))).Code).toBe('InvalidParameter');
    expect((await rejectionOf(kmsCall('Encrypt', { KeyId: keyId, Plaintext: 'AA==', EncryptionContext: '[1]' }))).Code).toBe('InvalidParameter');
    expect((await rejectionOf(kmsCall('ListKeys', 'nope'))).Code).toBe('InvalidParameter');
  });

  it('unknown parameters reject with InvalidParameter naming the right case; cloud common params are accepted', async () => {
    const { kmsCall } = await createKmsLab();
    const e = await rejectionOf(kmsCall('ListKeys', { pagesize: 5 }));
    expect(e.Code).toBe('InvalidParameter');
    expect(e.Message).toContain('did you mean PageSize');
    await expect(kmsCall('ListKeys', { Format: 'JSON', Version: '2016-01-20' })).resolves.toBeTruthy();
  });

  it('prototype-pollution keys are plain unknown names and change nothing', async () => {
    const { kmsCall } = await createKmsLab();
    const e = await rejectionOf(kmsCall('ListKeys', JSON.parse('{"__proto__": {"polluted": "yes"}}')));
    expect(e.Code).toBe('InvalidParameter');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const keyId = ((await kmsCall('CreateKey')).KeyMetadata as { KeyId: string }).KeyId;
    const enc = await kmsCall('Encrypt', { KeyId: keyId, Plaintext: 'AA==', EncryptionContext: '{"__proto__":"x"}' });
    await expect(kmsCall('Decrypt', { CiphertextBlob: enc.CiphertextBlob, EncryptionContext: '{"__proto__":"x"}' })).resolves.toBeTruthy();
    expect((await rejectionOf(kmsCall('Decrypt', { CiphertextBlob: enc.CiphertextBlob }))).Code).toBe('InvalidParameter');
  });

  it('RegionId defaults to cn-hangzhou, is honoured, and an unknown region rejects with InvalidParameter', async () => {
    const { kmsCall, auditStore } = await createKmsLab();
    const md = (await kmsCall('CreateKey', { RegionId: 'cn-shanghai' })).KeyMetadata as { Arn: string };
    expect(md.Arn).toMatch(/^acs:kms:cn-shanghai:/);
    expect((await kmsCall('ListKeys')).TotalCount).toBe(0);
    expect((await kmsCall('ListKeys', { RegionId: 'cn-shanghai' })).TotalCount).toBe(1);
    expect(auditStore.records[1].regionId).toBe('cn-hangzhou');
    expect((await rejectionOf(kmsCall('ListKeys', { RegionId: 'mars-1' }))).Code).toBe('InvalidParameter');
  });
});

describe('parameter schemas', () => {
  const schema: ParamSchema = {
    Name: { type: 'string', isRequired: true, description: 'n' },
    Tag: { type: 'object-list', maxItems: 20, description: 't', fields: { Key: { type: 'string', description: 'k' }, Value: { type: 'string', description: 'v' } } },
    AddAccount: { type: 'list', maxItems: 10, item: { type: 'string', description: 'a' }, description: 'a' },
    Size: { type: 'integer', min: 1, max: 10, description: 's' },
  };

  it('flat dotted names and nested objects/arrays mean the same', () => {
    const flat = parseParams(schema, { Name: 'x', 'Tag.1.Key': 'k1', 'Tag.1.Value': 'v1', 'Tag.2.Key': 'k2', 'AddAccount.1': '111', 'AddAccount.2': '222', Size: '3' });
    const nested = parseParams(schema, { Name: 'x', Tag: [{ Key: 'k1', Value: 'v1' }, { Key: 'k2' }], AddAccount: ['111', '222'], Size: 3 });
    expect(flat).toEqual(nested);
    expect(flat).toEqual({ Name: 'x', Tag: [{ Key: 'k1', Value: 'v1' }, { Key: 'k2' }], AddAccount: ['111', '222'], Size: 3 });
    expect(parseParams(schema, { Name: 'x', Tag: { 1: { Key: 'a' } } })).toEqual({ Name: 'x', Tag: [{ Key: 'a' }] });
  });

  it('rejects bad dotted names, out-of-range indexes, unknown fields, the same name twice, a missing required one', () => {
    const code = (input: unknown) => { try { parseParams(schema, input); return 'ok'; } catch (e) { return (e as { code: string }).code; } };
    expect(code({ Name: 'x', 'Tag.0.Key': 'k' })).toBe('InvalidParameter');
    expect(code({ Name: 'x', 'Tag.21.Key': 'k' })).toBe('InvalidParameter');
    expect(code({ Name: 'x', 'Tag.1.Colour': 'k' })).toBe('InvalidParameter');
    expect(code({ Name: 'x', 'Tag.1': 'k' })).toBe('InvalidParameter');
    expect(code({ Name: 'x', 'AddAccount.1.X': 'k' })).toBe('InvalidParameter');
    expect(code({ Name: 'x', 'AddAccount.1': 'a', AddAccount: ['b'] })).toBe('InvalidParameter');
    expect(code({ Name: '' })).toBe('MissingParameter');
    expect(code({ Name: null })).toBe('MissingParameter');
    expect(code({})).toBe('MissingParameter');
  });
});
