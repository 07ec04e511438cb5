// Hands the lab's API (the action router behind window.aliyunLab and the terminal) to the UI:
// components call products and actions through it, never a service directly. Only main.tsx provides it.
import { createContext, useContext, type ParentProps } from 'solid-js';

/** A response: the cloud's fields (PascalCase) and a RequestId. */
export type LabResponse = Record<string, unknown> & { RequestId: string };

export interface LabApi {
  /** Calls an action; rejects with an error carrying Code, HttpStatus, Message and RequestId. */
  call(product: string, action: string, params?: Record<string, unknown>): Promise<LabResponse>;
  /** `--help` text for the terminal: products, a product's actions, or one action's parameters. */
  helpText(product?: string, action?: string): string;
  /** Runs `listener` after every call that may have changed state (any product), e.g. to refresh a view. */
  onChange(listener: (product: string, action: string) => void): () => void;
  /** Runs `listener` when a read-only call answered although its audit record could not be written
   *  (issue 4 §8: the call still answers, and the console says so). */
  onAuditFailure(listener: (failure: { action: string; requestId: string; message: string }) => void): () => void;
}

const LabApiContext = createContext<LabApi>();

export function LabApiProvider(props: ParentProps<{ api: LabApi }>) {
  return <LabApiContext.Provider value={props.api}>{props.children}</LabApiContext.Provider>;
}

export function useLabApi(): LabApi {
  const api = useContext(LabApiContext);
  if (!api) throw new Error('useLabApi() must be used inside <LabApiProvider>');
  return api;
}
