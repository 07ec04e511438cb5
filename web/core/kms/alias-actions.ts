// KMS aliases (../shared/spec/cloud-api.md §1.6): CreateAlias, UpdateAlias, DeleteAlias, ListAliases,
// ListAliasesByKeyId. Names are alias/ + 1–255 of [A-Za-z0-9_/-], unique per account and region;
// alias/acs/ is reserved for service keys (inferred InvalidParameter).
import type { CallContext } from '../api/context';
import type { Params } from '../api/params';
import { inferredError, kmsError } from './codes';
import { type KmsCore, RESERVED_ALIAS_PREFIX } from './kms-core';
import type { AliasRecord } from './ports';

export const ALIAS_PATTERN = /^alias\/[A-Za-z0-9_\-/]{1,255}$/;

function aliasRef(ctx: CallContext, aliasName: string) {
  ctx.audit.resourceId = aliasName;
  if (aliasName.startsWith(RESERVED_ALIAS_PREFIX)) throw inferredError('reservedAlias');
  return { accountId: ctx.accountId, regionId: ctx.regionId, aliasName };
}

function aliasArn(alias: AliasRecord): string {
  return `acs:kms:${alias.regionId}:${alias.accountId}:${alias.aliasName}`;
}

function page<T>(items: T[], p: Params) {
  const pageNumber = (p.PageNumber as number | undefined) ?? 1;
  const pageSize = (p.PageSize as number | undefined) ?? 10;
  return { items: items.slice((pageNumber - 1) * pageSize, pageNumber * pageSize), pageNumber, pageSize };
}

function aliasList(aliases: AliasRecord[], p: Params) {
  const { items, pageNumber, pageSize } = page(aliases, p);
  return {
    Aliases: { Alias: items.map((a) => ({ AliasArn: aliasArn(a), AliasName: a.aliasName, KeyId: a.keyId })) },
    TotalCount: aliases.length, PageNumber: pageNumber, PageSize: pageSize,
  };
}

export async function createAlias(core: KmsCore, ctx: CallContext, p: Params) {
  const ref = aliasRef(ctx, p.AliasName as string);
  const key = await core.resolveKey(ctx, p.KeyId as string, false);
  core.checkState(ctx, key);
  if (await core.store.getAlias(ref)) throw kmsError('AliasAlreadyExists', { aliasName: ref.aliasName });
  await core.commit(ctx, { putAliases: [{ ...ref, keyId: key.keyId }] });
  return {};
}

export async function updateAlias(core: KmsCore, ctx: CallContext, p: Params) {
  const ref = aliasRef(ctx, p.AliasName as string);
  const existing = await core.store.getAlias(ref);
  if (!existing) throw kmsError('Forbidden.AliasNotFound');
  const key = await core.resolveKey(ctx, p.KeyId as string, false);
  core.checkState(ctx, key);
  await core.commit(ctx, { putAliases: [{ ...ref, keyId: key.keyId }] });
  return {};
}

export async function deleteAlias(core: KmsCore, ctx: CallContext, p: Params) {
  const ref = aliasRef(ctx, p.AliasName as string);
  const existing = await core.store.getAlias(ref);
  if (!existing) throw kmsError('Forbidden.AliasNotFound');
  ctx.audit.keyId = existing.keyId;
  await core.commit(ctx, { deleteAliases: [ref] });
  return {};
}

export async function listAliases(core: KmsCore, ctx: CallContext, p: Params) {
  return aliasList(await core.store.listAliases(ctx.accountId, ctx.regionId), p);
}

export async function listAliasesByKeyId(core: KmsCore, ctx: CallContext, p: Params) {
  const key = await core.resolveKey(ctx, p.KeyId as string, false);
  const aliases = (await core.store.listAliases(ctx.accountId, ctx.regionId)).filter((a) => a.keyId === key.keyId);
  return aliasList(aliases, p);
}
