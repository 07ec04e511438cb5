// In-memory EcsStore (tests, throwaway sandboxes): Maps of copies, with its audit records written
// into a MemoryAuditStore in the same synchronous step, as an IndexedDB adapter does in one transaction.
import type { MemoryAuditStore } from '../../audit/memory-audit-store';
import type { AuditRecord } from '../../audit/types';
import type { DefaultEncryption, DiskResource, EcsChange, EcsStore, ImageResource, InstanceResource, SnapshotResource } from '../ports';

const imageKey = (imageId: string, regionId: string) => `${regionId}|${imageId}`;
const defaultKey = (accountId: string, regionId: string) => `${accountId}|${regionId}`;
const copy = <T>(value: T): T => structuredClone(value);
const byCreation = <T extends { createdMs: number }>(a: T, b: T) => a.createdMs - b.createdMs;

export interface EcsStoreDump {
  disks: DiskResource[];
  snapshots: SnapshotResource[];
  images: ImageResource[];
  defaults: DefaultEncryption[];
  instances: InstanceResource[];
}

export class MemoryEcsStore implements EcsStore {
  private readonly disks = new Map<string, DiskResource>();
  private readonly snapshots = new Map<string, SnapshotResource>();
  private readonly images = new Map<string, ImageResource>();
  private readonly defaults = new Map<string, DefaultEncryption>();
  private readonly instances = new Map<string, InstanceResource>();
  /** Test hook: when set, the next commit throws it and changes nothing. */
  failNextCommit: Error | undefined;

  constructor(readonly audit: MemoryAuditStore) {}

  async getDisk(id: string) { const d = this.disks.get(id); return d && copy(d); }
  async listDisks() { return [...this.disks.values()].sort(byCreation).map(copy); }
  async getSnapshot(id: string) { const s = this.snapshots.get(id); return s && copy(s); }
  async listSnapshots() { return [...this.snapshots.values()].sort(byCreation).map(copy); }
  async getImage(imageId: string, regionId: string) { const i = this.images.get(imageKey(imageId, regionId)); return i && copy(i); }
  async listImages() { return [...this.images.values()].sort(byCreation).map(copy); }
  async getDefault(accountId: string, regionId: string) { const d = this.defaults.get(defaultKey(accountId, regionId)); return d && copy(d); }
  async listDefaults() { return [...this.defaults.values()].map(copy); }
  async getInstance(id: string) { const i = this.instances.get(id); return i && copy(i); }
  async listInstances() { return [...this.instances.values()].sort(byCreation).map(copy); }

  async commit(change: EcsChange, audit: AuditRecord[]) {
    if (this.failNextCommit) {
      const error = this.failNextCommit;
      this.failNextCommit = undefined;
      throw error;
    }
    this.audit.checkAppend(audit);
    for (const id of change.deleteDisks ?? []) this.disks.delete(id);
    for (const id of change.deleteSnapshots ?? []) this.snapshots.delete(id);
    for (const ref of change.deleteImages ?? []) this.images.delete(imageKey(ref.ImageId, ref.RegionId));
    for (const id of change.deleteInstances ?? []) this.instances.delete(id);
    for (const d of change.putDisks ?? []) this.disks.set(d.DiskId, copy(d));
    for (const s of change.putSnapshots ?? []) this.snapshots.set(s.SnapshotId, copy(s));
    for (const i of change.putImages ?? []) this.images.set(imageKey(i.ImageId, i.RegionId), copy(i));
    for (const d of change.putDefaults ?? []) this.defaults.set(defaultKey(d.accountId, d.RegionId), copy(d));
    for (const i of change.putInstances ?? []) this.instances.set(i.InstanceId, copy(i));
    this.audit.appendChecked(audit);
  }

  async clear() {
    this.disks.clear();
    this.snapshots.clear();
    this.images.clear();
    this.defaults.clear();
    this.instances.clear();
  }

  /** Everything stored, in a stable order, for "nothing changed" assertions. */
  dump(): EcsStoreDump {
    const sortBy = <T>(items: Iterable<T>, key: (t: T) => string) => [...items].map(copy).sort((a, b) => key(a).localeCompare(key(b)));
    return {
      disks: sortBy(this.disks.values(), (d) => d.DiskId),
      snapshots: sortBy(this.snapshots.values(), (s) => s.SnapshotId),
      images: sortBy(this.images.values(), (i) => imageKey(i.ImageId, i.RegionId)),
      defaults: sortBy(this.defaults.values(), (d) => defaultKey(d.accountId, d.RegionId)),
      instances: sortBy(this.instances.values(), (i) => i.InstanceId),
    };
  }
}
