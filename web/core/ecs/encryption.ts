// How ECS encrypts (../shared/spec/product.md "How it works"; cloud-api.md §2.2–2.5, §3.1, §5, §6):
// which key a new disk, snapshot copy or image copy gets (the default-key rules), the limits, the
// service role, and envelope encryption through the KMS as ECS — a fresh 64-byte data key per lineage
// kept only wrapped, unwrapped into the worker pool only while an operation needs it.
import type { CallContext } from '../api/context';
import { isCloudError } from '../errors';
import type { DataKeyHandle } from '../ports';
import { findCategory, findRegion } from './catalogue';
import { ecsError } from './codes';
import { ecsRoleCaller, ecsSystemCaller, type EcsCore } from './ecs-core';
import type { DefaultEncryption, WrappedKey } from './ports';

export const ECS_TAG = { TagKey: 'acs:ecs:disk-encryption', TagValue: 'true' };
/** XTS-AES-256 takes key1 ‖ key2 (product.md "data key"). */
export const DATA_KEY_BYTES = 64;

/** What a new resource is made from, as the key rules see it. */
export interface KeySource {
  /** For messages: "snapshot s-…", "image m-…". */
  label: string;
  Encrypted: boolean;
  key?: WrappedKey;
  /** Another account's resource shared with the caller (through an image). */
  isShared: boolean;
}

export type KeyChoice =
  | { kind: 'none' }
  | { kind: 'source' }
  | { kind: 'explicit'; keyId: string }
  | { kind: 'service' }
  | { kind: 'account-default' };

export interface KeyRequest {
  Encrypted?: boolean;
  KMSKeyId?: string;
  source?: KeySource;
  /** 'disk': CreateDisk (Encrypted must be asked for from an encrypted snapshot); 'copy': CopySnapshot/CopyImage;
   *  'image': a system disk from an image (RunInstances, ReplaceSystemDisk): Encrypted omitted keeps an own
   *  encrypted image's key (the OOS template's ReplaceSystemDisk passes none), Encrypted=false is refused. */
  mode: 'disk' | 'copy' | 'image';
  /** A copy to another region cannot keep the source's (regional) key. */
  isCrossRegion: boolean;
  /** Account-level default encryption of the target account and region (§2.9). */
  defaults?: DefaultEncryption;
  regionId: string;
}

/** The default-key rules of product.md "Creating encrypted disks", in order; throws the rule's error. Pure. */
export function chooseKey(ctx: CallContext, r: KeyRequest): KeyChoice {
  const explicit = r.KMSKeyId !== undefined && r.KMSKeyId !== '';
  if (explicit && r.Encrypted !== true) throw ecsError('InvalidParameter.EncryptedIllegal');
  const isDefaultOn = r.defaults?.Encrypted === true;
  const src = r.source;
  if (src?.Encrypted) {
    // A shared encrypted image (or its snapshot): the sharee's own key, Encrypted=true (§2.3, NOTICE-2024).
    if (src.isShared) {
      if (r.Encrypted !== true || (explicit && r.KMSKeyId === src.key?.KMSKeyId)) throw ecsError('InvalidParam.EncryptedMismatch', { source: src.label });
      return explicit ? { kind: 'explicit', keyId: r.KMSKeyId! } : { kind: 'service' };
    }
    if (r.mode !== 'copy' && r.Encrypted === false) throw ecsError('InvalidParameter.Encrypted', { source: src.label });
    if (r.mode === 'disk' && r.Encrypted === undefined && !isDefaultOn) throw ecsError('InvalidEncrypted.NotMatchSnapshot', { snapshotId: src.label });
    if (explicit) return { kind: 'explicit', keyId: r.KMSKeyId! };
    // Encryption is never removed; a copy to another region needs a key of that region.
    if (r.isCrossRegion) return isDefaultOn ? { kind: 'account-default' } : { kind: 'service' };
    return { kind: 'source' };
  }
  if (r.Encrypted === true) return explicit ? { kind: 'explicit', keyId: r.KMSKeyId! } : isDefaultOn ? { kind: 'account-default' } : { kind: 'service' };
  if (isDefaultOn) {
    if (r.Encrypted === false) throw ecsError('InvalidEncrypted.NotMatchDiskDefaultEncryption', { regionId: r.regionId });
    return { kind: 'account-default' };
  }
  return { kind: 'none' };
}

