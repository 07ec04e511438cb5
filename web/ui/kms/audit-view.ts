// Pure helpers of the audit trail page (issue 4 §8, ActionTrail-like records): what kind of call a
// record is, filtering by product / action / key / outcome / kind, the choices each filter offers,
// and the JSON export. Unit-tested in Node.
import type { AuditRecord } from '../../core/audit/types';

export type ActionKind = 'read' | 'use' | 'change';

const USES = new Set(['Encrypt', 'Decrypt', 'GenerateDataKey', 'GenerateDataKeyWithoutPlaintext']);

/** read: Describe/List/Get; use: envelope operations (a key is used, nothing changes); change: the rest. */
export function actionKind(action: string): ActionKind {
  if (/^(Describe|List|Get)[A-Z]/.test(action)) return 'read';
  return USES.has(action) ? 'use' : 'change';
}

/** Whether a call may have changed what the console shows (the views refresh after these only,
 *  so their own reads never set off another round). */
export function isStateChanging(product: string, action: string): boolean {
  return actionKind(action) === 'change' || (product.toLowerCase() === 'lab' && action !== 'GetClock' && action !== 'ListAccounts');
}

export interface AuditFilter {
  product: string;
  action: string;
  keyId: string;
  outcome: '' | 'Success' | 'Failure';
  kind: '' | ActionKind;
}

export const NO_FILTER: AuditFilter = { product: '', action: '', keyId: '', outcome: '', kind: '' };

export function matchesFilter(record: AuditRecord, filter: AuditFilter): boolean {
  return (filter.product === '' || record.product === filter.product)
    && (filter.action === '' || record.action === filter.action)
    && (filter.keyId === '' || record.keyId === filter.keyId)
    && (filter.outcome === '' || record.outcome === filter.outcome)
    && (filter.kind === '' || actionKind(record.action) === filter.kind);
}

/** Newest first: the console reads a trail from the latest call back. */
export function filterRecords(records: readonly AuditRecord[], filter: AuditFilter): AuditRecord[] {
  return records.filter((r) => matchesFilter(r, filter)).sort((a, b) => b.seq - a.seq);
}

/** The values a filter can take, sorted; actions only of the chosen product. */
export function filterChoices(records: readonly AuditRecord[], product: string): { products: string[]; actions: string[]; keyIds: string[] } {
  const sorted = (values: Iterable<string | undefined>) => [...new Set([...values].filter((v): v is string => !!v))].sort();
  return {
    products: sorted(records.map((r) => r.product)),
    actions: sorted(records.filter((r) => product === '' || r.product === product).map((r) => r.action)),
    keyIds: sorted(records.map((r) => r.keyId)),
  };
}

/** The export file: the records as stored (with their hashes, so the chain can be checked again). */
export function exportJson(records: readonly AuditRecord[], filter: AuditFilter, exportedAt: string): string {
  const active = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== ''));
  return `${JSON.stringify({ ExportedAt: exportedAt, Filter: active, Count: records.length, Records: records }, null, 2)}\n`;
}

export function exportFileName(exportedAt: string): string {
  return `audit-trail-${exportedAt.replace(/[:]/g, '').replace(/\.\d+Z$/, 'Z')}.json`;
}
