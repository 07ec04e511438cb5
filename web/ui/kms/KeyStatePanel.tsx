// A key's state controls (../shared/spec/cloud-api.md §1.1, §1.5): Enable, Disable, Schedule
// deletion (7–366 days) and Cancel deletion, offered only where the state table allows them.
// Disabling and scheduling deletion first ask the KeyDependents port what is encrypted under the
// key and confirm by name. The service key has none of these: the cloud manages it.
import { Match, Show, Switch, createSignal, createUniqueId } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { CloudErrorNote } from './CloudErrorNote';
import { DependentsConfirm } from './DependentsConfirm';
import { FieldMessage } from './FieldMessage';
import { useKeyDependents, type KeyDependent } from './key-dependents-context';
import { checkDeletionWindow, type FieldError } from './key-forms';
import { formatLabTime, type KeyMetadata } from './key-view';
import type { KmsClient } from './kms-client';
import { createAction } from '../use-action';

export function KeyStatePanel(props: { client: KmsClient; metadata: KeyMetadata; keyLabel: string; isServiceKey: boolean }) {
  const { t } = useI18n();
  const dependentsPort = useKeyDependents();
  const id = createUniqueId();
  const [asking, setAsking] = createSignal<'disable' | 'delete'>();
  const [dependents, setDependents] = createSignal<KeyDependent[]>();
  const [days, setDays] = createSignal('30');
  const [daysError, setDaysError] = createSignal<FieldError>();
  const lookup = createAction();
  const action = createAction();
  const state = () => props.metadata.KeyState;
  const keyId = () => props.metadata.KeyId;

  const ask = async (kind: 'disable' | 'delete') => {
    action.clearError();
    setDependents(undefined);
    setAsking(kind);
    const found = await lookup.run(() => dependentsPort.list(keyId()));
    if (found) setDependents(found.value);
  };
  const close = () => {
    setAsking(undefined);
    setDaysError(undefined);
  };
  const confirm = async () => {
    if (asking() === 'disable') {
      if (await action.run(() => props.client.call('DisableKey', { KeyId: keyId() }))) close();
      return;
    }
    const windowDays = checkDeletionWindow(days());
    setDaysError(windowDays.errors?.days);
    if (windowDays.params === undefined) return;
    if (await action.run(() => props.client.call('ScheduleKeyDeletion', { KeyId: keyId(), PendingWindowInDays: windowDays.params }))) close();
  };
  const simple = (name: 'EnableKey' | 'CancelKeyDeletion') => action.run(() => props.client.call(name, { KeyId: keyId() }));

  return (
    <section class="panel" aria-labelledby={`${id}-title`} data-testid="key-state-panel">
      <h2 id={`${id}-title`}>{t('kms.detail.state')}</h2>
      <Show when={!props.isServiceKey} fallback={<p class="notice" data-testid="service-key-note">{t('kms.serviceKey.note')}</p>}>
        <Show when={state() === 'PendingDeletion' && props.metadata.DeleteDate}>
          <p class="notice kms-notice--bad">{t('kms.detail.deleteDate', { date: formatLabTime(props.metadata.DeleteDate) })}</p>
        </Show>
        <Show when={state() === 'PendingImport'}>
          <p class="notice">{t('kms.detail.pendingImport')}</p>
        </Show>
        <Show when={!asking()}>
          <div class="kms-actions">
            <Switch>
              <Match when={state() === 'Disabled'}>
                <button type="button" class="button" disabled={action.isBusy()} onClick={() => void simple('EnableKey')}>{t('kms.action.enable')}</button>
              </Match>
              <Match when={state() === 'Enabled'}>
                <button type="button" class="button button--quiet button--danger" disabled={action.isBusy()} onClick={() => void ask('disable')}>{t('kms.action.disable')}</button>
              </Match>
              <Match when={state() === 'PendingDeletion'}>
                <button type="button" class="button" disabled={action.isBusy()} onClick={() => void simple('CancelKeyDeletion')}>{t('kms.action.cancelDeletion')}</button>
              </Match>
            </Switch>
            <Show when={state() !== 'PendingDeletion'}>
              <button type="button" class="button button--quiet button--danger" disabled={action.isBusy()} onClick={() => void ask('delete')}>{t('kms.action.scheduleDeletion')}</button>
            </Show>
            <Show when={action.isBusy()}><span class="spinner" role="status" aria-label={t('kms.working')} /></Show>
          </div>
          <Show when={action.error()}>{(error) => <CloudErrorNote error={error()} />}</Show>
        </Show>
        <Show when={asking()}>
          {(kind) => (
            <DependentsConfirm kind={kind()} keyLabel={props.keyLabel} dependents={dependents()} error={lookup.error() ?? action.error()}
              isBusy={action.isBusy()} onConfirm={() => void confirm()} onCancel={close}>
              <Show when={kind() === 'delete'}>
                <div class="kms-field">
                  <label for={`${id}-days`}>{t('kms.confirm.delete.days')}</label>
                  <input id={`${id}-days`} class="kms-input--short" inputmode="numeric" value={days()} onInput={(e) => setDays(e.currentTarget.value)}
                    aria-invalid={!!daysError()} aria-describedby={`${id}-days-error`} data-testid="deletion-days" />
                  <FieldMessage id={`${id}-days-error`} error={daysError()} />
                </div>
              </Show>
            </DependentsConfirm>
          )}
        </Show>
      </Show>
    </section>
  );
}
