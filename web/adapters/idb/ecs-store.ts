// EcsStore (core/ecs/ports.ts) over the lab database: disks by DiskId, snapshots by SnapshotId, images
// by [RegionId, ImageId], account defaults by [accountId, RegionId]; lists oldest first through the
// byCreated indexes, instances by InstanceId; each change with its audit records in one strict transaction (T-19).
import type { AuditRecord } from '../../core/audit/types';
import type { DefaultEncryption, DiskResource, EcsChange, EcsStore, ImageResource, InstanceResource, SnapshotResource } from '../../core/ecs/ports';
import { PRODUCT_STORES, type LabStoreName } from './schema';
import { appendAudit, clearStores, queueRequests, readStores, scopeOf, writeStores, type DbSource } from './transact';

function storesOf(change: EcsChange): LabStoreName[] {
  const names: LabStoreName[] = [];
  if (change.putDisks?.length || change.deleteDisks?.length) names.push('ecsDisks');
  if (change.putSnapshots?.length || change.deleteSnapshots?.length) names.push('ecsSnapshots');
  if (change.putImages?.length || change.deleteImages?.length) names.push('ecsImages');
  if (change.putDefaults?.length) names.push('ecsDefaults');
  if (change.putInstances?.length || change.deleteInstances?.length) names.push('ecsInstances');
  return names;
}

export class IdbEcsStore implements EcsStore {
  constructor(private readonly db: DbSource) {}

  getDisk(diskId: string): Promise<DiskResource | undefined> {
    return readStores(this.db, ['ecsDisks'], (tx) => tx.objectStore('ecsDisks').get(diskId));
  }

  listDisks(): Promise<DiskResource[]> {
    return readStores(this.db, ['ecsDisks'], (tx) => tx.objectStore('ecsDisks').index('byCreated').getAll());
  }

  getSnapshot(snapshotId: string): Promise<SnapshotResource | undefined> {
    return readStores(this.db, ['ecsSnapshots'], (tx) => tx.objectStore('ecsSnapshots').get(snapshotId));
  }

  listSnapshots(): Promise<SnapshotResource[]> {
    return readStores(this.db, ['ecsSnapshots'], (tx) => tx.objectStore('ecsSnapshots').index('byCreated').getAll());
  }

  getImage(imageId: string, regionId: string): Promise<ImageResource | undefined> {
    return readStores(this.db, ['ecsImages'], (tx) => tx.objectStore('ecsImages').get([regionId, imageId]));
  }

  listImages(): Promise<ImageResource[]> {
    return readStores(this.db, ['ecsImages'], (tx) => tx.objectStore('ecsImages').index('byCreated').getAll());
  }

  getDefault(accountId: string, regionId: string): Promise<DefaultEncryption | undefined> {
    return readStores(this.db, ['ecsDefaults'], (tx) => tx.objectStore('ecsDefaults').get([accountId, regionId]));
  }

  listDefaults(): Promise<DefaultEncryption[]> {
    return readStores(this.db, ['ecsDefaults'], (tx) => tx.objectStore('ecsDefaults').getAll());
  }

  getInstance(instanceId: string): Promise<InstanceResource | undefined> {
    return readStores(this.db, ['ecsInstances'], (tx) => tx.objectStore('ecsInstances').get(instanceId));
  }

  listInstances(): Promise<InstanceResource[]> {
    return readStores(this.db, ['ecsInstances'], (tx) => tx.objectStore('ecsInstances').index('byCreated').getAll());
  }

  async commit(change: EcsChange, audit: AuditRecord[]): Promise<void> {
    if (typeof change !== 'object' || change === null) throw new TypeError('"change" expected an EcsChange object');
    const scope = scopeOf(storesOf(change), audit);
    if (scope.length === 0) return;
    await writeStores(this.db, scope, async (tx) => {
      await appendAudit(tx, audit);
      await queueRequests((requests) => {
        for (const id of change.deleteDisks ?? []) requests.push(tx.objectStore('ecsDisks').delete(id));
        for (const id of change.deleteSnapshots ?? []) requests.push(tx.objectStore('ecsSnapshots').delete(id));
        for (const ref of change.deleteImages ?? []) requests.push(tx.objectStore('ecsImages').delete([ref.RegionId, ref.ImageId]));
        for (const id of change.deleteInstances ?? []) requests.push(tx.objectStore('ecsInstances').delete(id));
        for (const d of change.putDisks ?? []) requests.push(tx.objectStore('ecsDisks').put(structuredClone(d)));
        for (const s of change.putSnapshots ?? []) requests.push(tx.objectStore('ecsSnapshots').put(structuredClone(s)));
        for (const i of change.putImages ?? []) requests.push(tx.objectStore('ecsImages').put(structuredClone(i)));
        for (const d of change.putDefaults ?? []) requests.push(tx.objectStore('ecsDefaults').put(structuredClone(d)));
        for (const i of change.putInstances ?? []) requests.push(tx.objectStore('ecsInstances').put(structuredClone(i)));
      });
    });
  }

  /** Lab Reset: the ECS resources only (the DiskService storage underneath is wiped by its owner). */
  clear(): Promise<void> {
    return clearStores(this.db, PRODUCT_STORES.ecs);
  }
}
