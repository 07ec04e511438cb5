// Pure rules of the instance pages (issue 6; cloud-api.md §2.3, §2.6, §2.7, §5): which action each
// status allows, the system disk's default key from its image (the four rules plus the shared-image
// rule), the limits that disable an option with their reason, sizes, the RunInstances parameters the
// launch form sends, and what a disk's key state means for the next boot. No Solid, no DOM.
import {
  DISK_CATEGORIES, FAMILIES_REFUSING_ENCRYPTED_DISKS, ZONES_WITHOUT_SYSTEM_DISK_ENCRYPTION, sizeRange, type PerformanceLevel,
} from '../../core/ecs/catalogue';
import type { MessageKey } from '../../i18n/messages';
import type { Disk, Image, KeyInfo } from './ecs-client';
import { defaultKey, keyHealth, type AccountDefault, type DefaultKey, type KeyHealth, type RegionSupport, type SourceSnapshot } from './key-rules';

export const INSTANCE_STATUSES = ['Pending', 'Starting', 'Running', 'Stopping', 'Stopped'] as const;

/** Statuses a background job moves on by itself: the pages poll while one is shown. */
export function isTransitional(status: string): boolean {
  return status === 'Pending' || status === 'Starting' || status === 'Stopping';
}

export type InstanceAction = 'start' | 'stop' | 'reboot' | 'delete' | 'replaceSystemDisk' | 'createImage' | 'attach' | 'detach' | 'lookInside';

/** Whether `action` is allowed in `status` (the contract's status machine; delete while Running needs Force).
 *  Anything else answers IncorrectInstanceStatus (403), so the console offers only what would work. */
export function canDo(action: InstanceAction, status: string): boolean {
  switch (action) {
    case 'start': return status === 'Stopped';
    case 'stop': case 'reboot': return status === 'Running';
    case 'delete': return status === 'Stopped' || status === 'Running';
    case 'replaceSystemDisk': case 'lookInside': return status === 'Stopped';
    case 'createImage': case 'attach': case 'detach': return status === 'Running' || status === 'Stopped';
  }
}

/** The message naming the status an action needs, for a disabled button's explanation. */
export function neededStatusKey(action: InstanceAction): MessageKey {
  switch (action) {
    case 'start': case 'replaceSystemDisk': case 'lookInside': return 'instances.needs.stopped';
    case 'stop': case 'reboot': return 'instances.needs.running';
    default: return 'instances.needs.runningOrStopped';
  }
}

/** An image as the key rules see a source: its snapshot, its key, and whether another account shared it. */
export function imageSource(image: Image): SourceSnapshot {
  return {
    SnapshotId: image.DiskDeviceMappings?.DiskDeviceMapping?.[0]?.SnapshotId ?? '',
    Encrypted: image.Encrypted, KMSKeyId: image.KMSKeyId, isShared: image.ImageOwnerAlias === 'others', size: image.Size,
  };
}

/** The default key of a system disk made from `image` (no image yet: as an empty disk), in the image's words:
 *  your encrypted image → its key; a shared encrypted image → Encrypted forced and your own key (service key
 *  by default; the owner's key is refused); account-level default encryption; else the service key. */
export function systemDiskRule(image: Image | undefined, accountDefault: AccountDefault | undefined): DefaultKey {
  const rule = defaultKey(image ? imageSource(image) : undefined, accountDefault);
  if (rule.rule === 'snapshot-key') return { ...rule, reasonKey: 'instances.rule.image-key' };
  if (rule.rule === 'shared-service-key') return { ...rule, reasonKey: 'instances.rule.shared-image' };
  return rule;
}

/** The categories a system disk can be (those with a system size range), with the range at `level`. */
export interface SystemCategory {
  DiskCategory: string;
  isEssdSeries: boolean;
  /** ESSD Entry: a system disk only with these families. */
  families?: string[];
  min: number;
  max: number;
}

export function systemCategories(level: PerformanceLevel): SystemCategory[] {
  return DISK_CATEGORIES.filter((c) => c.systemSize).map((c) => {
    const range = sizeRange(c, 'system', level)!;
    return { DiskCategory: c.DiskCategory, isEssdSeries: c.isEssdSeries, ...(c.systemDiskFamilies ? { families: c.systemDiskFamilies } : {}), min: range.min, max: range.max };
  });
}

/** The system disk's size range: the category's, never below the image (§2.6: max{min, image size}). */
export function systemSizeRange(category: Pick<SystemCategory, 'min' | 'max'>, imageSize = 0): { min: number; max: number } {
  return { min: Math.max(category.min, imageSize), max: category.max };
}

