// One error type for the simulated cloud: CloudError carries the cloud's exact code, its HTTP status,
// the request id and a message from the catalogue (../shared/spec/cloud-api.md). Test by `code`,
// never by `instanceof`. Products add their codes to the catalogue in their own modules and register
// them here through `defineCodes`, so this file stays small.

export interface CodeInfo {
  /** Default HTTP status for the code. */
  httpStatus: number;
  /** The message the cloud returns (English); `{name}` placeholders are filled from `params`. */
  message: string;
  /** Set when no cloud document names this code for this case: the nearest documented one, chosen by us. */
  isInferred?: boolean;
  /** Set for the lab's own codes (storage, workers): never returned by the real cloud. */
  isLabOwn?: boolean;
}

const catalogue = new Map<string, CodeInfo>();
/** Per-action HTTP status where the cloud documents a different one (e.g. CMKNotEnabled 403 on CreateDisk, 400 on Start). */
const statusByAction = new Map<string, number>();

export function defineCodes(codes: Record<string, CodeInfo>): void {
  for (const [code, info] of Object.entries(codes)) catalogue.set(code, info);
}

export function defineActionStatus(action: string, code: string, httpStatus: number): void {
  statusByAction.set(`${action} ${code}`, httpStatus);
}

export function codeInfo(code: string): CodeInfo | undefined {
  return catalogue.get(code);
}

export function listCodes(): [string, CodeInfo][] {
  return [...catalogue.entries()];
}

export class CloudError extends Error {
  readonly code: string;
  readonly httpStatus: number;
  requestId: string;

  constructor(code: string, options: { params?: Record<string, string | number>; action?: string; requestId?: string; message?: string; cause?: unknown } = {}) {
    const info = catalogue.get(code);
    if (!info) throw new Error(`"code" ${code} is not in the error catalogue`);
    const template = options.message ?? info.message;
    super(template.replace(/\{(\w+)\}/g, (_, k: string) => String(options.params?.[k] ?? `{${k}}`)), { cause: options.cause });
    this.name = 'CloudError';
    this.code = code;
    this.httpStatus = (options.action && statusByAction.get(`${options.action} ${code}`)) || info.httpStatus;
    this.requestId = options.requestId ?? '';
  }

  /** The cloud's error body, as the JS API rejects with it. */
  toBody(): { Code: string; HttpStatus: number; Message: string; RequestId: string } {
    return { Code: this.code, HttpStatus: this.httpStatus, Message: this.message, RequestId: this.requestId };
  }
}

/** Duck-typed check (errors cross workers and realms, so never `instanceof`). */
export function isCloudError(error: unknown): error is CloudError {
  return typeof error === 'object' && error !== null && typeof (error as CloudError).code === 'string'
    && typeof (error as CloudError).httpStatus === 'number';
}

defineCodes({
  InternalFailure: { httpStatus: 500, message: 'The request processing has failed due to some unknown error.' },
});
