// The "Ecs" product on the action router (../shared/spec/cloud-api.md §2): one declarative parameter
// schema per action (validation and `--help`) and the function that runs it, one call at a time.
// Values the cloud rejects with its own code (category, size) are checked in the actions instead.
import type { CallContext } from '../api/context';
import type { ParamSchema, ParamSpec, Params } from '../api/params';
import type { ActionDefinition, ProductDefinition } from '../api/router';
import { REGIONS } from './catalogue';
import { describeInstanceTypes, describeRegions, describeZones } from './catalogue-actions';
import { describeDefaultKey, describeDefaultStatus, modifyDefaultKey, resetDefaultKey, setDefaultEncryption } from './default-encryption';
import { attachDisk, createDisk, deleteDisk, describeDisks, detachDisk, modifyDiskAttribute } from './disk-actions';
import type { EcsCore } from './ecs-core';
import { copyImage, createImage, deleteImage, describeImages, describeImageSharePermission, modifyImageSharePermission } from './image-actions';
import { describePrice } from './price';
import type { Hypervisor } from './hypervisor';
import { INSTANCE_ACTIONS } from './instance-product';
import { copySnapshot, createSnapshot, deleteSnapshot, describeSnapshots } from './snapshot-actions';

type Run = (core: EcsCore, ctx: CallContext, p: Params, hv: Hypervisor) => Promise<Record<string, unknown>>;

const id = (what: string, isRequired = true): ParamSpec => ({ type: 'string', isRequired, maxLength: 128, description: `The ${what} id.` });
const name = (what: string): ParamSpec => ({
  type: 'string', minLength: 2, maxLength: 128, pattern: /^(?!https?:\/\/)\p{L}[\p{L}\p{N}:_.\- ]*$/u,
  patternText: '2–128 characters starting with a letter (letters, digits, ":", "_", ".", "-"), not http:// or https://', description: `The ${what} name.`,
});
const description: ParamSpec = { type: 'string', minLength: 2, maxLength: 256, pattern: /^(?!https?:\/\/)/, patternText: 'text not starting with http:// or https://', description: '2–256 characters.' };
const encrypted: ParamSpec = { type: 'boolean', description: 'true to encrypt (default false; forced on by account-level default encryption).' };
const kmsKeyId: ParamSpec = { type: 'string', maxLength: 256, description: 'The KMS key (id or alias) to encrypt with; requires Encrypted=true. Default: see the key rules.' };
const tag: ParamSpec = { type: 'object-list', maxItems: 20, description: 'Tags: Tag.N.Key, Tag.N.Value (N = 1–20).', fields: {
  Key: { type: 'string', minLength: 1, maxLength: 128, description: 'Tag key.' }, Value: { type: 'string', maxLength: 128, description: 'Tag value.' },
} };
const pageNumber: ParamSpec = { type: 'integer', min: 1, max: 1_000_000, description: 'Page number, from 1 (default 1).' };
const pageSize: ParamSpec = { type: 'integer', min: 1, max: 100, description: 'Entries per page, 1–100 (default 10).' };
const destinationRegion: ParamSpec = { type: 'string', isRequired: true, enum: REGIONS.map((r) => r.RegionId), description: 'The region of the copy (may be the same region).' };
const idList = (what: string): ParamSpec => ({
  type: 'json', example: `["${what}-bp1…"]`, description: `A JSON list of up to 100 ${what} ids.`,
  check: (v) => (Array.isArray(v) && v.length <= 100 && v.every((x) => typeof x === 'string') ? { value: v } : `expected a JSON list of at most 100 ids like ["${what}-…"]`),
});

function action(description: string, params: ParamSchema, run: Run) {
  return { description, params, run };
}

