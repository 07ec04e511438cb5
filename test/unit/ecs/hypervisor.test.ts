// The hypervisor (issue 6 items 2–3; guest-boot.md "Hang semantics"): data keys fetched from the KMS as
// ECS at every start (an audited Decrypt), kept while the key is disabled, released at stop; a guest
// reboot with the key disabled leaves the machine 'refused' (no sector answered) and Running; after
// EnableKey a forced reboot brings it back with everything written before.
import { beforeEach, describe, expect, it } from 'vitest';
import type { EcsLab } from '../../support/ecs-harness';
import { rejectionOf } from '../../support/kms-harness';
import { decrypts, disksOf, hda, on, run, sector, settledOrPending, statusOf, instanceLab } from './instance-helpers';

let lab: EcsLab;
let cmk: string;
beforeEach(async () => {
  lab = await instanceLab();
  cmk = await lab.newKey();
  await lab.authorize();
});

const encryptedCmk = () => ({ 'SystemDisk.Encrypted': true, 'SystemDisk.KMSKeyId': cmk });

describe('power-on fetches the data keys', () => {
  it('RunInstances with an encrypted system disk: Running, the key fetched by ECS\'s role (a Decrypt in the trail), the guest reads the image', async () => {
    const [id] = await run(lab, encryptedCmk());
    expect(await statusOf(lab, id)).toBe('Running');
    const state = on(lab.ecs.hypervisor.state(id));
    expect(state.metadata).toEqual({ 'instance-id': id, hostname: id });
    expect(state.bootCount).toBe(1);
    // One Decrypt for the copy that encrypted the image's data under the new data key, one at boot.
    const trail = await decrypts(lab);
    expect(trail).toHaveLength(2);
    for (const record of trail) expect(record).toMatchObject({ outcome: 'Success', keyId: cmk, caller: { type: 'assumed-role' } });
    const kinds = lab.ecs.hypervisor.events(id).map((e) => e.kind);
    expect(kinds).toEqual(['key-fetched', 'power-on']);
    expect(lab.ecs.hypervisor.events(id)[0]).toMatchObject({ reason: 'RunInstances', keyId: cmk, requestId: trail[1].requestId });
    // The guest's first sector is the image's boot sector (0x55AA), decrypted through the pool.
    const mbr = await hda(lab, id).read(0, 1);
    expect([mbr[510], mbr[511]]).toEqual([0x55, 0xaa]);
  });

  it('an unencrypted system disk makes no KMS call at boot', async () => {
    const [id] = await run(lab);
    expect(on(lab.ecs.hypervisor.state(id)).disks.map((d) => d.slot)).toEqual(['hda']);
    expect(await decrypts(lab)).toHaveLength(0);
    expect(lab.ecs.hypervisor.events(id).map((e) => e.kind)).toEqual(['no-key-needed', 'power-on']);
  });

  it('GuestDiskPort.sizeBytes is the storage disk\'s real size (a 40 GiB system disk from the 20 GiB image is 20 GiB underneath)', async () => {
    const [id] = await run(lab, { 'SystemDisk.Size': 40 });
    expect((await disksOf(lab, id))[0]).toMatchObject({ Size: 40, Type: 'system' });
    expect(hda(lab, id).sizeBytes).toBe(20 * 2 ** 30);
  });
});

describe('a refused key (the FAQ flow)', () => {
  it('DisableKey: the running guest keeps working; a guest reboot → refused, Running, a refused Decrypt in the trail, no sector answered; EnableKey + RebootInstance ForceStop → on, data still there', async () => {
    const [id] = await run(lab, encryptedCmk());
    const before = hda(lab, id);
    await before.write(100, sector('hello from before the reboot'));
    await lab.kmsCall('DisableKey', { KeyId: cmk });
    // Still running on the key in memory.
    await before.write(101, sector('written while the key is disabled'));
    expect(new TextDecoder().decode((await before.read(100, 1)).subarray(0, 28))).toBe('hello from before the reboot');

    const state = await lab.ecs.hypervisor.powerCycle(id, 'guest-reboot');
    expect(state.kind).toBe('refused');
    expect(state.kind === 'refused' && state.error.code).toBe('InvalidParameter.KMSKeyId.CMKNotEnabled');
    expect(await statusOf(lab, id)).toBe('Running');
    // The old machine's disk never answers again.
    expect(await settledOrPending(before.read(0, 1))).toBe('pending');
    const refused = lab.ecs.hypervisor.events(id).at(-1)!;
    expect(refused).toMatchObject({ kind: 'key-refused', reason: 'guest-reboot', code: 'InvalidParameter.KMSKeyId.CMKNotEnabled', keyId: cmk });
    const failed = (await decrypts(lab)).filter((r) => r.outcome === 'Failure');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ errorCode: 'Rejected.Disabled', requestId: refused.requestId });
    // The released keys were zeroed in the pool.
    expect(lab.ecs.hypervisor.events(id).map((e) => e.kind)).toContain('keys-released');

    // The API refuses too, and changes nothing.
    const error = await rejectionOf(lab.ecsCall('RebootInstance', { InstanceId: id, ForceStop: true }));
    expect([error.Code, error.HttpStatus]).toEqual(['InvalidParameter.KMSKeyId.CMKNotEnabled', 400]);
    expect(lab.ecs.hypervisor.state(id).kind).toBe('refused');

    await lab.kmsCall('EnableKey', { KeyId: cmk });
    await lab.ecsCall('RebootInstance', { InstanceId: id, ForceStop: true });
    await lab.settle();
    expect(await statusOf(lab, id)).toBe('Running');
    const after = hda(lab, id);
    expect(on(lab.ecs.hypervisor.state(id)).bootCount).toBe(2);
    expect(new TextDecoder().decode((await after.read(100, 1)).subarray(0, 28))).toBe('hello from before the reboot');
    expect(new TextDecoder().decode((await after.read(101, 1)).subarray(0, 33))).toBe('written while the key is disabled');
  });
});
