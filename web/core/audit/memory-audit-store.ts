// In-memory AuditStore (tests, throwaway sandboxes). Lives in core/audit rather than
// adapters/memory (another engineer's folder) because the in-memory KMS store writes into it.
import { checkContinues, GENESIS_HASH, type AuditHead, type AuditRecord, type AuditStore } from './types';

export class MemoryAuditStore implements AuditStore {
  readonly records: AuditRecord[] = [];
  /** Test hook: when set, every append/commit that carries records throws this. */
  failWith: Error | undefined;

  async head(): Promise<AuditHead> {
    return this.headNow();
  }

  headNow(): AuditHead {
    const last = this.records[this.records.length - 1];
    return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
  }

  /** Checks without writing: the in-memory KMS store calls this before it applies its change. */
  checkAppend(records: AuditRecord[]): void {
    if (this.failWith && records.length) throw this.failWith;
    checkContinues(this.headNow(), records);
  }

  /** Writes records already checked by checkAppend (no await in between). */
  appendChecked(records: AuditRecord[]): void {
    this.records.push(...records.map((r) => structuredClone(r)));
  }

  async append(records: AuditRecord[]): Promise<void> {
    this.checkAppend(records);
    this.appendChecked(records);
  }

  async list(): Promise<AuditRecord[]> {
    return this.records.map((r) => structuredClone(r));
  }

  async clear(): Promise<void> {
    this.records.length = 0;
  }
}
