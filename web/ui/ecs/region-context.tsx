// The region the console works in, chosen in the header. It is the lab's (Lab GetRegion /
// SwitchRegion, shared by its tabs and the default RegionId of every action, the terminal's too);
// ECS pages also pass it explicitly as RegionId.
import { createContext, createSignal, onCleanup, useContext, type Accessor, type ParentProps } from 'solid-js';
import { useLabApi } from '../lab-api-context';

export const DEFAULT_REGION = 'cn-hangzhou';

export interface RegionChoice {
  regionId: Accessor<string>;
  setRegionId(regionId: string): Promise<void>;
}

const RegionContext = createContext<RegionChoice>();

export function RegionProvider(props: ParentProps) {
  const api = useLabApi();
  const [regionId, setSignal] = createSignal(DEFAULT_REGION);
  const refresh = async () => {
    try {
      setSignal(String((await api.call('Lab', 'GetRegion')).RegionId));
    } catch (error) {
      console.error('reading the lab region:', error); // the page keeps the region it shows
    }
  };
  void refresh();
  // Another tab (or the terminal) may switch the region; Lab reads do not change it.
  onCleanup(api.onChange((product, action) => {
    if (product.toLowerCase() === 'lab' && (action === 'SwitchRegion' || action === 'Reset')) void refresh();
  }));
  const choice: RegionChoice = {
    regionId,
    async setRegionId(next) {
      await api.call('Lab', 'SwitchRegion', { RegionId: next });
      setSignal(next);
    },
  };
  return <RegionContext.Provider value={choice}>{props.children}</RegionContext.Provider>;
}

export function useRegion(): RegionChoice {
  const choice = useContext(RegionContext);
  if (!choice) throw new Error('useRegion() must be used inside <RegionProvider>');
  return choice;
}
