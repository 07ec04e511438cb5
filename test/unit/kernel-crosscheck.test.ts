// 10,000+ random cross-checks of the wasm kernel against node:crypto (OpenSSL) aes-256-xts and
// aes-128-xts: random keys, unit numbers up to 2^63, unit lengths 16 B … 1 MiB including lengths
// that are not a multiple of 16, runs of several units, both directions. Seeded, so a failure repeats.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { XtsKernel } from '../../web/adapters/engine/xts-types';
import { loadTestKernel, toHex, unitToTweak } from '../support/kernel-fixtures';

let kernel: XtsKernel;
beforeAll(async () => { kernel = await loadTestKernel(); });

/** xorshift128+: deterministic, fast, good enough to pick test cases. */
function seeded(seed: number) {
  let a = BigInt(seed) | 1n, b = 0x9e3779b97f4a7c15n;
  const M = (1n << 64n) - 1n;
  const next64 = () => {
    let x = a; const y = b; a = y;
    x ^= (x << 23n) & M; x ^= x >> 17n; x ^= y ^ (y >> 26n); b = x;
    return (x + y) & M;
  };
  return {
    next64,
    int: (n: number) => Number(next64() % BigInt(n)),
    bytes(n: number) {
      const out = Buffer.alloc(n);
      for (let i = 0; i < n; i += 8) out.writeBigUInt64LE(next64(), Math.min(i, n - 8) < 0 ? 0 : Math.min(i, n - 8));
      return out;
    },
  };
}

function oracle(keyLen: number, isEncrypt: boolean, key: Buffer, unit: bigint, data: Buffer): Buffer {
  const alg = keyLen === 64 ? 'aes-256-xts' : 'aes-128-xts';
  const c = isEncrypt ? createCipheriv(alg, key, unitToTweak(unit)) : createDecipheriv(alg, key, unitToTweak(unit));
  return Buffer.concat([c.update(data), c.final()]);
}

/** Unit lengths: mostly small, some up to 1 MiB; a quarter not a multiple of 16. */
function pickLength(r: ReturnType<typeof seeded>): number {
  const band = r.int(100);
  const max = band < 70 ? 4096 : band < 95 ? 65536 : 1 << 20;
  let n = 16 + r.int(max - 15);
  if (r.int(4) !== 0) n = Math.max(16, n & ~15);
  return n;
}

describe('random cross-checks against node:crypto', () => {
  for (const keyLen of [64, 32]) {
    const cases = keyLen === 64 ? 7000 : 3000;
    it(`${cases} random aes-${keyLen * 4}-xts units agree in both directions`, () => {
      const r = seeded(keyLen);
      const failures: string[] = [];
      for (let i = 0; i < cases; i++) {
        let key = r.bytes(keyLen);
        while (key.subarray(0, keyLen / 2).equals(key.subarray(keyLen / 2))) key = r.bytes(keyLen);
        const unit = r.next64() >> BigInt(r.int(64) + 1); // 0 … 2^63-1, all magnitudes
        const len = pickLength(r);
        const plain = r.bytes(len);
        const slot = kernel.loadKey(key);
        const data = Uint8Array.from(plain);
        kernel.encryptUnits(slot, unit, len, data);
        const want = oracle(keyLen, true, key, unit, plain);
        if (!want.equals(data)) failures.push(`encrypt case ${i}: len ${len}, unit ${unit}`);
        kernel.decryptUnits(slot, unit, len, data);
        if (!plain.equals(data)) failures.push(`decrypt case ${i}: len ${len}, unit ${unit}`);
        kernel.releaseKey(slot);
        if (failures.length > 5) break;
      }
      expect(failures).toEqual([]);
    });
  }

  it('runs of consecutive 512- and 4096-byte sectors equal node:crypto sector by sector', () => {
    const r = seeded(7);
    for (let i = 0; i < 200; i++) {
      const key = r.bytes(64);
      const size = r.int(2) ? 512 : 4096;
      const count = 1 + r.int(40);
      const first = r.next64() >> 1n;
      const plain = r.bytes(size * count);
      const slot = kernel.loadKey(key);
      const data = Uint8Array.from(plain);
      kernel.encryptSectors(slot, first, size, data);
      for (let u = 0; u < count; u++) {
        const want = oracle(64, true, key, first + BigInt(u), plain.subarray(u * size, (u + 1) * size));
        expect(toHex(data.subarray(u * size, (u + 1) * size))).toBe(want.toString('hex'));
      }
      kernel.decryptSectors(slot, first, size, data);
      expect(Buffer.from(data).equals(plain)).toBe(true);
      kernel.releaseKey(slot);
    }
  });

  it('a unit of exactly 2^20 blocks (16 MiB) agrees with node:crypto', () => {
    const r = seeded(99);
    const key = r.bytes(64);
    const plain = r.bytes(16 << 20);
    const slot = kernel.loadKey(key);
    const data = Uint8Array.from(plain);
    kernel.encryptUnits(slot, 5n, data.length, data);
    expect(Buffer.from(data).equals(oracle(64, true, key, 5n, plain))).toBe(true);
    kernel.releaseKey(slot);
  });
});
