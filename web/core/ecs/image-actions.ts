// ECS image actions (../shared/spec/cloud-api.md §2.5): the public LabOS image (its data from
// guest/image.ts through EcsOptions.publicImageContents), CreateImage from a snapshot or an instance,
// DescribeImages (self / others / system), CopyImage with the four encryption rules, DeleteImage, and sharing with
// the lab's other account (ModifyImageSharePermission / DescribeImageSharePermission).
import { invalidParameter, missingParameter } from '../api/codes';
import type { CallContext } from '../api/context';
import type { Params } from '../api/params';
import { LAB_ACCOUNTS } from '../lab/lab-product';
import { ecsError } from './codes';
import { GIB, type EcsCore } from './ecs-core';
import { regionOf } from './disk-actions';
import { kmsCallerFor } from './encryption';
import { ownInstance, wrongStatus } from './instance-power';
import type { EcsChange, ImageResource, SnapshotResource } from './ports';
import { markSnapshotFailed, planCopy, startCopy } from './snapshot-actions';
import { imageView, page, tagsOf } from './views';

export const PUBLIC_IMAGE_ID = 'labos_1_0_x64_20G_alibase_20260101.vhd';
export const PUBLIC_IMAGE_SIZE_GIB = 20;

/** The public image of `regionId`, made on first use; its storage (one plain snapshot) is shared by all regions. Call inside core.exclusive. */
export async function ensurePublicImage(core: EcsCore, regionId: string): Promise<ImageResource> {
  const existing = await core.store.getImage(PUBLIC_IMAGE_ID, regionId);
  if (existing) return existing;
  const anyRegion = (await core.store.listImages()).find((i) => i.ImageId === PUBLIC_IMAGE_ID && i.publicStorageSnapshotId);
  let storageSnapshotId = anyRegion?.publicStorageSnapshotId;
  if (!storageSnapshotId) {
    const disk = await core.disks.createDisk({ name: PUBLIC_IMAGE_ID, sizeBytes: PUBLIC_IMAGE_SIZE_GIB * GIB, encryption: { isEncrypted: false } });
    try {
      const device = await core.disks.open(disk.id);
      for (const write of core.publicImageContents()) await device.write(write.sector, write.data);
      await device.flush();
      storageSnapshotId = (await core.disks.createSnapshot(disk.id, PUBLIC_IMAGE_ID)).id;
    } finally {
      await core.disks.deleteDisk(disk.id);
    }
  }
  const image: ImageResource = {
    ImageId: PUBLIC_IMAGE_ID, accountId: '', RegionId: regionId, ImageName: 'LabOS 1.0 64-bit', Description: 'The Disk Encryption Lab guest operating system (public image).',
    ImageOwnerAlias: 'system', Status: 'Available', progressPercent: 100, Size: PUBLIC_IMAGE_SIZE_GIB, OSName: 'LabOS 1.0 64-bit', Platform: 'LabOS',
    Architecture: 'x86_64', SnapshotId: '', publicStorageSnapshotId: storageSnapshotId, Encrypted: false, sharedWith: [], SourceImageId: '', SourceRegionId: '',
    Tags: [], createdMs: 0,
  };
  await core.store.commit({ putImages: [image] }, []);
  return image;
}

function newImage(core: EcsCore, ctx: CallContext, fields: Partial<ImageResource> & Pick<ImageResource, 'ImageId' | 'RegionId' | 'SnapshotId' | 'Size' | 'Encrypted'>, p: Params): ImageResource {
  return {
    accountId: ctx.accountId, ImageName: '', Description: '', ImageOwnerAlias: 'self', Status: 'Creating', progressPercent: 0, OSName: 'LabOS 1.0 64-bit',
    Platform: 'LabOS', Architecture: 'x86_64', sharedWith: [], SourceImageId: '', SourceRegionId: '', Tags: tagsOf(p.Tag), createdMs: core.now(), ...fields,
  };
}