const ACTIONS: Record<string, { description: string; params: ParamSchema; run: Run }> = {
  DescribeRegions: action('Lists the regions (with what each supports for encryption).', {
    AcceptLanguage: { type: 'string', enum: ['en', 'ja', 'en-US', 'zh-CN'], description: 'Language of LocalName (en or ja).' },
  }, (_core, ctx, p) => describeRegions(ctx, p)),
  DescribeZones: action('Lists the zones of the region.', {}, (_core, ctx) => describeZones(ctx)),
  DescribeInstanceTypes: action('Lists instance types.', {
    InstanceTypeFamily: { type: 'string', maxLength: 64, description: 'Only this family, e.g. ecs.g7.' },
    InstanceTypes: { type: 'list', maxItems: 10, item: { type: 'string', maxLength: 64, description: 'An instance type.' }, description: 'Only these types (InstanceTypes.N).' },
  }, (_core, ctx, p) => describeInstanceTypes(ctx, p)),
  CreateDisk: action('Creates a data disk, empty or from a snapshot, encrypted or not.', {
    ZoneId: { type: 'string', maxLength: 64, description: 'The zone (not needed for cloud_regional_disk_auto).' },
    SnapshotId: id('snapshot', false), DiskName: name('disk'), Description: description,
    Size: { type: 'integer', min: 1, max: 1_000_000, description: 'GiB; the range depends on the category (§2.1). With SnapshotId: at least the snapshot\'s size.' },
    DiskCategory: { type: 'string', maxLength: 64, description: 'cloud (default), cloud_efficiency, cloud_ssd, cloud_essd, cloud_auto, cloud_essd_entry, cloud_regional_disk_auto, elastic_ephemeral_disk_standard, elastic_ephemeral_disk_premium.' },
    PerformanceLevel: { type: 'string', enum: ['PL0', 'PL1', 'PL2', 'PL3'], description: 'ESSD performance level (default PL1).' },
    Encrypted: encrypted, KMSKeyId: kmsKeyId, Tag: tag,
  }, createDisk),
  DescribeDisks: action('Lists disks, with filters and paging.', {
    DiskIds: idList('d'), ZoneId: { type: 'string', maxLength: 64, description: 'Zone.' },
    Status: { type: 'string', enum: ['In_use', 'Available', 'Attaching', 'Detaching', 'Creating', 'ReIniting', 'All'], description: 'Status.' },
    Category: { type: 'string', maxLength: 64, description: 'Category, or all.' },
    DiskType: { type: 'string', enum: ['all', 'system', 'data'], description: 'system, data or all.' },
    InstanceId: id('instance', false), SnapshotId: id('source snapshot', false), DiskName: { type: 'string', maxLength: 128, description: 'Exact name.' },
    Encrypted: { type: 'boolean', description: 'Only encrypted (true) or unencrypted (false) disks.' },
    KMSKeyId: { type: 'string', maxLength: 256, description: 'Only disks encrypted under this key (check before disabling or deleting a key).' },
    Tag: tag, PageNumber: pageNumber, PageSize: pageSize,
  }, describeDisks),
  ModifyDiskAttribute: action('Changes a disk\'s name, description or DeleteWithInstance (never its encryption).', {
    DiskId: id('disk'), DiskName: name('disk'), Description: description, DeleteWithInstance: { type: 'boolean', description: 'Release with its instance.' },
  }, modifyDiskAttribute),
  DeleteDisk: action('Releases an Available disk (its snapshots stay).', { DiskId: id('disk') }, deleteDisk),
  AttachDisk: action('Attaches a data disk to an instance in its zone.', {
    InstanceId: id('instance'), DiskId: id('disk'), DeleteWithInstance: { type: 'boolean', description: 'Release with the instance.' },
  }, attachDisk),
  DetachDisk: action('Detaches a disk from an instance.', {
    InstanceId: id('instance'), DiskId: id('disk'), DeleteWithInstance: { type: 'boolean', description: 'Release with the instance.' },
  }, detachDisk),
  CreateSnapshot: action('Takes a point-in-time snapshot of a disk (same key and data key lineage).', {
    DiskId: id('disk'), SnapshotName: name('snapshot'), Description: description, Tag: tag,
  }, createSnapshot),
  DescribeSnapshots: action('Lists snapshots, with filters and paging.', {
    SnapshotIds: idList('s'), DiskId: id('disk', false), SnapshotName: { type: 'string', maxLength: 128, description: 'Exact name.' },
    Status: { type: 'string', enum: ['progressing', 'accomplished', 'failed', 'all'], description: 'Status.' },
    SourceDiskType: { type: 'string', enum: ['System', 'Data', 'system', 'data'], description: 'System or Data.' },
    Usage: { type: 'string', enum: ['image', 'disk', 'image_disk', 'none'], description: 'What uses the snapshot.' },
    Encrypted: { type: 'boolean', description: 'Only encrypted or unencrypted snapshots.' }, KMSKeyId: { type: 'string', maxLength: 256, description: 'Only snapshots under this key.' },
    Tag: tag, PageNumber: pageNumber, PageSize: pageSize,
  }, describeSnapshots),
  DeleteSnapshot: action('Deletes a snapshot (not one an image is made of).', { SnapshotId: id('snapshot'), Force: { type: 'boolean', description: 'Accepted; the lab has nothing to force.' } }, deleteSnapshot),
  CopySnapshot: action('Copies a snapshot in its region or to another; Encrypted/KMSKeyId re-encrypt it under a key of the destination region.', {
    SnapshotId: id('snapshot'), DestinationRegionId: destinationRegion, DestinationSnapshotName: name('new snapshot'), DestinationSnapshotDescription: description,
    RetentionDays: { type: 'integer', min: 1, max: 65536, description: 'Days to keep the copy (accepted; not enforced by the lab).' },
    Encrypted: encrypted, KMSKeyId: kmsKeyId, Tag: tag,
  }, copySnapshot),
  CreateImage: action('Creates a custom image from a snapshot, or from a Running or Stopped instance (a snapshot of its system disk).', {
    SnapshotId: id('snapshot', false), InstanceId: id('instance', false), ImageName: name('image'), Description: description,
    Platform: { type: 'string', maxLength: 64, description: 'Accepted; the lab\'s guest is LabOS.' },
    Architecture: { type: 'string', enum: ['x86_64'], description: 'x86_64.' }, Tag: tag,
  }, createImage),
  DescribeImages: action('Lists images: your own (self), shared with you (others), public (system).', {
    ImageId: { type: 'string', maxLength: 2048, description: 'Image ids, comma-separated.' },
    ImageOwnerAlias: { type: 'string', enum: ['system', 'self', 'others', 'marketplace'], description: 'Whose images.' },
    Status: { type: 'string', maxLength: 128, description: 'Creating, Available, CreateFailed (comma-separated; default Available).' },
    ImageName: { type: 'string', maxLength: 128, description: 'Exact name.' }, PageNumber: pageNumber, PageSize: pageSize,
  }, describeImages),
  CopyImage: action('Copies an image in its region or to another; the only way to an encrypted image from an unencrypted one.', {
    ImageId: id('image'), DestinationRegionId: destinationRegion, DestinationImageName: name('new image'), DestinationDescription: description,
    Encrypted: encrypted, KMSKeyId: kmsKeyId, Tag: tag,
  }, copyImage),
  DeleteImage: action('Deletes a custom image (and the snapshot a copy made for it).', { ImageId: id('image'), Force: { type: 'boolean', description: 'Accepted.' } }, deleteImage),
  ModifyImageSharePermission: action('Shares a custom image with other accounts of the lab, or stops sharing it.', {
    ImageId: id('image'),
    AddAccount: { type: 'list', maxItems: 10, item: { type: 'string', pattern: /^\d{16}$/, patternText: 'a 16-digit account id', description: 'An account id.' }, description: 'Accounts to share with (AddAccount.N).' },
    RemoveAccount: { type: 'list', maxItems: 10, item: { type: 'string', pattern: /^\d{16}$/, patternText: 'a 16-digit account id', description: 'An account id.' }, description: 'Accounts to stop sharing with.' },
  }, modifyImageSharePermission),
  DescribeImageSharePermission: action('Lists the accounts a custom image is shared with.', { ImageId: id('image'), PageNumber: pageNumber, PageSize: pageSize }, describeImageSharePermission),
  EnableDiskEncryptionByDefault: action('Turns on account-level default encryption in the region.', {}, (core, ctx) => setDefaultEncryption(core, ctx, true)),
  DisableDiskEncryptionByDefault: action('Turns off account-level default encryption (nothing is decrypted).', {}, (core, ctx) => setDefaultEncryption(core, ctx, false)),
  DescribeDiskEncryptionByDefaultStatus: action('Tells whether account-level default encryption is on.', {}, describeDefaultStatus),
  ModifyDiskDefaultKMSKeyId: action('Sets the key of account-level default encryption.', { KMSKeyId: { ...kmsKeyId, isRequired: true, description: 'The key (id or alias).' } }, modifyDefaultKey),
  DescribeDiskDefaultKMSKeyId: action('Returns the key of account-level default encryption.', {}, describeDefaultKey),
  DescribePrice: action('Estimates a disk\'s price from an illustrative table: encryption costs nothing extra.', {
    ResourceType: { type: 'string', enum: ['disk'], description: 'disk (instances: next version).' },
    'DataDisk.1.Category': { type: 'string', maxLength: 64, description: 'Disk category (default cloud_essd).' },
    'DataDisk.1.Size': { type: 'integer', min: 1, max: 1_000_000, description: 'GiB (default: the category minimum).' },
    'DataDisk.1.PerformanceLevel': { type: 'string', enum: ['PL0', 'PL1', 'PL2', 'PL3'], description: 'ESSD level (default PL1).' },
    'DataDisk.1.Encrypted': { type: 'boolean', description: 'Accepted to show it changes nothing.' },
    PriceUnit: { type: 'string', enum: ['Month', 'Year', 'Hour'], description: 'Month (default), Year or Hour.' },
  }, (_core, ctx, p) => describePrice(ctx, p)),
  ResetDiskDefaultKMSKeyId: action('Sets the default key back to the region\'s service key.', {}, resetDefaultKey),
};

export function ecsProduct(core: EcsCore, hv: Hypervisor): ProductDefinition {
  const actions: Record<string, ActionDefinition> = {};
  for (const [actionName, def] of Object.entries({ ...ACTIONS, ...INSTANCE_ACTIONS })) {
    actions[actionName] = { description: def.description, params: def.params, run: (ctx, p) => core.exclusive(() => def.run(core, ctx, p, hv)) };
  }
  return { name: 'Ecs', description: 'Elastic Compute Service: instances, block storage (disks, snapshots, images) and its encryption.', actions };
}
