// Every action of ../shared/spec/cloud-api.md §1.1 in every key state, with the exact code and HTTP
// status (409 for every rejection). The expected table is copied from the spec, not from the code.
import { describe, expect, it } from 'vitest';
import { createKmsLab, rejectionOf, type KmsLab } from '../../support/kms-harness';
import { importMaterial, material } from '../../support/kms-byok';

type State = 'Enabled' | 'Disabled' | 'PendingDeletion' | 'PendingImport';
const S = 'Success';
const SMF = 'Rejected.StateModifiedFailed';

const TABLE: [string, Record<State, string>][] = [
  ['GenerateDataKey', { Enabled: S, Disabled: 'Rejected.Disabled', PendingDeletion: 'Rejected.PendingDeletion', PendingImport: 'Rejected.PendingImport' }],
  ['GenerateDataKeyWithoutPlaintext', { Enabled: S, Disabled: 'Rejected.Disabled', PendingDeletion: 'Rejected.PendingDeletion', PendingImport: 'Rejected.PendingImport' }],
  ['Encrypt', { Enabled: S, Disabled: 'Rejected.Disabled', PendingDeletion: 'Rejected.PendingDeletion', PendingImport: 'Rejected.PendingImport' }],
  ['Decrypt', { Enabled: S, Disabled: 'Rejected.Disabled', PendingDeletion: 'Rejected.PendingDeletion', PendingImport: 'Rejected.PendingImport' }],
  ['DescribeKey', { Enabled: S, Disabled: S, PendingDeletion: S, PendingImport: S }],
  ['UpdateKeyDescription', { Enabled: S, Disabled: S, PendingDeletion: 'Rejected.PendingDeletion', PendingImport: S }],
  ['EnableKey', { Enabled: S, Disabled: S, PendingDeletion: SMF, PendingImport: SMF }],
  ['DisableKey', { Enabled: S, Disabled: S, PendingDeletion: SMF, PendingImport: SMF }],
  ['ScheduleKeyDeletion', { Enabled: S, Disabled: S, PendingDeletion: SMF, PendingImport: S }],
  ['CancelKeyDeletion', { Enabled: SMF, Disabled: SMF, PendingDeletion: S, PendingImport: SMF }],
  ['CreateAlias', { Enabled: S, Disabled: S, PendingDeletion: SMF, PendingImport: S }],
  ['UpdateAlias', { Enabled: S, Disabled: S, PendingDeletion: 'Rejected.PendingDeletion', PendingImport: S }],
  ['DeleteAlias', { Enabled: S, Disabled: S, PendingDeletion: S, PendingImport: S }],
  ['GetParametersForImport', { Enabled: S, Disabled: S, PendingDeletion: S, PendingImport: S }],
  ['ImportKeyMaterial', { Enabled: S, Disabled: S, PendingDeletion: SMF, PendingImport: S }],
  ['DeleteKeyMaterial', { Enabled: S, Disabled: S, PendingDeletion: S, PendingImport: S }],
];

const MATERIAL = material(0x42);

/** An EXTERNAL key with material (so every state, PendingImport included, is reachable the same
 *  way), an alias on it, a blob made while Enabled, and a token for ImportKeyMaterial. */
async function keyIn(lab: KmsLab, state: State) {
  const keyId = await lab.newKey({ Origin: 'EXTERNAL' });
  await importMaterial(lab, keyId, MATERIAL);
  await lab.kmsCall('CreateAlias', { AliasName: 'alias/pre', KeyId: keyId });
  const blob = (await lab.kmsCall('Encrypt', { KeyId: keyId, Plaintext: 'AQID' })).CiphertextBlob as string;
  if (state === 'Disabled') await lab.kmsCall('DisableKey', { KeyId: keyId });
  if (state === 'PendingDeletion') await lab.kmsCall('ScheduleKeyDeletion', { KeyId: keyId, PendingWindowInDays: 7 });
  if (state === 'PendingImport') await lab.kmsCall('DeleteKeyMaterial', { KeyId: keyId });
  const state2 = ((await lab.kmsCall('DescribeKey', { KeyId: keyId })).KeyMetadata as { KeyState: string }).KeyState;
  expect(state2).toBe(state);
  const otherKey = await lab.newKey();
  await lab.kmsCall('CreateAlias', { AliasName: 'alias/other', KeyId: otherKey });
  return { keyId, blob };
}

