// What the console shows for a failed lab API call (issue 4 §1): the cloud's Code, HttpStatus,
// Message (English, as the cloud sends it) and RequestId, plus the key of an explanation in the
// reader's language. Read duck-typed: the API rejects with {Code, HttpStatus, Message, RequestId}.
import type { MessageKey } from '../../i18n/messages';

/** Codes the catalogue explains ("kms.error.<code>" in kms.en.ts and kms.ja.ts). */
export const EXPLAINED_CODES = [
  'Forbidden.KeyNotFound', 'Forbidden.AliasNotFound', 'Forbidden.NoPermission', 'Forbidden.KmsServiceNotEnabled',
  'MissingParameter', 'InvalidParameter', 'Rejected.LimitExceeded', 'AliasAlreadyExists', 'InvalidKeyMaterial',
  'InvalidImportToken', 'ExpiredImportToken', 'Unsupported.Origin', 'Unsupported.Alias', 'Rejected.StateModifiedFailed',
  'Rejected.Enabled', 'Rejected.Disabled', 'Rejected.PendingDeletion', 'Rejected.PendingImport', 'Throttling',
  'InternalFailure', 'InvalidAction.NotFound',
] as const;

export interface CloudErrorText {
  code: string;
  httpStatus?: number;
  /** The cloud's own message: English in both locales. */
  message: string;
  requestId?: string;
  explanationKey: MessageKey;
}

function field(object: Record<string, unknown>, ...names: string[]): unknown {
  for (const name of names) if (object[name] !== undefined && object[name] !== '') return object[name];
  return undefined;
}

export function describeCloudError(error: unknown): CloudErrorText {
  const object = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const code = field(object, 'Code', 'code');
  const status = field(object, 'HttpStatus', 'httpStatus');
  const message = field(object, 'Message', 'message');
  const requestId = field(object, 'RequestId', 'requestId');
  const text = typeof code === 'string' ? code : 'InternalFailure';
  return {
    code: text,
    httpStatus: typeof status === 'number' ? status : undefined,
    message: typeof message === 'string' ? message : String(error),
    requestId: typeof requestId === 'string' ? requestId : undefined,
    explanationKey: ((EXPLAINED_CODES as readonly string[]).includes(text) ? `kms.error.${text}` : 'kms.error.unknown') as MessageKey,
  };
}
