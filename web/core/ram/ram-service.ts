// The lab's RAM as a router product ("Ram", ../shared/spec/cloud-api.md §3): roles and the policies
// attached to them — CreateRole, GetRole, ListRoles, DeleteRole, AttachPolicyToRole,
// DetachPolicyFromRole, ListPoliciesForRole — and the question ECS asks: may it assume its disk role?
import { draftOf, type CallContext } from '../api/context';
import type { Params } from '../api/params';
import type { ProductDefinition } from '../api/router';
import type { AuditLog } from '../audit/audit-log';
import { toIsoSeconds, type LabClock } from '../clock';
import { CloudError } from '../errors';
import type { RamChange, RamStore, RoleRecord } from './ports';
import './ram-codes';
import {
  ECS_DISK_ENCRYPT_POLICY, ECS_DISK_ENCRYPT_ROLE, ECS_DISK_ENCRYPT_ROLE_DESCRIPTION, ECS_DISK_ENCRYPT_TRUST_POLICY, findSystemPolicy, roleArn,
} from './roles';

export interface RamOptions {
  store: RamStore;
  audit: AuditLog;
  clock: LabClock;
  /** 19 random digits for a RoleId. */
  newRoleId(): string;
}

const ROLE_NAME = { type: 'string', isRequired: true, minLength: 1, maxLength: 64, pattern: /^[A-Za-z0-9.-]+$/, patternText: '1–64 letters, digits, "." or "-"', description: 'The role name.' } as const;
const POLICY_TYPE = { type: 'string', isRequired: true, enum: ['System', 'Custom'], description: 'System or Custom.' } as const;
const POLICY_NAME = { type: 'string', isRequired: true, minLength: 1, maxLength: 128, description: 'The policy name, e.g. AliyunECSDiskEncryptRolePolicy.' } as const;

function checkTrustPolicy(value: unknown): { value: string } | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'expected a JSON policy document {"Statement":[…],"Version":"1"}';
  const doc = value as { Version?: unknown; Statement?: unknown };
  if (doc.Version !== '1' || !Array.isArray(doc.Statement) || doc.Statement.length === 0) return 'expected Version "1" and a non-empty Statement list';
  return { value: JSON.stringify(value) };
}

