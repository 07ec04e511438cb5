// A key's tags (TagResource / UntagResource / ListResourceTags): the list, remove one, add or
// replace one (keys 1–128 characters, not starting with aliyun or acs:, at most 20 per key).
import { For, Show, createSignal, createUniqueId } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { CloudErrorNote } from './CloudErrorNote';
import { FieldMessage } from './FieldMessage';
import { checkTagRows, type FieldError } from './key-forms';
import type { KmsClient, TagEntry } from './kms-client';
import { createAction } from '../use-action';

export function TagsPanel(props: { client: KmsClient; keyId: string; tags: readonly TagEntry[] }) {
  const { t } = useI18n();
  const id = createUniqueId();
  const [key, setKey] = createSignal('');
  const [value, setValue] = createSignal('');
  const [error, setError] = createSignal<FieldError>();
  const action = createAction();

  const add = async (event: SubmitEvent) => {
    event.preventDefault();
    const checked = checkTagRows([{ key: key(), value: value() }]);
    const first = checked.errors && Object.values(checked.errors)[0];
    setError(first ?? (checked.params?.length ? undefined : { key: 'kms.form.tag.keyRequired' }));
    if (!checked.params?.length) return;
    if (await action.run(() => props.client.call('TagResource', { KeyId: props.keyId, Tags: checked.params }))) {
      setKey('');
      setValue('');
    }
  };

  return (
    <section class="panel" aria-labelledby={`${id}-title`} data-testid="tags-panel">
      <h2 id={`${id}-title`}>{t('kms.tags.title')}</h2>
      <Show when={props.tags.length} fallback={<p class="muted">{t('kms.tags.none')}</p>}>
        <ul class="kms-list">
          <For each={props.tags}>
            {(tag) => (
              <li>
                <code>{tag.TagKey}</code> = <code>{tag.TagValue}</code>
                <button type="button" class="button button--quiet button--danger kms-small" disabled={action.isBusy()}
                  aria-label={t('kms.tags.removeNamed', { key: tag.TagKey })}
                  onClick={() => void action.run(() => props.client.call('UntagResource', { KeyId: props.keyId, TagKeys: [tag.TagKey] }))}>
                  {t('kms.tags.remove')}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <form class="kms-inline-form" onSubmit={add} noValidate>
        <input aria-label={t('kms.tags.key')} placeholder={t('kms.tags.key')} value={key()} onInput={(e) => setKey(e.currentTarget.value)}
          aria-invalid={!!error()} aria-describedby={`${id}-error`} />
        <input aria-label={t('kms.tags.value')} placeholder={t('kms.tags.value')} value={value()} onInput={(e) => setValue(e.currentTarget.value)} />
        <button type="submit" class="button" disabled={action.isBusy()}>{t('kms.tags.add')}</button>
      </form>
      <FieldMessage id={`${id}-error`} error={error()} />
      <Show when={action.error()}>{(e) => <CloudErrorNote error={e()} />}</Show>
    </section>
  );
}
