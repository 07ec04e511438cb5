// Helpers of the instance tests (issue 6): an ECS lab with the public image ready, RunInstances and
// status shortcuts, the hypervisor's guest disks as the machine host would use them, and a fake console.
import { expect } from 'vitest';
import type { GuestDiskPort, PowerState } from '../../../web/core/ecs/instance-ports';
import { PUBLIC_IMAGE_ID } from '../../../web/core/ecs/image-actions';
import { createEcsLab, ZONE, type EcsLab } from '../../support/ecs-harness';

export { PUBLIC_IMAGE_ID, ZONE };

export async function instanceLab(seed?: number): Promise<EcsLab> {
  const lab = await createEcsLab({ seed });
  // The public image exists before any "nothing changed" digest is taken.
  await lab.ecsCall('DescribeImages');
  return lab;
}

export const launch = { ZoneId: ZONE, ImageId: PUBLIC_IMAGE_ID, InstanceType: 'ecs.g7.large' };

/** RunInstances, settled: the ids of the instances made. */
export async function run(lab: EcsLab, params: Record<string, unknown> = {}): Promise<string[]> {
  const r = await lab.ecsCall('RunInstances', { ...launch, ...params });
  await lab.settle();
  return (r.InstanceIdSets as { InstanceIdSet: string[] }).InstanceIdSet;
}

export async function instance(lab: EcsLab, instanceId: string): Promise<Record<string, unknown>> {
  const r = await lab.ecsCall('DescribeInstances', { InstanceIds: JSON.stringify([instanceId]) });
  return (r.Instances as { Instance: Record<string, unknown>[] }).Instance[0];
}

export async function statusOf(lab: EcsLab, instanceId: string): Promise<string | undefined> {
  return (await lab.ecsStore.getInstance(instanceId))?.Status;
}

export async function disksOf(lab: EcsLab, instanceId: string): Promise<Record<string, unknown>[]> {
  const r = await lab.ecsCall('DescribeDisks', { InstanceId: instanceId });
  return (r.Disks as { Disk: Record<string, unknown>[] }).Disk;
}

export function on(state: PowerState): Extract<PowerState, { kind: 'on' }> {
  expect(state.kind).toBe('on');
  return state as Extract<PowerState, { kind: 'on' }>;
}

export function hda(lab: EcsLab, instanceId: string): GuestDiskPort {
  return on(lab.ecs.hypervisor.state(instanceId)).disks.find((d) => d.slot === 'hda')!;
}

/** Resolves 'pending' when `promise` has not settled after a few turns of the event loop. */
export async function settledOrPending<T>(promise: Promise<T>): Promise<T | 'pending'> {
  return Promise.race([promise, new Promise<'pending'>((resolve) => setTimeout(() => resolve('pending'), 30))]);
}

/** Decrypt records of the audit trail (the KMS's view of ECS fetching data keys). */
export async function decrypts(lab: EcsLab) {
  return (await lab.auditStore.list()).filter((r) => r.product === 'Kms' && r.action === 'Decrypt');
}

export function sector(text: string): Uint8Array {
  const out = new Uint8Array(512);
  out.set(new TextEncoder().encode(text));
  return out;
}
