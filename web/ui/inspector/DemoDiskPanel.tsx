// "Create demo disk": explains what it makes (an 8 MiB disk under a session-only key that lives in
// this page's workers and is deleted at the next load), offers an unencrypted twin, and shows
// progress and errors while it fills.
import { Show, createSignal, createUniqueId } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { useDiskLab } from '../disks-context';
import { describeError, type ErrorText } from '../error-text';
import { ErrorNote } from '../ErrorNote';
import { formatBytes } from '../format-bytes';
import { createDemoDisks, DEMO_SIZE_BYTES, type DemoProgress } from './demo-disk';

export function DemoDiskPanel(props: { onChanged(selectId?: string): void }) {
  const { t, locale } = useI18n();
  const lab = useDiskLab();
  const twinId = createUniqueId();
  const [withTwin, setWithTwin] = createSignal(false);
  const [progress, setProgress] = createSignal<DemoProgress>();
  const [error, setError] = createSignal<ErrorText>();

  async function create() {
    setError(undefined);
    setProgress({ done: 0, total: 1 });
    let createdId: string | undefined;
    try {
      const result = await createDemoDisks(lab, {
        withPlainTwin: withTwin(),
        onKey: (diskId, handle) => {
          createdId = diskId;
          lab.keys.set(diskId, handle);
          props.onChanged(diskId); // the list shows it at once, filling
        },
        onProgress: setProgress,
      });
      props.onChanged(result.encrypted.id);
    } catch (failure) {
      console.error('demo disk:', failure);
      setError(describeError(failure));
      props.onChanged(createdId);
    } finally {
      setProgress(undefined);
    }
  }

  return (
    <section class="panel demo-panel" aria-labelledby="demo-title" aria-busy={progress() !== undefined}>
      <h2 id="demo-title">{t('demo.title')}</h2>
      <p class="panel__description">{t('demo.description', { size: formatBytes(DEMO_SIZE_BYTES, locale()) })}</p>
      <p class="notice notice--info">{t('demo.sessionNote')}</p>
      <label class="checkbox" for={twinId}>
        <input id={twinId} type="checkbox" checked={withTwin()} onChange={(e) => setWithTwin(e.currentTarget.checked)} disabled={progress() !== undefined} />
        <span>{t('demo.twin')}</span>
      </label>
      <div class="demo-panel__actions">
        <button type="button" class="button" onClick={create} disabled={progress() !== undefined} data-testid="create-demo">
          {progress() ? t('demo.creating') : t('demo.create')}
        </button>
        <Show when={progress()}>
          {(p) => (
            <span class="demo-panel__progress" role="status">
              <progress class="progress" aria-label={t('demo.progress')} max={p().total} value={p().done} />
              <span class="muted">{t('demo.progressText', { done: p().done, total: p().total })}</span>
            </span>
          )}
        </Show>
      </div>
      <Show when={error()}>{(e) => <ErrorNote error={e()} testId="demo-error" />}</Show>
    </section>
  );
}
