// AES key expansion (FIPS-197 §5.2) for 128- and 256-bit keys, constant-time: SubWord goes through
// the bitsliced S-box circuit (no table). Round keys are then stored pre-bitsliced and permuted for
// the generated AES: register i of round r has lane q = 0xFF where bit i of key byte KEY_LANES[r][q] is set.
import { KEY_LANES, sboxBytes } from './aes-bitsliced.generated';

/** Scratch for the expanded key words (at most 60 words) and SubWord; zeroed after every expansion. */
const WORDS: usize = memory.data(240, 16);
const SUB: usize = memory.data(16, 16);

@inline function subWord(w: u32): u32 {
  store<u32>(SUB, w);
  sboxBytes(SUB);
  return load<u32>(SUB);
}

/** Expands the key at `key` (16 or 32 bytes) into bitsliced round keys at `rk`, with the S-box
 *  constant 0x63 folded into rounds 1…Nr (see aes-bitsliced.generated.ts). Returns the round count. */
export function expandKey(key: usize, keyBytes: i32, rk: usize): i32 {
  const nk = keyBytes >> 2;
  const rounds = nk + 6;
  const total = (rounds + 1) << 2;
  for (let i = 0; i < nk; i++) store<u32>(WORDS + (<usize>i << 2), load<u32>(key + (<usize>i << 2)));
  let rcon: u32 = 1;
  for (let i = nk; i < total; i++) {
    let t = load<u32>(WORDS + (<usize>(i - 1) << 2));
    // i, nk and the round constant are public: these branches do not depend on the key.
    if (i % nk == 0) {
      t = subWord(rotr<u32>(t, 8)) ^ rcon;
      rcon = (rcon << 1) ^ (0x11b & -(rcon >> 7));
    } else if (nk > 6 && i % nk == 4) {
      t = subWord(t);
    }
    store<u32>(WORDS + (<usize>i << 2), load<u32>(WORDS + (<usize>(i - nk) << 2)) ^ t);
  }
  for (let r = 0; r <= rounds; r++) {
    let v = v128.load(WORDS + (<usize>r << 4));
    if (r > 0) v = v128.xor(v, i8x16.splat(0x63));
    v = i8x16.swizzle(v, v128.load(KEY_LANES)); // the registers' row-major byte order
    const out = rk + (<usize>r << 7);
    for (let i = 0; i < 8; i++) {
      const one: i32 = 1 << i;
      const bit = i8x16.splat(<i8>one);
      v128.store(out + (<usize>i << 4), i8x16.eq(v128.and(v, bit), bit));
    }
  }
  memory.fill(WORDS, 0, 240);
  memory.fill(SUB, 0, 16);
  return rounds;
}
