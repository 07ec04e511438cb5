// The lab's hypervisor, one per tab (../shared/design/guest-boot.md "Hang semantics"; product.md FAQ;
// cloud-api.md §6 "When the key is disabled"): at power-on it has the KMS, as ECS, unwrap every attached
// encrypted disk's data key into the worker pool (an audited Decrypt), then serves the guest's sectors
// through block devices under those handles. Power-off zeroes the keys. A refused key at a power cycle
// leaves the machine 'refused': no emulator, no sector answered — the black screen. In memory only.
import { isCloudError, type CloudError } from '../errors';
import type { BlockDevice } from '../disks/api';
import type { DataKeyHandle } from '../ports';
import type { EcsCore } from './ecs-core';
import { kmsCallerFor, mapKmsError } from './encryption';
import type { GuestDiskPort, HypervisorApi, HypervisorEvent, PowerState } from './instance-ports';
import type { DiskResource, InstanceResource } from './ports';
import { cachedReader, type CachedReader } from './read-cache';

type Reason = NonNullable<HypervisorEvent['reason']>;
type CycleReason = 'guest-reboot' | 'ctrl-alt-del' | 'host-restart';

const OFF: PowerState = { kind: 'off' };
const MAX_EVENTS = 200;
const SECTOR = 512;

/** A promise that never settles: what the guest gets from a disk whose machine is gone (a hang, never an error). */
function never<T>(): Promise<T> {
  return new Promise<T>(() => undefined);
}

/** The KMS refused a disk's key: the ECS error the API returns, and where it came from. */
export class KeyRefusal extends Error {
  constructor(readonly error: CloudError, readonly diskId: string, readonly keyId: string, readonly requestId: string) {
    super(error.message, { cause: error });
    this.name = 'KeyRefusal';
  }
}

/** Keys in the pool and devices open for one instance, not yet the running session. */
export interface PreparedSession {
  instanceId: string;
  handles: DataKeyHandle[];
  /** hda (system disk) and hdb (first data disk): v86 connects only these two. */
  devices: { disk: DiskResource; slot: 'hda' | 'hdb'; device: BlockDevice }[];
}

interface Session {
  generation: number;
  handles: DataKeyHandle[];
  isLive: boolean;
  /** Disks detached while running: their I/O is never answered again. */
  detached: Set<string>;
  /** Each disk's read cache (plaintext in memory while the machine runs), dropped at power-off. */
  caches: CachedReader[];
}

/** The instance's attached disks, system disk first, then data disks by device name. */
export function attachedDisks(all: DiskResource[], instanceId: string): DiskResource[] {
  return all.filter((d) => d.InstanceId === instanceId)
    .sort((a, b) => (a.Type === b.Type ? a.Device.localeCompare(b.Device) : a.Type === 'system' ? -1 : 1));
}

export class Hypervisor implements HypervisorApi {
  private readonly powerStates = new Map<string, PowerState>();
  private readonly sessions = new Map<string, Session>();
  private readonly log = new Map<string, HypervisorEvent[]>();
  private readonly listeners = new Set<(instanceId: string) => void>();
  private generation = 0;

  constructor(private readonly core: EcsCore) {}

  state(instanceId: string): PowerState {
    return this.powerStates.get(instanceId) ?? OFF;
  }

  events(instanceId: string): readonly HypervisorEvent[] {
    return this.log.get(instanceId) ?? [];
  }

  subscribe(listener: (instanceId: string) => void): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  powerCycle(instanceId: string, reason: CycleReason): Promise<PowerState> {
    return this.core.exclusive(async () => {
      const instance = await this.core.store.getInstance(instanceId);
      await this.powerOff(instanceId, reason);
      // Only a machine the cloud thinks is on comes back; a Stopped or deleted one stays off.
      if (!instance || (instance.Status !== 'Running' && instance.Status !== 'Starting')) return this.state(instanceId);
      try {
        const prepared = await this.prepare(instance, reason);
        this.install(instance, prepared, reason);
      } catch (error) {
        if (!(error instanceof KeyRefusal)) throw error;
        this.powerStates.set(instanceId, { kind: 'refused', generation: ++this.generation, bootCount: instance.bootCount, error: error.error });
        this.notify(instanceId);
      }
      return this.state(instanceId);
    });
  }

