// The confirmation before DisableKey or ScheduleKeyDeletion (issue 4 item 9): what is encrypted
// under the key — disks, snapshots, images, instances, each named — what the step will do to them,
// and a confirm button that names the key. Escape or Cancel backs out; focus starts on Cancel.
import { For, Show, onMount, type JSX } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import type { CloudErrorText } from './cloud-error';
import { CloudErrorNote } from './CloudErrorNote';
import type { KeyDependent } from './key-dependents';

export interface DependentsConfirmProps {
  kind: 'disable' | 'delete';
  keyLabel: string;
  /** undefined while the dependents are being looked up. */
  dependents?: readonly KeyDependent[];
  error?: CloudErrorText;
  isBusy: boolean;
  /** Extra fields (the deletion window). */
  children?: JSX.Element;
  onConfirm(): void;
  onCancel(): void;
}

export function DependentsConfirm(props: DependentsConfirmProps) {
  const { t, tn } = useI18n();
  let cancel!: HTMLButtonElement;
  onMount(() => cancel.focus());
  return (
    <section class="kms-confirm" role="group" aria-labelledby="kms-confirm-title" data-testid="dependents-confirm"
      onKeyDown={(e) => e.key === 'Escape' && !props.isBusy && props.onCancel()}>
      <h3 id="kms-confirm-title">{t(props.kind === 'disable' ? 'kms.confirm.disable.title' : 'kms.confirm.delete.title', { key: props.keyLabel })}</h3>
      <h4>{t('kms.dependents.title')}</h4>
      <Show when={props.dependents} fallback={<p class="muted" role="status">{t('kms.dependents.loading')}</p>}>
        {(list) => (
          <Show when={list().length > 0} fallback={<p data-testid="dependents-none">{t('kms.dependents.none')}</p>}>
            <p>{tn('kms.dependents.count', list().length)}</p>
            <ul class="kms-dependents" data-testid="dependents-list">
              <For each={list()}>
                {(item) => (
                  <li>
                    <span class="badge">{t(`kms.dependents.kind.${item.kind}`)}</span> <code>{item.id}</code>
                    <Show when={item.name}>{(name) => <span> {name()}</span>}</Show>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
      <p class="kms-confirm__warning">{t(props.kind === 'disable' ? 'kms.confirm.disable.effect' : 'kms.confirm.delete.effect')}</p>
      {props.children}
      <Show when={props.error}>{(error) => <CloudErrorNote error={error()} />}</Show>
      <div class="kms-actions">
        <button type="button" class="button button--danger" disabled={props.isBusy || !props.dependents} onClick={() => props.onConfirm()} data-testid="confirm-button">
          {props.isBusy ? t('kms.working') : t(props.kind === 'disable' ? 'kms.confirm.disable.yes' : 'kms.confirm.delete.yes', { key: props.keyLabel })}
        </button>
        <button type="button" ref={cancel} class="button button--quiet" disabled={props.isBusy} onClick={() => props.onCancel()}>{t('common.cancel')}</button>
        <Show when={props.isBusy}><span class="spinner" aria-hidden="true" /></Show>
      </div>
    </section>
  );
}
