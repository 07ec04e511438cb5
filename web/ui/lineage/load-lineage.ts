// Reads what the lineage graph is built from, through the API: for each region asked (and the
// regions copies there came from), DescribeDisks, DescribeSnapshots, DescribeImages (self and others),
// DescribeInstances and the region's KMS keys for names and states. Every read is an audited call, so regions are few.
import type { EcsClient } from '../ecs/ecs-client';
import type { LineageInput } from './lineage';

export async function loadLineage(client: EcsClient, regionIds: readonly string[]): Promise<LineageInput> {
  const input: LineageInput = { disks: [], snapshots: [], images: [], instances: [], keys: [] };
  const done = new Set<string>();
  const queue = [...regionIds];
  while (queue.length) {
    const regionId = queue.shift()!;
    if (done.has(regionId)) continue;
    done.add(regionId);
    const [disks, snapshots, own, shared, instances, keys] = await Promise.all([
      client.disks({}, regionId), client.snapshots({}, regionId), client.images('self', regionId), client.images('others', regionId), client.instances({}, regionId), client.keys(regionId),
    ]);
    input.disks.push(...disks);
    input.snapshots.push(...snapshots);
    input.images.push(...own, ...shared);
    input.instances!.push(...instances);
    input.keys.push(...keys.map((k) => ({ KeyId: k.KeyId, label: k.aliases[0] ?? k.KeyId, KeyState: k.KeyState })));
    // One step back along copies: where the copies in this region came from.
    for (const r of [...snapshots.map((s) => s.SourceRegionId), ...own.map((i) => i.SourceRegionId)]) if (r && !done.has(r) && regionIds.length === 1) queue.push(r);
  }
  return input;
}
