// Shared machinery of the lab's KMS (../shared/spec/cloud-api.md §1): one-at-a-time execution,
// key lookup by id or alias within the caller's account and region, the state table, commits that
// carry their audit record, key material as non-extractable AES-256-GCM CryptoKeys, KeyMetadata.
import { AuditLog, sha256Hex } from '../audit/audit-log';
import type { CallerIdentity } from '../audit/types';
import { draftOf, type CallContext } from '../api/context';
import { toIsoSeconds, type LabClock } from '../clock';
import { CloudError } from '../errors';
import { canonicalContext, type EncryptionContext } from './blob';
import { inferredError, kmsError } from './codes';
import { checkKeyState } from './key-state';
import type { KeyRecord, KmsChange, KmsStore, RandomPort, VersionRecord } from './ports';

export const SERVICE_KEY_ALIAS = 'alias/acs/ecs';
export const RESERVED_ALIAS_PREFIX = 'alias/acs/';

export interface KmsOptions {
  store: KmsStore;
  audit: AuditLog;
  clock: LabClock;
  random: RandomPort;
  /** CMKs per account and region (service keys do not count). Default 1000. */
  maxKeysPerRegion?: number;
}

export const KMS_SYSTEM_CALLER: CallerIdentity = { type: 'system', accountId: '', principalId: 'kms.aliyuncs.com', userName: 'Kms' };

export function keyArn(key: KeyRecord): string {
  return `acs:kms:${key.regionId}:${key.accountId}:key/${key.keyId}`;
}

export class KmsCore {
  readonly store: KmsStore;
  readonly audit: AuditLog;
  readonly clock: LabClock;
  readonly random: RandomPort;
  readonly maxKeysPerRegion: number;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(options: KmsOptions) {
    this.store = options.store;
    this.audit = options.audit;
    this.clock = options.clock;
    this.random = options.random;
    this.maxKeysPerRegion = options.maxKeysPerRegion ?? 1000;
  }

  now(): number {
    return this.clock.nowMs();
  }

  /** Runs `fn` after every earlier KMS operation of this tab has finished (checks then writes stay consistent). */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Finds a key by id (or alias where `isAliasAllowed`) in the caller's account and region. A key
   *  of another account or region, a deleted key and a malformed id all answer Forbidden.KeyNotFound. */
  async resolveKey(ctx: CallContext, keyIdOrAlias: string, isAliasAllowed: boolean): Promise<KeyRecord> {
    let keyId = keyIdOrAlias;
    if (keyIdOrAlias.startsWith('alias/')) {
      ctx.audit.resourceId = keyIdOrAlias;
      if (!isAliasAllowed) throw kmsError('Unsupported.Alias', { action: ctx.action });
      const alias = await this.store.getAlias({ accountId: ctx.accountId, regionId: ctx.regionId, aliasName: keyIdOrAlias });
      if (!alias) throw kmsError('Forbidden.AliasNotFound');
      keyId = alias.keyId;
    }
    const key = await this.store.getKey(keyId);
    if (!key || key.accountId !== ctx.accountId || key.regionId !== ctx.regionId) {
      ctx.audit.resourceId ??= keyIdOrAlias;
      throw kmsError('Forbidden.KeyNotFound');
    }
    ctx.audit.keyId = key.keyId;
    return key;
  }

  checkState(ctx: CallContext, key: KeyRecord, action = ctx.action): void {
    checkKeyState(action, key.state);
  }

  /** Writes `change` and the call's success record in one store transaction. */
  async commit(ctx: CallContext, change: KmsChange): Promise<void> {
    await this.audit.commitWith(draftOf(ctx), (record) => this.store.commit(change, [record]));
    ctx.isRecorded = true;
  }

  /** Records the call's success before a secret leaves the KMS; if the record cannot be written the
   *  call fails (fail closed, as Vault does: reliability-cases.md T-39). */
  async recordSuccess(ctx: CallContext): Promise<void> {
    try {
      await this.audit.append(draftOf(ctx));
    } catch (error) {
      throw new CloudError('InternalFailure', { cause: error });
    }
    ctx.isRecorded = true;
  }

  async noteContext(ctx: CallContext, context: EncryptionContext | undefined): Promise<void> {
    ctx.audit.encryptionContextHash = await sha256Hex(canonicalContext(context));
  }

  async newMaterial(): Promise<CryptoKey> {
    // Non-extractable: the material can be used and stored, never exported (house style).
    return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  }

  newVersion(keyId: string, createdMs: number): VersionRecord {
    return { keyVersionId: this.random.uuid(), keyId, createdMs };
  }

  async listCmkCount(accountId: string, regionId: string): Promise<number> {
    return (await this.store.listKeys(accountId, regionId)).filter((k) => !k.isServiceKey).length;
  }

  refuseServiceKey(key: KeyRecord, what: 'state' | string): void {
    if (!key.isServiceKey) return;
    if (what === 'state') throw inferredError('serviceKeyStateChange', { keyId: key.keyId });
    throw inferredError('serviceKeyManagement', { keyId: key.keyId, what });
  }

  nextRotationMs(key: KeyRecord): number | undefined {
    if (!key.isRotationEnabled || !key.rotationIntervalSeconds) return undefined;
    return (key.lastRotationMs ?? key.createdMs) + key.rotationIntervalSeconds * 1000;
  }

  metadata(key: KeyRecord): Record<string, unknown> {
    const next = this.nextRotationMs(key);
    const rotation = !key.isRotationEnabled ? 'Disabled' : key.state === 'Enabled' ? 'Enabled' : 'Suspended';
    return {
      Arn: keyArn(key),
      AutomaticRotation: rotation,
      CreationDate: toIsoSeconds(key.createdMs),
      Creator: key.creator,
      ...(key.state === 'PendingDeletion' && key.deleteMs !== undefined ? { DeleteDate: toIsoSeconds(key.deleteMs) } : {}),
      DeletionProtection: key.isDeletionProtected ? 'Enabled' : 'Disabled',
      DeletionProtectionDescription: key.deletionProtectionDescription,
      Description: key.description,
      KeyId: key.keyId,
      KeySpec: key.keySpec,
      KeyState: key.state,
      KeyUsage: key.keyUsage,
      LastRotationDate: toIsoSeconds(key.lastRotationMs ?? key.createdMs),
      MaterialExpireTime: key.materialExpireMs !== undefined ? toIsoSeconds(key.materialExpireMs) : '',
      ...(next !== undefined ? { NextRotationDate: toIsoSeconds(next) } : {}),
      Origin: key.origin,
      PrimaryKeyVersion: key.primaryVersionId,
      ProtectionLevel: key.protectionLevel,
      ...(key.rotationIntervalSeconds ? { RotationInterval: `${key.rotationIntervalSeconds}s` } : {}),
    };
  }
}

/** A context for calls the KMS or another product makes inside the lab (not through the router). */
export function internalContext(init: {
  accountId: string; regionId: string; caller: CallerIdentity; action: string; requestId: string;
  eventType?: 'ApiCall' | 'AliyunServiceEvent';
}): CallContext {
  return {
    requestId: init.requestId.toUpperCase(),
    accountId: init.accountId,
    regionId: init.regionId,
    caller: init.caller,
    product: 'Kms',
    action: init.action,
    eventType: init.eventType ?? 'ApiCall',
    audit: {},
    isRecorded: false,
  };
}
