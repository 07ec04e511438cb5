// Browser storage at a glance: whether the site's data is persistent (with a button to ask for it
// and the browser's answer), and the space used against the quota.
import { Show, createResource, createSignal } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError, type ErrorText } from '../error-text';
import { ErrorNote } from '../ErrorNote';
import { formatBytes } from '../format-bytes';
import { useStorageStatus } from '../storage-health-context';

type Answer = 'granted' | 'denied';

export function StorageHealthPanel(props: { revision: number }) {
  const { t, locale } = useI18n();
  const { health } = useStorageStatus();
  const [answer, setAnswer] = createSignal<Answer>();
  const [isAsking, setAsking] = createSignal(false);
  const [error, setError] = createSignal<ErrorText>();
  /** A failed look-up shows its error and leaves the figure blank, rather than breaking the panel. */
  const reported = async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await work();
    } catch (failure) {
      console.error('storage health:', failure);
      setError(describeError(failure));
      return undefined;
    }
  };
  const [isPersisted, { refetch: recheck }] = createResource(() => reported(() => health.isPersisted()));
  const [estimate] = createResource(() => props.revision, () => reported(() => health.estimate()));

  async function ask() {
    setAsking(true);
    setError(undefined);
    const isGranted = await reported(() => health.requestPersistence());
    if (isGranted !== undefined) setAnswer(isGranted ? 'granted' : 'denied');
    await recheck();
    setAsking(false);
  }

  const percent = () => {
    const e = estimate.latest;
    return e && e.quotaBytes > 0 ? Math.min(100, (e.usageBytes / e.quotaBytes) * 100) : 0;
  };

  return (
    <section class="panel storage-panel" aria-labelledby="storage-title" data-testid="storage-health">
      <h2 id="storage-title">{t('storage.title')}</h2>
      <p class="storage-panel__state" data-testid="storage-persisted" data-persisted={String(isPersisted.latest ?? '')}>
        <span class="badge" classList={{ 'badge--ok': isPersisted.latest === true }}>
          {isPersisted.latest === undefined ? t('storage.checking') : t(isPersisted.latest ? 'storage.persisted' : 'storage.bestEffort')}
        </span>
      </p>
      <p class="panel__description">{t(isPersisted.latest ? 'storage.persisted.note' : 'storage.bestEffort.note')}</p>
      <Show when={isPersisted.latest === false}>
        <button type="button" class="button button--quiet" onClick={ask} disabled={isAsking()}>
          {t('storage.ask')}
        </button>
      </Show>
      <Show when={answer()}>
        {(a) => <p class="muted storage-panel__answer" role="status">{t(a() === 'granted' ? 'storage.answer.granted' : 'storage.answer.denied')}</p>}
      </Show>
      <Show when={error()}>{(e) => <ErrorNote error={e()} />}</Show>
      <Show when={estimate.latest} fallback={<p class="muted">{t('storage.noEstimate')}</p>}>
        {(e) => (
          <div class="storage-panel__usage">
            <meter class="meter" min="0" max="100" value={percent()} aria-label={t('storage.usageLabel')} />
            <p class="muted" data-testid="storage-usage">
              {t('storage.usage', { used: formatBytes(e().usageBytes, locale()), quota: formatBytes(e().quotaBytes, locale()) })}
            </p>
          </div>
        )}
      </Show>
    </section>
  );
}
