// The ECS catalogue carries the limits of cloud-api.md §2.1 and §5 exactly.
import { describe, expect, it } from 'vitest';
import {
  DISK_CATEGORIES, FAMILIES_REFUSING_ENCRYPTED_DISKS, findCategory, findRegion, INSTANCE_TYPES, REGIONS, regionOfZone,
  sizeRange, ZONES_WITHOUT_SYSTEM_DISK_ENCRYPTION,
} from '../../web/core/ecs/catalogue';

describe('ECS catalogue', () => {
  it('names the four special regions of §5', () => {
    expect(REGIONS.filter((r) => r.isEncryptionUnsupported).map((r) => r.RegionId).sort()).toEqual(['ap-northeast-2', 'cn-nanjing']);
    expect(REGIONS.filter((r) => r.isCmkUnsupported).map((r) => r.RegionId).sort()).toEqual(['ap-southeast-7', 'cn-fuzhou']);
  });

  it('follows the zone id patterns: <region>-<letter> in mainland China and Hong Kong, <region><letter> elsewhere', () => {
    for (const r of REGIONS) {
      for (const z of r.Zones) expect(z).toMatch(r.RegionId.startsWith('cn-') ? new RegExp(`^${r.RegionId}-[a-z]$`) : new RegExp(`^${r.RegionId}[a-z]$`));
    }
    for (const z of ZONES_WITHOUT_SYSTEM_DISK_ENCRYPTION) expect(regionOfZone(z)).toBeDefined();
    expect(findRegion('cn-hangzhou')!.Zones).toContain('cn-hangzhou-h');
  });

  it('has every region name in English and Japanese and unique ids', () => {
    expect(new Set(REGIONS.map((r) => r.RegionId)).size).toBe(REGIONS.length);
    for (const r of REGIONS) { expect(r.LocalName.en).not.toBe(''); expect(r.LocalName.ja).not.toBe(''); }
  });

  it('gives the size ranges of §2.1, per performance level for ESSD', () => {
    const essd = findCategory('cloud_essd')!;
    expect(sizeRange(essd, 'data', 'PL0')).toEqual({ min: 1, max: 65536 });
    expect(sizeRange(essd, 'data', 'PL2')).toEqual({ min: 461, max: 65536 });
    expect(sizeRange(essd, 'system', 'PL3')).toEqual({ min: 1261, max: 2048 });
    expect(sizeRange(findCategory('cloud')!, 'data')).toEqual({ min: 5, max: 2000 });
    expect(sizeRange(findCategory('cloud')!, 'system')).toEqual({ min: 20, max: 500 });
    expect(DISK_CATEGORIES.filter((c) => c.isEssdSeries).map((c) => c.DiskCategory).sort())
      .toEqual(['cloud_auto', 'cloud_essd', 'cloud_essd_entry', 'cloud_regional_disk_auto']);
  });

  it('has an instance type of each of the seven families that refuse encrypted system disks, and everyday ones', () => {
    const families = new Set(INSTANCE_TYPES.map((t) => t.InstanceTypeFamily));
    for (const f of FAMILIES_REFUSING_ENCRYPTED_DISKS) expect(families).toContain(f);
    for (const f of ['ecs.g7', 'ecs.c7', 'ecs.u1', 'ecs.e']) expect(families).toContain(f);
  });
});
