// "Reset lab" behind a confirmation that floats under the button (no modal): Lab.Reset empties the
// lab as on a first visit. The first press asks and says what goes; Esc or Cancel puts things back.
import { Show, createSignal } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { CloudErrorNote } from '../errors/CloudErrorNote';
import { toErrorBody, type ErrorBody } from '../errors/error-body';
import { useLabApi } from '../lab-api-context';

export function ResetLab() {
  const { t } = useI18n();
  const api = useLabApi();
  const [isAsking, setAsking] = createSignal(false);
  const [isBusy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<ErrorBody>();
  const [done, setDone] = createSignal('');
  let ask!: HTMLButtonElement;
  let confirm: HTMLButtonElement | undefined;

  const cancel = () => {
    setAsking(false);
    setError(undefined);
    ask.focus();
  };
  const reset = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.call('Lab', 'Reset');
      setDone(t('lab.reset.done'));
      cancel();
    } catch (failure) {
      setError(toErrorBody(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="reset-lab" onKeyDown={(e) => e.key === 'Escape' && isAsking() && !isBusy() && (e.preventDefault(), cancel())}>
      <button type="button" ref={ask} class="lab-bar__button lab-bar__button--danger" data-testid="reset-lab"
        aria-expanded={isAsking()} aria-controls="lab-reset-confirm"
        onClick={() => {
          if (isAsking()) return cancel();
          setDone('');
          setAsking(true);
          queueMicrotask(() => confirm?.focus());
        }}>
        {t('lab.reset')}
      </button>
      <Show when={isAsking()}>
        <div class="reset-lab__panel" id="lab-reset-confirm" role="group" aria-label={t('lab.reset')}>
          <p>{t('lab.reset.confirm')}</p>
          <div class="reset-lab__buttons">
            <button type="button" ref={confirm} class="button button--danger" disabled={isBusy()} onClick={reset} data-testid="reset-lab-yes">
              {isBusy() ? t('lab.reset.busy') : t('lab.reset.yes')}
            </button>
            <button type="button" class="button button--quiet" disabled={isBusy()} onClick={cancel}>{t('common.cancel')}</button>
          </div>
          <Show when={error()}>{(body) => <CloudErrorNote error={body()} />}</Show>
        </div>
      </Show>
      <span class="visually-hidden" role="status">{done()}</span>
    </div>
  );
}
