// The instance pages' pure rules (web/ui/ecs/instance-rules.ts): actions per status, the system disk's
// default key from its image (incl. the shared-image rule), the §5 limits as reasons, sizes, the
// RunInstances parameters the form sends, disks grouped by instance, and what a key state means at boot.
import { describe, expect, it } from 'vitest';
import { en } from '../../web/i18n/en';
import { ja } from '../../web/i18n/ja';
import type { Disk, Image, KeyInfo } from '../../web/ui/ecs/ecs-client';
import {
  INSTANCE_STATUSES, bootHealth, canDo, checkAmount, checkSystemSize, cpuMemory, defaultSystemSize, deletionFate, disksByInstance,
  effectiveEncryption, familyBlockedReason, isDryRunSuccess, isTransitional, runInstancesParams, systemCategories, systemCategoryBlockedReason,
  systemDiskRule, systemEncryptionBlockedReason, systemSizeRange, zoneBlockedReason, type InstanceAction,
} from '../../web/ui/ecs/instance-rules';

const image = (over: Partial<Image> = {}): Image => ({
  ImageId: 'm-1', ImageName: 'img', RegionId: 'cn-hangzhou', ImageOwnerAlias: 'self', Status: 'Available', Progress: '100%', Size: 20,
  Encrypted: false, KMSKeyId: '', SourceImageId: '', SourceRegionId: '', CreationTime: '', OSName: 'LabOS', IsSelfShared: 'False',
  DiskDeviceMappings: { DiskDeviceMapping: [{ SnapshotId: 's-1' }] }, ...over,
});

const disk = (over: Partial<Disk> = {}): Disk => ({
  DiskId: 'd-1', RegionId: 'cn-hangzhou', ZoneId: 'cn-hangzhou-h', DiskName: '', Description: '', Category: 'cloud_essd', Size: 40,
  Encrypted: false, KMSKeyId: '', Status: 'In_use', InstanceId: 'i-1', SourceSnapshotId: '', Type: 'data', CreationTime: '', ...over,
});

const key = (KeyId: string, KeyState: string): KeyInfo => ({ KeyId, KeyState, aliases: [], isServiceKey: false, Description: '' });

describe('instance actions by status', () => {
  const table: Record<InstanceAction, string[]> = {
    start: ['Stopped'], stop: ['Running'], reboot: ['Running'], delete: ['Running', 'Stopped'], replaceSystemDisk: ['Stopped'],
    lookInside: ['Stopped'], createImage: ['Running', 'Stopped'], attach: ['Running', 'Stopped'], detach: ['Running', 'Stopped'],
  };
  it.each(Object.entries(table))('%s is offered only in %j', (action, allowed) => {
    for (const status of INSTANCE_STATUSES) expect(canDo(action as InstanceAction, status)).toBe(allowed.includes(status));
  });

  it('polls while Pending, Starting or Stopping, not when Running or Stopped', () => {
    expect(INSTANCE_STATUSES.filter(isTransitional)).toEqual(['Pending', 'Starting', 'Stopping']);
  });
});

describe('the system disk key from its image', () => {
  it('your encrypted image: its key, encryption forced, in the image’s words', () => {
    expect(systemDiskRule(image({ Encrypted: true, KMSKeyId: 'k-1' }), { Encrypted: false }))
      .toMatchObject({ rule: 'snapshot-key', keyId: 'k-1', isEncryptionForced: true, reasonKey: 'instances.rule.image-key' });
  });

  it('a shared encrypted image: Encrypted forced and your own service key, never the owner’s', () => {
    const rule = systemDiskRule(image({ Encrypted: true, KMSKeyId: 'k-owner', ImageOwnerAlias: 'others' }), undefined);
    expect(rule).toMatchObject({ rule: 'shared-service-key', isEncryptionForced: true, reasonKey: 'instances.rule.shared-image' });
    expect(rule.keyId).toBeUndefined();
  });

  it('an unencrypted image under account-level default encryption: the account default key, forced', () => {
    expect(systemDiskRule(image({ ImageOwnerAlias: 'system' }), { Encrypted: true, KMSKeyId: 'k-default' }))
      .toMatchObject({ rule: 'account-default', keyId: 'k-default', isEncryptionForced: true });
  });

  it('otherwise: the service key, encryption optional', () => {
    expect(systemDiskRule(image(), { Encrypted: false })).toMatchObject({ rule: 'service-key', isEncryptionForced: false });
    expect(systemDiskRule(undefined, undefined)).toMatchObject({ rule: 'service-key' });
  });

  it('the image rules name the key in both languages', () => {
    for (const k of ['instances.rule.image-key', 'instances.rule.shared-image'] as const) {
      expect(en[k]).toContain('{key}');
      expect(ja[k]).toContain('{key}');
    }
  });
});