export async function createImage(core: EcsCore, ctx: CallContext, p: Params) {
  if (p.InstanceId !== undefined && p.SnapshotId !== undefined) throw invalidParameter('InstanceId', 'give SnapshotId or InstanceId, not both');
  if (p.InstanceId !== undefined) return createImageFromInstance(core, ctx, p);
  if (p.SnapshotId === undefined) throw missingParameter('SnapshotId');
  const snapshot = await core.ownSnapshot(ctx, p.SnapshotId as string);
  if (snapshot.Status !== 'accomplished') throw ecsError('InvalidSnapshotId.NotReady', { snapshotId: snapshot.SnapshotId });
  const ImageId = core.newId('m');
  ctx.audit.resourceId = ImageId;
  ctx.audit.keyId = snapshot.key?.KMSKeyId;
  // An image from a snapshot uses that snapshot (same data key): encrypted iff the snapshot is.
  const image = newImage(core, ctx, {
    ImageId, RegionId: ctx.regionId, SnapshotId: snapshot.SnapshotId, Size: snapshot.SourceDiskSize, Encrypted: snapshot.Encrypted,
    ...(snapshot.key ? { KMSKeyId: snapshot.key.KMSKeyId } : {}), ImageName: (p.ImageName as string | undefined) ?? '', Description: (p.Description as string | undefined) ?? '',
  }, p);
  await core.commit(ctx, { putImages: [image], putSnapshots: [{ ...snapshot, Usage: 'image' }] });
  core.jobs.start(ImageId, 'CreateImage', async (report) => {
    report(100);
    await setImageStatus(core, ImageId, ctx.regionId, 'Available');
  }, () => setImageStatus(core, ImageId, ctx.regionId, 'CreateFailed'));
  return { ImageId };
}

/** An image of a Running or Stopped instance: a snapshot of its system disk now (point in time, the
 *  disk's own key and lineage, kept as an ordinary snapshot), then the image over it. */
async function createImageFromInstance(core: EcsCore, ctx: CallContext, p: Params) {
  const instance = await ownInstance(core, ctx, p.InstanceId as string);
  if (instance.Status !== 'Running' && instance.Status !== 'Stopped') throw wrongStatus(instance);
  const disk = (await core.store.listDisks()).find((d) => d.InstanceId === instance.InstanceId && d.Type === 'system');
  if (!disk || disk.Status !== 'In_use') throw ecsError('IncorrectDiskStatus', { diskId: disk?.DiskId ?? '(none)', status: disk?.Status ?? 'missing' });
  // §2.4: ECS needs its role to snapshot a CMK-encrypted disk.
  if (disk.key) await kmsCallerFor(core, disk.key.accountId, disk.key.isServiceKey);
  const ImageId = core.newId('m');
  const SnapshotId = core.newId('s');
  ctx.audit.resourceId = ImageId;
  ctx.audit.keyId = disk.key?.KMSKeyId;
  const storage = await core.disks.createSnapshot(disk.storageDiskId, SnapshotId);
  const snapshot: SnapshotResource = {
    SnapshotId, accountId: ctx.accountId, RegionId: ctx.regionId, SnapshotName: `Created for image ${ImageId}`, Description: `System disk of ${instance.InstanceId}`,
    Status: 'progressing', progressPercent: 0, SourceDiskSize: disk.Size, SourceDiskId: disk.DiskId, SourceDiskType: 'system', SourceDiskCategory: disk.Category,
    SourceSnapshotId: '', SourceRegionId: '', Encrypted: disk.Encrypted, ...(disk.key ? { key: disk.key } : {}), Usage: 'image', Tags: [], createdMs: core.now(),
    storageSnapshotId: storage.id,
  };
  const image = newImage(core, ctx, {
    ImageId, RegionId: ctx.regionId, SnapshotId, Size: disk.Size, Encrypted: disk.Encrypted, ...(disk.key ? { KMSKeyId: disk.key.KMSKeyId } : {}),
    ImageName: (p.ImageName as string | undefined) ?? '', Description: (p.Description as string | undefined) ?? '', OSName: instance.OSName,
  }, p);
  try {
    await core.commit(ctx, { putSnapshots: [snapshot], putImages: [image] });
  } catch (error) {
    await core.disks.deleteSnapshot(storage.id);
    throw error;
  }
  core.jobs.start(ImageId, 'CreateImage', async (report) => {
    report(100);
    await core.exclusive(async () => {
      const current = await core.store.getSnapshot(SnapshotId);
      if (!current) throw new Error(`"snapshot" ${SnapshotId} vanished while its image was being made`);
      const change: EcsChange = { putSnapshots: [{ ...current, Status: 'accomplished', progressPercent: 100 }] };
      await setImageStatus(core, ImageId, ctx.regionId, 'Available', change, true);
      await core.store.commit(change, []);
    });
  }, async () => {
    await markSnapshotFailed(core, SnapshotId);
    await setImageStatus(core, ImageId, ctx.regionId, 'CreateFailed');
  });
  return { ImageId };
}