  guestPowerOff(instanceId: string): Promise<void> {
    return this.core.exclusive(async () => {
      await this.powerOff(instanceId, 'guest-poweroff');
      const instance = await this.core.store.getInstance(instanceId);
      // A background commit, like a job's: the guest's own shutdown is no API call. While the instance
      // is still Starting its start job finishes it (Running, no session: the host power-cycles it).
      if (instance?.Status === 'Running') {
        await this.core.store.commit({ putInstances: [{ ...instance, Status: 'Stopped' }] }, []);
        this.core.jobs.announce(instanceId, 'GuestPowerOff'); // pages and other tabs refresh, as after a job
      }
    });
  }

  /** Fetches every attached disk's data key (as ECS: audited Decrypts) and opens hda/hdb. Throws
   *  KeyRefusal (with nothing left in the pool) when the KMS refuses one. Call inside core.exclusive. */
  async prepare(instance: InstanceResource, reason: Reason, requestId?: string): Promise<PreparedSession> {
    const disks = attachedDisks(await this.core.store.listDisks(), instance.InstanceId);
    const prepared: PreparedSession = { instanceId: instance.InstanceId, handles: [], devices: [] };
    try {
      const data = disks.filter((d) => d.Type === 'data');
      for (const disk of disks) {
        if (!disk.storageDiskId) throw new Error(`"disk" ${disk.DiskId} of ${instance.InstanceId} has no storage yet (${disk.Status})`);
        const handle = disk.key ? await this.fetchKey(instance.InstanceId, disk, reason, requestId) : undefined;
        if (handle !== undefined) prepared.handles.push(handle);
        else this.record({ instanceId: instance.InstanceId, kind: 'no-key-needed', reason, diskId: disk.DiskId });
        const slot = disk.Type === 'system' ? 'hda' : disk === data[0] ? 'hdb' : undefined;
        if (slot) prepared.devices.push({ disk, slot, device: await this.core.disks.open(disk.storageDiskId, handle) });
      }
    } catch (error) {
      await this.discard(prepared);
      throw error;
    }
    return prepared;
  }

  /** Releases what `prepare` fetched when it will not be used. */
  async discard(prepared: PreparedSession): Promise<void> {
    for (const handle of prepared.handles) await this.core.cipher.releaseKey(handle);
    if (prepared.handles.length) this.record({ instanceId: prepared.instanceId, kind: 'keys-released' });
    prepared.handles = [];
  }

  /** The prepared session becomes the instance's machine (a new generation); the old one's keys are
   *  released (zeroed) first. Call inside core.exclusive, after the instance's change is committed. */
  async start(instance: InstanceResource, prepared: PreparedSession, reason: Reason): Promise<void> {
    await this.releaseSession(instance.InstanceId);
    this.install(instance, prepared, reason);
  }

  /** Keys released, state 'off' (Stop, Delete, a power cycle's first half). Call inside core.exclusive. */
  async powerOff(instanceId: string, reason: Reason): Promise<void> {
    const wasOff = this.state(instanceId).kind === 'off';
    await this.releaseSession(instanceId);
    if (wasOff) return;
    this.powerStates.set(instanceId, OFF);
    this.record({ instanceId, kind: 'power-off', reason });
  }

  /** A disk detached from a running machine: its I/O is never answered again (the guest loses it). */
  detachDisk(instanceId: string, diskId: string): void {
    this.sessions.get(instanceId)?.detached.add(diskId);
  }

  /** Lab Reset: every session released, every state and event forgotten. */
  async reset(): Promise<void> {
    const known = new Set([...this.powerStates.keys(), ...this.log.keys()]);
    for (const instanceId of known) await this.powerOff(instanceId, 'reset');
    this.powerStates.clear();
    this.log.clear();
    for (const instanceId of known) this.notify(instanceId);
  }

