// One console action's life (KMS and ECS pages): busy while it runs, the cloud's error body kept for
// display (errors/CloudErrorNote) until the next try. A failed action changes nothing else on screen.
import { createSignal, type Accessor } from 'solid-js';
import { toErrorBody, type ErrorBody } from './errors/error-body';

export interface Action {
  isBusy: Accessor<boolean>;
  error: Accessor<ErrorBody | undefined>;
  /** Runs `fn`; resolves with its value, or with undefined after recording its error for display. */
  run<T>(fn: () => Promise<T>): Promise<{ value: T } | undefined>;
  clearError(): void;
}

export function createAction(): Action {
  const [isBusy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<ErrorBody>();
  return {
    isBusy,
    error,
    async run(fn) {
      setBusy(true);
      setError(undefined);
      try {
        return { value: await fn() };
      } catch (thrown) {
        setError(toErrorBody(thrown));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    clearError: () => setError(undefined),
  };
}
