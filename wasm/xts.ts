// XTS-AES (IEEE Std 1619-2007 / NIST SP 800-38E) over the bitsliced AES in aes-bitsliced.generated.ts:
// runs of consecutive data units with ciphertext stealing, 128-bit little-endian unit numbers as
// tweaks. The ABI (exports, staging buffers, error codes) is documented in wasm/README.md.
import { decrypt8, encrypt8 } from './aes-bitsliced.generated';
import { expandKey } from './key-schedule';

export const MAX_SLOTS: i32 = 128;
/** Per slot: [rounds u32, flags u32, 8 bytes pad] + key1 round keys + key2 round keys (15×128 each). */
export const SLOT_BYTES: i32 = 16 + 2 * 1920;
const FLAG_LOADED: u32 = 1;
const FLAG_DECRYPT_ONLY: u32 = 2;

export const OK: i32 = 0;
export const E_SLOT: i32 = 1; // slot number out of range
export const E_KEY_LENGTH: i32 = 2; // key is not 32 or 64 bytes
export const E_EQUAL_HALVES: i32 = 3; // encryption refused: Key1 = Key2
export const E_NOT_LOADED: i32 = 4; // slot holds no key
export const E_UNIT_SIZE: i32 = 5; // unit outside 16 B … 2^20 blocks
export const E_CAPACITY: i32 = 6; // the staged data exceeds the reserved capacity
export const E_MEMORY: i32 = 7; // memory.grow failed

const KEY_IN: usize = memory.data(64, 16);
const SLOTS: usize = memory.data(MAX_SLOTS * SLOT_BYTES, 16);
const TWEAKS: usize = memory.data(128, 16); // unit tweaks, encrypted in place with key2
const LANE_T: usize = memory.data(128, 16); // per-block tweaks of one 8-block batch
const PAD: usize = memory.data(128, 16); // a partial batch
const ZEROS: usize = memory.data(128, 16);
const DATA: usize = (__heap_base + 15) & ~15;
let capacity: usize = 0;

/** Where the caller writes Key1 ‖ Key2 before loadKey (64 bytes; zeroed by loadKey). */
export function keyInput(): usize { return KEY_IN; }
/** Where the caller stages data units; `reserve` first. */
export function dataInput(): usize { return DATA; }
/** Address of a slot's schedules, for the test that checks release zeroes them. */
export function slotAddress(slot: i32): usize { return SLOTS + <usize>slot * SLOT_BYTES; }

/** Makes the staging area at least `bytes` long. */
export function reserve(bytes: i32): i32 {
  const end = DATA + <usize>bytes;
  const have = <usize>memory.size() << 16;
  if (end > have && memory.grow(<i32>((end - have + 0xffff) >> 16)) < 0) return E_MEMORY;
  if (<usize>bytes > capacity) capacity = bytes;
  return OK;
}

export function loadKey(slot: i32, keyBytes: i32): i32 {
  if (<u32>slot >= <u32>MAX_SLOTS) return E_SLOT;
  if (keyBytes != 32 && keyBytes != 64) { memory.fill(KEY_IN, 0, 64); return E_KEY_LENGTH; }
  const base = slotAddress(slot);
  const half = keyBytes >> 1;
  let diff: u8 = 0;
  for (let i = 0; i < half; i++) diff |= load<u8>(KEY_IN + i) ^ load<u8>(KEY_IN + half + i);
  const rounds = expandKey(KEY_IN, half, base + 16);
  expandKey(KEY_IN + half, half, base + 16 + 1920);
  memory.fill(KEY_IN, 0, 64);
  store<u32>(base, rounds);
  store<u32>(base + 4, FLAG_LOADED | (diff == 0 ? FLAG_DECRYPT_ONLY : 0));
  return OK;
}

export function releaseKey(slot: i32): i32 {
  if (<u32>slot >= <u32>MAX_SLOTS) return E_SLOT;
  memory.fill(slotAddress(slot), 0, SLOT_BYTES);
  return OK;
}

/** T·α in GF(2^128), little-endian (IEEE 1619 §5.2), branch-free. */
@inline function mulAlpha(t: v128): v128 {
  const carry = i64x2.shr_s(t, 63);
  const swapped = i8x16.shuffle(carry, carry, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7);
  return v128.xor(i64x2.shl(t, 1), v128.and(swapped, i64x2(0x87, 1)));
}