/** §5 limits for an encrypted target: the region, the category, ESSD series when made from a snapshot. */
export function checkEncryptionLimits(regionId: string, options: { category?: string; isFromSnapshot: boolean }): void {
  if (findRegion(regionId)?.isEncryptionUnsupported) {
    if (options.isFromSnapshot) throw ecsError('NotSupportSnapshotEncrypted.RegionId', { regionId });
    throw ecsError('InvalidParameter.EncryptedNotSupported', { what: `Region ${regionId}` });
  }
  if (options.category === undefined) return;
  const category = findCategory(options.category);
  if (category && !category.isEncryptable) throw ecsError('InvalidParameter.EncryptedNotSupported', { what: `Category ${options.category}` });
  if (category && options.isFromSnapshot && !category.isEssdSeries) throw ecsError('NotSupportSnapshotEncrypted.DiskCategory', { category: options.category });
}

/** A key ECS may use now: resolved to its id, Enabled, with the caller ECS uses for it. */
export interface UsableKey {
  KMSKeyId: string;
  isServiceKey: boolean;
  hasEcsTag: boolean;
  accountId: string;
  regionId: string;
}

type NotFoundCode = 'InvalidParameter.KMSKeyId.NotFound' | 'InvalidOperation.KMSKeyIdNotFound';

const KEY_STATE_CODES: Record<string, string> = { 'Rejected.Disabled': 'Disabled', 'Rejected.PendingDeletion': 'PendingDeletion', 'Rejected.PendingImport': 'PendingImport' };

/** A KMS error as ECS reports it (§2.2): unknown key → NotFound, refused state → CMKNotEnabled. */
export function mapKmsError(ctx: Pick<CallContext, 'action'>, error: unknown, keyId: string, regionId: string, notFound: NotFoundCode = 'InvalidParameter.KMSKeyId.NotFound', otherwise?: string): unknown {
  if (!isCloudError(error)) return error;
  if (error.code === 'Forbidden.KeyNotFound' || error.code === 'Forbidden.AliasNotFound') return ecsError(notFound, { keyId, regionId }, ctx.action);
  if (KEY_STATE_CODES[error.code]) return ecsError('InvalidParameter.KMSKeyId.CMKNotEnabled', { keyId, state: KEY_STATE_CODES[error.code] }, ctx.action);
  if (otherwise) return Object.assign(ecsError(otherwise, { keyId, reason: error.message }, ctx.action), { cause: error });
  return error;
}

/** The identity ECS calls KMS with for a key of `accountId`: itself for the service key, its role for a CMK. */
export async function kmsCallerFor(core: EcsCore, accountId: string, isServiceKey: boolean) {
  if (isServiceKey) return ecsSystemCaller(accountId);
  const role = await core.ram.hasEcsDiskEncryptionRole(accountId);
  if (!role) throw ecsError('InvalidParameter.KMSKeyId.KMSUnauthorized');
  return ecsRoleCaller(accountId, role.RoleId);
}

/** Resolves `keyIdOrAlias` (undefined: the service key, created on first use) in the account and region,
 *  checking the CMK-region limit, the role and the key state. Changes nothing but a first service key. */
export async function usableKey(core: EcsCore, ctx: CallContext, target: { accountId: string; regionId: string }, keyIdOrAlias: string | undefined, notFound: NotFoundCode = 'InvalidParameter.KMSKeyId.NotFound'): Promise<UsableKey> {
  const { accountId, regionId } = target;
  if (keyIdOrAlias === undefined) {
    const { KeyId } = await core.kms.getOrCreateServiceKey({ accountId, regionId, caller: ecsSystemCaller(accountId), requestId: ctx.requestId });
    return { KMSKeyId: KeyId, isServiceKey: true, hasEcsTag: true, accountId, regionId };
  }
  const role = await core.ram.hasEcsDiskEncryptionRole(accountId);
  const caller = role ? ecsRoleCaller(accountId, role.RoleId) : ecsSystemCaller(accountId);
  const isCmkRegion = !findRegion(regionId)?.isCmkUnsupported;
  let key: Awaited<ReturnType<EcsCore['kms']['describeKeyForService']>>;
  try {
    key = await core.kms.describeKeyForService({ accountId, regionId, caller, keyId: keyIdOrAlias, requestId: ctx.requestId });
  } catch (error) {
    if (!isCmkRegion && isCloudError(error) && error.code.startsWith('Forbidden.')) throw ecsError('InvalidRegion.NotSupport', { regionId });
    throw mapKmsError(ctx, error, keyIdOrAlias, regionId, notFound);
  }
  if (!key.IsServiceKey) {
    if (!isCmkRegion) throw ecsError('InvalidRegion.NotSupport', { regionId });
    if (!role) throw ecsError('InvalidParameter.KMSKeyId.KMSUnauthorized');
  }
  if (key.KeyState !== 'Enabled') throw ecsError('InvalidParameter.KMSKeyId.CMKNotEnabled', { keyId: key.KeyId, state: key.KeyState }, ctx.action);
  const hasEcsTag = key.Tags.some((t) => t.TagKey === ECS_TAG.TagKey && t.TagValue === ECS_TAG.TagValue);
  return { KMSKeyId: key.KeyId, isServiceKey: key.IsServiceKey, hasEcsTag, accountId, regionId };
}

