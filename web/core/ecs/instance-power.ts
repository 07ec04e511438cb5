// Instance power actions (../shared/spec/cloud-api.md §2.7; issue 6 item 3): StartInstance(s),
// StopInstance(s), RebootInstance(s). Start and Reboot fetch every encrypted disk's data key first (a
// refusal → the ECS error, nothing changed, a running machine keeps running); Stop works whatever the
// key state. Status machine Stopped → Starting → Running → Stopping → Stopped, steps as background jobs.
import type { CallContext } from '../api/context';
import type { Params } from '../api/params';
import { isCloudError, type CloudError } from '../errors';
import { ecsError } from './codes';
import type { EcsCore } from './ecs-core';
import { KeyRefusal, type Hypervisor, type PreparedSession } from './hypervisor';
import type { InstanceStatus } from './instance-ports';
import type { InstanceResource } from './ports';

/** The caller's own instance in the call's region, or InvalidInstanceId.NotFound. */
export async function ownInstance(core: EcsCore, ctx: CallContext, instanceId: string): Promise<InstanceResource> {
  ctx.audit.resourceId = instanceId;
  const instance = await core.store.getInstance(instanceId);
  if (!instance || instance.accountId !== ctx.accountId || instance.RegionId !== ctx.regionId) throw ecsError('InvalidInstanceId.NotFound', { instanceId });
  return instance;
}

export function wrongStatus(instance: InstanceResource, reason = ''): CloudError {
  return ecsError('IncorrectInstanceStatus', { instanceId: instance.InstanceId, status: instance.Status, reason });
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** After one visible step, `from` → `to` unless something else moved the instance meanwhile. */
export async function startTransition(core: EcsCore, instanceId: string, kind: string, from: InstanceStatus, to: InstanceStatus): Promise<void> {
  // A job that has just committed its last step may not have left the runner yet.
  await core.jobs.whenDone(instanceId);
  core.jobs.start(instanceId, kind, async () => {
    await delay(core.instanceStepMs);
    await core.exclusive(async () => {
      const current = await core.store.getInstance(instanceId);
      if (current?.Status === from) await core.store.commit({ putInstances: [{ ...current, Status: to }] }, []);
    });
  }, async () => undefined); // the status stays transitional; the next page load settles it (interrupted-jobs.ts)
}

type PowerAction = 'start' | 'stop' | 'reboot';
const REQUIRED: Record<PowerAction, InstanceStatus> = { start: 'Stopped', stop: 'Running', reboot: 'Running' };
const SINGULAR = { start: 'StartInstance', stop: 'StopInstance', reboot: 'RebootInstance' } as const;

/** One instance's checked change: its next record and, for start/reboot, its keys already in the pool. */
interface PowerStep {
  before: InstanceResource;
  next: InstanceResource;
  prepared?: PreparedSession;
}

/** Checks one instance (status, disks ready) and fetches its keys for start/reboot. Changes nothing. */
async function checkStep(core: EcsCore, hv: Hypervisor, ctx: CallContext, action: PowerAction, instanceId: string): Promise<PowerStep> {
  const before = await ownInstance(core, ctx, instanceId);
  if (before.Status !== REQUIRED[action]) throw wrongStatus(before);
  if (action === 'stop') return { before, next: { ...before, Status: 'Stopping' } };
  const creating = (await core.store.listDisks()).find((d) => d.InstanceId === instanceId && d.Status !== 'In_use');
  if (creating) throw ecsError('IncorrectDiskStatus', { diskId: creating.DiskId, status: `${creating.Status}, a disk of instance ${instanceId}` });
  let prepared: PreparedSession;
  try {
    prepared = await hv.prepare(before, SINGULAR[action], ctx.requestId);
  } catch (error) {
    throw error instanceof KeyRefusal ? error.error : error;
  }
  return { before, next: { ...before, Status: 'Starting', bootCount: before.bootCount + 1, startedMs: core.now() }, prepared };
}

/** Commits the steps with the call's record, then swaps the machines and starts the visible steps. */
async function applySteps(core: EcsCore, hv: Hypervisor, ctx: CallContext, action: PowerAction, steps: PowerStep[]): Promise<void> {
  try {
    await core.commit(ctx, { putInstances: steps.map((s) => s.next) });
  } catch (error) {
    for (const step of steps) if (step.prepared) await hv.discard(step.prepared);
    throw error;
  }
  for (const { next, prepared } of steps) {
    if (prepared) await hv.start(next, prepared, SINGULAR[action]);
    else await hv.powerOff(next.InstanceId, 'StopInstance');
    if (action === 'stop') await startTransition(core, next.InstanceId, 'StopInstance', 'Stopping', 'Stopped');
    else await startTransition(core, next.InstanceId, SINGULAR[action], 'Starting', 'Running');
  }
}

/** StartInstance / StopInstance / RebootInstance. */
export async function powerOne(core: EcsCore, hv: Hypervisor, ctx: CallContext, action: PowerAction, p: Params) {
  const step = await checkStep(core, hv, ctx, action, p.InstanceId as string);
  await applySteps(core, hv, ctx, action, [step]);
  return {};
}

/** StartInstances / StopInstances / RebootInstances: AllTogether (default) changes all or nothing;
 *  SuccessFirst changes each instance that can be changed and reports the others' errors. */
export async function powerMany(core: EcsCore, hv: Hypervisor, ctx: CallContext, action: PowerAction, p: Params) {
  const ids = [...new Set(p.InstanceId as string[])];
  const isEach = p.BatchOptimization === 'SuccessFirst';
  const steps: PowerStep[] = [];
  const failures = new Map<string, { error: CloudError; status: string }>();
  for (const instanceId of ids) {
    try {
      steps.push(await checkStep(core, hv, ctx, action, instanceId));
    } catch (error) {
      if (!isEach || !isCloudError(error)) {
        for (const step of steps) if (step.prepared) await hv.discard(step.prepared);
        throw error;
      }
      failures.set(instanceId, { error, status: (await core.store.getInstance(instanceId))?.Status ?? '' });
    }
  }
  ctx.audit.resourceId = ids.join(',');
  if (steps.length) await applySteps(core, hv, ctx, action, steps);
  const done = new Map(steps.map((s) => [s.before.InstanceId, s]));
  return {
    InstanceResponses: {
      InstanceResponse: ids.map((InstanceId) => {
        const step = done.get(InstanceId);
        if (step) return { InstanceId, Code: '200', Message: 'success', PreviousStatus: step.before.Status, CurrentStatus: step.next.Status };
        const failure = failures.get(InstanceId)!;
        // Another account's or region's instance is reported as not found, with no status.
        const status = failure.error.code === 'InvalidInstanceId.NotFound' ? '' : failure.status;
        return { InstanceId, Code: failure.error.code, Message: failure.error.message, PreviousStatus: status, CurrentStatus: status };
      }),
    },
  };
}
