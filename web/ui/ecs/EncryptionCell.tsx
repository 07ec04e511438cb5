// A resource's encryption as a list cell: "Encrypted" with the key's name (a link to the KMS key)
// and the health mark, or "Not encrypted".
import { Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { keyHref } from '../route';
import type { KeyInfo } from './ecs-client';
import { KeyHealthBadge } from './KeyHealthBadge';
import { healthOf, keyName } from './use-keys';

export function EncryptionCell(props: { encrypted: boolean; keyId: string; keys: readonly KeyInfo[]; isForeign?: boolean }) {
  const { t } = useI18n();
  return (
    <Show when={props.encrypted} fallback={<span class="muted" data-testid="not-encrypted">{t('ecs.encryption.none')}</span>}>
      <span class="ecs-encryption" data-testid="encrypted" data-key-id={props.keyId}>
        <span class="badge ecs-badge--lock">{t('ecs.encryption.yes')}</span>
        <Show when={!props.isForeign} fallback={<code class="kms-id" title={t('ecs.encryption.foreignKey')}>{props.keyId}</code>}>
          <a href={keyHref(props.keyId)} class="ecs-key-link"><code>{keyName(props.keyId, props.keys)}</code></a>
        </Show>
        <KeyHealthBadge health={healthOf(props.keyId, props.keys, props.isForeign)} />
      </span>
    </Show>
  );
}
