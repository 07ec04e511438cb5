// ECS error codes (../shared/spec/cloud-api.md §2.2, §2.5, §2.9, §5) in the shared catalogue, with
// per-action HTTP statuses where the documents differ, and ECS_INFERRED_CASES: every case for which
// no document names the code, with the code we chose and why (also listed in the spec note).
import { CloudError, defineActionStatus, defineCodes } from '../errors';
import '../api/codes';
import '../disks/errors';

defineCodes({
  // Documented in cloud-api.md (§2.2 CreateDisk unless noted).
  'InvalidParameter.EncryptedIllegal': { httpStatus: 400, message: 'KMSKeyId is given but Encrypted is not true: set Encrypted=true to choose a key.' },
  'InvalidParameter.Encrypted': { httpStatus: 400, message: 'The source {source} is encrypted: encryption can never be removed, so the new resource must be encrypted too.' },
  'InvalidEncrypted.NotMatchSnapshot': { httpStatus: 403, message: 'The snapshot {snapshotId} is encrypted: a disk made from it requires Encrypted=true.' },
  'InvalidEncrypted.NotMatchDiskDefaultEncryption': { httpStatus: 403, message: 'Account-level default encryption is on in region {regionId}: unencrypted disks, snapshot copies and image copies cannot be created.' },
  'InvalidParam.EncryptedMismatch': { httpStatus: 400, message: '{source} is shared by another account and encrypted: set Encrypted=true and use a key of your own (your service key by default), not the owner\'s.' },
  'NotSupportSnapshotEncrypted.RegionId': { httpStatus: 400, message: 'Region {regionId} does not support encrypted disks.' },
  'NotSupportSnapshotEncrypted.DiskCategory': { httpStatus: 403, message: 'Category {category} cannot be an encrypted disk made from a snapshot or image (or an encrypted system disk): use the ESSD series (cloud_essd, cloud_essd_entry, cloud_auto, cloud_regional_disk_auto).' },
  'InvalidParameter.EncryptedNotSupported': { httpStatus: 403, message: '{what} does not support encryption.' },
  'InvalidParameter.KMSKeyId.CMKNotEnabled': { httpStatus: 403, message: 'The CMK (Customer Master Key) must be in an active state. Key {keyId} is {state}.' },
  'InvalidParameter.KMSKeyId.CMKUnauthorized': { httpStatus: 403, message: 'ECS cannot tag the key {keyId} with acs:ecs:disk-encryption: {reason}.' },
  'InvalidParameter.KMSKeyId.KMSUnauthorized': { httpStatus: 403, message: 'ECS service have no right to access your KMS. Authorize the role AliyunECSDiskEncryptDefaultRole first.' },
  'InvalidParameter.KMSKeyId.NotFound': { httpStatus: 404, message: 'The specified KMSKeyId {keyId} is not found in region {regionId}.' },
  'InvalidParameter.DataEncryptedKeyCreateFailed': { httpStatus: 403, message: 'KMS failed to create the data key: {reason}.' },
  'InvalidRegion.NotSupport': { httpStatus: 403, message: 'The specified region does not support byok. Region {regionId} offers the service key only.' },
  'InvalidDiskCategory.ValueNotSupported': { httpStatus: 400, message: 'The specified disk category {category} is not supported.' },
  'InvalidDiskSize.NotSupported': { httpStatus: 400, message: 'The specified disk size {size} GiB is not supported: {category} takes {min}–{max} GiB.' },
  'InvalidDiskSize.TooSmall': { httpStatus: 403, message: 'The specified disk size {size} GiB is too small: {category} takes {min}–{max} GiB.' },
  'InvalidRegionId.NotFound': { httpStatus: 404, message: 'The specified region {regionId} does not exist in the lab.' },
  'InvalidZoneId.NotFound': { httpStatus: 404, message: 'The specified zone {zoneId} does not exist in region {regionId}.' },
  // §2.9 (ResetDiskDefaultKMSKeyId page).
  'Abs.InvalidAction.RegionNotSupport': { httpStatus: 403, message: 'Account-level default encryption is not available in region {regionId}.' },
  'InvalidOperation.KMSKeyIdNotFound': { httpStatus: 403, message: 'The specified KMSKeyId not found, {keyId}.' },
  // §2.3 RunInstances (and AttachDisk for the family limit of §5).
  'InvalidInstanceType.NotSupportDiskCategory': { httpStatus: 403, message: '{reason}' },
  DryRunOperation: { httpStatus: 400, message: 'Request validation has been passed with DryRun flag set.' },
  'NotSupportSnapshotEncrypted.ZoneId': { httpStatus: 400, message: 'Zone {zoneId} does not support encrypting a system disk when an instance is created; choose another zone, or encrypt it later with ReplaceSystemDisk.' },
  // Not in cloud-api.md: codes of the public ECS API reference chosen for lab cases (see ECS_INFERRED_CASES).
  'InvalidSnapshotId.NotReady': { httpStatus: 403, isInferred: true, message: 'The specified snapshot {snapshotId} has not completed yet.' },
  IncorrectDiskStatus: { httpStatus: 403, isInferred: true, message: 'The current status of the disk {diskId} ({status}) does not support this operation.' },
  IncorrectImageStatus: { httpStatus: 403, isInferred: true, message: 'The image {imageId} is not ready ({status}).' },
  'InvalidImageId.NotFound': { httpStatus: 404, isInferred: true, message: 'The specified image {imageId} does not exist in region {regionId}.' },
  SnapshotCreatedImage: { httpStatus: 403, isInferred: true, message: 'The snapshot {snapshotId} has been used to create user-defined image(s) {images}; delete them first.' },
  'InvalidAccount.NotExist': { httpStatus: 404, isInferred: true, message: 'The account {account} does not exist in the lab (or is the image owner).' },
  'InvalidInstanceId.NotFound': { httpStatus: 404, isInferred: true, message: 'The specified instance {instanceId} does not exist.' },
  'IncorrectInstanceStatus': { httpStatus: 403, isInferred: true, message: 'The current status of the instance {instanceId} ({status}) does not support this operation{reason}.' },
  'InvalidInstanceType.ValueNotSupported': { httpStatus: 400, isInferred: true, message: 'The specified instance type {instanceType} is not offered by the lab (DescribeInstanceTypes lists them).' },
  'InvalidSystemDiskCategory.ValueNotSupported': { httpStatus: 400, isInferred: true, message: 'The specified category {category} cannot be a system disk.' },
  'InvalidDiskId.ZoneMismatch': { httpStatus: 403, isInferred: true, message: 'The disk {diskId} is in zone {diskZone}, the instance in {instanceZone}.' },
});

