// The browser side of bring-your-own-key (../shared/spec/cloud-api.md §1.9): generate 32 bytes of
// key material and wrap them with GetParametersForImport's public key (WebCrypto RSA-OAEP, SHA-1 or
// SHA-256, MGF1 with the same hash), and the openssl commands that do the same outside the browser.
// The material is zeroed as soon as it is wrapped and never shown: a person who wants to re-import
// it later generates it themselves with openssl.

export type WrappingAlgorithm = 'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256';

export const WRAPPING_ALGORITHMS: readonly WrappingAlgorithm[] = ['RSAES_OAEP_SHA_256', 'RSAES_OAEP_SHA_1'];

const HASH: Record<WrappingAlgorithm, 'SHA-1' | 'SHA-256'> = { RSAES_OAEP_SHA_1: 'SHA-1', RSAES_OAEP_SHA_256: 'SHA-256' };
const OPENSSL_MD: Record<WrappingAlgorithm, string> = { RSAES_OAEP_SHA_1: 'sha1', RSAES_OAEP_SHA_256: 'sha256' };

export const MATERIAL_BYTES = 32;

export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.trim());
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** True for text that is Base64 (standard alphabet, padded) of a non-empty value. */
export function isBase64(text: string): boolean {
  const t = text.trim();
  return t.length > 0 && t.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(t);
}

/** 32 fresh random bytes wrapped under `publicKeyBase64` (SPKI DER); returns the Base64 EncryptedKeyMaterial. */
export async function generateAndWrapMaterial(publicKeyBase64: string, algorithm: WrappingAlgorithm): Promise<string> {
  const publicKey = await crypto.subtle.importKey('spki', base64ToBytes(publicKeyBase64), { name: 'RSA-OAEP', hash: HASH[algorithm] }, false, ['encrypt']);
  const material = crypto.getRandomValues(new Uint8Array(MATERIAL_BYTES));
  try {
    return bytesToBase64(new Uint8Array(await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, publicKey, material)));
  } finally {
    material.fill(0);
  }
}

/** The public key as PEM (what `openssl pkeyutl -inkey` reads without -keyform). */
export function publicKeyPem(publicKeyBase64: string): string {
  const body = publicKeyBase64.trim().match(/.{1,64}/g)?.join('\n') ?? '';
  return `-----BEGIN PUBLIC KEY-----\n${body}\n-----END PUBLIC KEY-----\n`;
}

/** Shell commands that make key material and wrap it with the downloaded PublicKey.pem. */
export function opensslCommands(algorithm: WrappingAlgorithm): string {
  const md = OPENSSL_MD[algorithm];
  return [
    'openssl rand -out KeyMaterial.bin 32',
    'openssl pkeyutl -encrypt -pubin -inkey PublicKey.pem -in KeyMaterial.bin -out EncryptedKeyMaterial.bin \\',
    `  -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:${md} -pkeyopt rsa_mgf1_md:${md}`,
    'openssl base64 -A -in EncryptedKeyMaterial.bin',
  ].join('\n');
}

/** KeyMaterialExpireUnix for "expires after `days` days of lab time" (0 = never). */
export function expireUnix(labNowIso: string, days: number | undefined): number {
  if (!days) return 0;
  return Math.floor(Date.parse(labNowIso) / 1000) + days * 86_400;
}
