// What the lab's RAM (../shared/spec/cloud-api.md §3) keeps: roles per account with their attached
// policies, committed with their audit record in one transaction (as the KMS store does). Only what
// ECS disk encryption needs now: the service role AliyunECSDiskEncryptDefaultRole (§3.1).
import type { AuditRecord } from '../audit/types';

export interface AttachedPolicy {
  PolicyName: string;
  PolicyType: 'System' | 'Custom';
  /** Lab epoch ms. */
  attachedMs: number;
}

export interface RoleRecord {
  accountId: string;
  RoleName: string;
  /** 19 digits, as the cloud's role ids. */
  RoleId: string;
  Description: string;
  AssumeRolePolicyDocument: string;
  MaxSessionDuration: number;
  createdMs: number;
  policies: AttachedPolicy[];
}

export interface RoleRef {
  accountId: string;
  RoleName: string;
}

/** One atomic change: all of it lands (with its audit records), or none of it. */
export interface RamChange {
  putRoles?: RoleRecord[];
  deleteRoles?: RoleRef[];
}

export interface RamStore {
  /** Role names compare case-insensitively, as in RAM. */
  getRole(ref: RoleRef): Promise<RoleRecord | undefined>;
  /** Roles of one account, by name. */
  listRoles(accountId: string): Promise<RoleRecord[]>;
  /** Applies `change` and appends `audit` in one transaction; throws AuditConflict (writing nothing)
   *  unless audit[0] follows the audit store's head. */
  commit(change: RamChange, audit: AuditRecord[]): Promise<void>;
  /** Lab Reset. */
  clear(): Promise<void>;
}
