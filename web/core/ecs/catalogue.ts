// The ECS catalogue the lab simulates, as data in one place: regions and zones, disk categories with
// their size ranges and performance levels, instance types, and the encryption limits.
// Source: ../shared/spec/cloud-api.md §2.1 (categories, sizes) and §5 (limits, region and zone ids),
// which cite Terraform's regions.go, the CreateDisk/RunInstances API pages and the encryption guide.
// Instance-type sizes are illustrative (the lab emulates one small guest whatever the type).

export interface Region {
  RegionId: string;
  LocalName: { en: string; ja: string };
  Zones: string[];
  /** §5: no encrypted disks at all (cn-nanjing, ap-northeast-2). */
  isEncryptionUnsupported?: boolean;
  /** §5: the service key only, no CMK (cn-fuzhou, ap-southeast-7). */
  isCmkUnsupported?: boolean;
  /** Decommissioned or shutting down, still listed by the API. */
  isRetiring?: boolean;
}

const cn = (id: string, en: string, ja: string, letters: string, extra: Partial<Region> = {}): Region =>
  ({ RegionId: id, LocalName: { en, ja }, Zones: [...letters].map((l) => `${id}-${l}`), ...extra });
const intl = (id: string, en: string, ja: string, letters: string, extra: Partial<Region> = {}): Region =>
  ({ RegionId: id, LocalName: { en, ja }, Zones: [...letters].map((l) => `${id}${l}`), ...extra });

/** Mainland China and Hong Kong zones are `<region>-<letter>`; other regions append the letter. */
export const REGIONS: Region[] = [
  cn('cn-qingdao', 'China (Qingdao)', '中国 (青島)', 'bc'),
  cn('cn-beijing', 'China (Beijing)', '中国 (北京)', 'abfghijkl'),
  cn('cn-zhangjiakou', 'China (Zhangjiakou)', '中国 (張家口)', 'abc'),
  cn('cn-huhehaote', 'China (Hohhot)', '中国 (フフホト)', 'ab'),
  cn('cn-wulanchabu', 'China (Ulanqab)', '中国 (ウランチャブ)', 'abc'),
  cn('cn-hangzhou', 'China (Hangzhou)', '中国 (杭州)', 'befghijk'),
  cn('cn-shanghai', 'China (Shanghai)', '中国 (上海)', 'bfgl'),
  cn('cn-nanjing', 'China East 5 (Nanjing - Local Region)', '中国東部 5 (南京 - ローカルリージョン)', 'a', { isEncryptionUnsupported: true, isRetiring: true }),
  cn('cn-fuzhou', 'China East 6 (Fuzhou - Local Region)', '中国東部 6 (福州 - ローカルリージョン)', 'a', { isCmkUnsupported: true, isRetiring: true }),
  cn('cn-shenzhen', 'China (Shenzhen)', '中国 (深セン)', 'ef'),
  cn('cn-heyuan', 'China (Heyuan)', '中国 (河源)', 'ab'),
  cn('cn-guangzhou', 'China (Guangzhou)', '中国 (広州)', 'ab'),
  cn('cn-chengdu', 'China (Chengdu)', '中国 (成都)', 'ab'),
  cn('cn-hongkong', 'China (Hong Kong)', '中国 (香港)', 'bcd'),
  intl('ap-northeast-1', 'Japan (Tokyo)', '日本 (東京)', 'abc'),
  intl('ap-northeast-2', 'South Korea (Seoul)', '韓国 (ソウル)', 'a', { isEncryptionUnsupported: true }),
  intl('ap-southeast-1', 'Singapore', 'シンガポール', 'abc'),
  intl('ap-southeast-2', 'Australia (Sydney)', 'オーストラリア (シドニー)', 'ab', { isRetiring: true }),
  intl('ap-southeast-3', 'Malaysia (Kuala Lumpur)', 'マレーシア (クアラルンプール)', 'ab'),
  intl('ap-southeast-5', 'Indonesia (Jakarta)', 'インドネシア (ジャカルタ)', 'ab'),
  intl('ap-southeast-6', 'Philippines (Manila)', 'フィリピン (マニラ)', 'a'),
  intl('ap-southeast-7', 'Thailand (Bangkok)', 'タイ (バンコク)', 'a', { isCmkUnsupported: true }),
  intl('ap-south-1', 'India (Mumbai)', 'インド (ムンバイ)', 'ab', { isRetiring: true }),
  intl('us-east-1', 'US (Virginia)', '米国 (バージニア)', 'ab'),
  intl('us-west-1', 'US (Silicon Valley)', '米国 (シリコンバレー)', 'ab'),
  intl('eu-central-1', 'Germany (Frankfurt)', 'ドイツ (フランクフルト)', 'ab'),
  intl('eu-west-1', 'UK (London)', '英国 (ロンドン)', 'ab'),
  intl('me-east-1', 'UAE (Dubai)', 'UAE (ドバイ)', 'a'),
  // cloud-api.md §5 marks the name of me-central-1 UNCONFIRMED; Riyadh is its inference.
  intl('me-central-1', 'Saudi Arabia (Riyadh)', 'サウジアラビア (リヤド)', 'a'),
  intl('na-south-1', 'Mexico', 'メキシコ', 'a'),
];