/** 8 blocks through AES in the given direction (public, as is the round count). */
@inline function cipher8(p: usize, tw: usize, rk: usize, rounds: i32, isDecrypt: bool): void {
  if (isDecrypt) decrypt8(p, tw, rk, rounds);
  else encrypt8(p, tw, rk, rounds);
}

/** One data unit at p (n bytes, n ≥ 16) whose encrypted tweak is t. */
function unit(p: usize, n: i32, t: v128, rk: usize, rounds: i32, isDecrypt: bool): void {
  const tail = n & 15;
  let blocks = (n >> 4) - (tail != 0 ? 1 : 0);
  while (blocks >= 8) {
    for (let i = 0; i < 8; i++) { v128.store(LANE_T + (<usize>i << 4), t); t = mulAlpha(t); }
    cipher8(p, LANE_T, rk, rounds, isDecrypt);
    p += 128;
    blocks -= 8;
  }
  if (blocks > 0) {
    const bytes = <usize>blocks << 4;
    memory.copy(PAD, p, bytes);
    for (let i = 0; i < blocks; i++) { v128.store(LANE_T + (<usize>i << 4), t); t = mulAlpha(t); }
    cipher8(PAD, LANE_T, rk, rounds, isDecrypt);
    memory.copy(p, PAD, bytes);
    p += bytes;
  }
  if (tail == 0) return;
  // Ciphertext stealing (IEEE 1619 §5.3.2 / §5.4.2): the last full block uses T_m on encryption
  // and T_(m+1) on decryption; the partial block's bytes swap with the head of that result.
  const tNext = mulAlpha(t);
  v128.store(LANE_T, isDecrypt ? tNext : t);
  v128.store(PAD, v128.load(p));
  cipher8(PAD, LANE_T, rk, rounds, isDecrypt);
  const cc = v128.load(PAD);
  memory.copy(PAD, p + 16, <usize>tail); // PP = partial input ‖ tail of CC
  v128.store(PAD + 16, cc);
  memory.copy(p + 16, PAD + 16, <usize>tail); // the partial output block = head of CC
  v128.store(LANE_T, isDecrypt ? t : tNext);
  cipher8(PAD, LANE_T, rk, rounds, isDecrypt);
  v128.store(p, v128.load(PAD));
}

/** Encrypts (isDecrypt = 0) or decrypts `count` consecutive units of `unitSize` bytes staged at
 *  dataInput(), in place; unit u has tweak (unitHi:unitLo) + u as a 128-bit little-endian number. */
export function xts(slot: i32, isDecrypt: bool, unitLo: u64, unitHi: u64, unitSize: i32, count: i32): i32 {
  if (<u32>slot >= <u32>MAX_SLOTS) return E_SLOT;
  if (unitSize < 16 || unitSize > (16 << 20)) return E_UNIT_SIZE;
  if (<u64>unitSize * <u64>count > <u64>capacity) return E_CAPACITY;
  const base = slotAddress(slot);
  const flags = load<u32>(base + 4);
  if ((flags & FLAG_LOADED) == 0) return E_NOT_LOADED;
  if (!isDecrypt && (flags & FLAG_DECRYPT_ONLY) != 0) return E_EQUAL_HALVES;
  const rounds = <i32>load<u32>(base);
  const rk1 = base + 16;
  const rk2 = base + 16 + 1920;
  let p = DATA;
  let lo = unitLo, hi = unitHi;
  for (let u = 0; u < count; u += 8) {
    for (let i = 0; i < 8; i++) {
      store<u64>(TWEAKS + (<usize>i << 4), lo);
      store<u64>(TWEAKS + (<usize>i << 4) + 8, hi);
      lo += 1;
      if (lo == 0) hi += 1; // unit numbers are public
    }
    encrypt8(TWEAKS, ZEROS, rk2, rounds);
    const n = min(8, count - u);
    for (let i = 0; i < n; i++) {
      unit(p, unitSize, v128.load(TWEAKS + (<usize>i << 4)), rk1, rounds, isDecrypt);
      p += <usize>unitSize;
    }
  }
  // Tweak values of the run are not secret (unit numbers), but the encrypted tweaks are: clear them.
  memory.fill(TWEAKS, 0, 128);
  memory.fill(LANE_T, 0, 128);
  memory.fill(PAD, 0, 128);
  return OK;
}
