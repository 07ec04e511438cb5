// The snapshot list's table: name and id (a link), status with Progress while it runs, source disk
// or the snapshot it was copied from (and its region), size, encryption with key and health.
import { For, Show } from 'solid-js';
import { useI18n } from '../../i18n/I18nProvider';
import type { KeyInfo, Snapshot } from './ecs-client';
import { ecsHref, resourceHref } from './ecs-route';
import { EncryptionCell } from './EncryptionCell';
import { ProgressCell } from './ProgressCell';

export function SnapshotTable(props: { snapshots: readonly Snapshot[]; keys: readonly KeyInfo[]; regionId: string }) {
  const { t } = useI18n();
  return (
    <div class="table-wrap">
      <table class="table ecs-table" data-testid="snapshot-table">
        <caption>{t('ecs.snapshots.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ecs.col.snapshot')}</th>
            <th scope="col">{t('ecs.col.status')}</th>
            <th scope="col">{t('ecs.col.source')}</th>
            <th scope="col">{t('ecs.col.size')}</th>
            <th scope="col">{t('ecs.col.encryption')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.snapshots}>
            {(s) => (
              <tr data-snapshot-id={s.SnapshotId}>
                <th scope="row">
                  <a href={ecsHref('snapshots', s.SnapshotId)} class="ecs-table__name">{s.SnapshotName || s.SnapshotId}</a>
                  <code class="kms-id">{s.SnapshotId}</code>
                </th>
                <td><ProgressCell status={s.Status} progress={s.Progress} /></td>
                <td>
                  <Show when={s.SourceSnapshotId} fallback={<a href={ecsHref('disks', s.SourceDiskId)}><code>{s.SourceDiskId}</code></a>}>
                    {t('ecs.snapshot.copyOf')} <a href={resourceHref(s.SourceSnapshotId, s.SourceRegionId, props.regionId)}><code>{s.SourceSnapshotId}</code></a>
                    <Show when={s.SourceRegionId && s.SourceRegionId !== s.RegionId}> ({s.SourceRegionId})</Show>
                  </Show>
                </td>
                <td>{s.SourceDiskSize} GiB</td>
                <td><EncryptionCell encrypted={s.Encrypted} keyId={s.KMSKeyId} keys={props.keys} /></td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}