async function setImageStatus(core: EcsCore, imageId: string, regionId: string, status: ImageResource['Status'], change: EcsChange = {}, isLocked = false): Promise<void> {
  const write = async () => {
    const image = await core.store.getImage(imageId, regionId);
    if (!image) throw new Error(`"image" ${imageId} vanished while it was being made`);
    change.putImages = [...(change.putImages ?? []), { ...image, Status: status, progressPercent: status === 'Available' ? 100 : image.progressPercent }];
    if (!isLocked) await core.store.commit(change, []);
  };
  return isLocked ? write() : core.exclusive(write);
}

export async function describeImages(core: EcsCore, ctx: CallContext, p: Params) {
  regionOf(ctx);
  await ensurePublicImage(core, ctx.regionId);
  const ids = p.ImageId !== undefined ? (p.ImageId as string).split(',').map((s) => s.trim()) : undefined;
  const statuses = ((p.Status as string | undefined) ?? 'Available').split(',').map((s) => s.trim());
  const alias = p.ImageOwnerAlias as string | undefined;
  const visible = (await core.store.listImages()).filter((i) => i.RegionId === ctx.regionId).map((i) => ({ i, view: imageView(core, i, ctx.accountId) }))
    .filter(({ i, view }) => (i.ImageOwnerAlias === 'system' || i.accountId === ctx.accountId || i.sharedWith.includes(ctx.accountId))
      && (!alias || view.ImageOwnerAlias === alias)
      && (!ids || ids.includes(i.ImageId))
      && statuses.includes(i.Status)
      && (p.ImageName === undefined || i.ImageName === p.ImageName));
  const { items, ...paging } = page(visible, p);
  return { Images: { Image: items.map(({ view }) => view) }, RegionId: ctx.regionId, ...paging };
}

