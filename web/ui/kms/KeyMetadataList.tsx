// DescribeKey's KeyMetadata (../shared/spec/cloud-api.md §1.4) as a definition list: the cloud's
// field names beside their meaning in the reader's language, values as the cloud returns them.
import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { formatLabTime, type KeyMetadata } from './key-view';

const FIELDS: { name: keyof KeyMetadata; isTime?: boolean; isCode?: boolean }[] = [
  { name: 'KeyId', isCode: true }, { name: 'Arn', isCode: true }, { name: 'KeyState' }, { name: 'Description' },
  { name: 'CreationDate', isTime: true }, { name: 'Creator', isCode: true }, { name: 'Origin', isCode: true },
  { name: 'KeySpec', isCode: true }, { name: 'KeyUsage', isCode: true }, { name: 'ProtectionLevel', isCode: true },
  { name: 'PrimaryKeyVersion', isCode: true }, { name: 'AutomaticRotation' }, { name: 'RotationInterval', isCode: true },
  { name: 'LastRotationDate', isTime: true }, { name: 'NextRotationDate', isTime: true }, { name: 'DeleteDate', isTime: true },
  { name: 'DeletionProtection' }, { name: 'DeletionProtectionDescription' }, { name: 'MaterialExpireTime', isTime: true },
];

export function KeyMetadataList(props: { metadata: KeyMetadata }) {
  const { t } = useI18n();
  return (
    <dl class="kms-metadata" data-testid="key-metadata">
      <For each={FIELDS.filter((f) => props.metadata[f.name] !== undefined)}>
        {(field) => {
          const value = () => String(props.metadata[field.name] ?? '');
          return (
            <div class="kms-metadata__row" data-field={field.name}>
              <dt><code>{field.name}</code> <span class="muted">{t(`kms.field.${field.name}` as MessageKey)}</span></dt>
              <dd>
                <Show when={value() !== ''} fallback={<span class="muted">{t('common.none')}</span>}>
                  {field.isTime ? <time datetime={value()}>{formatLabTime(value())}</time> : field.isCode ? <code>{value()}</code> : value()}
                </Show>
              </dd>
            </div>
          );
        }}
      </For>
    </dl>
  );
}
