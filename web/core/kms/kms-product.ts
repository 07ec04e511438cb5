// The KMS actions as the router sees them (../shared/spec/cloud-api.md §1): one declarative
// parameter schema per action (validation and `--help`) and the function that runs it. Every action
// first brings the KMS up to lab time (due rotation, deletion, expiry), one call at a time.
import { invalidParameter } from '../api/codes';
import type { CallContext } from '../api/context';
import type { ParamSchema, ParamSpec, Params } from '../api/params';
import type { ActionDefinition, ProductDefinition } from '../api/router';
import { ALIAS_PATTERN, createAlias, deleteAlias, listAliases, listAliasesByKeyId, updateAlias } from './alias-actions';
import { createKeyVersion, decrypt, describeKeyVersion, encrypt, generateDataKey, listKeyVersions } from './crypto-actions';
import { processDue } from './due';
import { getParametersForImport, importKeyMaterial, deleteKeyMaterial } from './import-actions';
import {
  cancelKeyDeletion, checkTagKeys, checkTags, createKey, describeKey, listKeys, listResourceTags, scheduleKeyDeletion,
  setDeletionProtection, setKeyEnabled, tagResource, untagResource, updateKeyDescription, updateRotationPolicy,
} from './key-actions';
import type { KmsCore } from './kms-core';

type Run = (core: KmsCore, ctx: CallContext, p: Params) => Promise<Record<string, unknown>>;

const keyId = (description = 'The key id (a GUID).'): ParamSpec => ({ type: 'string', isRequired: true, description, maxLength: 256 });
const keyIdOrAlias: ParamSpec = keyId('The key id, or an alias (alias/…).');
const pageNumber: ParamSpec = { type: 'integer', min: 1, max: 1_000_000, description: 'Page number, from 1 (default 1).' };
const pageSize: ParamSpec = { type: 'integer', min: 1, max: 100, description: 'Entries per page, 1–100 (default 10).' };
const context: ParamSpec = { type: 'json-map', description: 'EncryptionContext: a JSON object of strings, bound to the ciphertext (exact match at Decrypt).' };
const aliasName: ParamSpec = { type: 'string', isRequired: true, description: 'alias/ followed by 1–255 letters, digits, _, - or /.', pattern: ALIAS_PATTERN, patternText: 'alias/ followed by 1–255 of [A-Za-z0-9_/-]' };
const tags: ParamSpec = { type: 'json', example: '[{"TagKey":"env","TagValue":"lab"}]', description: 'Tags as a JSON list of {TagKey, TagValue} (at most 20).', check: checkTags };

const KEY_SPECS = ['Aliyun_AES_256', 'Aliyun_AES_128', 'Aliyun_AES_192', 'Aliyun_SM4', 'RSA_2048', 'RSA_3072', 'EC_P256', 'EC_P256K', 'EC_SM2'] as const;

function action(description: string, params: ParamSchema, run: Run): { description: string; params: ParamSchema; run: Run } {
  return { description, params, run };
}