async function paramsFor(lab: KmsLab, action: string, keyId: string, blob: string): Promise<Record<string, unknown>> {
  switch (action) {
    case 'Encrypt': return { KeyId: keyId, Plaintext: 'AA==' };
    case 'Decrypt': return { CiphertextBlob: blob };
    case 'UpdateKeyDescription': return { KeyId: keyId, Description: 'changed' };
    case 'ScheduleKeyDeletion': return { KeyId: keyId, PendingWindowInDays: 30 };
    case 'CreateAlias': return { AliasName: 'alias/new', KeyId: keyId };
    case 'UpdateAlias': return { AliasName: 'alias/other', KeyId: keyId };
    case 'DeleteAlias': return { AliasName: 'alias/pre' };
    case 'GetParametersForImport': return { KeyId: keyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_1', WrappingKeySpec: 'RSA_2048' };
    case 'ImportKeyMaterial': {
      const p = await lab.kmsCall('GetParametersForImport', { KeyId: keyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' });
      const { wrapForImport } = await import('../../support/kms-byok');
      return { KeyId: keyId, ImportToken: p.ImportToken, EncryptedKeyMaterial: await wrapForImport(p.PublicKey as string, MATERIAL, 'SHA-256') };
    }
    default: return { KeyId: keyId };
  }
}

describe('§1.1 key state table', () => {
  for (const [action, row] of TABLE) {
    for (const state of ['Enabled', 'Disabled', 'PendingDeletion', 'PendingImport'] as State[]) {
      const expected = row[state];
      it(`${action} on a ${state} key ${expected === S ? 'succeeds' : `rejects with ${expected} (409)`}`, async () => {
        const lab = await createKmsLab();
        const { keyId, blob } = await keyIn(lab, state);
        const params = await paramsFor(lab, action, keyId, blob);
        const before = lab.auditStore.records.length;
        if (expected === S) {
          const res = await lab.kmsCall(action, params);
          expect(res.RequestId).toBeTruthy();
        } else {
          const keysBefore = structuredClone([...lab.store.keys.values()]);
          const e = await rejectionOf(lab.kmsCall(action, params));
          expect([e.Code, e.HttpStatus]).toEqual([expected, 409]);
          expect([...lab.store.keys.values()]).toEqual(keysBefore);
        }
        const records = lab.auditStore.records.slice(before);
        expect(records).toHaveLength(1);
        expect(records[0]).toMatchObject({ action, outcome: expected === S ? 'Success' : 'Failure', keyId });
      });
    }
  }

  it('CreateKey, ListKeys and ListAliases succeed whatever the state of other keys', async () => {
    const lab = await createKmsLab();
    await lab.kmsCall('DisableKey', { KeyId: await lab.newKey() });
    await lab.kmsCall('ScheduleKeyDeletion', { KeyId: await lab.newKey(), PendingWindowInDays: 7 });
    await lab.newKey({ Origin: 'EXTERNAL' });
    await expect(lab.kmsCall('CreateKey')).resolves.toBeTruthy();
    await expect(lab.kmsCall('ListKeys')).resolves.toBeTruthy();
    await expect(lab.kmsCall('ListAliases')).resolves.toBeTruthy();
  });

  it('CancelKeyDeletion returns the key to Enabled (Alibaba, unlike AWS) and clears DeleteDate', async () => {
    const lab = await createKmsLab();
    const keyId = await lab.newKey();
    await lab.kmsCall('DisableKey', { KeyId: keyId });
    await lab.kmsCall('ScheduleKeyDeletion', { KeyId: keyId, PendingWindowInDays: 7 });
    expect((await lab.kmsCall('DescribeKey', { KeyId: keyId })).KeyMetadata).toMatchObject({ KeyState: 'PendingDeletion', DeleteDate: '2026-12-11T15:30:00Z' });
    await lab.kmsCall('CancelKeyDeletion', { KeyId: keyId });
    const md = (await lab.kmsCall('DescribeKey', { KeyId: keyId })).KeyMetadata;
    expect(md).toMatchObject({ KeyState: 'Enabled' });
    expect(md).not.toHaveProperty('DeleteDate');
  });
});
