// The lab's CiphertextBlob format and EncryptionContext binding. The cloud's format is proprietary
// (../shared/spec/cloud-api.md §1.7), so this one is ours; Base64 of:
//   byte 0        format version (1)
//   bytes 1–36    key id, ASCII (lowercase GUID)
//   bytes 37–72   key version id, ASCII (lowercase GUID)
//   bytes 73–84   IV, 12 random bytes
//   bytes 85–     AES-256-GCM ciphertext ‖ 16-byte tag, under the key version's material
// Additional data (AAD) = bytes 0–72 (the header) ‖ UTF-8 of the canonical EncryptionContext.
// Canonical context: a JSON object of string values, keys sorted by UTF-16 code unit, no whitespace,
// JSON.stringify escaping; no context = "{}". Exact match: a differing key, value, case or extra pair
// fails; only the order of pairs does not matter. The part from byte 73 on is exactly the pool's
// wrapped-key blob (12-byte IV ‖ ciphertext ‖ tag), so ECS can unwrap it inside the workers.

export const BLOB_FORMAT_VERSION = 1;
export const ID_CHARS = 36;
export const HEADER_BYTES = 1 + ID_CHARS * 2;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function isGuid(text: string): boolean {
  return GUID.test(text);
}

export function isBase64(text: string): boolean {
  return BASE64.test(text);
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Strict Base64 (padding required); undefined when `text` is not Base64. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (!isBase64(text)) return undefined;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export type EncryptionContext = Record<string, string>;

export function canonicalContext(context: EncryptionContext | undefined): string {
  const keys = Object.keys(context ?? {}).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(context![k])}`).join(',')}}`;
}

export function blobHeader(keyId: string, keyVersionId: string): Uint8Array<ArrayBuffer> {
  if (!isGuid(keyId) || !isGuid(keyVersionId)) throw new TypeError(`"keyId"/"keyVersionId" expected lowercase GUIDs, got ${keyId} / ${keyVersionId}`);
  const header = new Uint8Array(HEADER_BYTES);
  header[0] = BLOB_FORMAT_VERSION;
  header.set(new TextEncoder().encode(keyId), 1);
  header.set(new TextEncoder().encode(keyVersionId), 1 + ID_CHARS);
  return header;
}

export function additionalData(header: Uint8Array, context: EncryptionContext | undefined): Uint8Array<ArrayBuffer> {
  const text = new TextEncoder().encode(canonicalContext(context));
  const aad = new Uint8Array(header.length + text.length);
  aad.set(header, 0);
  aad.set(text, header.length);
  return aad;
}

export function encodeBlob(header: Uint8Array, iv: Uint8Array, sealed: Uint8Array): string {
  const bytes = new Uint8Array(header.length + iv.length + sealed.length);
  bytes.set(header, 0);
  bytes.set(iv, header.length);
  bytes.set(sealed, header.length + iv.length);
  return toBase64(bytes);
}

export interface ParsedBlob {
  keyId: string;
  keyVersionId: string;
  header: Uint8Array<ArrayBuffer>;
  /** IV ‖ ciphertext ‖ tag: what SectorCipher.loadWrappedKey takes as `blob`. */
  wrapped: Uint8Array<ArrayBuffer>;
}

/** Parses a Base64 CiphertextBlob; returns the reason as a string when it is not one of ours. */
export function parseBlob(text: string): ParsedBlob | string {
  const bytes = fromBase64(text);
  if (!bytes) return 'expected Base64 text';
  if (bytes.length < HEADER_BYTES + IV_BYTES + TAG_BYTES) return `truncated: ${bytes.length} bytes, a lab CiphertextBlob has at least ${HEADER_BYTES + IV_BYTES + TAG_BYTES}`;
  if (bytes[0] !== BLOB_FORMAT_VERSION) return `unknown format version ${bytes[0]} (the lab writes version ${BLOB_FORMAT_VERSION}); not a lab CiphertextBlob`;
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const keyId = decoder.decode(bytes.subarray(1, 1 + ID_CHARS));
  const keyVersionId = decoder.decode(bytes.subarray(1 + ID_CHARS, HEADER_BYTES));
  if (!isGuid(keyId) || !isGuid(keyVersionId)) return 'the header names no key id and key version id; not a lab CiphertextBlob';
  return { keyId, keyVersionId, header: bytes.slice(0, HEADER_BYTES), wrapped: bytes.slice(HEADER_BYTES) };
}
