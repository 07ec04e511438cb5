// The @noble/ciphers-based XTS peer (benchmark baseline, browser oracle) is itself correct:
// IEEE 1619 vectors and random cross-checks against node:crypto, incl. ciphertext stealing and unaligned views.
import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createNobleXts } from '../../web/adapters/engine/noble-xts';
import { hex, readVectors, toHex, tweakToUnit, unitToTweak } from '../support/kernel-fixtures';

describe('noble-based XTS peer', () => {
  const x = createNobleXts();
  for (const v of readVectors()) {
    it(`${v.name} in both directions`, () => {
      const slot = x.loadKey(hex(v.key));
      const unit = tweakToUnit(hex(v.tweak));
      if (!v.decryptOnly) {
        const d = hex(v.plaintext);
        x.encryptUnits(slot, unit, d.length, d);
        expect(toHex(d)).toBe(v.ciphertext);
      }
      const d = hex(v.ciphertext);
      x.decryptUnits(slot, unit, d.length, d);
      expect(toHex(d)).toBe(v.plaintext);
      x.releaseKey(slot);
    });
  }

  it('agrees with node:crypto on 300 random units, some unaligned and not a multiple of 16', () => {
    for (let i = 0; i < 300; i++) {
      const key = randomBytes(64);
      const len = 16 + ((i * 7919) % 3000);
      const unit = BigInt(i) * 0x1000000001n;
      const plain = randomBytes(len);
      const backing = new Uint8Array(len + 1);
      const data = backing.subarray(i & 1, (i & 1) + len);
      data.set(plain);
      const slot = x.loadKey(key);
      x.encryptUnits(slot, unit, len, data);
      const c = createCipheriv('aes-256-xts', key, unitToTweak(unit));
      expect(toHex(data)).toBe(Buffer.concat([c.update(plain), c.final()]).toString('hex'));
      x.decryptUnits(slot, unit, len, data);
      expect(Buffer.from(data).equals(plain)).toBe(true);
      x.releaseKey(slot);
    }
  });
});
