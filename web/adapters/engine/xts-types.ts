// The XTS engine interface shared by the wasm kernel binding (kernel.ts) and the
// @noble/ciphers-based peer (noble-xts.ts). IEEE 1619 / NIST SP 800-38E: one data unit per
// call-unit, tweak = the data-unit number as a 128-bit little-endian integer.

/** A loaded key, referred to by number; only meaningful to the engine that returned it. */
export type KeySlot = number;

export interface XtsKernel {
  /** Loads Key1 ‖ Key2 (32 bytes: AES-128-XTS, 64 bytes: AES-256-XTS). A key with equal
   *  halves loads but refuses to encrypt (decrypt-only, as OpenSSL). The caller zeroes its copy. */
  loadKey(key: Uint8Array): KeySlot;
  /** Zeroes the key schedules of `slot` and frees it. */
  releaseKey(slot: KeySlot): void;
  /** Encrypts `data` in place as consecutive data units of `unitSize` bytes (16 B … 2^20 blocks);
   *  the first unit's tweak is `firstUnit` (0 ≤ firstUnit < 2^128), each next unit's is +1. */
  encryptUnits(slot: KeySlot, firstUnit: bigint, unitSize: number, data: Uint8Array): void;
  decryptUnits(slot: KeySlot, firstUnit: bigint, unitSize: number, data: Uint8Array): void;
  /** A run of consecutive sectors: sectorSize is 512 or 4096, data a whole number of sectors. */
  encryptSectors(slot: KeySlot, firstSector: bigint, sectorSize: number, data: Uint8Array): void;
  decryptSectors(slot: KeySlot, firstSector: bigint, sectorSize: number, data: Uint8Array): void;
}

export const SECTOR_SIZES: readonly number[] = [512, 4096];
export const MIN_UNIT_BYTES = 16;
export const MAX_UNIT_BYTES = 16 * 2 ** 20; // 2^20 AES blocks (SP 800-38E)
export const MAX_TWEAK = (1n << 128n) - 1n;
