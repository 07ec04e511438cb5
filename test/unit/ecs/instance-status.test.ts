// The instance status machine (issue 6 item 1; the instances contract): every action in every status —
// the wrong status gives IncorrectInstanceStatus (403) and changes nothing (stores and power state) —,
// the transitions, the plural forms' per-instance results, DeleteWithInstance, Amount, the describe
// actions, DescribeInstanceVncUrl, and the Lab console actions through a fake ConsolePort.
import { describe, expect, it } from 'vitest';
import type { InstanceStatus } from '../../../web/core/ecs/instance-ports';
import { PARTNER, type EcsLab } from '../../support/ecs-harness';
import { rejectionOf } from '../../support/kms-harness';
import { disksOf, instance, instanceLab, launch, run, statusOf, ZONE } from './instance-helpers';

/** A lab with one instance in `status` (the jobs left paused for the transitional ones). */
async function labWith(status: InstanceStatus): Promise<{ lab: EcsLab; id: string }> {
  const lab = await instanceLab();
  if (status === 'Pending') {
    lab.ecs.jobs.pause();
    const r = await lab.ecsCall('RunInstances', launch);
    return { lab, id: (r.InstanceIdSets as { InstanceIdSet: string[] }).InstanceIdSet[0] };
  }
  const [id] = await run(lab);
  if (status === 'Stopping') lab.ecs.jobs.pause();
  if (status !== 'Running') await lab.ecsCall('StopInstance', { InstanceId: id });
  if (status === 'Stopped' || status === 'Starting') await lab.settle();
  if (status === 'Starting') {
    lab.ecs.jobs.pause();
    await lab.ecsCall('StartInstance', { InstanceId: id });
  }
  expect(await statusOf(lab, id)).toBe(status);
  return { lab, id };
}

const ACTIONS: [name: string, product: string, action: string, params: (id: string) => Record<string, unknown>, allowed: InstanceStatus[]][] = [
  ['StartInstance', 'Ecs', 'StartInstance', (id) => ({ InstanceId: id }), ['Stopped']],
  ['StopInstance', 'Ecs', 'StopInstance', (id) => ({ InstanceId: id }), ['Running']],
  ['StopInstance ForceStop', 'Ecs', 'StopInstance', (id) => ({ InstanceId: id, ForceStop: true }), ['Running']],
  ['RebootInstance', 'Ecs', 'RebootInstance', (id) => ({ InstanceId: id }), ['Running']],
  ['RebootInstance ForceStop', 'Ecs', 'RebootInstance', (id) => ({ InstanceId: id, ForceStop: true }), ['Running']],
  ['StartInstances', 'Ecs', 'StartInstances', (id) => ({ InstanceId: [id] }), ['Stopped']],
  ['StopInstances', 'Ecs', 'StopInstances', (id) => ({ InstanceId: [id] }), ['Running']],
  ['RebootInstances', 'Ecs', 'RebootInstances', (id) => ({ InstanceId: [id] }), ['Running']],
  ['DeleteInstance', 'Ecs', 'DeleteInstance', (id) => ({ InstanceId: id }), ['Stopped']],
  ['DeleteInstance Force', 'Ecs', 'DeleteInstance', (id) => ({ InstanceId: id, Force: true }), ['Stopped', 'Running']],
  ['DeleteInstances', 'Ecs', 'DeleteInstances', (id) => ({ InstanceId: [id] }), ['Stopped']],
  ['ReplaceSystemDisk', 'Ecs', 'ReplaceSystemDisk', (id) => ({ InstanceId: id }), ['Stopped']],
  ['CreateImage InstanceId', 'Ecs', 'CreateImage', (id) => ({ InstanceId: id }), ['Running', 'Stopped']],
  ['Lab.GetConsoleText', 'Lab', 'GetConsoleText', (id) => ({ InstanceId: id }), ['Running']],
  ['Lab.SendConsoleText', 'Lab', 'SendConsoleText', (id) => ({ InstanceId: id, Text: 'ls\n' }), ['Running']],
];

const STATUSES: InstanceStatus[] = ['Pending', 'Starting', 'Running', 'Stopping', 'Stopped'];

