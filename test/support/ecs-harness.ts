// A whole ECS lab in memory for Node tests: the KMS lab (createKmsLab: clock, seeded random, KMS,
// audit, Lab controls, router) plus a DiskService (memory store, locks, inline wasm cipher), RAM and
// the Ecs product, all on one router — wired as main.tsx will wire them — and helpers for the tests.
import { buildGuestImage } from '../../guest/image';
import { MemoryDiskStore } from '../../web/adapters/memory/memory-disk-store';
import { MemoryLocks } from '../../web/adapters/memory/memory-locks';
import type { ApiResponse } from '../../web/core/api/router';
import { DiskService } from '../../web/core/disks/disk-service';
import type { InstancePort } from '../../web/core/ecs/ecs-core';
import { EcsService } from '../../web/core/ecs/ecs-service';
import { MemoryEcsStore } from '../../web/core/ecs/memory/memory-ecs-store';
import { LAB_ACCOUNTS } from '../../web/core/lab/lab-product';
import { MemoryRamStore } from '../../web/core/ram/memory/memory-ram-store';
import { RamService } from '../../web/core/ram/ram-service';
import { ECS_DISK_ENCRYPT_POLICY, ECS_DISK_ENCRYPT_ROLE, ECS_DISK_ENCRYPT_TRUST_POLICY } from '../../web/core/ram/roles';
import { fingerprint } from '../unit/disks/helpers';
import { createInlineCipher, type InlineCipher } from './inline-cipher';
import { createKmsLab, type KmsLab } from './kms-harness';

export const MAIN = LAB_ACCOUNTS[0].AccountId;
export const PARTNER = LAB_ACCOUNTS[1].AccountId;
export const ZONE = 'cn-hangzhou-h';

export interface EcsLab extends KmsLab {
  diskStore: MemoryDiskStore;
  disks: DiskService;
  cipher: InlineCipher;
  ecsStore: MemoryEcsStore;
  ecs: EcsService;
  ramStore: MemoryRamStore;
  ram: RamService;
  ecsCall(action: string, params?: unknown): Promise<ApiResponse>;
  ramCall(action: string, params?: unknown): Promise<ApiResponse>;
  /** The console's authorize step through RAM actions: CreateRole + AttachPolicyToRole (current account). */
  authorize(): Promise<void>;
  switchTo(accountId: string): Promise<void>;
  /** A JSON digest of every store (ECS, RAM, KMS keys and aliases, disks): equal = nothing changed. */
  snapshotState(): string;
  /** Awaits every background job. */
  settle(): Promise<void>;
  disk(diskId: string): Promise<Record<string, unknown>>;
  /** Lab.ReadDiskSectors as bytes. */
  readSectors(diskId: string, sector: number, count: number, view: 'Guest' | 'Physical'): Promise<Uint8Array>;
  /** Lab.WriteDiskSectors from bytes. */
  writeSectors(diskId: string, sector: number, data: Uint8Array): Promise<void>;
  snapshot(snapshotId: string): Promise<Record<string, unknown>>;
}

export async function createEcsLab(options: { seed?: number; instances?: InstancePort; instanceStepMs?: number } = {}): Promise<EcsLab> {
  const lab = await createKmsLab({ seed: options.seed });
  const diskStore = new MemoryDiskStore();
  const cipher = await createInlineCipher();
  let n = 0;
  const disks = new DiskService({ store: diskStore, cipher, locks: new MemoryLocks(), now: () => new Date(lab.clock.nowMs()), newId: (prefix) => `${prefix}-${String(++n).padStart(6, '0')}` });
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const randomId = (length: number) => Array.from(lab.random.fill(new Uint8Array(length)), (b) => alphabet[b % alphabet.length]).join('');
  const randomDigits = (length: number) => Array.from(lab.random.fill(new Uint8Array(length)), (b) => String(b % 10)).join('');
  const ramStore = new MemoryRamStore(lab.auditStore);
  const ram = new RamService({ store: ramStore, audit: lab.audit, clock: lab.clock, newRoleId: () => `3${randomDigits(18)}` });
  const ecsStore = new MemoryEcsStore(lab.auditStore);
  const ecs = new EcsService({
    store: ecsStore, disks, cipher, kms: lab.kms, ram, audit: lab.audit, clock: lab.clock, randomId, publicImageContents: () => buildGuestImage(), instances: options.instances,
    instanceStepMs: options.instanceStepMs ?? 0,
  });
  lab.router.register(ecs.product);
  lab.router.register(ram.product);
  // main.tsx merges the same two actions into the Lab product.
  const labProduct = lab.lab.product();
  lab.router.register({ ...labProduct, actions: { ...labProduct.actions, ...ecs.labActions } });
  const ecsCall = (action: string, params?: unknown) => lab.router.call('Ecs', action, params);
  const ramCall = (action: string, params?: unknown) => lab.router.call('Ram', action, params);
  const settle = () => ecs.jobs.idle();
  return {
    ...lab, diskStore, disks, cipher, ecsStore, ecs, ramStore, ram, ecsCall, ramCall, settle,
    async authorize() {
      await ramCall('CreateRole', { RoleName: ECS_DISK_ENCRYPT_ROLE, AssumeRolePolicyDocument: ECS_DISK_ENCRYPT_TRUST_POLICY });
      await ramCall('AttachPolicyToRole', { PolicyType: 'System', PolicyName: ECS_DISK_ENCRYPT_POLICY, RoleName: ECS_DISK_ENCRYPT_ROLE });
    },
    async switchTo(accountId: string) {
      await lab.router.call('Lab', 'SwitchAccount', { AccountId: accountId });
    },
    snapshotState() {
      const kmsKeys = [...lab.store.keys.values()].sort((a, b) => a.keyId.localeCompare(b.keyId));
      const aliases = [...lab.store.aliases.values()].sort((a, b) => a.aliasName.localeCompare(b.aliasName) || a.accountId.localeCompare(b.accountId));
      return JSON.stringify({ ecs: ecsStore.dump(), ram: ramStore.dump(), kmsKeys, aliases, disks: fingerprint(diskStore) });
    },
    async disk(diskId: string) {
      const r = await ecsCall('DescribeDisks', { DiskIds: JSON.stringify([diskId]) });
      return (r.Disks as { Disk: Record<string, unknown>[] }).Disk[0];
    },
    async readSectors(diskId, sector, count, view) {
      const r = await lab.router.call('Lab', 'ReadDiskSectors', { DiskId: diskId, Sector: sector, Count: count, View: view });
      return new Uint8Array(Buffer.from(r.DataBase64 as string, 'base64'));
    },
    async writeSectors(diskId, sector, data) {
      await lab.router.call('Lab', 'WriteDiskSectors', { DiskId: diskId, Sector: sector, DataBase64: Buffer.from(data).toString('base64') });
    },
    async snapshot(snapshotId: string) {
      const r = await ecsCall('DescribeSnapshots', { SnapshotIds: JSON.stringify([snapshotId]) });
      return (r.Snapshots as { Snapshot: Record<string, unknown>[] }).Snapshot[0];
    },
  };
}
