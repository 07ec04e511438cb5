// The audit page's pure helpers (kinds of call, filters, choices, JSON export), the console's KMS
// client reading whole lists page by page, and the BYOK helpers (browser wrapping against WebCrypto
// RSA-OAEP, the openssl commands, expiry in lab time).
import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../web/core/audit/types';
import { actionKind, exportFileName, exportJson, filterChoices, filterRecords, isStateChanging, NO_FILTER } from '../../web/ui/kms/audit-view';
import { expireUnix, generateAndWrapMaterial, isBase64, opensslCommands, publicKeyPem } from '../../web/ui/kms/import-material';
import { kmsClient } from '../../web/ui/kms/kms-client';
import type { LabApi } from '../../web/ui/lab-api-context';

const caller = { type: 'root-account' as const, accountId: '1642381209784201', principalId: '1642381209784201', userName: 'root' };

function record(seq: number, product: string, action: string, patch: Partial<AuditRecord> = {}): AuditRecord {
  return {
    seq, product, action, eventType: 'ApiCall', accountId: caller.accountId, regionId: 'cn-hangzhou', requestId: `R${seq}`, caller,
    outcome: 'Success', eventId: `e${seq}`, eventTime: '2026-12-04T15:30:00Z', prevHash: '0'.repeat(64), hash: `${seq}`.repeat(64).slice(0, 64), ...patch,
  };
}

const trail = [
  record(1, 'Kms', 'CreateKey', { keyId: 'k1' }),
  record(2, 'Kms', 'DescribeKey', { keyId: 'k1' }),
  record(3, 'Kms', 'Encrypt', { keyId: 'k1', outcome: 'Failure', errorCode: 'Rejected.Disabled' }),
  record(4, 'Lab', 'AdvanceClock'),
  record(5, 'Kms', 'DisableKey', { keyId: 'k2' }),
];

describe('audit view', () => {
  it('sorts calls into reads, key use and changes', () => {
    expect(actionKind('DescribeKey')).toBe('read');
    expect(actionKind('ListKeys')).toBe('read');
    expect(actionKind('GetParametersForImport')).toBe('read');
    expect(actionKind('Encrypt')).toBe('use');
    expect(actionKind('GenerateDataKeyWithoutPlaintext')).toBe('use');
    expect(actionKind('DisableKey')).toBe('change');
    expect(actionKind('Getaway')).toBe('change');
  });

  it('refreshes views only after calls that may change them, so their own reads never loop', () => {
    expect(isStateChanging('Kms', 'CreateAlias')).toBe(true);
    expect(isStateChanging('Kms', 'DescribeKey')).toBe(false);
    expect(isStateChanging('Kms', 'Encrypt')).toBe(false);
    expect(isStateChanging('Lab', 'AdvanceClock')).toBe(true);
    expect(isStateChanging('lab', 'Reset')).toBe(true);
    expect(isStateChanging('Lab', 'GetClock')).toBe(false);
  });

  it('filters by product, action, key, outcome and kind, newest first', () => {
    expect(filterRecords(trail, NO_FILTER).map((r) => r.seq)).toEqual([5, 4, 3, 2, 1]);
    expect(filterRecords(trail, { ...NO_FILTER, product: 'Kms', keyId: 'k1' }).map((r) => r.seq)).toEqual([3, 2, 1]);
    expect(filterRecords(trail, { ...NO_FILTER, outcome: 'Failure' }).map((r) => r.errorCode)).toEqual(['Rejected.Disabled']);
    expect(filterRecords(trail, { ...NO_FILTER, kind: 'change' }).map((r) => r.action)).toEqual(['DisableKey', 'AdvanceClock', 'CreateKey']);
    expect(filterRecords(trail, { ...NO_FILTER, action: 'Encrypt' })).toHaveLength(1);
  });

  it('offers the values present, actions only of the chosen product', () => {
    expect(filterChoices(trail, '')).toEqual({
      products: ['Kms', 'Lab'], actions: ['AdvanceClock', 'CreateKey', 'DescribeKey', 'DisableKey', 'Encrypt'], keyIds: ['k1', 'k2'],
    });
    expect(filterChoices(trail, 'Lab').actions).toEqual(['AdvanceClock']);
  });

  it('exports the records whole, with the active filter, as JSON a person can check again', () => {
    const shown = filterRecords(trail, { ...NO_FILTER, keyId: 'k2' });
    const parsed = JSON.parse(exportJson(shown, { ...NO_FILTER, keyId: 'k2' }, '2026-12-04T15:31:02.123Z'));
    expect(parsed).toEqual({ ExportedAt: '2026-12-04T15:31:02.123Z', Filter: { keyId: 'k2' }, Count: 1, Records: [trail[4]] });
    expect(exportFileName('2026-12-04T15:31:02.123Z')).toBe('audit-trail-2026-12-04T153102Z.json');
  });
});

