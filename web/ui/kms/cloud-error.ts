// What the console shows for a failed lab API call (issue 4 §1): the cloud's error body — Code,
// HttpStatus, Message (English, as the cloud sends it) and RequestId — read duck-typed from whatever
// was thrown. The explanation in the reader's language comes from web/ui/errors (one table for the lab).
import { toErrorBody, type ErrorBody } from '../errors/error-body';

export type CloudErrorText = ErrorBody;

export function describeCloudError(error: unknown): CloudErrorText {
  const object = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  // Internal paths may throw a CloudError with camelCase fields only; the API adds the PascalCase ones.
  if (typeof object.Code !== 'string' && typeof object.code === 'string') {
    return toErrorBody({
      Code: object.code, HttpStatus: typeof object.httpStatus === 'number' ? object.httpStatus : 500,
      Message: String(object.message ?? ''), RequestId: String(object.requestId ?? ''),
    });
  }
  return toErrorBody(error);
}
