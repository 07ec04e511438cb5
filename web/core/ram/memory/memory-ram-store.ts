// In-memory RamStore (tests, throwaway sandboxes): Maps, with its audit records written into a
// MemoryAuditStore in the same synchronous step, as an IndexedDB adapter does in one transaction.
import type { MemoryAuditStore } from '../../audit/memory-audit-store';
import type { AuditRecord } from '../../audit/types';
import type { RamChange, RamStore, RoleRecord, RoleRef } from '../ports';

const roleKey = (ref: RoleRef) => `${ref.accountId}|${ref.RoleName.toLowerCase()}`;

export class MemoryRamStore implements RamStore {
  readonly roles = new Map<string, RoleRecord>();
  /** Test hook: when set, the next commit throws it and changes nothing. */
  failNextCommit: Error | undefined;

  constructor(readonly audit: MemoryAuditStore) {}

  async getRole(ref: RoleRef) {
    const role = this.roles.get(roleKey(ref));
    return role && structuredClone(role);
  }

  async listRoles(accountId: string) {
    return [...this.roles.values()].filter((r) => r.accountId === accountId)
      .sort((a, b) => (a.RoleName < b.RoleName ? -1 : 1)).map((r) => structuredClone(r));
  }

  async commit(change: RamChange, audit: AuditRecord[]) {
    if (this.failNextCommit) {
      const error = this.failNextCommit;
      this.failNextCommit = undefined;
      throw error;
    }
    this.audit.checkAppend(audit);
    for (const ref of change.deleteRoles ?? []) this.roles.delete(roleKey(ref));
    for (const role of change.putRoles ?? []) this.roles.set(roleKey(role), structuredClone(role));
    this.audit.appendChecked(audit);
  }

  async clear() {
    this.roles.clear();
  }

  /** Everything stored, for "nothing changed" assertions. */
  dump(): RoleRecord[] {
    return [...this.roles.values()].map((r) => structuredClone(r)).sort((a, b) => roleKey(a).localeCompare(roleKey(b)));
  }
}
