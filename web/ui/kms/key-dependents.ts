// "What depends on this key" (issue 4 item 9), the pure part: the KeyDependents port the console
// asks before DisableKey and ScheduleKeyDeletion, the empty default (no ECS resources exist yet, so
// nothing depends on a key: true, never a made-up list), and the mapping of the ECS core's answer.

export type DependentKind = 'disk' | 'snapshot' | 'image' | 'instance' | 'default';

export interface KeyDependent {
  kind: DependentKind;
  /** The resource id (d-…, s-…, m-…, i-…; a region id for account-level default encryption). */
  id: string;
  /** Its name, when it has one. */
  name?: string;
}

export interface KeyDependents {
  /** Everything encrypted under `keyId` (a key id, never an alias), whichever account holds it. */
  list(keyId: string): Promise<KeyDependent[]>;
}

/** The ECS core's answer (core/ecs keyDependents), read structurally, as the console's list. */
export interface EcsDependents {
  Disks: { DiskId: string }[];
  Snapshots: { SnapshotId: string }[];
  Images: { ImageId: string }[];
  Instances?: { InstanceId: string; InstanceName?: string }[];
  DefaultFor: { RegionId: string }[];
}

export function fromEcsDependents(found: EcsDependents): KeyDependent[] {
  return [
    ...(found.Instances ?? []).map((i): KeyDependent => ({ kind: 'instance', id: i.InstanceId, name: i.InstanceName })),
    ...found.Disks.map((d): KeyDependent => ({ kind: 'disk', id: d.DiskId })),
    ...found.Snapshots.map((s): KeyDependent => ({ kind: 'snapshot', id: s.SnapshotId })),
    ...found.Images.map((i): KeyDependent => ({ kind: 'image', id: i.ImageId })),
    ...found.DefaultFor.map((d): KeyDependent => ({ kind: 'default', id: d.RegionId })),
  ];
}

/** No ECS resources exist yet, so nothing can depend on a key. */
export const NO_DEPENDENTS: KeyDependents = { list: async () => [] };
