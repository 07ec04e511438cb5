// "Delete disk" with an inline confirmation (no modal): the first press asks, naming the disk;
// "Delete" deletes with a spinner, "Cancel" (or Escape) puts things back.
import { Show, createSignal } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';

export function DeleteDiskButton(props: { diskName: string; isBusy: boolean; onConfirm(): void }) {
  const { t } = useI18n();
  const [isAsking, setAsking] = createSignal(false);
  let ask!: HTMLButtonElement;
  let confirm!: HTMLButtonElement;
  const cancel = () => {
    setAsking(false);
    queueMicrotask(() => ask.focus()); // after the button is back in the page
  };

  return (
    <div class="delete-disk" onKeyDown={(e) => e.key === 'Escape' && isAsking() && cancel()}>
      <Show
        when={isAsking() || props.isBusy}
        fallback={
          <button type="button" ref={ask} class="button button--quiet button--danger" onClick={() => {
            setAsking(true);
            queueMicrotask(() => confirm.focus());
          }}>
            {t('disk.delete')}
          </button>
        }
      >
        <div class="confirm" role="group" aria-label={t('disk.delete')}>
          <span>{t('disk.delete.confirm', { name: props.diskName })}</span>
          <button type="button" ref={confirm} class="button button--danger" disabled={props.isBusy} onClick={() => props.onConfirm()}>
            {props.isBusy ? t('disk.deleting') : t('disk.delete.yes')}
          </button>
          <button type="button" class="button button--quiet" disabled={props.isBusy} onClick={cancel}>
            {t('common.cancel')}
          </button>
        </div>
      </Show>
    </div>
  );
}
