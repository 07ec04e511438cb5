// Account-level EBS default encryption per region (../shared/spec/cloud-api.md §2.9): Enable/Disable,
// status, and the default key (Modify/Describe/Reset). While on, new disks, snapshot copies and image
// copies in the region are encrypted (encryption.ts chooseKey); existing resources are unchanged.
import type { CallContext } from '../api/context';
import type { Params } from '../api/params';
import { findRegion } from './catalogue';
import { ecsError } from './codes';
import type { EcsCore } from './ecs-core';
import { usableKey } from './encryption';
import type { DefaultEncryption } from './ports';

function checkRegion(ctx: CallContext): void {
  const region = findRegion(ctx.regionId);
  if (!region || region.isEncryptionUnsupported) throw ecsError('Abs.InvalidAction.RegionNotSupport', { regionId: ctx.regionId });
}

async function current(core: EcsCore, ctx: CallContext): Promise<DefaultEncryption> {
  return (await core.store.getDefault(ctx.accountId, ctx.regionId)) ?? { accountId: ctx.accountId, RegionId: ctx.regionId, Encrypted: false };
}

/** The key the account default names now: its KMSKeyId, or the region's service key (made on first use). */
async function defaultKeyId(core: EcsCore, ctx: CallContext, setting: DefaultEncryption): Promise<string> {
  if (setting.KMSKeyId) return setting.KMSKeyId;
  return (await usableKey(core, ctx, { accountId: ctx.accountId, regionId: ctx.regionId }, undefined)).KMSKeyId;
}

export async function setDefaultEncryption(core: EcsCore, ctx: CallContext, isEnabled: boolean) {
  checkRegion(ctx);
  const setting = await current(core, ctx);
  // The first enable uses the region's service key (§2.9): make sure it exists.
  if (isEnabled) await defaultKeyId(core, ctx, setting);
  await core.commit(ctx, { putDefaults: [{ ...setting, Encrypted: isEnabled }] });
  return {};
}

export async function describeDefaultStatus(core: EcsCore, ctx: CallContext) {
  checkRegion(ctx);
  return { Encrypted: (await current(core, ctx)).Encrypted };
}

export async function modifyDefaultKey(core: EcsCore, ctx: CallContext, p: Params) {
  checkRegion(ctx);
  const key = await usableKey(core, ctx, { accountId: ctx.accountId, regionId: ctx.regionId }, p.KMSKeyId as string, 'InvalidOperation.KMSKeyIdNotFound');
  ctx.audit.keyId = key.KMSKeyId;
  const setting = await current(core, ctx);
  await core.commit(ctx, { putDefaults: [{ ...setting, KMSKeyId: key.isServiceKey ? undefined : key.KMSKeyId }] });
  return { KMSKeyId: key.KMSKeyId };
}

export async function describeDefaultKey(core: EcsCore, ctx: CallContext) {
  checkRegion(ctx);
  return { KMSKeyId: await defaultKeyId(core, ctx, await current(core, ctx)) };
}

export async function resetDefaultKey(core: EcsCore, ctx: CallContext) {
  checkRegion(ctx);
  const setting = await current(core, ctx);
  const KMSKeyId = await defaultKeyId(core, ctx, { ...setting, KMSKeyId: undefined });
  await core.commit(ctx, { putDefaults: [{ ...setting, KMSKeyId: undefined }] });
  return { KMSKeyId };
}
