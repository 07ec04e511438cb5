// Pure rules the create-disk and copy forms show (../shared/spec/product.md "Creating encrypted
// disks"; cloud-api.md §2.2, §2.3, §5): which key the cloud will pick when none is chosen and why,
// which limits disable an option and why, and the size a category accepts. No Solid, no DOM.
import type { MessageKey } from '../../i18n/messages';

/** The four default-key rules, in the order the cloud applies them. */
export type KeyRule = 'snapshot-key' | 'shared-service-key' | 'account-default' | 'service-key';

export interface SourceSnapshot {
  SnapshotId: string;
  Encrypted: boolean;
  KMSKeyId: string;
  /** Another account's, reached through an image it shared with you. */
  isShared: boolean;
  /** GiB. */
  size: number;
}

export interface AccountDefault {
  Encrypted: boolean;
  /** The key DescribeDiskDefaultKMSKeyId names (the service key unless changed). */
  KMSKeyId?: string;
}

export interface DefaultKey {
  rule: KeyRule;
  /** The key id when the page knows it (the snapshot's, the account default); else the service key alias. */
  keyId?: string;
  /** Must the new disk be encrypted whatever the checkbox says? */
  isEncryptionForced: boolean;
  /** One sentence on why (a message taking {key}). */
  reasonKey: MessageKey;
}

export const SERVICE_KEY_ALIAS = 'alias/acs/ecs';

/** The key a new encrypted disk gets when no KMSKeyId is given, and why (the cloud's rules, in order). */
export function defaultKey(source: SourceSnapshot | undefined, accountDefault: AccountDefault | undefined): DefaultKey {
  const isDefaultOn = accountDefault?.Encrypted === true;
  if (source?.Encrypted && !source.isShared) {
    return { rule: 'snapshot-key', keyId: source.KMSKeyId, isEncryptionForced: true, reasonKey: 'ecs.rule.snapshot-key' };
  }
  if (source?.Encrypted && source.isShared) {
    return { rule: 'shared-service-key', isEncryptionForced: true, reasonKey: 'ecs.rule.shared-service-key' };
  }
  if (isDefaultOn) return { rule: 'account-default', keyId: accountDefault?.KMSKeyId, isEncryptionForced: true, reasonKey: 'ecs.rule.account-default' };
  return { rule: 'service-key', isEncryptionForced: false, reasonKey: 'ecs.rule.service-key' };
}

/** What DescribeRegions says a region supports. */
export interface RegionSupport {
  EncryptionSupported: boolean;
  CmkSupported: boolean;
}

/** Why encryption cannot be chosen here, or undefined when it can (§5 regions, category). */
export function encryptionBlockedReason(region: RegionSupport | undefined, category: CategoryInfo | undefined, isFromSnapshot: boolean): MessageKey | undefined {
  if (region && !region.EncryptionSupported) return 'ecs.limit.noEncryptionRegion';
  if (category && !category.isEncryptable) return 'ecs.limit.categoryNotEncryptable';
  if (category && isFromSnapshot && !category.isEssdSeries) return 'ecs.limit.essdOnly';
  return undefined;
}

/** Why a customer master key cannot be chosen here (§5: service key only), or undefined. */
export function cmkBlockedReason(region: RegionSupport | undefined): MessageKey | undefined {
  return region && region.EncryptionSupported && !region.CmkSupported ? 'ecs.limit.noCmkRegion' : undefined;
}

/** A disk category as the form offers it. */
export interface CategoryInfo {
  DiskCategory: string;
  isEssdSeries: boolean;
  isEncryptable: boolean;
  /** Data-disk range in GiB at the chosen performance level. */
  min: number;
  max: number;
}

/** Why a category cannot be chosen for an encrypted disk made as asked, or undefined. */
export function categoryBlockedReason(category: CategoryInfo, options: { isEncrypted: boolean; isFromSnapshot: boolean }): MessageKey | undefined {
  if (!options.isEncrypted) return undefined;
  if (!category.isEncryptable) return 'ecs.limit.categoryNotEncryptable';
  if (options.isFromSnapshot && !category.isEssdSeries) return 'ecs.limit.essdOnly';
  return undefined;
}

export type SizeCheck = { size: number } | { errorKey: MessageKey; params: Record<string, number | string> };

/** The Size field against the category's range; from a snapshot an empty Size means the snapshot's size,
 *  and the disk is never smaller than the snapshot (§2.2: max(snapshot size, Size)). */
export function checkSize(text: string, category: CategoryInfo, snapshotSize?: number): SizeCheck {
  const trimmed = text.trim();
  const range = { min: category.min, max: category.max, category: category.DiskCategory };
  if (trimmed === '') {
    if (snapshotSize !== undefined) return checkSize(String(snapshotSize), category);
    return { errorKey: 'ecs.size.required', params: range };
  }
  if (!/^\d+$/.test(trimmed)) return { errorKey: 'ecs.size.notInteger', params: range };
  const size = Number(trimmed);
  if (snapshotSize !== undefined && size < snapshotSize) return { errorKey: 'ecs.size.belowSnapshot', params: { ...range, snapshot: snapshotSize } };
  if (size < category.min || size > category.max) return { errorKey: 'ecs.size.outOfRange', params: range };
  return { size };
}

export type KeyHealth = 'readable' | 'unreadable' | 'unrecoverable' | 'unknown';

/** What a key's state means for the data under it: Disabled / PendingDeletion / PendingImport → unreadable
 *  (until enabled, cancelled or re-imported); gone → unrecoverable; someone else's key → unknown. */
export function keyHealth(state: string | undefined): KeyHealth {
  switch (state) {
    case 'Enabled': return 'readable';
    case 'Disabled': case 'PendingDeletion': case 'PendingImport': return 'unreadable';
    case 'NotFound': return 'unrecoverable';
    default: return 'unknown';
  }
}