describe('every action in every status', () => {
  for (const status of STATUSES) {
    it(`${status}: the actions not allowed → IncorrectInstanceStatus (403), nothing changed; the allowed ones work`, async () => {
      for (const [name, product, action, params, allowed] of ACTIONS) {
        const { lab, id } = await labWith(status);
        lab.ecs.setConsolePort({ getText: async () => ['$'], sendText: async () => undefined });
        const before = lab.snapshotState();
        const power = lab.ecs.hypervisor.state(id);
        const call = lab.router.call(product, action, params(id));
        if (allowed.includes(status)) {
          await call;
          continue;
        }
        const error = await rejectionOf(call);
        expect([name, error.Code, error.HttpStatus]).toEqual([name, 'IncorrectInstanceStatus', 403]);
        expect(lab.snapshotState(), name).toBe(before);
        expect(lab.ecs.hypervisor.state(id), name).toEqual(power);
      }
    });
  }

  it('the plural forms with SuccessFirst report the status error per instance instead', async () => {
    const { lab, id } = await labWith('Stopped');
    const r = await lab.ecsCall('StopInstances', { InstanceId: [id], BatchOptimization: 'SuccessFirst' });
    expect(r.InstanceResponses).toEqual({ InstanceResponse: [expect.objectContaining({ InstanceId: id, Code: 'IncorrectInstanceStatus', PreviousStatus: 'Stopped', CurrentStatus: 'Stopped' })] });
  });
});

describe('transitions', () => {
  it('Pending → Starting → Running; Stopping → Stopped; Starting → Running (visible while the jobs are paused)', async () => {
    const { lab, id } = await labWith('Pending');
    lab.ecs.jobs.resume();
    await lab.settle();
    expect(await instance(lab, id)).toMatchObject({ Status: 'Running', InstanceName: id, HostName: id, InstanceType: 'ecs.g7.large', InstanceTypeFamily: 'ecs.g7', Cpu: 2, Memory: 8192, OSName: 'LabOS 1.0 64-bit' });
    expect((await instance(lab, id)).StartTime).not.toBe('');
    lab.ecs.jobs.pause();
    await lab.ecsCall('StopInstance', { InstanceId: id });
    expect(await statusOf(lab, id)).toBe('Stopping');
    expect(lab.ecs.hypervisor.state(id).kind).toBe('off');
    lab.ecs.jobs.resume();
    await lab.settle();
    expect(await statusOf(lab, id)).toBe('Stopped');
    const r = await lab.ecsCall('StartInstances', { InstanceId: [id] });
    expect(r.InstanceResponses).toEqual({ InstanceResponse: [{ InstanceId: id, Code: '200', Message: 'success', PreviousStatus: 'Stopped', CurrentStatus: 'Starting' }] });
    expect(lab.ecs.hypervisor.state(id).kind).toBe('on');
    await lab.settle();
    expect(await statusOf(lab, id)).toBe('Running');
    expect((await lab.ecsStore.getInstance(id))?.bootCount).toBe(2);
  });

  it('an unknown instance, or one of another account → InvalidInstanceId.NotFound (404)', async () => {
    const lab = await instanceLab();
    const [id] = await run(lab);
    expect((await rejectionOf(lab.ecsCall('StopInstance', { InstanceId: 'i-doesnotexist000000' }))).Code).toBe('InvalidInstanceId.NotFound');
    await lab.switchTo(PARTNER);
    const error = await rejectionOf(lab.ecsCall('StopInstance', { InstanceId: id }));
    expect([error.Code, error.HttpStatus]).toEqual(['InvalidInstanceId.NotFound', 404]);
    expect((await lab.ecsCall('DescribeInstances')).TotalCount).toBe(0);
  });
});

