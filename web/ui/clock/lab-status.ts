// The lab's clock and accounts as the header shows them: read with Lab.GetClock and
// Lab.ListAccounts, refreshed after any call that may change them (useLabApi().onChange) and when
// the tab comes back into view; the clock then ticks locally with real time, as the lab clock does.
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type { LabApi } from '../lab-api-context';
import { changesLabState, parseIso } from './clock-format';
import { toErrorBody, type ErrorBody } from '../errors/error-body';

export interface LabAccount {
  AccountId: string;
  AccountName: string;
  Current: boolean;
}

export interface LabStatus {
  /** Lab time now (epoch ms), ticking every second; undefined until first read. */
  nowMs: Accessor<number | undefined>;
  /** Lab time minus real time. */
  offsetMs: Accessor<number>;
  accounts: Accessor<LabAccount[]>;
  /** The last failed read, if the latest one failed. */
  error: Accessor<ErrorBody | undefined>;
  refresh(): Promise<void>;
}

export function createLabStatus(api: LabApi): LabStatus {
  const [offsetMs, setOffset] = createSignal(0);
  const [hasClock, setHasClock] = createSignal(false);
  const [tick, setTick] = createSignal(Date.now());
  const [accounts, setAccounts] = createSignal<LabAccount[]>([]);
  const [error, setError] = createSignal<ErrorBody>();

  const refresh = async () => {
    try {
      const [clock, list] = await Promise.all([api.call('Lab', 'GetClock'), api.call('Lab', 'ListAccounts')]);
      const now = parseIso(clock.Now);
      if (now === undefined) throw new Error(`Lab.GetClock answered Now=${JSON.stringify(clock.Now)}, expected ISO 8601`);
      // Now is cut to the second, and the lab only moves its clock by whole seconds: the difference
      // from real time cut to the second is the exact offset (a raw difference runs up to 1 s short).
      setOffset(now - Math.floor(Date.now() / 1000) * 1000);
      setHasClock(true);
      setTick(Date.now());
      setAccounts(((list.Accounts as LabAccount[] | undefined) ?? []).map((a) => ({ ...a })));
      setError(undefined);
    } catch (failure) {
      setError(toErrorBody(failure));
    }
  };

  const timer = setInterval(() => setTick(Date.now()), 1000);
  const stopListening = api.onChange((product, action) => {
    if (changesLabState(product, action)) void refresh();
  });
  const onVisible = () => document.visibilityState === 'visible' && void refresh();
  document.addEventListener('visibilitychange', onVisible);
  onCleanup(() => {
    clearInterval(timer);
    stopListening();
    document.removeEventListener('visibilitychange', onVisible);
  });
  void refresh();

  return {
    nowMs: () => (hasClock() ? tick() + offsetMs() : undefined),
    offsetMs,
    accounts,
    error,
    refresh,
  };
}
