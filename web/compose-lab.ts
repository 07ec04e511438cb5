// Part of the composition root (used by main.tsx and the browser harness): builds the lab's API — the
// action router with the Kms, Lab, Ecs and Ram products over the stores it is given — and the LabApi
// the UI and window.aliyunLab use. Swapping the stores (memory ↔ IndexedDB) changes nothing else.
import { ActionRouter, type ApiResponse } from './core/api/router';
import { helpText } from './core/api/cli';
import { asCloudError, toApiError, type AuditFailure } from './core/api/context';
import { AuditLog } from './core/audit/audit-log';
import type { AuditStore } from './core/audit/types';
import { createLabClock, type LabClock } from './core/clock';
import type { DiskServiceApi } from './core/disks/api';
import { EcsService } from './core/ecs/ecs-service';
import type { EcsStore } from './core/ecs/ports';
import { LabControls, type LabState, type LabStateStore } from './core/lab/lab-product';
import { KmsService } from './core/kms/kms-service';
import { webCryptoRandom, type KmsStore } from './core/kms/ports';
import type { LockPort, SectorCipher } from './core/ports';
import type { RamStore } from './core/ram/ports';
import { RamService } from './core/ram/ram-service';
import { holdJobLocks, settleInterruptedJobs, type RecoveryReport } from './interrupted-jobs';
import type { LabApi } from './ui/lab-api-context';
import { buildGuestImage } from '../guest/image';

export interface LabStores {
  kms: KmsStore;
  audit: AuditStore;
  labState: LabStateStore;
  ecs: EcsStore;
  ram: RamStore;
}

export interface LabDeps {
  stores: LabStores;
  /** The page's DiskService (IdbDiskStore + pool + Web Locks); may still be starting (deferred). */
  disks: DiskServiceApi;
  /** The crypto pool: ECS re-encrypts copies through it. */
  cipher: SectorCipher;
  /** Web Locks: ECS jobs hold one each, so other tabs' start-up can tell them from interrupted ones. */
  locks: LockPort;
  /** Resolves when the disk layer's start-up clean-up (deleteInterruptedCopies, …) is done. */
  disksReady: Promise<unknown>;
  /** Other tabs hear of changes here (and this tab of theirs): a BroadcastChannel in the app. */
  changes?: Pick<BroadcastChannel, 'postMessage' | 'addEventListener'>;
  /** DescribeInstanceVncUrl's answer: the full lab URL of an instance's console page (main.tsx, from
   *  the page's location); without it ECS answers the hash route alone. */
  vncUrl?(instanceId: string): string;
}

export interface ComposedLab {
  api: LabApi;
  router: ActionRouter;
  kms: KmsService;
  lab: LabControls;
  ecs: EcsService;
  ram: RamService;
  audit: AuditLog;
  /** Settles when ECS calls may run: the disk layer started and interrupted jobs were settled. */
  ready: Promise<RecoveryReport>;
}

const newId = () => crypto.randomUUID();
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomId(length: number): string {
  // 36 letters from bytes: the slight bias of b % 36 does not matter for resource ids.
  return Array.from(crypto.getRandomValues(new Uint8Array(length)), (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
}

function randomDigits(length: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(length)), (b) => String(b % 10)).join('');
}

/** Brings this tab's clock to the stored offset (another tab may have advanced or reset it). */
function syncClock(clock: LabClock, offsetMs: number): void {
  if (offsetMs === clock.offsetMs) return;
  if (offsetMs < clock.offsetMs) clock.reset();
  clock.advance(offsetMs - clock.offsetMs);
}

/** Lab Reset of the disk layer: every snapshot, then every disk, deleted through the DiskService
 *  (its locks wait for a disk in use, and reference counts free exactly the chunks). */
async function wipeDisks(disks: DiskServiceApi): Promise<void> {
  for (const snapshot of await disks.listSnapshots()) await disks.deleteSnapshot(snapshot.id);
  for (const disk of await disks.listDisks()) await disks.deleteDisk(disk.id);
}

/** Calls that need the disk layer started and interrupted jobs settled first (the console actions
 *  may boot an instance from its disks). */
function needsDisks(product: string, action: string): boolean {
  const p = String(product).toLowerCase();
  return p === 'ecs' || (p === 'lab' && ['Reset', 'WriteDiskSectors', 'ReadDiskSectors', 'GetConsoleText', 'SendConsoleText'].includes(action));
}