export const DEFAULT_REGION_ID = 'cn-hangzhou';

/** §5: zones where an encrypted system disk cannot be created. */
export const ZONES_WITHOUT_SYSTEM_DISK_ENCRYPTION = ['cn-hongkong-d', 'ap-southeast-1a'];

export type PerformanceLevel = 'PL0' | 'PL1' | 'PL2' | 'PL3';

export interface DiskCategory {
  DiskCategory: string;
  name: { en: string; ja: string };
  /** Data-disk size range in GiB; ESSD's depends on the performance level. */
  dataSize: { min: number; max: number } | Record<PerformanceLevel, { min: number; max: number }>;
  /** System-disk size range in GiB (RunInstances SystemDisk.Size), where it can be one. */
  systemSize?: { min: number; max: number } | Record<PerformanceLevel, { min: number; max: number }>;
  /** §5: encrypted system disks and encrypted disks from snapshots need the ESSD series. */
  isEssdSeries: boolean;
  /** Only cloud disks can be encrypted (§5): elastic ephemeral disks cannot, and have no snapshots. */
  isEncryptable: boolean;
  /** ESSD Entry is a system disk only with ecs.u1 / ecs.e (§2.1). */
  systemDiskFamilies?: string[];
  /** Regional ESSD needs no ZoneId. */
  isZoneRedundant?: boolean;
}

const essd = {
  PL0: { min: 1, max: 65536 }, PL1: { min: 20, max: 65536 }, PL2: { min: 461, max: 65536 }, PL3: { min: 1261, max: 65536 },
};
const essdSystem = {
  PL0: { min: 1, max: 2048 }, PL1: { min: 20, max: 2048 }, PL2: { min: 461, max: 2048 }, PL3: { min: 1261, max: 2048 },
};

export const DISK_CATEGORIES: DiskCategory[] = [
  { DiskCategory: 'cloud', name: { en: 'Basic disk', ja: 'ベーシックディスク' }, dataSize: { min: 5, max: 2000 }, systemSize: { min: 20, max: 500 }, isEssdSeries: false, isEncryptable: true },
  { DiskCategory: 'cloud_efficiency', name: { en: 'Ultra disk', ja: 'Ultra ディスク' }, dataSize: { min: 20, max: 32768 }, systemSize: { min: 20, max: 2048 }, isEssdSeries: false, isEncryptable: true },
  { DiskCategory: 'cloud_ssd', name: { en: 'Standard SSD', ja: '標準 SSD' }, dataSize: { min: 20, max: 32768 }, systemSize: { min: 20, max: 2048 }, isEssdSeries: false, isEncryptable: true },
  { DiskCategory: 'cloud_essd', name: { en: 'ESSD', ja: 'ESSD' }, dataSize: essd, systemSize: essdSystem, isEssdSeries: true, isEncryptable: true },
  { DiskCategory: 'cloud_auto', name: { en: 'ESSD AutoPL', ja: 'ESSD AutoPL' }, dataSize: { min: 1, max: 65536 }, systemSize: { min: 1, max: 2048 }, isEssdSeries: true, isEncryptable: true },
  { DiskCategory: 'cloud_essd_entry', name: { en: 'ESSD Entry', ja: 'ESSD Entry' }, dataSize: { min: 10, max: 32768 }, systemSize: { min: 20, max: 2048 }, isEssdSeries: true, isEncryptable: true, systemDiskFamilies: ['ecs.u1', 'ecs.e'] },
  { DiskCategory: 'cloud_regional_disk_auto', name: { en: 'Regional ESSD', ja: 'リージョナル ESSD' }, dataSize: { min: 10, max: 65536 }, isEssdSeries: true, isEncryptable: true, isZoneRedundant: true },
  { DiskCategory: 'elastic_ephemeral_disk_standard', name: { en: 'Elastic ephemeral disk (standard)', ja: 'エラスティックエフェメラルディスク (スタンダード)' }, dataSize: { min: 64, max: 8192 }, isEssdSeries: false, isEncryptable: false },
  { DiskCategory: 'elastic_ephemeral_disk_premium', name: { en: 'Elastic ephemeral disk (premium)', ja: 'エラスティックエフェメラルディスク (プレミアム)' }, dataSize: { min: 64, max: 8192 }, isEssdSeries: false, isEncryptable: false },
];

