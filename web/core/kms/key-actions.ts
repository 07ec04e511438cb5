// KMS key lifecycle actions (../shared/spec/cloud-api.md §1.3–1.5, §1.10): CreateKey, DescribeKey,
// ListKeys, UpdateKeyDescription, Enable/DisableKey, Schedule/CancelKeyDeletion,
// SetDeletionProtection, UpdateRotationPolicy, tags, and the internal service key for ECS.
import type { CallContext } from '../api/context';
import { invalidParameter, missingParameter } from '../api/codes';
import type { Params } from '../api/params';
import { REGIONS_WITHOUT_CMK } from '../api/regions';
import { MS_PER_DAY } from '../clock';
import { inferredError, kmsError } from './codes';
import { keyArn, type KmsCore, SERVICE_KEY_ALIAS } from './kms-core';
import type { KeyRecord, Tag } from './ports';

const MIN_ROTATION_SECONDS = 7 * 86_400;
const MAX_ROTATION_SECONDS = 365 * 86_400;
const UNIT_SECONDS: Record<string, number> = { d: 86_400, h: 3600, m: 60, s: 1 };
export const MAX_TAGS = 20;

/** RotationInterval "integer[unit]" with unit d/h/m/s (default s), 7d–365d → seconds. */
export function parseRotationInterval(text: string): number {
  const match = /^(\d{1,12})([dhms]?)$/.exec(text);
  const seconds = match ? Number(match[1]) * UNIT_SECONDS[match[2] || 's'] : NaN;
  if (!(seconds >= MIN_ROTATION_SECONDS && seconds <= MAX_ROTATION_SECONDS)) {
    throw invalidParameter('RotationInterval', `expected a period from 7d to 365d (604800s to 31536000s) as integer[d|h|m|s], got ${JSON.stringify(text)}`);
  }
  return seconds;
}

/** The `json` check of Tags: a list of {TagKey, TagValue}; keys 1–128 chars not starting with aliyun or acs:. */
export function checkTags(value: unknown): { value: Tag[] } | string {
  if (!Array.isArray(value)) return 'expected a JSON list like [{"TagKey":"k","TagValue":"v"}]';
  const tags: Tag[] = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null || typeof item.TagKey !== 'string' || (item.TagValue !== undefined && typeof item.TagValue !== 'string')) {
      return 'expected every item to be {"TagKey": string, "TagValue": string}';
    }
    const tagKey: string = item.TagKey;
    if (tagKey.length < 1 || tagKey.length > 128) return `TagKey expected 1 to 128 characters, got ${tagKey.length}`;
    if (/^(aliyun|acs:)/i.test(tagKey)) return `TagKey may not start with "aliyun" or "acs:", got ${JSON.stringify(tagKey)}`;
    const tagValue: string = item.TagValue ?? '';
    if (tagValue.length > 128) return `TagValue expected at most 128 characters, got ${tagValue.length}`;
    tags.push({ TagKey: tagKey, TagValue: tagValue });
  }
  return { value: tags };
}

export function checkTagKeys(value: unknown): { value: string[] } | string {
  if (!Array.isArray(value) || value.some((k) => typeof k !== 'string' || k.length < 1 || k.length > 128)) return 'expected a JSON list of tag keys like ["k1","k2"]';
  return { value: value as string[] };
}

function mergeTags(existing: Tag[], added: Tag[]): Tag[] {
  const merged = new Map(existing.map((t) => [t.TagKey, t.TagValue]));
  for (const t of added) merged.set(t.TagKey, t.TagValue);
  if (merged.size > MAX_TAGS) throw inferredError('tooManyTags');
  return [...merged].map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
}

