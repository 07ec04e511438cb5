// XTS-AES (IEEE 1619 / SP 800-38E, with ciphertext stealing) built on @noble/ciphers' audited
// AES-ECB: the pure-JS peer the benchmark compares our wasm kernel with, and a second oracle in
// browser tests. Not constant-time in the sense of our kernel (noble uses tables); never used for disks.
import { ecb } from '@noble/ciphers/aes.js';
import type { KeySlot, XtsKernel } from './xts-types';
import { checkKeyBytes, checkSectorSize, checkUnits, equalHalvesError, halvesEqual } from './xts-checks';

// noble's ECB objects are single-use and expand the key on every call, so each call builds one.
interface NobleKey { k1: Uint8Array; k2: Uint8Array; isDecryptOnly: boolean; raw: Uint8Array }
const opts = { disablePadding: true };

/** T := T·α in GF(2^128), little-endian (IEEE 1619 §5.2). */
function mulAlpha(t: Uint8Array, o: number): void {
  let carry = 0;
  for (let i = 0; i < 16; i++) {
    const b = t[o + i];
    t[o + i] = ((b << 1) | carry) & 0xff;
    carry = b >>> 7;
  }
  t[o] ^= 0x87 & -carry;
}

function tweakBytes(unit: bigint): Uint8Array {
  const t = new Uint8Array(16);
  for (let i = 0; i < 16; i++) { t[i] = Number(unit & 0xffn); unit >>= 8n; }
  return t;
}

export function createNobleXts(): XtsKernel {
  const slots = new Map<number, NobleKey>();
  let next = 1;

  function unit(k: NobleKey, tweak: bigint, d: Uint8Array, isEncrypt: boolean): void {
    const n = d.length, full = n >> 4, r = n & 15;
    const m = r ? full - 1 : full; // blocks handled by the plain loop
    const ts = new Uint8Array(16 * (full + 1));
    ts.set(ecb(k.k2, opts).encrypt(tweakBytes(tweak)), 0);
    for (let j = 1; j <= full; j++) { ts.copyWithin(16 * j, 16 * (j - 1), 16 * j); mulAlpha(ts, 16 * j); }
    const cipher = isEncrypt
      ? (x: Uint8Array) => ecb(k.k1, opts).encrypt(x)
      : (x: Uint8Array) => ecb(k.k1, opts).decrypt(x);
    if (m > 0) {
      const x = d.subarray(0, 16 * m);
      for (let i = 0; i < x.length; i++) x[i] ^= ts[i];
      const y = cipher(x);
      for (let i = 0; i < x.length; i++) x[i] = y[i] ^ ts[i];
    }
    if (!r) return;
    const o = 16 * m;
    // Ciphertext stealing: encryption uses T_m then T_(m+1); decryption swaps them.
    const tA = ts.subarray(16 * (isEncrypt ? m : m + 1), 16 * (isEncrypt ? m : m + 1) + 16);
    const tB = ts.subarray(16 * (isEncrypt ? m + 1 : m), 16 * (isEncrypt ? m + 1 : m) + 16);
    const cc = new Uint8Array(16);
    for (let i = 0; i < 16; i++) cc[i] = d[o + i] ^ tA[i];
    const y = cipher(cc);
    for (let i = 0; i < 16; i++) cc[i] = y[i] ^ tA[i];
    const pp = new Uint8Array(16);
    pp.set(d.subarray(o + 16, o + 16 + r), 0);
    pp.set(cc.subarray(r), r);
    d.set(cc.subarray(0, r), o + 16);
    for (let i = 0; i < 16; i++) pp[i] ^= tB[i];
    const z = cipher(pp);
    for (let i = 0; i < 16; i++) d[o + i] = z[i] ^ tB[i];
  }

  function run(slot: KeySlot, first: bigint, unitSize: number, data: Uint8Array, isEncrypt: boolean): void {
    const count = checkUnits(first, unitSize, data);
    const k = slots.get(slot);
    if (!k) throw new RangeError(`"slot" ${slot} is not a loaded key`);
    if (isEncrypt && k.isDecryptOnly) throw equalHalvesError();
    for (let u = 0; u < count; u++) unit(k, first + BigInt(u), data.subarray(u * unitSize, (u + 1) * unitSize), isEncrypt);
  }

  return {
    loadKey(key) {
      checkKeyBytes(key);
      const half = key.length >> 1;
      const raw = key.slice();
      const k: NobleKey = {
        k1: raw.subarray(0, half),
        k2: raw.subarray(half),
        isDecryptOnly: halvesEqual(key),
        raw,
      };
      slots.set(next, k);
      return next++;
    },
    releaseKey(slot) {
      const k = slots.get(slot);
      if (k) { k.raw.fill(0); slots.delete(slot); }
    },
    encryptUnits: (s, f, u, d) => run(s, f, u, d, true),
    decryptUnits: (s, f, u, d) => run(s, f, u, d, false),
    encryptSectors(s, f, size, d) { checkSectorSize(size); run(s, f, size, d, true); },
    decryptSectors(s, f, size, d) { checkSectorSize(size); run(s, f, size, d, false); },
  };
}