/** Checks that a wrapped key can still be unwrapped (its key Enabled, the role there for a CMK). */
export async function checkWrappedKeyUsable(core: EcsCore, ctx: CallContext, key: WrappedKey): Promise<void> {
  const usable = await usableKey(core, ctx, { accountId: key.accountId, regionId: key.regionId }, key.KMSKeyId);
  if (usable.KMSKeyId !== key.KMSKeyId) throw new Error(`"key" ${key.KMSKeyId} resolved to another key`);
}

/** ECS tags a CMK the first time it uses it (§1.10): acs:ecs:disk-encryption=true. */
export async function tagForEcs(core: EcsCore, ctx: CallContext, key: UsableKey): Promise<void> {
  if (key.isServiceKey || key.hasEcsTag) return;
  const caller = await kmsCallerFor(core, key.accountId, false);
  try {
    await core.kms.tagKeyForService({ accountId: key.accountId, regionId: key.regionId, caller, keyId: key.KMSKeyId, tags: [ECS_TAG], requestId: ctx.requestId });
  } catch (error) {
    throw Object.assign(ecsError('InvalidParameter.KMSKeyId.CMKUnauthorized', { keyId: key.KMSKeyId, reason: isCloudError(error) ? error.message : 'the tag could not be set' }), { cause: error });
  }
  key.hasEcsTag = true;
}

/** A fresh data key for a new lineage: GenerateDataKeyWithoutPlaintext (64 bytes) as ECS, context
 *  naming account, region and lineage; only the CiphertextBlob comes back. */
export async function newWrappedKey(core: EcsCore, ctx: CallContext, key: UsableKey): Promise<WrappedKey> {
  const lineageId = core.newId('lin');
  const EncryptionContext = { AccountId: key.accountId, RegionId: key.regionId, LineageId: lineageId };
  const caller = await kmsCallerFor(core, key.accountId, key.isServiceKey);
  try {
    const result = await core.kms.generateWrappedDataKey({
      accountId: key.accountId, regionId: key.regionId, caller, keyId: key.KMSKeyId, numberOfBytes: DATA_KEY_BYTES, encryptionContext: EncryptionContext, requestId: ctx.requestId,
      cipher: core.cipher, // made and sealed inside the crypto workers: ECS never holds the plaintext
    });
    return { KMSKeyId: result.KeyId, CiphertextBlob: result.CiphertextBlob, EncryptionContext, lineageId, accountId: key.accountId, regionId: key.regionId, isServiceKey: key.isServiceKey };
  } catch (error) {
    throw mapKmsError(ctx, error, key.KMSKeyId, key.regionId, 'InvalidParameter.KMSKeyId.NotFound', 'InvalidParameter.DataEncryptedKeyCreateFailed');
  }
}

/** Has the KMS (as ECS or its role, in the key owner's account) unwrap `key` into the pool, runs `fn`
 *  with the handle, and releases (zeroes) it afterwards whatever happens. */
export async function withDataKey<T>(core: EcsCore, ctx: CallContext, key: WrappedKey, fn: (handle: DataKeyHandle) => Promise<T>): Promise<T> {
  const caller = await kmsCallerFor(core, key.accountId, key.isServiceKey);
  let handle: DataKeyHandle;
  try {
    ({ handle } = await core.kms.unwrapIntoPool({
      accountId: key.accountId, regionId: key.regionId, caller, ciphertextBlob: key.CiphertextBlob, encryptionContext: key.EncryptionContext, cipher: core.cipher, requestId: ctx.requestId,
    }));
  } catch (error) {
    throw mapKmsError(ctx, error, key.KMSKeyId, key.regionId);
  }
  try {
    return await fn(handle);
  } finally {
    await core.cipher.releaseKey(handle);
  }
}

/** The key a choice names, usable now (source: the source's own key, still usable). */
export async function resolveChoice(core: EcsCore, ctx: CallContext, choice: KeyChoice, target: { accountId: string; regionId: string }, source?: KeySource): Promise<UsableKey | undefined> {
  switch (choice.kind) {
    case 'none': return undefined;
    case 'source': {
      const key = source!.key!;
      await checkWrappedKeyUsable(core, ctx, key);
      return { KMSKeyId: key.KMSKeyId, isServiceKey: key.isServiceKey, hasEcsTag: true, accountId: key.accountId, regionId: key.regionId };
    }
    case 'explicit': return usableKey(core, ctx, target, choice.keyId);
    case 'service': return usableKey(core, ctx, target, undefined);
    case 'account-default': {
      const defaults = await core.store.getDefault(target.accountId, target.regionId);
      return usableKey(core, ctx, target, defaults?.KMSKeyId);
    }
  }
}
