// A key's aliases (../shared/spec/cloud-api.md §1.6): add one (CreateAlias; alias/ + 1–255 of
// letters, digits, _ - /; alias/acs/ is reserved), point an alias of another key here (UpdateAlias),
// delete one (DeleteAlias: the key stays). Aliases cannot be renamed: delete and create.
import { For, Show, createSignal, createUniqueId } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { CloudErrorNote } from './CloudErrorNote';
import { FieldMessage } from './FieldMessage';
import { checkAliasName, type FieldError } from './key-forms';
import type { AliasEntry, KmsClient } from './kms-client';
import { createAction } from '../use-action';

export interface AliasesPanelProps {
  client: KmsClient;
  keyId: string;
  aliases: readonly string[];
  /** Aliases of the account's other keys, which UpdateAlias can point here. */
  otherAliases: readonly AliasEntry[];
  isServiceKey: boolean;
}

export function AliasesPanel(props: AliasesPanelProps) {
  const { t } = useI18n();
  const id = createUniqueId();
  const [name, setName] = createSignal('');
  const [nameError, setNameError] = createSignal<FieldError>();
  const [moving, setMoving] = createSignal('');
  const action = createAction();

  const create = async (event: SubmitEvent) => {
    event.preventDefault();
    const checked = checkAliasName(name());
    setNameError(checked.errors?.alias);
    if (checked.params === undefined) return;
    if (await action.run(() => props.client.call('CreateAlias', { AliasName: checked.params, KeyId: props.keyId }))) setName('');
  };
  const move = async () => {
    if (moving() === '') return;
    if (await action.run(() => props.client.call('UpdateAlias', { AliasName: moving(), KeyId: props.keyId }))) setMoving('');
  };

  return (
    <section class="panel" aria-labelledby={`${id}-title`} data-testid="aliases-panel">
      <h2 id={`${id}-title`}>{t('kms.aliases.title')}</h2>
      <Show when={props.aliases.length} fallback={<p class="muted">{t('kms.aliases.none')}</p>}>
        <ul class="kms-list" data-testid="alias-list">
          <For each={props.aliases}>
            {(alias) => (
              <li>
                <code>{alias}</code>
                <Show when={!alias.startsWith('alias/acs/')}>
                  <button type="button" class="button button--quiet button--danger kms-small" disabled={action.isBusy()}
                    aria-label={t('kms.aliases.deleteNamed', { alias })}
                    onClick={() => void action.run(() => props.client.call('DeleteAlias', { AliasName: alias }))}>
                    {t('kms.aliases.delete')}
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={!props.isServiceKey}>
        <form class="kms-inline-form" onSubmit={create} noValidate>
          <label for={`${id}-name`}>{t('kms.aliases.new')}</label>
          <span class="kms-prefixed"><span aria-hidden="true">alias/</span>
            <input id={`${id}-name`} value={name()} onInput={(e) => setName(e.currentTarget.value)} placeholder="my-key" autocomplete="off"
              aria-invalid={!!nameError()} aria-describedby={`${id}-name-help ${id}-name-error`} data-testid="alias-input" />
          </span>
          <button type="submit" class="button" disabled={action.isBusy()} data-testid="alias-add">{t('kms.aliases.add')}</button>
        </form>
        <p class="kms-help" id={`${id}-name-help`}>{t('kms.aliases.rules')}</p>
        <FieldMessage id={`${id}-name-error`} error={nameError()} />
        <Show when={props.otherAliases.length}>
          <div class="kms-inline-form">
            <label for={`${id}-move`}>{t('kms.aliases.move')}</label>
            <select id={`${id}-move`} value={moving()} onChange={(e) => setMoving(e.currentTarget.value)}>
              <option value="">{t('kms.aliases.choose')}</option>
              <For each={props.otherAliases}>{(a) => <option value={a.AliasName}>{a.AliasName}</option>}</For>
            </select>
            <button type="button" class="button button--quiet" disabled={action.isBusy() || moving() === ''} onClick={() => void move()}>{t('kms.aliases.moveHere')}</button>
          </div>
        </Show>
      </Show>
      <Show when={action.error()}>{(error) => <CloudErrorNote error={error()} />}</Show>
    </section>
  );
}
