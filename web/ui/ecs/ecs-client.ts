// The console's typed view of the Ecs, Kms and Ram actions it uses, over the LabApi (the router behind
// window.aliyunLab): RegionId on every call (the header's choice), whole lists read page by page
// (PageSize 100), the cloud's response shapes in and plain records out.
import type { LabApi, LabResponse } from '../lab-api-context';

export interface Disk {
  DiskId: string; RegionId: string; ZoneId: string; DiskName: string; Description: string; Category: string; Size: number;
  PerformanceLevel?: string; Encrypted: boolean; KMSKeyId: string; Status: string; InstanceId: string; SourceSnapshotId: string;
  Type: string; CreationTime: string;
  /** An instance's disk: '/dev/xvda' (system), '/dev/xvdb'… (data); released with the instance when DeleteWithInstance. */
  Device?: string; DeleteWithInstance?: boolean; ImageId?: string;
}

/** DescribeInstances' Instance (issue 6 contract). Memory in MiB. */
export interface Instance {
  InstanceId: string; InstanceName: string; HostName: string; Description: string; RegionId: string; ZoneId: string;
  InstanceType: string; InstanceTypeFamily: string; Cpu: number; Memory: number; ImageId: string; OSName: string;
  Status: string; CreationTime: string; StartTime: string;
}

/** DescribeInstanceTypes' InstanceType. MemorySize in GiB. */
export interface InstanceTypeInfo {
  InstanceTypeId: string; InstanceTypeFamily: string; CpuCoreCount: number; MemorySize: number;
}

export interface Snapshot {
  SnapshotId: string; SnapshotName: string; RegionId: string; Status: string; Progress: string; SourceDiskId: string;
  SourceDiskSize: string; SourceSnapshotId: string; SourceRegionId: string; Encrypted: boolean; KMSKeyId: string; Usage: string; CreationTime: string;
}

export interface Image {
  ImageId: string; ImageName: string; RegionId: string; ImageOwnerAlias: string; ImageOwnerId?: string; Status: string; Progress: string;
  Size: number; Encrypted: boolean; KMSKeyId: string; SourceImageId: string; SourceRegionId: string; CreationTime: string; OSName: string;
  IsSelfShared: string; DiskDeviceMappings: { DiskDeviceMapping: { SnapshotId: string }[] };
}

export interface KeyInfo {
  KeyId: string;
  KeyState: string;
  aliases: string[];
  isServiceKey: boolean;
  Description: string;
}

export interface RegionInfo {
  RegionId: string;
  LocalName: string;
  EncryptionSupported: boolean;
  CmkSupported: boolean;
}

const PAGE = 100;
const MAX_PAGES = 100;

function listOf<T>(response: LabResponse, outer: string, inner: string): T[] {
  const items = (response[outer] as Record<string, unknown> | undefined)?.[inner];
  return Array.isArray(items) ? (items as T[]) : [];
}

export interface EcsClient {
  /** An Ecs action in the region (or `regionId`). */
  ecs(action: string, params?: Record<string, unknown>, regionId?: string): Promise<LabResponse>;
  kms(action: string, params?: Record<string, unknown>, regionId?: string): Promise<LabResponse>;
  ram(action: string, params?: Record<string, unknown>): Promise<LabResponse>;
  /** A Lab action (ReadDiskSectors…) in the region the resource lives in. */
  lab(action: string, params?: Record<string, unknown>, regionId?: string): Promise<LabResponse>;
  /** Every page of a Describe* list. */
  all<T>(action: string, params: Record<string, unknown>, outer: string, inner: string, regionId?: string): Promise<T[]>;
  disks(params?: Record<string, unknown>, regionId?: string): Promise<Disk[]>;
  snapshots(params?: Record<string, unknown>, regionId?: string): Promise<Snapshot[]>;
  images(alias: 'self' | 'others' | 'system', regionId?: string): Promise<Image[]>;
  regions(language: string): Promise<RegionInfo[]>;
  zones(): Promise<string[]>;
  /** The region's keys with state and aliases (ListKeys, DescribeKey, ListAliases). */
  keys(regionId?: string): Promise<KeyInfo[]>;
  /** The key's state, or 'NotFound' when the KMS no longer knows it (destroyed), or undefined when it cannot tell. */
  keyState(keyId: string, regionId?: string): Promise<string | undefined>;
  /** Every instance of the region (DescribeInstances, page by page). */
  instances(params?: Record<string, unknown>, regionId?: string): Promise<Instance[]>;
  /** The instance types (DescribeInstanceTypes). */
  instanceTypes(): Promise<InstanceTypeInfo[]>;
  /** The Available images an instance can start from: public, your own, and shared with you. */
  launchImages(regionId?: string): Promise<Image[]>;
}

