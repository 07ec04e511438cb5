// The ECS service role (cloud-api.md §3.1; issue 5 item 5) and who the KMS sees (§8): without
// AliyunECSDiskEncryptDefaultRole a CMK use fails with KMSUnauthorized and nothing is created; the
// RAM actions create and remove the role; ECS tags the CMK; the audit trail shows ECS or its role, never the user.
import { beforeEach, describe, expect, it } from 'vitest';
import { createEcsLab, MAIN, ZONE, type EcsLab } from '../../support/ecs-harness';
import { rejectionOf } from '../../support/kms-harness';
import { ECS_DISK_ENCRYPT_POLICY, ECS_DISK_ENCRYPT_ROLE, ECS_DISK_ENCRYPT_TRUST_POLICY } from '../../../web/core/ram/roles';

let lab: EcsLab;
beforeEach(async () => { lab = await createEcsLab(); });

const essd = { ZoneId: ZONE, DiskCategory: 'cloud_essd', Size: 20, Encrypted: true };

describe('the service role AliyunECSDiskEncryptDefaultRole', () => {
  it('a CMK without the role → InvalidParameter.KMSKeyId.KMSUnauthorized (403), nothing created; after authorizing it works', async () => {
    const cmk = await lab.newKey();
    const before = lab.snapshotState();
    const error = await rejectionOf(lab.ecsCall('CreateDisk', { ...essd, KMSKeyId: cmk }));
    expect([error.Code, error.HttpStatus]).toEqual(['InvalidParameter.KMSKeyId.KMSUnauthorized', 403]);
    expect(lab.snapshotState()).toBe(before);
    await lab.authorize();
    const diskId = (await lab.ecsCall('CreateDisk', { ...essd, KMSKeyId: cmk })).DiskId as string;
    expect((await lab.disk(diskId)).KMSKeyId).toBe(cmk);
  });

  it('the service key needs no role', async () => {
    const diskId = (await lab.ecsCall('CreateDisk', essd)).DiskId as string;
    expect((await lab.disk(diskId)).Encrypted).toBe(true);
  });

  it('the role with its policy detached, or deleted, breaks CMK use again with the same error', async () => {
    const cmk = await lab.newKey();
    await lab.authorize();
    await lab.ecsCall('CreateDisk', { ...essd, KMSKeyId: cmk });
    const detach = { PolicyType: 'System', PolicyName: ECS_DISK_ENCRYPT_POLICY, RoleName: ECS_DISK_ENCRYPT_ROLE };
    // DeleteRole with a policy attached is refused.
    expect((await rejectionOf(lab.ramCall('DeleteRole', { RoleName: ECS_DISK_ENCRYPT_ROLE }))).Code).toBe('DeleteConflict.Role.Policy');
    await lab.ramCall('DetachPolicyFromRole', detach);
    expect((await rejectionOf(lab.ecsCall('CreateDisk', { ...essd, KMSKeyId: cmk }))).Code).toBe('InvalidParameter.KMSKeyId.KMSUnauthorized');
    await lab.ramCall('DeleteRole', { RoleName: ECS_DISK_ENCRYPT_ROLE });
    const before = lab.snapshotState();
    expect((await rejectionOf(lab.ecsCall('CreateDisk', { ...essd, KMSKeyId: cmk }))).Code).toBe('InvalidParameter.KMSKeyId.KMSUnauthorized');
    expect(lab.snapshotState()).toBe(before);
  });

  it('RAM actions: GetRole, ListRoles, ListPoliciesForRole and their errors', async () => {
    expect((await rejectionOf(lab.ramCall('GetRole', { RoleName: ECS_DISK_ENCRYPT_ROLE }))).Code).toBe('EntityNotExist.Role');
    await lab.authorize();
    const role = (await lab.ramCall('GetRole', { RoleName: ECS_DISK_ENCRYPT_ROLE })).Role as Record<string, unknown>;
    expect(role).toMatchObject({ RoleName: ECS_DISK_ENCRYPT_ROLE, Arn: `acs:ram::${MAIN}:role/aliyunecsdiskencryptdefaultrole`, AssumeRolePolicyDocument: ECS_DISK_ENCRYPT_TRUST_POLICY });
    expect(((await lab.ramCall('ListRoles')).Roles as { Role: unknown[] }).Role).toHaveLength(1);
    const policies = (await lab.ramCall('ListPoliciesForRole', { RoleName: ECS_DISK_ENCRYPT_ROLE })).Policies as { Policy: { PolicyName: string }[] };
    expect(policies.Policy.map((p) => p.PolicyName)).toEqual([ECS_DISK_ENCRYPT_POLICY]);
    const before = lab.snapshotState();
    const cases: [string, Record<string, unknown>, string, number][] = [
      ['CreateRole', { RoleName: ECS_DISK_ENCRYPT_ROLE.toLowerCase(), AssumeRolePolicyDocument: ECS_DISK_ENCRYPT_TRUST_POLICY }, 'EntityAlreadyExists.Role', 409],
      ['AttachPolicyToRole', { PolicyType: 'System', PolicyName: ECS_DISK_ENCRYPT_POLICY, RoleName: ECS_DISK_ENCRYPT_ROLE }, 'EntityAlreadyExists.Role.Policy', 409],
      ['AttachPolicyToRole', { PolicyType: 'System', PolicyName: 'NoSuchPolicy', RoleName: ECS_DISK_ENCRYPT_ROLE }, 'EntityNotExist.Policy', 404],
      ['DetachPolicyFromRole', { PolicyType: 'System', PolicyName: 'AliyunKMSReadOnlyAccess', RoleName: ECS_DISK_ENCRYPT_ROLE }, 'EntityNotExist.Role.Policy', 404],
      ['CreateRole', { RoleName: 'x', AssumeRolePolicyDocument: '{"Version":"2"}' }, 'InvalidParameter', 400],
    ];
    for (const [action, params, code, status] of cases) {
      const error = await rejectionOf(lab.ramCall(action, params));
      expect([action, error.Code, error.HttpStatus]).toEqual([action, code, status]);
    }
    expect(lab.snapshotState()).toBe(before);
  });
});

