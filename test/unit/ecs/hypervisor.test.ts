// The hypervisor (issue 6 items 2–3; guest-boot.md "Hang semantics"): data keys fetched from the KMS as
// ECS at every start (an audited Decrypt), kept while the key is disabled, released at stop; a guest
// reboot with the key disabled leaves the machine 'refused' (no sector answered) and Running; after
// EnableKey a forced reboot brings it back with everything written before.
import { beforeEach, describe, expect, it } from 'vitest';
import { EcsService } from '../../../web/core/ecs/ecs-service';
import type { EcsLab } from '../../support/ecs-harness';
import { rejectionOf } from '../../support/kms-harness';
import { decrypts, disksOf, hda, instanceLab, launch, on, run, sector, settledOrPending, statusOf } from './instance-helpers';

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

  it('a system disk asked bigger than its image is that big for the guest (40 GiB from the 20 GiB image), plain and re-encrypted', async () => {
    const [plain] = await run(lab, { 'SystemDisk.Size': 40 });
    expect((await disksOf(lab, plain))[0]).toMatchObject({ Size: 40, Type: 'system' });
    expect(hda(lab, plain).sizeBytes).toBe(40 * 2 ** 30);
    const [encrypted] = await run(lab, { 'SystemDisk.Size': 48, 'SystemDisk.Encrypted': true });
    expect(hda(lab, encrypted).sizeBytes).toBe(48 * 2 ** 30);
    expect(await hda(lab, encrypted).read(40 * 2 ** 21, 1)).toEqual(new Uint8Array(512));
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

/** Data keys loaded into the pool and not released yet (the hypervisor's, once the jobs have settled). */
function countLiveKeys(target: EcsLab): () => number {
  const live = new Set<string>();
  const load = target.cipher.loadWrappedKey.bind(target.cipher);
  const release = target.cipher.releaseKey.bind(target.cipher);
  target.cipher.loadWrappedKey = async (key) => { const h = await load(key); live.add(h); return h; };
  target.cipher.releaseKey = async (handle) => { live.delete(handle); await release(handle); };
  return () => live.size;
}

async function destroy(keyId: string) {
  await lab.kmsCall('ScheduleKeyDeletion', { KeyId: keyId, PendingWindowInDays: 7 });
  await lab.router.call('Lab', 'AdvanceClock', { Days: 8 });
}

describe('KMS error paths of StartInstance / RebootInstance (issue 6 item 3)', () => {
  it('AttachDisk and CreateSnapshot of an encrypted disk call KMS (T-35): key disabled → CMKNotEnabled, destroyed → KMSKeyIdNotFound (403), nothing changed', async () => {
    const [id] = await run(lab);
    const data = (await lab.ecsCall('CreateDisk', { ZoneId: 'cn-hangzhou-h', DiskCategory: 'cloud_essd', Size: 20, Encrypted: true, KMSKeyId: cmk })).DiskId as string;
    await lab.kmsCall('DisableKey', { KeyId: cmk });
    const before = lab.snapshotState();
    const disabled = await rejectionOf(lab.ecsCall('AttachDisk', { InstanceId: id, DiskId: data }));
    expect([disabled.Code, disabled.HttpStatus]).toEqual(['InvalidParameter.KMSKeyId.CMKNotEnabled', 400]);
    expect((await rejectionOf(lab.ecsCall('CreateSnapshot', { DiskId: data }))).Code).toBe('InvalidParameter.KMSKeyId.CMKNotEnabled');
    expect(lab.snapshotState()).toBe(before);
    await lab.kmsCall('EnableKey', { KeyId: cmk });
    await lab.ecsCall('AttachDisk', { InstanceId: id, DiskId: data });
    expect(await lab.disk(data)).toMatchObject({ Status: 'In_use', InstanceId: id });
    await lab.ecsCall('DetachDisk', { InstanceId: id, DiskId: data });
    await destroy(cmk);
    const gone = await rejectionOf(lab.ecsCall('AttachDisk', { InstanceId: id, DiskId: data }));
    expect([gone.Code, gone.HttpStatus]).toEqual(['InvalidOperation.KMSKeyIdNotFound', 403]);
    expect((await rejectionOf(lab.ecsCall('CreateSnapshot', { DiskId: data }))).Code).toBe('InvalidOperation.KMSKeyIdNotFound');
    expect(await lab.disk(data)).toMatchObject({ Status: 'Available', InstanceId: '' });
  });

  it('StartInstance with the key disabled → CMKNotEnabled (400), still Stopped, nothing changed; after EnableKey it starts', async () => {
    const [id] = await run(lab, encryptedCmk());
    await lab.ecsCall('StopInstance', { InstanceId: id });
    await lab.settle();
    await lab.kmsCall('DisableKey', { KeyId: cmk });
    for (const [action, params] of [['StartInstance', { InstanceId: id }], ['StartInstances', { InstanceId: [id] }]] as const) {
      const before = lab.snapshotState();
      const error = await rejectionOf(lab.ecsCall(action, params));
      expect([action, error.Code, error.HttpStatus]).toEqual([action, 'InvalidParameter.KMSKeyId.CMKNotEnabled', 400]);
      expect(lab.snapshotState()).toBe(before);
      expect(lab.ecs.hypervisor.state(id).kind).toBe('off');
    }
    const perInstance = await lab.ecsCall('StartInstances', { InstanceId: [id], BatchOptimization: 'SuccessFirst' });
    expect(perInstance.InstanceResponses).toEqual({ InstanceResponse: [expect.objectContaining({ Code: 'InvalidParameter.KMSKeyId.CMKNotEnabled', CurrentStatus: 'Stopped' })] });
    await lab.kmsCall('EnableKey', { KeyId: cmk });
    await lab.ecsCall('StartInstance', { InstanceId: id });
    await lab.settle();
    expect(await statusOf(lab, id)).toBe('Running');
  });

  it('RebootInstance with the key disabled → CMKNotEnabled (400) and the running session is kept (same machine, still answering)', async () => {
    const [id] = await run(lab, encryptedCmk());
    const session = on(lab.ecs.hypervisor.state(id));
    await lab.kmsCall('DisableKey', { KeyId: cmk });
    const before = lab.snapshotState();
    for (const params of [{ InstanceId: id }, { InstanceId: id, ForceStop: true }]) {
      const error = await rejectionOf(lab.ecsCall('RebootInstance', params));
      expect([error.Code, error.HttpStatus]).toEqual(['InvalidParameter.KMSKeyId.CMKNotEnabled', 400]);
    }
    expect((await rejectionOf(lab.ecsCall('RebootInstances', { InstanceId: [id] }))).Code).toBe('InvalidParameter.KMSKeyId.CMKNotEnabled');
    expect(lab.snapshotState()).toBe(before);
    expect(lab.ecs.hypervisor.state(id)).toBe(session);
    const mbr = await session.disks[0].read(0, 1);
    expect(mbr[510]).toBe(0x55);
  });

  it('a destroyed key → InvalidOperation.KMSKeyIdNotFound (403) at start and reboot; a key pending deletion → CMKNotEnabled', async () => {
    const [running, stopped] = await run(lab, { ...encryptedCmk(), Amount: 2 });
    await lab.ecsCall('StopInstance', { InstanceId: stopped });
    await lab.settle();
    await lab.kmsCall('ScheduleKeyDeletion', { KeyId: cmk, PendingWindowInDays: 7 });
    expect((await rejectionOf(lab.ecsCall('StartInstance', { InstanceId: stopped }))).Code).toBe('InvalidParameter.KMSKeyId.CMKNotEnabled');
    await lab.router.call('Lab', 'AdvanceClock', { Days: 8 });
    const before = lab.snapshotState();
    const start = await rejectionOf(lab.ecsCall('StartInstance', { InstanceId: stopped }));
    expect([start.Code, start.HttpStatus]).toEqual(['InvalidOperation.KMSKeyIdNotFound', 403]);
    const reboot = await rejectionOf(lab.ecsCall('RebootInstance', { InstanceId: running, ForceStop: true }));
    expect([reboot.Code, reboot.HttpStatus]).toEqual(['InvalidOperation.KMSKeyIdNotFound', 403]);
    expect(lab.snapshotState()).toBe(before);
    // A guest reboot now: refused with the same code, the black screen for good.
    const state = await lab.ecs.hypervisor.powerCycle(running, 'ctrl-alt-del');
    expect(state.kind === 'refused' && [state.error.code, state.error.httpStatus]).toEqual(['InvalidOperation.KMSKeyIdNotFound', 403]);
    expect((await decrypts(lab)).at(-1)).toMatchObject({ outcome: 'Failure', errorCode: 'Forbidden.KeyNotFound' });
  });

  it('StopInstance (ForceStop) and DeleteInstance work whatever the key state, and release the keys', async () => {
    const live = countLiveKeys(lab);
    const [a, b, c] = await run(lab, { ...encryptedCmk(), Amount: 3 });
    expect(live()).toBe(3);
    await lab.kmsCall('DisableKey', { KeyId: cmk });
    await lab.ecsCall('StopInstance', { InstanceId: a, ForceStop: true });
    await lab.settle();
    expect(await statusOf(lab, a)).toBe('Stopped');
    expect(live()).toBe(2);
    await lab.ecsCall('DeleteInstance', { InstanceId: b, Force: true });
    expect(live()).toBe(1);
    // A refused machine (black screen) can be stopped and deleted too.
    expect((await lab.ecs.hypervisor.powerCycle(c, 'guest-reboot')).kind).toBe('refused');
    expect(live()).toBe(0);
    await destroy(cmk);
    await lab.ecsCall('StopInstance', { InstanceId: c, ForceStop: true });
    await lab.settle();
    expect(lab.ecs.hypervisor.state(c).kind).toBe('off');
    await lab.ecsCall('DeleteInstances', { InstanceId: [a, c] });
    expect((await lab.ecsCall('DescribeInstances')).TotalCount).toBe(0);
  });

  it('Stop then Start after EnableKey also brings the machine back with its data', async () => {
    const [id] = await run(lab, encryptedCmk());
    await hda(lab, id).write(2000, sector('kept across stop and start'));
    await lab.kmsCall('DisableKey', { KeyId: cmk });
    expect((await lab.ecs.hypervisor.powerCycle(id, 'guest-reboot')).kind).toBe('refused');
    await lab.ecsCall('StopInstance', { InstanceId: id });
    await lab.settle();
    await lab.kmsCall('EnableKey', { KeyId: cmk });
    await lab.ecsCall('StartInstance', { InstanceId: id });
    await lab.settle();
    expect(new TextDecoder().decode((await hda(lab, id).read(2000, 1)).subarray(0, 26))).toBe('kept across stop and start');
  });
});

describe('the service key path', () => {
  it('an encrypted system disk under the service key: fetched by ECS itself (system caller); the key cannot be disabled, so a guest reboot always comes back', async () => {
    const [id] = await run(lab, { 'SystemDisk.Encrypted': true });
    const system = (await disksOf(lab, id))[0];
    const boot = (await decrypts(lab)).at(-1)!;
    expect(boot).toMatchObject({ outcome: 'Success', keyId: system.KMSKeyId, caller: { type: 'system', principalId: 'ecs.aliyuncs.com' } });
    const disable = await rejectionOf(lab.kmsCall('DisableKey', { KeyId: system.KMSKeyId }));
    expect(disable.Code).toBe('Rejected.StateModifiedFailed');
    await hda(lab, id).write(300, sector('service key data'));
    expect(on(await lab.ecs.hypervisor.powerCycle(id, 'guest-reboot')).bootCount).toBe(1);
    expect(new TextDecoder().decode((await hda(lab, id).read(300, 1)).subarray(0, 16))).toBe('service key data');
  });
});

describe('what depends on a key', () => {
  it('keyDependents lists the instances with a disk under the key (system or data), not the others', async () => {
    const [bySystem] = await run(lab, encryptedCmk());
    const [byData] = await run(lab, { 'DataDisk.1.Category': 'cloud_essd', 'DataDisk.1.Size': 20, 'DataDisk.1.Encrypted': true, 'DataDisk.1.KMSKeyId': cmk });
    const [other] = await run(lab, { 'SystemDisk.Encrypted': true });
    const deps = await lab.ecs.keyDependents(cmk);
    expect(deps.Instances.map((i) => i.InstanceId).sort()).toEqual([bySystem, byData].sort());
    expect(deps.Instances.find((i) => i.InstanceId === bySystem)).toMatchObject({ Status: 'Running', RegionId: 'cn-hangzhou' });
    expect(deps.Instances.map((i) => i.InstanceId)).not.toContain(other);
    expect(deps.total).toBe(2); // the two disks
  });
});

describe('power cycles, guest power-off, reset, reload', () => {
  it('powerCycle of a Stopped or unknown instance gives off; a guest power-off releases the keys and stops the instance (no call record)', async () => {
    const live = countLiveKeys(lab);
    const [id] = await run(lab, encryptedCmk());
    const records = (await lab.auditStore.list()).length;
    const heard: string[] = [];
    lab.ecs.jobs.onSettled = (resourceId, kind) => heard.push(`${resourceId} ${kind}`);
    await lab.ecs.hypervisor.guestPowerOff(id);
    expect(await statusOf(lab, id)).toBe('Stopped');
    expect(heard).toEqual([`${id} GuestPowerOff`]); // the pages and other tabs refresh
    expect(live()).toBe(0);
    expect((await lab.auditStore.list()).length).toBe(records);
    expect(lab.ecs.hypervisor.events(id).slice(-2).map((e) => [e.kind, e.reason])).toEqual([['keys-released', undefined], ['power-off', 'guest-poweroff']]);
    expect((await lab.ecs.hypervisor.powerCycle(id, 'host-restart')).kind).toBe('off');
    expect((await lab.ecs.hypervisor.powerCycle('i-doesnotexist000000', 'host-restart')).kind).toBe('off');
  });

  it('subscribers hear of every change; events carry the lab clock', async () => {
    const heard: string[] = [];
    const stop = lab.ecs.hypervisor.subscribe((id) => heard.push(id));
    const [id] = await run(lab);
    expect(heard).toContain(id);
    expect(lab.ecs.hypervisor.events(id)[0].atMs).toBe(lab.clock.nowMs());
    stop();
    heard.length = 0;
    await lab.ecs.hypervisor.powerCycle(id, 'guest-reboot');
    expect(heard).toEqual([]);
  });

  it('a new generation at every power-on; the old machine\'s disk never answers again', async () => {
    const [id] = await run(lab);
    const first = on(lab.ecs.hypervisor.state(id));
    const second = on(await lab.ecs.hypervisor.powerCycle(id, 'ctrl-alt-del'));
    expect(second.generation).toBeGreaterThan(first.generation);
    expect(await settledOrPending(first.disks[0].write(10, sector('late')))).toBe('pending');
    expect((await second.disks[0].read(10, 1))[0]).toBe(0);
  });

  it('Lab Reset (EcsService.reset, as compose-lab wires it) releases every key and forgets every machine', async () => {
    const live = countLiveKeys(lab);
    const [id] = await run(lab, encryptedCmk());
    expect(live()).toBe(1);
    await lab.ecs.reset();
    expect(live()).toBe(0);
    expect(lab.ecs.hypervisor.state(id).kind).toBe('off');
    expect(lab.ecs.hypervisor.events(id)).toEqual([]);
    expect(await lab.ecsStore.listInstances()).toEqual([]);
  });

  it('after a reload (a new EcsService over the same stores) the instance is Running with no session; host-restart boots it through the KMS', async () => {
    const [id] = await run(lab, encryptedCmk());
    await hda(lab, id).write(77, sector('before the reload'));
    const reloaded = new EcsService({
      store: lab.ecsStore, disks: lab.disks, cipher: lab.cipher, kms: lab.kms, ram: lab.ram, audit: lab.audit, clock: lab.clock,
      randomId: () => 'x'.repeat(18), publicImageContents: () => [], instanceStepMs: 0,
    });
    expect(reloaded.hypervisor.state(id).kind).toBe('off');
    const state = on(await reloaded.hypervisor.powerCycle(id, 'host-restart'));
    expect(state.bootCount).toBe(1);
    expect(new TextDecoder().decode((await state.disks[0].read(77, 1)).subarray(0, 17))).toBe('before the reload');
    expect(reloaded.hypervisor.events(id).map((e) => [e.kind, e.reason])).toEqual([['key-fetched', 'host-restart'], ['power-on', 'host-restart']]);
  });

  it('a key disabled between RunInstances and the first boot: the instance ends Stopped, the refusal on the panel', async () => {
    const [source] = await run(lab, encryptedCmk());
    const image = (await lab.ecsCall('CreateImage', { InstanceId: source })).ImageId as string;
    await lab.settle();
    lab.ecs.jobs.pause();
    const r = await lab.ecsCall('RunInstances', { ...launch, ImageId: image });
    const id = (r.InstanceIdSets as { InstanceIdSet: string[] }).InstanceIdSet[0];
    await lab.kmsCall('DisableKey', { KeyId: cmk });
    lab.ecs.jobs.resume();
    await lab.settle();
    expect(await statusOf(lab, id)).toBe('Stopped');
    expect(lab.ecs.hypervisor.events(id).at(-1)).toMatchObject({ kind: 'key-refused', reason: 'RunInstances', code: 'InvalidParameter.KMSKeyId.CMKNotEnabled' });
  });
});
