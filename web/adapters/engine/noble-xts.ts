// XTS-AES (IEEE 1619 / SP 800-38E, with ciphertext stealing) on @noble/ciphers' audited AES core:
// the pure-JS peer the benchmark compares our wasm kernel with, and a second oracle in tests. It
// uses noble's block functions (`unsafe.encrypt/decrypt` over pre-expanded keys) — the fastest way
// to drive noble's AES, since its public ECB re-expands the key on every call. Table-based, so not
// constant-time like our kernel; never used for disks.
import { unsafe } from '@noble/ciphers/aes.js';
import type { KeySlot, XtsKernel } from './xts-types';
import { checkKeyBytes, checkSectorSize, checkUnits, equalHalvesError, halvesEqual } from './xts-checks';

interface NobleKey { enc1: Uint32Array; dec1: Uint32Array; enc2: Uint32Array; isDecryptOnly: boolean }
type Block = { s0: number; s1: number; s2: number; s3: number };
type BlockFn = (xk: Uint32Array, s0: number, s1: number, s2: number, s3: number) => Block;

const encryptBlock = unsafe.encrypt as BlockFn;
const decryptBlock = unsafe.decrypt as BlockFn;

function tweakWords(unit: bigint): Uint32Array {
  const t = new Uint32Array(4);
  for (let i = 0; i < 4; i++) { t[i] = Number(unit & 0xffffffffn); unit >>= 32n; }
  return t;
}

/** T := T·α in GF(2^128) on little-endian 32-bit words (IEEE 1619 §5.2). */
function mulAlpha(t: Uint32Array): void {
  const carry = t[3] >>> 31;
  t[3] = (t[3] << 1) | (t[2] >>> 31);
  t[2] = (t[2] << 1) | (t[1] >>> 31);
  t[1] = (t[1] << 1) | (t[0] >>> 31);
  t[0] = (t[0] << 1) ^ (0x87 & -carry);
}

/** One block at word offset o of w: w ← F(w ⊕ t) ⊕ t. */
function block(f: BlockFn, xk: Uint32Array, w: Uint32Array, o: number, t: Uint32Array): void {
  const r = f(xk, w[o] ^ t[0], w[o + 1] ^ t[1], w[o + 2] ^ t[2], w[o + 3] ^ t[3]);
  w[o] = r.s0 ^ t[0]; w[o + 1] = r.s1 ^ t[1]; w[o + 2] = r.s2 ^ t[2]; w[o + 3] = r.s3 ^ t[3];
}

function unit(k: NobleKey, tweak: bigint, d: Uint8Array, isEncrypt: boolean): void {
  const f = isEncrypt ? encryptBlock : decryptBlock;
  const xk = isEncrypt ? k.enc1 : k.dec1;
  const t = tweakWords(tweak);
  const e = encryptBlock(k.enc2, t[0], t[1], t[2], t[3]);
  t[0] = e.s0; t[1] = e.s1; t[2] = e.s2; t[3] = e.s3;
  const n = d.length, tail = n & 15, full = n >> 4;
  const m = tail ? full - 1 : full;
  // noble's words are little-endian reads of the bytes; copy when the view is not 4-byte aligned.
  const isAligned = (d.byteOffset & 3) === 0;
  const bytes = isAligned ? d : d.slice();
  const w = new Uint32Array(bytes.buffer, bytes.byteOffset, full * 4);
  for (let j = 0; j < m; j++) { block(f, xk, w, 4 * j, t); mulAlpha(t); }
  if (tail) {
    // Ciphertext stealing: encryption uses T_m then T_(m+1); decryption the other way round.
    const tm = t.slice();
    const tn = t.slice(); mulAlpha(tn);
    const last = new Uint32Array(4);
    const lastBytes = new Uint8Array(last.buffer);
    lastBytes.set(bytes.subarray(16 * m, 16 * m + 16));
    block(f, xk, last, 0, isEncrypt ? tm : tn);
    const pp = new Uint8Array(16);
    pp.set(bytes.subarray(16 * m + 16, n), 0);
    pp.set(lastBytes.subarray(tail), tail);
    bytes.set(lastBytes.subarray(0, tail), 16 * m + 16);
    const ppw = new Uint32Array(pp.buffer);
    block(f, xk, ppw, 0, isEncrypt ? tn : tm);
    bytes.set(pp, 16 * m);
  }
  if (!isAligned) d.set(bytes);
}

export function createNobleXts(): XtsKernel {
  const slots = new Map<number, NobleKey>();
  let next = 1;

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
      slots.set(next, {
        enc1: unsafe.expandKeyLE(key.subarray(0, half)),
        dec1: unsafe.expandKeyDecLE(key.subarray(0, half)),
        enc2: unsafe.expandKeyLE(key.subarray(half)),
        isDecryptOnly: halvesEqual(key),
      });
      return next++;
    },
    releaseKey(slot) {
      const k = slots.get(slot);
      if (!k) return;
      k.enc1.fill(0); k.dec1.fill(0); k.enc2.fill(0);
      slots.delete(slot);
    },
    encryptUnits: (s, f, u, d) => run(s, f, u, d, true),
    decryptUnits: (s, f, u, d) => run(s, f, u, d, false),
    encryptSectors(s, f, size, d) { checkSectorSize(size); run(s, f, size, d, true); },
    decryptSectors(s, f, size, d) { checkSectorSize(size); run(s, f, size, d, false); },
  };
}
