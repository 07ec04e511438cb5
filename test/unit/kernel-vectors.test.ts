// The wasm XTS kernel against the IEEE 1619 known answers (both directions) and the tweak
// encoding of reliability case T-04.
import { createCipheriv } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { XtsKernel } from '../../web/adapters/engine/xts-types';
import { hex, loadTestKernel, readVectors, toHex, tweakToUnit, unitToTweak } from '../support/kernel-fixtures';

let kernel: XtsKernel;
beforeAll(async () => { kernel = await loadTestKernel(); });

describe('IEEE 1619 vectors', () => {
  for (const v of readVectors()) {
    if (!v.decryptOnly) {
      it(`${v.name}: encrypts to the published ciphertext`, () => {
        const slot = kernel.loadKey(hex(v.key));
        const data = hex(v.plaintext);
        kernel.encryptUnits(slot, tweakToUnit(hex(v.tweak)), data.length, data);
        kernel.releaseKey(slot);
        expect(toHex(data)).toBe(v.ciphertext);
      });
    }
    it(`${v.name}: decrypts to the published plaintext`, () => {
      const slot = kernel.loadKey(hex(v.key));
      const data = hex(v.ciphertext);
      kernel.decryptUnits(slot, tweakToUnit(hex(v.tweak)), data.length, data);
      kernel.releaseKey(slot);
      expect(toHex(data)).toBe(v.plaintext);
    });
  }
});

describe('tweak encoding (T-04)', () => {
  it('the same 512-byte plaintext at sectors 0, 1, 255, 256, 2^32, 2^40 gives six different ciphertexts, each equal to node:crypto', () => {
    const key = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37 + 11) & 0xff));
    const slot = kernel.loadKey(key);
    const plain = Buffer.alloc(512, 0x41);
    const seen = new Set<string>();
    for (const sector of [0n, 1n, 255n, 256n, 1n << 32n, 1n << 40n]) {
      const data = Uint8Array.from(plain);
      kernel.encryptSectors(slot, sector, 512, data);
      const c = createCipheriv('aes-256-xts', key, unitToTweak(sector));
      expect(toHex(data)).toBe(Buffer.concat([c.update(plain), c.final()]).toString('hex'));
      seen.add(toHex(data));
    }
    expect(seen.size).toBe(6);
    kernel.releaseKey(slot);
  });

  it('a run whose unit numbers cross 2^64 carries into the high half of the tweak', () => {
    const key = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 91 + 3) & 0xff));
    const slot = kernel.loadKey(key);
    const first = (1n << 64n) - 2n;
    const data = new Uint8Array(4 * 512).map((_, i) => i & 0xff);
    const plain = Buffer.from(data);
    kernel.encryptSectors(slot, first, 512, data);
    for (let u = 0; u < 4; u++) {
      const c = createCipheriv('aes-256-xts', key, unitToTweak(first + BigInt(u)));
      const want = Buffer.concat([c.update(plain.subarray(u * 512, (u + 1) * 512)), c.final()]);
      expect(toHex(data.subarray(u * 512, (u + 1) * 512))).toBe(want.toString('hex'));
    }
    kernel.releaseKey(slot);
  });
});