const ACTIONS: Record<string, { description: string; params: ParamSchema; run: Run }> = {
  CreateKey: action('Creates a customer master key (CMK).', {
    Description: { type: 'string', maxLength: 8192, description: 'Up to 8,192 characters.' },
    KeySpec: { type: 'string', enum: KEY_SPECS, description: 'Aliyun_AES_256 (default; the only spec the lab simulates).' },
    KeyUsage: { type: 'string', enum: ['ENCRYPT/DECRYPT', 'SIGN/VERIFY'], description: 'ENCRYPT/DECRYPT (default).' },
    Origin: { type: 'string', enum: ['Aliyun_KMS', 'EXTERNAL'], description: 'Aliyun_KMS (default) or EXTERNAL (bring your own key).' },
    ProtectionLevel: { type: 'string', enum: ['SOFTWARE', 'HSM'], description: 'SOFTWARE (the lab simulates software keys only).' },
    EnableAutomaticRotation: { type: 'boolean', description: 'true to rotate automatically (not for EXTERNAL keys).' },
    RotationInterval: { type: 'string', maxLength: 20, description: 'integer[d|h|m|s], 7d–365d; required with rotation.' },
    Tags: tags,
  }, (core, ctx, p) => {
    if (p.KeySpec !== undefined && p.KeySpec !== 'Aliyun_AES_256') return Promise.reject(unsupported('KeySpec', p.KeySpec as string));
    if (p.KeyUsage === 'SIGN/VERIFY') return Promise.reject(unsupported('KeyUsage', 'SIGN/VERIFY'));
    if (p.ProtectionLevel === 'HSM') return Promise.reject(unsupported('ProtectionLevel', 'HSM'));
    return createKey(core, ctx, p);
  }),
  DescribeKey: action('Returns the key\'s KeyMetadata.', { KeyId: keyIdOrAlias }, describeKey),
  ListKeys: action('Lists the keys of this account and region.', { PageNumber: pageNumber, PageSize: pageSize }, listKeys),
  UpdateKeyDescription: action('Changes the description.', { KeyId: keyId(), Description: { type: 'string', isRequired: true, maxLength: 8192, description: 'Up to 8,192 characters.' } }, updateKeyDescription),
  EnableKey: action('Enables a key (idempotent).', { KeyId: keyId() }, (core, ctx, p) => setKeyEnabled(core, ctx, p, true)),
  DisableKey: action('Disables a key: nothing encrypted under it can be decrypted until it is enabled (idempotent).', { KeyId: keyId() }, (core, ctx, p) => setKeyEnabled(core, ctx, p, false)),
  ScheduleKeyDeletion: action('Schedules the key for deletion after a waiting period; its material is then destroyed for good.', {
    KeyId: keyId(), PendingWindowInDays: { type: 'integer', isRequired: true, min: 7, max: 366, description: 'Waiting period in days, 7–366.' },
  }, scheduleKeyDeletion),
  CancelKeyDeletion: action('Cancels a scheduled deletion; the key returns to Enabled.', { KeyId: keyId() }, cancelKeyDeletion),
  SetDeletionProtection: action('Turns deletion protection on or off.', {
    ProtectedResourceArn: { type: 'string', isRequired: true, maxLength: 512, description: 'The key ARN: acs:kms:<region>:<account>:key/<KeyId>.' },
    EnableDeletionProtection: { type: 'boolean', isRequired: true, description: 'true to protect, false to remove protection.' },
    DeletionProtectionDescription: { type: 'string', maxLength: 8192, description: 'Why the key is protected.' },
  }, setDeletionProtection),
  UpdateRotationPolicy: action('Turns automatic rotation on or off.', {
    KeyId: keyId(), EnableAutomaticRotation: { type: 'boolean', isRequired: true, description: 'true or false.' },
    RotationInterval: { type: 'string', maxLength: 20, description: 'integer[d|h|m|s], 7d–365d.' },
  }, updateRotationPolicy),
  CreateAlias: action('Creates an alias for a key.', { AliasName: aliasName, KeyId: keyId() }, createAlias),
  UpdateAlias: action('Points an existing alias at another key.', { AliasName: aliasName, KeyId: keyId() }, updateAlias),
  DeleteAlias: action('Deletes an alias (the key stays).', { AliasName: aliasName }, deleteAlias),
  ListAliases: action('Lists the aliases of this account and region.', { PageNumber: pageNumber, PageSize: pageSize }, listAliases),
  ListAliasesByKeyId: action('Lists the aliases of one key.', { KeyId: keyId(), PageNumber: pageNumber, PageSize: pageSize }, listAliasesByKeyId),
  TagResource: action('Adds or replaces tags on a key.', { KeyId: keyId(), Tags: { ...tags, isRequired: true } }, tagResource),
  UntagResource: action('Removes tags from a key.', {
    KeyId: keyId(), TagKeys: { type: 'json', isRequired: true, example: '["env"]', description: 'A JSON list of tag keys.', check: checkTagKeys },
  }, untagResource),
  ListResourceTags: action('Lists a key\'s tags.', { KeyId: keyId() }, listResourceTags),
  CreateKeyVersion: action('Creates a new primary version (lab extension for symmetric keys: the cloud documents it for asymmetric keys).', { KeyId: keyIdOrAlias }, createKeyVersion),
  ListKeyVersions: action('Lists a key\'s versions.', { KeyId: keyId(), PageNumber: pageNumber, PageSize: pageSize }, listKeyVersions),
  DescribeKeyVersion: action('Describes one key version.', { KeyId: keyId(), KeyVersionId: { type: 'string', isRequired: true, maxLength: 64, description: 'The key version id.' } }, describeKeyVersion),
  GenerateDataKey: action('Returns a random data key, in plaintext (Base64) and encrypted under the key\'s primary version.', {
    KeyId: keyIdOrAlias,
    KeySpec: { type: 'string', enum: ['AES_256', 'AES_128'], description: 'AES_256 (32 bytes, default) or AES_128 (16 bytes).' },
    NumberOfBytes: { type: 'integer', min: 1, max: 1024, description: 'Length in bytes, 1–1024 (wins over KeySpec).' },
    EncryptionContext: context,
  }, (core, ctx, p) => generateDataKey(core, ctx, p, true)),
  GenerateDataKeyWithoutPlaintext: action('Like GenerateDataKey, but returns only the CiphertextBlob.', {
    KeyId: keyIdOrAlias,
    KeySpec: { type: 'string', enum: ['AES_256', 'AES_128'], description: 'AES_256 (default) or AES_128.' },
    NumberOfBytes: { type: 'integer', min: 1, max: 1024, description: 'Length in bytes, 1–1024.' },
    EncryptionContext: context,
  }, (core, ctx, p) => generateDataKey(core, ctx, p, false)),
  Encrypt: action('Encrypts up to 6 KB of data (Base64) under the key\'s primary version.', {
    KeyId: keyIdOrAlias, Plaintext: { type: 'string', isRequired: true, maxLength: 8192 + 4, description: 'The data, Base64, at most 6 KB decoded.' }, EncryptionContext: context,
  }, encrypt),
  Decrypt: action('Decrypts a CiphertextBlob; the blob names its key and version.', {
    CiphertextBlob: { type: 'string', isRequired: true, maxLength: 16_384, description: 'The Base64 CiphertextBlob.' }, EncryptionContext: context,
  }, decrypt),
  GetParametersForImport: action('Returns a public key and an ImportToken (valid 24 hours) to wrap key material for an EXTERNAL key.', {
    KeyId: keyId(),
    WrappingAlgorithm: { type: 'string', isRequired: true, enum: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'RSAES_PKCS1_V1_5', 'SM2PKE'], description: 'RSAES_OAEP_SHA_1 or RSAES_OAEP_SHA_256.' },
    WrappingKeySpec: { type: 'string', isRequired: true, enum: ['RSA_2048', 'EC_SM2'], description: 'RSA_2048.' },
  }, getParametersForImport),
  ImportKeyMaterial: action('Imports 256-bit key material wrapped with the public key of GetParametersForImport.', {
    KeyId: keyId(),
    EncryptedKeyMaterial: { type: 'string', isRequired: true, maxLength: 4096, description: 'The wrapped material, Base64.' },
    ImportToken: { type: 'string', isRequired: true, maxLength: 4096, description: 'The token from GetParametersForImport.' },
    KeyMaterialExpireUnix: { type: 'integer', min: 0, max: 253_402_300_799, description: 'Unix time in seconds when the material expires; 0 or absent = never.' },
  }, importKeyMaterial),
  DeleteKeyMaterial: action('Deletes imported material; the key becomes PendingImport.', { KeyId: keyId() }, deleteKeyMaterial),
};

function unsupported(name: string, value: string) {
  return invalidParameter(name, `${value} is a valid cloud value the lab does not simulate`);
}

export function kmsProduct(core: KmsCore): ProductDefinition {
  const actions: Record<string, ActionDefinition> = {};
  for (const [name, def] of Object.entries(ACTIONS)) {
    actions[name] = {
      description: def.description,
      params: def.params,
      run: (ctx, p) => core.exclusive(async () => {
        await processDue(core);
        return def.run(core, ctx, p);
      }),
    };
  }
  return { name: 'Kms', description: 'Key Management Service: keys, aliases, rotation, envelope encryption, bring your own key.', actions };
}