describe('limits as reasons (§5)', () => {
  const region = { EncryptionSupported: true, CmkSupported: true };
  const essd = systemCategories('PL1').find((c) => c.DiskCategory === 'cloud_essd')!;
  const ssd = systemCategories('PL1').find((c) => c.DiskCategory === 'cloud_ssd')!;
  const entry = systemCategories('PL1').find((c) => c.DiskCategory === 'cloud_essd_entry')!;

  it('no encrypted system disk in a region without encryption, in cn-hongkong-d and ap-southeast-1a at creation, or off the ESSD series', () => {
    expect(systemEncryptionBlockedReason({ EncryptionSupported: false, CmkSupported: false }, 'cn-nanjing-a', essd)).toBe('ecs.limit.noEncryptionRegion');
    expect(systemEncryptionBlockedReason(region, 'cn-hongkong-d', essd)).toBe('instances.limit.zone');
    expect(systemEncryptionBlockedReason(region, 'ap-southeast-1a', essd)).toBe('instances.limit.zone');
    expect(systemEncryptionBlockedReason(region, 'ap-southeast-1a', essd, false)).toBeUndefined();
    expect(systemEncryptionBlockedReason(region, 'cn-hangzhou-h', ssd)).toBe('instances.limit.systemEssdOnly');
    expect(systemEncryptionBlockedReason(region, 'cn-hangzhou-h', essd)).toBeUndefined();
  });

  it('those two zones are disabled only when the system disk is encrypted', () => {
    expect(zoneBlockedReason('cn-hongkong-d', true)).toBe('instances.limit.zoneShort');
    expect(zoneBlockedReason('cn-hongkong-d', false)).toBeUndefined();
    expect(zoneBlockedReason('cn-hongkong-b', true)).toBeUndefined();
  });

  it('the seven families refuse an encrypted system disk; everyday families do not', () => {
    for (const family of ['ecs.ebmg5', 'ecs.ebmgn5t', 'ecs.ebmi3', 'ecs.sccg5', 'ecs.scch5', 'ecs.ebmc4', 'ecs.ebmhfg5']) {
      expect(familyBlockedReason(family, true)).toBe('instances.limit.family');
      expect(familyBlockedReason(family, false)).toBeUndefined();
    }
    expect(familyBlockedReason('ecs.g7', true)).toBeUndefined();
  });

  it('system categories: ESSD series when encrypted, ESSD Entry with ecs.u1 and ecs.e only', () => {
    expect(systemCategories('PL1').map((c) => c.DiskCategory)).toEqual(['cloud', 'cloud_efficiency', 'cloud_ssd', 'cloud_essd', 'cloud_auto', 'cloud_essd_entry']);
    expect(systemCategoryBlockedReason(ssd, { isEncrypted: true })).toBe('instances.limit.systemEssdOnlyShort');
    expect(systemCategoryBlockedReason(ssd, { isEncrypted: false })).toBeUndefined();
    expect(systemCategoryBlockedReason(entry, { isEncrypted: true, family: 'ecs.g7' })).toBe('instances.limit.entryFamilies');
    expect(systemCategoryBlockedReason(entry, { isEncrypted: true, family: 'ecs.u1' })).toBeUndefined();
  });

  it('a blocked checkbox asks for no encryption unless a rule forces it', () => {
    expect(effectiveEncryption({ isForced: false, isChecked: true, blockedReason: 'instances.limit.zone' })).toBe(false);
    expect(effectiveEncryption({ isForced: true, isChecked: false, blockedReason: 'instances.limit.zone' })).toBe(true);
    expect(effectiveEncryption({ isForced: false, isChecked: true })).toBe(true);
  });
});

describe('sizes and amounts', () => {
  it('the system disk is never smaller than its image; PL2 starts at 461 GiB', () => {
    const pl2 = systemCategories('PL2').find((c) => c.DiskCategory === 'cloud_essd')!;
    expect(systemSizeRange(pl2, 20)).toEqual({ min: 461, max: 2048 });
    expect(systemSizeRange({ min: 1, max: 2048 }, 20)).toEqual({ min: 20, max: 2048 });
    expect(defaultSystemSize(20)).toBe(40);
    expect(defaultSystemSize(80)).toBe(80);
  });

  it('an empty size is the cloud default; otherwise a whole number in range', () => {
    expect(checkSystemSize('', { min: 20, max: 2048 })).toEqual({});
    expect(checkSystemSize(' 40 ', { min: 20, max: 2048 })).toEqual({ size: 40 });
    expect(checkSystemSize('10', { min: 20, max: 2048 })).toMatchObject({ errorKey: 'instances.size.outOfRange' });
    expect(checkSystemSize('4.5', { min: 20, max: 2048 })).toMatchObject({ errorKey: 'instances.size.notInteger' });
  });

  it('Amount is 1–100, empty meaning 1', () => {
    expect(checkAmount('')).toEqual({ amount: 1 });
    expect(checkAmount('3')).toEqual({ amount: 3 });
    expect(checkAmount('0')).toMatchObject({ errorKey: 'instances.launch.amountRange' });
    expect(checkAmount('101')).toMatchObject({ errorKey: 'instances.launch.amountRange' });
  });

  it('memory arrives in MiB and shows in GiB', () => {
    expect(cpuMemory(2, 8192)).toEqual({ cpu: 2, memoryGiB: 8 });
  });
});

