// RAM error codes the lab returns (role and policy attachment actions). cloud-api.md §3 names only
// NoPermission; the codes below are those of the public RAM API reference (CreateRole, DeleteRole,
// AttachPolicyToRole …), not in our spec file, so each is marked isInferred.
import { defineCodes } from '../errors';
import '../api/codes';

defineCodes({
  'EntityNotExist.Role': { httpStatus: 404, isInferred: true, message: 'The role does not exist: {roleName}.' },
  'EntityAlreadyExists.Role': { httpStatus: 409, isInferred: true, message: 'The role already exists: {roleName}.' },
  'EntityNotExist.Policy': { httpStatus: 404, isInferred: true, message: 'The policy does not exist: {policyName} ({policyType}).' },
  'EntityAlreadyExists.Role.Policy': { httpStatus: 409, isInferred: true, message: 'The policy {policyName} is already attached to the role {roleName}.' },
  'EntityNotExist.Role.Policy': { httpStatus: 404, isInferred: true, message: 'The policy {policyName} is not attached to the role {roleName}.' },
  'DeleteConflict.Role.Policy': { httpStatus: 409, isInferred: true, message: 'The role {roleName} still has policies attached; detach them before deleting it.' },
  NoPermission: { httpStatus: 403, message: 'You are not authorized to do this action.' },
});

/** Why each RAM code above was chosen (they appear in the RAM API reference, not in cloud-api.md). */
export const RAM_INFERRED_CASES = [
  { code: 'EntityNotExist.Role', when: 'GetRole/DeleteRole/Attach…/Detach…/ListPoliciesForRole on an unknown role' },
  { code: 'EntityAlreadyExists.Role', when: 'CreateRole with a name already used in the account (case-insensitive)' },
  { code: 'EntityNotExist.Policy', when: 'AttachPolicyToRole with a policy the lab does not know (Custom policies do not exist yet)' },
  { code: 'EntityAlreadyExists.Role.Policy', when: 'AttachPolicyToRole twice' },
  { code: 'EntityNotExist.Role.Policy', when: 'DetachPolicyFromRole of a policy not attached' },
  { code: 'DeleteConflict.Role.Policy', when: 'DeleteRole while policies are attached (RAM refuses; detach first)' },
] as const;
