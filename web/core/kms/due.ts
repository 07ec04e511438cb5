// What falls due on the lab clock (issue 4 §4, §6, §7): automatic rotation per RotationInterval,
// destruction of a key at its DeleteDate (its CryptoKey records deleted for good), expiry of imported
// material (→ PendingImport) and of import tokens. Each is one commit with its own audit record, an
// AliyunServiceEvent by the KMS itself, in the key owner's trail.
import { internalContext, KMS_SYSTEM_CALLER, type KmsCore } from './kms-core';
import type { KeyRecord, KmsChange } from './ports';

async function systemCommit(core: KmsCore, key: KeyRecord, action: string, change: KmsChange, keyVersionId?: string): Promise<void> {
  const ctx = internalContext({
    accountId: key.accountId, regionId: key.regionId, caller: { ...KMS_SYSTEM_CALLER, accountId: key.accountId },
    action, requestId: core.random.uuid(), eventType: 'AliyunServiceEvent',
  });
  ctx.audit = { keyId: key.keyId, ...(keyVersionId ? { keyVersionId } : {}) };
  await core.commit(ctx, change);
}

async function destroyKey(core: KmsCore, key: KeyRecord): Promise<void> {
  const versions = await core.store.listVersions(key.keyId);
  const aliases = (await core.store.listAliases(key.accountId, key.regionId)).filter((a) => a.keyId === key.keyId);
  const tokens = (await core.store.listTokens()).filter((t) => t.keyId === key.keyId);
  const versionIds = versions.map((v) => v.keyVersionId);
  const tokenIds = tokens.map((t) => t.tokenId);
  await systemCommit(core, key, 'DeleteKey', {
    deleteKeys: [key.keyId],
    deleteVersions: versionIds,
    deleteAliases: aliases.map(({ accountId, regionId, aliasName }) => ({ accountId, regionId, aliasName })),
    deleteTokens: tokenIds,
    deleteMaterial: [...versionIds, ...tokenIds],
  });
}

/** Brings the KMS up to lab time `now`. Call inside KmsCore.exclusive. */
export async function processDue(core: KmsCore, now = core.now()): Promise<void> {
  for (const token of await core.store.listTokens()) {
    // The token record stays (so a late ImportKeyMaterial answers ExpiredImportToken); its private key goes.
    if (token.expireMs <= now && (await core.store.getMaterial(token.tokenId))) {
      const key = await core.store.getKey(token.keyId);
      if (key) await systemCommit(core, key, 'ExpireImportToken', { deleteMaterial: [token.tokenId] });
    }
  }
  for (let key of await core.store.listAllKeys()) {
    if (key.state === 'PendingDeletion' && key.deleteMs !== undefined && key.deleteMs <= now) {
      await destroyKey(core, key);
      continue;
    }
    if (key.origin === 'EXTERNAL' && key.materialExpireMs !== undefined && key.materialExpireMs <= now) {
      const state = key.state === 'PendingDeletion' ? key.state : 'PendingImport';
      key = { ...key, state, materialExpireMs: undefined };
      await systemCommit(core, key, 'ExpireKeyMaterial', { putKeys: [key], deleteMaterial: [key.primaryVersionId] }, key.primaryVersionId);
    }
    // Rotation runs only while Enabled (otherwise Suspended); each missed interval is one version.
    let next = core.nextRotationMs(key);
    while (key.state === 'Enabled' && key.origin === 'Aliyun_KMS' && next !== undefined && next <= now) {
      const version = core.newVersion(key.keyId, next);
      key = { ...key, primaryVersionId: version.keyVersionId, lastRotationMs: next };
      await systemCommit(core, key, 'RotateKey', {
        putKeys: [key], putVersions: [version], putMaterial: [{ id: version.keyVersionId, key: await core.newMaterial() }],
      }, version.keyVersionId);
      next = core.nextRotationMs(key);
    }
  }
}
