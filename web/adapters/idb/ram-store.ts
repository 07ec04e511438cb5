// RamStore (core/ram/ports.ts) over the lab database: roles keyed [accountId, RoleName lowercased],
// since RAM compares role names case-insensitively; each change with its audit records in one strict
// transaction (T-19).
import type { AuditRecord } from '../../core/audit/types';
import type { RamChange, RamStore, RoleRecord, RoleRef } from '../../core/ram/ports';
import { PRODUCT_STORES, type LabStoreName } from './schema';
import { appendAudit, clearStores, queueRequests, readStores, scopeOf, writeStores, type DbSource } from './transact';

const roleKey = (ref: RoleRef): [string, string] => [ref.accountId, ref.RoleName.toLowerCase()];

export class IdbRamStore implements RamStore {
  constructor(private readonly db: DbSource) {}

  getRole(ref: RoleRef): Promise<RoleRecord | undefined> {
    return readStores(this.db, ['ramRoles'], (tx) => tx.objectStore('ramRoles').get(roleKey(ref)));
  }

  async listRoles(accountId: string): Promise<RoleRecord[]> {
    const range = IDBKeyRange.bound([accountId, ''], [accountId, []]);
    const roles = await readStores(this.db, ['ramRoles'], (tx) => tx.objectStore('ramRoles').getAll(range));
    // By name as given (the key order is the lowercased name), as the in-memory twin sorts.
    return roles.sort((a, b) => (a.RoleName < b.RoleName ? -1 : a.RoleName > b.RoleName ? 1 : 0));
  }

  async commit(change: RamChange, audit: AuditRecord[]): Promise<void> {
    if (typeof change !== 'object' || change === null) throw new TypeError('"change" expected a RamChange object');
    const names: LabStoreName[] = change.putRoles?.length || change.deleteRoles?.length ? ['ramRoles'] : [];
    const scope = scopeOf(names, audit);
    if (scope.length === 0) return;
    await writeStores(this.db, scope, async (tx) => {
      await appendAudit(tx, audit);
      await queueRequests((requests) => {
        for (const ref of change.deleteRoles ?? []) requests.push(tx.objectStore('ramRoles').delete(roleKey(ref)));
        for (const role of change.putRoles ?? []) requests.push(tx.objectStore('ramRoles').put(structuredClone(role), roleKey(role)));
      });
    });
  }

  clear(): Promise<void> {
    return clearStores(this.db, PRODUCT_STORES.ram);
  }
}
