// The snapshot list (#/ecs/snapshots): DescribeSnapshots (every status) of the region, refreshed while
// a snapshot or a copy is progressing so its Progress moves.
import { Show, createSignal } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import { CloudErrorNote } from '../errors/CloudErrorNote';
import { createEcsAction } from './ecs-action';
import type { Snapshot } from './ecs-client';
import type { EcsPageProps } from './DiskListPage';
import { useRegion } from './region-context';
import { SnapshotTable } from './SnapshotTable';
import { useRefresh } from './use-refresh';

export function SnapshotListPage(props: EcsPageProps) {
  const { t } = useI18n();
  const region = useRegion();
  const [snapshots, setSnapshots] = createSignal<Snapshot[]>();
  const load = createEcsAction();
  const refresh = async () => {
    const done = await load.run(async () => {
      const list = await props.client.snapshots();
      await props.keys.load();
      return list;
    });
    if (done) setSnapshots(done.value);
  };
  useRefresh(refresh, () => (snapshots() ?? []).some((s) => s.Status === 'progressing'));
  return (
    <section class="panel" aria-labelledby="ecs-snapshots-title" data-testid="ecs-snapshot-list">
      <div class="panel__head">
        <h2 id="ecs-snapshots-title">{t('ecs.snapshots.title')}</h2>
        <div class="kms-actions">
          <Show when={load.isBusy()}><span class="spinner" role="status" aria-label={t('ecs.loading')} /></Show>
          <button type="button" class="button button--quiet" disabled={load.isBusy()} onClick={() => void refresh()}>{t('ecs.refresh')}</button>
        </div>
      </div>
      <p class="ecs-small">{t('ecs.snapshots.intro')}</p>
      <Show when={load.error()}>{(error) => <CloudErrorNote error={error()} />}</Show>
      <Show when={snapshots()} fallback={<p class="muted">{t('ecs.loading')}</p>}>
        {(list) => (
          <Show when={list().length > 0} fallback={<p class="muted" data-testid="no-snapshots">{t('ecs.snapshots.empty')}</p>}>
            <SnapshotTable snapshots={list()} keys={props.keys.keys()} regionId={region.regionId()} />
          </Show>
        )}
      </Show>
    </section>
  );
}
