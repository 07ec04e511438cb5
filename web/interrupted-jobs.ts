// Part of the composition root: ECS background jobs across page loads. Each job holds a Web Lock
// (`ecs-job:<id>`) while it runs, so another tab can tell a running job from one whose page closed;
// at start-up (after the disk layer's deleteInterruptedCopies) interrupted jobs are settled, not left stuck —
// disks, snapshots, images, and instances left Pending, Starting or Stopping (their status jobs).
import type { DiskServiceApi } from './core/disks/api';
import type { JobRunner } from './core/ecs/jobs';
import type { EcsChange, EcsStore } from './core/ecs/ports';
import type { LockPort } from './core/ports';

export const jobLock = (resourceId: string): string => `ecs-job:${resourceId}`;

/** Makes every job of `jobs` hold jobLock(resourceId) from the moment it is started until it has
 *  settled (its failure marking included). JobRunner belongs to the ECS core; this wraps its start()
 *  from outside so the core stays free of Web Locks. */
export function holdJobLocks(jobs: JobRunner, locks: Pick<LockPort, 'withLock'>): void {
  const start = jobs.start.bind(jobs);
  jobs.start = (resourceId, kind, work, onFailure) => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => { release = resolve; });
    let granted!: () => void;
    const held = new Promise<void>((resolve) => { granted = resolve; });
    // Requested now, inside the action's own turn, so the lock exists as soon as the resource does.
    locks.withLock(jobLock(resourceId), 'exclusive', () => { granted(); return released; }).catch((error: unknown) => {
      // Without the lock the job still runs; only another tab's start-up could mistake it for interrupted.
      console.warn(`job ${resourceId}: its lock could not be taken`, error);
      granted();
    });
    try {
      start(resourceId, kind, async (report) => {
        await held;
        await work(report);
        release();
      }, async (error) => {
        try {
          await onFailure(error);
        } finally {
          release();
        }
      });
    } catch (error) {
      release();
      throw error;
    }
  };
}

export interface RecoveryReport {
  /** Disks deleted because their background creation was cut off (a failed creation leaves no disk). */
  deletedDisks: string[];
  failedSnapshots: string[];
  /** CreateSnapshot whose data was complete: only the final status write was missing. */
  completedSnapshots: string[];
  failedImages: string[];
  completedImages: string[];
  /** DiskService disks and snapshots left by the interrupted jobs and named by no ECS resource. */
  freedStorage: string[];
  /** Instances left Starting, or Pending with every disk made: Running (the host boots them when needed). */
  runningInstances: string[];
  /** Instances left Stopping. */
  stoppedInstances: string[];
  /** Instances left Pending whose disk creation was cut off: deleted with the disks made for them. */
  deletedInstances: string[];
}

export interface RecoveryDeps {
  store: EcsStore;
  disks: DiskServiceApi;
  locks: Pick<LockPort, 'isHeld'>;
}

/** Settles every resource whose job no page runs any more (its job lock is free): a disk still
 *  Creating is deleted, as the job's own failure handler does; a snapshot still progressing becomes
 *  accomplished when its storage snapshot is complete (CreateSnapshot) and failed otherwise (a copy);
 *  an image still Creating becomes Available when its snapshot is accomplished, else CreateFailed.
 *  Storage the interrupted jobs left behind is freed. Run after DiskService.deleteInterruptedCopies(). */
export async function settleInterruptedJobs(deps: RecoveryDeps): Promise<RecoveryReport> {
  const { store, disks, locks } = deps;
  const report: RecoveryReport = {
    deletedDisks: [], failedSnapshots: [], completedSnapshots: [], failedImages: [], completedImages: [], freedStorage: [],
    runningInstances: [], stoppedInstances: [], deletedInstances: [],
  };
  const isOrphaned = async (id: string) => !(await locks.isHeld(jobLock(id)));
  const interrupted = new Set<string>();
  const change: EcsChange = { deleteDisks: [], putSnapshots: [], putImages: [] };

  for (const disk of await store.listDisks()) {
    if (disk.Status !== 'Creating' || !(await isOrphaned(disk.DiskId))) continue;
    change.deleteDisks!.push(disk.DiskId);
    report.deletedDisks.push(disk.DiskId);
    interrupted.add(disk.DiskId);
  }
  const snapshotStatus = new Map<string, string>();
  for (const snapshot of await store.listSnapshots()) {
    snapshotStatus.set(snapshot.SnapshotId, snapshot.Status);
    if (snapshot.Status !== 'progressing' || !(await isOrphaned(snapshot.SnapshotId))) continue;
    const isComplete = snapshot.storageSnapshotId !== '' && (await disks.getSnapshot(snapshot.storageSnapshotId)) !== undefined;
    const Status = isComplete ? 'accomplished' : 'failed';
    change.putSnapshots!.push({ ...snapshot, Status, progressPercent: isComplete ? 100 : snapshot.progressPercent });
    snapshotStatus.set(snapshot.SnapshotId, Status);
    (isComplete ? report.completedSnapshots : report.failedSnapshots).push(snapshot.SnapshotId);
    if (!isComplete) interrupted.add(snapshot.SnapshotId);
  }
  for (const image of await store.listImages()) {
    if (image.Status !== 'Creating' || !(await isOrphaned(image.ImageId))) continue;
    const isComplete = snapshotStatus.get(image.SnapshotId) === 'accomplished';
    change.putImages!.push({ ...image, Status: isComplete ? 'Available' : 'CreateFailed', progressPercent: isComplete ? 100 : image.progressPercent });
    (isComplete ? report.completedImages : report.failedImages).push(image.ImageId);
  }
  const freedWithInstances = await settleInstances(deps, change, isOrphaned, report);
  // One change, no audit record: like the jobs' own status writes (the starting call was recorded).
  await store.commit(change, []);
  for (const storageDiskId of freedWithInstances) {
    await disks.deleteDisk(storageDiskId);
    report.freedStorage.push(storageDiskId);
  }
  await freeLeftovers(deps, interrupted, report);
  return report;
}

