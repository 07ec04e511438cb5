// Part of the composition root (used by main.tsx only): builds the lab's API — the action router
// with the KMS and Lab products over the stores it is given — and the LabApi the UI and
// window.aliyunLab use. Swapping the stores (memory → IndexedDB) changes nothing else.
import { ActionRouter } from './core/api/router';
import { helpText } from './core/api/cli';
import { AuditLog } from './core/audit/audit-log';
import type { AuditStore } from './core/audit/types';
import { createLabClock } from './core/clock';
import { LabControls, type LabStateStore } from './core/lab/lab-product';
import { KmsService } from './core/kms/kms-service';
import { webCryptoRandom, type KmsStore } from './core/kms/ports';
import type { LabApi } from './ui/lab-api-context';

export interface LabStores {
  kms: KmsStore;
  audit: AuditStore;
  labState: LabStateStore;
}

export interface ComposedLab {
  api: LabApi;
  router: ActionRouter;
  kms: KmsService;
  lab: LabControls;
}

const newId = () => crypto.randomUUID();

export async function composeLab(stores: LabStores): Promise<ComposedLab> {
  const clock = createLabClock({ offsetMs: (await stores.labState.load())?.clockOffsetMs });
  const audit = new AuditLog(stores.audit, clock, newId);
  const onAuditFailure = (failure: unknown) => console.warn('audit record not written for a read-only call', failure);
  const kms = new KmsService({ store: stores.kms, audit, clock, random: webCryptoRandom, onAuditFailure });
  const lab = new LabControls({
    clock, store: stores.labState, dueProcessors: [() => kms.processDue()], resetters: [() => kms.reset(), () => stores.audit.clear()],
  });
  await lab.load();
  const router = new ActionRouter({ audit, currentAccountId: () => lab.currentAccountId(), newId, onAuditFailure });
  router.register(kms.product);
  router.register(lab.product());
  const listeners = new Set<(product: string, action: string) => void>();
  const api: LabApi = {
    async call(product, action, params) {
      try {
        return await router.call(product, action, params ?? {});
      } finally {
        for (const listener of listeners) listener(product, action);
      }
    },
    helpText: (product, action) => helpText(router.listProducts(), product, action),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { api, router, kms, lab };
}
