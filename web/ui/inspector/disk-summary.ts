// What the disk list and the disk header say about a disk record: its chunk counts and how it
// is encrypted. Pure, unit-tested in Node.
import type { DiskRecord } from '../../core/disks/types';

export type EncryptionKind = 'none' | 'session' | 'kms';

export function encryptionKind(disk: DiskRecord): EncryptionKind {
  return disk.encryption.isEncrypted ? disk.encryption.keySource : 'none';
}

export function totalChunks(disk: DiskRecord): number {
  return Math.ceil(disk.sizeBytes / disk.chunkBytes);
}

export function allocatedChunks(disk: DiskRecord): number {
  return Object.keys(disk.chunks).length;
}

/** Disks in a stable order: newest first, then by name. */
export function sortDisks(disks: readonly DiskRecord[]): DiskRecord[] {
  return [...disks].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.name.localeCompare(b.name));
}
