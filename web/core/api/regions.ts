// The region ids the lab knows (../shared/spec/cloud-api.md §5, "Realistic region list") and the
// default used when a call gives no RegionId.
export { DEFAULT_REGION_ID } from '../ecs/catalogue';
import { REGIONS } from '../ecs/catalogue';

/** Every region of the ECS catalogue (web/core/ecs/catalogue.ts: one place for that data). */
export const REGION_IDS: readonly string[] = REGIONS.map((r) => r.RegionId);

export function isRegionId(value: unknown): value is string {
  return typeof value === 'string' && REGION_IDS.includes(value);
}

/** Regions with the service key only, no customer master keys (product.md, "Quotas and limits"). */
export const REGIONS_WITHOUT_CMK: readonly string[] = ['cn-fuzhou', 'ap-southeast-7'];
