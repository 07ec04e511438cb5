// The ECS console's pure helpers: addresses, the default-key rule and its reason, the §5 limits as
// reasons, size validation per category, key health, and the lineage graph with its layout.
import { describe, expect, it } from 'vitest';
import { en } from '../../web/i18n/en';
import { ja } from '../../web/i18n/ja';
import { progressPercent } from '../../web/ui/ecs/ecs-client';
import { consoleHref, ecsHref, ecsLocationFromHash, resourceHref } from '../../web/ui/ecs/ecs-route';
import { categoryBlockedReason, checkSize, cmkBlockedReason, defaultKey, encryptionBlockedReason, keyHealth, type CategoryInfo } from '../../web/ui/ecs/key-rules';
import { buildLineage, edgePath, keySubgraph, layoutLineage, NODE_WIDTH, type LineageInput } from '../../web/ui/lineage/lineage';
import { routeFromHash } from '../../web/ui/route';

const essd: CategoryInfo = { DiskCategory: 'cloud_essd', isEssdSeries: true, isEncryptable: true, min: 20, max: 65536 };
const ssd: CategoryInfo = { DiskCategory: 'cloud_ssd', isEssdSeries: false, isEncryptable: true, min: 20, max: 32768 };
const ephemeral: CategoryInfo = { DiskCategory: 'elastic_ephemeral_disk_standard', isEssdSeries: false, isEncryptable: false, min: 64, max: 8192 };

describe('ECS addresses', () => {
  it('routes #/ecs/… to the ECS page and reads section, id and query back', () => {
    expect(routeFromHash('#/ecs/disks/d-1')).toBe('ecs');
    expect(ecsLocationFromHash('#/ecs')).toEqual({ section: 'disks', query: {} });
    expect(ecsLocationFromHash('#/ecs/snapshots/s-abc?region=cn-shanghai')).toEqual({ section: 'snapshots', id: 's-abc', query: { region: 'cn-shanghai' } });
    expect(ecsLocationFromHash('#/ecs/encryption/x')).toEqual({ section: 'encryption', query: {} });
    expect(ecsLocationFromHash('#/ecs/nowhere')).toEqual({ section: 'disks', query: {} });
    expect(ecsLocationFromHash('#/ecs/instances/i-abc/console')).toEqual({ section: 'instances', id: 'i-abc', sub: 'console', query: {} });
    expect(ecsLocationFromHash(consoleHref('i-x y'))).toEqual({ section: 'instances', id: 'i-x y', sub: 'console', query: {} });
    expect(ecsLocationFromHash('#/ecs/disks/d-1/console')).toEqual({ section: 'disks', id: 'd-1', query: {} });
    expect(resourceHref('i-abc')).toBe('#/ecs/instances/i-abc');
    expect(ecsLocationFromHash(ecsHref('disks', undefined, { create: '1', snapshot: 's-1', empty: '' }))).toEqual({ section: 'disks', query: { create: '1', snapshot: 's-1' } });
  });

  it('links a resource id to its page, naming its region only when it is not the current one', () => {
    expect(resourceHref('d-1', 'cn-hangzhou', 'cn-hangzhou')).toBe('#/ecs/disks/d-1');
    expect(resourceHref('s-1', 'cn-shanghai', 'cn-hangzhou')).toBe('#/ecs/snapshots/s-1?region=cn-shanghai');
    expect(resourceHref('m-1')).toBe('#/ecs/images/m-1');
    expect(resourceHref('x-1')).toBeUndefined();
  });
});

describe('default key rules', () => {
  it('from an unshared encrypted snapshot: its key, encryption forced', () => {
    const rule = defaultKey({ SnapshotId: 's-1', Encrypted: true, KMSKeyId: 'k-1', isShared: false, size: 20 }, { Encrypted: true, KMSKeyId: 'k-default' });
    expect(rule).toMatchObject({ rule: 'snapshot-key', keyId: 'k-1', isEncryptionForced: true });
  });

  it('from a shared encrypted snapshot: the service key of your account, encryption forced', () => {
    expect(defaultKey({ SnapshotId: 's-1', Encrypted: true, KMSKeyId: 'k-owner', isShared: true, size: 20 }, undefined)).toMatchObject({ rule: 'shared-service-key', isEncryptionForced: true });
  });

  it('with account-level default encryption on: the account default key', () => {
    expect(defaultKey(undefined, { Encrypted: true, KMSKeyId: 'k-default' })).toMatchObject({ rule: 'account-default', keyId: 'k-default', isEncryptionForced: true });
    expect(defaultKey({ SnapshotId: 's-1', Encrypted: false, KMSKeyId: '', isShared: false, size: 20 }, { Encrypted: true })).toMatchObject({ rule: 'account-default' });
  });

  it('otherwise: the service key alias/acs/ecs, encryption optional', () => {
    expect(defaultKey(undefined, { Encrypted: false })).toMatchObject({ rule: 'service-key', isEncryptionForced: false });
  });

  it('has one sentence per rule in English and Japanese, naming the key', () => {
    for (const key of ['ecs.rule.snapshot-key', 'ecs.rule.shared-service-key', 'ecs.rule.account-default', 'ecs.rule.service-key'] as const) {
      expect(en[key]).toContain('{key}');
      expect(ja[key]).toContain('{key}');
    }
  });
});