/** A fake LabApi answering ListAliases from `aliases`, page by page, and recording the calls. */
function fakeApi(aliases: { AliasName: string; KeyId: string }[]) {
  const calls: [string, Record<string, unknown>][] = [];
  const api: LabApi = {
    async call(_product, action, params = {}) {
      calls.push([action, params]);
      const page = Number(params.PageNumber);
      const size = Number(params.PageSize);
      if (action === 'ListAliases') {
        return { Aliases: { Alias: aliases.slice((page - 1) * size, page * size) }, TotalCount: aliases.length, PageNumber: page, PageSize: size, RequestId: 'R' };
      }
      if (action === 'ListKeys') return { Keys: { Key: [{ KeyId: 'k3', KeyArn: 'arn' }] }, TotalCount: 21, PageNumber: page, PageSize: size, RequestId: 'R' };
      throw Object.assign(new Error('unexpected'), { Code: 'InvalidAction.NotFound' });
    },
    helpText: () => '',
    onChange: () => () => undefined,
    onAuditFailure: () => () => undefined,
  };
  return { api, calls };
}

describe('KMS client', () => {
  it('reads every alias page by page with the maximum page size', async () => {
    const aliases = Array.from({ length: 230 }, (_, i) => ({ AliasName: `alias/a${i}`, KeyId: 'k' }));
    const { api, calls } = fakeApi(aliases);
    expect(await kmsClient(api).listAllAliases()).toHaveLength(230);
    expect(calls.map(([, p]) => p)).toEqual([1, 2, 3].map((n) => ({ PageNumber: n, PageSize: 100 })));
  });

  it('asks ListKeys for one page and reads its shape', async () => {
    const { api, calls } = fakeApi([]);
    expect(await kmsClient(api).listKeys(3, 10)).toEqual({ keyIds: ['k3'], totalCount: 21, pageNumber: 3, pageSize: 10 });
    expect(calls).toEqual([['ListKeys', { PageNumber: 3, PageSize: 10 }]]);
  });
});

describe('bring your own key helpers', () => {
  it.each(['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'] as const)('wraps 32 random bytes that %s unwraps', async (algorithm) => {
    const hash = algorithm === 'RSAES_OAEP_SHA_1' ? 'SHA-1' : 'SHA-256';
    const pair = await crypto.subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash }, true, ['encrypt', 'decrypt']);
    const spki = Buffer.from(await crypto.subtle.exportKey('spki', pair.publicKey)).toString('base64');
    const wrapped = await generateAndWrapMaterial(spki, algorithm);
    expect(isBase64(wrapped)).toBe(true);
    const material = new Uint8Array(await crypto.subtle.decrypt({ name: 'RSA-OAEP' }, pair.privateKey, Buffer.from(wrapped, 'base64')));
    expect(material).toHaveLength(32);
    expect(material.some((b) => b !== 0)).toBe(true);
  });

  it('writes openssl commands with the matching OAEP and MGF1 hashes', () => {
    expect(opensslCommands('RSAES_OAEP_SHA_256')).toContain('rsa_oaep_md:sha256 -pkeyopt rsa_mgf1_md:sha256');
    expect(opensslCommands('RSAES_OAEP_SHA_1')).toContain('rsa_oaep_md:sha1 -pkeyopt rsa_mgf1_md:sha1');
    expect(opensslCommands('RSAES_OAEP_SHA_1')).toContain('openssl rand -out KeyMaterial.bin 32');
    const pem = publicKeyPem('A'.repeat(100));
    expect(pem.split('\n')).toEqual(['-----BEGIN PUBLIC KEY-----', 'A'.repeat(64), 'A'.repeat(36), '-----END PUBLIC KEY-----', '']);
  });

  it('tells Base64 from other text and counts expiry in lab time', () => {
    expect(isBase64('aGVsbG8=')).toBe(true);
    expect(isBase64('not base64!')).toBe(false);
    expect(isBase64('')).toBe(false);
    expect(expireUnix('2026-12-04T15:30:00Z', 2)).toBe(Date.UTC(2026, 11, 6, 15, 30) / 1000);
    expect(expireUnix('2026-12-04T15:30:00Z', undefined)).toBe(0);
  });
});

describe('key dependents', () => {
  it('lists the ECS core’s answer by kind, instances first, defaults last', async () => {
    const { fromEcsDependents, NO_DEPENDENTS } = await import('../../web/ui/kms/key-dependents');
    expect(fromEcsDependents({
      Disks: [{ DiskId: 'd-1' }], Snapshots: [{ SnapshotId: 's-1' }], Images: [{ ImageId: 'm-1' }],
      Instances: [{ InstanceId: 'i-1', InstanceName: 'web' }], DefaultFor: [{ RegionId: 'cn-hangzhou' }],
    })).toEqual([
      { kind: 'instance', id: 'i-1', name: 'web' }, { kind: 'disk', id: 'd-1' }, { kind: 'snapshot', id: 's-1' },
      { kind: 'image', id: 'm-1' }, { kind: 'default', id: 'cn-hangzhou' },
    ]);
    expect(await NO_DEPENDENTS.list('k')).toEqual([]);
  });
});