describe('ECS calls the KMS as itself or its role', () => {
  it('tags a CMK acs:ecs:disk-encryption=true on first use (visible through ListResourceTags)', async () => {
    const cmk = await lab.newKey();
    await lab.authorize();
    await lab.ecsCall('CreateDisk', { ...essd, KMSKeyId: cmk });
    const tags = (await lab.kmsCall('ListResourceTags', { KeyId: cmk })).Tags as { Tag: unknown[] };
    expect(tags.Tag).toContainEqual({ TagKey: 'acs:ecs:disk-encryption', TagValue: 'true' });
  });

  it('GenerateDataKeyWithoutPlaintext (64 bytes) and Decrypt are recorded with the role for a CMK, system for the service key, never the user', async () => {
    const cmk = await lab.newKey();
    await lab.authorize();
    const start = (await lab.audit.list()).length;
    const diskId = (await lab.ecsCall('CreateDisk', { ...essd, KMSKeyId: cmk })).DiskId as string;
    await lab.ecsCall('CreateDisk', essd);
    const records = (await lab.audit.list()).slice(start);
    const kmsRecords = records.filter((r) => r.product === 'Kms');
    const cmkUses = kmsRecords.filter((r) => r.keyId === cmk && (r.action === 'GenerateDataKeyWithoutPlaintext' || r.action === 'Decrypt'));
    expect(cmkUses.map((r) => r.action)).toEqual(['GenerateDataKeyWithoutPlaintext', 'Decrypt']);
    for (const r of cmkUses) expect(r.caller).toMatchObject({ type: 'assumed-role', accountId: MAIN, userName: 'AliyunECSDiskEncryptDefaultRole:ecs-disk-encryption' });
    const serviceUses = kmsRecords.filter((r) => r.keyId !== cmk && r.action !== 'DescribeKey');
    expect(serviceUses.length).toBeGreaterThan(0);
    for (const r of serviceUses) expect(r.caller).toMatchObject({ type: 'system', userName: 'Ecs' });
    for (const r of kmsRecords) expect(r.caller.type).not.toBe('root-account');
    // The ECS call itself is the user's.
    expect(records.find((r) => r.product === 'Ecs' && r.resourceId === diskId)?.caller.type).toBe('root-account');
    // The disk keeps only the wrapped key; its context names account, region and lineage.
    const stored = await lab.ecsStore.getDisk(diskId);
    expect(Object.keys(stored!.key!.EncryptionContext).sort()).toEqual(['AccountId', 'LineageId', 'RegionId']);
    expect(JSON.stringify(stored)).not.toMatch(/Plaintext/);
  });

  it('each data key is unwrapped into the pool only while an operation needs it (every load released)', async () => {
    const loads: string[] = [];
    const released: string[] = [];
    const load = lab.cipher.loadWrappedKey.bind(lab.cipher);
    const release = lab.cipher.releaseKey.bind(lab.cipher);
    lab.cipher.loadWrappedKey = async (key) => { const h = await load(key); loads.push(h); return h; };
    lab.cipher.releaseKey = async (h) => { released.push(h); return release(h); };
    const diskId = (await lab.ecsCall('CreateDisk', essd)).DiskId as string;
    await lab.writeSectors(diskId, 0, new Uint8Array(512).fill(7));
    await lab.readSectors(diskId, 0, 1, 'Guest');
    const snap = (await lab.ecsCall('CreateSnapshot', { DiskId: diskId })).SnapshotId as string;
    await lab.settle();
    await lab.ecsCall('CopySnapshot', { SnapshotId: snap, DestinationRegionId: 'cn-hangzhou', Encrypted: true, KMSKeyId: await lab.newKey() }).catch(() => undefined);
    await lab.settle();
    expect(loads.length).toBeGreaterThanOrEqual(3);
    expect(released.sort()).toEqual(loads.sort());
  });
});