// CMKNotEnabled is 400 on the ResetDiskDefaultKMSKeyId page (§2.2 note); the lab uses the same on Modify.
defineActionStatus('ResetDiskDefaultKMSKeyId', 'InvalidParameter.KMSKeyId.CMKNotEnabled', 400);
defineActionStatus('ModifyDiskDefaultKMSKeyId', 'InvalidParameter.KMSKeyId.CMKNotEnabled', 400);
// 400 on the instance power pages (StopInstances documents it; §2.7 infers the same for Start and Reboot).
for (const action of ['StartInstance', 'StartInstances', 'RebootInstance', 'RebootInstances', 'StopInstance', 'StopInstances', 'AttachDisk']) {
  defineActionStatus(action, 'InvalidParameter.KMSKeyId.CMKNotEnabled', 400);
}

/** Lab cases where no document names the code: the code chosen and why. */
export const ECS_INFERRED_CASES = [
  { case: 'encrypted empty disk in cn-nanjing / ap-northeast-2', code: 'InvalidParameter.EncryptedNotSupported', why: '§5 names the regions but no code; the documented "does not support encryption" code (403). From a snapshot the documented NotSupportSnapshotEncrypted.RegionId is used.' },
  { case: 'a CMK in cn-fuzhou / ap-southeast-7 (CreateDisk, CopySnapshot, CopyImage, default key)', code: 'InvalidRegion.NotSupport', why: 'The code is documented ("region does not support byok"); its mapping to these regions is the inference of §5.' },
  { case: 'encrypted data disk from a snapshot attached to ecs.ebmg5 & co. (AttachDisk)', code: 'InvalidInstanceType.NotSupportDiskCategory', why: '§5 names the families, no code; nearest documented RunInstances code (403).' },
  { case: 'CopySnapshot / CopyImage: KMSKeyId without Encrypted=true', code: 'InvalidParameter.EncryptedIllegal', why: 'Documented for CopyImage (§2.5); the lab uses it on CopySnapshot too.' },
  { case: 'CopySnapshot / CopyImage with a key not Enabled, unknown, or without the role', code: 'InvalidParameter.KMSKeyId.CMKNotEnabled / .NotFound / .KMSUnauthorized', why: 'Documented for CopyImage; CopySnapshot shows CMKNotEnabled; the rest by analogy.' },
  { case: 'a snapshot still progressing used by CreateDisk, CreateImage, CopySnapshot', code: 'InvalidSnapshotId.NotReady', why: 'Not in cloud-api.md; the code of the public CreateDisk page.' },
  { case: 'a disk Creating (or In_use for DeleteDisk) used by CreateSnapshot, DeleteDisk, AttachDisk', code: 'IncorrectDiskStatus', why: 'Not in cloud-api.md; the ECS API reference code.' },
  { case: 'an image Creating used by CopyImage, ModifyImageSharePermission or a disk', code: 'IncorrectImageStatus', why: 'Not in cloud-api.md; the ECS API reference code.' },
  { case: 'unknown, foreign or public image where the caller must own it', code: 'InvalidImageId.NotFound', why: 'Another account\'s unshared image is invisible; a public image cannot be changed.' },
  { case: 'DeleteSnapshot of a snapshot an image is made of', code: 'SnapshotCreatedImage', why: 'The public DeleteSnapshot page; not in cloud-api.md.' },
  { case: 'ModifyImageSharePermission with an account not in the lab, or the owner itself', code: 'InvalidAccount.NotExist', why: 'Not in cloud-api.md; the ECS API reference code.' },
  { case: 'AttachDisk/DetachDisk with an unknown instance, or one in another region', code: 'InvalidInstanceId.NotFound', why: 'Instances arrive in the next issue; the ECS API reference code.' },
  { case: 'AttachDisk to an instance in another zone', code: 'InvalidDiskId.ZoneMismatch', why: 'No code in cloud-api.md; a lab name in the cloud\'s style.' },
  { case: 'CreateDisk: Encrypted omitted (false) from an encrypted snapshot', code: 'InvalidEncrypted.NotMatchSnapshot', why: 'Documented ("encrypted snapshot requires Encrypted=true"); explicit Encrypted=false gives the documented InvalidParameter.Encrypted.' },
  { case: 'Size above the category maximum / below its minimum', code: 'InvalidDiskSize.NotSupported (400) / InvalidDiskSize.TooSmall (403)', why: '§2.2 lists both without saying which case each covers.' },
  { case: 'Modify/ResetDiskDefaultKMSKeyId with a key not Enabled', code: 'InvalidParameter.KMSKeyId.CMKNotEnabled (400)', why: '400 on the Reset page; Modify assumed the same.' },
  { case: 'DescribeDiskDefaultKMSKeyId / Modify… in cn-nanjing or ap-northeast-2', code: 'Abs.InvalidAction.RegionNotSupport', why: 'Documented on the Reset page; applied to every §2.9 action in those regions.' },
  { case: 'StartInstance / RebootInstance (and their plural forms) with a disk key not Enabled', code: 'InvalidParameter.KMSKeyId.CMKNotEnabled (400)', why: 'Documented 400 on StopInstances; §2.7 infers the same codes for Start and Reboot. A key whose BYOK material is gone (PendingImport) is "not Enabled" too.' },
  { case: 'CreateSnapshot of an encrypted disk whose key is not Enabled, or destroyed', code: 'InvalidParameter.KMSKeyId.CMKNotEnabled (403) / InvalidOperation.KMSKeyIdNotFound (403)', why: '§2.7: snapshotting an encrypted disk calls KMS; the CreateDisk-family codes.' },
  { case: 'AttachDisk of an encrypted disk whose key is not Enabled, or destroyed', code: 'InvalidParameter.KMSKeyId.CMKNotEnabled (400) / InvalidOperation.KMSKeyIdNotFound (403)', why: '§2.7: attaching an encrypted disk calls KMS; reliability case T-35; the codes and statuses of the instance power pages.' },
  { case: 'StartInstance / RebootInstance with a destroyed (deleted) disk key', code: 'InvalidOperation.KMSKeyIdNotFound (403)', why: 'Documented on StopInstances ("The specified KMSKeyId not found"); the KMS answers Forbidden.KeyNotFound for a destroyed key.' },
  { case: 'RunInstances with an unknown InstanceType', code: 'InvalidInstanceType.ValueNotSupported', why: 'Not in cloud-api.md; the ECS API reference code.' },
  { case: 'SystemDisk.Category that cannot be a system disk (regional, ephemeral)', code: 'InvalidSystemDiskCategory.ValueNotSupported', why: 'Not in cloud-api.md; the ECS API reference code.' },
  { case: 'RunInstances: an encrypted system disk in cn-hongkong-d / ap-southeast-1a', code: 'NotSupportSnapshotEncrypted.ZoneId', why: '§2.3/§5 name the zones but no code; the documented zone code of the encrypted-from-snapshot family (a system disk is made from an image).' },
  { case: 'RunInstances: an encrypted system disk, or an encrypted data disk from a snapshot, on ecs.ebmg5 & co.', code: 'InvalidInstanceType.NotSupportDiskCategory', why: 'A documented RunInstances code; §5 names the families but not the code.' },
  { case: 'RunInstances / ReplaceSystemDisk: SystemDisk.Size below the image size or the category minimum', code: 'InvalidDiskSize.TooSmall (403)', why: 'As CreateDisk (§2.2 lists the code without the case).' },
  { case: 'RunInstances / ReplaceSystemDisk from an own encrypted image with Encrypted omitted', code: '(none: the image\'s key is kept)', why: 'The OOS template (§4) calls ReplaceSystemDisk with the encrypted image and no Encrypted; Encrypted=false gives the documented InvalidParameter.Encrypted.' },
  { case: 'StartInstance, DeleteInstance or ReplaceSystemDisk while a disk of the instance is still Creating', code: 'IncorrectDiskStatus', why: 'The ECS API reference code for a disk in the wrong state.' },
  { case: 'an instance action in the wrong status (table of the instances contract); Lab.GetConsoleText / SendConsoleText unless Running', code: 'IncorrectInstanceStatus', why: 'Listed on StopInstances (§2.7) without its cases; used for every status refusal.' },
] as const;

export function ecsError(code: string, params: Record<string, string | number> = {}, action?: string): CloudError {
  return new CloudError(code, { params, action });
}
