// Argument checks shared by every XtsKernel implementation, so that bad input gets the same
// clear error (naming the argument and the expected value) whichever engine runs.
import { MAX_TWEAK, MAX_UNIT_BYTES, MIN_UNIT_BYTES, SECTOR_SIZES } from './xts-types';

export function checkKeyBytes(key: Uint8Array): void {
  if (!(key instanceof Uint8Array)) throw new TypeError('"key" expected Uint8Array');
  if (key.length !== 32 && key.length !== 64) {
    throw new RangeError(`"key" expected 32 or 64 bytes (Key1 ‖ Key2), got ${key.length}`);
  }
}

export function halvesEqual(key: Uint8Array): boolean {
  const half = key.length >> 1;
  let diff = 0;
  for (let i = 0; i < half; i++) diff |= key[i] ^ key[i + half];
  return diff === 0;
}

export function checkUnits(firstUnit: bigint, unitSize: number, data: Uint8Array): number {
  if (!(data instanceof Uint8Array)) throw new TypeError('"data" expected Uint8Array');
  if (typeof firstUnit !== 'bigint' || firstUnit < 0n || firstUnit > MAX_TWEAK) {
    throw new RangeError(`"firstUnit" expected a bigint in 0 … 2^128-1, got ${String(firstUnit)}`);
  }
  if (!Number.isInteger(unitSize) || unitSize < MIN_UNIT_BYTES || unitSize > MAX_UNIT_BYTES) {
    throw new RangeError(
      `"unitSize" expected an integer from ${MIN_UNIT_BYTES} bytes to 2^20 blocks (${MAX_UNIT_BYTES} bytes), got ${unitSize}`,
    );
  }
  if (data.length % unitSize !== 0) {
    throw new RangeError(`"data" expected a whole number of ${unitSize}-byte units, got ${data.length} bytes`);
  }
  const count = data.length / unitSize;
  if (firstUnit + BigInt(count) - 1n > MAX_TWEAK) throw new RangeError('"firstUnit" + unit count overflows 2^128');
  return count;
}

export function checkSectorSize(sectorSize: number): void {
  if (!SECTOR_SIZES.includes(sectorSize)) {
    throw new RangeError(`"sectorSize" expected 512 or 4096, got ${sectorSize}`);
  }
}

export function equalHalvesError(): Error {
  return new Error('"key" Key1 equals Key2: XTS refuses to encrypt with equal halves (IEEE 1619 §5.1, SP 800-38E)');
}