export async function createKey(core: KmsCore, ctx: CallContext, p: Params) {
  if (REGIONS_WITHOUT_CMK.includes(ctx.regionId)) throw inferredError('regionWithoutCmk', { regionId: ctx.regionId });
  const origin = (p.Origin as KeyRecord['origin'] | undefined) ?? 'Aliyun_KMS';
  const isRotationEnabled = (p.EnableAutomaticRotation as boolean | undefined) ?? false;
  if (isRotationEnabled && origin === 'EXTERNAL') throw inferredError('rotationForExternal');
  if (isRotationEnabled && p.RotationInterval === undefined) throw missingParameter('RotationInterval');
  const rotationIntervalSeconds = p.RotationInterval !== undefined ? parseRotationInterval(p.RotationInterval as string) : undefined;
  const tags = (p.Tags as Tag[] | undefined) ?? [];
  mergeTags([], tags);
  if ((await core.listCmkCount(ctx.accountId, ctx.regionId)) >= core.maxKeysPerRegion) {
    throw kmsError('Rejected.LimitExceeded', { reason: `at most ${core.maxKeysPerRegion} keys per account and region` });
  }
  const now = core.now();
  const keyId = core.random.uuid();
  const version = core.newVersion(keyId, now);
  const key: KeyRecord = {
    keyId, accountId: ctx.accountId, regionId: ctx.regionId, keySpec: 'Aliyun_AES_256', keyUsage: 'ENCRYPT/DECRYPT',
    origin, protectionLevel: 'SOFTWARE', description: (p.Description as string | undefined) ?? '', creator: ctx.accountId,
    isServiceKey: false, state: origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled', createdMs: now,
    isDeletionProtected: false, deletionProtectionDescription: '', isRotationEnabled, rotationIntervalSeconds,
    primaryVersionId: version.keyVersionId, tags,
  };
  ctx.audit.keyId = keyId;
  ctx.audit.keyVersionId = version.keyVersionId;
  const material = origin === 'EXTERNAL' ? [] : [{ id: version.keyVersionId, key: await core.newMaterial() }];
  await core.commit(ctx, { putKeys: [key], putVersions: [version], putMaterial: material });
  return { KeyMetadata: core.metadata(key) };
}

/** The service key of an account and region (alias alias/acs/ecs), created on first use. */
export async function getOrCreateServiceKey(core: KmsCore, ctx: CallContext): Promise<KeyRecord> {
  const alias = await core.store.getAlias({ accountId: ctx.accountId, regionId: ctx.regionId, aliasName: SERVICE_KEY_ALIAS });
  const existing = alias && (await core.store.getKey(alias.keyId));
  if (existing) {
    ctx.audit.keyId = existing.keyId;
    return existing;
  }
  const now = core.now();
  const keyId = core.random.uuid();
  const version = core.newVersion(keyId, now);
  const key: KeyRecord = {
    keyId, accountId: ctx.accountId, regionId: ctx.regionId, keySpec: 'Aliyun_AES_256', keyUsage: 'ENCRYPT/DECRYPT',
    origin: 'Aliyun_KMS', protectionLevel: 'SOFTWARE', description: 'Default service key that protects ECS disks when no other key is chosen',
    creator: 'Ecs', isServiceKey: true, state: 'Enabled', createdMs: now, isDeletionProtected: false, deletionProtectionDescription: '',
    isRotationEnabled: false, primaryVersionId: version.keyVersionId, tags: [],
  };
  ctx.audit.keyId = keyId;
  ctx.audit.keyVersionId = version.keyVersionId;
  await core.commit(ctx, {
    putKeys: [key], putVersions: [version], putMaterial: [{ id: version.keyVersionId, key: await core.newMaterial() }],
    putAliases: [{ accountId: ctx.accountId, regionId: ctx.regionId, aliasName: SERVICE_KEY_ALIAS, keyId }],
  });
  return key;
}

export async function describeKey(core: KmsCore, ctx: CallContext, p: Params) {
  const key = await core.resolveKey(ctx, p.KeyId as string, true);
  return { KeyMetadata: core.metadata(key) };
}

export async function listKeys(core: KmsCore, ctx: CallContext, p: Params) {
  const pageNumber = (p.PageNumber as number | undefined) ?? 1;
  const pageSize = (p.PageSize as number | undefined) ?? 10;
  const keys = await core.store.listKeys(ctx.accountId, ctx.regionId);
  const page = keys.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  return { Keys: { Key: page.map((k) => ({ KeyId: k.keyId, KeyArn: keyArn(k) })) }, TotalCount: keys.length, PageNumber: pageNumber, PageSize: pageSize };
}

export async function updateKeyDescription(core: KmsCore, ctx: CallContext, p: Params) {
  const key = await core.resolveKey(ctx, p.KeyId as string, false);
  core.checkState(ctx, key);
  await core.commit(ctx, { putKeys: [{ ...key, description: p.Description as string }] });
  return {};
}

