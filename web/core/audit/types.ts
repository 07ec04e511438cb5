// The lab's audit trail, shaped after ActionTrail's event record (../shared/spec/cloud-api.md §8):
// append-only, hash-chained records. A change and its record are committed in one store transaction
// (product stores take the records in their commit); read-only calls append through AuditStore.

/** Who made a call (ActionTrail userIdentity). */
export interface CallerIdentity {
  type: 'root-account' | 'ram-user' | 'assumed-role' | 'system';
  accountId: string;
  principalId: string;
  userName: string;
}

/** What a service fills in while it handles a call; the audit log adds the rest. */
export interface AuditDetails {
  keyId?: string;
  keyVersionId?: string;
  /** Any other resource the call acted on (an alias name, a disk id). */
  resourceId?: string;
  /** SHA-256 (hex) of the canonical EncryptionContext: which context was used, not its text. */
  encryptionContextHash?: string;
}

export interface AuditDraft extends AuditDetails {
  eventType: 'ApiCall' | 'AliyunServiceEvent';
  product: string; // serviceName: 'Kms', 'Lab', …
  action: string; // eventName: the API action
  accountId: string; // whose trail the record belongs to
  regionId: string;
  requestId: string;
  caller: CallerIdentity;
  outcome: 'Success' | 'Failure';
  errorCode?: string;
  errorMessage?: string;
}

export interface AuditRecord extends AuditDraft {
  /** 1, 2, 3, … with no gaps. */
  seq: number;
  eventId: string;
  /** Lab time, ISO 8601 UTC. */
  eventTime: string;
  /** Hash of the previous record (64 zeros before the first). */
  prevHash: string;
  /** SHA-256 (hex) over the canonical JSON of every other field. */
  hash: string;
}

export interface AuditHead {
  seq: number;
  hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** Where audit records live (IndexedDB in the browser, memory in tests). Product stores that write
 *  changes take records too, and must check the same head in the same transaction. */
export interface AuditStore {
  /** { seq: 0, hash: GENESIS_HASH } when empty. */
  head(): Promise<AuditHead>;
  /** Appends in one transaction; throws AuditConflict (a plain Error with code 'AuditConflict') and
   *  writes nothing unless records[0] follows the stored head (seq and prevHash). */
  append(records: AuditRecord[]): Promise<void>;
  list(): Promise<AuditRecord[]>;
  /** Lab Reset only. */
  clear(): Promise<void>;
}

/** Throws AuditConflict unless `records` continue `head` and each other. Shared by every store. */
export function checkContinues(head: AuditHead, records: AuditRecord[]): void {
  let prev = head;
  for (const record of records) {
    if (record.seq !== prev.seq + 1 || record.prevHash !== prev.hash) {
      throw Object.assign(new Error(`audit record ${record.seq} does not follow the stored head ${prev.seq} (another writer?)`), { code: 'AuditConflict' });
    }
    prev = { seq: record.seq, hash: record.hash };
  }
}