describe('RunInstances parameters', () => {
  it('an encrypted ESSD system disk under a CMK, a data disk that stays, a dry run', () => {
    expect(runInstancesParams({
      zoneId: 'cn-hangzhou-h', imageId: 'm-1', instanceType: 'ecs.g7.large', instanceName: ' web ', amount: 2, isDryRun: true,
      system: { category: 'cloud_essd', level: 'PL1', size: 40, isEncrypted: true, keyId: 'k-1' },
      data: { category: 'cloud_ssd', size: 20, isEncrypted: true, deleteWithInstance: false },
    })).toEqual({
      ZoneId: 'cn-hangzhou-h', ImageId: 'm-1', InstanceType: 'ecs.g7.large', InstanceName: 'web', Amount: 2, DryRun: true,
      'SystemDisk.Category': 'cloud_essd', 'SystemDisk.PerformanceLevel': 'PL1', 'SystemDisk.Size': 40, 'SystemDisk.Encrypted': 'true', 'SystemDisk.KMSKeyId': 'k-1',
      'DataDisk.1.Category': 'cloud_ssd', 'DataDisk.1.Size': 20, 'DataDisk.1.Encrypted': 'true', 'DataDisk.1.DeleteWithInstance': 'false',
    });
  });

  it('no KMSKeyId without encryption, no Amount for one, no DryRun for a real launch', () => {
    const p = runInstancesParams({ zoneId: 'z', imageId: 'm', instanceType: 't', amount: 1, system: { category: 'cloud_auto', isEncrypted: false, keyId: 'k-1' } });
    expect(p).toEqual({ ZoneId: 'z', ImageId: 'm', InstanceType: 't', 'SystemDisk.Category': 'cloud_auto' });
  });

  it('a dry run succeeds exactly when the cloud answers DryRunOperation', () => {
    expect(isDryRunSuccess({ Code: 'DryRunOperation' })).toBe(true);
    expect(isDryRunSuccess({ Code: 'InvalidParameter.KMSKeyId.KMSUnauthorized' })).toBe(false);
    expect(isDryRunSuccess(undefined)).toBe(false);
  });
});

describe('disks of instances', () => {
  const system = disk({ DiskId: 'd-sys', Type: 'system', Device: '/dev/xvda', Encrypted: true, KMSKeyId: 'k-1' });
  const dataC = disk({ DiskId: 'd-c', Device: '/dev/xvdc', DeleteWithInstance: false });
  const dataB = disk({ DiskId: 'd-b', Device: '/dev/xvdb', Encrypted: true, KMSKeyId: 'k-2', DeleteWithInstance: true });
  const loose = disk({ DiskId: 'd-free', InstanceId: '', Status: 'Available' });

  it('groups by instance: the system disk, then data disks by device; free disks are left out', () => {
    const map = disksByInstance([dataC, loose, system, dataB]);
    expect([...map.keys()]).toEqual(['i-1']);
    expect(map.get('i-1')!.system?.DiskId).toBe('d-sys');
    expect(map.get('i-1')!.data.map((d) => d.DiskId)).toEqual(['d-b', 'd-c']);
  });

  it('release takes the DeleteWithInstance disks and keeps the others', () => {
    const fate = deletionFate([system, dataB, dataC]);
    expect(fate.released.map((d) => d.DiskId)).toEqual(['d-sys', 'd-b']);
    expect(fate.kept.map((d) => d.DiskId)).toEqual(['d-c']);
  });

  it('the next boot meets the worst key: disabled → unreadable, deleted → unrecoverable', () => {
    expect(bootHealth([system, dataB], [key('k-1', 'Enabled'), key('k-2', 'Enabled')])).toBe('readable');
    expect(bootHealth([system, dataB], [key('k-1', 'Disabled'), key('k-2', 'Enabled')])).toBe('unreadable');
    expect(bootHealth([system, dataB], [key('k-1', 'PendingDeletion'), key('k-2', 'Enabled')])).toBe('unreadable');
    expect(bootHealth([system, dataB], [key('k-1', 'Disabled')])).toBe('unrecoverable');
    expect(bootHealth([dataC], [])).toBe('readable');
  });
});