/** Instances whose status job no page runs any more: Starting → Running and Stopping → Stopped (the
 *  step the job would have taken; a Running instance with no session is normal after a reload — the
 *  host power-cycles it through the KMS when it needs the machine). Pending: with every disk made it
 *  becomes Running as RunInstances asked (its first boot happens at the host, keys fetched then); if a
 *  disk's creation was cut off (deleted above), the instance and the disks made for it are deleted,
 *  as a failed RunInstances leaves nothing. Returns the storage disks to free after the commit. */
async function settleInstances(deps: RecoveryDeps, change: EcsChange, isOrphaned: (id: string) => Promise<boolean>, report: RecoveryReport): Promise<string[]> {
  const deleted = new Set(change.deleteDisks);
  const allDisks = await deps.store.listDisks();
  const freed: string[] = [];
  change.putInstances = [];
  change.deleteInstances = [];
  for (const instance of await deps.store.listInstances()) {
    if (!['Pending', 'Starting', 'Stopping'].includes(instance.Status) || !(await isOrphaned(instance.InstanceId))) continue;
    if (instance.Status === 'Stopping') {
      change.putInstances.push({ ...instance, Status: 'Stopped' });
      report.stoppedInstances.push(instance.InstanceId);
      continue;
    }
    const own = allDisks.filter((d) => d.InstanceId === instance.InstanceId);
    // A disk copy still running in another tab: that tab finishes the instance too.
    if (own.some((d) => d.Status === 'Creating' && !deleted.has(d.DiskId))) continue;
    if (instance.Status === 'Pending' && (own.some((d) => deleted.has(d.DiskId)) || !own.some((d) => d.Type === 'system'))) {
      change.deleteInstances.push(instance.InstanceId);
      for (const disk of own.filter((d) => !deleted.has(d.DiskId))) {
        change.deleteDisks!.push(disk.DiskId);
        if (disk.storageDiskId) freed.push(disk.storageDiskId);
      }
      report.deletedInstances.push(instance.InstanceId);
      continue;
    }
    const isFirstBoot = instance.Status === 'Pending';
    change.putInstances.push({
      ...instance, Status: 'Running', ...(isFirstBoot ? { bootCount: instance.bootCount + 1, startedMs: instance.startedMs || instance.createdMs } : {}),
    });
    report.runningInstances.push(instance.InstanceId);
  }
  return freed;
}

/** Storage disks and snapshots named after an interrupted resource (ECS names its storage by the
 *  resource id) that no ECS record points at: a copy cut off between its storage steps. */
async function freeLeftovers(deps: RecoveryDeps, interrupted: Set<string>, report: RecoveryReport): Promise<void> {
  if (interrupted.size === 0) return;
  const { store, disks } = deps;
  const [ecsDisks, ecsSnapshots, images] = await Promise.all([store.listDisks(), store.listSnapshots(), store.listImages()]);
  const used = new Set<string>([
    ...ecsDisks.map((d) => d.storageDiskId), ...ecsSnapshots.map((s) => s.storageSnapshotId), ...images.map((i) => i.publicStorageSnapshotId ?? ''),
  ]);
  for (const snapshot of await disks.listSnapshots()) {
    if (!interrupted.has(snapshot.name) || used.has(snapshot.id)) continue;
    await disks.deleteSnapshot(snapshot.id);
    report.freedStorage.push(snapshot.id);
  }
  for (const disk of await disks.listDisks()) {
    if (!interrupted.has(disk.name) || used.has(disk.id)) continue;
    await disks.deleteDisk(disk.id);
    report.freedStorage.push(disk.id);
  }
}
