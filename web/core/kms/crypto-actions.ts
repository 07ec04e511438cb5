// KMS envelope operations and key versions (../shared/spec/cloud-api.md §1.7–1.8): GenerateDataKey,
// GenerateDataKeyWithoutPlaintext, Encrypt, Decrypt, CreateKeyVersion (symmetric use is a lab
// extension), ListKeyVersions, DescribeKeyVersion; and the internal paths for other products:
// unwrap into the worker pool (audited as Decrypt by the caller) and a data key for a service.
import type { CallContext } from '../api/context';
import { invalidParameter } from '../api/codes';
import type { Params } from '../api/params';
import { toIsoSeconds } from '../clock';
import { CloudError } from '../errors';
import type { DataKeyHandle, SectorCipher } from '../ports';
import { additionalData, blobHeader, encodeBlob, fromBase64, IV_BYTES, parseBlob, TAG_BYTES, toBase64, type EncryptionContext } from './blob';
import { inferredError } from './codes';
import type { KmsCore } from './kms-core';
import type { KeyRecord } from './ports';

export const MAX_ENCRYPT_BYTES = 6 * 1024;

async function seal(core: KmsCore, key: KeyRecord, plaintext: Uint8Array<ArrayBuffer>, context: EncryptionContext | undefined): Promise<string> {
  const material = await core.store.getMaterial(key.primaryVersionId);
  if (!material) throw new Error(`"material" of version ${key.primaryVersionId} is missing for an ${key.state} key`);
  const header = blobHeader(key.keyId, key.primaryVersionId);
  const iv = core.random.fill(new Uint8Array(IV_BYTES));
  const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: additionalData(header, context), tagLength: TAG_BYTES * 8 }, material, plaintext);
  return encodeBlob(header, iv, new Uint8Array(sealed));
}

/** Resolves a key for a crypto operation: lookup, state table, context noted for the audit record. */
async function cryptoKey(core: KmsCore, ctx: CallContext, keyIdOrAlias: string, context: EncryptionContext | undefined): Promise<KeyRecord> {
  await core.noteContext(ctx, context);
  const key = await core.resolveKey(ctx, keyIdOrAlias, true);
  ctx.audit.keyVersionId = key.primaryVersionId;
  core.checkState(ctx, key);
  return key;
}

function dataKeyLength(p: Params): number {
  if (p.NumberOfBytes !== undefined) return p.NumberOfBytes as number;
  return p.KeySpec === 'AES_128' ? 16 : 32;
}

function halvesEqual(bytes: Uint8Array): boolean {
  const half = bytes.length / 2;
  for (let i = 0; i < half; i++) if (bytes[i] !== bytes[half + i]) return false;
  return true;
}

/** Random data-key bytes; a 64-byte key (XTS key1 ‖ key2) is drawn again while its halves are equal. */
function newDataKey(core: KmsCore, length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  do core.random.fill(bytes); while (length === 64 && halvesEqual(bytes));
  return bytes;
}

export async function generateDataKey(core: KmsCore, ctx: CallContext, p: Params, withPlaintext: boolean) {
  const context = p.EncryptionContext as EncryptionContext | undefined;
  const key = await cryptoKey(core, ctx, p.KeyId as string, context);
  const plaintext = newDataKey(core, dataKeyLength(p));
  try {
    const blob = await seal(core, key, plaintext, context);
    await core.recordSuccess(ctx);
    const response = { KeyId: key.keyId, KeyVersionId: key.primaryVersionId, CiphertextBlob: blob };
    return withPlaintext ? { ...response, Plaintext: toBase64(plaintext) } : response;
  } finally {
    plaintext.fill(0);
  }
}

