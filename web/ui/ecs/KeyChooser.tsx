// The key chooser of the create-disk and copy forms: "the default" (which key the cloud's rule gives
// and why, in one sentence) or a key of the target region; CMKs the region cannot use, and keys not
// Enabled, are listed but disabled with the reason in their text and below the list.
import { For, Show, createUniqueId } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import type { KeyInfo } from './ecs-client';
import { cmkBlockedReason, SERVICE_KEY_ALIAS, type DefaultKey, type RegionSupport } from './key-rules';
import { keyName } from './use-keys';

export interface KeyChooserProps {
  keys: readonly KeyInfo[];
  region?: RegionSupport;
  rule: DefaultKey;
  /** '' for the default the rule gives, else a KeyId. */
  value: string;
  onChange(value: string): void;
  disabled?: boolean;
}

export function KeyChooser(props: KeyChooserProps) {
  const { t } = useI18n();
  const id = createUniqueId();
  const cmkReason = () => cmkBlockedReason(props.region);
  const defaultName = () => (props.rule.keyId ? keyName(props.rule.keyId, props.keys) : SERVICE_KEY_ALIAS);
  const why = (key: KeyInfo) => {
    if (!key.isServiceKey && cmkReason()) return t('ecs.key.notHere');
    if (key.KeyState !== 'Enabled') return t('ecs.key.state', { state: key.KeyState });
    return '';
  };
  return (
    <div class="kms-field ecs-key-chooser" data-testid="key-chooser">
      <label for={`${id}-key`}>{t('ecs.key.label')}</label>
      <select id={`${id}-key`} value={props.value} disabled={props.disabled} onChange={(e) => props.onChange(e.currentTarget.value)}
        aria-describedby={`${id}-why`} data-testid="key-select">
        <option value="">{t('ecs.key.default', { key: defaultName() })}</option>
        <For each={props.keys}>
          {(key) => (
            <option value={key.KeyId} disabled={why(key) !== ''} selected={props.value === key.KeyId} data-key-id={key.KeyId}>
              {key.isServiceKey ? `${key.aliases[0] ?? SERVICE_KEY_ALIAS} — ${t('ecs.key.service')}` : `${keyName(key.KeyId, props.keys)} — CMK`}
              {why(key) ? ` (${why(key)})` : ''}
            </option>
          )}
        </For>
      </select>
      <p class="ecs-why" id={`${id}-why`} data-testid="key-rule" data-rule={props.rule.rule}>
        {props.value === '' ? t(props.rule.reasonKey, { key: defaultName() }) : t('ecs.key.chosen', { key: keyName(props.value, props.keys) })}
      </p>
      <Show when={cmkReason()}>{(reason) => <p class="ecs-limit" data-testid="cmk-limit">{t(reason())}</p>}</Show>
    </div>
  );
}
