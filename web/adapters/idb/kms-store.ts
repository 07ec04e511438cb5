// KmsStore (core/kms/ports.ts) over the lab database: keys, versions, aliases, import tokens and key
// material — non-extractable CryptoKeys stored as they are (structured clone, never exported) — each
// change committed with its audit records in one strict transaction (issue 4 items 3 and 8; T-19, T-32).
import type { AuditRecord } from '../../core/audit/types';
import type { AliasRecord, AliasRef, ImportTokenRecord, KeyRecord, KmsChange, KmsStore, VersionRecord } from '../../core/kms/ports';
import { PRODUCT_STORES, type LabStoreName } from './schema';
import { appendAudit, clearStores, queueRequests, readStores, scopeOf, writeStores, type DbSource } from './transact';

const aliasKey = (ref: AliasRef): [string, string, string] => [ref.accountId, ref.regionId, ref.aliasName];

function checkMaterial(change: KmsChange): void {
  for (const m of change.putMaterial ?? []) {
    if (typeof m?.id !== 'string' || !(m.key instanceof CryptoKey)) throw new TypeError('"putMaterial" expected {id: string, key: CryptoKey} records');
    // House style, "Where secrets may live": key material only as non-extractable CryptoKeys.
    if (m.key.extractable) throw new TypeError(`"material ${m.id}" expected a non-extractable CryptoKey`);
  }
}

function storesOf(change: KmsChange): LabStoreName[] {
  const names: LabStoreName[] = [];
  if (change.putKeys?.length || change.deleteKeys?.length) names.push('kmsKeys');
  if (change.putVersions?.length || change.deleteVersions?.length) names.push('kmsVersions');
  if (change.putAliases?.length || change.deleteAliases?.length) names.push('kmsAliases');
  if (change.putTokens?.length || change.deleteTokens?.length) names.push('kmsTokens');
  if (change.putMaterial?.length || change.deleteMaterial?.length) names.push('kmsMaterial');
  return names;
}

export class IdbKmsStore implements KmsStore {
  constructor(private readonly db: DbSource) {}

  getKey(keyId: string): Promise<KeyRecord | undefined> {
    return readStores(this.db, ['kmsKeys'], (tx) => tx.objectStore('kmsKeys').get(keyId));
  }

  listKeys(accountId: string, regionId: string): Promise<KeyRecord[]> {
    // The index is [accountId, regionId, createdMs]: one range, already oldest first.
    const range = IDBKeyRange.bound([accountId, regionId, -Infinity], [accountId, regionId, Infinity]);
    return readStores(this.db, ['kmsKeys'], (tx) => tx.objectStore('kmsKeys').index('byAccountRegion').getAll(range));
  }

  listAllKeys(): Promise<KeyRecord[]> {
    return readStores(this.db, ['kmsKeys'], (tx) => tx.objectStore('kmsKeys').getAll());
  }

  getVersion(keyVersionId: string): Promise<VersionRecord | undefined> {
    return readStores(this.db, ['kmsVersions'], (tx) => tx.objectStore('kmsVersions').get(keyVersionId));
  }

  listVersions(keyId: string): Promise<VersionRecord[]> {
    const range = IDBKeyRange.bound([keyId, -Infinity], [keyId, Infinity]);
    return readStores(this.db, ['kmsVersions'], (tx) => tx.objectStore('kmsVersions').index('byKey').getAll(range));
  }

  getAlias(ref: AliasRef): Promise<AliasRecord | undefined> {
    return readStores(this.db, ['kmsAliases'], (tx) => tx.objectStore('kmsAliases').get(aliasKey(ref)));
  }

  listAliases(accountId: string, regionId: string): Promise<AliasRecord[]> {
    // Keys [account, region, name]: '' is the least string and [] sorts after every string.
    const range = IDBKeyRange.bound([accountId, regionId, ''], [accountId, regionId, []]);
    return readStores(this.db, ['kmsAliases'], (tx) => tx.objectStore('kmsAliases').getAll(range));
  }

  getToken(tokenId: string): Promise<ImportTokenRecord | undefined> {
    return readStores(this.db, ['kmsTokens'], (tx) => tx.objectStore('kmsTokens').get(tokenId));
  }

  listTokens(): Promise<ImportTokenRecord[]> {
    return readStores(this.db, ['kmsTokens'], (tx) => tx.objectStore('kmsTokens').getAll());
  }

  async getMaterial(id: string): Promise<CryptoKey | undefined> {
    return (await readStores(this.db, ['kmsMaterial'], (tx) => tx.objectStore('kmsMaterial').get(id)))?.key;
  }

  async commit(change: KmsChange, audit: AuditRecord[]): Promise<void> {
    if (typeof change !== 'object' || change === null) throw new TypeError('"change" expected a KmsChange object');
    checkMaterial(change);
    const scope = scopeOf(storesOf(change), audit);
    if (scope.length === 0) return;
    await writeStores(this.db, scope, async (tx) => {
      // The head check comes first: a record that does not follow it aborts before any write.
      await appendAudit(tx, audit);
      await queueRequests((requests) => {
        // Deletes before puts, as the in-memory twin applies them; requests run in order (IndexedDB §2.7).
        for (const id of change.deleteKeys ?? []) requests.push(tx.objectStore('kmsKeys').delete(id));
        for (const id of change.deleteVersions ?? []) requests.push(tx.objectStore('kmsVersions').delete(id));
        for (const ref of change.deleteAliases ?? []) requests.push(tx.objectStore('kmsAliases').delete(aliasKey(ref)));
        for (const id of change.deleteTokens ?? []) requests.push(tx.objectStore('kmsTokens').delete(id));
        // Destroyed material: the records holding the CryptoKeys go (T-37).
        for (const id of change.deleteMaterial ?? []) requests.push(tx.objectStore('kmsMaterial').delete(id));
        for (const k of change.putKeys ?? []) requests.push(tx.objectStore('kmsKeys').put(structuredClone(k)));
        for (const v of change.putVersions ?? []) requests.push(tx.objectStore('kmsVersions').put({ ...v }));
        for (const a of change.putAliases ?? []) requests.push(tx.objectStore('kmsAliases').put({ ...a }));
        for (const t of change.putTokens ?? []) requests.push(tx.objectStore('kmsTokens').put({ ...t }));
        for (const m of change.putMaterial ?? []) requests.push(tx.objectStore('kmsMaterial').put({ id: m.id, key: m.key }));
      });
    });
  }

  /** Lab Reset: every key, version, alias, token and CryptoKey record; nothing else. */
  clear(): Promise<void> {
    return clearStores(this.db, PRODUCT_STORES.kms);
  }
}
