// The cloud's error body as the lab API rejects with it ({Code, HttpStatus, Message, RequestId}),
// read duck-typed from whatever was thrown (house style: test by code, never instanceof).

export interface ErrorBody {
  Code: string;
  HttpStatus: number;
  Message: string;
  RequestId: string;
}

/** The error body of a rejection, or undefined for anything that is not one. Internal paths may
 *  throw a CloudError with camelCase fields only; the API adds the PascalCase ones. */
export function errorBodyOf(error: unknown): ErrorBody | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as Partial<ErrorBody> & { code?: unknown; httpStatus?: unknown; message?: unknown; requestId?: unknown };
  if (typeof e.Code === 'string' && typeof e.HttpStatus === 'number') {
    return { Code: e.Code, HttpStatus: e.HttpStatus, Message: String(e.Message ?? ''), RequestId: String(e.RequestId ?? '') };
  }
  if (typeof e.code === 'string' && typeof e.httpStatus === 'number') {
    return { Code: e.code, HttpStatus: e.httpStatus, Message: String(e.message ?? ''), RequestId: String(e.requestId ?? '') };
  }
  return undefined;
}

/** As errorBodyOf, with anything else reported as InternalFailure (a bug below the router). */
export function toErrorBody(error: unknown): ErrorBody {
  return errorBodyOf(error) ?? {
    Code: 'InternalFailure', HttpStatus: 500, Message: error instanceof Error ? error.message : String(error), RequestId: '',
  };
}