export function ecsClient(api: LabApi, regionId: () => string): EcsClient {
  const call = (product: string, action: string, params: Record<string, unknown> = {}, region?: string) =>
    api.call(product, action, { RegionId: region ?? regionId(), ...params });
  const all = async <T>(action: string, params: Record<string, unknown>, outer: string, inner: string, region?: string) => {
    const items: T[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const r = await call('Ecs', action, { ...params, PageNumber: page, PageSize: PAGE }, region);
      const got = listOf<T>(r, outer, inner);
      items.push(...got);
      if (got.length === 0 || items.length >= Number(r.TotalCount ?? 0)) break;
    }
    return items;
  };
  const client: EcsClient = {
    ecs: (action, params, region) => call('Ecs', action, params, region),
    kms: (action, params, region) => call('Kms', action, params, region),
    ram: (action, params) => api.call('Ram', action, params ?? {}),
    lab: (action, params, region) => call('Lab', action, params, region),
    all,
    disks: (params = {}, region) => all<Disk>('DescribeDisks', params, 'Disks', 'Disk', region),
    snapshots: (params = {}, region) => all<Snapshot>('DescribeSnapshots', { Status: 'all', ...params }, 'Snapshots', 'Snapshot', region),
    images: (alias, region) => all<Image>('DescribeImages', { ImageOwnerAlias: alias, Status: 'Creating,Available,CreateFailed' }, 'Images', 'Image', region),
    async regions(language) {
      const r = await call('Ecs', 'DescribeRegions', { AcceptLanguage: language === 'ja' ? 'ja' : 'en' });
      return listOf<RegionInfo>(r, 'Regions', 'Region');
    },
    async zones() {
      return listOf<{ ZoneId: string }>(await call('Ecs', 'DescribeZones'), 'Zones', 'Zone').map((z) => z.ZoneId);
    },
    async keys(region) {
      const ids: string[] = [];
      for (let page = 1; page <= MAX_PAGES; page++) {
        const r = await call('Kms', 'ListKeys', { PageNumber: page, PageSize: PAGE }, region);
        const got = listOf<{ KeyId: string }>(r, 'Keys', 'Key');
        ids.push(...got.map((k) => k.KeyId));
        if (got.length === 0 || ids.length >= Number(r.TotalCount ?? 0)) break;
      }
      const aliases: { AliasName: string; KeyId: string }[] = [];
      for (let page = 1; page <= MAX_PAGES; page++) {
        const r = await call('Kms', 'ListAliases', { PageNumber: page, PageSize: PAGE }, region);
        const got = listOf<{ AliasName: string; KeyId: string }>(r, 'Aliases', 'Alias');
        aliases.push(...got);
        if (got.length === 0 || aliases.length >= Number(r.TotalCount ?? 0)) break;
      }
      const metadata = await Promise.all(ids.map(async (id) => (await call('Kms', 'DescribeKey', { KeyId: id }, region)).KeyMetadata as { KeyId: string; KeyState: string; Creator: string; Description: string }));
      return metadata.map((m) => {
        const names = aliases.filter((a) => a.KeyId === m.KeyId).map((a) => a.AliasName).sort();
        return { KeyId: m.KeyId, KeyState: m.KeyState, aliases: names, Description: m.Description, isServiceKey: names.some((a) => a.startsWith('alias/acs/')) || !/^\d+$/.test(m.Creator) };
      });
    },
    async keyState(keyId, region) {
      try {
        return ((await call('Kms', 'DescribeKey', { KeyId: keyId }, region)).KeyMetadata as { KeyState: string }).KeyState;
      } catch (error) {
        const code = (error as { Code?: unknown }).Code;
        if (code === 'Forbidden.KeyNotFound') return 'NotFound';
        return undefined; // another account's key, or a failure the page shows elsewhere: no verdict
      }
    },
    instances: (params = {}, region) => all<Instance>('DescribeInstances', params, 'Instances', 'Instance', region),
    async instanceTypes() {
      return listOf<InstanceTypeInfo>(await call('Ecs', 'DescribeInstanceTypes'), 'InstanceTypes', 'InstanceType');
    },
    async launchImages(region) {
      const lists = await Promise.all((['system', 'self', 'others'] as const).map((alias) =>
        all<Image>('DescribeImages', { ImageOwnerAlias: alias, Status: 'Available' }, 'Images', 'Image', region)));
      return lists.flat();
    },
  };
  return client;
}

/** "45%" → 45 (0 for anything else). */
export function progressPercent(progress: string | undefined): number {
  const match = /^(\d{1,3})%$/.exec(progress ?? '');
  return match ? Math.min(100, Number(match[1])) : 0;
}
