// Bring your own key (../shared/spec/cloud-api.md §1.9): GetParametersForImport (RSA_2048 with
// RSAES_OAEP_SHA_1 or RSAES_OAEP_SHA_256 via WebCrypto; token valid 24 h of lab time),
// ImportKeyMaterial (unwrapped straight into a non-extractable AES-256-GCM CryptoKey, so the
// material is never readable here), DeleteKeyMaterial. "Only the same material may be re-imported"
// is checked with a known-answer ciphertext: AES-GCM of 16 zero bytes under the material, fixed IV
// and AAD, kept as the key's materialCheck; it shows equality of material, nothing else.
import type { CallContext } from '../api/context';
import { invalidParameter } from '../api/codes';
import type { Params } from '../api/params';
import { MS_PER_DAY, toIsoSeconds } from '../clock';
import { fromBase64, toBase64 } from './blob';
import { inferredError, kmsError } from './codes';
import type { KmsCore } from './kms-core';
import type { ImportTokenRecord, KeyRecord } from './ports';

const TOKEN_LIFETIME_MS = MS_PER_DAY;
const CHECK_IV = new Uint8Array(12);
const CHECK_AAD = new TextEncoder().encode('disk-encryption-lab/kms/material-check/v1');

const OAEP_HASH: Record<ImportTokenRecord['wrappingAlgorithm'], 'SHA-1' | 'SHA-256'> = {
  RSAES_OAEP_SHA_1: 'SHA-1',
  RSAES_OAEP_SHA_256: 'SHA-256',
};

function requireExternal(key: KeyRecord): void {
  if (key.origin !== 'EXTERNAL') throw kmsError('Unsupported.Origin', { origin: key.origin });
}

export async function materialCheck(material: CryptoKey): Promise<string> {
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: CHECK_IV, additionalData: CHECK_AAD }, material, new Uint8Array(16));
  return toBase64(new Uint8Array(sealed));
}

export async function getParametersForImport(core: KmsCore, ctx: CallContext, p: Params) {
  if (p.WrappingKeySpec !== 'RSA_2048') throw inferredError('unsupportedWrapping', { name: 'WrappingKeySpec', value: p.WrappingKeySpec as string });
  const algorithm = p.WrappingAlgorithm as string;
  if (!(algorithm in OAEP_HASH)) throw inferredError('unsupportedWrapping', { name: 'WrappingAlgorithm', value: algorithm });
  const key = await core.resolveKey(ctx, p.KeyId as string, false);
  requireExternal(key);
  core.checkState(ctx, key);
  const wrappingAlgorithm = algorithm as ImportTokenRecord['wrappingAlgorithm'];
  const pair = await crypto.subtle.generateKey(
    { name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: OAEP_HASH[wrappingAlgorithm] },
    false, // the private key stays non-extractable; the public key is always exportable
    ['wrapKey', 'unwrapKey'],
  );
  const publicKey = toBase64(new Uint8Array(await crypto.subtle.exportKey('spki', pair.publicKey)));
  const token: ImportTokenRecord = {
    tokenId: core.random.uuid(), keyId: key.keyId, expireMs: core.now() + TOKEN_LIFETIME_MS,
    wrappingAlgorithm, wrappingKeySpec: 'RSA_2048', publicKey,
  };
  await core.commit(ctx, { putTokens: [token], putMaterial: [{ id: token.tokenId, key: pair.privateKey }] });
  return { KeyId: key.keyId, ImportToken: token.tokenId, PublicKey: publicKey, TokenExpireTime: toIsoSeconds(token.expireMs) };
}

export async function importKeyMaterial(core: KmsCore, ctx: CallContext, p: Params) {
  const wrapped = fromBase64(p.EncryptedKeyMaterial as string);
  if (!wrapped) throw invalidParameter('EncryptedKeyMaterial', 'expected Base64 text');
  const expireUnix = (p.KeyMaterialExpireUnix as number | undefined) ?? 0;
  const now = core.now();
  if (expireUnix !== 0 && expireUnix * 1000 <= now) throw invalidParameter('KeyMaterialExpireUnix', `expected 0 (never) or a time after the lab's now (${Math.floor(now / 1000)}), got ${expireUnix}`);
  const key = await core.resolveKey(ctx, p.KeyId as string, false);
  requireExternal(key);
  core.checkState(ctx, key);
  const token = await core.store.getToken(p.ImportToken as string);
  if (!token || token.keyId !== key.keyId) throw kmsError('InvalidImportToken', { reason: 'it was not issued for this key by GetParametersForImport' });
  const privateKey = await core.store.getMaterial(token.tokenId);
  if (token.expireMs <= now || !privateKey) throw kmsError('ExpiredImportToken');
  let material: CryptoKey;
  try {
    material = await crypto.subtle.unwrapKey('raw', wrapped, privateKey, { name: 'RSA-OAEP' }, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
  } catch (error) {
    throw Object.assign(kmsError('InvalidKeyMaterial', { reason: `it does not unwrap with this token's private key and ${token.wrappingAlgorithm} to AES key material (wrong public key, OAEP hash, or a damaged blob)` }), { cause: error });
  }
  if ((material.algorithm as AesKeyAlgorithm).length !== 256) {
    throw kmsError('InvalidKeyMaterial', { reason: `expected 256-bit (32-byte) material for Aliyun_AES_256, got ${(material.algorithm as AesKeyAlgorithm).length} bits` });
  }
  const check = await materialCheck(material);
  if (key.materialCheck !== undefined && key.materialCheck !== check) {
    throw kmsError('InvalidKeyMaterial', { reason: 'only the material imported before into this key may be imported again' });
  }
  ctx.audit.keyVersionId = key.primaryVersionId;
  const updated: KeyRecord = {
    ...key, state: key.state === 'PendingImport' ? 'Enabled' : key.state, materialCheck: check,
    materialExpireMs: expireUnix ? expireUnix * 1000 : undefined,
  };
  await core.commit(ctx, { putKeys: [updated], putMaterial: [{ id: key.primaryVersionId, key: material }] });
  return {};
}

export async function deleteKeyMaterial(core: KmsCore, ctx: CallContext, p: Params) {
  const key = await core.resolveKey(ctx, p.KeyId as string, false);
  requireExternal(key);
  core.checkState(ctx, key);
  const state = key.state === 'PendingDeletion' ? key.state : 'PendingImport';
  await core.commit(ctx, { putKeys: [{ ...key, state, materialExpireMs: undefined }], deleteMaterial: [key.primaryVersionId] });
  return {};
}
