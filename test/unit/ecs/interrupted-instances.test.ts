// Instances a closed page left in a transitional status (web/interrupted-jobs.ts): Starting → Running,
// Stopping → Stopped, Pending with its disks made → Running (first boot at the host), Pending whose disk
// creation was cut off → deleted with the disks made for it. The page "closes" with its jobs paused.
import { describe, expect, it } from 'vitest';
import { settleInterruptedJobs } from '../../../web/interrupted-jobs';
import { instanceLab, launch, run, statusOf } from './instance-helpers';

const noLocks = { isHeld: async () => false };

describe('settleInterruptedJobs and instances', () => {
  it('Starting → Running, Stopping → Stopped, Pending with its disks → Running; a held job lock is left alone', async () => {
    const lab = await instanceLab();
    const [starting, stopping, held] = await run(lab, { Amount: 3 });
    await lab.ecsCall('StopInstance', { InstanceId: starting });
    await lab.settle();
    lab.ecs.jobs.pause();
    await lab.ecsCall('StartInstance', { InstanceId: starting });
    await lab.ecsCall('StopInstances', { InstanceId: [stopping, held] });
    const pending = ((await lab.ecsCall('RunInstances', launch)).InstanceIdSets as { InstanceIdSet: string[] }).InstanceIdSet[0];
    const report = await settleInterruptedJobs({ store: lab.ecsStore, disks: lab.disks, locks: { isHeld: async (name) => name === `ecs-job:${held}` } });
    expect(report).toMatchObject({ runningInstances: [starting, pending], stoppedInstances: [stopping], deletedInstances: [] });
    expect(await statusOf(lab, starting)).toBe('Running');
    expect(await statusOf(lab, stopping)).toBe('Stopped');
    expect(await statusOf(lab, held)).toBe('Stopping');
    expect(await lab.ecsStore.getInstance(pending)).toMatchObject({ Status: 'Running', bootCount: 1 });
  });

  it('Pending whose system disk was still being re-encrypted: the disk and the instance are deleted, with their storage', async () => {
    const lab = await instanceLab();
    lab.ecs.jobs.pause();
    const r = await lab.ecsCall('RunInstances', { ...launch, 'SystemDisk.Encrypted': true, DataDisk: [{ Size: 20 }] });
    const id = (r.InstanceIdSets as { InstanceIdSet: string[] }).InstanceIdSet[0];
    const disks = (await lab.ecsStore.listDisks()).filter((d) => d.InstanceId === id);
    expect(disks.map((d) => d.Status)).toEqual(['Creating', 'In_use']);
    const dataStorage = disks[1].storageDiskId;
    const report = await settleInterruptedJobs({ store: lab.ecsStore, disks: lab.disks, locks: noLocks });
    expect(report.deletedInstances).toEqual([id]);
    expect(report.deletedDisks).toEqual([disks[0].DiskId]);
    expect(report.freedStorage).toContain(dataStorage);
    expect(await lab.ecsStore.getInstance(id)).toBeUndefined();
    expect((await lab.ecsStore.listDisks()).filter((d) => d.InstanceId === id)).toEqual([]);
    expect(await lab.disks.getDisk(dataStorage)).toBeUndefined();
  });
});
