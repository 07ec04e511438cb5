// Resources as the ECS API shows them (cloud-api.md §2.8 DescribeDisks fields; DescribeSnapshots and
// DescribeImages as documented by the cloud): PascalCase fields, ISO dates, Progress as "NN%", paging.
import { toIsoSeconds } from '../clock';
import type { EcsCore } from './ecs-core';
import type { DiskResource, ImageResource, SnapshotResource, Tag } from './ports';

const tags = (list: Tag[]) => ({ Tag: list.map((t) => ({ TagKey: t.Key, TagValue: t.Value })) });

export function diskView(d: DiskResource) {
  return {
    DiskId: d.DiskId, RegionId: d.RegionId, ZoneId: d.ZoneId, DiskName: d.DiskName, Description: d.Description, Type: d.Type,
    Category: d.Category, Size: d.Size, ...(d.PerformanceLevel ? { PerformanceLevel: d.PerformanceLevel } : {}),
    Encrypted: d.Encrypted, KMSKeyId: d.key?.KMSKeyId ?? '', Status: d.Status, InstanceId: d.InstanceId, Device: d.Device,
    DeleteWithInstance: d.DeleteWithInstance, SourceSnapshotId: d.SourceSnapshotId, ImageId: d.ImageId, Portable: d.Type === 'data',
    CreationTime: toIsoSeconds(d.createdMs), Tags: tags(d.Tags),
  };
}

export function snapshotView(core: EcsCore, s: SnapshotResource) {
  return {
    SnapshotId: s.SnapshotId, SnapshotName: s.SnapshotName, Description: s.Description, RegionId: s.RegionId, Status: s.Status,
    Progress: `${core.progressOf(s.SnapshotId, s.progressPercent)}%`, SourceDiskId: s.SourceDiskId, SourceDiskSize: String(s.SourceDiskSize),
    SourceDiskType: s.SourceDiskType, SourceSnapshotId: s.SourceSnapshotId, SourceRegionId: s.SourceRegionId, Encrypted: s.Encrypted,
    KMSKeyId: s.key?.KMSKeyId ?? '', Usage: s.Usage, Category: 'standard', CreationTime: toIsoSeconds(s.createdMs), Tags: tags(s.Tags),
  };
}

export function imageView(core: EcsCore, i: ImageResource, viewerAccountId: string) {
  const alias = i.ImageOwnerAlias === 'system' ? 'system' : i.accountId === viewerAccountId ? 'self' : 'others';
  return {
    ImageId: i.ImageId, ImageName: i.ImageName, Description: i.Description, RegionId: i.RegionId, ImageOwnerAlias: alias,
    ImageOwnerId: i.accountId || undefined, Status: i.Status, Progress: `${core.progressOf(i.ImageId, i.progressPercent)}%`, Size: i.Size,
    OSName: i.OSName, OSType: 'linux', Platform: i.Platform, Architecture: i.Architecture, Usage: 'instance',
    IsPublic: i.ImageOwnerAlias === 'system', IsSelfShared: alias === 'self' && i.sharedWith.length > 0 ? 'True' : 'False',
    Encrypted: i.Encrypted, KMSKeyId: i.KMSKeyId ?? '', SourceImageId: i.SourceImageId, SourceRegionId: i.SourceRegionId,
    CreationTime: toIsoSeconds(i.createdMs), Tags: tags(i.Tags),
    DiskDeviceMappings: { DiskDeviceMapping: [{ SnapshotId: i.SnapshotId, Size: String(i.Size), Device: '/dev/xvda', Type: 'system', Format: 'RAW', Encrypted: i.Encrypted ? 'true' : 'false' }] },
  };
}

export function page<T>(items: T[], p: Record<string, unknown>, maxSize = 100) {
  const PageNumber = (p.PageNumber as number | undefined) ?? 1;
  const PageSize = Math.min((p.PageSize as number | undefined) ?? 10, maxSize);
  return { items: items.slice((PageNumber - 1) * PageSize, PageNumber * PageSize), TotalCount: items.length, PageNumber, PageSize };
}

/** Tag.N.Key/Value as given (validated by the schema) → Tag[]; a Key is required. */
export function tagsOf(value: unknown): Tag[] {
  return ((value as { Key?: string; Value?: string }[] | undefined) ?? []).filter((t) => t.Key !== undefined).map((t) => ({ Key: t.Key!, Value: t.Value ?? '' }));
}

/** Does a resource carry every filter tag (Tag.N in Describe*)? */
export function hasTags(list: Tag[], filter: Tag[]): boolean {
  return filter.every((f) => list.some((t) => t.Key === f.Key && (f.Value === '' || t.Value === f.Value)));
}
