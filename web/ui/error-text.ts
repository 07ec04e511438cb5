// What the UI shows for a failed call: the cloud's error code and a message in the reader's
// language when the catalogue has one, else the error's own (English) message. Errors are read
// duck-typed by `code` (house style): they cross workers and realms.
import type { MessageKey } from '../i18n/messages';

/** Codes with a translated explanation ("error.<code>" in en.ts and ja.ts). */
const TRANSLATED = [
  'InvalidDiskId.NotFound',
  'DiskLost',
  'DiskBusy',
  'QuotaExceeded',
  'StorageUnavailable',
  'IOError',
  'KeyRequired',
  'OperationAborted',
  'WorkerLost',
  'InternalFailure',
] as const;

export interface ErrorText {
  code: string;
  /** Set when the catalogue explains the code in both languages. */
  key?: MessageKey;
  /** The error's own message (English, with the specifics): shown as the detail. */
  message: string;
}

export function describeError(error: unknown): ErrorText {
  const object = typeof error === 'object' && error !== null ? (error as { code?: unknown; name?: unknown; message?: unknown }) : {};
  const code = typeof object.code === 'string' ? object.code : typeof object.name === 'string' && object.name !== 'Error' ? object.name : 'InternalFailure';
  const message = typeof object.message === 'string' && object.message !== '' ? object.message : String(error);
  const key = (TRANSLATED as readonly string[]).includes(code) ? (`error.${code}` as MessageKey) : undefined;
  return { code, key, message };
}

/** DiskBusy means another tab (or another operation here) holds the disk's lock. */
export function isDiskBusy(error: unknown): boolean {
  return describeError(error).code === 'DiskBusy';
}
