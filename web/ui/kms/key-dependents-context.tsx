// Provides the KeyDependents port (key-dependents.ts) to the KMS console: main.tsx passes one over
// the ECS core (e.g. `{ list: async (id) => fromEcsDependents(await keyDependents(ecsStore, id)) }`);
// without a provider the console uses NO_DEPENDENTS, which is the truth while there is no ECS.
import { createContext, useContext, type ParentProps } from 'solid-js';
import { NO_DEPENDENTS, type KeyDependents } from './key-dependents';

export type { KeyDependent, KeyDependents } from './key-dependents';

const KeyDependentsContext = createContext<KeyDependents>(NO_DEPENDENTS);

export function KeyDependentsProvider(props: ParentProps<{ dependents: KeyDependents }>) {
  return <KeyDependentsContext.Provider value={props.dependents}>{props.children}</KeyDependentsContext.Provider>;
}

export function useKeyDependents(): KeyDependents {
  return useContext(KeyDependentsContext);
}
