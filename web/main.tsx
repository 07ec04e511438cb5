// Composition root: wires the crypto engine, the lab database (IndexedDB), Web Locks and the disk
// service into the UI's contexts. No logic lives here beyond the start-up order.
import { createSignal } from 'solid-js';
import { render } from 'solid-js/web';
import { DiskService } from './core/disks/disk-service';
import { diskLock, pageLock } from './core/disks/disk-context';
import { createCryptoEngine } from './adapters/engine/engine';
import { IdbDiskStore } from './adapters/idb/disk-store';
import { openLabDb } from './adapters/idb/schema';
import { browserStorageHealth } from './adapters/idb/storage-health';
import { WebLocks } from './adapters/locks/web-locks';
import { MemoryAuditStore } from './core/audit/memory-audit-store';
import { MemoryLabStateStore } from './core/lab/lab-product';
import { MemoryKmsStore } from './core/kms/memory/memory-kms-store';
import { composeLab } from './compose-lab';
import { I18nProvider } from './i18n/I18nProvider';
import { App } from './ui/App';
import { deferredService } from './ui/deferred-service';
import { DiagnosticsProvider } from './ui/diagnostics-context';
import { DiskLabProvider } from './ui/disks-context';
import { LabApiProvider } from './ui/lab-api-context';
import { StorageStatusProvider, type DatabaseStatus } from './ui/storage-health-context';
import './ui/styles.css';

const engine = createCryptoEngine();
const [database, setDatabase] = createSignal<DatabaseStatus>('opening');

const locks = Promise.resolve().then(() => new WebLocks());
const diskService = (async () => {
  const db = await openLabDb({
    onBlocked: () => setDatabase('blocked'),
    onVersionChange: () => setDatabase('upgraded'),
    onTerminated: () => setDatabase('terminated'),
  });
  setDatabase('open');
  // This page holds its page lock for its whole life: the session-key disks it makes stay alive
  // for other tabs' start-up clean-up until it closes.
  const pageId = crypto.randomUUID();
  void (await locks).withLock(pageLock(pageId), 'exclusive', () => new Promise<never>(() => {}));
  const disks = new DiskService({ store: new IdbDiskStore(db), cipher: engine.cipher, locks: await locks, pageId });
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

// The lab API (KMS, Lab controls) over in-memory stores for now: keys last until the page reloads.
// The IndexedDB stores replace these in the KMS persistence work (issue 4).
const auditStore = new MemoryAuditStore();
const lab = await composeLab({ kms: new MemoryKmsStore(auditStore), audit: auditStore, labState: new MemoryLabStateStore() });
(globalThis as unknown as { aliyunLab: { call: typeof lab.api.call } }).aliyunLab = {
  call: (product, action, params) => lab.api.call(product, action, params),
};

render(
  () => (
    <I18nProvider>
      <LabApiProvider api={lab.api}>
      <DiagnosticsProvider diagnostics={engine.diagnostics}>
        <StorageStatusProvider health={browserStorageHealth} database={database}>
          <DiskLabProvider
            disks={deferredService(diskService)}
            cipher={engine.cipher}
            isInUseElsewhere={async (diskId) => (await (await locks).holders(diskLock(diskId))).isHeldElsewhere}
          >
            <App />
          </DiskLabProvider>
        </StorageStatusProvider>
      </DiagnosticsProvider>
      </LabApiProvider>
    </I18nProvider>
  ),
  document.getElementById('app')!,
);
