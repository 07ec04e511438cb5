// The disk layer's error codes (issue 3), registered in the shared catalogue (core/errors.ts).
// Cloud codes keep the cloud's spelling (../shared/spec/cloud-api.md §2.2); the rest are the lab's
// own (storage, block I/O) and marked isLabOwn: the real cloud never returns them.
import { defineCodes } from '../errors';

/** The largest guest read or write per call: bounds what one call holds in memory and in one commit. */
export const MAX_IO_BYTES = 32 << 20; // 32 MiB

export const DiskErrorCodes = {
  invalidSector: 'InvalidParameter.Sector',
  invalidLength: 'InvalidParameter.Length',
  invalidSize: 'InvalidParameter.Size',
  invalidChunkSize: 'InvalidParameter.ChunkSize',
  invalidData: 'InvalidParameter.Data',
  invalidName: 'InvalidParameter.Name',
  invalidEncryption: 'InvalidParameter.Encryption',
  diskNotFound: 'InvalidDiskId.NotFound',
  snapshotNotFound: 'InvalidSnapshotId.NotFound',
  diskLost: 'DiskLost',
  diskBusy: 'DiskBusy',
  quotaExceeded: 'QuotaExceeded',
  storageUnavailable: 'StorageUnavailable',
  ioError: 'IOError',
  keyRequired: 'KeyRequired',
  operationAborted: 'OperationAborted',
} as const;

defineCodes({
  'InvalidParameter.Sector': {
    httpStatus: 400, isLabOwn: true,
    message: 'The specified sector {sector} is invalid: expected an integer from 0 to {last}.',
  },
  'InvalidParameter.Length': {
    httpStatus: 400, isLabOwn: true,
    message: 'The specified length {length} is invalid: expected a non-empty whole number of 512-byte sectors, at most {max} bytes, ending within the disk.',
  },
  'InvalidParameter.Size': {
    httpStatus: 400, isLabOwn: true,
    message: 'The specified disk size {size} is invalid: expected a whole number of 512-byte sectors from 512 to {max} bytes.',
  },
  'InvalidParameter.ChunkSize': {
    httpStatus: 400, isLabOwn: true,
    message: 'The specified chunk size {chunkBytes} is invalid: expected a whole number of 512-byte sectors from 4096 to {max} bytes.',
  },
  'InvalidParameter.Data': {
    httpStatus: 400, isLabOwn: true,
    message: 'The specified data is invalid: expected a Uint8Array, got {type}.',
  },
  'InvalidParameter.Name': {
    httpStatus: 400, isLabOwn: true,
    message: 'The specified name is invalid: expected a string of 1 to 128 characters.',
  },
  'InvalidParameter.Encryption': {
    httpStatus: 400, isLabOwn: true,
    message: 'The specified encryption is invalid: {reason}.',
  },
  // ECS answers DescribeDisks/DeleteDisk/AttachDisk on an unknown disk id with this code (404).
  'InvalidDiskId.NotFound': { httpStatus: 404, message: 'The specified disk does not exist.' },
  'InvalidSnapshotId.NotFound': { httpStatus: 404, message: 'The specified snapshot does not exist.' },
  'DiskLost': {
    httpStatus: 500, isLabOwn: true,
    message: 'The disk {diskId} has lost stored data (chunk {chunk} is missing, e.g. the browser evicted site data); it cannot be read as zeros.',
  },
  'DiskBusy': {
    httpStatus: 409, isLabOwn: true,
    message: 'The disk {diskId} was changed by another writer (another tab?) first; retry the operation.',
  },
  'QuotaExceeded': {
    httpStatus: 507, isLabOwn: true,
    message: "The browser's storage quota for this site is exhausted; delete disks or snapshots to free space.",
  },
  'StorageUnavailable': {
    httpStatus: 503, isLabOwn: true,
    message: 'Browser storage (IndexedDB) is not available: {reason}.',
  },
  'IOError': {
    httpStatus: 500, isLabOwn: true,
    message: 'A storage transaction failed: {reason}.',
  },
  'KeyRequired': {
    httpStatus: 403, isLabOwn: true,
    message: 'The disk {diskId} is encrypted: its data key must be loaded (a handle given) for guest I/O.',
  },
  'OperationAborted': {
    httpStatus: 499, isLabOwn: true,
    message: 'The operation was cancelled; nothing it wrote was kept.',
  },
});