export type SystemSizeCheck = { size?: number } | { errorKey: MessageKey; params: Record<string, number | string> };

/** The system disk's Size field: empty leaves the cloud's default (max{40, image size}), else a whole number in range. */
export function checkSystemSize(text: string, range: { min: number; max: number }): SystemSizeCheck {
  const trimmed = text.trim();
  if (trimmed === '') return {};
  if (!/^\d+$/.test(trimmed)) return { errorKey: 'instances.size.notInteger', params: range };
  const size = Number(trimmed);
  if (size < range.min || size > range.max) return { errorKey: 'instances.size.outOfRange', params: range };
  return { size };
}

/** The default system disk size the cloud gives when none is asked (§2.3: max{40, image size}). */
export function defaultSystemSize(imageSize = 0): number {
  return Math.max(40, imageSize);
}

/** Why the system disk cannot be encrypted here, or undefined (§5: region, zone at creation, ESSD series). */
export function systemEncryptionBlockedReason(region: RegionSupport | undefined, zoneId: string | undefined, category: Pick<SystemCategory, 'isEssdSeries'> | undefined, isCreation = true): MessageKey | undefined {
  if (region && !region.EncryptionSupported) return 'ecs.limit.noEncryptionRegion';
  if (isCreation && zoneId && ZONES_WITHOUT_SYSTEM_DISK_ENCRYPTION.includes(zoneId)) return 'instances.limit.zone';
  if (category && !category.isEssdSeries) return 'instances.limit.systemEssdOnly';
  return undefined;
}

/** Encrypted as the request will ask: forced by a rule, or checked where no limit blocks it. */
export function effectiveEncryption(options: { isForced: boolean; isChecked: boolean; blockedReason?: MessageKey }): boolean {
  return options.isForced || (options.isChecked && options.blockedReason === undefined);
}

/** Why a zone cannot take the instance as asked, or undefined: §5 refuses system-disk encryption at creation there. */
export function zoneBlockedReason(zoneId: string, isSystemEncrypted: boolean): MessageKey | undefined {
  return isSystemEncrypted && ZONES_WITHOUT_SYSTEM_DISK_ENCRYPTION.includes(zoneId) ? 'instances.limit.zoneShort' : undefined;
}

/** Does the zone refuse system-disk encryption at creation? */
export function isZoneWithoutSystemEncryption(zoneId: string): boolean {
  return ZONES_WITHOUT_SYSTEM_DISK_ENCRYPTION.includes(zoneId);
}

/** Why an instance type cannot take the system disk as asked, or undefined (§5: seven families refuse encrypted system disks). */
export function familyBlockedReason(family: string, isSystemEncrypted: boolean): MessageKey | undefined {
  return isSystemEncrypted && FAMILIES_REFUSING_ENCRYPTED_DISKS.includes(family) ? 'instances.limit.family' : undefined;
}

/** Does the family refuse encrypted system disks (and encrypted data disks from snapshots)? */
export function isFamilyRefusingEncryption(family: string): boolean {
  return FAMILIES_REFUSING_ENCRYPTED_DISKS.includes(family);
}

/** Why a category cannot be this system disk, or undefined: ESSD series when encrypted; ESSD Entry with ecs.u1 / ecs.e only. */
export function systemCategoryBlockedReason(category: SystemCategory, options: { isEncrypted: boolean; family?: string }): MessageKey | undefined {
  if (options.isEncrypted && !category.isEssdSeries) return 'instances.limit.systemEssdOnlyShort';
  if (category.families && options.family && !category.families.includes(options.family)) return 'instances.limit.entryFamilies';
  return undefined;
}

/** What the launch form asks for. */
export interface LaunchInput {
  zoneId: string;
  imageId: string;
  instanceType: string;
  instanceName?: string;
  hostName?: string;
  amount?: number;
  system: { category: string; level?: PerformanceLevel; size?: number; isEncrypted: boolean; keyId?: string };
  data?: { category: string; level?: PerformanceLevel; size: number; isEncrypted: boolean; keyId?: string; deleteWithInstance: boolean };
  isDryRun?: boolean;
}

/** RunInstances parameters as the cloud's flat dotted names (SystemDisk.*, DataDisk.1.*); Encrypted as the
 *  cloud's string "true"; KMSKeyId only with encryption (alone it is InvalidParameter.EncryptedIllegal). */
