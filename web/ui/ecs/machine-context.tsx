// Hands the machine host (web/adapters/vm/machine-host.ts, built in main.tsx) to the console page: the
// instance's screen, its keyboard focus, Ctrl+Alt+Del, and the hypervisor's events. The UI names only
// what it uses here; the host satisfies it, and main.tsx is the only place that knows the adapter.
import { createContext, useContext, type ParentProps } from 'solid-js';
import type { HypervisorApi } from '../../core/ecs/instance-ports';

/** What the console shows of an instance's machine (machine-plan.ts ScreenState). */
export type ConsoleScreen = 'unknown' | 'stopped' | 'other-tab' | 'off' | 'starting' | 'black' | 'running' | 'paused';

export interface MachineView {
  screen: ConsoleScreen;
  /** Fetching the keys, loading the emulator… */
  isBusy: boolean;
  error?: string;
}

export interface ConsoleMachines {
  readonly hypervisor: Pick<HypervisorApi, 'events' | 'subscribe'>;
  view(instanceId: string): MachineView;
  subscribe(listener: (instanceId: string) => void): () => void;
  /** Puts the instance's screen into `parent` and keeps its machine running until the returned detach. */
  attach(instanceId: string, parent: HTMLElement): () => void;
  setKeyboardFocus(instanceId: string, hasFocus: boolean): void;
  /** A printable character typed on the focused screen (console-keys.ts decides which keys those are). */
  typeCharacter(instanceId: string, character: string): void;
  ctrlAltDel(instanceId: string): Promise<void>;
}

const MachineContext = createContext<ConsoleMachines>();

export function MachineProvider(props: ParentProps<{ machines: ConsoleMachines }>) {
  return <MachineContext.Provider value={props.machines}>{props.children}</MachineContext.Provider>;
}

/** The machine host, or undefined where none is provided (a build without the emulator). */
export function useMachines(): ConsoleMachines | undefined {
  return useContext(MachineContext);
}
