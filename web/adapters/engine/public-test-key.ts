// Wraps a PUBLISHED test key (the IEEE 1619 vectors, random keys of the browser test harness) on the
// main thread, so known keys can enter the pool through its only door, loadWrappedKey. Never for data keys.
import type { WrappedDataKey } from '../../core/ports';

/** AES-256-GCM under a fresh non-extractable KEK: blob = 12-byte IV ‖ ciphertext ‖ 16-byte tag.
 *  These bytes are public test material, so holding them here breaks no rule of "Where secrets may
 *  live"; real data keys are generated or unwrapped inside the workers only. */
export async function wrapPublicTestKey(key: Uint8Array, aad: Uint8Array = new Uint8Array(0)): Promise<WrappedDataKey> {
  if (!(key instanceof Uint8Array) || (key.length !== 32 && key.length !== 64)) {
    throw new RangeError(`"key" expected 32 or 64 bytes, got ${key instanceof Uint8Array ? key.length : typeof key}`);
  }
  const kek = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad.slice() }, kek, key.slice()));
  const blob = new Uint8Array(iv.length + sealed.length);
  blob.set(iv, 0);
  blob.set(sealed, iv.length);
  return { kek, blob, aad: aad.slice() };
}
