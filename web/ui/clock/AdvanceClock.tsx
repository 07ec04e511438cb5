// "Advance time": a disclosure under the header with quick steps (+1 hour … +30 days), a days/hours
// form for Lab.AdvanceClock, and a note of what falls due when lab time moves.
import { For, Show, createSignal } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { CloudErrorNote } from '../errors/CloudErrorNote';
import { toErrorBody, type ErrorBody } from '../errors/error-body';
import { useLabApi } from '../lab-api-context';
import { advanceParams } from './clock-format';

const QUICK_STEPS = [
  { days: 0, hours: 1 },
  { days: 1, hours: 0 },
  { days: 7, hours: 0 },
  { days: 30, hours: 0 },
] as const;

export function AdvanceClock() {
  const { t } = useI18n();
  const api = useLabApi();
  const [isOpen, setOpen] = createSignal(false);
  const [isBusy, setBusy] = createSignal(false);
  const [days, setDays] = createSignal(0);
  const [hours, setHours] = createSignal(0);
  const [error, setError] = createSignal<ErrorBody>();
  const [done, setDone] = createSignal('');
  // Busy buttons are aria-disabled, not disabled: a disabled button drops the keyboard focus to the
  // page, and Escape would then no longer reach this panel.
  let toggle!: HTMLButtonElement;

  const close = () => {
    setOpen(false);
    toggle.focus();
  };

  const advance = async (stepDays: number, stepHours: number) => {
    if (isBusy()) return;
    const params = advanceParams(stepDays, stepHours);
    if (!params) {
      setError(undefined);
      setDone(t('lab.advance.nothing'));
      return;
    }
    setBusy(true);
    setError(undefined);
    setDone('');
    try {
      const response = await api.call('Lab', 'AdvanceClock', params);
      setDone(t('lab.advance.done', { now: String(response.Now) }));
    } catch (failure) {
      setError(toErrorBody(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="advance" onKeyDown={(e) => e.key === 'Escape' && isOpen() && (e.preventDefault(), close())}>
      <button
        type="button"
        ref={toggle}
        class="lab-bar__button"
        aria-expanded={isOpen()}
        aria-controls="lab-advance"
        data-testid="advance-toggle"
        onClick={() => (isOpen() ? close() : setOpen(true))}
      >
        {t('lab.advance')} <span aria-hidden="true">{isOpen() ? '▴' : '▾'}</span>
      </button>
      <div class="advance__panel" id="lab-advance" hidden={!isOpen()} role="group" aria-label={t('lab.advance')}>
        <div class="advance__quick">
          <For each={QUICK_STEPS}>
            {(step) => (
              <button type="button" class="button button--quiet advance__step" aria-disabled={isBusy()} onClick={() => advance(step.days, step.hours)}
                data-testid={`advance-${step.days}d-${step.hours}h`}>
                {step.days ? t('lab.advance.plusDays', { days: step.days }) : t('lab.advance.plusHours', { hours: step.hours })}
              </button>
            )}
          </For>
        </div>
        <form class="advance__form" onSubmit={(e) => { e.preventDefault(); void advance(days(), hours()); }}>
          <label>
            {t('lab.advance.days')}
            <input type="number" min="0" step="1" inputmode="numeric" value={days()} onInput={(e) => setDays(e.currentTarget.valueAsNumber || 0)} />
          </label>
          <label>
            {t('lab.advance.hours')}
            <input type="number" min="0" step="1" inputmode="numeric" value={hours()} onInput={(e) => setHours(e.currentTarget.valueAsNumber || 0)} />
          </label>
          <button type="submit" class="button" aria-disabled={isBusy()}>{isBusy() ? t('lab.advance.busy') : t('lab.advance.apply')}</button>
        </form>
        <p class="advance__status" role="status">{done()}</p>
        <Show when={error()}>{(body) => <CloudErrorNote error={body()} />}</Show>
        <p class="advance__note">{t('lab.advance.note')}</p>
      </div>
    </div>
  );
}
