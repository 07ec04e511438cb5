// Error codes common to every product behind the action router (parameter validation, unknown
// actions), registered in the shared catalogue (core/errors.ts). InvalidParameter and
// MissingParameter are the cloud's common codes (../shared/spec/cloud-api.md §1.2).
import { CloudError, defineCodes } from '../errors';

defineCodes({
  MissingParameter: { httpStatus: 400, message: 'The parameter "{name}" is required but was not given.' },
  InvalidParameter: { httpStatus: 400, message: 'The parameter "{name}" is not valid: {reason}.' },
  // The cloud's API gateway answers an unknown action with this code; no KMS page names it (inferred).
  'InvalidAction.NotFound': {
    httpStatus: 404, isInferred: true,
    message: 'The action "{action}" of product "{product}" does not exist in the lab. {hint}',
  },
});

export function missingParameter(name: string): CloudError {
  return new CloudError('MissingParameter', { params: { name } });
}

export function invalidParameter(name: string, reason: string): CloudError {
  return new CloudError('InvalidParameter', { params: { name, reason } });
}