/** CreateDisk defaults (§2.1). */
export const DEFAULT_DISK_CATEGORY = 'cloud';
export const DEFAULT_PERFORMANCE_LEVEL: PerformanceLevel = 'PL1';
export const PL_IOPS_CAP: Record<PerformanceLevel, number> = { PL0: 10000, PL1: 50000, PL2: 100000, PL3: 1000000 };

export interface InstanceType {
  InstanceTypeId: string;
  InstanceTypeFamily: string;
  CpuCoreCount: number;
  MemorySize: number; // GiB
}

/** §5: an encrypted system disk, or an encrypted data disk from a snapshot, cannot attach to these. */
export const FAMILIES_REFUSING_ENCRYPTED_DISKS = ['ecs.ebmg5', 'ecs.ebmgn5t', 'ecs.ebmi3', 'ecs.sccg5', 'ecs.scch5', 'ecs.ebmc4', 'ecs.ebmhfg5'];

const type = (id: string, cpu: number, mem: number): InstanceType =>
  ({ InstanceTypeId: id, InstanceTypeFamily: id.split('.').slice(0, 2).join('.').replace(/-.*$/, ''), CpuCoreCount: cpu, MemorySize: mem });

export const INSTANCE_TYPES: InstanceType[] = [
  type('ecs.g7.large', 2, 8), type('ecs.g7.xlarge', 4, 16), type('ecs.g7.2xlarge', 8, 32),
  type('ecs.c7.large', 2, 4), type('ecs.c7.xlarge', 4, 8), type('ecs.c7.2xlarge', 8, 16),
  type('ecs.u1-c1m2.large', 2, 4), type('ecs.u1-c1m4.xlarge', 4, 16),
  type('ecs.e-c1m2.large', 2, 4), type('ecs.e-c1m1.large', 2, 2),
  type('ecs.ebmg5.24xlarge', 96, 384), type('ecs.ebmgn5t.24xlarge', 96, 384), type('ecs.ebmi3.24xlarge', 96, 384),
  type('ecs.sccg5.24xlarge', 96, 384), type('ecs.scch5.16xlarge', 64, 192), type('ecs.ebmc4.8xlarge', 32, 64),
  type('ecs.ebmhfg5.2xlarge', 8, 32),
];

export function findRegion(regionId: string): Region | undefined {
  return REGIONS.find((r) => r.RegionId === regionId);
}

export function regionOfZone(zoneId: string): Region | undefined {
  return REGIONS.find((r) => r.Zones.includes(zoneId));
}

export function findCategory(category: string): DiskCategory | undefined {
  return DISK_CATEGORIES.find((c) => c.DiskCategory === category);
}

export function findInstanceType(id: string): InstanceType | undefined {
  return INSTANCE_TYPES.find((t) => t.InstanceTypeId === id);
}

/** The size range for a category as a data disk or a system disk, at a performance level (ESSD). */
export function sizeRange(category: DiskCategory, use: 'data' | 'system', level: PerformanceLevel = DEFAULT_PERFORMANCE_LEVEL): { min: number; max: number } | undefined {
  const range = use === 'data' ? category.dataSize : category.systemSize;
  if (!range) return undefined;
  return 'min' in range ? range : range[level];
}

/** Illustrative prices for DescribePrice (issue 5 item 12): USD per GiB-month by category (ESSD by
 *  level). NOT the cloud's price list — labelled as illustrative wherever shown. Encryption adds
 *  nothing (product.md "Billing": encrypted and unencrypted disks cost the same; keys are free to use). */
export const ILLUSTRATIVE_DISK_PRICE_PER_GIB_MONTH: Record<string, number | Record<PerformanceLevel, number>> = {
  cloud: 0.05,
  cloud_efficiency: 0.05,
  cloud_ssd: 0.14,
  cloud_essd: { PL0: 0.1, PL1: 0.14, PL2: 0.28, PL3: 0.56 },
  cloud_auto: 0.14,
  cloud_essd_entry: 0.07,
  cloud_regional_disk_auto: 0.21,
  elastic_ephemeral_disk_standard: 0.04,
  elastic_ephemeral_disk_premium: 0.08,
};
