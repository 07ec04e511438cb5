// DescribeRegions, DescribeZones, DescribeInstanceTypes over the catalogue (catalogue.ts, the one
// place for that data; cloud-api.md §2.1, §5). Responses follow the ECS API's shapes.
import type { CallContext } from '../api/context';
import type { Params } from '../api/params';
import { DISK_CATEGORIES, INSTANCE_TYPES, REGIONS } from './catalogue';
import { regionOf } from './disk-actions';

export async function describeRegions(_ctx: CallContext, p: Params) {
  const lang = (p.AcceptLanguage as string | undefined) === 'ja' ? 'ja' : 'en';
  return {
    Regions: {
      Region: REGIONS.map((r) => ({
        RegionId: r.RegionId, LocalName: r.LocalName[lang], RegionEndpoint: `ecs.${r.RegionId}.aliyuncs.com`, Status: 'available',
        EncryptionSupported: !r.isEncryptionUnsupported, CmkSupported: !r.isCmkUnsupported && !r.isEncryptionUnsupported,
      })),
    },
  };
}

export async function describeZones(ctx: CallContext) {
  const region = regionOf(ctx);
  const categories = DISK_CATEGORIES.filter((c) => !c.isZoneRedundant).map((c) => c.DiskCategory);
  return {
    Zones: {
      Zone: region.Zones.map((z) => ({
        ZoneId: z, LocalName: `${region.LocalName.en} Zone ${z.slice(-1).toUpperCase()}`,
        AvailableDiskCategories: { DiskCategories: categories },
        AvailableInstanceTypes: { InstanceTypes: INSTANCE_TYPES.map((t) => t.InstanceTypeId) },
      })),
    },
  };
}

export async function describeInstanceTypes(_ctx: CallContext, p: Params) {
  const ids = p.InstanceTypes as string[] | undefined;
  const list = INSTANCE_TYPES.filter((t) => (!ids || ids.includes(t.InstanceTypeId)) && (p.InstanceTypeFamily === undefined || t.InstanceTypeFamily === p.InstanceTypeFamily));
  return { InstanceTypes: { InstanceType: list.map((t) => ({ ...t })) } };
}
