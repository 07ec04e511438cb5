// node:crypto (OpenSSL) as the XTS oracle, plus the wrapping helpers tests need: sector tweak =
// the sector number as a 128-bit little-endian integer (IEEE 1619), one cipher call per sector.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export const IV_BYTES = 12;

export function tweakOf(sector: bigint): Buffer {
  const t = Buffer.alloc(16);
  for (let i = 0; i < 16; i++) { t[i] = Number(sector & 0xffn); sector >>= 8n; }
  return t;
}

export function oracleXts(isEncrypt: boolean, key: Uint8Array, firstSector: bigint, sectorSize: number, data: Uint8Array): Uint8Array {
  const algorithm = key.length === 64 ? 'aes-256-xts' : 'aes-128-xts';
  const out = new Uint8Array(data.length);
  for (let o = 0, s = firstSector; o < data.length; o += sectorSize, s++) {
    const c = isEncrypt ? createCipheriv(algorithm, key, tweakOf(s)) : createDecipheriv(algorithm, key, tweakOf(s));
    out.set(Buffer.concat([c.update(data.subarray(o, o + sectorSize)), c.final()]), o);
  }
  return out;
}

export async function newKek(): Promise<CryptoKey> {
  // Non-extractable, as the KMS holds them; tests may still decrypt blobs with it to check them.
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

export async function wrapKey(kek: CryptoKey, key: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
  const iv = new Uint8Array(randomBytes(IV_BYTES));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad.slice() }, kek, key.slice()));
  const blob = new Uint8Array(IV_BYTES + sealed.length);
  blob.set(iv);
  blob.set(sealed, IV_BYTES);
  return blob;
}

export async function unwrapKey(kek: CryptoKey, blob: Uint8Array, aad: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: blob.slice(0, IV_BYTES), additionalData: aad.slice() }, kek, blob.slice(IV_BYTES)));
}

/** Random plaintext cut into segments of the given sizes (fresh ArrayBuffers). */
export function segmentsOf(sizes: number[]): { buffers: ArrayBuffer[]; plain: Uint8Array } {
  const plain = new Uint8Array(randomBytes(sizes.reduce((a, b) => a + b, 0)));
  let o = 0;
  const buffers = sizes.map((n) => { const b = plain.slice(o, o + n).buffer; o += n; return b; });
  return { buffers, plain };
}

export function concat(buffers: ArrayBuffer[]): Uint8Array {
  const out = new Uint8Array(buffers.reduce((a, b) => a + b.byteLength, 0));
  let o = 0;
  for (const b of buffers) { out.set(new Uint8Array(b), o); o += b.byteLength; }
  return out;
}
