// The machine host (issue 6 contract, "Machine host"; ../shared/design/guest-boot.md): mirrors this
// tab's hypervisor with v86 emulators, one per instance, built only while the machine is needed (its
// console is attached, or a Lab console action wants it, headless) and the Web Lock of the instance is
// this tab's. A guest reboot, Ctrl+Alt+Del or a reload is a power cycle through the KMS; a refused key
// leaves no emulator at all — the black screen. What to do next is machine-plan.ts; this file does it.
import '../../core/ecs/codes';
import { CloudError } from '../../core/errors';
import type { ConsolePort, HypervisorApi, InstanceStatus } from '../../core/ecs/instance-ports';
import { GUEST_LAYOUT, metadataSector } from '../../../guest/image';
import type { InstanceLockPort, ReleaseLock } from './instance-locks';
import { planStep, type LockHold, type PlanInput, type PlanStep, type ScreenState, type StoreStatus } from './machine-plan';
import type { Machine, MachineOptions } from './v86-machine';

/** What the host needs of an instance in the lab's store. */
export interface InstanceFacts {
  InstanceId: string;
  Status: InstanceStatus;
  bootCount: number;
}

export interface MachineHostOptions {
  hypervisor: HypervisorApi;
  /** The instance as the lab's store has it now; undefined once deleted. */
  readInstance(instanceId: string): Promise<InstanceFacts | undefined>;
  locks: InstanceLockPort;
  /** Builds an emulator (v86-machine.ts startMachine, which loads v86 on first use). */
  startMachine(options: MachineOptions): Promise<Machine>;
  /** How long a Lab console action keeps a machine running without a console. Default 30 s. */
  headlessMs?: number;
  now?: () => number;
}

/** What the console page shows of an instance's machine. */
export interface HostView {
  screen: ScreenState;
  /** A step (the lock, a power cycle through the KMS, loading the emulator) is under way. */
  isBusy: boolean;
  /** The last step that failed, or a disk error the guest now hangs on. */
  error?: string;
}

/** The UI's view of the host (web/ui/ecs/machine-context.tsx). */
export interface MachineHostApi {
  readonly hypervisor: HypervisorApi;
  view(instanceId: string): HostView;
  /** Runs `listener` after an instance's view changed. Returns the unsubscribe function. */
  subscribe(listener: (instanceId: string) => void): () => void;
  /** Puts the instance's screen into `parent` and keeps its machine running until the returned detach. */
  attach(instanceId: string, parent: HTMLElement): () => void;
  /** The page's keys reach the guest only while its screen has focus. */
  setKeyboardFocus(instanceId: string, hasFocus: boolean): void;
  /** A printable character typed on the focused screen, sent by character (any keyboard layout). */
  typeCharacter(instanceId: string, character: string): void;
  /** The console's "Send Ctrl+Alt+Del": a power cycle through the KMS, like a guest reboot. */
  ctrlAltDel(instanceId: string): Promise<void>;
}

type GuestEvent = { generation: number; kind: 'guest-reboot' | 'guest-poweroff' | 'ctrl-alt-del' };

interface Slot {
  readonly instanceId: string;
  /** The instance's one screen element: moved into the console page on attach; empty is black. */
  readonly frame: HTMLDivElement;
  status: StoreStatus;
  bootCount?: number;
  isStoreDirty: boolean;
  machine?: { generation: number; handle: Machine; surface: HTMLElement };
  lock: LockHold;
  release?: ReleaseLock;
  waiting?: AbortController;
  attached: number;
  headlessUntil: number;
  headlessTimer?: ReturnType<typeof setTimeout>;
  hasFocus: boolean;
  guestEvent?: GuestEvent;
  isStepping: boolean;
  isKicked: boolean;
  waiters: { resolve(): void; reject(error: unknown): void }[];
  view: HostView;
}

const SCREEN_ROWS = 25;
const DEFAULT_HEADLESS_MS = 30_000;
/** More steps than any real sequence (lock, cycle, build, resume…) without settling: a bug, not a state. */
const MAX_STEPS = 24;

const blankScreen = () => Array.from({ length: SCREEN_ROWS }, () => '');

export class MachineHost implements ConsolePort, MachineHostApi {
  readonly hypervisor: HypervisorApi;
  private readonly options: MachineHostOptions;
  private readonly slots = new Map<string, Slot>();
  private readonly listeners = new Set<(instanceId: string) => void>();
  private readonly now: () => number;

