// Instance actions other than power (../shared/spec/cloud-api.md §2.3, §2.6, §2.7, §2.10):
// DescribeInstances, DescribeInstanceStatus, DeleteInstance(s) (DeleteWithInstance disks go too; any
// key state), ReplaceSystemDisk (Stopped; a new disk under the key rules, the old one released),
// DescribeInstanceVncUrl, and the Lab console actions through the browser's ConsolePort.
import { invalidParameter } from '../api/codes';
import type { CallContext } from '../api/context';
import type { Params } from '../api/params';
import type { ActionDefinition } from '../api/router';
import { toIsoSeconds } from '../clock';
import { findCategory, findInstanceType, type PerformanceLevel } from './catalogue';
import { ecsError } from './codes';
import { makeDisk } from './disk-plan';
import type { EcsCore } from './ecs-core';
import { attachedDisks, type Hypervisor } from './hypervisor';
import { ownInstance, wrongStatus } from './instance-power';
import type { ConsolePort } from './instance-ports';
import type { DiskResource, EcsChange, InstanceResource } from './ports';
import { imageSource, planSystemDisk } from './run-instances';
import { page } from './views';

export function instanceView(i: InstanceResource) {
  const type = findInstanceType(i.InstanceType);
  return {
    InstanceId: i.InstanceId, InstanceName: i.InstanceName, HostName: i.HostName, Description: i.Description, RegionId: i.RegionId, ZoneId: i.ZoneId,
    InstanceType: i.InstanceType, InstanceTypeFamily: type?.InstanceTypeFamily ?? '', Cpu: type?.CpuCoreCount ?? 0, Memory: (type?.MemorySize ?? 0) * 1024,
    ImageId: i.ImageId, OSName: i.OSName, OSType: 'linux', Status: i.Status, CreationTime: toIsoSeconds(i.createdMs),
    StartTime: i.startedMs ? toIsoSeconds(i.startedMs) : '', Tags: { Tag: i.Tags.map((t) => ({ TagKey: t.Key, TagValue: t.Value })) },
  };
}

async function ownList(core: EcsCore, ctx: CallContext): Promise<InstanceResource[]> {
  return (await core.store.listInstances()).filter((i) => i.accountId === ctx.accountId && i.RegionId === ctx.regionId);
}

export async function describeInstances(core: EcsCore, ctx: CallContext, p: Params) {
  const ids = p.InstanceIds as string[] | undefined;
  const list = (await ownList(core, ctx)).filter((i) => (!ids || ids.includes(i.InstanceId))
    && (p.InstanceName === undefined || i.InstanceName === p.InstanceName)
    && (p.Status === undefined || i.Status === p.Status)
    && (p.ZoneId === undefined || i.ZoneId === p.ZoneId));
  const { items, ...paging } = page(list, p);
  return { Instances: { Instance: items.map(instanceView) }, ...paging };
}

export async function describeInstanceStatus(core: EcsCore, ctx: CallContext, p: Params) {
  const ids = p.InstanceId as string[] | undefined;
  const list = (await ownList(core, ctx)).filter((i) => (!ids || ids.includes(i.InstanceId)) && (p.ZoneId === undefined || i.ZoneId === p.ZoneId));
  const { items, ...paging } = page(list, p, 50);
  return { InstanceStatuses: { InstanceStatus: items.map((i) => ({ InstanceId: i.InstanceId, Status: i.Status })) }, ...paging };
}

/** Disks of an instance that are still being made (a copy job runs): they block start, delete, replace. */
function checkDisksReady(disks: DiskResource[]): void {
  const creating = disks.find((d) => d.Status === 'Creating');
  if (creating) throw ecsError('IncorrectDiskStatus', { diskId: creating.DiskId, status: `${creating.Status}, a disk of instance ${creating.InstanceId}` });
}

/** What deleting one instance changes: the record, its DeleteWithInstance disks, the others detached. */
async function deletion(core: EcsCore, ctx: CallContext, instanceId: string, isForce: boolean): Promise<{ change: EcsChange; storage: string[] }> {
  const instance = await ownInstance(core, ctx, instanceId);
  if (!(instance.Status === 'Stopped' || (instance.Status === 'Running' && isForce))) {
    throw wrongStatus(instance, instance.Status === 'Running' ? ': stop it first, or set Force=true' : '');
  }
  const disks = attachedDisks(await core.store.listDisks(), instanceId);
  checkDisksReady(disks);
  const going = disks.filter((d) => d.DeleteWithInstance || d.Type === 'system');
  const staying = disks.filter((d) => !going.includes(d)).map((d) => ({ ...d, InstanceId: '', Device: '', Status: 'Available' as const }));
  return { change: { deleteInstances: [instanceId], deleteDisks: going.map((d) => d.DiskId), putDisks: staying }, storage: going.map((d) => d.storageDiskId) };
}