  private install(instance: InstanceResource, prepared: PreparedSession, reason: Reason): void {
    const session: Session = { generation: ++this.generation, handles: prepared.handles, isLive: true, detached: new Set(), caches: [] };
    this.sessions.set(instance.InstanceId, session);
    const disks = prepared.devices.map(({ disk, slot, device }) => this.port(session, disk.DiskId, slot, device));
    const metadata = { 'instance-id': instance.InstanceId, hostname: instance.HostName };
    this.powerStates.set(instance.InstanceId, { kind: 'on', generation: session.generation, bootCount: instance.bootCount, disks, metadata });
    this.record({ instanceId: instance.InstanceId, kind: 'power-on', reason });
  }

  private port(session: Session, diskId: string, slot: 'hda' | 'hdb', device: BlockDevice): GuestDiskPort {
    const isServed = () => session.isLive && !session.detached.has(diskId);
    const cache = cachedReader(device);
    session.caches.push(cache);
    // After power-off a request in flight may fail (its key is zeroed): that too stays unanswered.
    const guard = async <T>(io: () => Promise<T>): Promise<T> => {
      if (!isServed()) return never();
      let result: T;
      try {
        result = await io();
      } catch (error) {
        if (!isServed()) return never();
        throw error;
      }
      return isServed() ? result : never();
    };
    return {
      diskId, slot, sizeBytes: device.sizeSectors * SECTOR,
      read: (sector, count) => guard(() => cache.read(sector, count)),
      write: (sector, data) => guard(() => cache.write(sector, data)),
    };
  }

  private async fetchKey(instanceId: string, disk: DiskResource, reason: Reason, requestId?: string): Promise<DataKeyHandle> {
    const key = disk.key!;
    try {
      const caller = await kmsCallerFor(this.core, key.accountId, key.isServiceKey);
      const result = await this.core.kms.unwrapIntoPool({
        accountId: key.accountId, regionId: key.regionId, caller, ciphertextBlob: key.CiphertextBlob, encryptionContext: key.EncryptionContext,
        cipher: this.core.cipher, ...(requestId ? { requestId } : {}),
      });
      this.record({ instanceId, kind: 'key-fetched', reason, diskId: disk.DiskId, keyId: result.KeyId, requestId: result.RequestId });
      return result.handle;
    } catch (error) {
      const action = reason === 'StartInstance' || reason === 'RunInstances' ? 'StartInstance' : 'RebootInstance';
      const mapped = mapKmsError({ action }, error, key.KMSKeyId, key.regionId, 'InvalidOperation.KMSKeyIdNotFound');
      if (!isCloudError(mapped)) throw mapped;
      const kmsRequestId = (isCloudError(error) && error.requestId) || requestId || '';
      mapped.requestId = kmsRequestId;
      this.record({ instanceId, kind: 'key-refused', reason, diskId: disk.DiskId, keyId: key.KMSKeyId, requestId: kmsRequestId, code: mapped.code, message: mapped.message });
      throw new KeyRefusal(mapped, disk.DiskId, key.KMSKeyId, kmsRequestId);
    }
  }

  private async releaseSession(instanceId: string): Promise<void> {
    const session = this.sessions.get(instanceId);
    if (!session) return;
    session.isLive = false;
    for (const cache of session.caches) cache.clear();
    this.sessions.delete(instanceId);
    for (const handle of session.handles) await this.core.cipher.releaseKey(handle);
    if (session.handles.length) this.record({ instanceId, kind: 'keys-released' });
  }

  private record(event: Omit<HypervisorEvent, 'atMs'>): void {
    const list = this.log.get(event.instanceId) ?? [];
    list.push({ atMs: this.core.now(), ...event });
    if (list.length > MAX_EVENTS) list.splice(0, list.length - MAX_EVENTS);
    this.log.set(event.instanceId, list);
    this.notify(event.instanceId);
  }

  private notify(instanceId: string): void {
    for (const listener of [...this.listeners]) listener(instanceId);
  }
}
