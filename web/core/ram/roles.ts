// The ECS service role for disk encryption (../shared/spec/cloud-api.md §3.1) and the system policies
// the lab knows. The contents of AliyunECSDiskEncryptRolePolicy are UNCONFIRMED (§3.1): the lab shows
// the inference given there (KMS list/describe/tag, and crypto on keys tagged acs:ecs:disk-encryption).

export const ECS_DISK_ENCRYPT_ROLE = 'AliyunECSDiskEncryptDefaultRole';
export const ECS_DISK_ENCRYPT_POLICY = 'AliyunECSDiskEncryptRolePolicy';

export const ECS_DISK_ENCRYPT_TRUST_POLICY = JSON.stringify({
  Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: ['ecs.aliyuncs.com'] } }],
  Version: '1',
});

export const ECS_DISK_ENCRYPT_ROLE_DESCRIPTION = 'ECS will use this role to access your resources in other services.';

export interface SystemPolicy {
  PolicyName: string;
  Description: string;
  /** The policy document (Version "1"). */
  document: { Version: '1'; Statement: { Effect: 'Allow' | 'Deny'; Action: string[]; Resource: string; Condition?: Record<string, Record<string, string>> }[] };
}

export const SYSTEM_POLICIES: SystemPolicy[] = [
  {
    PolicyName: ECS_DISK_ENCRYPT_POLICY,
    Description: 'The permissions needed by ECS to encrypt cloud disks (lab inference, cloud-api.md §3.1).',
    document: {
      Version: '1',
      Statement: [
        { Effect: 'Allow', Action: ['kms:List*', 'kms:DescribeKey', 'kms:TagResource', 'kms:UntagResource'], Resource: 'acs:kms:*:*:*' },
        {
          Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext'], Resource: 'acs:kms:*:*:*',
          Condition: { StringEqualsIgnoreCase: { 'kms:tag/acs:ecs:disk-encryption': 'true' } },
        },
      ],
    },
  },
  {
    PolicyName: 'AliyunKMSReadOnlyAccess',
    Description: 'Read-only access to KMS (cloud-api.md §3.2).',
    document: { Version: '1', Statement: [{ Effect: 'Allow', Action: ['kms:List*', 'kms:Describe*', 'kms:GetPublicKey'], Resource: '*' }] },
  },
  {
    PolicyName: 'AliyunKMSCryptoUserAccess',
    Description: 'Use KMS keys for cryptographic operations (cloud-api.md §3.2).',
    document: { Version: '1', Statement: [{ Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:GetPublicKey'], Resource: '*' }] },
  },
  {
    PolicyName: 'AliyunECSFullAccess',
    Description: 'Full access to ECS.',
    document: { Version: '1', Statement: [{ Effect: 'Allow', Action: ['ecs:*'], Resource: '*' }] },
  },
];

export function findSystemPolicy(name: string): SystemPolicy | undefined {
  return SYSTEM_POLICIES.find((p) => p.PolicyName === name);
}

export function roleArn(accountId: string, roleName: string): string {
  return `acs:ram::${accountId}:role/${roleName.toLowerCase()}`;
}
