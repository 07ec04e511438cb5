// One console action's life: busy while it runs (buttons disable, a spinner shows), its error kept
// for display until the next try. A failed action changes nothing on screen but its error note.
import { createSignal, type Accessor } from 'solid-js';
import { describeCloudError, type CloudErrorText } from './cloud-error';

export interface Action {
  isBusy: Accessor<boolean>;
  error: Accessor<CloudErrorText | undefined>;
  /** Runs `fn`; resolves with its value, or with undefined after recording its error for display. */
  run<T>(fn: () => Promise<T>): Promise<{ value: T } | undefined>;
  clearError(): void;
}

export function createAction(): Action {
  const [isBusy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<CloudErrorText>();
  return {
    isBusy,
    error,
    async run(fn) {
      setBusy(true);
      setError(undefined);
      try {
        return { value: await fn() };
      } catch (thrown) {
        setError(describeCloudError(thrown));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    clearError: () => setError(undefined),
  };
}