  constructor(options: MachineHostOptions) {
    this.options = options;
    this.hypervisor = options.hypervisor;
    this.now = options.now ?? (() => Date.now());
    // Every power change of this tab's hypervisor (API start/stop/reboot, a refusal) is mirrored.
    options.hypervisor.subscribe((instanceId) => this.kick(this.slotOf(instanceId)));
  }

  view(instanceId: string): HostView {
    return this.slots.get(instanceId)?.view ?? { screen: 'unknown', isBusy: false };
  }

  subscribe(listener: (instanceId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  attach(instanceId: string, parent: HTMLElement): () => void {
    const slot = this.slotOf(instanceId);
    slot.attached++;
    slot.isStoreDirty = true;
    parent.append(slot.frame);
    this.kick(slot);
    let isAttached = true;
    return () => {
      if (!isAttached) return;
      isAttached = false;
      slot.attached--;
      if (slot.frame.parentElement === parent) slot.frame.remove();
      this.setKeyboardFocus(instanceId, false);
      this.kick(slot);
    };
  }

  setKeyboardFocus(instanceId: string, hasFocus: boolean): void {
    const slot = this.slotOf(instanceId);
    slot.hasFocus = hasFocus;
    slot.machine?.handle.setKeyboardEnabled(hasFocus);
  }

  typeCharacter(instanceId: string, character: string): void {
    this.slots.get(instanceId)?.machine?.handle.typeCharacter(character);
  }

  async ctrlAltDel(instanceId: string): Promise<void> {
    const slot = this.slotOf(instanceId);
    // Only a running guest can be sent keys; a black screen has no machine to receive them.
    if (!slot.machine?.handle.isRunning()) return;
    slot.guestEvent = { generation: slot.machine.generation, kind: 'ctrl-alt-del' };
    await this.settle(slot);
  }

  /** The instance changed in the store (a change notification of this tab or another). */
  reconcile(instanceId: string, instance: InstanceFacts | undefined): void {
    const slot = this.slots.get(instanceId);
    if (!slot) return; // nothing of it runs or shows here
    slot.status = instance ? instance.Status : 'missing';
    slot.bootCount = instance?.bootCount;
    slot.isStoreDirty = false;
    this.kick(slot);
  }

  /** Re-reads every instance this tab shows or runs from the store, then acts on what changed. */
  refresh(): void {
    for (const slot of this.slots.values()) {
      slot.isStoreDirty = true;
      this.kick(slot);
    }
  }

  async getText(instanceId: string): Promise<string[]> {
    const slot = await this.forLabAction(instanceId);
    const rows = slot.machine?.handle.textRows() ?? [];
    return blankScreen().map((blank, i) => rows[i] ?? blank);
  }

  async sendText(instanceId: string, text: string): Promise<void> {
    const slot = await this.forLabAction(instanceId);
    await slot.machine?.handle.sendText(text); // a black screen has no machine: the keys go nowhere, as on a hung VM
  }

  /** A Lab console action opens the machine headless (for headlessMs) and waits until it is settled. */
  private async forLabAction(instanceId: string): Promise<Slot> {
    const slot = this.slotOf(instanceId);
    slot.headlessUntil = this.now() + (this.options.headlessMs ?? DEFAULT_HEADLESS_MS);
    if (slot.headlessTimer !== undefined) clearTimeout(slot.headlessTimer);
    slot.headlessTimer = setTimeout(() => {
      slot.headlessTimer = undefined;
      this.kick(slot);
    }, this.options.headlessMs ?? DEFAULT_HEADLESS_MS);
    slot.isStoreDirty = true;
    await this.settle(slot);
    if (slot.view.screen === 'other-tab') {
      throw new CloudError('IncorrectInstanceStatus', {
        params: { instanceId },
        message: 'The instance {instanceId} is running in another tab of the lab: its console can be used only there.',
      });
    }
    return slot;
  }

  private slotOf(instanceId: string): Slot {
    let slot = this.slots.get(instanceId);
    if (!slot) {
      const frame = document.createElement('div');
      frame.className = 'vm-screen__frame';
      slot = {
        instanceId, frame, status: 'unknown', isStoreDirty: true, lock: 'free', attached: 0, headlessUntil: 0,
        hasFocus: false, isStepping: false, isKicked: false, waiters: [], view: { screen: 'unknown', isBusy: false },
      };
      this.slots.set(instanceId, slot);
    }
    return slot;
  }

  private settle(slot: Slot): Promise<void> {
    return new Promise((resolve, reject) => {
      slot.waiters.push({ resolve, reject });
      this.kick(slot);
    });
  }

  private kick(slot: Slot): void {
    slot.isKicked = true;
    if (!slot.isStepping) void this.run(slot);
  }

  /** Applies planned steps one at a time until the plan is idle; kicks during a step plan again. */
  private async run(slot: Slot): Promise<void> {
    slot.isStepping = true;
    let failure: unknown;
    try {
      let steps = 0;
      while (slot.isKicked) {
        slot.isKicked = false;
        for (;;) {
          if (slot.isStoreDirty) await this.readStore(slot);
          const event = slot.guestEvent;
          if (event) {
            slot.guestEvent = undefined;
            this.setView(slot, { isBusy: true });
            await this.applyGuestEvent(slot, event);
            continue;
          }
          const step = planStep(this.planInput(slot));
          if (step.kind === 'idle') {
            this.setView(slot, { screen: step.screen, isBusy: false, error: undefined });
            break;
          }
          if (++steps > MAX_STEPS) throw new Error(`machine host: instance ${slot.instanceId} did not settle after ${MAX_STEPS} steps (last: ${step.kind})`);
          this.setView(slot, { isBusy: true });
          await this.apply(slot, step);
        }
      }
    } catch (error) {
      failure = error;
      console.error(`machine host (${slot.instanceId}):`, error);
      this.setView(slot, { isBusy: false, error: error instanceof Error ? error.message : String(error) });
    } finally {
      slot.isStepping = false;
      for (const waiter of slot.waiters.splice(0)) {
        if (failure === undefined) waiter.resolve();
        else waiter.reject(failure);
      }
    }
  }

  private planInput(slot: Slot): PlanInput {
    const power = this.hypervisor.state(slot.instanceId);
    const machine = slot.machine && { generation: slot.machine.generation, isRunning: slot.machine.handle.isRunning() };
    return {
      status: slot.status,
      storeBootCount: slot.bootCount,
      power: power.kind === 'off' ? power : { kind: power.kind, generation: power.generation, bootCount: power.bootCount },
      machine,
      isNeeded: slot.attached > 0 || this.now() < slot.headlessUntil,
      lock: slot.lock,
    };
  }

  private async readStore(slot: Slot): Promise<void> {
    slot.isStoreDirty = false;
    const instance = await this.options.readInstance(slot.instanceId);
    slot.status = instance ? instance.Status : 'missing';
    slot.bootCount = instance?.bootCount;
  }

  private async apply(slot: Slot, step: Exclude<PlanStep, { kind: 'idle' }>): Promise<void> {
    const id = slot.instanceId;
    switch (step.kind) {
      case 'destroy':
        return this.destroyMachine(slot);
      case 'release-keys':
        // On a Stopped or deleted instance the cycle only releases this tab's keys (it ends 'off').
        await this.hypervisor.powerCycle(id, 'host-restart');
        return;
      case 'power-cycle':
        // A host restart fetches keys through the KMS (audited): first make sure the store still says so.
        await this.readStore(slot);
        if (planStep(this.planInput(slot)).kind !== 'power-cycle') return;
        await this.hypervisor.powerCycle(id, 'host-restart');
        return;
      case 'take-lock': {
        const release = await this.options.locks.tryTake(id);
        if (release) {
          slot.lock = 'mine';
          slot.release = release;
        } else {
          slot.lock = 'other-tab';
          this.waitForLock(slot);
        }
        return;
      }
      case 'stop-waiting':
        slot.waiting?.abort();
        slot.waiting = undefined;
        slot.lock = 'free';
        return;
      case 'build':
        return this.build(slot);
      case 'resume':
        slot.machine?.handle.resume();
        return;
      case 'pause':
        await slot.machine?.handle.pause();
        return;
      case 'release-lock':
        slot.release?.();
        slot.release = undefined;
        slot.lock = 'free';
        return;
    }
  }

  /** Another tab runs the machine: queue for its lock, and take over when that tab lets go or closes. */
  private waitForLock(slot: Slot): void {
    const controller = new AbortController();
    slot.waiting = controller;
    this.options.locks.waitFor(slot.instanceId, controller.signal).then((release) => {
      if (slot.waiting !== controller) {
        release(); // no longer wanted here
        return;
      }
      slot.waiting = undefined;
      slot.lock = 'mine';
      slot.release = release;
      slot.isStoreDirty = true; // the other tab may have changed the instance
      this.kick(slot);
    }, (error: unknown) => {
      if (controller.signal.aborted) return; // stop-waiting asked for this rejection
      console.error(`machine host (${slot.instanceId}): waiting for the instance lock:`, error);
      slot.waiting = undefined;
      slot.lock = 'free';
      this.setView(slot, { error: error instanceof Error ? error.message : String(error) });
    });
  }

  private async build(slot: Slot): Promise<void> {
    const power = this.hypervisor.state(slot.instanceId);
    if (power.kind !== 'on') return; // changed meanwhile: plan again
    const hda = power.disks.find((d) => d.slot === 'hda');
    if (!hda) throw new Error(`"disks" of ${slot.instanceId} expected a system disk (hda), got ${power.disks.map((d) => d.slot).join(', ') || 'none'}`);
    const hdb = power.disks.find((d) => d.slot === 'hdb');
    // A fresh surface per machine: dropping it leaves the frame empty, so nothing of the last boot stays on screen.
    const surface = document.createElement('div');
    surface.className = 'vm-screen__surface';
    const canvas = document.createElement('canvas');
    canvas.style.display = 'none';
    surface.append(document.createElement('div'), canvas);
    slot.frame.replaceChildren(surface);
    const generation = power.generation;
    let handle: Machine;
    try {
      handle = await this.options.startMachine({
        screen: surface,
        hda,
        hdb,
        metadataSector: GUEST_LAYOUT.metadataSector,
        metadata: metadataSector(power.metadata),
        mailboxSector: GUEST_LAYOUT.mailboxSector,
        onMailbox: (command) => this.onMailbox(slot, generation, command),
        onIoError: (error) => {
          console.error(`machine host (${slot.instanceId}): disk I/O failed, the guest waits for ever:`, error);
          this.setView(slot, { error: error instanceof Error ? error.message : String(error) });
        },
      });
    } catch (error) {
      surface.remove();
      throw error;
    }
    handle.setKeyboardEnabled(slot.hasFocus);
    slot.machine = { generation, handle, surface };
  }

  private onMailbox(slot: Slot, generation: number, command: string): void {
    const kind = command === 'REBOOT' ? 'guest-reboot' : command === 'POWEROFF' ? 'guest-poweroff' : undefined;
    if (!kind) {
      console.warn(`machine host (${slot.instanceId}): the guest wrote an unknown mailbox command ${JSON.stringify(command)}`);
      return;
    }
    slot.guestEvent = { generation, kind };
    this.kick(slot);
  }

  private async applyGuestEvent(slot: Slot, event: GuestEvent): Promise<void> {
    const id = slot.instanceId;
    const power = this.hypervisor.state(id);
    if (power.kind !== 'on' || power.generation !== event.generation) return; // that machine was replaced already
    await this.destroyMachine(slot);
    if (event.kind === 'guest-poweroff') {
      await this.hypervisor.guestPowerOff(id);
      await this.readStore(slot);
      // Until the store says Stopped, never take the powered-off guest for one a reload interrupted.
      if (slot.status === 'Running') slot.status = 'Stopping';
      return;
    }
    // A reset inside v86 never reaches the lab (guest-boot.md): the hypervisor drops the machine and
    // fetches the keys again before a new one is built; a refusal leaves it black.
    await this.hypervisor.powerCycle(id, event.kind);
  }

  private async destroyMachine(slot: Slot): Promise<void> {
    const machine = slot.machine;
    if (!machine) return;
    slot.machine = undefined;
    machine.surface.remove();
    await machine.handle.destroy();
  }

  private setView(slot: Slot, change: Partial<HostView>): void {
    const next = { ...slot.view, ...change };
    if (next.screen === slot.view.screen && next.isBusy === slot.view.isBusy && next.error === slot.view.error) return;
    slot.view = next;
    for (const listener of this.listeners) listener(slot.instanceId);
  }
}
