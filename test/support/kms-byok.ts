// BYOK helpers for tests: wrap key material with the public key of GetParametersForImport (RSA-OAEP,
// as a customer would with openssl) and import it.
import type { KmsLab } from './kms-harness';

export async function wrapForImport(publicKeyB64: string, material: Uint8Array, hash: 'SHA-1' | 'SHA-256'): Promise<string> {
  const der = Uint8Array.from(atob(publicKeyB64), (c) => c.charCodeAt(0));
  const publicKey = await crypto.subtle.importKey('spki', der, { name: 'RSA-OAEP', hash }, false, ['encrypt']);
  const wrapped = new Uint8Array(await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, publicKey, material.slice()));
  return btoa(String.fromCharCode(...wrapped));
}

export async function importMaterial(lab: KmsLab, keyId: string, material: Uint8Array, algorithm: 'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256' = 'RSAES_OAEP_SHA_256', extra: Record<string, unknown> = {}) {
  const params = await lab.kmsCall('GetParametersForImport', { KeyId: keyId, WrappingAlgorithm: algorithm, WrappingKeySpec: 'RSA_2048' });
  const hash = algorithm === 'RSAES_OAEP_SHA_1' ? 'SHA-1' : 'SHA-256';
  const EncryptedKeyMaterial = await wrapForImport(params.PublicKey as string, material, hash);
  return lab.kmsCall('ImportKeyMaterial', { KeyId: keyId, EncryptedKeyMaterial, ImportToken: params.ImportToken, ...extra });
}

export function material(fillByte = 0x11, length = 32): Uint8Array {
  return new Uint8Array(length).map((_, i) => (fillByte + i * 7) & 0xff);
}
