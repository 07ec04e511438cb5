// Composition root: wires the crypto engine, the lab database (IndexedDB), Web Locks, the disk
// service, the lab API (Kms, Lab, Ecs, Ram over the IndexedDB stores) and the machine host (v86
// emulators over ECS's hypervisor; v86 itself loads on first use) into the UI's contexts.
// No logic lives here beyond the start-up order.
import { createSignal } from 'solid-js';
import { render } from 'solid-js/web';
import { DiskService } from './core/disks/disk-service';
import { diskLock, pageLock } from './core/disks/disk-context';
import { createCryptoEngine } from './adapters/engine/engine';
import { IdbDiskStore } from './adapters/idb/disk-store';
import { openLabDb } from './adapters/idb/schema';
import { idbLabStores } from './adapters/idb/lab-stores';
import { browserStorageHealth } from './adapters/idb/storage-health';
import { WebLocks } from './adapters/locks/web-locks';
import { instanceLocks } from './adapters/vm/instance-locks';
import { MachineHost } from './adapters/vm/machine-host';
import { startMachine } from './adapters/vm/v86-machine';
import { composeLab } from './compose-lab';
import { I18nProvider } from './i18n/I18nProvider';
import { App } from './ui/App';
import { deferredService } from './ui/deferred-service';
import { DiagnosticsProvider } from './ui/diagnostics-context';
import { DiskLabProvider } from './ui/disks-context';
import { AuditReaderProvider } from './ui/kms/audit-reader-context';
import { fromEcsDependents } from './ui/kms/key-dependents';
import { KeyDependentsProvider } from './ui/kms/key-dependents-context';
import { consoleHref } from './ui/ecs/ecs-route';
import { MachineProvider } from './ui/ecs/machine-context';
import { LabApiProvider } from './ui/lab-api-context';
import { StorageStatusProvider, type DatabaseStatus } from './ui/storage-health-context';
import './ui/styles.css';

const engine = createCryptoEngine();
const [database, setDatabase] = createSignal<DatabaseStatus>('opening');

// Web Locks exist only in secure contexts: a missing API must fail the calls that need it, not the page.
const locks = deferredService(Promise.resolve().then(() => new WebLocks()));
const db = openLabDb({
  onBlocked: () => setDatabase('blocked'),
  onVersionChange: () => setDatabase('upgraded'),
  onTerminated: () => setDatabase('terminated'),
});
const diskService = (async () => {
  await db;
  setDatabase('open');
  // This page holds its page lock for its whole life: the session-key disks it makes stay alive
  // for other tabs' start-up clean-up until it closes.
  const pageId = crypto.randomUUID();
  void locks.withLock(pageLock(pageId), 'exclusive', () => new Promise<never>(() => {}));
  const disks = new DiskService({ store: new IdbDiskStore(await db), cipher: engine.cipher, locks, pageId });
  // Session keys die with their page, so a closed page's session disks can never be read again; copies
  // interrupted by a closed page are half-written. Both go before anyone lists disks.
  await disks.deleteInterruptedCopies();
  await disks.deleteSessionDisks();
  return disks;
})();
diskService.catch((error: unknown) => {
  console.error('disk layer start-up:', error); // every disk call reports it (StorageUnavailable) in the page
  if (database() === 'opening' || database() === 'blocked') setDatabase('failed');
});

// The lab API over the IndexedDB stores, which wait for the database: the page renders at once.
// ECS settles jobs a closed page left running once the disk layer has cleaned up (compose-lab.ts).
const disks = deferredService(diskService);
const stores = idbLabStores(db);
const lab = composeLab({
  stores, disks, cipher: engine.cipher, locks, disksReady: diskService,
  changes: new BroadcastChannel('disk-encryption-lab:changes'),
  vncUrl: (instanceId) => new URL(consoleHref(instanceId), location.href).href,
});

// The machine host mirrors this tab's hypervisor with emulators, serves Lab.GetConsoleText /
// SendConsoleText, and re-reads its instances after any ECS or Lab change (this tab's or another's).
const machines = new MachineHost({
  hypervisor: lab.ecs.hypervisor,
  readInstance: async (instanceId) => {
    await lab.ready; // a reload's interrupted transitions are settled first
    return stores.ecs.getInstance(instanceId);
  },
  locks: instanceLocks(locks),
  startMachine,
});
lab.ecs.setConsolePort(machines);
lab.api.onChange((product, action) => {
  if (/^(ecs|lab)$/i.test(product) && !/^(Describe|List|Get)/.test(action)) machines.refresh();
});
(globalThis as unknown as { aliyunLab: { call: typeof lab.api.call } }).aliyunLab = {
  call: (product, action, params) => lab.api.call(product, action, params),
};
const auditReader = { list: () => lab.audit.list() };
const keyDependents = { list: async (keyId: string) => fromEcsDependents(await lab.ecs.keyDependents(keyId)) };

render(
  () => (
    <I18nProvider>
      <LabApiProvider api={lab.api}>
      <MachineProvider machines={machines}>
      <AuditReaderProvider reader={auditReader}>
      <KeyDependentsProvider dependents={keyDependents}>
      <DiagnosticsProvider diagnostics={engine.diagnostics}>
        <StorageStatusProvider health={browserStorageHealth} database={database}>
          <DiskLabProvider
            disks={disks}
            cipher={engine.cipher}
            isInUseElsewhere={async (diskId) => (await locks.holders(diskLock(diskId))).isHeldElsewhere}
          >
            <App />
          </DiskLabProvider>
        </StorageStatusProvider>
      </DiagnosticsProvider>
      </KeyDependentsProvider>
      </AuditReaderProvider>
      </MachineProvider>
      </LabApiProvider>
    </I18nProvider>
  ),
  document.getElementById('app')!,
);
