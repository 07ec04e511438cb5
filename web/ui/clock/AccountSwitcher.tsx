// The lab account in the header: a labelled select of Lab.ListAccounts, current one chosen;
// choosing another calls Lab.SwitchAccount (every product then answers for that account).
import { For, Show, createSignal } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { CloudErrorNote } from '../errors/CloudErrorNote';
import { toErrorBody, type ErrorBody } from '../errors/error-body';
import { useLabApi } from '../lab-api-context';
import type { LabStatus } from './lab-status';

export function AccountSwitcher(props: { status: LabStatus }) {
  const { t } = useI18n();
  const api = useLabApi();
  const [error, setError] = createSignal<ErrorBody>();
  const [isBusy, setBusy] = createSignal(false);
  const current = () => props.status.accounts().find((a) => a.Current)?.AccountId ?? '';

  const switchTo = async (select: HTMLSelectElement) => {
    const accountId = select.value;
    setBusy(true);
    setError(undefined);
    try {
      await api.call('Lab', 'SwitchAccount', { AccountId: accountId });
    } catch (failure) {
      setError(toErrorBody(failure));
      select.value = current(); // the switch did not happen: show the account still in force
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="account-switch">
      <label class="account-switch__label">
        <span>{t('lab.account')}</span>
        <select data-testid="account-select" value={current()} disabled={isBusy() || props.status.accounts().length === 0} onChange={(e) => void switchTo(e.currentTarget)}>
          <For each={props.status.accounts()}>
            {(account) => (
              <option value={account.AccountId} selected={account.Current}>
                {account.AccountName} ({account.AccountId})
              </option>
            )}
          </For>
        </select>
      </label>
      <Show when={error()}>{(body) => <div class="lab-bar__error"><CloudErrorNote error={body()} /></div>}</Show>
    </div>
  );
}