export async function setKeyEnabled(core: KmsCore, ctx: CallContext, p: Params, isEnabled: boolean) {
  const key = await core.resolveKey(ctx, p.KeyId as string, false);
  if (!isEnabled) core.refuseServiceKey(key, 'state');
  core.checkState(ctx, key);
  const state = isEnabled ? 'Enabled' : 'Disabled';
  // Idempotent (§1.1 note): the same state again changes nothing; the router records the call.
  if (key.state !== state) await core.commit(ctx, { putKeys: [{ ...key, state }] });
  return {};
}

export async function scheduleKeyDeletion(core: KmsCore, ctx: CallContext, p: Params) {
  const key = await core.resolveKey(ctx, p.KeyId as string, false);
  core.refuseServiceKey(key, 'state');
  core.checkState(ctx, key);
  if (key.isDeletionProtected) throw inferredError('deletionProtected', { keyId: key.keyId });
  const deleteMs = core.now() + (p.PendingWindowInDays as number) * MS_PER_DAY;
  await core.commit(ctx, { putKeys: [{ ...key, state: 'PendingDeletion', deleteMs }] });
  return {};
}

export async function cancelKeyDeletion(core: KmsCore, ctx: CallContext, p: Params) {
  const key = await core.resolveKey(ctx, p.KeyId as string, false);
  core.checkState(ctx, key);
  // Back to Enabled (Alibaba, unlike AWS); an EXTERNAL key without material can only be PendingImport.
  const hasMaterial = key.origin !== 'EXTERNAL' || (await core.store.getMaterial(key.primaryVersionId)) !== undefined;
  await core.commit(ctx, { putKeys: [{ ...key, state: hasMaterial ? 'Enabled' : 'PendingImport', deleteMs: undefined }] });
  return {};
}

const KEY_ARN = /^acs:kms:([a-z0-9-]+):(\d+):key\/(.+)$/;

export async function setDeletionProtection(core: KmsCore, ctx: CallContext, p: Params) {
  const arn = KEY_ARN.exec(p.ProtectedResourceArn as string);
  if (!arn) throw invalidParameter('ProtectedResourceArn', `expected a key ARN like acs:kms:${ctx.regionId}:${ctx.accountId}:key/<KeyId>`);
  if (arn[1] !== ctx.regionId || arn[2] !== ctx.accountId || arn[3].startsWith('alias/')) throw kmsError('Forbidden.KeyNotFound');
  const key = await core.resolveKey(ctx, arn[3], false);
  core.refuseServiceKey(key, 'deletion protection');
  const isProtected = p.EnableDeletionProtection as boolean;
  await core.commit(ctx, { putKeys: [{ ...key, isDeletionProtected: isProtected, deletionProtectionDescription: isProtected ? (p.DeletionProtectionDescription as string | undefined) ?? '' : '' }] });
  return {};
}

export async function updateRotationPolicy(core: KmsCore, ctx: CallContext, p: Params) {
  const key = await core.resolveKey(ctx, p.KeyId as string, false);
  core.refuseServiceKey(key, 'rotation');
  if (key.origin === 'EXTERNAL') throw inferredError('rotationForExternal');
  if (key.state === 'PendingDeletion') throw inferredError('rotationWhilePendingDeletion');
  const isEnabled = p.EnableAutomaticRotation as boolean;
  if (isEnabled && p.RotationInterval === undefined && !key.rotationIntervalSeconds) throw missingParameter('RotationInterval');
  const interval = p.RotationInterval !== undefined ? parseRotationInterval(p.RotationInterval as string) : key.rotationIntervalSeconds;
  await core.commit(ctx, { putKeys: [{ ...key, isRotationEnabled: isEnabled, rotationIntervalSeconds: interval }] });
  return {};
}

export async function tagResource(core: KmsCore, ctx: CallContext, p: Params) {
  const key = await core.resolveKey(ctx, p.KeyId as string, false);
  const tags = mergeTags(key.tags, p.Tags as Tag[]);
  await core.commit(ctx, { putKeys: [{ ...key, tags }] });
  return {};
}

export async function untagResource(core: KmsCore, ctx: CallContext, p: Params) {
  const key = await core.resolveKey(ctx, p.KeyId as string, false);
  const removed = new Set(p.TagKeys as string[]);
  await core.commit(ctx, { putKeys: [{ ...key, tags: key.tags.filter((t) => !removed.has(t.TagKey)) }] });
  return {};
}

export async function listResourceTags(core: KmsCore, ctx: CallContext, p: Params) {
  const key = await core.resolveKey(ctx, p.KeyId as string, false);
  return { KeyId: key.keyId, Tags: { Tag: key.tags.map((t) => ({ ...t })) } };
}