export async function encrypt(core: KmsCore, ctx: CallContext, p: Params) {
  const plaintext = fromBase64(p.Plaintext as string);
  if (!plaintext) throw invalidParameter('Plaintext', 'expected Base64 text');
  if (plaintext.length > MAX_ENCRYPT_BYTES) throw invalidParameter('Plaintext', `expected at most ${MAX_ENCRYPT_BYTES} bytes (6 KB) of data, got ${plaintext.length}`);
  const context = p.EncryptionContext as EncryptionContext | undefined;
  const key = await cryptoKey(core, ctx, p.KeyId as string, context);
  try {
    const blob = await seal(core, key, plaintext, context);
    await core.recordSuccess(ctx);
    return { KeyId: key.keyId, KeyVersionId: key.primaryVersionId, CiphertextBlob: blob };
  } finally {
    plaintext.fill(0);
  }
}

/** Decrypt's checks, shared with unwrap-into-pool: blob format, key of this account and region,
 *  the state table's Decrypt row, the version's material. */
async function openBlob(core: KmsCore, ctx: CallContext, blobText: string, context: EncryptionContext | undefined) {
  await core.noteContext(ctx, context);
  const parsed = parseBlob(blobText);
  if (typeof parsed === 'string') throw inferredError('invalidCiphertext', { reason: parsed });
  const key = await core.resolveKey(ctx, parsed.keyId, false);
  ctx.audit.keyVersionId = parsed.keyVersionId;
  core.checkState(ctx, key, 'Decrypt');
  const version = await core.store.getVersion(parsed.keyVersionId);
  if (!version || version.keyId !== key.keyId) throw inferredError('invalidCiphertext', { reason: 'it names a key version the key does not have' });
  const material = await core.store.getMaterial(version.keyVersionId);
  if (!material) throw new Error(`"material" of version ${version.keyVersionId} is missing for an ${key.state} key`);
  return { key, material, aad: additionalData(parsed.header, context), wrapped: parsed.wrapped };
}

export async function decrypt(core: KmsCore, ctx: CallContext, p: Params) {
  const { key, material, aad, wrapped } = await openBlob(core, ctx, p.CiphertextBlob as string, p.EncryptionContext as EncryptionContext | undefined);
  let plaintext: Uint8Array;
  try {
    plaintext = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: wrapped.slice(0, IV_BYTES), additionalData: aad, tagLength: TAG_BYTES * 8 }, material, wrapped.slice(IV_BYTES)));
  } catch (error) {
    throw Object.assign(inferredError('decryptFailed'), { cause: error });
  }
  try {
    await core.recordSuccess(ctx);
    return { KeyId: key.keyId, KeyVersionId: ctx.audit.keyVersionId, Plaintext: toBase64(plaintext) };
  } finally {
    plaintext.fill(0);
  }
}

/** ECS's path (house style "Where secrets may live"): the pool unwraps the blob inside its workers
 *  under the version's non-extractable CryptoKey; the plaintext never reaches this thread. */
export async function unwrapIntoPool(core: KmsCore, ctx: CallContext, blobText: string, context: EncryptionContext, cipher: SectorCipher) {
  const { key, material, aad, wrapped } = await openBlob(core, ctx, blobText, context);
  let handle: DataKeyHandle;
  try {
    handle = await cipher.loadWrappedKey({ kek: material, blob: wrapped, aad });
  } catch (error) {
    // The workers answer a failed unwrap with code InvalidCiphertext: wrong context or altered blob.
    if ((error as { code?: unknown })?.code === 'InvalidCiphertext') throw Object.assign(inferredError('decryptFailed'), { cause: error });
    throw new CloudError('InternalFailure', { cause: error });
  }
  try {
    await core.recordSuccess(ctx);
  } catch (error) {
    await cipher.releaseKey(handle);
    throw error;
  }
  return { handle, KeyId: key.keyId, KeyVersionId: ctx.audit.keyVersionId as string };
}

