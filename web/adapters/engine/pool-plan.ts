// Pure planning for the crypto pool: checks a sector run (and a wrapped key or KEK) before anything is
// sent, and splits a run at segment boundaries into contiguous groups balanced by bytes, one per
// worker. Sector numbers follow IEEE 1619 data-unit numbering: each segment starts where the previous one ended.
import type { WrappedDataKey } from '../../core/ports';
import { MAX_TWEAK } from './xts-types';
import { checkSectorSize } from './xts-checks';

export interface SegmentGroup {
  /** Segments [start, end) of the run. */
  start: number;
  end: number;
  /** The sector number of this group's first sector. */
  firstSector: bigint;
  bytes: number;
}

/** Throws a plain Error naming the argument; returns the run's total bytes. */
export function checkSectorRun(firstSector: unknown, sectorSize: unknown, segments: unknown): number {
  if (typeof firstSector !== 'bigint' || firstSector < 0n) {
    throw new RangeError(`"firstSector" expected a bigint ≥ 0, got ${typeof firstSector === 'bigint' ? firstSector : typeof firstSector}`);
  }
  checkSectorSize(sectorSize as number);
  const size = sectorSize as number;
  if (!Array.isArray(segments) || segments.length === 0) {
    throw new TypeError('"segments" expected a non-empty array of ArrayBuffers');
  }
  const seen = new Set<ArrayBuffer>();
  let bytes = 0;
  segments.forEach((segment: unknown, i) => {
    if (!(segment instanceof ArrayBuffer)) throw new TypeError(`"segments[${i}]" expected ArrayBuffer`);
    // A detached buffer (already given to an earlier call) has byteLength 0 and is refused here.
    if (segment.byteLength === 0 || segment.byteLength % size !== 0) {
      throw new RangeError(`"segments[${i}]" expected a non-zero whole number of ${size}-byte sectors, got ${segment.byteLength} bytes`);
    }
    // Transferring one buffer twice fails mid-send; refuse it before anything moves.
    if (seen.has(segment)) throw new RangeError(`"segments[${i}]" is the same ArrayBuffer as an earlier segment`);
    seen.add(segment);
    bytes += segment.byteLength;
  });
  if (firstSector + BigInt(bytes / size) - 1n > MAX_TWEAK) {
    throw new RangeError('"firstSector" + sector count overflows 2^128');
  }
  return bytes;
}

/** Splits a checked run into at most `parts` contiguous, non-empty groups of roughly equal bytes.
 *  A segment goes to the part its midpoint falls in, so groups never split a segment (they are
 *  transferred whole) and stay in order. */
export function planGroups(firstSector: bigint, sectorSize: number, segments: readonly ArrayBuffer[], parts: number): SegmentGroup[] {
  const total = segments.reduce((sum, s) => sum + s.byteLength, 0);
  const count = Math.max(1, Math.min(parts, segments.length));
  const groups: SegmentGroup[] = [];
  let before = 0;
  let current: SegmentGroup | undefined;
  let currentPart = -1;
  segments.forEach((segment, i) => {
    const part = Math.min(count - 1, Math.floor(((before + segment.byteLength / 2) * count) / total));
    if (!current || part !== currentPart) {
      current = { start: i, end: i, firstSector: firstSector + BigInt(before / sectorSize), bytes: 0 };
      groups.push(current);
      currentPart = part;
    }
    current.end = i + 1;
    current.bytes += segment.byteLength;
    before += segment.byteLength;
  });
  return groups;
}

const BLOB_BYTES = [12 + 32 + 16, 12 + 64 + 16];

export function checkKek(kek: CryptoKey, usage: KeyUsage): void {
  if (typeof kek !== 'object' || kek === null || typeof kek.algorithm !== 'object' || !Array.isArray(kek.usages)) {
    throw new TypeError('"kek" expected a CryptoKey');
  }
  if (kek.algorithm.name !== 'AES-GCM') throw new TypeError(`"kek" expected an AES-GCM CryptoKey, got ${kek.algorithm.name}`);
  // KMS key material lives only in non-extractable CryptoKeys (house style); refuse anything else.
  if (kek.extractable) throw new TypeError('"kek" expected a non-extractable CryptoKey');
  if (!kek.usages.includes(usage)) throw new TypeError(`"kek" expected usage "${usage}"`);
}

export function checkWrappedKey(key: WrappedDataKey): void {
  if (typeof key !== 'object' || key === null) throw new TypeError('"key" expected { kek, blob, aad }');
  const { kek, blob, aad } = key;
  checkKek(kek, 'decrypt');
  if (!(blob instanceof Uint8Array)) throw new TypeError('"blob" expected Uint8Array');
  if (!BLOB_BYTES.includes(blob.length)) {
    throw new RangeError(`"blob" expected ${BLOB_BYTES.join(' or ')} bytes (12-byte IV ‖ 32- or 64-byte key ‖ 16-byte tag), got ${blob.length}`);
  }
  if (!(aad instanceof Uint8Array)) throw new TypeError('"aad" expected Uint8Array');
}
