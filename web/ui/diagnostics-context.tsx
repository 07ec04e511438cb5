// Hands the crypto engine's diagnostics (web/core/ports.ts) to the UI. Only main.tsx provides
// it; components never import the engine, workers or comlink themselves.
import { createContext, useContext, type ParentProps } from 'solid-js';
import type { EngineDiagnostics } from '../core/ports';

const DiagnosticsContext = createContext<EngineDiagnostics>();

export function DiagnosticsProvider(props: ParentProps<{ diagnostics: EngineDiagnostics }>) {
  return <DiagnosticsContext.Provider value={props.diagnostics}>{props.children}</DiagnosticsContext.Provider>;
}

export function useDiagnostics(): EngineDiagnostics {
  const diagnostics = useContext(DiagnosticsContext);
  if (!diagnostics) throw new Error('useDiagnostics() expected to be called inside <DiagnosticsProvider>');
  return diagnostics;
}