/** DeleteInstance / DeleteInstances: all or nothing; the keys are released whatever their state. */
export async function deleteInstances(core: EcsCore, hv: Hypervisor, ctx: CallContext, ids: string[], isForce: boolean) {
  const unique = [...new Set(ids)];
  const plans = [];
  for (const id of unique) plans.push(await deletion(core, ctx, id, isForce));
  ctx.audit.resourceId = unique.join(',');
  const change: EcsChange = {
    deleteInstances: plans.flatMap((x) => x.change.deleteInstances!), deleteDisks: plans.flatMap((x) => x.change.deleteDisks!), putDisks: plans.flatMap((x) => x.change.putDisks!),
  };
  await core.commit(ctx, change);
  for (const id of unique) await hv.powerOff(id, 'DeleteInstance');
  // After the records are gone: storage left by a failure here is invisible and harmless.
  for (const storageDiskId of plans.flatMap((x) => x.storage)) if (storageDiskId) await core.disks.deleteDisk(storageDiskId);
  return {};
}

/** §2.6: a new system disk (new id) from the image, under the key rules; the old disk is released. */
export async function replaceSystemDisk(core: EcsCore, hv: Hypervisor, ctx: CallContext, p: Params) {
  const instance = await ownInstance(core, ctx, p.InstanceId as string);
  if (instance.Status !== 'Stopped') throw wrongStatus(instance, ': stop it first');
  const disks = attachedDisks(await core.store.listDisks(), instance.InstanceId);
  checkDisksReady(disks);
  const old = disks.find((d) => d.Type === 'system');
  const imageId = (p.ImageId as string | undefined) ?? (old?.ImageId || instance.ImageId);
  const { image, source } = await imageSource(core, ctx, imageId);
  const type = findInstanceType(instance.InstanceType);
  if (!type) throw new Error(`"instance" ${instance.InstanceId} has an unknown type ${instance.InstanceType}`);
  const category = old && findCategory(old.Category)?.systemSize ? old.Category : 'cloud_essd';
  const plan = await planSystemDisk(core, ctx, {
    type, zoneId: instance.ZoneId, source, category, PerformanceLevel: old?.PerformanceLevel as PerformanceLevel | undefined, Size: p['SystemDisk.Size'] as number | undefined,
    Encrypted: p.Encrypted as boolean | undefined, KMSKeyId: p.KMSKeyId as string | undefined, isAtCreation: false, isDryRun: false,
  });
  const DiskId = core.newId('d');
  const made = await makeDisk(core, ctx, plan, {
    DiskId, DiskName: old?.DiskName ?? '', Description: old?.Description ?? '', Type: 'system', InstanceId: instance.InstanceId, Device: '/dev/xvda',
    DeleteWithInstance: true, ImageId: image.ImageId, Tags: old?.Tags ?? [], readyStatus: 'In_use',
  });
  ctx.audit.keyId = made.disk.key?.KMSKeyId;
  try {
    await core.commit(ctx, {
      putDisks: [made.disk], ...(old ? { deleteDisks: [old.DiskId] } : {}),
      putInstances: [{ ...instance, ImageId: image.ImageId, OSName: image.OSName }],
    });
  } catch (error) {
    await made.discard();
    throw error;
  }
  made.start();
  await hv.powerOff(instance.InstanceId, 'ReplaceSystemDisk');
  if (old?.storageDiskId) await core.disks.deleteDisk(old.storageDiskId);
  return { DiskId };
}

export async function describeInstanceVncUrl(core: EcsCore, ctx: CallContext, p: Params) {
  const instance = await ownInstance(core, ctx, p.InstanceId as string);
  return { VncUrl: core.vncUrl(instance.InstanceId) };
}

/** Lab.GetConsoleText / Lab.SendConsoleText: read and type through the emulator as a person would. */
export function labConsoleActions(core: EcsCore, consolePort: () => ConsolePort | undefined): Record<string, ActionDefinition> {
  const instanceId = { type: 'string', isRequired: true, maxLength: 128, description: 'The instance id (i-…).' } as const;
  // The status check holds the ECS lock; the console does not (opening an emulator may power-cycle the instance).
  const runningInstance = async (ctx: CallContext, id: string) => {
    await core.exclusive(async () => {
      const instance = await ownInstance(core, ctx, id);
      if (instance.Status !== 'Running') throw wrongStatus(instance, ': the console needs a Running instance');
    });
    const port = consolePort();
    if (!port) throw new Error('"consolePort" is not set: EcsService.setConsolePort() wires the machine host');
    return port;
  };
  return {
    GetConsoleText: {
      description: 'The instance\'s text screen, one string per row (empty rows while the screen is black).',
      params: { InstanceId: instanceId },
      run: async (ctx, p) => ({ Lines: await (await runningInstance(ctx, p.InstanceId as string)).getText(p.InstanceId as string) }),
    },
    SendConsoleText: {
      description: 'Types text into the instance\'s console as a person would (\\n is Enter).',
      params: { InstanceId: instanceId, Text: { type: 'string', isRequired: true, maxLength: 1000, description: 'What to type (up to 1,000 characters).' } },
      run: async (ctx, p) => {
        if ((p.Text as string).length === 0) throw invalidParameter('Text', 'expected at least one character');
        await (await runningInstance(ctx, p.InstanceId as string)).sendText(p.InstanceId as string, p.Text as string);
        return {};
      },
    },
  };
}