describe('limits as reasons', () => {
  it('no encryption in cn-nanjing / ap-northeast-2, no CMK in cn-fuzhou / ap-southeast-7', () => {
    expect(encryptionBlockedReason({ EncryptionSupported: false, CmkSupported: false }, essd, false)).toBe('ecs.limit.noEncryptionRegion');
    expect(cmkBlockedReason({ EncryptionSupported: true, CmkSupported: false })).toBe('ecs.limit.noCmkRegion');
    expect(cmkBlockedReason({ EncryptionSupported: true, CmkSupported: true })).toBeUndefined();
    expect(encryptionBlockedReason({ EncryptionSupported: true, CmkSupported: true }, essd, true)).toBeUndefined();
  });

  it('ESSD series only for an encrypted disk from a snapshot; ephemeral disks never', () => {
    expect(encryptionBlockedReason(undefined, ssd, true)).toBe('ecs.limit.essdOnly');
    expect(encryptionBlockedReason(undefined, ssd, false)).toBeUndefined();
    expect(categoryBlockedReason(ssd, { isEncrypted: true, isFromSnapshot: true })).toBe('ecs.limit.essdOnly');
    expect(categoryBlockedReason(ssd, { isEncrypted: false, isFromSnapshot: true })).toBeUndefined();
    expect(categoryBlockedReason(ephemeral, { isEncrypted: true, isFromSnapshot: false })).toBe('ecs.limit.categoryNotEncryptable');
  });
});

describe('size validation', () => {
  it('accepts sizes in the category range and refuses others with the range', () => {
    expect(checkSize('20', essd)).toEqual({ size: 20 });
    expect(checkSize('19', essd)).toMatchObject({ errorKey: 'ecs.size.outOfRange', params: { min: 20, max: 65536 } });
    expect(checkSize('65537', essd)).toMatchObject({ errorKey: 'ecs.size.outOfRange' });
    expect(checkSize('2.5', essd)).toMatchObject({ errorKey: 'ecs.size.notInteger' });
    expect(checkSize('', essd)).toMatchObject({ errorKey: 'ecs.size.required' });
  });

  it('from a snapshot: empty means the snapshot size, smaller is refused', () => {
    expect(checkSize('', essd, 40)).toEqual({ size: 40 });
    expect(checkSize('30', essd, 40)).toMatchObject({ errorKey: 'ecs.size.belowSnapshot', params: { snapshot: 40 } });
  });

  it('reads Progress', () => {
    expect(progressPercent('45%')).toBe(45);
    expect(progressPercent('')).toBe(0);
  });
});

describe('key health', () => {
  it('marks data under a disabled, pending or destroyed key', () => {
    expect(keyHealth('Enabled')).toBe('readable');
    expect(keyHealth('Disabled')).toBe('unreadable');
    expect(keyHealth('PendingDeletion')).toBe('unreadable');
    expect(keyHealth('NotFound')).toBe('unrecoverable');
    expect(keyHealth(undefined)).toBe('unknown');
  });
});

const T = (n: number) => `2026-01-01T00:00:${String(n).padStart(2, '0')}Z`;
const input: LineageInput = {
  keys: [{ KeyId: 'kA', label: 'alias/a', KeyState: 'Enabled' }, { KeyId: 'kB', label: 'kB' }],
  disks: [
    { DiskId: 'd-1', RegionId: 'r', Encrypted: true, KMSKeyId: 'kA', SourceSnapshotId: '', CreationTime: T(1) },
    { DiskId: 'd-2', RegionId: 'r', Encrypted: true, KMSKeyId: 'kB', SourceSnapshotId: 's-2', CreationTime: T(4) },
    { DiskId: 'd-3', RegionId: 'r', Encrypted: true, KMSKeyId: 'kA', SourceSnapshotId: 's-1', CreationTime: T(5) },
  ],
  snapshots: [
    { SnapshotId: 's-1', RegionId: 'r', Encrypted: true, KMSKeyId: 'kA', SourceDiskId: 'd-1', SourceSnapshotId: '', CreationTime: T(2) },
    { SnapshotId: 's-2', RegionId: 'r', Encrypted: true, KMSKeyId: 'kB', SourceDiskId: 'd-1', SourceSnapshotId: 's-1', CreationTime: T(3) },
    { SnapshotId: 's-img', RegionId: 'r', Encrypted: true, KMSKeyId: 'kA', SourceDiskId: 'd-1', SourceSnapshotId: 's-1', CreationTime: T(7) },
  ],
  images: [
    { ImageId: 'm-1', RegionId: 'r', Encrypted: true, KMSKeyId: 'kA', SourceImageId: '', CreationTime: T(6), ImageOwnerAlias: 'self', DiskDeviceMappings: { DiskDeviceMapping: [{ SnapshotId: 's-1' }] } },
    { ImageId: 'm-2', RegionId: 'r', Encrypted: true, KMSKeyId: 'kA', SourceImageId: 'm-1', CreationTime: T(7), ImageOwnerAlias: 'self', DiskDeviceMappings: { DiskDeviceMapping: [{ SnapshotId: 's-img' }] } },
    { ImageId: 'labos', RegionId: 'r', Encrypted: false, KMSKeyId: '', SourceImageId: '', CreationTime: '', ImageOwnerAlias: 'system' },
  ],
};

