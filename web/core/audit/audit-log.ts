// Seals audit drafts into hash-chained records (ActionTrail-like, ../shared/spec/cloud-api.md §8)
// and appends them; `commitWith` lets a product store write its change and the record in one
// transaction. Hashing is async (WebCrypto), so it happens before the transaction; a head moved by
// another tab shows up as AuditConflict and the record is sealed again on the new head.
import { toIsoSeconds, type LabClock } from '../clock';
import { GENESIS_HASH, type AuditDraft, type AuditHead, type AuditRecord, type AuditStore } from './types';

const MAX_CONFLICT_RETRIES = 5;

/** Canonical JSON: keys sorted at every level, no whitespace; undefined fields left out. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export async function sha256Hex(data: string | Uint8Array): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes.slice()));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function hashRecord(record: Omit<AuditRecord, 'hash'>): Promise<string> {
  const { hash: _ignored, ...rest } = record as AuditRecord;
  return sha256Hex(canonicalJson(rest));
}

/** Checks every link and hash; returns the seq of the first bad record, or undefined when intact. */
export async function findBrokenLink(records: AuditRecord[]): Promise<number | undefined> {
  let prev: AuditHead = { seq: 0, hash: GENESIS_HASH };
  for (const record of records) {
    if (record.seq !== prev.seq + 1 || record.prevHash !== prev.hash || (await hashRecord(record)) !== record.hash) return record.seq;
    prev = { seq: record.seq, hash: record.hash };
  }
  return undefined;
}

function isConflict(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'AuditConflict';
}

export class AuditLog {
  /** Serialises sealing + writing inside this tab; other tabs are caught by AuditConflict. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: AuditStore, private readonly clock: LabClock, private readonly newId: () => string) {}

  /** Appends one record on its own (read-only calls, failures). */
  append(draft: AuditDraft): Promise<AuditRecord> {
    return this.commitWith(draft, (record) => this.store.append([record]));
  }

  /** Seals `draft` on the current head and calls `write(record)`, which must store the record (and
   *  whatever change goes with it) atomically, or throw and store nothing. */
  commitWith(draft: AuditDraft, write: (record: AuditRecord) => Promise<void>): Promise<AuditRecord> {
    const run = async (): Promise<AuditRecord> => {
      for (let attempt = 0; ; attempt++) {
        const record = await this.seal(draft, await this.store.head());
        try {
          await write(record);
          return record;
        } catch (error) {
          if (!isConflict(error) || attempt >= MAX_CONFLICT_RETRIES) throw error;
        }
      }
    };
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => undefined);
    return result;
  }

  list(): Promise<AuditRecord[]> {
    return this.store.list();
  }

  private async seal(draft: AuditDraft, head: AuditHead): Promise<AuditRecord> {
    const unsealed: Omit<AuditRecord, 'hash'> = {
      ...draft,
      seq: head.seq + 1,
      eventId: this.newId(),
      eventTime: toIsoSeconds(this.clock.nowMs()),
      prevHash: head.hash,
    };
    return { ...unsealed, hash: await hashRecord(unsealed) };
  }
}
