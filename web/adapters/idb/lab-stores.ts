// The lab API's stores (KMS, audit, Lab state, ECS, RAM) over one lab database, for compose-lab.ts:
// main.tsx and the browser harness build them the same way. The database may still be opening.
import { IdbAuditStore } from './audit-store';
import { IdbEcsStore } from './ecs-store';
import { IdbKmsStore } from './kms-store';
import { IdbLabStateStore } from './lab-state-store';
import { IdbRamStore } from './ram-store';
import type { DbSource } from './transact';

export interface IdbLabStores {
  kms: IdbKmsStore;
  audit: IdbAuditStore;
  labState: IdbLabStateStore;
  ecs: IdbEcsStore;
  ram: IdbRamStore;
}

export function idbLabStores(db: DbSource): IdbLabStores {
  return { kms: new IdbKmsStore(db), audit: new IdbAuditStore(db), labState: new IdbLabStateStore(db), ecs: new IdbEcsStore(db), ram: new IdbRamStore(db) };
}
