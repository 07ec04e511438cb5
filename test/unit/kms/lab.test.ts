// Lab GetRegion / SwitchRegion: the current region is lab state (persisted, reset by Reset) and the
// default RegionId of every action.
import { describe, expect, it } from 'vitest';
import { createKmsLab, rejectionOf } from '../../support/kms-harness';
import { LabControls, MemoryLabStateStore } from '../../../web/core/lab/lab-product';
import { createFakeClock } from '../../../web/core/clock';

describe('Lab region', () => {
  it('starts at cn-hangzhou; SwitchRegion makes another region the default RegionId of KMS calls', async () => {
    const lab = await createKmsLab();
    expect((await lab.router.call('Lab', 'GetRegion')).RegionId).toBe('cn-hangzhou');
    // The router of the harness takes its default region from the Lab controls, as compose-lab does.
    const tokyo = await lab.router.call('Lab', 'SwitchRegion', { RegionId: 'ap-northeast-1' });
    expect(tokyo.RegionId).toBe('ap-northeast-1');
    const id = await lab.newKey();
    const { KeyMetadata } = await lab.kmsCall('DescribeKey', { KeyId: id }) as unknown as { KeyMetadata: { Arn: string } };
    expect(KeyMetadata.Arn).toContain(':ap-northeast-1:');
    const inHangzhou = await lab.kmsCall('ListKeys', { RegionId: 'cn-hangzhou' }) as unknown as { Keys: { Key: { KeyId: string }[] } };
    expect(inHangzhou.Keys.Key.map((k) => k.KeyId)).not.toContain(id);
  });

  it('refuses an unknown region with InvalidParameter and keeps the current one', async () => {
    const lab = await createKmsLab();
    const error = await rejectionOf(lab.router.call('Lab', 'SwitchRegion', { RegionId: 'mars-north-1' }));
    expect([error.Code, error.HttpStatus]).toEqual(['InvalidParameter', 400]);
    expect((await lab.router.call('Lab', 'GetRegion')).RegionId).toBe('cn-hangzhou');
  });

  it('persists the region with the lab state and Reset brings back cn-hangzhou', async () => {
    const store = new MemoryLabStateStore();
    const clock = createFakeClock();
    const controls = new LabControls({ clock, store, dueProcessors: [], resetters: [] });
    await controls.load();
    const product = controls.product();
    await product.actions.SwitchRegion.run({ regionId: 'eu-central-1' } as never, {});
    expect(store.state?.currentRegionId).toBe('eu-central-1');
    const reloaded = new LabControls({ clock, store, dueProcessors: [], resetters: [] });
    await reloaded.load();
    expect(reloaded.currentRegionId()).toBe('eu-central-1');
    await reloaded.product().actions.Reset.run({} as never, {});
    expect(reloaded.currentRegionId()).toBe('cn-hangzhou');
  });
});
