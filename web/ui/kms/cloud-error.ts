// What the console shows for a failed lab API call (issue 4 §1): the cloud's error body — Code,
// HttpStatus, Message (English, as the cloud sends it) and RequestId — read duck-typed from whatever
// was thrown (web/ui/errors/error-body.ts). The explanation in the reader's language comes from web/ui/errors.
import { toErrorBody, type ErrorBody } from '../errors/error-body';

export type CloudErrorText = ErrorBody;
export const describeCloudError: (error: unknown) => ErrorBody = toErrorBody;