describe('lineage graph', () => {
  const graph = buildLineage(input);
  const edge = (from: string, to: string) => graph.edges.find((e) => e.from === from && e.to === to)?.kind;

  it('draws key → data key → disk → snapshot → image and copies, leaving out public images', () => {
    expect(edge('key:kA', 'dk:d-1')).toBe('wraps');
    expect(edge('dk:d-1', 'd-1')).toBe('encrypts');
    expect(edge('d-1', 's-1')).toBe('snapshot');
    expect(edge('s-1', 'd-3')).toBe('disk');
    expect(edge('s-1', 'm-1')).toBe('image');
    expect(edge('m-1', 'm-2')).toBe('copy');
    expect(edge('s-1', 's-2')).toBe('copy');
    expect(graph.nodes.some((n) => n.id === 'labos' || n.id === 's-img')).toBe(false);
  });

  it('infers data keys: the same key along a copy keeps it, another key makes a new one', () => {
    const dataKeys = graph.nodes.filter((n) => n.kind === 'datakey').map((n) => n.id).sort();
    expect(dataKeys).toEqual(['dk:d-1', 'dk:s-2']);
    expect(edge('key:kB', 'dk:s-2')).toBe('wraps');
    expect(graph.edges.some((e) => e.to === 'd-2' && e.kind === 'encrypts')).toBe(false); // d-2 shares s-2's data key
  });

  it('keeps a key subgraph with the sources of its resources', () => {
    const sub = keySubgraph(graph, 'kB');
    expect(sub.nodes.map((n) => n.id).sort()).toEqual(['d-2', 'dk:s-2', 'key:kB', 's-1', 's-2']);
  });

  it('lays out resources by depth, each data key just before its resource and each key before its data keys, without overlaps', () => {
    const layout = layoutLineage(graph);
    const at = (id: string) => layout.nodes.find((n) => n.id === id)!;
    expect(at('key:kA').column).toBe(0);
    expect(at('dk:d-1').column).toBe(1);
    expect(at('d-1').column).toBe(2);
    expect(at('s-1').column).toBe(3);
    expect(at('m-2').column).toBe(5);
    expect(at('dk:s-2').column).toBe(at('s-2').column - 1);
    expect(at('key:kB').column).toBe(at('dk:s-2').column - 1);
    const spots = new Set(layout.nodes.map((n) => `${n.x},${n.y}`));
    expect(spots.size).toBe(layout.nodes.length);
    expect(Math.max(...layout.nodes.map((n) => n.x + NODE_WIDTH))).toBeLessThanOrEqual(layout.width);
    expect(edgePath({ x: 0, y: 0 }, { x: 300, y: 0 })).toMatch(/^M176,26 C/);
  });

  it('hangs instances off the disks attached to them, one column right of their deepest disk, with no data key of their own', () => {
    const withInstances = buildLineage({
      ...input,
      disks: input.disks.map((d) => (d.DiskId === 'd-3' ? { ...d, InstanceId: 'i-1' } : d.DiskId === 'd-1' ? { ...d, InstanceId: 'i-2' } : d)),
      instances: [
        { InstanceId: 'i-1', RegionId: 'r', InstanceName: 'web', Status: 'Running', CreationTime: T(8) },
        { InstanceId: 'i-2', RegionId: 'r', Status: 'Stopped', CreationTime: T(9) },
        { InstanceId: 'i-3', RegionId: 'r', Status: 'Stopped', CreationTime: T(9) }, // its disks are elsewhere: alone
      ],
    });
    const kinds = (from: string, to: string) => withInstances.edges.find((e) => e.from === from && e.to === to)?.kind;
    expect(kinds('d-3', 'i-1')).toBe('attached');
    expect(kinds('d-1', 'i-2')).toBe('attached');
    expect(withInstances.nodes.find((n) => n.id === 'i-1')).toMatchObject({ kind: 'instance', label: 'web', status: 'Running' });
    expect(withInstances.nodes.some((n) => n.id === 'dk:i-1')).toBe(false);
    expect(withInstances.nodes.filter((n) => n.kind === 'datakey')).toHaveLength(2);
    const layout = layoutLineage(withInstances);
    const at = (id: string) => layout.nodes.find((n) => n.id === id)!;
    expect(at('i-1').column).toBe(at('d-3').column + 1);
    expect(keySubgraph(withInstances, 'kA').nodes.map((n) => n.id)).toContain('i-1');
  });
});
