// Input checks for the disk layer (reliability-cases.md T-09, T-10): every argument is checked
// before the first read or write, and a bad one throws a CloudError with the exact code
// (errors.ts), so bad input changes nothing.
import { CloudError } from '../errors';
import type { DataKeyHandle } from '../ports';
import type { CreateDiskOptions, NewDiskEncryption } from './api';
import { DiskErrorCodes, MAX_IO_BYTES } from './errors';
import { SECTOR_BYTES } from './types';

/** Largest disk: sparse, so the size costs nothing until written; bounds sector numbers and the chunk map. */
export const MAX_DISK_BYTES = 2 ** 41; // 2 TiB
/** Chunk sizes allowed: whole sectors, from one 4 KiB page (the guest's I/O unit) to 16 MiB. */
export const MIN_CHUNK_BYTES = 4096;
export const MAX_CHUNK_BYTES = 16 << 20;
const MAX_NAME_LENGTH = 128;

const describe = (value: unknown): string | number =>
  typeof value === 'number' ? value : typeof value === 'bigint' ? `${value}n` : typeof value;

/** The size of a disk made from a source of `sourceBytes`: the source's, or a bigger one asked for
 *  (a disk can grow, never shrink below its data); the new sectors read as zeros. */
export function grownSize(sourceBytes: number, sizeBytes: unknown): number {
  if (sizeBytes === undefined) return sourceBytes;
  const size = checkDiskSize(sizeBytes);
  if (size < sourceBytes) throw new CloudError(DiskErrorCodes.invalidSize, { params: { size: describe(sizeBytes), max: MAX_DISK_BYTES } });
  return size;
}

export function checkDiskSize(sizeBytes: unknown): number {
  if (typeof sizeBytes !== 'number' || !Number.isSafeInteger(sizeBytes) || sizeBytes < SECTOR_BYTES
    || sizeBytes > MAX_DISK_BYTES || sizeBytes % SECTOR_BYTES !== 0) {
    throw new CloudError(DiskErrorCodes.invalidSize, { params: { size: describe(sizeBytes), max: MAX_DISK_BYTES } });
  }
  return sizeBytes;
}

export function checkChunkBytes(chunkBytes: unknown): number {
  if (typeof chunkBytes !== 'number' || !Number.isSafeInteger(chunkBytes) || chunkBytes < MIN_CHUNK_BYTES
    || chunkBytes > MAX_CHUNK_BYTES || chunkBytes % SECTOR_BYTES !== 0) {
    throw new CloudError(DiskErrorCodes.invalidChunkSize, { params: { chunkBytes: describe(chunkBytes), max: MAX_CHUNK_BYTES } });
  }
  return chunkBytes;
}

export function checkName(name: unknown): string {
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH) {
    throw new CloudError(DiskErrorCodes.invalidName);
  }
  return name;
}

function invalidEncryption(reason: string): CloudError {
  return new CloudError(DiskErrorCodes.invalidEncryption, { params: { reason } });
}

export function checkHandle(handle: unknown, what = 'handle'): DataKeyHandle {
  if (typeof handle !== 'string' || handle.length === 0) throw invalidEncryption(`"${what}" expected a non-empty string`);
  return handle;
}

export function checkNewEncryption(encryption: unknown): NewDiskEncryption {
  if (typeof encryption !== 'object' || encryption === null) throw invalidEncryption('expected { isEncrypted, … }');
  const e = encryption as NewDiskEncryption;
  if (e.isEncrypted === false) return e;
  if (e.isEncrypted !== true) throw invalidEncryption('"isEncrypted" expected a boolean');
  checkHandle(e.handle);
  if (e.keySource !== 'session' && e.keySource !== 'kms') throw invalidEncryption('"keySource" expected \'session\' or \'kms\'');
  if (e.lineageId !== undefined && (typeof e.lineageId !== 'string' || e.lineageId.length === 0)) {
    throw invalidEncryption('"lineageId" expected a non-empty string');
  }
  // A KMS disk must carry its wrapped key: without it nothing could read the disk after a reload.
  if (e.keySource === 'kms') {
    const w = e.wrappedKey;
    if (typeof w !== 'object' || w === null || typeof w.keyId !== 'string' || typeof w.ciphertextBlob !== 'string'
      || typeof w.encryptionContext !== 'object' || w.encryptionContext === null) {
      throw invalidEncryption('keySource \'kms\' expects "wrappedKey" { keyId, ciphertextBlob, encryptionContext }');
    }
  }
  return e;
}

export function checkCreateOptions(options: unknown, defaultChunkBytes: number): Required<Omit<CreateDiskOptions, 'encryption'>> & { encryption: NewDiskEncryption } {
  if (typeof options !== 'object' || options === null) throw new CloudError(DiskErrorCodes.invalidName);
  const o = options as CreateDiskOptions;
  const name = checkName(o.name);
  const sizeBytes = checkDiskSize(o.sizeBytes);
  const chunkBytes = checkChunkBytes(o.chunkBytes ?? defaultChunkBytes);
  const encryption = checkNewEncryption(o.encryption);
  return { name, sizeBytes, chunkBytes, encryption };
}

function invalidSector(sector: unknown, sizeSectors: number): CloudError {
  return new CloudError(DiskErrorCodes.invalidSector, { params: { sector: describe(sector), last: sizeSectors - 1 } });
}

function invalidLength(length: unknown): CloudError {
  return new CloudError(DiskErrorCodes.invalidLength, { params: { length: describe(length), max: MAX_IO_BYTES } });
}

export function checkSector(sector: unknown, sizeSectors: number): number {
  if (typeof sector !== 'number' || !Number.isSafeInteger(sector) || sector < 0 || sector >= sizeSectors) {
    throw invalidSector(sector, sizeSectors);
  }
  return sector;
}

/** A read of `count` sectors at `sector`: the whole range must lie on the disk. */
export function checkRange(sector: unknown, count: unknown, sizeSectors: number): { sector: number; count: number } {
  const first = checkSector(sector, sizeSectors);
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1 || count * SECTOR_BYTES > MAX_IO_BYTES) {
    throw invalidLength(typeof count === 'number' ? count * SECTOR_BYTES : count);
  }
  // A range straddling the end is refused whole: no partial I/O of the in-range part (T-10).
  if (first + count > sizeSectors) throw invalidLength(count * SECTOR_BYTES);
  return { sector: first, count };
}

/** A write of `data` at `sector`: whole sectors, non-empty, at most MAX_IO_BYTES, ending on the disk. */
export function checkWrite(sector: unknown, data: unknown, sizeSectors: number): { sector: number; count: number } {
  const first = checkSector(sector, sizeSectors);
  if (!(data instanceof Uint8Array)) throw new CloudError(DiskErrorCodes.invalidData, { params: { type: describe(data) } });
  const length = data.byteLength;
  if (length === 0 || length % SECTOR_BYTES !== 0 || length > MAX_IO_BYTES) throw invalidLength(length);
  const count = length / SECTOR_BYTES;
  if (first + count > sizeSectors) throw invalidLength(length);
  return { sector: first, count };
}
