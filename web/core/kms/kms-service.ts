// The lab's KMS as other code sees it: the router product (kmsProduct) plus the internal calls other
// products make (ECS: the service key, a data key for a disk lineage, unwrap into the worker pool).
// Internal calls are audited like router calls, as the calling service's identity.
import type { AuditFailure } from '../api/context';
import { runAudited } from '../api/context';
import type { ProductDefinition } from '../api/router';
import type { CallerIdentity } from '../audit/types';
import type { DataKeyHandle, SectorCipher } from '../ports';
import type { EncryptionContext } from './blob';
import { generateWrappedForService, unwrapIntoPool } from './crypto-actions';
import { processDue } from './due';
import { getOrCreateServiceKey, MAX_TAGS } from './key-actions';
import { inferredError } from './codes';
import type { Tag } from './ports';
import { internalContext, KmsCore, type KmsOptions } from './kms-core';
import { kmsProduct } from './kms-product';

export interface ServiceCall {
  accountId: string;
  regionId: string;
  /** The calling service: e.g. ECS's role AliyunECSDiskEncryptDefaultRole, or `system` for the service key. */
  caller: CallerIdentity;
  /** Default: a new one. */
  requestId?: string;
}

export interface UnwrapRequest extends ServiceCall {
  ciphertextBlob: string;
  encryptionContext: EncryptionContext;
  cipher: SectorCipher;
}

export interface UnwrapResult {
  handle: DataKeyHandle;
  KeyId: string;
  KeyVersionId: string;
  RequestId: string;
}

export class KmsService {
  readonly core: KmsCore;
  readonly product: ProductDefinition;
  private readonly onAuditFailure: (failure: AuditFailure) => void;

  constructor(options: KmsOptions & { onAuditFailure?: (failure: AuditFailure) => void }) {
    this.core = new KmsCore(options);
    this.product = kmsProduct(this.core);
    this.onAuditFailure = options.onAuditFailure ?? (() => undefined);
  }

  /** Brings rotation, deletion and expiry up to lab time (Lab AdvanceClock calls this). */
  processDue(): Promise<void> {
    return this.core.exclusive(() => processDue(this.core));
  }

  /** Lab Reset: every key, version, alias, token and CryptoKey record. */
  reset(): Promise<void> {
    return this.core.exclusive(() => this.core.store.clear());
  }

  /** The service key (alias alias/acs/ecs) of this account and region, created on first use. */
  getOrCreateServiceKey(call: ServiceCall): Promise<{ KeyId: string; RequestId: string }> {
    return this.internal(call, 'CreateKey', async (ctx) => {
      const key = await getOrCreateServiceKey(this.core, ctx);
      // An existing key is a read: no record unless one was written (ctx.isRecorded).
      if (!ctx.isRecorded) ctx.isRecorded = true;
      return { KeyId: key.keyId, RequestId: ctx.requestId };
    }, 'AliyunServiceEvent');
  }

  /** A new data key of `numberOfBytes` (ECS: 64, halves never equal) wrapped under `keyId`'s primary
   *  version with `encryptionContext`; audited as GenerateDataKeyWithoutPlaintext by the caller. */
  generateWrappedDataKey(call: ServiceCall & { keyId: string; numberOfBytes: number; encryptionContext: EncryptionContext; cipher?: SectorCipher }) {
    return this.internal(call, 'GenerateDataKeyWithoutPlaintext', async (ctx) => ({
      ...(await generateWrappedForService(this.core, ctx, call.keyId, call.numberOfBytes, call.encryptionContext, call.cipher)),
      RequestId: ctx.requestId,
    }));
  }

  /** Checks the key exactly as Decrypt does, records a Decrypt by the caller, and has the pool unwrap
   *  the blob inside its workers (SectorCipher.loadWrappedKey with the version's non-extractable
   *  AES-GCM CryptoKey, IV ‖ ciphertext ‖ tag, and the blob's AAD). Rejects with a CloudError. */
  unwrapIntoPool(request: UnwrapRequest): Promise<UnwrapResult> {
    return this.internal(request, 'Decrypt', async (ctx) => ({
      ...(await unwrapIntoPool(this.core, ctx, request.ciphertextBlob, request.encryptionContext, request.cipher)),
      RequestId: ctx.requestId,
    }));
  }

  /** DescribeKey for another product (ECS checks a key's state and kind before using it), audited as
   *  DescribeKey by the caller. Adds IsServiceKey to the KeyMetadata. Rejects with the KMS's CloudError. */
  describeKeyForService(call: ServiceCall & { keyId: string }): Promise<Record<string, unknown> & { KeyId: string; KeyState: string; IsServiceKey: boolean; Tags: Tag[] }> {
    return this.internal(call, 'DescribeKey', async (ctx) => {
      const key = await this.core.resolveKey(ctx, call.keyId, true);
      return { ...this.core.metadata(key), KeyId: key.keyId, KeyState: key.state, IsServiceKey: key.isServiceKey, Tags: key.tags.map((t) => ({ ...t })) };
    });
  }

  /** TagResource for a cloud service: may set reserved `acs:` tags (ECS's acs:ecs:disk-encryption=true),
   *  which the public TagResource refuses. Audited as TagResource by the caller. */
  tagKeyForService(call: ServiceCall & { keyId: string; tags: Tag[] }): Promise<void> {
    return this.internal(call, 'TagResource', async (ctx) => {
      const key = await this.core.resolveKey(ctx, call.keyId, false);
      const merged = new Map(key.tags.map((t) => [t.TagKey, t.TagValue]));
      for (const t of call.tags) merged.set(t.TagKey, t.TagValue);
      if (merged.size > MAX_TAGS) throw inferredError('tooManyTags');
      await this.core.commit(ctx, { putKeys: [{ ...key, tags: [...merged].map(([TagKey, TagValue]) => ({ TagKey, TagValue })) }] });
    });
  }

  private internal<T>(call: ServiceCall, action: string, fn: (ctx: ReturnType<typeof internalContext>) => Promise<T>, eventType: 'ApiCall' | 'AliyunServiceEvent' = 'ApiCall'): Promise<T> {
    const ctx = internalContext({ ...call, action, requestId: call.requestId ?? this.core.random.uuid(), eventType });
    return this.core.exclusive(() => runAudited(this.core.audit, ctx, async () => {
      await processDue(this.core);
      return fn(ctx);
    }, this.onAuditFailure));
  }
}
