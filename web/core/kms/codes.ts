// The KMS error codes of ../shared/spec/cloud-api.md §1.2 (HTTP status as documented), registered in
// the shared catalogue, and the table of cases where no document names the code: each uses the
// nearest documented code, with its own message, and is listed in KMS_INFERRED_CASES.
import { CloudError, defineCodes } from '../errors';
import '../api/codes';

defineCodes({
  'Forbidden.KeyNotFound': { httpStatus: 404, message: 'The specified Key is not found.' },
  'Forbidden.AliasNotFound': { httpStatus: 404, message: 'The specified Alias is not found.' },
  'Forbidden.NoPermission': { httpStatus: 403, message: 'This operation is forbidden by permission system.' },
  'Forbidden.KmsServiceNotEnabled': { httpStatus: 403, message: 'The KMS service is not enabled for this account in region {regionId}.' },
  'Rejected.LimitExceeded': { httpStatus: 400, message: 'The request is rejected because the resource quota is reached: {reason}.' },
  AliasAlreadyExists: { httpStatus: 400, message: 'The specified alias {aliasName} already exists.' },
  InvalidKeyMaterial: { httpStatus: 400, message: 'The imported key material is invalid: {reason}.' },
  InvalidImportToken: { httpStatus: 400, message: 'The specified ImportToken is invalid: {reason}.' },
  ExpiredImportToken: { httpStatus: 400, message: 'The specified ImportToken has expired.' },
  'Unsupported.Origin': { httpStatus: 400, message: 'This operation is not supported for a key whose Origin is {origin}.' },
  'Unsupported.Alias': { httpStatus: 400, message: 'The action {action} does not accept an alias as KeyId; give the key id.' },
  'Rejected.StateModifiedFailed': { httpStatus: 409, message: 'The request is rejected because the key state {state} cannot be changed this way.' },
  'Rejected.Enabled': { httpStatus: 409, message: 'The request is rejected because the key state is Enabled.' },
  'Rejected.Disabled': { httpStatus: 409, message: 'The request is rejected because the key state is Disabled.' },
  'Rejected.PendingDeletion': { httpStatus: 409, message: 'The request is rejected because the key state is PendingDeletion.' },
  'Rejected.PendingImport': { httpStatus: 409, message: 'The request is rejected because the key state is PendingImport.' },
  Throttling: { httpStatus: 400, message: 'The request was denied due to request throttling.' },
});

/** A case the documents do not name a code for: the code we chose, and why. */
export interface InferredCase {
  code: string;
  message: string;
  why: string;
}

export const KMS_INFERRED_CASES = {
  serviceKeyStateChange: {
    code: 'Rejected.StateModifiedFailed',
    message: 'The key {keyId} is a service key (alias/acs/ecs) managed by the cloud: it cannot be disabled or scheduled for deletion.',
    why: 'The docs say a service key cannot be disabled or deleted but name no code; the state transition is refused, so the state-table code.',
  },
  serviceKeyManagement: {
    code: 'Forbidden.NoPermission',
    message: 'The key {keyId} is a service key managed by the cloud: {what} is not allowed.',
    why: 'Service keys have no lifecycle management (rotation, deletion protection); no code documented, so the permission code.',
  },
  deletionProtected: {
    code: 'Rejected.StateModifiedFailed',
    message: 'The key {keyId} has deletion protection enabled: disable it (SetDeletionProtection) before scheduling deletion.',
    why: 'Deletion protection blocks the move to PendingDeletion; no code documented (cloud-api.md §1.5 UNCONFIRMED).',
  },
  reservedAlias: {
    code: 'InvalidParameter',
    message: 'The parameter "AliasName" is not valid: the prefix alias/acs/ is reserved for service keys.',
    why: 'cloud-api.md §1.6: reserved alias/acs/ names, inference InvalidParameter.',
  },
  invalidCiphertext: {
    code: 'InvalidParameter',
    message: 'The parameter "CiphertextBlob" is not valid: {reason}.',
    why: 'A malformed, truncated or foreign CiphertextBlob has no documented code.',
  },
  decryptFailed: {
    code: 'InvalidParameter',
    message: 'The CiphertextBlob cannot be decrypted with this EncryptionContext: the context differs from the one used to encrypt, or the blob was altered.',
    why: 'AES-GCM cannot tell a wrong context from a tampered blob; no documented code.',
  },
  rotationForExternal: {
    code: 'Unsupported.Origin',
    message: 'Automatic rotation and new key versions are not supported for a key whose Origin is EXTERNAL.',
    why: 'cloud-api.md §1.3: rotation unavailable for EXTERNAL keys; nearest documented code for an origin mismatch.',
  },
  rotationWhilePendingDeletion: {
    code: 'Rejected.PendingDeletion',
    message: 'The request is rejected because the key state is PendingDeletion.',
    why: 'UpdateRotationPolicy and CreateKeyVersion are not in the §1.1 table; like UpdateKeyDescription, refused while PendingDeletion.',
  },
  versionNotEnabled: {
    code: 'Rejected.StateModifiedFailed',
    message: 'A new key version can be created only for an Enabled key; the key state is {state}.',
    why: 'cloud-api.md §1.8: CreateKeyVersion needs an Enabled key; no code documented for other states.',
  },
  versionNotFound: {
    code: 'Forbidden.KeyNotFound',
    message: 'The specified key version {keyVersionId} is not found for key {keyId}.',
    why: 'DescribeKeyVersion is UNCONFIRMED in cloud-api.md §1.8; the not-found code of keys.',
  },
  regionWithoutCmk: {
    code: 'Forbidden.KmsServiceNotEnabled',
    message: 'Customer master keys are not available in region {regionId} (service key only).',
    why: 'product.md: no CMKs in cn-fuzhou and ap-southeast-7; no KMS code documented, nearest is "KMS not enabled".',
  },
  tooManyTags: {
    code: 'Rejected.LimitExceeded',
    message: 'The request is rejected because the resource quota is reached: a key has at most 20 tags.',
    why: 'cloud-api.md §1.3: max 20 tags; no code documented for exceeding it.',
  },
  unsupportedWrapping: {
    code: 'InvalidParameter',
    message: 'The parameter "{name}" is not valid: {value} is not supported by the lab (RSA_2048 with RSAES_OAEP_SHA_1 or RSAES_OAEP_SHA_256 only).',
    why: 'RSAES_PKCS1_V1_5 and EC_SM2/SM2PKE are real options the lab cannot do in WebCrypto.',
  },
} satisfies Record<string, InferredCase>;

export type KmsInferredCase = keyof typeof KMS_INFERRED_CASES;

export function kmsError(code: string, params: Record<string, string | number> = {}, action?: string): CloudError {
  return new CloudError(code, { params, action });
}

export function inferredError(which: KmsInferredCase, params: Record<string, string | number> = {}): CloudError {
  const info: InferredCase = KMS_INFERRED_CASES[which];
  const message = info.message.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
  return new CloudError(info.code, { message, params });
}
