// In-memory KmsStore (tests, throwaway sandboxes) over Maps, writing its audit records into a
// MemoryAuditStore in the same synchronous step, as the IndexedDB adapter does in one transaction.
// Kept in core/kms/memory because adapters/memory belongs to the disk layer's engineer.
import type { AuditRecord } from '../../audit/types';
import type { MemoryAuditStore } from '../../audit/memory-audit-store';
import type { AliasRecord, AliasRef, ImportTokenRecord, KeyRecord, KmsChange, KmsStore, VersionRecord } from '../ports';

const aliasKey = (ref: AliasRef) => `${ref.accountId}|${ref.regionId}|${ref.aliasName}`;

export class MemoryKmsStore implements KmsStore {
  readonly keys = new Map<string, KeyRecord>();
  readonly versions = new Map<string, VersionRecord>();
  readonly aliases = new Map<string, AliasRecord>();
  readonly tokens = new Map<string, ImportTokenRecord>();
  /** Non-extractable CryptoKeys, stored as they are (as IndexedDB stores them). */
  readonly material = new Map<string, CryptoKey>();
  /** Test hook: when set, the next commit throws it and changes nothing. */
  failNextCommit: Error | undefined;

  constructor(readonly audit: MemoryAuditStore) {}

  async getKey(keyId: string) {
    const key = this.keys.get(keyId);
    return key && structuredClone(key);
  }

  async listKeys(accountId: string, regionId: string) {
    return [...this.keys.values()].filter((k) => k.accountId === accountId && k.regionId === regionId)
      .sort((a, b) => a.createdMs - b.createdMs).map((k) => structuredClone(k));
  }

  async listAllKeys() {
    return [...this.keys.values()].map((k) => structuredClone(k));
  }

  async getVersion(keyVersionId: string) {
    const version = this.versions.get(keyVersionId);
    return version && { ...version };
  }

  async listVersions(keyId: string) {
    return [...this.versions.values()].filter((v) => v.keyId === keyId).sort((a, b) => a.createdMs - b.createdMs).map((v) => ({ ...v }));
  }

  async getAlias(ref: AliasRef) {
    const alias = this.aliases.get(aliasKey(ref));
    return alias && { ...alias };
  }

  async listAliases(accountId: string, regionId: string) {
    return [...this.aliases.values()].filter((a) => a.accountId === accountId && a.regionId === regionId)
      .sort((a, b) => (a.aliasName < b.aliasName ? -1 : 1)).map((a) => ({ ...a }));
  }

  async getToken(tokenId: string) {
    const token = this.tokens.get(tokenId);
    return token && { ...token };
  }

  async listTokens() {
    return [...this.tokens.values()].map((t) => ({ ...t }));
  }

  async getMaterial(id: string) {
    return this.material.get(id);
  }

  async commit(change: KmsChange, audit: AuditRecord[]): Promise<void> {
    if (this.failNextCommit) {
      const error = this.failNextCommit;
      this.failNextCommit = undefined;
      throw error;
    }
    this.audit.checkAppend(audit);
    // Validate everything before the first write, then apply without awaiting: all or nothing.
    for (const m of change.putMaterial ?? []) {
      if (m.key.extractable) throw new TypeError(`"material ${m.id}" expected a non-extractable CryptoKey`);
    }
    for (const id of change.deleteKeys ?? []) this.keys.delete(id);
    for (const id of change.deleteVersions ?? []) this.versions.delete(id);
    for (const ref of change.deleteAliases ?? []) this.aliases.delete(aliasKey(ref));
    for (const id of change.deleteTokens ?? []) this.tokens.delete(id);
    for (const id of change.deleteMaterial ?? []) this.material.delete(id);
    for (const k of change.putKeys ?? []) this.keys.set(k.keyId, structuredClone(k));
    for (const v of change.putVersions ?? []) this.versions.set(v.keyVersionId, { ...v });
    for (const a of change.putAliases ?? []) this.aliases.set(aliasKey(a), { ...a });
    for (const t of change.putTokens ?? []) this.tokens.set(t.tokenId, { ...t });
    for (const m of change.putMaterial ?? []) this.material.set(m.id, m.key);
    this.audit.appendChecked(audit);
  }

  async clear(): Promise<void> {
    for (const map of [this.keys, this.versions, this.aliases, this.tokens, this.material]) map.clear();
  }
}
