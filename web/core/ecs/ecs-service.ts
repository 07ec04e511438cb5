// The lab's ECS as other code sees it: the router product, the background job runner, the hypervisor,
// the console port, and the queries the consoles need (keyDependents for the KMS pages). Built over the ports of
// ecs-core.ts; main.tsx wires the IndexedDB store, the DiskService, the KMS, RAM and the pool.
import type { ActionDefinition, ProductDefinition } from '../api/router';
import './codes';
import { keyDependents, type KeyDependents } from './dependents';
import { labDiskActions } from './disk-io';
import { EcsCore, type EcsOptions } from './ecs-core';
import { ecsProduct } from './ecs-product';
import { Hypervisor } from './hypervisor';
import { ensurePublicImage } from './image-actions';
import { labConsoleActions } from './instance-actions';
import type { ConsolePort } from './instance-ports';
import type { JobRunner } from './jobs';
import type { ImageResource } from './ports';

export class EcsService {
  readonly core: EcsCore;
  readonly product: ProductDefinition;
  readonly jobs: JobRunner;
  /** This tab's hypervisor: the machine host and the console page mirror it. */
  readonly hypervisor: Hypervisor;
  /** Lab.WriteDiskSectors / ReadDiskSectors / GetConsoleText / SendConsoleText: to be merged into the Lab product's actions. */
  readonly labActions: Record<string, ActionDefinition>;
  private consolePort: ConsolePort | undefined;

  constructor(options: EcsOptions) {
    this.core = new EcsCore(options);
    this.hypervisor = new Hypervisor(this.core);
    this.product = ecsProduct(this.core, this.hypervisor);
    this.jobs = this.core.jobs;
    this.labActions = { ...labDiskActions(this.core), ...labConsoleActions(this.core, () => this.consolePort) };
  }

  /** Where Lab.GetConsoleText / Lab.SendConsoleText read and type (the browser's machine host). */
  setConsolePort(port: ConsolePort): void {
    this.consolePort = port;
  }

  /** Every disk, snapshot and image (of any account) whose data key `keyId` wraps, and the account
   *  defaults naming it: show it before DisableKey / ScheduleKeyDeletion. */
  keyDependents(keyId: string): Promise<KeyDependents> {
    return keyDependents(this.core.store, keyId);
  }

  /** The public LabOS image of a region (made on first use); RunInstances starts from it. */
  publicImage(regionId: string): Promise<ImageResource> {
    return this.core.exclusive(() => ensurePublicImage(this.core, regionId));
  }

  /** Lab Reset: waits for running jobs, releases every machine's keys, then empties the ECS store (the
   *  DiskService store is reset by its own owner). */
  async reset(): Promise<void> {
    await this.jobs.idle();
    await this.core.exclusive(async () => {
      await this.hypervisor.reset();
      await this.core.store.clear();
    });
  }
}
