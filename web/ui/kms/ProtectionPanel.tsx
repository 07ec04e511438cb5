// Deletion protection (SetDeletionProtection on the key's ARN): while on, ScheduleKeyDeletion is
// refused. A reason can be recorded with it, as the cloud's DeletionProtectionDescription.
import { Show, createSignal, createUniqueId } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { CloudErrorNote } from './CloudErrorNote';
import type { KeyMetadata } from './key-view';
import type { KmsClient } from './kms-client';
import { createAction } from '../use-action';

export function ProtectionPanel(props: { client: KmsClient; metadata: KeyMetadata }) {
  const { t } = useI18n();
  const id = createUniqueId();
  const [reason, setReason] = createSignal('');
  const action = createAction();
  const isOn = () => props.metadata.DeletionProtection === 'Enabled';
  const set = (enable: boolean) => action.run(() => props.client.call('SetDeletionProtection', {
    ProtectedResourceArn: props.metadata.Arn, EnableDeletionProtection: enable,
    ...(enable && reason().trim() ? { DeletionProtectionDescription: reason().trim() } : {}),
  }));
  return (
    <section class="panel" aria-labelledby={`${id}-title`} data-testid="protection-panel">
      <h2 id={`${id}-title`}>{t('kms.protection.title')}</h2>
      <p class="panel__description">{t('kms.protection.body')}</p>
      <Show when={isOn()} fallback={
        <div class="kms-inline-form">
          <label for={`${id}-reason`}>{t('kms.protection.reason')}</label>
          <input id={`${id}-reason`} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} maxLength={8192} />
          <button type="button" class="button" disabled={action.isBusy()} onClick={() => void set(true)}>{t('kms.protection.enable')}</button>
        </div>
      }>
        <p><span class="badge kms-badge--ok">{t('kms.protection.on')}</span> {props.metadata.DeletionProtectionDescription}</p>
        <button type="button" class="button button--quiet" disabled={action.isBusy()} onClick={() => void set(false)}>{t('kms.protection.disable')}</button>
      </Show>
      <Show when={action.error()}>{(error) => <CloudErrorNote error={error()} />}</Show>
    </section>
  );
}
