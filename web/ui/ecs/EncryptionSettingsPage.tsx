// Block storage encryption settings of the region (#/ecs/encryption; cloud-api.md §2.9): account-level
// default encryption on/off and its key (Describe/Modify/ResetDiskDefaultKMSKeyId). While on, every
// new disk, snapshot copy and image copy here is encrypted; existing ones are unchanged. A CMK as the
// default needs ECS's service role: KMSUnauthorized brings the authorize step, then the save is retried.
import { For, Show, createSignal, createUniqueId } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { CloudErrorNote } from '../errors/CloudErrorNote';
import { AuthorizeStep } from './AuthorizeStep';
import type { EcsPageProps } from './DiskListPage';
import { createEcsAction } from './ecs-action';
import { cmkBlockedReason } from './key-rules';
import { keyName } from './use-keys';
import { useRefresh } from './use-refresh';

export function EncryptionSettingsPage(props: EcsPageProps) {
  const { t } = useI18n();
  const id = createUniqueId();
  const [isOn, setOn] = createSignal<boolean>();
  const [keyId, setKeyId] = createSignal('');
  const [chosen, setChosen] = createSignal('');
  const [needsRole, setNeedsRole] = createSignal(false);
  const load = createEcsAction();
  const action = createEcsAction();
  const isUnsupported = () => props.region?.EncryptionSupported === false;

  const refresh = async () => {
    if (isUnsupported()) return;
    const done = await load.run(async () => {
      const status = await props.client.ecs('DescribeDiskEncryptionByDefaultStatus');
      const key = await props.client.ecs('DescribeDiskDefaultKMSKeyId');
      await props.keys.load();
      return { on: status.Encrypted === true, key: String(key.KMSKeyId ?? '') };
    });
    if (!done) return;
    setOn(done.value.on);
    setKeyId(done.value.key);
    setChosen(done.value.key);
  };
  useRefresh(refresh, () => false);

  const run = (actionName: string, params: Record<string, unknown> = {}) => action.run(() => props.client.ecs(actionName, params));
  // The key being saved is kept apart from the chooser: authorizing refreshes the page (and the chooser).
  const [pendingKey, setPendingKey] = createSignal('');
  const saveKey = async (key: string, isRetry: boolean) => {
    setNeedsRole(false);
    if (!key || key === keyId()) return;
    const done = await run('ModifyDiskDefaultKMSKeyId', { KMSKeyId: key });
    if (!done && !isRetry && action.error()?.Code === 'InvalidParameter.KMSKeyId.KMSUnauthorized') {
      setPendingKey(key);
      setNeedsRole(true);
    }
  };
  const save = (event: SubmitEvent) => {
    event.preventDefault();
    void saveKey(chosen(), false);
  };
  const cmkReason = () => cmkBlockedReason(props.region);

  return (
    <section class="panel" aria-labelledby={`${id}-title`} data-testid="ecs-encryption-settings">
      <h2 id={`${id}-title`}>{t('ecs.settings.title', { region: props.region?.LocalName ?? '' })}</h2>
      <p class="ecs-small">{t('ecs.settings.intro')}</p>
      <Show when={isUnsupported()}><p class="ecs-limit" data-testid="encryption-limit">{t('ecs.limit.noEncryptionRegion')}</p></Show>
      <Show when={load.error()}>{(error) => <CloudErrorNote error={error()} />}</Show>
      <Show when={!isUnsupported() && isOn() !== undefined}>
        <dl class="kms-metadata ecs-metadata">
          <div class="kms-metadata__row"><dt>{t('ecs.settings.status')}</dt><dd>
            <span class={`badge ${isOn() ? 'ecs-badge--lock' : 'kms-badge--neutral'}`} data-testid="default-status" data-on={String(isOn())}>{t(isOn() ? 'ecs.settings.on' : 'ecs.settings.off')}</span>
          </dd></div>
          <div class="kms-metadata__row"><dt>{t('ecs.settings.key')}</dt><dd><code data-testid="default-key">{keyName(keyId(), props.keys.keys())}</code> <span class="kms-id">{keyId()}</span></dd></div>
        </dl>
        <p class="ecs-small">{t(isOn() ? 'ecs.settings.onNote' : 'ecs.settings.offNote')}</p>
        <div class="kms-actions">
          <button type="button" class="button" disabled={action.isBusy()} onClick={() => void run(isOn() ? 'DisableDiskEncryptionByDefault' : 'EnableDiskEncryptionByDefault')} data-testid="toggle-default">
            {t(isOn() ? 'ecs.settings.disable' : 'ecs.settings.enable')}
          </button>
        </div>
        <form class="kms-inline-form ecs-settings-key" onSubmit={save}>
          <label for={`${id}-key`}>{t('ecs.settings.chooseKey')}</label>
          <select id={`${id}-key`} value={chosen()} onChange={(e) => setChosen(e.currentTarget.value)} data-testid="default-key-select">
            <For each={props.keys.keys()}>
              {(k) => (
                <option value={k.KeyId} selected={chosen() === k.KeyId} disabled={(!k.isServiceKey && !!cmkReason()) || k.KeyState !== 'Enabled'}>
                  {keyName(k.KeyId, props.keys.keys())}{k.isServiceKey ? ` — ${t('ecs.key.service')}` : ' — CMK'}{k.KeyState !== 'Enabled' ? ` (${t('ecs.key.state', { state: k.KeyState })})` : ''}
                </option>
              )}
            </For>
          </select>
          <button type="submit" class="button button--quiet" disabled={action.isBusy() || chosen() === keyId()} data-testid="save-default-key">{t('ecs.save')}</button>
          <button type="button" class="button button--quiet" disabled={action.isBusy()} onClick={() => void run('ResetDiskDefaultKMSKeyId')} data-testid="reset-default-key">{t('ecs.settings.reset')}</button>
        </form>
        <Show when={cmkReason()}>{(reason) => <p class="ecs-limit">{t(reason())}</p>}</Show>
      </Show>
      <Show when={action.error()}>{(error) => <CloudErrorNote error={error()} testId="settings-error" />}</Show>
      <Show when={needsRole()}>
        <AuthorizeStep client={props.client} onCancel={() => setNeedsRole(false)} onAuthorized={() => void saveKey(pendingKey(), true)} />
      </Show>
    </section>
  );
}
