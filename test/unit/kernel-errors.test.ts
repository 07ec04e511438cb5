// Bad input to the wasm kernel gets a clear error naming the argument, and changes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import type { XtsKernel } from '../../web/adapters/engine/xts-types';
import { loadTestKernel } from '../support/kernel-fixtures';

let kernel: XtsKernel & { slotBytesForTest?: (slot: number) => Uint8Array };
beforeAll(async () => { kernel = await loadTestKernel(); });
const key64 = () => Uint8Array.from({ length: 64 }, (_, i) => i + 1);

describe('kernel bad input', () => {
  it('encryption with Key1 = Key2 is refused; decryption with it is allowed', () => {
    const slot = kernel.loadKey(new Uint8Array(64).fill(7));
    const data = new Uint8Array(512).fill(1);
    expect(() => kernel.encryptSectors(slot, 0n, 512, data)).toThrow(/Key1 equals Key2/);
    expect(data.every((b) => b === 1)).toBe(true);
    expect(() => kernel.decryptSectors(slot, 0n, 512, data)).not.toThrow();
    kernel.releaseKey(slot);
  });

  it.each([0, 16, 31, 33, 48, 65, 128])('a %i-byte key is rejected with "key" expected 32 or 64 bytes', (n) => {
    expect(() => kernel.loadKey(new Uint8Array(n).map((_, i) => i))).toThrow(`"key" expected 32 or 64 bytes (Key1 ‖ Key2), got ${n}`);
  });

  it('units under 16 bytes or over 2^20 blocks are rejected before anything is written', () => {
    const slot = kernel.loadKey(key64());
    for (const size of [0, 1, 15]) {
      const data = new Uint8Array(15 * 2).fill(9);
      expect(() => kernel.encryptUnits(slot, 0n, size, data)).toThrow(/"unitSize" expected/);
      expect(data.every((b) => b === 9)).toBe(true);
    }
    const big = (16 << 20) + 16;
    expect(() => kernel.encryptUnits(slot, 0n, big, new Uint8Array(big))).toThrow(/"unitSize" expected an integer from 16 bytes to 2\^20 blocks/);
    kernel.releaseKey(slot);
  });

  it('buffers that are not a whole number of sectors, and sector sizes other than 512/4096, are rejected', () => {
    const slot = kernel.loadKey(key64());
    const data = new Uint8Array(700).fill(3);
    expect(() => kernel.encryptSectors(slot, 0n, 512, data)).toThrow('"data" expected a whole number of 512-byte units, got 700 bytes');
    expect(() => kernel.encryptSectors(slot, 0n, 1024, new Uint8Array(1024))).toThrow('"sectorSize" expected 512 or 4096, got 1024');
    expect(data.every((b) => b === 3)).toBe(true);
    kernel.releaseKey(slot);
  });

  it('negative, non-bigint and over-2^128 unit numbers are rejected', () => {
    const slot = kernel.loadKey(key64());
    const data = new Uint8Array(512);
    expect(() => kernel.encryptSectors(slot, -1n, 512, data)).toThrow(/"firstUnit" expected a bigint/);
    expect(() => kernel.encryptSectors(slot, 1 as unknown as bigint, 512, data)).toThrow(/"firstUnit" expected a bigint/);
    expect(() => kernel.encryptSectors(slot, (1n << 128n) - 1n, 512, new Uint8Array(1024))).toThrow(/overflows 2\^128/);
    kernel.releaseKey(slot);
  });

  it('a released or never-loaded slot is refused', () => {
    const slot = kernel.loadKey(key64());
    kernel.releaseKey(slot);
    expect(() => kernel.encryptSectors(slot, 0n, 512, new Uint8Array(512))).toThrow(/is not a loaded key/);
    expect(() => kernel.decryptSectors(12345, 0n, 512, new Uint8Array(512))).toThrow(/is not a loaded key/);
  });

  it('releasing a key zeroes its key schedules in wasm memory (T-33)', () => {
    const slot = kernel.loadKey(key64());
    expect(kernel.slotBytesForTest!(slot).some((b) => b !== 0)).toBe(true);
    kernel.releaseKey(slot);
    expect(kernel.slotBytesForTest!(slot).every((b) => b === 0)).toBe(true);
  });
});
