// What the machine host does next for one instance (pure; the "Machine host" part of the issue 6
// contract): from the store's view of the instance, this tab's power state, its emulator, whether an
// emulator is wanted and who holds the instance's Web Lock, the one next step. The host applies the
// step and asks again until the answer is 'idle', so every race ends in a state this table allows.
import type { InstanceStatus } from '../../core/ecs/instance-ports';

/** The instance as the lab's store has it: 'unknown' until read, 'missing' once deleted. */
export type StoreStatus = InstanceStatus | 'missing' | 'unknown';

/** This tab's hold on the instance's lock: 'other-tab' when another tab held it at the last try. */
export type LockHold = 'mine' | 'free' | 'other-tab';

export interface PlanInput {
  status: StoreStatus;
  /** The store's bootCount: another tab's API start/reboot raises it past this tab's session. */
  storeBootCount?: number;
  /** This tab's hypervisor state, without the disks. */
  power: { kind: 'off' } | { kind: 'on' | 'refused'; generation: number; bootCount: number };
  /** This tab's emulator for the instance. */
  machine?: { generation: number; isRunning: boolean };
  /** A console is attached, or a Lab console action wants the machine (headless). */
  isNeeded: boolean;
  lock: LockHold;
}

/** What the console shows when nothing is left to do. */
export type ScreenState =
  | 'unknown' // the store was not read yet
  | 'stopped' // Stopped or deleted
  | 'other-tab' // another tab runs the emulator
  | 'off' // alive in the store but no emulator here now (not wanted, or Pending / Stopping)
  | 'starting' // Starting in the store, and this tab has no session yet
  | 'black' // the KMS refused a key: no emulator, no sector answered
  | 'running'
  | 'paused';

export type PlanStep =
  /** Drop the emulator: its session ended, was replaced, or is stale. */
  | { kind: 'destroy' }
  /** This tab still holds keys of a Stopped or deleted instance: powerCycle releases them and ends 'off'. */
  | { kind: 'release-keys' }
  | { kind: 'take-lock' }
  /** Stop waiting for another tab's lock: nothing here wants the machine any more. */
  | { kind: 'stop-waiting' }
  /** Running in the store with no (or a stale) session here: a host restart, through the KMS. */
  | { kind: 'power-cycle' }
  | { kind: 'build' }
  | { kind: 'resume' }
  | { kind: 'pause' }
  | { kind: 'release-lock' }
  | { kind: 'idle'; screen: ScreenState };

export function planStep(input: PlanInput): PlanStep {
  const { status, power, machine, isNeeded, lock } = input;
  const boots = input.storeBootCount;
  // This tab's own API start or reboot powers on before it writes the store: until the store catches up,
  // the session is newer than what was read, and the store's Stopped must not release it.
  const isAhead = power.kind !== 'off' && boots !== undefined && power.bootCount > boots;
  const isGone = !isAhead && (status === 'Stopped' || status === 'missing');
  const isStale = power.kind !== 'off' && status === 'Running' && boots !== undefined && boots > power.bootCount;
  if (machine && (power.kind !== 'on' || machine.generation !== power.generation || isGone || isStale)) return { kind: 'destroy' };
  if (isGone && power.kind !== 'off') return { kind: 'release-keys' };
  if (status === 'unknown') return { kind: 'idle', screen: 'unknown' };
  if (isAhead && status !== 'Starting' && status !== 'Running') return { kind: 'idle', screen: 'starting' };
  // An emulator may run over an 'on' session while Starting or Running; a host restart only once the
  // store says Running, since during Starting this tab's own API start may still be fetching the keys.
  const canRun = status === 'Running' || (status === 'Starting' && power.kind !== 'off');
  if (isNeeded && canRun) {
    if (lock === 'other-tab') return { kind: 'idle', screen: 'other-tab' };
    if (lock === 'free') return { kind: 'take-lock' };
    if (power.kind === 'off' || isStale) return { kind: 'power-cycle' };
    if (power.kind === 'refused') return { kind: 'idle', screen: 'black' };
    if (!machine) return { kind: 'build' };
    if (!machine.isRunning) return { kind: 'resume' };
    return { kind: 'idle', screen: 'running' };
  }
  if (lock === 'other-tab' && (!isNeeded || isGone)) return { kind: 'stop-waiting' };
  if (machine?.isRunning && !isNeeded) return { kind: 'pause' };
  if (lock === 'mine' && power.kind === 'off' && !machine) return { kind: 'release-lock' };
  if (lock === 'other-tab') return { kind: 'idle', screen: 'other-tab' };
  if (machine) return { kind: 'idle', screen: machine.isRunning ? 'running' : 'paused' };
  if (isGone) return { kind: 'idle', screen: 'stopped' };
  if (power.kind === 'refused') return { kind: 'idle', screen: 'black' };
  return { kind: 'idle', screen: status === 'Starting' ? 'starting' : 'off' };
}
