// Rotation (../shared/spec/cloud-api.md §1.8): automatic rotation on/off with its interval in days
// (UpdateRotationPolicy, 7–365), the key's versions (ListKeyVersions, the primary marked), and
// "create key version" — a lab extension for symmetric keys, labelled so. Not for EXTERNAL keys.
import { For, Show, createSignal, createUniqueId } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { CloudErrorNote } from './CloudErrorNote';
import { FieldMessage } from './FieldMessage';
import { checkRotationDays, type FieldError } from './key-forms';
import { formatLabTime, intervalDays, type KeyMetadata } from './key-view';
import type { KmsClient, VersionEntry } from './kms-client';
import { createAction } from '../use-action';

export interface RotationPanelProps {
  client: KmsClient;
  metadata: KeyMetadata;
  versions: readonly VersionEntry[];
  isServiceKey: boolean;
}

export function RotationPanel(props: RotationPanelProps) {
  const { t } = useI18n();
  const id = createUniqueId();
  const [days, setDays] = createSignal(String(intervalDays(props.metadata.RotationInterval) ?? 365));
  const [daysError, setDaysError] = createSignal<FieldError>();
  const action = createAction();
  const isExternal = () => props.metadata.Origin === 'EXTERNAL';
  const isOn = () => props.metadata.AutomaticRotation !== 'Disabled';
  const canManage = () => !props.isServiceKey && !isExternal();

  const setPolicy = async (enable: boolean) => {
    const interval = enable ? checkRotationDays(days()) : undefined;
    setDaysError(interval?.errors?.rotationDays);
    if (enable && interval?.params === undefined) return;
    await action.run(() => props.client.call('UpdateRotationPolicy', {
      KeyId: props.metadata.KeyId, EnableAutomaticRotation: enable, ...(interval?.params ? { RotationInterval: interval.params } : {}),
    }));
  };

  return (
    <section class="panel" aria-labelledby={`${id}-title`} data-testid="rotation-panel">
      <h2 id={`${id}-title`}>{t('kms.rotation.title')}</h2>
      <p class="panel__description">{t('kms.rotation.body')}</p>
      <Show when={canManage()} fallback={<p class="notice">{t(props.isServiceKey ? 'kms.serviceKey.note' : 'kms.rotation.external')}</p>}>
        <p>
          <strong>{t('kms.rotation.status')}</strong> <code>{props.metadata.AutomaticRotation}</code>
          <Show when={isOn() && props.metadata.NextRotationDate}> · {t('kms.rotation.next', { date: formatLabTime(props.metadata.NextRotationDate) })}</Show>
        </p>
        <div class="kms-inline-form">
          <label for={`${id}-days`}>{t('kms.create.rotationDays')}</label>
          <input id={`${id}-days`} class="kms-input--short" inputmode="numeric" value={days()} onInput={(e) => setDays(e.currentTarget.value)}
            aria-invalid={!!daysError()} aria-describedby={`${id}-days-error`} />
          <button type="button" class="button" disabled={action.isBusy()} onClick={() => void setPolicy(true)}>
            {t(isOn() ? 'kms.rotation.update' : 'kms.rotation.enable')}
          </button>
          <Show when={isOn()}>
            <button type="button" class="button button--quiet" disabled={action.isBusy()} onClick={() => void setPolicy(false)}>{t('kms.rotation.disable')}</button>
          </Show>
        </div>
        <FieldMessage id={`${id}-days-error`} error={daysError()} />
        <div class="kms-extension">
          <p><span class="badge kms-badge--warn">{t('kms.labExtension')}</span> {t('kms.version.extensionNote')}</p>
          <button type="button" class="button button--quiet" disabled={action.isBusy() || props.metadata.KeyState !== 'Enabled'}
            onClick={() => void action.run(() => props.client.call('CreateKeyVersion', { KeyId: props.metadata.KeyId }))} data-testid="create-version">
            {t('kms.version.create')}
          </button>
        </div>
      </Show>
      <Show when={action.error()}>{(error) => <CloudErrorNote error={error()} />}</Show>
      <h3 class="kms-subhead">{t('kms.version.title')}</h3>
      <div class="table-wrap">
        <table class="table" data-testid="version-table">
          <thead><tr><th scope="col">KeyVersionId</th><th scope="col">{t('kms.col.created')}</th><th scope="col">{t('kms.version.role')}</th></tr></thead>
          <tbody>
            <For each={[...props.versions].reverse()}>
              {(version) => (
                <tr>
                  <th scope="row"><code>{version.KeyVersionId}</code></th>
                  <td class="kms-nowrap">{formatLabTime(version.CreationDate)}</td>
                  <td>{version.KeyVersionId === props.metadata.PrimaryKeyVersion ? <span class="badge kms-badge--ok">{t('kms.version.primary')}</span> : t('kms.version.decryptOnly')}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </section>
  );
}
