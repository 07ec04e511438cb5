// The region the console works in, chosen in the header. The core has no Lab action for a current
// region, so the choice lives here (kept in localStorage) and every ECS page passes it as RegionId.
import { createContext, createSignal, useContext, type Accessor, type ParentProps } from 'solid-js';

const STORAGE_KEY = 'disk-encryption-lab.region';
export const DEFAULT_REGION = 'cn-hangzhou';

export interface RegionChoice {
  regionId: Accessor<string>;
  setRegionId(regionId: string): void;
}

function readStored(): string {
  try {
    return localStorage.getItem(STORAGE_KEY) || DEFAULT_REGION;
  } catch {
    return DEFAULT_REGION; // storage blocked (sandboxed iframe): the default region
  }
}

const RegionContext = createContext<RegionChoice>();

export function RegionProvider(props: ParentProps) {
  const [regionId, setSignal] = createSignal(readStored());
  const choice: RegionChoice = {
    regionId,
    setRegionId(next) {
      setSignal(next);
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // storage blocked: the choice still holds for this visit
      }
    },
  };
  return <RegionContext.Provider value={choice}>{props.children}</RegionContext.Provider>;
}

export function useRegion(): RegionChoice {
  const choice = useContext(RegionContext);
  if (!choice) throw new Error('useRegion() must be used inside <RegionProvider>');
  return choice;
}