describe('plural forms', () => {
  it('AllTogether (default): one instance in the wrong status → that error, nothing changed for any', async () => {
    const lab = await instanceLab();
    const [a, b] = await run(lab, { Amount: 2 });
    await lab.ecsCall('StopInstance', { InstanceId: b });
    await lab.settle();
    const before = lab.snapshotState();
    const error = await rejectionOf(lab.ecsCall('StopInstances', { InstanceId: [a, b] }));
    expect([error.Code, error.HttpStatus]).toEqual(['IncorrectInstanceStatus', 403]);
    expect(lab.snapshotState()).toBe(before);
    expect(lab.ecs.hypervisor.state(a).kind).toBe('on');
  });

  it('SuccessFirst: each on its own, with Code, Message, PreviousStatus and CurrentStatus per instance', async () => {
    const lab = await instanceLab();
    const [a, b] = await run(lab, { Amount: 2 });
    await lab.ecsCall('StopInstance', { InstanceId: b });
    await lab.settle();
    const r = await lab.ecsCall('RebootInstances', { InstanceId: [a, b, 'i-doesnotexist000000'], BatchOptimization: 'SuccessFirst', ForceStop: true });
    expect((r.InstanceResponses as { InstanceResponse: unknown[] }).InstanceResponse).toEqual([
      { InstanceId: a, Code: '200', Message: 'success', PreviousStatus: 'Running', CurrentStatus: 'Starting' },
      expect.objectContaining({ InstanceId: b, Code: 'IncorrectInstanceStatus', PreviousStatus: 'Stopped', CurrentStatus: 'Stopped' }),
      expect.objectContaining({ InstanceId: 'i-doesnotexist000000', Code: 'InvalidInstanceId.NotFound', PreviousStatus: '', CurrentStatus: '' }),
    ]);
    await lab.settle();
    expect(await statusOf(lab, a)).toBe('Running');
    const stop = await lab.ecsCall('StopInstances', { InstanceId: [a] });
    expect((stop.InstanceResponses as { InstanceResponse: unknown[] }).InstanceResponse).toEqual([{ InstanceId: a, Code: '200', Message: 'success', PreviousStatus: 'Running', CurrentStatus: 'Stopping' }]);
    await lab.settle();
    const start = await lab.ecsCall('StartInstances', { InstanceId: [a, b] });
    expect((start.InstanceResponses as { InstanceResponse: { Code: string }[] }).InstanceResponse.map((x) => x.Code)).toEqual(['200', '200']);
    await lab.settle();
    await lab.ecsCall('StopInstances', { InstanceId: [a, b], ForceStop: true });
    await lab.settle();
    await lab.ecsCall('DeleteInstances', { InstanceId: [a, b] });
    expect((await lab.ecsCall('DescribeInstances')).TotalCount).toBe(0);
    expect(await disksOf(lab, a)).toEqual([]);
  });

  it('DeleteInstances: all or nothing (one Running without Force → IncorrectInstanceStatus, none deleted)', async () => {
    const lab = await instanceLab();
    const [a, b] = await run(lab, { Amount: 2 });
    await lab.ecsCall('StopInstance', { InstanceId: a });
    await lab.settle();
    const before = lab.snapshotState();
    expect((await rejectionOf(lab.ecsCall('DeleteInstances', { InstanceId: [a, b] }))).Code).toBe('IncorrectInstanceStatus');
    expect(lab.snapshotState()).toBe(before);
    await lab.ecsCall('DeleteInstances', { InstanceId: [a, b], Force: true });
    expect((await lab.ecsCall('DescribeInstances')).TotalCount).toBe(0);
    expect(lab.ecs.hypervisor.state(b).kind).toBe('off');
  });
});

