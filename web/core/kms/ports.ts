// What the lab's KMS (../shared/spec/cloud-api.md §1) needs from outside: one store holding key
// metadata, key material (non-extractable CryptoKeys only) and import tokens, which commits a change
// together with its audit records; and a source of ids and random bytes. The browser adapter
// (IndexedDB, stores added to the schema later) keeps CryptoKeys as they are; tests use memory/.
import type { AuditRecord } from '../audit/types';

export type KeyState = 'Enabled' | 'Disabled' | 'PendingDeletion' | 'PendingImport';
export type KeyOrigin = 'Aliyun_KMS' | 'EXTERNAL';

export interface Tag {
  TagKey: string;
  TagValue: string;
}

/** A key's metadata; never any material. Times are lab epoch ms. */
export interface KeyRecord {
  keyId: string;
  accountId: string;
  regionId: string;
  keySpec: 'Aliyun_AES_256';
  keyUsage: 'ENCRYPT/DECRYPT';
  origin: KeyOrigin;
  protectionLevel: 'SOFTWARE';
  description: string;
  /** Account UID for CMKs, the service code ('Ecs') for a service key. */
  creator: string;
  isServiceKey: boolean;
  state: KeyState;
  createdMs: number;
  /** Set while PendingDeletion. */
  deleteMs?: number;
  isDeletionProtected: boolean;
  deletionProtectionDescription: string;
  isRotationEnabled: boolean;
  rotationIntervalSeconds?: number;
  lastRotationMs?: number;
  primaryVersionId: string;
  tags: Tag[];
  /** EXTERNAL keys: when the imported material expires (undefined = never). */
  materialExpireMs?: number;
  /** EXTERNAL keys: a known-answer ciphertext of the imported material (see kms-import.ts), so only
   *  the same material may be re-imported; undefined until the first import. */
  materialCheck?: string;
}

export interface VersionRecord {
  keyVersionId: string;
  keyId: string;
  createdMs: number;
}

export interface AliasRecord {
  accountId: string;
  regionId: string;
  aliasName: string;
  keyId: string;
}

export interface AliasRef {
  accountId: string;
  regionId: string;
  aliasName: string;
}

/** GetParametersForImport's token; the RSA private key is a material record with id `tokenId`. */
export interface ImportTokenRecord {
  tokenId: string;
  keyId: string;
  expireMs: number;
  wrappingAlgorithm: 'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256';
  wrappingKeySpec: 'RSA_2048';
  /** Base64 DER (SPKI) of the public key: public, safe to keep. */
  publicKey: string;
}

/** Key material: a non-extractable CryptoKey under an id (a key version id, or an import token id). */
export interface MaterialRecord {
  id: string;
  key: CryptoKey;
}

/** One atomic change: all of it lands (with its audit records), or none of it. */
export interface KmsChange {
  putKeys?: KeyRecord[];
  deleteKeys?: string[];
  putVersions?: VersionRecord[];
  deleteVersions?: string[];
  putAliases?: AliasRecord[];
  deleteAliases?: AliasRef[];
  putTokens?: ImportTokenRecord[];
  deleteTokens?: string[];
  putMaterial?: MaterialRecord[];
  deleteMaterial?: string[];
}

export interface KmsStore {
  getKey(keyId: string): Promise<KeyRecord | undefined>;
  /** Keys of one account and region, oldest first. */
  listKeys(accountId: string, regionId: string): Promise<KeyRecord[]>;
  /** Every key of every account and region (due processing: rotation, deletion, expiry). */
  listAllKeys(): Promise<KeyRecord[]>;
  getVersion(keyVersionId: string): Promise<VersionRecord | undefined>;
  /** Versions of one key, oldest first. */
  listVersions(keyId: string): Promise<VersionRecord[]>;
  getAlias(ref: AliasRef): Promise<AliasRecord | undefined>;
  /** Aliases of one account and region, sorted by name. */
  listAliases(accountId: string, regionId: string): Promise<AliasRecord[]>;
  getToken(tokenId: string): Promise<ImportTokenRecord | undefined>;
  listTokens(): Promise<ImportTokenRecord[]>;
  getMaterial(id: string): Promise<CryptoKey | undefined>;
  /** Applies `change` and appends `audit` in one transaction; throws AuditConflict (writing nothing)
   *  unless audit[0] follows the audit store's head. Records are copied; CryptoKeys stored as they are. */
  commit(change: KmsChange, audit: AuditRecord[]): Promise<void>;
  /** Lab Reset: everything, material included. */
  clear(): Promise<void>;
}

/** Ids and random bytes. The default uses WebCrypto; tests pass a seeded one. */
export interface RandomPort {
  /** A random (v4) UUID, lowercase. */
  uuid(): string;
  /** Fills `bytes` with random bytes and returns it. */
  fill<T extends Uint8Array>(bytes: T): T;
}

export const webCryptoRandom: RandomPort = {
  uuid: () => crypto.randomUUID(),
  fill: <T extends Uint8Array>(bytes: T): T => crypto.getRandomValues(bytes as Uint8Array<ArrayBuffer>) as T,
};