export class RamService {
  readonly product: ProductDefinition;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: RamOptions) {
    this.product = this.buildProduct();
  }

  /** True when the account has the role ECS assumes for CMKs, with its policy attached (§3.1). */
  async hasEcsDiskEncryptionRole(accountId: string): Promise<{ RoleId: string } | undefined> {
    const role = await this.options.store.getRole({ accountId, RoleName: ECS_DISK_ENCRYPT_ROLE });
    if (!role || !role.policies.some((p) => p.PolicyName === ECS_DISK_ENCRYPT_POLICY)) return undefined;
    return { RoleId: role.RoleId };
  }

  reset(): Promise<void> {
    return this.exclusive(() => this.options.store.clear());
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async commit(ctx: CallContext, change: RamChange): Promise<void> {
    await this.options.audit.commitWith(draftOf(ctx), (record) => this.options.store.commit(change, [record]));
    ctx.isRecorded = true;
  }

  private async role(ctx: CallContext, name: string): Promise<RoleRecord> {
    ctx.audit.resourceId = name;
    const role = await this.options.store.getRole({ accountId: ctx.accountId, RoleName: name });
    if (!role) throw new CloudError('EntityNotExist.Role', { params: { roleName: name } });
    return role;
  }

  private view(role: RoleRecord) {
    return {
      RoleId: role.RoleId, RoleName: role.RoleName, Arn: roleArn(role.accountId, role.RoleName), Description: role.Description,
      AssumeRolePolicyDocument: role.AssumeRolePolicyDocument, CreateDate: toIsoSeconds(role.createdMs), MaxSessionDuration: role.MaxSessionDuration,
    };
  }

  private async createRole(ctx: CallContext, p: Params) {
    const name = p.RoleName as string;
    ctx.audit.resourceId = name;
    if (await this.options.store.getRole({ accountId: ctx.accountId, RoleName: name })) throw new CloudError('EntityAlreadyExists.Role', { params: { roleName: name } });
    const role: RoleRecord = {
      accountId: ctx.accountId, RoleName: name, RoleId: this.options.newRoleId(), Description: (p.Description as string | undefined) ?? '',
      AssumeRolePolicyDocument: p.AssumeRolePolicyDocument as string, MaxSessionDuration: (p.MaxSessionDuration as number | undefined) ?? 3600,
      createdMs: this.options.clock.nowMs(), policies: [],
    };
    await this.commit(ctx, { putRoles: [role] });
    return { Role: this.view(role) };
  }

  private async attach(ctx: CallContext, p: Params, isAttach: boolean) {
    const role = await this.role(ctx, p.RoleName as string);
    const policyName = p.PolicyName as string;
    const policyType = p.PolicyType as 'System' | 'Custom';
    const params = { roleName: role.RoleName, policyName, policyType };
    const isAttached = role.policies.some((x) => x.PolicyName === policyName && x.PolicyType === policyType);
    if (isAttach) {
      if (policyType !== 'System' || !findSystemPolicy(policyName)) throw new CloudError('EntityNotExist.Policy', { params });
      if (isAttached) throw new CloudError('EntityAlreadyExists.Role.Policy', { params });
      role.policies.push({ PolicyName: policyName, PolicyType: policyType, attachedMs: this.options.clock.nowMs() });
    } else {
      if (!isAttached) throw new CloudError('EntityNotExist.Role.Policy', { params });
      role.policies = role.policies.filter((x) => !(x.PolicyName === policyName && x.PolicyType === policyType));
    }
    await this.commit(ctx, { putRoles: [role] });
    return {};
  }

  /** The console's "authorize" step: the role with its trust policy and its policy, in one change. */
  async authorizeEcsDiskEncryption(ctx: CallContext): Promise<void> {
    const existing = await this.options.store.getRole({ accountId: ctx.accountId, RoleName: ECS_DISK_ENCRYPT_ROLE });
    const role: RoleRecord = existing ?? {
      accountId: ctx.accountId, RoleName: ECS_DISK_ENCRYPT_ROLE, RoleId: this.options.newRoleId(), Description: ECS_DISK_ENCRYPT_ROLE_DESCRIPTION,
      AssumeRolePolicyDocument: ECS_DISK_ENCRYPT_TRUST_POLICY, MaxSessionDuration: 3600, createdMs: this.options.clock.nowMs(), policies: [],
    };
    if (!role.policies.some((x) => x.PolicyName === ECS_DISK_ENCRYPT_POLICY)) role.policies.push({ PolicyName: ECS_DISK_ENCRYPT_POLICY, PolicyType: 'System', attachedMs: this.options.clock.nowMs() });
    ctx.audit.resourceId = ECS_DISK_ENCRYPT_ROLE;
    await this.commit(ctx, { putRoles: [role] });
  }

  private buildProduct(): ProductDefinition {
    const run = (fn: (ctx: CallContext, p: Params) => Promise<Record<string, unknown>>) => (ctx: CallContext, p: Params) => this.exclusive(() => fn(ctx, p));
    return {
      name: 'Ram',
      description: 'Resource Access Management: roles and their policies (the ECS disk-encryption service role).',
      actions: {
        CreateRole: {
          description: 'Creates a RAM role with a trust policy (who may assume it).',
          params: {
            RoleName: ROLE_NAME,
            AssumeRolePolicyDocument: { type: 'json', isRequired: true, example: ECS_DISK_ENCRYPT_TRUST_POLICY, description: 'The trust policy (JSON).', check: checkTrustPolicy },
            Description: { type: 'string', maxLength: 1024, description: 'Up to 1,024 characters.' },
            MaxSessionDuration: { type: 'integer', min: 3600, max: 43200, description: 'Seconds, 3600–43200 (default 3600).' },
          },
          run: run((ctx, p) => this.createRole(ctx, p)),
        },
        GetRole: {
          description: 'Returns a role.', params: { RoleName: ROLE_NAME },
          run: run(async (ctx, p) => ({ Role: this.view(await this.role(ctx, p.RoleName as string)) })),
        },
        ListRoles: {
          description: 'Lists the roles of the account.', params: {},
          run: run(async (ctx) => ({ Roles: { Role: (await this.options.store.listRoles(ctx.accountId)).map((r) => this.view(r)) }, IsTruncated: false })),
        },
        DeleteRole: {
          description: 'Deletes a role (detach its policies first).', params: { RoleName: ROLE_NAME },
          run: run(async (ctx, p) => {
            const role = await this.role(ctx, p.RoleName as string);
            if (role.policies.length) throw new CloudError('DeleteConflict.Role.Policy', { params: { roleName: role.RoleName } });
            await this.commit(ctx, { deleteRoles: [{ accountId: ctx.accountId, RoleName: role.RoleName }] });
            return {};
          }),
        },
        AttachPolicyToRole: {
          description: 'Attaches a policy to a role.', params: { PolicyType: POLICY_TYPE, PolicyName: POLICY_NAME, RoleName: ROLE_NAME },
          run: run((ctx, p) => this.attach(ctx, p, true)),
        },
        DetachPolicyFromRole: {
          description: 'Detaches a policy from a role.', params: { PolicyType: POLICY_TYPE, PolicyName: POLICY_NAME, RoleName: ROLE_NAME },
          run: run((ctx, p) => this.attach(ctx, p, false)),
        },
        ListPoliciesForRole: {
          description: 'Lists the policies attached to a role.', params: { RoleName: ROLE_NAME },
          run: run(async (ctx, p) => {
            const role = await this.role(ctx, p.RoleName as string);
            return {
              Policies: {
                Policy: role.policies.map((x) => ({
                  PolicyName: x.PolicyName, PolicyType: x.PolicyType, Description: findSystemPolicy(x.PolicyName)?.Description ?? '',
                  DefaultVersion: 'v1', AttachDate: toIsoSeconds(x.attachedMs),
                })),
              },
            };
          }),
        },
      },
    };
  }
}

