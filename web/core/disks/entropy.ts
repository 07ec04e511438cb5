// Shannon entropy of stored bytes, in bits per byte (0 … 8), for the inspector's per-chunk chart:
// ciphertext reads ≈ 8, text and zeros far lower. H = −Σ p(b) log2 p(b) over the 256 byte values.

export function shannonEntropy(bytes: Uint8Array): number {
  if (bytes.length === 0) return 0;
  const counts = new Uint32Array(256);
  for (let i = 0; i < bytes.length; i++) counts[bytes[i]]++;
  let bits = 0;
  for (let v = 0; v < 256; v++) {
    const c = counts[v];
    if (c === 0) continue;
    const p = c / bytes.length;
    bits -= p * Math.log2(p);
  }
  // Rounding can leave −0 or 8.000000000000002: clamp to the defined range.
  return Math.min(8, Math.max(0, bits));
}
