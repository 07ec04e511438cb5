// Instances from the in-page terminal (issue 6: "works the same from the console, the terminal and
// window.aliyunLab"): `aliyun ecs RunInstances` with dotted SystemDisk.* and DataDisk.N.* parameters as
// wire strings, DryRun first, then the real launch, then the Lab console actions and a power action.
import { describe, expect, it } from 'vitest';
import { parseCli } from '../../../web/core/api/cli';
import { rejectionOf } from '../../support/kms-harness';
import { disksOf, instanceLab, PUBLIC_IMAGE_ID, statusOf } from './instance-helpers';

async function terminal(lab: Awaited<ReturnType<typeof instanceLab>>, line: string) {
  const command = parseCli(line);
  if (command.kind !== 'call') throw new Error(`expected a call: ${line}`);
  return lab.router.call(command.product, command.action, command.params);
}

describe('instances from the terminal', () => {
  it('RunInstances with dotted disk parameters: DryRun → DryRunOperation (400), then the launch; StopInstance --ForceStop true', async () => {
    const lab = await instanceLab();
    const line = `aliyun ecs RunInstances --RegionId cn-hangzhou --ZoneId cn-hangzhou-h --ImageId ${PUBLIC_IMAGE_ID} --InstanceType ecs.g7.large `
      + '--SystemDisk.Category cloud_essd --SystemDisk.Size 40 --SystemDisk.Encrypted true --DataDisk.1.Category cloud_essd --DataDisk.1.Size 20 --DataDisk.1.DeleteWithInstance false';
    const dry = await rejectionOf(terminal(lab, `${line} --DryRun true`));
    expect([dry.Code, dry.HttpStatus]).toEqual(['DryRunOperation', 400]);
    expect((await lab.ecsCall('DescribeInstances')).TotalCount).toBe(0);
    const id = ((await terminal(lab, line)).InstanceIdSets as { InstanceIdSet: string[] }).InstanceIdSet[0];
    await lab.settle();
    expect(await statusOf(lab, id)).toBe('Running');
    const disks = await disksOf(lab, id);
    expect(disks.map((d) => [d.Type, d.Size, d.Encrypted, d.DeleteWithInstance])).toEqual([['system', 40, true, true], ['data', 20, false, false]]);
    await terminal(lab, `aliyun ecs StopInstance --InstanceId ${id} --ForceStop true`);
    await lab.settle();
    expect(await statusOf(lab, id)).toBe('Stopped');
    const notRunning = await rejectionOf(terminal(lab, `aliyun lab GetConsoleText --InstanceId ${id}`));
    expect([notRunning.Code, notRunning.HttpStatus]).toEqual(['IncorrectInstanceStatus', 403]);
  });
});