export async function copyImage(core: EcsCore, ctx: CallContext, p: Params) {
  regionOf(ctx);
  const { image, isShared } = await core.visibleImage(ctx, p.ImageId as string);
  if (image.ImageOwnerAlias === 'system') throw ecsError('InvalidImageId.NotFound', { imageId: image.ImageId, regionId: ctx.regionId });
  if (image.Status !== 'Available') throw ecsError('IncorrectImageStatus', { imageId: image.ImageId, status: image.Status });
  const source = await core.store.getSnapshot(image.SnapshotId);
  if (!source) throw new Error(`"image" ${image.ImageId} names snapshot ${image.SnapshotId}, which is missing`);
  const destinationRegionId = p.DestinationRegionId as string;
  const plan = await planCopy(core, ctx, {
    source, sourceLabel: `image ${image.ImageId}`, isShared, destinationRegionId, Encrypted: p.Encrypted as boolean | undefined, KMSKeyId: p.KMSKeyId as string | undefined,
  });
  const ImageId = core.newId('m');
  const SnapshotId = core.newId('s');
  ctx.audit.resourceId = ImageId;
  const encryptedAs = plan.key?.KMSKeyId;
  const copy = newImage(core, ctx, {
    ImageId, RegionId: destinationRegionId, SnapshotId, Size: image.Size, Encrypted: Boolean(encryptedAs), ...(encryptedAs ? { KMSKeyId: encryptedAs } : {}),
    ImageName: (p.DestinationImageName as string | undefined) ?? '', Description: (p.DestinationDescription as string | undefined) ?? '',
    SourceImageId: image.ImageId, SourceRegionId: image.RegionId,
  }, p);
  const snapshot: Omit<SnapshotResource, 'key' | 'Encrypted' | 'storageSnapshotId' | 'Status' | 'progressPercent'> = {
    SnapshotId, accountId: ctx.accountId, RegionId: destinationRegionId, SnapshotName: `Copied for image ${ImageId}`, Description: '',
    SourceDiskSize: source.SourceDiskSize, SourceDiskId: source.SourceDiskId, SourceDiskType: 'system', SourceDiskCategory: source.SourceDiskCategory,
    SourceSnapshotId: source.SnapshotId, SourceRegionId: source.RegionId, Usage: 'image', ownerImageId: ImageId, Tags: [], createdMs: core.now(),
  };
  await startCopy(core, ctx, plan, snapshot, { putImages: [copy] },
    (change) => setImageStatus(core, ImageId, destinationRegionId, 'Available', change, true),
    async () => {
      await markSnapshotFailed(core, SnapshotId);
      await setImageStatus(core, ImageId, destinationRegionId, 'CreateFailed');
    });
  return { ImageId };
}

export async function deleteImage(core: EcsCore, ctx: CallContext, p: Params) {
  const image = await core.ownImage(ctx, p.ImageId as string);
  if (image.Status === 'Creating') throw ecsError('IncorrectImageStatus', { imageId: image.ImageId, status: image.Status });
  const snapshot = await core.store.getSnapshot(image.SnapshotId);
  const change: EcsChange = { deleteImages: [{ ImageId: image.ImageId, RegionId: image.RegionId }] };
  let storageToDelete: string | undefined;
  if (snapshot?.ownerImageId === image.ImageId) {
    change.deleteSnapshots = [snapshot.SnapshotId];
    storageToDelete = snapshot.storageSnapshotId || undefined;
  } else if (snapshot) {
    const others = (await core.store.listImages()).filter((i) => i.SnapshotId === snapshot.SnapshotId && i.ImageId !== image.ImageId);
    if (!others.length) change.putSnapshots = [{ ...snapshot, Usage: 'none' }];
  }
  await core.commit(ctx, change);
  if (storageToDelete) await core.disks.deleteSnapshot(storageToDelete);
  return {};
}

export async function modifyImageSharePermission(core: EcsCore, ctx: CallContext, p: Params) {
  const image = await core.ownImage(ctx, p.ImageId as string);
  if (image.Status !== 'Available') throw ecsError('IncorrectImageStatus', { imageId: image.ImageId, status: image.Status });
  const add = (p.AddAccount as string[] | undefined) ?? [];
  const remove = (p.RemoveAccount as string[] | undefined) ?? [];
  for (const account of [...add, ...remove]) {
    if (account === ctx.accountId || !LAB_ACCOUNTS.some((a) => a.AccountId === account)) throw ecsError('InvalidAccount.NotExist', { account });
  }
  const shared = new Set(image.sharedWith);
  for (const a of add) shared.add(a);
  for (const a of remove) shared.delete(a);
  await core.commit(ctx, { putImages: [{ ...image, sharedWith: [...shared].sort() }] });
  return {};
}

export async function describeImageSharePermission(core: EcsCore, ctx: CallContext, p: Params) {
  const image = await core.ownImage(ctx, p.ImageId as string);
  const { items, ...paging } = page(image.sharedWith, p);
  return { ImageId: image.ImageId, RegionId: image.RegionId, Accounts: { Account: items.map((AliyunId) => ({ AliyunId })) }, ShareGroups: { ShareGroup: [] }, ...paging };
}
