// Disk categories as the create-disk form offers them, with their data-disk size range per
// performance level. The API has no action that returns the ranges (DescribeZones names the
// categories only), so they come from the catalogue's data (core/ecs/catalogue.ts, §2.1).
import { DISK_CATEGORIES, sizeRange, type PerformanceLevel } from '../../core/ecs/catalogue';
import type { CategoryInfo } from './key-rules';

export const PERFORMANCE_LEVELS: PerformanceLevel[] = ['PL0', 'PL1', 'PL2', 'PL3'];

/** The categories available in a zone (DescribeZones), with ranges at `level` (ESSD only). */
export function categoriesFor(available: readonly string[] | undefined, level: PerformanceLevel): CategoryInfo[] {
  return DISK_CATEGORIES.filter((c) => !available || available.includes(c.DiskCategory) || c.isZoneRedundant).map((c) => {
    const range = sizeRange(c, 'data', level)!;
    return { DiskCategory: c.DiskCategory, isEssdSeries: c.isEssdSeries, isEncryptable: c.isEncryptable, min: range.min, max: range.max };
  });
}

/** The category's name in the reader's language. */
export function categoryName(category: string, locale: 'en' | 'ja'): string {
  return DISK_CATEGORIES.find((c) => c.DiskCategory === category)?.name[locale] ?? category;
}