export function composeLab(deps: LabDeps): ComposedLab {
  const { stores } = deps;
  const clock = createLabClock();
  const audit = new AuditLog(stores.audit, clock, newId);
  const auditListeners = new Set<(failure: { action: string; requestId: string; message: string }) => void>();
  const onAuditFailure = (failure: AuditFailure) => {
    const message = failure.error instanceof Error ? failure.error.message : String(failure.error);
    for (const listener of auditListeners) listener({ action: failure.action, requestId: failure.requestId, message });
  };
  const kms = new KmsService({ store: stores.kms, audit, clock, random: webCryptoRandom, onAuditFailure });
  const ram = new RamService({ store: stores.ram, audit, clock, newRoleId: () => `3${randomDigits(18)}` });
  const ecs = new EcsService({
    store: stores.ecs, disks: deps.disks, cipher: deps.cipher, kms, ram, audit, clock, randomId, publicImageContents: () => buildGuestImage(),
    ...(deps.vncUrl ? { vncUrl: deps.vncUrl } : {}),
  });
  holdJobLocks(ecs.jobs, deps.locks);
  // The last state read from the store: LabControls.load() reads it, the clock follows it.
  let loaded: LabState | undefined;
  const labStore: LabStateStore = {
    load: async () => (loaded = await stores.labState.load()),
    save: (state) => stores.labState.save(state),
  };
  const lab = new LabControls({
    clock, store: labStore, dueProcessors: [() => kms.processDue()],
    resetters: [() => ecs.reset(), () => wipeDisks(deps.disks), () => ram.reset(), () => kms.reset(), () => stores.audit.clear()],
  });
  const router = new ActionRouter({
    audit, currentAccountId: () => lab.currentAccountId(), defaultRegionId: () => lab.currentRegionId(), newId, onAuditFailure,
  });
  router.register(kms.product);
  const labProduct = lab.product();
  // ECS's Lab.WriteDiskSectors / Lab.ReadDiskSectors join the Lab product.
  router.register({ ...labProduct, actions: { ...labProduct.actions, ...ecs.labActions } });
  router.register(ecs.product);
  router.register(ram.product);

  const ready = deps.disksReady.then(() => settleInterruptedJobs({ store: stores.ecs, disks: deps.disks, locks: deps.locks }));
  ready.catch((error: unknown) => console.error('ECS start-up (interrupted jobs):', error)); // ECS calls report it

  const listeners = new Set<(product: string, action: string) => void>();
  const notify = (product: string, action: string, isLocal: boolean) => {
    for (const listener of listeners) listener(product, action);
    if (isLocal) deps.changes?.postMessage({ product, action });
  };
  deps.changes?.addEventListener('message', (event) => {
    const data = (event as MessageEvent).data as { product?: unknown; action?: unknown } | null;
    if (typeof data?.product === 'string' && typeof data.action === 'string') notify(data.product, data.action, false);
  });
  ecs.jobs.onSettled = (resourceId, kind) => notify('Ecs', kind, true);

  // Accounts and the clock are the lab's, shared by its tabs: each call reads them afresh, unless a
  // call of this tab is still running (it may have moved the clock and not saved it yet).
  let inFlight = 0;
  const refresh = async () => {
    if (inFlight > 0) return;
    loaded = undefined;
    await lab.load();
    syncClock(clock, (loaded as LabState | undefined)?.clockOffsetMs ?? 0);
  };
  const call = async (product: string, action: string, params?: Record<string, unknown>): Promise<ApiResponse> => {
    try {
      await refresh();
      if (needsDisks(product, action)) await ready;
    } catch (error) {
      // The lab's storage did not open: the call cannot run. Reported in the cloud's error shape.
      const cloudError = asCloudError(error);
      cloudError.requestId = newId().toUpperCase();
      throw toApiError(cloudError);
    }
    inFlight++;
    try {
      return await router.call(product, action, params ?? {});
    } finally {
      inFlight--;
      notify(product, action, true);
    }
  };
  const api: LabApi = {
    call,
    helpText: (product, action) => helpText(router.listProducts(), product, action),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onAuditFailure(listener) {
      auditListeners.add(listener);
      return () => auditListeners.delete(listener);
    },
  };
  return { api, router, kms, lab, ecs, ram, audit, ready };
}