describe('disks go with the instance as they say', () => {
  it('DeleteWithInstance: the system disk and DeleteWithInstance data disks are released (storage too), the others detached and Available', async () => {
    const lab = await instanceLab();
    const [id] = await run(lab, { DataDisk: [{ Size: 20 }, { Size: 30, DeleteWithInstance: false, DiskName: 'keep-me' }] });
    const disks = await disksOf(lab, id);
    expect(disks.map((d) => [d.Type, d.Device, d.DeleteWithInstance, d.Status])).toEqual([
      ['system', '/dev/xvda', true, 'In_use'], ['data', '/dev/xvdb', true, 'In_use'], ['data', '/dev/xvdc', false, 'In_use'],
    ]);
    expect(disks[0]).toMatchObject({ ImageId: launch.ImageId, Category: 'cloud_essd', PerformanceLevel: 'PL1', Size: 40 });
    const storageBefore = (await lab.disks.listDisks()).length;
    await lab.ecsCall('DeleteInstance', { InstanceId: id, Force: true });
    expect((await lab.disks.listDisks()).length).toBe(storageBefore - 2);
    const kept = await lab.disk(disks[2].DiskId as string);
    expect(kept).toMatchObject({ Status: 'Available', InstanceId: '', Device: '', DiskName: 'keep-me' });
    expect(await lab.ecsStore.getDisk(disks[0].DiskId as string)).toBeUndefined();
    expect(await lab.ecsStore.getDisk(disks[1].DiskId as string)).toBeUndefined();
  });

  it('Amount: that many instances, each with its own disks; DescribeInstanceStatus lists them', async () => {
    const lab = await instanceLab();
    const ids = await run(lab, { Amount: 3, InstanceName: 'web', DataDisk: [{ Size: 20 }] });
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id).toMatch(/^i-[a-z0-9]{18}$/);
    const all = (await lab.ecsCall('DescribeDisks', { PageSize: 100 })).Disks as { Disk: { InstanceId: string }[] };
    for (const id of ids) expect(all.Disk.filter((d) => d.InstanceId === id)).toHaveLength(2);
    const status = await lab.ecsCall('DescribeInstanceStatus', {});
    expect(status).toMatchObject({ TotalCount: 3, InstanceStatuses: { InstanceStatus: ids.map((InstanceId) => ({ InstanceId, Status: 'Running' })) } });
    expect(await lab.ecsCall('DescribeInstances', { InstanceName: 'web', PageSize: 2 })).toMatchObject({ TotalCount: 3, PageSize: 2 });
    expect((await rejectionOf(lab.ecsCall('RunInstances', { ...launch, Amount: 101 }))).Code).toBe('InvalidParameter');
  });

  it('AttachDisk to a real instance (the store is the instance port), DetachDisk from a running one: its I/O is never answered again', async () => {
    const lab = await instanceLab();
    const [id] = await run(lab, { DataDisk: [{ Size: 20, DeleteWithInstance: false }] });
    const hdb = (lab.ecs.hypervisor.state(id) as { disks: { slot: string; read(s: number, c: number): Promise<Uint8Array> }[] }).disks.find((d) => d.slot === 'hdb')!;
    const dataDisk = (await disksOf(lab, id))[1].DiskId as string;
    expect((await hdb.read(0, 1)).length).toBe(512);
    await lab.ecsCall('DetachDisk', { InstanceId: id, DiskId: dataDisk });
    const pending = await Promise.race([hdb.read(0, 1), new Promise((r) => setTimeout(() => r('pending'), 30))]);
    expect(pending).toBe('pending');
    const empty = (await lab.ecsCall('CreateDisk', { ZoneId: ZONE, DiskCategory: 'cloud_essd', Size: 20 })).DiskId as string;
    await lab.ecsCall('AttachDisk', { InstanceId: id, DiskId: empty });
    expect(await lab.disk(empty)).toMatchObject({ Status: 'In_use', InstanceId: id, Device: '/dev/xvdb' });
  });
});

describe('console and VNC', () => {
  it('DescribeInstanceVncUrl returns the console page of the instance', async () => {
    const lab = await instanceLab();
    const [id] = await run(lab);
    expect((await lab.ecsCall('DescribeInstanceVncUrl', { InstanceId: id })).VncUrl).toBe(`#/ecs/instances/${id}/console`);
  });

  it('Lab.GetConsoleText / Lab.SendConsoleText go through the ConsolePort; not Running → IncorrectInstanceStatus (403)', async () => {
    const lab = await instanceLab();
    const [id] = await run(lab);
    const typed: [string, string][] = [];
    lab.ecs.setConsolePort({ getText: async (i) => [`LabOS on ${i}`, '$ '], sendText: async (i, text) => { typed.push([i, text]); } });
    expect((await lab.router.call('Lab', 'GetConsoleText', { InstanceId: id })).Lines).toEqual([`LabOS on ${id}`, '$ ']);
    await lab.router.call('Lab', 'SendConsoleText', { InstanceId: id, Text: 'cat motd\n' });
    expect(typed).toEqual([[id, 'cat motd\n']]);
    expect((await rejectionOf(lab.router.call('Lab', 'SendConsoleText', { InstanceId: id, Text: 'x'.repeat(1001) }))).Code).toBe('InvalidParameter');
    await lab.ecsCall('StopInstance', { InstanceId: id });
    await lab.settle();
    for (const action of ['GetConsoleText', 'SendConsoleText']) {
      const error = await rejectionOf(lab.router.call('Lab', action, { InstanceId: id, ...(action === 'SendConsoleText' ? { Text: 'ls\n' } : {}) }));
      expect([action, error.Code, error.HttpStatus]).toEqual([action, 'IncorrectInstanceStatus', 403]);
    }
    expect(typed).toHaveLength(1);
    expect((await rejectionOf(lab.router.call('Lab', 'GetConsoleText', { InstanceId: 'i-doesnotexist000000' }))).Code).toBe('InvalidInstanceId.NotFound');
  });
});
