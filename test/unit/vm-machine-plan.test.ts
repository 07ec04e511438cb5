// The machine host's decision table (web/adapters/vm/machine-plan.ts): for each state of the store,
// the hypervisor, the emulator, the need and the instance lock, the one next step — and that walking
// the steps from a reload, a guest reboot, a refused key or another tab's change ends where the
// contract says.
import { describe, expect, test } from 'vitest';
import { planStep, type PlanInput, type PlanStep } from '../../web/adapters/vm/machine-plan';

const on = (generation = 1, bootCount = 1) => ({ kind: 'on' as const, generation, bootCount });
const refused = (generation = 1, bootCount = 1) => ({ kind: 'refused' as const, generation, bootCount });
const off = { kind: 'off' as const };

function input(overrides: Partial<PlanInput>): PlanInput {
  return { status: 'Running', storeBootCount: 1, power: off, isNeeded: true, lock: 'free', ...overrides };
}

describe('planStep', () => {
  test('an emulator whose session was replaced, released or refused is destroyed first', () => {
    expect(planStep(input({ power: on(2), machine: { generation: 1, isRunning: true }, lock: 'mine' }))).toEqual({ kind: 'destroy' });
    expect(planStep(input({ power: off, machine: { generation: 1, isRunning: true }, lock: 'mine' }))).toEqual({ kind: 'destroy' });
    expect(planStep(input({ power: refused(2), machine: { generation: 1, isRunning: false }, lock: 'mine' }))).toEqual({ kind: 'destroy' });
  });

  test('a Stopped or deleted instance loses its emulator, then this tab releases its keys, then the lock', () => {
    expect(planStep(input({ status: 'Stopped', power: on(), machine: { generation: 1, isRunning: true }, lock: 'mine' }))).toEqual({ kind: 'destroy' });
    expect(planStep(input({ status: 'Stopped', power: on(), lock: 'mine' }))).toEqual({ kind: 'release-keys' });
    expect(planStep(input({ status: 'missing', power: refused(), lock: 'mine' }))).toEqual({ kind: 'release-keys' });
    expect(planStep(input({ status: 'Stopped', power: off, lock: 'mine' }))).toEqual({ kind: 'release-lock' });
    expect(planStep(input({ status: 'Stopped', power: off, lock: 'free' }))).toEqual({ kind: 'idle', screen: 'stopped' });
  });

  test('a reboot by another tab (the store\'s bootCount past this session\'s) drops the emulator and power-cycles here', () => {
    const stale = input({ storeBootCount: 2, power: on(1, 1), lock: 'mine' });
    expect(planStep({ ...stale, machine: { generation: 1, isRunning: true } })).toEqual({ kind: 'destroy' });
    expect(planStep(stale)).toEqual({ kind: 'power-cycle' });
    expect(planStep({ ...stale, power: refused(1, 1) })).toEqual({ kind: 'power-cycle' });
    // Still rebooting there (Stopping, Starting): wait for Running before cycling here.
    expect(planStep({ ...stale, status: 'Starting' })).toEqual({ kind: 'build' });
  });

  test('after a reload (Running in the store, no session here) the machine is a host restart once the lock is taken', () => {
    expect(planStep(input({ power: off, lock: 'free' }))).toEqual({ kind: 'take-lock' });
    expect(planStep(input({ power: off, lock: 'mine' }))).toEqual({ kind: 'power-cycle' });
    expect(planStep(input({ power: on(), lock: 'mine' }))).toEqual({ kind: 'build' });
    expect(planStep(input({ power: on(), lock: 'mine', machine: { generation: 1, isRunning: true } }))).toEqual({ kind: 'idle', screen: 'running' });
  });

  test('nothing runs until the machine is needed: a Running instance with no console stays off', () => {
    expect(planStep(input({ isNeeded: false, power: off }))).toEqual({ kind: 'idle', screen: 'off' });
    expect(planStep(input({ isNeeded: false, power: on() }))).toEqual({ kind: 'idle', screen: 'off' });
  });

  test('a refused key is the black screen: no emulator is built, and the instance keeps its lock here', () => {
    expect(planStep(input({ power: refused(), lock: 'mine' }))).toEqual({ kind: 'idle', screen: 'black' });
    expect(planStep(input({ power: refused(), lock: 'mine', isNeeded: false }))).toEqual({ kind: 'idle', screen: 'black' });
  });

  test('console closed → paused and kept; reopened → resumed', () => {
    const running = input({ power: on(), lock: 'mine', machine: { generation: 1, isRunning: true } });
    expect(planStep({ ...running, isNeeded: false })).toEqual({ kind: 'pause' });
    const paused = { ...running, machine: { generation: 1, isRunning: false } };
    expect(planStep({ ...paused, isNeeded: false })).toEqual({ kind: 'idle', screen: 'paused' });
    expect(planStep(paused)).toEqual({ kind: 'resume' });
  });

  test('another tab holding the lock: "other-tab", and the wait ends when the need does or the instance stops', () => {
    expect(planStep(input({ lock: 'other-tab' }))).toEqual({ kind: 'idle', screen: 'other-tab' });
    expect(planStep(input({ lock: 'other-tab', isNeeded: false }))).toEqual({ kind: 'stop-waiting' });
    expect(planStep(input({ lock: 'other-tab', status: 'Stopped' }))).toEqual({ kind: 'stop-waiting' });
  });

  test('Starting: the session this tab\'s own API start makes is used as soon as it is on; no host restart meanwhile', () => {
    expect(planStep(input({ status: 'Starting', power: off, lock: 'free' }))).toEqual({ kind: 'idle', screen: 'starting' });
    expect(planStep(input({ status: 'Starting', power: on(), lock: 'free' }))).toEqual({ kind: 'take-lock' });
    expect(planStep(input({ status: 'Pending', power: off }))).toEqual({ kind: 'idle', screen: 'off' });
  });

  test('a session newer than the store read (this tab\'s own API start, store not written yet) is never released as Stopped', () => {
    expect(planStep(input({ status: 'Stopped', storeBootCount: 1, power: on(3, 2), lock: 'free' }))).toEqual({ kind: 'idle', screen: 'starting' });
    expect(planStep(input({ status: 'Stopped', storeBootCount: 1, power: refused(3, 2), lock: 'mine' }))).toEqual({ kind: 'idle', screen: 'starting' });
    expect(planStep(input({ status: 'Stopped', storeBootCount: 2, power: on(3, 2), lock: 'free' }))).toEqual({ kind: 'release-keys' });
  });

  test('an unread store plans nothing', () => {
    expect(planStep(input({ status: 'unknown' }))).toEqual({ kind: 'idle', screen: 'unknown' });
  });

  test('walking the steps from a reload ends with one running emulator, then paused when the console closes', () => {
    // A small simulation of the host applying each step.
    let state: PlanInput = input({ power: off, lock: 'free' });
    let generation = 0;
    const apply = (step: PlanStep): PlanInput => {
      switch (step.kind) {
        case 'take-lock': return { ...state, lock: 'mine' };
        case 'power-cycle': return { ...state, power: on(++generation, state.storeBootCount) };
        case 'build': return { ...state, machine: { generation: (state.power as { generation: number }).generation, isRunning: true } };
        case 'pause': return { ...state, machine: { ...state.machine!, isRunning: false } };
        default: throw new Error(`unexpected step ${step.kind}`);
      }
    };
    const steps: string[] = [];
    for (let i = 0; i < 10; i++) {
      const step = planStep(state);
      steps.push(step.kind);
      if (step.kind === 'idle') break;
      state = apply(step);
    }
    expect(steps).toEqual(['take-lock', 'power-cycle', 'build', 'idle']);
    state = { ...state, isNeeded: false };
    expect(planStep(state)).toEqual({ kind: 'pause' });
  });
});
