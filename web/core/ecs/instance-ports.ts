// Instances and the hypervisor (issue 6; ../shared/spec/cloud-api.md §2.3, §2.6, §2.7, §2.10;
// ../shared/design/guest-boot.md): the types the core's instance actions and hypervisor share with the
// browser's machine host (web/adapters/vm) and the console UI. The core holds the power state — which
// data keys are in the pool for which instance — and the host mirrors it with v86 emulators.
import type { CloudError } from '../errors';

export type InstanceStatus = 'Pending' | 'Starting' | 'Running' | 'Stopping' | 'Stopped';

/** What happened at the hypervisor, newest last: the console's hypervisor panel lists these. */
export interface HypervisorEvent {
  /** Lab clock, ms since the epoch. */
  atMs: number;
  instanceId: string;
  kind:
    | 'power-on' // an emulator may be built: every key is in the pool
    | 'key-fetched' // the KMS unwrapped a disk's data key into the pool (an audited Decrypt by ECS)
    | 'no-key-needed' // an unencrypted disk: no KMS call
    | 'key-refused' // the KMS refused a disk's data key: no sector of that machine is answered
    | 'keys-released' // the session's data keys were released (zeroed) in the pool
    | 'power-off';
  /** Why the power changed: the API action, or what the guest did. */
  reason?: 'RunInstances' | 'StartInstance' | 'RebootInstance' | 'StopInstance' | 'DeleteInstance' | 'ReplaceSystemDisk' | 'guest-reboot' | 'guest-poweroff' | 'ctrl-alt-del' | 'host-restart' | 'reset';
  diskId?: string;
  keyId?: string;
  /** The KMS request id of the Decrypt (find it in the audit trail). */
  requestId?: string;
  /** For a refusal: the ECS code and message the API would have returned. */
  code?: string;
  message?: string;
}

/** One disk as the machine sees it: the system disk is hda, the first data disk hdb (guest-boot.md). */
export interface GuestDiskPort {
  diskId: string;
  slot: 'hda' | 'hdb';
  sizeBytes: number;
  /** Decrypted through the pool. Never resolves once the session is powered off (a hang, never an error). */
  read(sector: number, count: number): Promise<Uint8Array>;
  /** Encrypted through the pool, durable (flushed) when it resolves. Never resolves once powered off. */
  write(sector: number, data: Uint8Array): Promise<void>;
}

export type PowerState =
  /** No keys in this tab's pool for the instance: no emulator may run. */
  | { kind: 'off' }
  /** Every disk's key is in the pool: the host builds an emulator over `disks` (a new `generation` = a new machine). */
  | { kind: 'on'; generation: number; bootCount: number; disks: GuestDiskPort[]; metadata: Record<string, string> }
  /** The KMS refused a key at power-on: no emulator, no sector answered — the black screen. */
  | { kind: 'refused'; generation: number; bootCount: number; error: CloudError };

/** The core's hypervisor as the machine host and the console page use it (one per tab: a tab is a host). */
export interface HypervisorApi {
  state(instanceId: string): PowerState;
  events(instanceId: string): readonly HypervisorEvent[];
  /** Called after any power state or event change of an instance. Returns the unsubscribe function. */
  subscribe(listener: (instanceId: string) => void): () => void;
  /** The guest rebooted (mailbox "REBOOT", Ctrl+Alt+Del) or the host restarted (page reload, another tab
   *  started it): releases this tab's session first, then fetches the keys again as ECS. A KMS refusal
   *  gives state 'refused' (never throws for it); a Stopped or missing instance gives 'off'. */
  powerCycle(instanceId: string, reason: 'guest-reboot' | 'ctrl-alt-del' | 'host-restart'): Promise<PowerState>;
  /** The guest powered off (mailbox "POWEROFF"): keys released and the instance becomes Stopped. */
  guestPowerOff(instanceId: string): Promise<void>;
}

/** What Lab.GetConsoleText / Lab.SendConsoleText need from the browser (the machine host implements it;
 *  Node tests use a fake). Both open the instance's emulator headless when it is not running yet. */
export interface ConsolePort {
  /** The text screen, one string per row (25 rows of 80; empty strings while the screen is black). */
  getText(instanceId: string): Promise<string[]>;
  /** Types into the guest like a person. */
  sendText(instanceId: string, text: string): Promise<void>;
}