export function runInstancesParams(input: LaunchInput): Record<string, unknown> {
  const p: Record<string, unknown> = { ZoneId: input.zoneId, ImageId: input.imageId, InstanceType: input.instanceType };
  if (input.instanceName?.trim()) p.InstanceName = input.instanceName.trim();
  if (input.hostName?.trim()) p.HostName = input.hostName.trim();
  if (input.amount !== undefined && input.amount !== 1) p.Amount = input.amount;
  p['SystemDisk.Category'] = input.system.category;
  if (input.system.category === 'cloud_essd' && input.system.level) p['SystemDisk.PerformanceLevel'] = input.system.level;
  if (input.system.size !== undefined) p['SystemDisk.Size'] = input.system.size;
  if (input.system.isEncrypted) {
    p['SystemDisk.Encrypted'] = 'true';
    if (input.system.keyId) p['SystemDisk.KMSKeyId'] = input.system.keyId;
  }
  if (input.data) {
    p['DataDisk.1.Category'] = input.data.category;
    p['DataDisk.1.Size'] = input.data.size;
    if (input.data.category === 'cloud_essd' && input.data.level) p['DataDisk.1.PerformanceLevel'] = input.data.level;
    if (input.data.isEncrypted) {
      p['DataDisk.1.Encrypted'] = 'true';
      if (input.data.keyId) p['DataDisk.1.KMSKeyId'] = input.data.keyId;
    }
    p['DataDisk.1.DeleteWithInstance'] = input.data.deleteWithInstance ? 'true' : 'false';
  }
  if (input.isDryRun) p.DryRun = true;
  return p;
}

export type AmountCheck = { amount: number } | { errorKey: MessageKey };

/** Amount: 1–100 instances in one call (empty = 1). */
export function checkAmount(text: string): AmountCheck {
  const trimmed = text.trim();
  if (trimmed === '') return { amount: 1 };
  if (!/^\d+$/.test(trimmed) || Number(trimmed) < 1 || Number(trimmed) > 100) return { errorKey: 'instances.launch.amountRange' };
  return { amount: Number(trimmed) };
}

/** A dry run's answer: DryRunOperation means the request would have succeeded; anything else is the real error. */
export function isDryRunSuccess(error: { Code?: string } | undefined): boolean {
  return error?.Code === 'DryRunOperation';
}

/** An instance's disks, system first, then data disks by device. */
export interface InstanceDisks {
  system?: Disk;
  data: Disk[];
}

/** Disks grouped by the instance they are attached to (disks of no instance are left out). */
export function disksByInstance(disks: readonly Disk[]): Map<string, InstanceDisks> {
  const map = new Map<string, InstanceDisks>();
  for (const disk of disks) {
    if (!disk.InstanceId) continue;
    const entry = map.get(disk.InstanceId) ?? { data: [] };
    if (disk.Type === 'system') entry.system = disk;
    else entry.data.push(disk);
    map.set(disk.InstanceId, entry);
  }
  for (const entry of map.values()) entry.data.sort((a, b) => (a.Device ?? '').localeCompare(b.Device ?? '') || a.DiskId.localeCompare(b.DiskId));
  return map;
}

/** The worst health among the keys of an instance's encrypted disks: what the next boot will meet. */
export function bootHealth(disks: readonly Disk[], keys: readonly KeyInfo[]): KeyHealth {
  let worst: KeyHealth = 'readable';
  for (const disk of disks) {
    if (!disk.Encrypted || !disk.KMSKeyId) continue;
    const health = keyHealth(keys.find((k) => k.KeyId === disk.KMSKeyId)?.KeyState ?? 'NotFound');
    if (health === 'unrecoverable') return 'unrecoverable';
    if (health === 'unreadable') worst = 'unreadable';
  }
  return worst;
}

/** The disks that go with the instance on DeleteInstance (DeleteWithInstance) and those that stay (detached, Available). */
export function deletionFate(disks: readonly Disk[]): { released: Disk[]; kept: Disk[] } {
  return {
    released: disks.filter((d) => d.DeleteWithInstance !== false),
    kept: disks.filter((d) => d.DeleteWithInstance === false),
  };
}

/** "2 vCPU · 8 GiB": Memory arrives in MiB from DescribeInstances. */
export function cpuMemory(cpu: number, memoryMiB: number): { cpu: number; memoryGiB: number } {
  return { cpu, memoryGiB: Math.round((memoryMiB / 1024) * 10) / 10 };
}
