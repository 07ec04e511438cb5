// One call's context (request id, account, region, caller, audit details) and the audited runner
// shared by the action router and products' internal paths (e.g. ECS → KMS unwrap): every call
// ends with exactly one audit record, success or failure (../shared/design/reliability-cases.md T-39).
import type { AuditLog } from '../audit/audit-log';
import type { AuditDetails, AuditDraft, CallerIdentity } from '../audit/types';
import { CloudError, isCloudError } from '../errors';

export interface CallContext {
  /** Uppercase UUID, as on every response and error. */
  requestId: string;
  accountId: string;
  regionId: string;
  caller: CallerIdentity;
  product: string;
  action: string;
  eventType: 'ApiCall' | 'AliyunServiceEvent';
  /** Filled by the service while it works (key id, version, context hash). */
  audit: AuditDetails;
  /** Set once the service has written the call's record (with its change, or before returning secrets). */
  isRecorded: boolean;
}

export function rootCaller(accountId: string): CallerIdentity {
  return { type: 'root-account', accountId, principalId: accountId, userName: 'root' };
}

export function draftOf(ctx: CallContext, error?: CloudError): AuditDraft {
  return {
    eventType: ctx.eventType,
    product: ctx.product,
    action: ctx.action,
    accountId: ctx.accountId,
    regionId: ctx.regionId,
    requestId: ctx.requestId,
    caller: ctx.caller,
    ...ctx.audit,
    outcome: error ? 'Failure' : 'Success',
    ...(error ? { errorCode: error.code, errorMessage: error.message } : {}),
  };
}

/** Any thrown value as a CloudError: programmer and kernel errors become InternalFailure with cause. */
export function asCloudError(error: unknown): CloudError {
  if (isCloudError(error)) return error;
  return new CloudError('InternalFailure', { cause: error });
}

/** What the JS API rejects with: the CloudError, also carrying the cloud's body fields. */
export type ApiError = CloudError & { Code: string; HttpStatus: number; Message: string; RequestId: string };

export function toApiError(error: CloudError): ApiError {
  return Object.assign(error, error.toBody());
}

export interface AuditFailure {
  requestId: string;
  action: string;
  error: unknown;
}

/** Runs `fn` and records its outcome unless it recorded itself. A read-only success whose record
 *  cannot be written still answers (reported through `onAuditFailure`); a failure always surfaces
 *  as the original error. Rejects with a CloudError carrying the request id. */
export async function runAudited<T>(
  log: AuditLog,
  ctx: CallContext,
  fn: () => Promise<T>,
  onAuditFailure: (failure: AuditFailure) => void,
): Promise<T> {
  let result: T;
  try {
    result = await fn();
  } catch (thrown) {
    const error = asCloudError(thrown);
    error.requestId = ctx.requestId;
    if (!ctx.isRecorded) {
      try {
        await log.append(draftOf(ctx, error));
      } catch (auditError) {
        onAuditFailure({ requestId: ctx.requestId, action: ctx.action, error: auditError });
      }
    }
    throw error;
  }
  if (!ctx.isRecorded) {
    try {
      await log.append(draftOf(ctx));
    } catch (auditError) {
      onAuditFailure({ requestId: ctx.requestId, action: ctx.action, error: auditError });
    }
  }
  return result;
}
