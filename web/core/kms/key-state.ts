// The per-operation key-state table of ../shared/spec/cloud-api.md §1.1, as data: for each action
// and key state, Success or the exact rejection code (all HTTP 409). Rows marked inferred are
// actions the table does not list; they follow the nearest listed row (see codes.ts).
import { CloudError } from '../errors';
import type { KeyState } from './ports';

type Row = Record<KeyState, 'Success' | string>;

const CRYPTO: Row = { Enabled: 'Success', Disabled: 'Rejected.Disabled', PendingDeletion: 'Rejected.PendingDeletion', PendingImport: 'Rejected.PendingImport' };
const ALWAYS: Row = { Enabled: 'Success', Disabled: 'Success', PendingDeletion: 'Success', PendingImport: 'Success' };
const NOT_PENDING_DELETION = (code: string): Row => ({ Enabled: 'Success', Disabled: 'Success', PendingDeletion: code, PendingImport: 'Success' });
const ENABLE_DISABLE: Row = { Enabled: 'Success', Disabled: 'Success', PendingDeletion: 'Rejected.StateModifiedFailed', PendingImport: 'Rejected.StateModifiedFailed' };

export const KEY_STATE_TABLE: Record<string, Row> = {
  GenerateDataKey: CRYPTO,
  GenerateDataKeyWithoutPlaintext: CRYPTO,
  Encrypt: CRYPTO,
  Decrypt: CRYPTO,
  DescribeKey: ALWAYS,
  UpdateKeyDescription: NOT_PENDING_DELETION('Rejected.PendingDeletion'),
  EnableKey: ENABLE_DISABLE,
  DisableKey: ENABLE_DISABLE,
  ScheduleKeyDeletion: NOT_PENDING_DELETION('Rejected.StateModifiedFailed'),
  CancelKeyDeletion: { Enabled: 'Rejected.StateModifiedFailed', Disabled: 'Rejected.StateModifiedFailed', PendingDeletion: 'Success', PendingImport: 'Rejected.StateModifiedFailed' },
  CreateAlias: NOT_PENDING_DELETION('Rejected.StateModifiedFailed'),
  // §1.1 note: UpdateAlias depends only on the target key.
  UpdateAlias: NOT_PENDING_DELETION('Rejected.PendingDeletion'),
  DeleteAlias: ALWAYS,
  ListAliasesByKeyId: ALWAYS,
  GetParametersForImport: ALWAYS,
  ImportKeyMaterial: NOT_PENDING_DELETION('Rejected.StateModifiedFailed'),
  DeleteKeyMaterial: ALWAYS,
  // Not in §1.1 (inferred): like UpdateKeyDescription.
  UpdateRotationPolicy: NOT_PENDING_DELETION('Rejected.PendingDeletion'),
  SetDeletionProtection: ALWAYS,
  TagResource: ALWAYS,
  UntagResource: ALWAYS,
  ListResourceTags: ALWAYS,
  ListKeyVersions: ALWAYS,
  DescribeKeyVersion: ALWAYS,
};

/** Throws the table's rejection for `action` in `state`; actions without a row always pass. */
export function checkKeyState(action: string, state: KeyState): void {
  const outcome = KEY_STATE_TABLE[action]?.[state] ?? 'Success';
  if (outcome !== 'Success') throw new CloudError(outcome, { params: { state }, action });
}