export async function createKeyVersion(core: KmsCore, ctx: CallContext, p: Params) {
  const key = await core.resolveKey(ctx, p.KeyId as string, true);
  core.refuseServiceKey(key, 'rotation');
  if (key.origin === 'EXTERNAL') throw inferredError('rotationForExternal');
  if (key.state !== 'Enabled') throw inferredError('versionNotEnabled', { state: key.state });
  const version = core.newVersion(key.keyId, core.now());
  ctx.audit.keyVersionId = version.keyVersionId;
  await core.commit(ctx, {
    putKeys: [{ ...key, primaryVersionId: version.keyVersionId, lastRotationMs: version.createdMs }],
    putVersions: [version],
    putMaterial: [{ id: version.keyVersionId, key: await core.newMaterial() }],
  });
  return { KeyVersion: { KeyId: key.keyId, KeyVersionId: version.keyVersionId, CreationDate: toIsoSeconds(version.createdMs) } };
}

export async function listKeyVersions(core: KmsCore, ctx: CallContext, p: Params) {
  const key = await core.resolveKey(ctx, p.KeyId as string, false);
  const versions = await core.store.listVersions(key.keyId);
  const pageNumber = (p.PageNumber as number | undefined) ?? 1;
  const pageSize = (p.PageSize as number | undefined) ?? 10;
  const items = versions.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  return {
    KeyVersions: { KeyVersion: items.map((v) => ({ KeyId: v.keyId, KeyVersionId: v.keyVersionId, CreationDate: toIsoSeconds(v.createdMs) })) },
    TotalCount: versions.length, PageNumber: pageNumber, PageSize: pageSize,
  };
}

export async function describeKeyVersion(core: KmsCore, ctx: CallContext, p: Params) {
  const key = await core.resolveKey(ctx, p.KeyId as string, false);
  const version = await core.store.getVersion(p.KeyVersionId as string);
  ctx.audit.keyVersionId = p.KeyVersionId as string;
  if (!version || version.keyId !== key.keyId) throw inferredError('versionNotFound', { keyId: key.keyId, keyVersionId: p.KeyVersionId as string });
  return { KeyVersion: { KeyId: key.keyId, KeyVersionId: version.keyVersionId, CreationDate: toIsoSeconds(version.createdMs) } };
}

/** A data key for a service (ECS): only the CiphertextBlob leaves; the bytes are zeroed here. */
export async function generateWrappedForService(core: KmsCore, ctx: CallContext, keyIdOrAlias: string, numberOfBytes: number, context: EncryptionContext, cipher?: SectorCipher) {
  if (!Number.isInteger(numberOfBytes) || numberOfBytes < 1 || numberOfBytes > 1024) throw new RangeError(`"numberOfBytes" expected 1 to 1024, got ${numberOfBytes}`);
  if (cipher) {
    // The XTS data key of a disk lineage is made and sealed inside the crypto workers (house-style.md,
    // "Where secrets may live"): the version's non-extractable CryptoKey goes in, IV ‖ ct ‖ tag comes out.
    if (numberOfBytes !== 64) throw new RangeError(`"numberOfBytes" expected 64 for a data key made in the pool, got ${numberOfBytes}`);
    const key = await cryptoKey(core, ctx, keyIdOrAlias, context);
    const material = await core.store.getMaterial(key.primaryVersionId);
    if (!material) throw new Error(`"material" of version ${key.primaryVersionId} is missing for an ${key.state} key`);
    const header = blobHeader(key.keyId, key.primaryVersionId);
    const sealed = await cipher.generateWrappedKey(material, additionalData(header, context));
    if (sealed.length !== IV_BYTES + numberOfBytes + TAG_BYTES) throw new Error(`the pool sealed ${sealed.length} bytes, expected ${IV_BYTES + numberOfBytes + TAG_BYTES}`);
    await core.recordSuccess(ctx);
    return { KeyId: key.keyId, KeyVersionId: key.primaryVersionId, CiphertextBlob: encodeBlob(header, sealed.subarray(0, IV_BYTES), sealed.subarray(IV_BYTES)) };
  }
  const result = await generateDataKey(core, ctx, { KeyId: keyIdOrAlias, NumberOfBytes: numberOfBytes, EncryptionContext: context }, false);
  return result as { KeyId: string; KeyVersionId: string; CiphertextBlob: string };
}

