// The CreateKey form (../shared/spec/cloud-api.md §1.3): Description, Origin (Aliyun_KMS or
// EXTERNAL), automatic rotation with its interval in days (7–365), and tags. Checked here first
// (messages in the reader's language); what the cloud still refuses shows as its error.
import { For, Index, Show, createSignal, createUniqueId } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { CloudErrorNote } from './CloudErrorNote';
import { FieldMessage } from './FieldMessage';
import { checkCreateKey, type FieldError, type TagRow } from './key-forms';
import type { KmsClient } from './kms-client';
import { createAction } from '../use-action';

export function CreateKeyForm(props: { client: KmsClient; onCreated(keyId: string): void; onCancel(): void }) {
  const { t } = useI18n();
  const id = createUniqueId();
  const [description, setDescription] = createSignal('');
  const [origin, setOrigin] = createSignal<'Aliyun_KMS' | 'EXTERNAL'>('Aliyun_KMS');
  const [isRotationEnabled, setRotationEnabled] = createSignal(false);
  const [rotationDays, setRotationDays] = createSignal('365');
  const [tags, setTags] = createSignal<TagRow[]>([]);
  const [errors, setErrors] = createSignal<Record<string, FieldError>>({});
  const action = createAction();

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const checked = checkCreateKey({ description: description(), origin: origin(), isRotationEnabled: isRotationEnabled(), rotationDays: rotationDays(), tags: tags() });
    setErrors(checked.errors ?? {});
    if (!checked.params) {
      queueMicrotask(() => (event.target as HTMLFormElement).querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const done = await action.run(() => props.client.call('CreateKey', { ...checked.params }));
    if (done) props.onCreated(String((done.value.KeyMetadata as { KeyId: string }).KeyId));
  };
  const setTag = (index: number, row: Partial<TagRow>) => setTags((rows) => rows.map((r, i) => (i === index ? { ...r, ...row } : r)));

  return (
    <form class="panel kms-form" aria-labelledby={`${id}-title`} onSubmit={submit} noValidate data-testid="create-key-form">
      <h2 id={`${id}-title`}>{t('kms.create.title')}</h2>
      <div class="kms-field">
        <label for={`${id}-description`}>{t('kms.create.description')}</label>
        <textarea id={`${id}-description`} rows="2" value={description()} onInput={(e) => setDescription(e.currentTarget.value)}
          aria-invalid={!!errors().description} aria-describedby={`${id}-description-error`} />
        <FieldMessage id={`${id}-description-error`} error={errors().description} />
      </div>
      <fieldset class="kms-field kms-choice">
        <legend>{t('kms.create.origin')}</legend>
        <For each={['Aliyun_KMS', 'EXTERNAL'] as const}>
          {(value) => (
            <label class="kms-choice__option">
              <input type="radio" name={`${id}-origin`} value={value} checked={origin() === value} onChange={() => setOrigin(value)} />
              <span><code>{value}</code> — {t(value === 'EXTERNAL' ? 'kms.create.origin.external' : 'kms.create.origin.kms')}</span>
            </label>
          )}
        </For>
      </fieldset>
      <div class="kms-field">
        <label class="kms-check">
          <input type="checkbox" checked={isRotationEnabled()} onChange={(e) => setRotationEnabled(e.currentTarget.checked)}
            aria-invalid={!!errors().rotation} aria-describedby={`${id}-rotation-error`} />
          {t('kms.create.rotation')}
        </label>
        <FieldMessage id={`${id}-rotation-error`} error={errors().rotation} />
        <Show when={isRotationEnabled()}>
          <label for={`${id}-days`}>{t('kms.create.rotationDays')}</label>
          <input id={`${id}-days`} class="kms-input--short" inputmode="numeric" value={rotationDays()} onInput={(e) => setRotationDays(e.currentTarget.value)}
            aria-invalid={!!errors().rotationDays} aria-describedby={`${id}-days-error`} />
          <FieldMessage id={`${id}-days-error`} error={errors().rotationDays} />
        </Show>
      </div>
      <fieldset class="kms-field kms-tags">
        <legend>{t('kms.create.tags')}</legend>
        <Index each={tags()}>
          {(row, index) => (
            <div class="kms-tags__row">
              <input aria-label={t('kms.tags.key')} placeholder={t('kms.tags.key')} value={row().key} onInput={(e) => setTag(index, { key: e.currentTarget.value })}
                aria-invalid={!!errors()[`tag.${index}`]} aria-describedby={`${id}-tag-${index}-error`} />
              <input aria-label={t('kms.tags.value')} placeholder={t('kms.tags.value')} value={row().value} onInput={(e) => setTag(index, { value: e.currentTarget.value })} />
              <button type="button" class="button button--quiet" onClick={() => setTags((rows) => rows.filter((_, i) => i !== index))}>{t('kms.tags.removeRow')}</button>
              <FieldMessage id={`${id}-tag-${index}-error`} error={errors()[`tag.${index}`]} />
            </div>
          )}
        </Index>
        <FieldMessage id={`${id}-tags-error`} error={errors().tags} />
        <button type="button" class="button button--quiet" onClick={() => setTags((rows) => [...rows, { key: '', value: '' }])}>{t('kms.tags.addRow')}</button>
      </fieldset>
      <Show when={action.error()}>{(error) => <CloudErrorNote error={error()} />}</Show>
      <div class="kms-actions">
        <button type="submit" class="button" disabled={action.isBusy()} data-testid="create-key-submit">
          {action.isBusy() ? t('kms.create.creating') : t('kms.create.submit')}
        </button>
        <button type="button" class="button button--quiet" disabled={action.isBusy()} onClick={() => props.onCancel()}>{t('common.cancel')}</button>
        <Show when={action.isBusy()}><span class="spinner" aria-hidden="true" /></Show>
      </div>
    </form>
  );
}
